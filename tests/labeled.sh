#!/bin/sh
# labeled.sh: check the built-in rules against the catalog's labelled ids.
#
# Every row of tests/data/labeled-ids.tsv, whatever its provider (openai,
# anthropic, anthropic-vertex, google, bedrock, mistral, cohere, xai, deepseek,
# openrouter, ollama, …), must get its expected class (alias, pinned,
# no-snapshot) from `pincheck pins`, with the id written in code of several
# languages:
#   bare         the id alone on a line of bare.txt
#   py           model="ID"                   in code.py
#   json         "model": "ID"                in config.json
#   yaml         model: ID                    in config.yaml
#   env          MODEL=ID                     in .env
#   ts           const model = "ID";          in client.ts
#   go           Model: "ID",  (a struct literal in a function) in client.go
#   toml         model = "ID"                 in config.toml
#   md           model="ID" in a ```python fenced block of README.md, after
#                a paragraph that names the id (prose, which must not count)
# Short ids that are also ordinary words (o1, o3, Cohere's command, a bare
# llama3) only mean a model in context, so bare.txt quotes them ("o1"); every
# other form already shows a model is meant. Nothing else may be found in the
# file. The reported model must be the id itself, or its last part after a
# tool prefix the rules leave out (bedrock/…, vertex_ai/…, gemini/…,
# mistral/…, xai/…, deepseek/…).
#
# Speaks TAP. Needs only sh, awk, sed and grep. PINCHECK is the binary
# (tests/run.sh sets it). The table is the project's own test data, so the
# suite needs nothing outside the repository.
top=$(cd "$(dirname "$0")/.." && pwd)
PINCHECK=${PINCHECK:-$top/build/pincheck}
labeled=$top/tests/data/labeled-ids.tsv

if [ ! -r "$labeled" ]; then
	echo "1..1"
	echo "not ok 1 - labelled ids readable at $labeled"
	exit 1
fi
if [ ! -x "$PINCHECK" ]; then
	echo "1..1"
	echo "not ok 1 - pincheck binary at $PINCHECK"
	exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
mkdir "$tmp/scan"

# The rows under test (all of them): NUMBER TAB ID TAB PROVIDER TAB CLASS.
awk -F '\t' '/^#/ { next } !header { header = 1; next } $1 != "" {
		n++; printf "%03d\t%s\t%s\t%s\n", n, $1, $2, $3
	}' "$labeled" >"$tmp/rows"

# One directory per row, one file per way of writing the id; the expectations
# go to "expect" as PATH TAB ID TAB PROVIDER TAB CLASS TAB FORM.
tab=$(printf '\t')
while IFS=$tab read -r n id prov class; do
	d=$tmp/scan/r$n
	mkdir "$d"
	case $id in
	o[0-9]|o[0-9][0-9]|command|llama[0-9]|llama[0-9].[0-9])
		printf '"%s"\n' "$id" >"$d/bare.txt" ;;
	*) printf '%s\n' "$id" >"$d/bare.txt" ;;
	esac
	printf 'model="%s"\n' "$id" >"$d/code.py"
	printf '{\n  "model": "%s"\n}\n' "$id" >"$d/config.json"
	printf 'model: %s\n' "$id" >"$d/config.yaml"
	printf 'MODEL=%s\n' "$id" >"$d/.env"
	printf 'import OpenAI from "openai";\n\nconst model = "%s";\nconst client = new OpenAI();\n' \
		"$id" >"$d/client.ts"
	printf 'package main\n\nfunc request() Request {\n\treturn Request{\n\t\tModel: "%s",\n\t\tMaxTokens: 512,\n\t}\n}\n' \
		"$id" >"$d/client.go"
	printf '[llm]\nmodel = "%s"\ntemperature = 0.2\n' "$id" >"$d/config.toml"
	# shellcheck disable=SC2016 # the backticks are a Markdown fence, not a command
	printf '# Usage\n\nThis calls %s (prose: never counted):\n\n```python\nreply = client.chat(model="%s", messages=msgs)\n```\n' \
		"$id" "$id" >"$d/README.md"
	for f in bare.txt:bare code.py:py config.json:json config.yaml:yaml .env:env \
		client.ts:ts client.go:go config.toml:toml README.md:md; do
		printf 'r%s/%s\t%s\t%s\t%s\t%s\n' "$n" "${f%%:*}" "$id" "$prov" \
			"$class" "${f#*:}"
	done >>"$tmp/expect"
done <"$tmp/rows"

# Run from the temporary directory: started inside a repository, pincheck
# would read "$tmp/scan" as a path in that repository.
(cd "$tmp" && "$PINCHECK" --format json pins scan) >"$tmp/out.json" 2>"$tmp/err"
rc=$?
total=$(awk 'END { print NR }' "$tmp/expect")
if [ "$rc" -gt 1 ] || ! grep -q '"models"' "$tmp/out.json"; then
	echo "1..1"
	echo "not ok 1 - pincheck --format json pins exited $rc"
	sed -e 's/^/# /' "$tmp/err"
	exit 1
fi

# pins JSON to PATH TAB MODEL TAB CLASS, one line per location. The JSON
# layout (spacing, line breaks) is not assumed; model ids and these paths
# contain no quotes.
awk '{ buf = buf $0 " " }
END {
	gsub(/\\\//, "/", buf)
	n = split(buf, part, /"model"[ \t]*:[ \t]*"/)
	for (i = 2; i <= n; i++) {
		p = part[i]
		model = substr(p, 1, index(p, "\"") - 1)
		cls = p
		if (!sub(/.*"class"[ \t]*:[ \t]*"/, "", cls)) cls = "?\""
		cls = substr(cls, 1, index(cls, "\"") - 1)
		rest = p
		while (match(rest, /"path"[ \t]*:[ \t]*"[^"]*"/)) {
			s = substr(rest, RSTART, RLENGTH)
			rest = substr(rest, RSTART + RLENGTH)
			sub(/^"path"[ \t]*:[ \t]*"/, "", s)
			sub(/"$/, "", s)
			printf "%s\t%s\t%s\n", s, model, cls
		}
	}
}' "$tmp/out.json" >"$tmp/found"

echo "1..$total"
awk -F '\t' -v expected="$total" '
# Paths are reported relative to wherever pincheck chose; keep rNNN/FILE.
function key(path) {
	if (match(path, /r[0-9][0-9][0-9]\/[^\/]+$/))
		return substr(path, RSTART)
	return path
}
FILENAME == ARGV[1] {
	k = key($1)
	cnt[k]++
	got[k] = got[k] (got[k] == "" ? "" : ", ") $2 " (" $3 ")"
	model[k] = $2
	cls[k] = $3
	next
}
{
	k = $1; id = $2; want = $4
	ok = cnt[k] == 1 && cls[k] == want &&
	     (model[k] == id ||
	      (length(id) > length(model[k]) &&
	       substr(id, length(id) - length(model[k])) == "/" model[k]))
	t++
	if (ok) {
		printf "ok %d - %s %s is %s (%s)\n", t, $3, id, want, $5
	} else {
		bad++
		printf "not ok %d - %s %s is %s (%s)\n", t, $3, id, want, $5
		printf "#   found: %s\n", cnt[k] ? got[k] : "nothing"
	}
}
END {
	if (t != expected) {
		printf "not ok %d - %d checks run, %d planned\n", t + 1, t, expected
		bad++
	}
	exit bad ? 1 : 0
}' "$tmp/found" "$tmp/expect"
