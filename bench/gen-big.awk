# gen-big.awk: a `git fast-import` stream for one commit of a large monorepo:
# NFILES files (default 100,000) averaging about 10.7 KB each at SCALE 1,
# so about 1 GiB at the default size. It is what `bench/run.sh` scans.
#
# The tree, by share of files:
#   .py .ts .go  code, 62%: modules of 1 to 160 functions (most are small,
#                a few are very large), with imports, comments, docstrings
#   .md          docs, 10%: headings, paragraphs, lists, fenced code
#   .json .yaml  config, 26%: settings objects, Kubernetes-like manifests
#   .png         binary, 1% (2 to 64 KiB, with NUL bytes: every tool skips them)
#   large        generated files, 0.6%: package-lock.json (0.1 to 1.5 MB),
#                minified .js bundles (lines of 4 to 64 KB), .pb.go files,
#                .csv data
# Model ids, about as often as in a codebase that calls LLMs from many
# services: about 3.5% of the code and config files name a pinned snapshot
# (gpt-4o-2024-08-06, claude-3-5-sonnet-20241022, gemini-1.5-pro-002,
# mistral-large-2411, ...), about 0.5% a floating alias (gpt-4o,
# claude-3-5-sonnet-latest, gemini-1.5-flash, ...), and 3% of the Markdown
# files mention one in prose. Words such as "command", "model", "prompt" and
# "llama" appear in ordinary code too, as they do in real code.
#
# Fast enough for 1 GiB in mawk: function bodies, sections and manifests come
# from pools rendered once (1,024 of each kind); each file draws from them
# and only its names, numbers and model lines are its own. So every blob is
# distinct, but the text repeats across files about as much as boilerplate
# does in a real monorepo (the pack compresses well).
#
# Deterministic: gen.awk's Park-Miller generator (exact in any awk's doubles)
# and fixed dates. Binary files hold NUL bytes, which mawk and gawk handle
# (busybox awk does not). Run under LC_ALL=C: lengths are byte counts.
# Usage: LC_ALL=C awk -v nfiles=100000 -v scale=1 -f gen-big.awk | git fast-import --quiet

function rnd(m) { seed = (seed * 16807) % 2147483647; return seed % m }
function cap(s) { return toupper(substr(s, 1, 1)) substr(s, 2) }
function word() { return words[rnd(nwords) + 1] }
function pinned() { return pins[rnd(npins) + 1] }
function alias() { return aliases[rnd(naliases) + 1] }
function hex(n,    s, k) { s = ""; for (k = 0; k < n; k++) s = s substr("0123456789abcdef", rnd(16) + 1, 1); return s }
function b64(n,    s, k) {
	s = ""
	for (k = 0; k < n; k++)
		s = s substr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", rnd(64) + 1, 1)
	return s
}

# The current file is collected as pieces (no quadratic string growth) and
# written with its exact length.
function out(s) { piece[npiece++] = s; flen += length(s) }
function flush(path, mode,    k) {
	printf "M %s inline %s\ndata %d\n", mode, path, flen
	for (k = 0; k < npiece; k++)
		printf "%s", piece[k]
	printf "\n"
	total += flen
	npiece = 0
	flen = 0
}

# How many blocks a file of ordinary code or docs has: most files are
# small, some medium, a few very large (times SCALE).
function nblocks(    r, n) {
	r = rnd(1000)
	if (r < 600)      n = 1 + rnd(5)
	else if (r < 900) n = 5 + rnd(14)
	else if (r < 985) n = 15 + rnd(45)
	else              n = 50 + rnd(160)
	n = int(n * scale + 0.5)
	return n < 1 ? 1 : n
}

# ---- pools: rendered once ----

function py_stmt(    r, w) {
	r = rnd(10); w = word()
	if (r == 0) return "        # " cap(w) " " word() " before the " word() " " word() ".\n"
	if (r == 1) return "        if not " w ":\n            raise ValueError(\"" w " is required\")\n"
	if (r == 2) return "        " w " = self.cfg.get(\"" word() "\", " rnd(1000) ")\n"
	if (r == 3) return "        for " w " in self." word() "s:\n            total += len(" w ".name) * " rnd(97) "\n"
	if (r == 4) return "        log.info(\"" word() " %s for %s\", " w ", self." word() ")\n"
	if (r == 5) return "        result = await self.client." word() "(" w "=" w ", timeout=" rnd(60) ")\n"
	if (r == 6) return "        cmd = [\"" word() "\", \"--" word() "\", str(" w ")]\n        subprocess.run(cmd, check=True)\n"
	if (r == 7) return "        self." w "_cache[" w ".id] = " w "\n"
	if (r == 8) return "        try:\n            " w " = json.loads(raw)\n        except json.JSONDecodeError as exc:\n            log.warning(\"bad " word() ": %s\", exc)\n            return None\n"
	return "        total += " w ".count if " w " else " rnd(100) "\n"
}
function py_block(    c, k, n) {
	c = "(self, " word() ": Dict[str, Any], limit: int = " rnd(500) ") -> Optional[int]:\n" \
	    "        \"\"\"" cap(word()) " the " word() " " word() " and return the " word() " count.\"\"\"\n" \
	    "        total = 0\n"
	n = 3 + rnd(22)
	for (k = 0; k < n; k++)
		c = c py_stmt()
	return c "        return total\n\n"
}

function ts_stmt(    r, w) {
	r = rnd(9); w = word()
	if (r == 0) return "  // " cap(w) " " word() " when the " word() " changes.\n"
	if (r == 1) return "  if (!" w ") {\n    throw new Error(`" w " missing for ${id}`);\n  }\n"
	if (r == 2) return "  const " w " = await this." word() "Service.get" cap(word()) "(id, { limit: " rnd(500) " });\n"
	if (r == 3) return "  for (const " w " of items) {\n    total += " w ".count * " rnd(97) ";\n  }\n"
	if (r == 4) return "  logger.debug(\"" word() "\", { " w ", " word() ": total });\n"
	if (r == 5) return "  const " w "s = items.filter((x) => x." word() " > " rnd(100) ").map((x) => x.id);\n"
	if (r == 6) return "  this.emit(\"" word() ":" word() "\", { id, " w " });\n"
	if (r == 7) return "  const command = `" word() " --" word() "=${" w "}`;\n"
	return "  total = Math.max(total, " w "?.length ?? " rnd(50) ");\n"
}
function ts_block(    c, k, n) {
	c = "(id: string, items: " cap(word()) "Item[]): Promise<number> {\n  let total = 0;\n"
	n = 3 + rnd(20)
	for (k = 0; k < n; k++)
		c = c ts_stmt()
	return c "  return total;\n}\n\n"
}

function go_stmt(    r, w) {
	r = rnd(8); w = word()
	if (r == 0) return "\t// " cap(w) " " word() " under the " word() " lock.\n"
	if (r == 1) return "\tif " w ", err := s." cap(word()) "(ctx, id); err != nil {\n\t\treturn 0, fmt.Errorf(\"" word() " %s: %w\", id, err)\n\t} else {\n\t\ttotal += len(" w ")\n\t}\n"
	if (r == 2) return "\ts.mu.Lock()\n\ts." w "s[id] = time.Now()\n\ts.mu.Unlock()\n"
	if (r == 3) return "\tfor _, " w " := range items {\n\t\ttotal += " w ".Count * " rnd(97) "\n\t}\n"
	if (r == 4) return "\ts.log.Debug(\"" word() "\", \"" w "\", total, \"id\", id)\n"
	if (r == 5) return "\tcmd := exec.CommandContext(ctx, \"" word() "\", \"--" word() "\")\n"
	if (r == 6) return "\tselect {\n\tcase <-ctx.Done():\n\t\treturn total, ctx.Err()\n\tdefault:\n\t}\n"
	return "\ttotal += " rnd(1000) "\n"
}
function go_block(    c, k, n) {
	c = "(ctx context.Context, id string, items []" cap(word()) ") (int, error) {\n\ttotal := 0\n"
	n = 3 + rnd(18)
	for (k = 0; k < n; k++)
		c = c go_stmt()
	return c "\treturn total, nil\n}\n\n"
}

function md_block(    c, k, n, j, m) {
	c = "## " cap(word()) " " word() "\n\n"
	n = 1 + rnd(4)
	for (k = 0; k < n; k++) {
		m = 20 + rnd(80)
		for (j = 0; j < m; j++)
			c = c (j % 14 == 0 ? cap(word()) : word()) (j % 14 == 13 ? ". " : " ") (j % 28 == 27 ? "\n" : "")
		c = c ".\n\n"
	}
	if (rnd(3) == 0)
		c = c "- `" word() "_" rnd(100) "`: the " word() " " word() "\n- `" word() "`: " word() " " word() "\n\n"
	if (rnd(4) == 0)
		c = c "```sh\n" word() " " word() " --" word() "=" rnd(100) "\n```\n\n"
	return c
}

function json_block(k,    c, j, n) {
	c = "    \"" word() "_" k "\": {\n"
	n = 2 + rnd(10)
	for (j = 0; j < n; j++)
		c = c "      \"" word() "\": " (j % 3 ? rnd(10000) : "\"" word() "-" word() "\"") ",\n"
	return c "      \"enabled\": " (rnd(2) ? "true" : "false") "\n    }"
}

function yaml_block(    c, k, n, w) {
	w = word()
	c = "  - name: " w "-" word() "\n    image: registry.example.invalid/" w ":" rnd(10) "." rnd(40) "." rnd(9) "\n" \
	    "    resources:\n      limits: { cpu: \"" (1 + rnd(4)) "\", memory: " (128 * (1 + rnd(16))) "Mi }\n    env:\n"
	n = 2 + rnd(10)
	for (k = 0; k < n; k++)
		c = c "      - name: " toupper(word()) "_" toupper(word()) "\n        value: \"" word() "-" rnd(1000) "\"\n"
	return c
}

function min_block(    r, w) {
	r = rnd(5); w = word()
	if (r == 0) return "function " substr(w, 1, 1) rnd(99) "(e,t){return e." w "(t)||null}"
	if (r == 1) return "var " substr(w, 1, 2) "=" rnd(9999) ",Q" rnd(99) "=\"" word() "-" word() "\";"
	if (r == 2) return "t.prototype." w "=function(e){var n=this;return n._" word() "?n._" word() ".get(e):void 0};"
	if (r == 3) return "case " rnd(999) ":return r." w "(" rnd(64) ");"
	return "!function(e){e." w "=e." word() "||{}}(window.__" toupper(word()) "__);"
}

# ---- files ----

# A model line in the idiom of each language; kind 1 pinned, 2 alias.
function model_id(kind) { return kind == 2 ? alias() : pinned() }

function py_file(i, kind,    k, n, w) {
	w = word()
	out("\"\"\"" cap(w) " " word() " service (module " i ").\"\"\"\n" \
	    "import json\nimport logging\nimport subprocess\nfrom typing import Any, Dict, List, Optional\n\n" \
	    "from ." word() " import " cap(word()) "Client\n\nlog = logging.getLogger(__name__)\n")
	if (kind == 1 || kind == 2)
		out("MODEL = \"" model_id(kind) "\"\n")
	out("\n\nclass " cap(w) cap(word()) i ":\n    def __init__(self, cfg: Dict[str, Any]) -> None:\n        self.cfg = cfg\n\n")
	n = nblocks()
	for (k = 0; k < n; k++) {
		out("    async def " word() "_" i "_" k)
		if (k == 0 && (kind == 3 || kind == 4))
			out("(self, prompt: str) -> str:\n        resp = await self.client.chat.completions.create(model=\"" \
			    model_id(kind - 2) "\", messages=[{\"role\": \"user\", \"content\": prompt}])\n" \
			    "        return resp.choices[0].message.content\n\n    async def " word() "_" i "_b")
		out(pypool[rnd(npool)])
	}
}

function ts_file(i, kind,    k, n, w) {
	w = word()
	out("import { " cap(w) "Client } from \"../lib/" w "\";\nimport type { " cap(word()) "Item } from \"./types\";\n" \
	    "import { logger } from \"../util/log\";\n\n")
	if (kind == 1 || kind == 2)
		out("export const MODEL = \"" model_id(kind) "\";\n\n")
	n = nblocks()
	for (k = 0; k < n; k++) {
		out("export async function " word() cap(word()) i "_" k)
		if (k == 0 && (kind == 3 || kind == 4))
			out("(prompt: string): Promise<string> {\n  const res = await client.messages.create({ model: \"" \
			    model_id(kind - 2) "\", max_tokens: 1024, messages: [{ role: \"user\", content: prompt }] });\n" \
			    "  return res.content[0].text;\n}\n\nexport async function " word() i "_b")
		out(tspool[rnd(npool)])
	}
}

function go_file(i, pkg, kind, big,    k, n) {
	out("// Package " pkg " " word() " " word() " (file " i ").\npackage " pkg "\n\n" \
	    "import (\n\t\"context\"\n\t\"fmt\"\n\t\"os/exec\"\n\t\"time\"\n)\n\n")
	if (kind == 1 || kind == 2)
		out("const Model = \"" model_id(kind) "\"\n\n")
	n = big ? int((100 + rnd(300)) * scale + 1) : nblocks()
	for (k = 0; k < n; k++) {
		out("func (s *Server) " cap(word()) cap(word()) i "_" k)
		if (k == 0 && (kind == 3 || kind == 4))
			out("(ctx context.Context) (string, error) {\n\treq := Request{Model: \"" model_id(kind - 2) \
			    "\", MaxTokens: 1024}\n\treturn s.client.Do(ctx, req)\n}\n\nfunc (s *Server) B" i)
		out(gopool[rnd(npool)])
	}
}

function md_file(i, kind,    k, n) {
	out("# " cap(word()) " " word() " " i "\n\n")
	if (kind)
		out("We call `" model_id(kind) "` for the " word() " " word() "; see the " word() " runbook.\n\n")
	n = nblocks()
	for (k = 0; k < n; k++)
		out(mdpool[rnd(npool)])
}

function json_file(i, kind,    k, n) {
	out("{\n  \"name\": \"@acme/" word() "-" i "\",\n  \"version\": \"1." rnd(20) "." rnd(100) "\",\n")
	if (kind)
		out("  \"model\": \"" model_id(kind) "\",\n")
	out("  \"settings\": {\n")
	n = nblocks()
	for (k = 0; k < n; k++)
		out(json_block(k) (k < n - 1 ? ",\n" : "\n"))
	out("  }\n}\n")
}

function yaml_file(i, kind,    k, n) {
	out("# " word() " " word() " deployment\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " word() "-" i \
	    "\nspec:\n  replicas: " (1 + rnd(5)) "\n")
	if (kind)
		out("llm:\n  provider: " (rnd(2) ? "openai" : "anthropic") "\n  model: " model_id(kind) "\n  temperature: 0.2\n")
	out("containers:\n")
	n = nblocks()
	for (k = 0; k < n; k++)
		out(yamlpool[rnd(npool)])
}

function lock_file(    k, n, w, v) {
	out("{\n  \"name\": \"web\",\n  \"lockfileVersion\": 3,\n  \"requires\": true,\n  \"packages\": {\n")
	n = int((300 + rnd(3000)) * scale + 1)
	for (k = 0; k < n; k++) {
		w = word() "-" word()
		v = rnd(20) "." rnd(30) "." rnd(20)
		out("    \"node_modules/" w "\": {\n      \"version\": \"" v "\",\n      \"resolved\": \"https://registry.example.invalid/" \
		    w "/-/" w "-" v ".tgz\",\n      \"integrity\": \"sha512-" b64pool[rnd(npool)] "==\",\n" \
		    (rnd(3) ? "" : "      \"dev\": true,\n") "      \"license\": \"MIT\"\n    }" (k < n - 1 ? ",\n" : "\n"))
	}
	out("  }\n}\n")
}

function min_file(    k, n, j, m) {
	n = int((10 + rnd(60)) * scale + 1)
	for (k = 0; k < n; k++) {
		m = 40 + rnd(600) # ~4 to 64 KB a line
		for (j = 0; j < m; j++)
			out(minpool[rnd(npool)])
		out("\n")
	}
}

function csv_file(    k, n) {
	out("id,created_at,tenant,region,amount,currency,status\n")
	n = int((2000 + rnd(20000)) * scale + 1)
	for (k = 0; k < n; k++)
		out(k "," (1600000000 + rnd(100000000)) ",tenant-" rnd(500) "," word() "," rnd(100000) "." rnd(100) ",EUR," word() "\n")
}

function png_file(    k, n) {
	out(pnghead)
	n = 2 + rnd(62)
	for (k = 0; k < n; k++)
		out(binpool[rnd(nbin)])
}

BEGIN {
	if (nfiles == "")
		nfiles = 100000
	if (scale == "")
		scale = 1
	seed = 42
	nwords = split("user account order invoice payment cart session token cache queue " \
		"worker event stream metric report search index config client server router " \
		"handler model prompt embed vector store retry limit batch job task schedule " \
		"notify email upload image audit policy tenant billing export import sync " \
		"command agent chat completion llama summary review ticket customer catalog " \
		"product price region shard replica lease backoff deadline webhook ledger", words, " ")
	npins = split("gpt-4o-2024-08-06 gpt-4o-mini-2024-07-18 gpt-4.1-2025-04-14 o3-mini-2025-01-31 " \
		"claude-3-5-sonnet-20241022 claude-3-5-haiku-20241022 claude-sonnet-4-20250514 " \
		"gemini-1.5-pro-002 gemini-2.0-flash-001 mistral-large-2411 command-r-08-2024", pins, " ")
	naliases = split("gpt-4o gpt-4o-mini gpt-4-turbo claude-3-5-sonnet-latest claude-3-opus-latest " \
		"gemini-1.5-flash gemini-1.5-pro mistral-large-latest", aliases, " ")
	nareas = split("services packages libs apps tools infra web docs", areas, " ")
	nsubs = split("src tests config lib internal scripts api handlers utils models", subs, " ")

	npool = 1024
	for (k = 0; k < npool; k++) {
		pypool[k] = py_block()
		tspool[k] = ts_block()
		gopool[k] = go_block()
		mdpool[k] = md_block()
		yamlpool[k] = yaml_block()
		minpool[k] = min_block()
		b64pool[k] = b64(86)
	}
	# Binary: 1 KiB chunks of pseudo-random bytes, NULs included.
	nbin = 64
	for (k = 0; k < nbin; k++) {
		s = ""
		for (j = 0; j < 64; j++) {
			t = ""
			for (m = 0; m < 16; m++)
				t = t sprintf("%c", rnd(256))
			s = s t
		}
		binpool[k] = s
	}
	pnghead = sprintf("%c", 137) "PNG\r\n" sprintf("%c", 26) "\n" sprintf("%c%c%c%c", 0, 0, 0, 13) "IHDR"

	# ~125 files per leaf directory, 4 leaves per component, components
	# spread over the areas (gen.awk's layout at twice the size).
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
		roots[c] = comp
	}

	msg = "Import the large benchmark tree\n"
	printf "commit refs/heads/main\n"
	printf "author Bench <bench@example.invalid> 1700000000 +0000\n"
	printf "committer Bench <bench@example.invalid> 1700000000 +0000\n"
	printf "data %d\n%s", length(msg), msg
	for (i = 0; i < nfiles; i++) {
		d = rnd(ndirs)
		e = rnd(1000)
		r = rnd(1000)
		# 1 pinned constant, 2 alias constant, 3 pinned in a call, 4 alias in a call
		kind = r < 20 ? 1 : r < 35 ? 3 : r < 38 ? 2 : r < 40 ? 4 : 0
		base = word() "_" word() "_" i
		if (e < 220)      { path = dirs[d] "/" base ".py";   py_file(i, kind) }
		else if (e < 420) { path = dirs[d] "/" base ".ts";   ts_file(i, kind) }
		else if (e < 620) { path = dirs[d] "/" base ".go";   go_file(i, pkgs[d], kind, 0) }
		else if (e < 720) { path = dirs[d] "/" base ".md";   md_file(i, r < 25 ? 1 : r < 30 ? 2 : 0) }
		else if (e < 850) { path = dirs[d] "/" base ".json"; json_file(i, kind == 1 || kind == 3 ? 1 : kind ? 2 : 0) }
		else if (e < 984) { path = dirs[d] "/" base ".yaml"; yaml_file(i, kind == 1 || kind == 3 ? 1 : kind ? 2 : 0) }
		else if (e < 995) { path = dirs[d] "/" base ".png";  png_file() }
		else if (e < 996) { path = roots[int(d / 4)] "/clients/web-" i "/package-lock.json"; lock_file() }
		else if (e < 997) { path = roots[int(d / 4)] "/dist/" base ".min.js"; min_file() }
		else if (e < 998) { path = dirs[d] "/" base "_test.py"; py_file(i, 0) }
		else if (e < 999) { path = dirs[d] "/" base ".pb.go"; go_file(i, pkgs[d], 0, 1) }
		else              { path = dirs[d] "/" base ".csv";  csv_file() }
		flush(path, "100644")
	}
	printf "\n"
	printf "%d files, %d bytes\n", nfiles, total >"/dev/stderr"
}
