#!/bin/sh
# t0041: `pincheck merge FILE...` (SPEC section 9): the `pins --format json`
# of three repositories as one inventory, per model the repositories that
# use it, references by role, class, lifecycle and drill status, in text,
# json, csv, markdown and cyclonedx; inputs that are not pins JSON are
# refused naming file and line.
. "$(dirname "$0")/lib.sh"

top=$(cd "$E2E_DIR/../.." && pwd -P)
need_jsonschema

A=https://git.example.com/org/a.git
B=https://git.example.com/org/b.git
C=https://git.example.com/org/c.git

# three_inventories: in the current directory, repositories a, b and c
# (origins $A, $B, $C), each committed, and their pins JSON a.json, b.json,
# c.json beside them.
#   a: gpt-4o chosen, claude-3-opus-20240229 (retired) chosen
#   b: gpt-4o chosen and mentioned, gpt-4o-2024-08-06 (retiring), claude-opus-4-6 (no eval)
#   c: claude-opus-4-6 with a passing eval (drill ok), gpt-4o in a comment (prose)
three_inventories () {
	for r in a b c; do
		git init -q $r &&
		git -C $r remote add origin https://git.example.com/org/$r.git || return 1
	done &&
	printf "%s\n" "MODEL = \"gpt-4o\"" "OLD = \"claude-3-opus-20240229\"" >a/app.py &&
	printf "%s\n" "MODEL = \"gpt-4o\"" "if m == \"gpt-4o\": pass" \
		"PIN = \"gpt-4o-2024-08-06\"" "BIG = \"claude-opus-4-6\"" >b/app.py &&
	mkdir -p c/evals/results &&
	printf "model: claude-opus-4-6\nsuite: support\ndate: 2026-11-01\nstatus: pass\n" >c/evals/results/opus.yaml &&
	printf "%s\n" "# was gpt-4o" "BIG = \"claude-opus-4-6\"" >c/app.py &&
	for r in a b c; do
		(cd $r && git add . && commit_unchecked $r &&
		 "$PINCHECK" --format json pins --include-prose >../$r.json) || return 1
	done
}

test_expect_success 'text: one row a model, with its repositories' '
	three_inventories &&
	run_pincheck merge a.json b.json c.json && expect_rc 0 &&
	grep_stdout "^MODEL  *PROVIDER  *CLASS  *REPOS  *REFS  *CHOICE  *MENTION  *DATA  *PROSE  *DEPRECATED  *RETIRES  *DRILL  *REPOSITORIES$" &&
	grep_stdout "^claude-3-opus-20240229  *anthropic  *pinned  *1  *1  *1  *0  *0  *0  *2025-06-30  *2026-01-05  *retired  *$A$" &&
	grep_stdout "^claude-opus-4-6  *anthropic  *pinned  *2  *3  *2  *0  *1  *0  *-  *-  *no-eval  *$B $C$" &&
	grep_stdout "^gpt-4o  *openai  *alias  *3  *4  *2  *1  *0  *1  *-  *-  *-  *$A $B $C$" &&
	grep_stdout "^gpt-4o-2024-08-06  *openai  *pinned  *1  *1  *1  *0  *0  *0  *-  *2027-01-14  *retiring  *$B$" &&
	test "$(grep -c . "$OUT")" = 6 &&
	grep_stdout "^pincheck: 4 model ids in 3 inventories$"
'

test_expect_success 'json: totals, lifecycle and the gravest drill per model; each repository its own use' '
	three_inventories &&
	run_pincheck --format json merge c.json a.json b.json && expect_rc 0 &&
	python3 - "$OUT" "$A" "$B" "$C" <<-\PY
	import json, sys
	m = json.load(open(sys.argv[1]))
	a, b, c = sys.argv[2:5]
	def eq(what, got, want):
	    if got != want:
	        sys.exit("%s: %r, expected %r" % (what, got, want))
	eq("inputs", [(i["path"], i["repository"], i["today"]) for i in m["inputs"]],
	   [("c.json", c, "2026-12-01"), ("a.json", a, "2026-12-01"), ("b.json", b, "2026-12-01")])
	eq("summary", m["summary"], {"models": 4, "inputs": 3})
	rows = {r["model"]: r for r in m["models"]}
	eq("order", [r["model"] for r in m["models"]],
	   ["claude-3-opus-20240229", "claude-opus-4-6", "gpt-4o", "gpt-4o-2024-08-06"])
	roles = lambda ch, me, da, pr: {"choice": ch, "mention": me, "data": da, "prose": pr}
	def row(name, provider, cls, count, r, dep, ret, drill, uses):
	    x = rows[name]
	    eq(name, (x["provider"], x["class"], x["count"], x["roles"], x["deprecated"], x["retires"],
	              x["replacement"], x["drill"]), (provider, cls, count, r, dep, ret, None, drill))
	    eq(name + " repositories", [(u["repository"], u["count"], u["roles"], u["drill"])
	                                for u in x["repositories"]], uses)
	row("claude-3-opus-20240229", "anthropic", "pinned", 1, roles(1, 0, 0, 0), "2025-06-30",
	    "2026-01-05", "retired", [(a, 1, roles(1, 0, 0, 0), "retired")])
	row("claude-opus-4-6", "anthropic", "pinned", 3, roles(2, 0, 1, 0), None, None, "no-eval",
	    [(b, 1, roles(1, 0, 0, 0), "no-eval"), (c, 2, roles(1, 0, 1, 0), "ok")])
	row("gpt-4o", "openai", "alias", 4, roles(2, 1, 0, 1), None, None, None,
	    [(a, 1, roles(1, 0, 0, 0), None), (b, 2, roles(1, 1, 0, 0), None),
	     (c, 1, roles(0, 0, 0, 1), None)])
	row("gpt-4o-2024-08-06", "openai", "pinned", 1, roles(1, 0, 0, 0), None, "2027-01-14",
	    "retiring", [(b, 1, roles(1, 0, 0, 0), "retiring")])
	for x in m["models"]:
	    for u in x["repositories"]:
	        eq("revision", len(u["revision"]), 40)
	PY
'

test_expect_success 'csv and markdown: the same rows, under the JSON field names' '
	three_inventories &&
	run_pincheck --format csv merge a.json b.json c.json && expect_rc 0 &&
	grep_stdout "^model,provider,class,inputs,count,choice,mention,data,prose,deprecated,retires,replacement,drill,repositories$" &&
	grep_stdout_F "claude-3-opus-20240229,anthropic,pinned,1,1,1,0,0,0,2025-06-30,2026-01-05,,retired,$A" &&
	grep_stdout_F "claude-opus-4-6,anthropic,pinned,2,3,2,0,1,0,,,,no-eval,$B $C" &&
	grep_stdout_F "gpt-4o,openai,alias,3,4,2,1,0,1,,,,,$A $B $C" &&
	grep_stdout_F "gpt-4o-2024-08-06,openai,pinned,1,1,1,0,0,0,,2027-01-14,,retiring,$B" &&
	test "$(grep -c . "$OUT")" = 5 &&
	run_pincheck --format markdown merge a.json b.json c.json && expect_rc 0 &&
	grep_stdout_F "| model | provider | class | inputs | count | choice | mention | data | prose | deprecated | retires | replacement | drill | repositories |" &&
	grep_stdout_F "| gpt-4o | openai | alias | 3 | 4 | 2 | 1 | 0 | 1 |  |  |  |  | $A $B $C |" &&
	grep_stdout_F "| claude-opus-4-6 | anthropic | pinned | 2 | 3 | 2 | 0 | 1 | 0 |  |  |  | no-eval | $B $C |"
'

test_expect_success JSONSCHEMA 'cyclonedx: a valid BOM, one component a model, its serial number of the set of inputs' '
	three_inventories &&
	run_pincheck --format cyclonedx merge a.json b.json c.json && expect_rc 0 &&
	"$PY" "$top/tests/cyclonedx-validate.py" "$OUT" &&
	cp "$OUT" abc.bom &&
	python3 - abc.bom "$A" "$B" "$C" <<-\PY &&
	import json, sys
	bom = json.load(open(sys.argv[1]))
	a, b, c = sys.argv[2:5]
	def eq(what, got, want):
	    if got != want:
	        sys.exit("%s: %r, expected %r" % (what, got, want))
	comps = {x["name"]: x for x in bom["components"]}
	eq("components", sorted(comps), ["claude-3-opus-20240229", "claude-opus-4-6", "gpt-4o",
	                                 "gpt-4o-2024-08-06"])
	def props(x):
	    out = {}
	    for p in x["properties"]:
	        out.setdefault(p["name"], []).append(p["value"])
	    return out
	p = props(comps["claude-opus-4-6"])
	eq("group", comps["claude-opus-4-6"]["group"], "anthropic")
	eq("repositories", p["pincheck:repository"], [b, c])
	eq("counts", (p["pincheck:repositories"], p["pincheck:references"],
	              p["pincheck:references:choice"], p["pincheck:references:data"]),
	   (["2"], ["3"], ["2"], ["1"]))
	eq("drill", p["pincheck:drill:status"], ["no-eval"])
	p = props(comps["claude-3-opus-20240229"])
	eq("lifecycle", (p["pincheck:lifecycle:deprecated"], p["pincheck:lifecycle:retires"]),
	   (["2025-06-30"], ["2026-01-05"]))
	eq("inventories", len(props(bom["metadata"])["pincheck:inventory"]), 3)
	PY
	run_pincheck --format cyclonedx merge c.json b.json a.json && expect_rc 0 &&
	cmp abc.bom "$OUT" &&
	run_pincheck --format cyclonedx merge a.json b.json && expect_rc 0 &&
	test "$(grep -o "urn:uuid:[0-9a-f-]*" abc.bom)" != "$(grep -o "urn:uuid:[0-9a-f-]*" "$OUT")"
'

test_expect_success 'an input that is not pins JSON is refused, naming file, line and column' '
	three_inventories &&
	printf "{\"version\": 1, \"models\": []}\n" >old.json &&
	run_pincheck merge a.json old.json && expect_rc 2 &&
	grep_stderr_F "old.json:1:1: \"repository\" is missing" &&
	printf "{\"version\": 1,\n \"repository\": \"x\", \"models\": [\n  {\"model\": \"m\", \"provider\": \"p\", \"class\": \"alias\", \"locations\": [{\"role\": \"boss\"}]}]}\n" >role.json &&
	run_pincheck merge role.json && expect_rc 2 &&
	grep_stderr_F "role.json:3:76: unknown role '\''boss'\''" &&
	printf "{\"version\": 1, \"repository\": \"x\", \"models\": [{\"model\": \"m\", \"provider\": \"p\", \"class\": \"pinned\", \"retires\": \"2026-13-01\", \"locations\": []}]}\n" >date.json &&
	run_pincheck merge date.json && expect_rc 2 &&
	grep_stderr_F "date.json:1:108: \"retires\" is not a YYYY-MM-DD date: 2026-13-01" &&
	printf "{\"version\": 1, \"repository\": \"x\"\n" >cut.json &&
	run_pincheck merge cut.json && expect_rc 2 &&
	grep_stderr_F "cut.json:2:" &&
	printf "{\"version\": 2, \"repository\": \"x\", \"models\": []}\n" >v2.json &&
	run_pincheck merge v2.json && expect_rc 2 &&
	grep_stderr_F "v2.json:1:13: \"version\" must be 1" &&
	no_stdout_F "MODEL"
'

test_expect_success 'the same repository and revision twice names both files; a missing file is exit 3' '
	three_inventories &&
	cp a.json again.json &&
	run_pincheck merge a.json b.json again.json && expect_rc 2 &&
	grep_stderr_F "the inventory of $A at $(git -C a rev-parse HEAD) again" &&
	grep_stderr_F "again.json" && grep_stderr_F "(first in a.json)" &&
	run_pincheck merge a.json nowhere.json && expect_rc 3 &&
	grep_stderr_F "nowhere.json: cannot open"
'

test_expect_success 'usage: no file, or a format with no place for an inventory' '
	run_pincheck merge && expect_rc 2 &&
	grep_stderr_F "merge: no inventory given" &&
	printf "{\"version\": 1, \"repository\": \"x\", \"models\": []}\n" >x.json &&
	run_pincheck --format sarif merge x.json && expect_rc 2 &&
	grep_stderr_F "merge: --format sarif is not supported"
'

test_done
