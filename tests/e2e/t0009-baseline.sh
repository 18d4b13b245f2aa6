#!/bin/sh
# t0009: adopting pincheck gradually. `baseline create FILE` records today's
# findings; `--baseline FILE` then reports only new ones, and a baselined
# finding stays known through line moves, reindentation, unrelated edits and
# a squash merge (fingerprints hold no line numbers or commit ids).
. "$(dirname "$0")/lib.sh"

# baselined_repo: a repository r (hooks installed) whose app.py, committed,
# holds two aliases (gpt-4o at 2:6, gemini-1.5-pro at 3:6), both recorded by
# `baseline create base.json` (not committed).
baselined_repo () {
	new_repo_with_commit r &&
	printf "import os\nA = \"gpt-4o\"\nB = \"gemini-1.5-pro\"\n" >app.py &&
	git add app.py && git commit -q --no-verify -m legacy &&
	run_pincheck baseline create base.json &&
	expect_rc 0 &&
	grep_stdout_F "wrote 2 fingerprints to base.json"
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

test_done
