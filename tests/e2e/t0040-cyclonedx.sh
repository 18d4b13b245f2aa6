#!/bin/sh
# t0040: `pins --format cyclonedx` (SPEC sections 3, 9): a CycloneDX 1.6 BOM
# that the official schema accepts (tests/data/cyclonedx, validated offline
# by tests/cyclonedx-validate.py with python3-jsonschema), whose content is
# checked field by field, derived from the repository and revision alone
# (serial number, timestamp); and `pins --format json`, which names its
# repository and revision for `merge`.
. "$(dirname "$0")/lib.sh"

top=$(cd "$E2E_DIR/../.." && pwd -P)
validate=$top/tests/cyclonedx-validate.py

need_jsonschema

# The BOM's content, field by field, against what the repository holds.
cat >"$TRASH/check-bom.py" <<'PY'
import json, sys, uuid
bom_path, repo, rev, stamp = sys.argv[1:5]
bom = json.load(open(bom_path))
def eq(what, got, want):
    if got != want:
        sys.exit("%s: %r, expected %r" % (what, got, want))
eq("bomFormat", bom["bomFormat"], "CycloneDX")
eq("specVersion", bom["specVersion"], "1.6")
eq("version", bom["version"], 1)
eq("serialNumber", bom["serialNumber"], "urn:uuid:%s" % uuid.uuid5(uuid.NAMESPACE_URL, repo + "@" + rev))
md = bom["metadata"]
eq("metadata.timestamp", md["timestamp"], stamp)
eq("metadata.tools", [(t["name"], t["type"]) for t in md["tools"]["components"]], [("pincheck", "application")])
eq("metadata.component", (md["component"]["name"], md["component"]["version"]), (repo, rev))
props = lambda o: {p["name"]: p["value"] for p in o.get("properties", [])}
eq("metadata.properties", props(md), {"pincheck:repository": repo, "pincheck:revision": rev,
                                      "pincheck:drill:date": "2026-12-01"})
comps = {c["name"]: c for c in bom["components"]}
eq("components", sorted(comps), ["claude-3-opus-20240229", "gpt-4o", "gpt-4o-2024-08-06"])
for c in bom["components"]:
    eq(c["name"] + " type", c["type"], "machine-learning-model")
    eq(c["name"] + " supplier", c["supplier"]["name"], c["group"])
def model(name, group, cls, refs, life, drill, occ):
    c = comps[name]
    eq(name + " group", c["group"], group)
    want = {"pincheck:class": cls, "pincheck:references": str(sum(refs))}
    for role, n in zip(("choice", "mention", "data", "prose"), refs):
        want["pincheck:references:" + role] = str(n)
    for k, v in life.items():
        want["pincheck:lifecycle:" + k] = v
    if drill:
        want["pincheck:drill:status"] = drill
    got = props(c)
    got.pop("pincheck:rule")
    eq(name + " properties", got, want)
    eq(name + " occurrences", [(o["location"], o["line"], o["offset"], o["additionalContext"])
                               for o in c["evidence"]["occurrences"]], occ)
model("gpt-4o", "openai", "alias", (1, 1, 0, 0), {}, None,
      [("app.py", 1, 10, "choice"), ("app.py", 3, 13, "mention")])
model("claude-3-opus-20240229", "anthropic", "pinned", (1, 0, 0, 0),
      {"deprecated": "2025-06-30", "retires": "2026-01-05"}, "retired", [("app.py", 2, 8, "choice")])
model("gpt-4o-2024-08-06", "openai", "pinned", (1, 0, 0, 0), {"retires": "2027-01-14"}, "retiring",
      [("app.py", 4, 8, "choice")])
print("BOM content as expected")
PY

# bom_repo: a repository whose origin URL carries credentials, with an alias
# chosen and mentioned, a retired pin and a retiring one, committed at a
# fixed time; cd into it.
bom_repo () {
	new_repo r --no-install &&
	git remote add origin https://ci:s3cret@git.example.com/acme/agent.git &&
	printf "%s\n" "MODEL = \"gpt-4o\"" "OLD = \"claude-3-opus-20240229\"" \
		"if name == \"gpt-4o\": pass" "PIN = \"gpt-4o-2024-08-06\"" >app.py &&
	git add app.py &&
	GIT_COMMITTER_DATE="2026-11-30 09:15:00 +0100" commit_unchecked agent
}

test_expect_success 'a validator is installed (install.sh installs python3-jsonschema)' '
	test -n "$PY"
'

test_expect_success JSONSCHEMA 'the validator rejects a BOM that breaks the 1.6 schema' '
	bom_repo &&
	run_pincheck --format cyclonedx pins && expect_rc 0 &&
	"$PY" "$validate" "$OUT" &&
	sed -e "s/\"machine-learning-model\"/\"ml-model\"/" "$OUT" >broken-type.json &&
	! "$PY" "$validate" broken-type.json >why 2>&1 &&
	grep -q "components/0/type" why &&
	sed -e "s/\"urn:uuid:\([0-9a-f-]*\)\"/\"\1\"/" "$OUT" >broken-serial.json &&
	! "$PY" "$validate" broken-serial.json >why 2>&1 &&
	grep -q "serialNumber" why
'

test_expect_success JSONSCHEMA 'pins --format cyclonedx is a valid CycloneDX 1.6 BOM' '
	bom_repo &&
	run_pincheck --format cyclonedx pins && expect_rc 0 &&
	"$PY" "$validate" "$OUT" >valid &&
	grep -q "valid CycloneDX 1.6" valid
'

test_expect_success 'its content, field by field: serial number, metadata, each model' '
	bom_repo &&
	run_pincheck --format cyclonedx pins && expect_rc 0 &&
	no_stdout_F "s3cret" &&
	python3 "$TRASH/check-bom.py" "$OUT" https://git.example.com/acme/agent.git \
		"$(git rev-parse HEAD)" 2026-11-30T08:15:00Z
'

test_expect_success 'the same revision gives the same BOM; another revision another serial number' '
	bom_repo &&
	"$PINCHECK" --format cyclonedx pins >../one.json &&
	"$PINCHECK" --format cyclonedx pins >../two.json &&
	cmp ../one.json ../two.json &&
	"$PINCHECK" --format cyclonedx pins --rev HEAD >../rev.json &&
	cmp ../one.json ../rev.json &&
	GIT_COMMITTER_DATE="2026-11-30 10:00:00 +0000" git commit -q --no-verify --allow-empty -m again &&
	"$PINCHECK" --format cyclonedx pins >../three.json &&
	s1=$(grep -o "urn:uuid:[0-9a-f-]*" ../one.json) &&
	s3=$(grep -o "urn:uuid:[0-9a-f-]*" ../three.json) &&
	test -n "$s1" && test -n "$s3" && test "$s1" != "$s3" &&
	grep -q "\"timestamp\": \"2026-11-30T10:00:00Z\"" ../three.json &&
	"$PINCHECK" --format cyclonedx pins --rev HEAD~1 >../old.json &&
	cmp ../one.json ../old.json
'

test_expect_success 'pins --format json names the repository, revision and day, and each model its lifecycle and drill' '
	bom_repo &&
	run_pincheck --format json pins && expect_rc 0 &&
	grep_stdout_F "{\"version\": 1, \"repository\": \"https://git.example.com/acme/agent.git\", \"revision\": \"$(git rev-parse HEAD)\", \"today\": \"2026-12-01\", \"models\": [" &&
	grep_stdout_F "\"model\": \"claude-3-opus-20240229\", \"provider\": \"anthropic\", \"class\": \"pinned\", \"rule\": \"anthropic-dated-pinned\", \"count\": 1, \"deprecated\": \"2025-06-30\", \"retires\": \"2026-01-05\", \"replacement\": null, \"drill\": \"retired\", \"locations\": [" &&
	grep_stdout_F "\"model\": \"gpt-4o\", \"provider\": \"openai\", \"class\": \"alias\", \"rule\": \"openai-gpt-alias\", \"count\": 2, \"deprecated\": null, \"retires\": null, \"replacement\": null, \"drill\": null, \"locations\": ["
'

test_expect_success 'without origin the repository is the work tree; unborn, the revision is null and the BOM has no timestamp' '
	new_repo r --no-install &&
	printf "MODEL = \"gpt-4o\"\n" >app.py &&
	run_pincheck --format json pins && expect_rc 0 &&
	grep_stdout_F "\"repository\": \"$TEST_DIR/r\", \"revision\": null" &&
	run_pincheck --format cyclonedx pins && expect_rc 0 &&
	no_stdout_F "\"timestamp\"" &&
	grep_stdout_F "\"component\": {\"type\": \"application\", \"bom-ref\": \"repository\", \"name\": \"$TEST_DIR/r\"}"
'

test_expect_success 'a model named only in eval results records a test, not use: it is not drilled' '
	new_repo r --no-install &&
	mkdir -p evals/results &&
	printf "model: claude-opus-4-6\nsuite: support\ndate: 2026-11-01\nstatus: pass\n" >evals/results/opus.yaml &&
	run_pincheck --format json pins && expect_rc 0 &&
	grep_stdout "\"model\": \"claude-opus-4-6\", .*\"drill\": null" &&
	printf "MODEL = \"claude-opus-4-6\"\n" >app.py &&
	run_pincheck --format json pins && expect_rc 0 &&
	grep_stdout "\"model\": \"claude-opus-4-6\", .*\"drill\": \"ok\""
'

test_expect_success 'findings have no BOM: scan --format cyclonedx is a usage error' '
	bom_repo &&
	run_pincheck --format cyclonedx scan && expect_rc 2 &&
	grep_stderr_F "--format cyclonedx is a BOM of an inventory"
'

test_done
