# pushgen.awk: a `git fast-import` stream for a branch of NCOMMITS commits on
# top of the gen.awk tree, the kind of history a feature branch pushes: each
# commit edits 2 to 5 nearby files (a new method or function, a changed
# constant, an extra field, key or list entry, an error wrapped, a doc
# paragraph), and about 8% of the edits add a line that pins a model
# snapshot (`gpt-4o-2024-08-06`, ...). Lines are only added or changed in
# place, never deleted, and no line holding a pinned id is touched, so no
# commit replaces one pinned id with another (a bump, which would need an
# Eval-Result trailer) and none names an alias: pincheck accepts the push.
# About 5% of the commits also add a new file.
#
# Input: `git cat-file --batch='%(objectname) %(objecttype) %(objectsize) %(rest)'`
# fed with "BLOB PATH" lines: the files the branch may edit (its pool).
# Variables: ncommits (default 1000), from (the base commit, required),
# ref (default refs/heads/bench), alias_ref (optional: one more commit on
# top of the branch, on that ref, adding `model = "gpt-4o"`: a control the
# hook must reject).
# Deterministic: gen.awk's Park-Miller generator and fixed dates. Run under
# LC_ALL=C (lengths are byte counts).

function rnd(m) { seed = (seed * 16807) % 2147483647; return seed % m }
function cap(s) { return toupper(substr(s, 1, 1)) substr(s, 2) }
function word() { return words[rnd(nwords) + 1] }
function pinned() { return pins[rnd(npins) + 1] }
function ext(p) { sub(/.*\./, "", p); return p }
function dirname(p) { sub(/\/[^\/]*$/, "", p); return p }

# The text with INS inserted after the first line matching RE (at the end
# when no line matches).
function insert_after(s, re, ins,    pos, rest) {
	if (match(s, re)) {
		rest = substr(s, RSTART + RLENGTH)
		pos = index(rest, "\n")
		if (pos) {
			pos += RSTART + RLENGTH - 1
			return substr(s, 1, pos) ins substr(s, pos + 1)
		}
	}
	return s ins
}

# The text with the number in one match of PRE[0-9]+ (chosen at random)
# replaced by another; "" when nothing matches.
function renumber(s, pre,    n, at, len, off, rest, k, old, new) {
	n = 0; off = 0; rest = s
	while (match(rest, pre "[0-9]+")) {
		n++
		at[n] = off + RSTART; len[n] = RLENGTH
		off += RSTART + RLENGTH - 1
		rest = substr(rest, RSTART + RLENGTH)
	}
	if (!n)
		return ""
	k = 1 + rnd(n)
	old = substr(s, at[k], len[k])
	match(old, /[0-9]+$/)
	new = substr(old, 1, RSTART - 1) (substr(old, RSTART) + 1 + rnd(50))
	return substr(s, 1, at[k] - 1) new substr(s, at[k] + len[k])
}

# One edit of file content S (a .EXT file); PIN: add a pinned id. T tags
# new names so that they stay unique.
function edit(s, e, pin, t,    k, w, r) {
	w = word()
	k = rnd(4)
	if (e == "py") {
		if (pin)
			return rnd(2) ? insert_after(s, "\nlog = logging[^\n]*", "FALLBACK_MODEL_" t " = \"" pinned() "\"\n") \
			              : s "\n    def " w "_summary_" t "(self, prompt: str) -> str:\n" \
			                  "        resp = self.client.chat.completions.create(model=\"" pinned() "\", messages=[{\"role\": \"user\", \"content\": prompt}])\n" \
			                  "        return resp.choices[0].message.content\n"
		if (k == 0 && (r = renumber(s, "x \\* ")) != "")
			return r
		if (k == 1 && s ~ /total = 0/)
			return insert_after(s, "total = 0", "        if not items:\n            log.debug(\"" w " %s: empty\", self.cfg.get(\"name\"))\n            return 0\n")
		return s "\n    def " w "_" t "(self, items: List[int]) -> int:\n" \
		         "        \"\"\"" cap(w) " " word() " over the items above the limit.\"\"\"\n" \
		         "        return sum(x * " rnd(97) " for x in items if x > self.limit)\n"
	}
	if (e == "ts") {
		if (pin)
			return insert_after(s, "from \"\\./types\";", "export const FALLBACK_MODEL_" t " = \"" pinned() "\";\n")
		if (k == 0 && (r = renumber(s, "base - ")) != "")
			return r
		if (k == 1 && s ~ /  count: number;/)
			return insert_after(s, "  count: number;", "  " w cap(word()) t "?: number;\n")
		return s "\nexport function " w cap(word()) t "(items: number[], limit = " rnd(500) "): number {\n" \
		         "  return items.filter((x) => x > limit).reduce((a, b) => a + b, 0);\n}\n"
	}
	if (e == "go") {
		if (pin)
			return s "// FallbackModel" t " is used when the primary model is unavailable.\n" \
			         "const FallbackModel" t " = \"" pinned() "\"\n\n"
		if (k == 0 && (r = renumber(s, "n\\*")) != "")
			return r
		if (k == 1 && match(s, /\t\treturn "", err\n/))
			return substr(s, 1, RSTART - 1) "\t\treturn \"\", fmt.Errorf(\"" w ": %w\", err)\n" substr(s, RSTART + RLENGTH)
		return s "// " cap(w) cap(word()) t " " word() " " word() ".\n" \
		         "func " cap(w) cap(word()) t "(ctx context.Context, xs []int) (int, error) {\n" \
		         "\tsum := 0\n\tfor _, x := range xs {\n\t\tif err := ctx.Err(); err != nil {\n\t\t\treturn 0, err\n\t\t}\n" \
		         "\t\tsum += x * " rnd(97) "\n\t}\n\treturn sum, nil\n}\n\n"
	}
	if (e == "md") {
		if (pin)
			return s "\nThe " w " service pins `" pinned() "`; see the eval results before changing it.\n"
		if (k == 0 && s ~ /\n- /)
			return insert_after(s, "\n- [^\n]*", "- " w " " word() " (" t ")\n")
		return s "## " cap(w) " " word() " notes\n\nThe " w " " word() " now retries " (1 + rnd(5)) " times before it reports the " word() ".\n\n"
	}
	if (e == "json") {
		if (pin)
			return insert_after(s, "\"version\": [^\n]*", "  \"fallback_model_" t "\": \"" pinned() "\",\n")
		if (k < 2 && (r = renumber(s, "\": ")) != "")
			return r
		if (s ~ /"settings": \{/)
			return insert_after(s, "\"settings\": \\{", "    \"" w "_" t "\": " rnd(10000) ",\n")
		return s
	}
	if (e == "yaml") {
		if (pin)
			return s "fallback_" t ":\n  model: " pinned() "\n"
		if (k == 0 && (r = renumber(s, "replicas: ")) != "")
			return r
		return s "  - name: " toupper(w) "_" t "\n    value: \"" word() "-" rnd(1000) "\"\n"
	}
	return s "\n"
}

function new_file(e, t,    w, c) {
	w = word()
	if (e == "py")
		return "\"\"\"" cap(w) " " word() " (added in change " t ").\"\"\"\nimport logging\n\nlog = logging.getLogger(__name__)\n\n\n" \
		       "def " w "_" t "(items):\n    return [x for x in items if x]\n"
	if (e == "ts")
		return "import type { " cap(w) "Options } from \"./types\";\n\nexport interface " cap(w) "Row" t " {\n  id: string;\n  count: number;\n}\n\n" \
		       "export function " w t "(o: " cap(w) "Options): string {\n  return JSON.stringify(o);\n}\n"
	if (e == "go")
		return "package " pkg "\n\nimport (\n\t\"context\"\n\t\"fmt\"\n)\n\n// " cap(w) t " " word() ".\n" \
		       "func " cap(w) t "(ctx context.Context) error {\n\tif err := ctx.Err(); err != nil {\n\t\treturn fmt.Errorf(\"" w ": %w\", err)\n\t}\n\treturn nil\n}\n"
	if (e == "md")
		return "# " cap(w) " " word() "\n\n- owner: " word() "\n- status: draft\n"
	if (e == "json")
		return "{\n  \"name\": \"@acme/" w "-" t "\",\n  \"version\": \"0.1.0\",\n  \"settings\": {\n    \"" word() "\": " rnd(100) "\n  }\n}\n"
	return "name: " w "-" t "\nreplicas: 1\nenv:\n  - name: " toupper(word()) "\n    value: \"" word() "\"\n"
}

function data(s) { printf "data %d\n%s", length(s), s }

# Input: a header line, then SIZE bytes of content, then one LF.
skip { skip = 0; next }
reading == 0 {
	if ($2 != "blob" || NF < 4) {
		print "pushgen.awk: unexpected cat-file line: " $0 >"/dev/stderr"
		failed = 1
		exit 2
	}
	size = $3; path = $4; body = ""; got = 0
	if (size == 0) { pool[++np] = path; text[path] = ""; skip = 1 } else reading = 1
	next
}
{
	body = body $0 "\n"; got += length($0) + 1
	if (got >= size) {
		if (got > size)
			body = substr(body, 1, size) # no final LF: this line held the separator
		else
			skip = 1
		pool[++np] = path; text[path] = body; reading = 0
	}
}

END {
	if (failed)
		exit 2
	if (reading || np == 0 || from == "") {
		print "pushgen.awk: need a pool of files on stdin and -v from=COMMIT" >"/dev/stderr"
		exit 2
	}
	if (ncommits == "")
		ncommits = 1000
	if (ref == "")
		ref = "refs/heads/bench"
	seed = 4242
	nwords = split("user account order invoice payment cart session token cache queue " \
		"worker event stream metric report search index config client server router " \
		"handler model prompt embed vector store retry limit batch job task schedule " \
		"notify email upload image audit policy tenant billing export import sync", words, " ")
	# snapshots not retired (a retired one is a `deprecated` warning)
	npins = split("gpt-4o-2024-08-06 claude-sonnet-4-5-20250929 gpt-4o-mini-2024-07-18 " \
		"claude-haiku-4-5-20251001 gpt-4.1-2025-04-14", pins, " ")
	nverbs = split("Tune Fix Add Refactor Log Document Harden Simplify Extend Clean", verbs, " ")
	nauth = split("Ada:ada Grace:grace Linus:linus Barbara:barbara Ken:ken", authors, " ")

	edits = pinadds = added = 0
	for (c = 1; c <= ncommits; c++) {
		# 2 to 5 files near each other in the sorted pool: one area of the code
		nf = 2 + rnd(4)
		anchor = 1 + rnd(np)
		n = 0
		delete picked
		for (tries = 0; n < nf && tries < 50; tries++) {
			i = anchor + rnd(16) - 8
			if (i < 1 || i > np || (i in picked))
				continue
			picked[i] = 1
			files[++n] = pool[i]
		}
		split(authors[1 + rnd(nauth)], a, ":")
		when = 1700003600 + c * 900
		msg = verbs[1 + rnd(nverbs)] " " word() " " word() " in " dirname(files[1]) "\n\n" \
		      "Part " c " of the " word() " " word() " work.\n"
		printf "commit %s\nmark :%d\n", ref, c
		printf "author %s <%s@example.invalid> %d +0000\n", a[1], a[2], when
		printf "committer %s <%s@example.invalid> %d +0000\n", a[1], a[2], when
		data(msg)
		if (c == 1)
			printf "from %s\n", from
		for (j = 1; j <= n; j++) {
			p = files[j]
			pin = rnd(100) < 8
			text[p] = edit(text[p], ext(p), pin, c)
			edits++; pinadds += pin
			printf "M 100644 inline %s\n", p
			data(text[p])
		}
		if (rnd(100) < 5) {
			e = ext(files[1])
			pkg = dirname(files[1]); sub(/.*\//, "", pkg)
			p = dirname(files[1]) "/" word() "_" word() "_new_" c "." e
			text[p] = new_file(e, c)
			for (i = ++np; i > anchor + 1; i--) # next to its neighbours
				pool[i] = pool[i - 1]
			pool[anchor + 1] = p
			added++
			printf "M 100644 inline %s\n", p
			data(text[p])
		}
		printf "\n"
	}
	if (alias_ref != "") {
		for (i = 1; i < np && ext(pool[i]) != "py"; i++)
			;
		p = pool[i]
		printf "commit %s\nmark :%d\n", alias_ref, ncommits + 1
		printf "author Bench <bench@example.invalid> %d +0000\n", when + 900
		printf "committer Bench <bench@example.invalid> %d +0000\n", when + 900
		data("Use the floating alias (a control: the hook must reject this)\n")
		printf "from :%d\n", ncommits
		printf "M 100644 inline %s\n", p
		data(text[p] "\nmodel = \"gpt-4o\"\n")
		printf "\n"
	}
	printf "pushgen.awk: %d commits, %d file edits, %d of them adding a pinned id, %d new files\n", \
		ncommits, edits, pinadds, added >"/dev/stderr"
}
