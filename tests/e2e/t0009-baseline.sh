#!/bin/sh
# t0009: adopting pincheck gradually. `baseline create FILE` records today's
# findings; `--baseline FILE` then reports only new ones, and a baselined
# finding stays known through line moves, reindentation, unrelated edits and
# a squash merge (fingerprints hold no line numbers or commit ids).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-server.sh"

# baselined_repo: a repository r (hooks installed) whose app.py, committed,
# holds two aliases (gpt-4o at 2:6, gemini-1.5-pro at 3:6), both recorded by
# `baseline create base.json` (not committed).
baselined_repo () {
	new_repo_with_commit r &&
	printf "import os\nA = \"gpt-4o\"\nB = \"gemini-1.5-pro\"\n" >app.py &&
	git add app.py && git commit -q --no-verify -m legacy &&
	run_pincheck baseline create base.json &&
	expect_rc 0 &&
	grep_stdout_F "wrote 2 findings to base.json"
}

test_expect_success 'with the baseline, existing findings are not reported' '
	baselined_repo &&
	run_pincheck --baseline base.json scan app.py &&
	expect_rc 0 &&
	grep_stdout_F "pincheck: 0 errors, 0 warnings (2 in the baseline) in 1 file"
'

test_expect_success 'line moves, reindentation and unrelated edits keep them known' '
	baselined_repo &&
	printf "\"\"\"Module.\"\"\"\nimport sys\n\nB  =  \"gemini-1.5-pro\"\nimport os\n\n    A = \"gpt-4o\"\n" >app.py &&
	run_pincheck --baseline base.json scan app.py &&
	expect_rc 0 &&
	grep_stdout_F "(2 in the baseline)"
'

test_expect_success 'a new finding is reported, also a second copy of a known line' '
	baselined_repo &&
	printf "import os\nA = \"gpt-4o\"\nB = \"gemini-1.5-pro\"\nA = \"gpt-4o\"\nC = \"claude-sonnet-4-5\"\n" >app.py &&
	run_pincheck --baseline base.json scan app.py &&
	expect_rc 1 &&
	test "$(count_findings alias)" = 2 &&
	grep_stdout_F "app.py:5:6: error[alias]"
'

test_expect_success 'a squash merge of a branch keeps baselined findings known' '
	baselined_repo &&
	git checkout -q -b topic &&
	printf "x = 1\n" >other.py && git add other.py && git commit -q --no-verify -m one &&
	printf "import os\n\nA = \"gpt-4o\"\nB = \"gemini-1.5-pro\"\n" >app.py &&
	git commit -q --no-verify -am two &&
	git checkout -q main && git merge -q --squash topic && git commit -q --no-verify -m squashed &&
	run_pincheck --baseline base.json scan &&
	expect_rc 0 &&
	grep_stdout_F "(2 in the baseline)"
'

# check --staged reports new aliases only: reformatting the committed B line
# adds no alias (nothing to baseline), C is new. Once B has been removed in a
# commit, adding it back is a new alias, which the baseline knows; without the
# baseline both would be errors.
test_expect_success 'the baseline works for check and json output too' '
	baselined_repo &&
	printf "import os\nA = \"gpt-4o\"\nB  =  \"gemini-1.5-pro\"\nC = \"gpt-4o\"\n" >app.py &&
	git add app.py &&
	run_pincheck --baseline base.json --format json check --staged &&
	expect_rc 1 &&
	grep_stdout_F "\"errors\": 1," &&
	grep_stdout_F "\"baselined\": 0}" &&
	grep_stdout_F "\"line\": 4, \"column\": 6," &&
	no_stdout_F "\"line\": 3," &&
	printf "import os\nA = \"gpt-4o\"\n" >app.py &&
	git commit -q --no-verify -am "drop B" &&
	printf "import os\nA = \"gpt-4o\"\nB  =  \"gemini-1.5-pro\"\nC = \"gpt-4o\"\n" >app.py &&
	git add app.py &&
	run_pincheck --format json check --staged &&
	expect_rc 1 &&
	grep_stdout_F "\"errors\": 2," &&
	grep_stdout_F "\"line\": 3, \"column\": 8," &&
	run_pincheck --baseline base.json --format json check --staged &&
	expect_rc 1 &&
	grep_stdout_F "\"errors\": 1," &&
	grep_stdout_F "\"baselined\": 1}" &&
	grep_stdout_F "\"line\": 4, \"column\": 6," &&
	no_stdout_F "\"line\": 3,"
'

test_expect_success 'a broken baseline file is a clear error' '
	baselined_repo &&
	printf "{\"version\": 1, \"fingerprints\": [\"xyz\"]}\n" >bad.json &&
	run_pincheck --baseline bad.json scan app.py &&
	expect_rc 2 &&
	grep_stderr_F "bad.json:1:"
'

test_expect_success 'a missing baseline file is an error, never a silent pass' '
	baselined_repo &&
	run_pincheck --baseline nope.json scan app.py &&
	expect_rc 3 &&
	grep_stderr_F "nope.json"
'

# --- the file a reviewer reads ------------------------------------------------

test_expect_success 'the baseline file names path, rule, model and line, sorted' '
	baselined_repo &&
	cat >../expect <<-\EOF &&
	{"version": 2, "findings": [
	  {"path": "app.py", "rule": "google-gemini-legacy-alias", "model": "gemini-1.5-pro", "kind": "alias", "text": "B = \"gemini-1.5-pro\"", "fingerprint": "FP"},
	  {"path": "app.py", "rule": "openai-gpt-alias", "model": "gpt-4o", "kind": "alias", "text": "A = \"gpt-4o\"", "fingerprint": "FP"}
	]}
	EOF
	sed "s/\"fingerprint\": \"[0-9a-f]\{16\}\"/\"fingerprint\": \"FP\"/" base.json >../actual &&
	diff -u ../expect ../actual
'

test_expect_success 'a refreshed baseline diffs as the findings it adds' '
	baselined_repo &&
	git add base.json && commit_unchecked "baseline" &&
	printf "C = \"gpt-4o-mini\"\n" >b.py &&
	run_pincheck baseline create base.json && expect_rc 0 &&
	git diff --numstat base.json >../numstat &&
	test "$(cat ../numstat)" = "$(printf "2\t1\tbase.json")" &&
	git diff base.json | grep "^+ " >../added &&
	grep -q "^+  {\"path\": \"app.py\", \"rule\": \"openai-gpt-alias\",.*},$" ../added &&
	grep -q -F "\"path\": \"b.py\", \"rule\": \"openai-gpt-alias\", \"model\": \"gpt-4o-mini\", \"kind\": \"alias\", \"text\": \"C = \\\"gpt-4o-mini\\\"\"" ../added
'

test_expect_success 'a baseline file is never scanned for the models it records' '
	baselined_repo &&
	mkdir sub && cp base.json sub/other.json &&
	run_pincheck scan && expect_rc 1 &&
	no_stdout_F "base.json" && no_stdout_F "other.json" &&
	run_pincheck pins && expect_rc 0 &&
	no_stdout_F "base.json"
'

test_expect_success 'a version 1 baseline still works' '
	baselined_repo &&
	printf "{\"version\": 1, \"fingerprints\": [\n  \"%s\",\n  \"%s\"\n]}\n" \
		$(sed -n "s/.*\"fingerprint\": \"\([0-9a-f]*\)\".*/\1/p" base.json) >v1.json &&
	run_pincheck --baseline v1.json scan app.py && expect_rc 0 &&
	grep_stdout_F "(2 in the baseline)"
'

test_expect_success 'an entry edited by hand is refused, naming the line and the fix' '
	baselined_repo &&
	sed "s/\"A = /\"A  = X/" base.json >edited.json &&
	run_pincheck --baseline edited.json scan app.py && expect_rc 2 &&
	grep_stderr_F "edited.json:3:3: " &&
	grep_stderr_F "regenerate it with \`pincheck baseline create edited.json\`"
'

# --- baseline: in the config, for every command and hook --------------------

test_expect_success 'baseline: in .pincheck.yml is used by scan and check' '
	baselined_repo &&
	printf "baseline: base.json\n" >.pincheck.yml &&
	run_pincheck scan app.py && expect_rc 0 &&
	grep_stdout_F "(2 in the baseline)" &&
	mkdir sub && cd sub &&
	run_pincheck scan ../app.py && expect_rc 0 &&
	grep_stdout_F "(2 in the baseline)" &&
	cd .. &&
	printf "import os\nA = \"gpt-4o\"\n" >app.py &&
	git commit -q --no-verify -am "drop B" &&
	printf "import os\nA = \"gpt-4o\"\nB = \"gemini-1.5-pro\"\n" >app.py &&
	git add app.py &&
	run_pincheck check --staged && expect_rc 0 &&
	grep_stdout_F "(1 in the baseline)"
'

test_expect_success 'baseline: in .pincheck.yml is used by the pre-commit hook' '
	baselined_repo &&
	printf "baseline: base.json\n" >.pincheck.yml &&
	git add .pincheck.yml base.json && commit_unchecked "adopt pincheck" &&
	printf "import os\nA = \"gpt-4o\"\n" >app.py &&
	git commit -q --no-verify -am "drop B" &&
	printf "import os\nA = \"gpt-4o\"\nB = \"gemini-1.5-pro\"\n" >app.py &&
	git add app.py &&
	commit_accepted &&
	printf "C = \"gpt-4o\"\n" >>app.py && git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:4:6: error[alias]"
'

test_expect_success 'a missing baseline named by the config is an error, never a pass' '
	baselined_repo &&
	printf "baseline: nope.json\n" >.pincheck.yml &&
	run_pincheck scan app.py && expect_rc 3 &&
	grep_stderr_F "nope.json" &&
	printf "baseline: \"\"\n" >.pincheck.yml &&
	run_pincheck scan app.py && expect_rc 2 &&
	grep_stderr_F ".pincheck.yml:1:"
'

# The server reads the baseline the trusted config names from HEAD's tree
# before the push: what a push brings never exempts anything.
test_expect_success 'pre-receive: the baseline of the trusted config on HEAD' '
	server_with_main &&
	printf "import os\nA = \"gpt-4o\"\n" >app.py && git add app.py &&
	run_pincheck baseline create base.json &&
	printf "baseline: base.json\n" >.pincheck.yml &&
	git add .pincheck.yml base.json app.py && commit_unchecked "adopt with a baseline" &&
	hook_off && git push -q origin main 2>/dev/null && hook_on &&
	printf "import os\n" >app.py && commit_unchecked "drop A" -a &&
	printf "import os\nA = \"gpt-4o\"\n" >app.py && commit_unchecked "A again" -a &&
	push_accepted origin main &&
	grep_stderr_F "(1 in the baseline)" &&
	printf "B = \"gpt-4o\"\n" >>app.py && commit_unchecked "a new one" -a &&
	push_rejected origin main &&
	grep_stderr_F "app.py:3:6: error[alias]"
'

test_expect_success 'pre-receive: a pushed config that adds a baseline is a policy error' '
	server_with_main &&
	printf "A = \"gpt-4o\"\n" >app.py && git add app.py &&
	run_pincheck baseline create base.json &&
	printf "baseline: base.json\n" >.pincheck.yml &&
	git add .pincheck.yml base.json && commit_unchecked "baseline" &&
	push_rejected origin main &&
	grep_stderr_F "error[policy]" &&
	grep_stderr_F "baseline '"'"'base.json'"'"' set"
'

# The trusted config's baseline is read from HEAD's tree: a push that adds
# to it would exempt findings from every later push.
test_expect_success 'pre-receive: a push that adds to the trusted baseline file is a policy error' '
	server_with_main &&
	printf "A = \"gpt-4o\"\n" >app.py && git add app.py &&
	run_pincheck baseline create base.json &&
	printf "baseline: base.json\n" >.pincheck.yml &&
	git add .pincheck.yml base.json app.py && commit_unchecked "adopt with a baseline" &&
	hook_off && git push -q origin main 2>/dev/null && hook_on &&
	printf "B = \"gpt-4o\"\n" >b.py && git add b.py &&
	run_pincheck baseline create base.json &&
	git add base.json && commit_unchecked "B, exempted on the way" &&
	push_rejected origin main &&
	grep_stderr_F "error[policy]" &&
	grep_stderr_F "the baseline file base.json gains 1 entry" &&
	git reset -q --hard HEAD~1 &&
	printf "import os\n" >app.py && git rm -q base.json &&
	printf "version: 1\n" >.pincheck.yml &&
	git add -A && commit_unchecked "A fixed, the baseline gone" &&
	push_accepted origin main
'

test_done
