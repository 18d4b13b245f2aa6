# gen-inventories.awk: N inventories as `pincheck --format json pins` writes
# them, one file a repository, for the `pincheck merge` benchmark (run.sh).
#
#   awk -v dir=DIR -v n=1000 -v models=200 -v pool=400 -f gen-inventories.awk
#
# Repository i holds `models` distinct ids out of a pool of `pool` (every
# other one, from an offset of its own, so ids are shared by about half the
# repositories), each with three locations of varied roles; a third of the
# pool is pinned, with a retirement date and a drill status. Deterministic:
# the same arguments give the same files.
BEGIN {
	split("openai anthropic google mistral meta", prov, " ")
	split("alias pinned no-snapshot", cls, " ")
	split("choice mention data prose", role, " ")
	split("ok no-eval overdue retiring retired", drill, " ")
	for (i = 0; i < n; i++) {
		f = sprintf("%s/inv-%04d.json", dir, i)
		printf "{\"version\": 1, \"repository\": \"https://git.example.com/org/repo-%04d.git\", ", i > f
		printf "\"revision\": \"%08x%032d\", \"today\": \"2026-12-01\", \"models\": [", i * 2654435761 % 4294967296, i > f
		for (k = 0; k < models; k++) {
			j = (i + 2 * k) % pool
			p = prov[j % 5 + 1]
			c = cls[j % 3 + 1]
			printf "%s\n  {\"model\": \"%s-model-%03d\", \"provider\": \"%s\", \"class\": \"%s\", ", k ? "," : "", p, j, p, c > f
			printf "\"rule\": \"%s-rule\", \"count\": 3, \"deprecated\": null, ", p > f
			if (c == "pinned")
				printf "\"retires\": \"2027-%02d-15\", \"replacement\": null, \"drill\": \"%s\", ", j % 12 + 1, drill[(i + j) % 5 + 1] > f
			else
				printf "\"retires\": null, \"replacement\": null, \"drill\": null, " > f
			printf "\"locations\": [" > f
			for (l = 0; l < 3; l++)
				printf "%s{\"path\": \"src/m%d/f%d.py\", \"line\": %d, \"column\": 9, \"prose\": false, \"role\": \"%s\"}", l ? ", " : "", j, l, 10 + l, role[(j + l) % 4 + 1] > f
			printf "]}" > f
		}
		printf "\n]}\n" > f
		close(f)
	}
}
