#!/bin/sh
# t0022: roles (SPEC section 1). Only code that chooses a model raises a
# finding: a comparison, a membership test, a case label, a union of
# names or a table keyed by model names handles names without choosing
# one (`mention`). `pins` lists every reference with its role.
. "$(dirname "$0")/lib.sh"

mentions='if model == "gpt-4o":\n    pass\nif model.startswith("gpt-4o"):\n    pass\nPRICES = {"gpt-4o": 2.5}\n'

test_expect_success 'code that compares or keys by a name is not refused' '
	new_repo_with_commit r &&
	printf "$mentions" >app.py && git add app.py &&
	commit_accepted
'

test_expect_success 'a choice beside mentions is still refused' '
	new_repo_with_commit r &&
	printf "${mentions}client.chat(model=\"gpt-4o\")\n" >app.py && git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:6:20: error[alias]" && grep_stderr_F "1 error"
'

test_expect_success 'TypeScript: a union and a switch are mentions, a config value a choice' '
	new_repo_with_commit r &&
	printf "type M = \"gpt-4o\" | \"o3\";\nswitch (m) { case \"o3\": break; }\nconst c = { model: \"o3\" };\n" >m.ts &&
	run_pincheck scan m.ts && expect_rc 1 &&
	grep_stdout_F "m.ts:3:" && no_stdout_F "m.ts:1:" && no_stdout_F "m.ts:2:"
'

test_expect_success 'pins gives each location its role' '
	new_repo_with_commit r &&
	printf "${mentions}client.chat(model=\"gpt-4o\")\n" >app.py &&
	mkdir -p tests/cassettes && printf "model: gpt-4o\n" >tests/cassettes/a.yaml &&
	printf "# we left gpt-4o\n" >notes.py &&
	run_pincheck --format json pins --include-prose && expect_rc 0 &&
	grep_stdout_F "\"line\": 1, \"column\": 14, \"prose\": false, \"role\": \"mention\"" &&
	grep_stdout_F "\"line\": 6, \"column\": 20, \"prose\": false, \"role\": \"choice\"" &&
	grep_stdout_F "\"path\": \"tests/cassettes/a.yaml\", \"line\": 1, \"column\": 8, \"prose\": false, \"role\": \"data\"" &&
	grep_stdout_F "\"role\": \"prose\""
'

test_expect_success 'pins -v marks what is not a choice' '
	new_repo_with_commit r &&
	printf "${mentions}client.chat(model=\"gpt-4o\")\n" >app.py &&
	run_pincheck -v pins && expect_rc 0 &&
	grep_stdout_F "app.py:1:14 (mention)" && grep_stdout "app.py:6:20\$"
'

test_done
