# gen.awk: a `git fast-import` stream for one commit of NFILES small source
# files (.py .ts .go .md .json .yaml) in a few hundred directories; about
# 3% of the code and config files pin a model snapshot id.
# Deterministic: its own Park-Miller generator (exact in any awk's doubles,
# so mawk, gawk and busybox awk give the same tree) and fixed dates.
# Usage: LC_ALL=C awk -v nfiles=50000 -f gen.awk | git fast-import --quiet
# Lengths are byte counts only under LC_ALL=C (the text is ASCII anyway).

function rnd(m) { seed = (seed * 16807) % 2147483647; return seed % m }
function cap(s) { return toupper(substr(s, 1, 1)) substr(s, 2) }
function word() { return words[rnd(nwords) + 1] }
function pinned() { return pins[rnd(npins) + 1] }

function py(i, pin,    c, k, n, w) {
	w = word()
	c = "\"\"\"" cap(w) " " word() " helpers (module " i ").\"\"\"\n" \
	    "import logging\nimport os\nfrom typing import Any, Dict, List\n\n" \
	    "log = logging.getLogger(__name__)\n"
	if (pin == 1)
		c = c "MODEL = \"" pinned() "\"\n"
	c = c "\n\nclass " cap(w) cap(word()) i ":\n" \
	    "    def __init__(self, cfg: Dict[str, Any]) -> None:\n" \
	    "        self.cfg = cfg\n        self.limit = int(os.environ.get(\"" toupper(w) "_LIMIT\", \"" rnd(1000) "\"))\n"
	n = 2 + rnd(14)
	for (k = 0; k < n; k++) {
		c = c "\n    def " word() "_" k "(self, items: List[int]) -> int:\n" \
		    "        total = 0\n        for x in items:\n" \
		    "            total += x * " rnd(97) "\n"
		if (pin == 2 && k == 0)
			c = c "        resp = self.client.chat.completions.create(model=\"" pinned() "\", messages=[])\n"
		c = c "        log.debug(\"" word() " %d\", total)\n        return total\n"
	}
	return c
}

function ts(i, pin,    c, k, n, w) {
	w = word()
	c = "import { " cap(w) "Client } from \"../lib/" w "\";\n" \
	    "import type { " cap(word()) "Options } from \"./types\";\n\n"
	if (pin == 1)
		c = c "const MODEL = \"" pinned() "\";\n\n"
	c = c "export interface " cap(w) "Props" i " {\n  id: string;\n  count: number;\n  label?: string;\n}\n"
	n = 2 + rnd(12)
	for (k = 0; k < n; k++) {
		c = c "\nexport function " word() cap(word()) k "(p: " cap(w) "Props" i "): number {\n" \
		    "  const base = p.count * " rnd(97) ";\n"
		if (pin == 2 && k == 0)
			c = c "  const req = { model: \"" pinned() "\", max_tokens: 1024 };\n"
		c = c "  return p.label ? base + p.label.length : base - " rnd(50) ";\n}\n"
	}
	return c
}

function go(i, pkg, pin,    c, k, n) {
	c = "// Package " pkg " " word() " " word() " (file " i ").\npackage " pkg "\n\n" \
	    "import (\n\t\"context\"\n\t\"fmt\"\n)\n\n"
	if (pin)
		c = c "const Model = \"" pinned() "\"\n\n"
	n = 2 + rnd(12)
	for (k = 0; k < n; k++)
		c = c "// " cap(word()) cap(word()) i "_" k " " word() " " word() ".\n" \
		    "func " cap(word()) cap(word()) i "_" k "(ctx context.Context, n int) (string, error) {\n" \
		    "\tif err := ctx.Err(); err != nil {\n\t\treturn \"\", err\n\t}\n" \
		    "\treturn fmt.Sprintf(\"%s-%d\", \"" word() "\", n*" rnd(97) "), nil\n}\n\n"
	return c
}

function md(i,    c, k, n, j, m) {
	c = "# " cap(word()) " " word() " " i "\n\n"
	n = 2 + rnd(8)
	for (k = 0; k < n; k++) {
		c = c "## " cap(word()) " " word() "\n\n"
		m = 8 + rnd(40)
		for (j = 0; j < m; j++)
			c = c word() (j % 12 == 11 ? ".\n" : " ")
		c = c "\n\n- " word() " " word() "\n- `" word() "_" rnd(100) "`\n\n"
	}
	return c
}

function json(i, pin,    c, k, n) {
	c = "{\n  \"name\": \"@acme/" word() "-" i "\",\n  \"version\": \"1." rnd(20) "." rnd(100) "\",\n"
	if (pin)
		c = c "  \"model\": \"" pinned() "\",\n"
	c = c "  \"settings\": {\n"
	n = 2 + rnd(15)
	for (k = 0; k < n; k++)
		c = c "    \"" word() "_" k "\": " (k % 3 ? rnd(10000) : "\"" word() "\"") (k < n - 1 ? ",\n" : "\n")
	return c "  }\n}\n"
}

function yaml(i, pin,    c, k, n) {
	c = "# " word() " " word() " configuration\nname: " word() "-" i "\nreplicas: " (1 + rnd(5)) "\n"
	if (pin)
		c = c "llm:\n  provider: " (rnd(2) ? "openai" : "anthropic") "\n  model: " pinned() "\n  temperature: 0.2\n"
	c = c "env:\n"
	n = 2 + rnd(15)
	for (k = 0; k < n; k++)
		c = c "  - name: " toupper(word()) "_" k "\n    value: \"" word() "-" rnd(1000) "\"\n"
	return c
}

BEGIN {
	if (nfiles == "")
		nfiles = 50000
	seed = 42
	nwords = split("user account order invoice payment cart session token cache queue " \
		"worker event stream metric report search index config client server router " \
		"handler model prompt embed vector store retry limit batch job task schedule " \
		"notify email upload image audit policy tenant billing export import sync", words, " ")
	npins = split("gpt-4o-2024-08-06 claude-3-5-sonnet-20241022 gpt-4o-mini-2024-07-18 " \
		"claude-3-5-haiku-20241022", pins, " ")
	nareas = split("services packages libs apps tools infra web docs", areas, " ")
	nsubs = split("src tests config lib internal scripts api handlers utils models", subs, " ")

	# ~125 files per leaf directory; 4 leaves per component; components
	# spread over the areas: about 400 leaves + 100 components + 8 areas.
	ncomp = int(nfiles / 500)
	if (ncomp < 1)
		ncomp = 1
	ndirs = 0
	for (c = 0; c < ncomp; c++) {
		comp = areas[c % nareas + 1] "/" word() "-" word() "-" c
		for (j = 0; j < 4; j++) {
			dirs[ndirs] = comp "/" subs[(c + j * 3) % nsubs + 1]
			pkgs[ndirs] = subs[(c + j * 3) % nsubs + 1]
			ndirs++
		}
	}

	msg = "Import the benchmark tree\n"
	printf "commit refs/heads/main\n"
	printf "author Bench <bench@example.invalid> 1700000000 +0000\n"
	printf "committer Bench <bench@example.invalid> 1700000000 +0000\n"
	printf "data %d\n%s", length(msg), msg
	for (i = 0; i < nfiles; i++) {
		d = rnd(ndirs)
		e = rnd(100)
		pin = rnd(100) < 3 ? 1 + rnd(2) : 0
		base = word() "_" word() "_" i
		if (e < 25)      { path = base ".py";   body = py(i, pin) }
		else if (e < 50) { path = base ".ts";   body = ts(i, pin) }
		else if (e < 65) { path = base ".go";   body = go(i, pkgs[d], pin) }
		else if (e < 75) { path = base ".md";   body = md(i) }
		else if (e < 87) { path = base ".json"; body = json(i, pin) }
		else             { path = base ".yaml"; body = yaml(i, pin) }
		printf "M 100644 inline %s/%s\ndata %d\n%s\n", dirs[d], path, length(body), body
	}
	printf "\n"
}
