#!/bin/sh
# t0008: lifecycle facts from the built-in catalog become findings: a pinned
# id past its deprecation date is a `deprecated` warning naming its
# retirement date (and replacement, where the catalog has one); a retired one
# says so; before the deprecation date there is nothing to say. Models with
# no snapshot give a `no-snapshot` warning. Warnings never fail a check.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a deprecated pin is a warning with its retirement date' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4-0613\"\n" >app.py &&
	PINCHECK_TODAY=2026-06-01 run_pincheck scan app.py &&
	expect_rc 0 &&
	grep_stdout_F "app.py:1:10: warning[deprecated] gpt-4-0613 is deprecated since 2026-04-22 and retires on 2026-10-23"
'

test_expect_success 'a retired pin says it was retired' '
	new_repo_with_commit r &&
	printf "MODEL = \"claude-3-opus-20240229\"\n" >app.py &&
	PINCHECK_TODAY=2026-06-01 run_pincheck scan app.py &&
	expect_rc 0 &&
	grep_stdout_F "warning[deprecated] claude-3-opus-20240229 was retired on 2026-01-05"
'

test_expect_success 'before its deprecation date a pin has nothing to report' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4-0613\"\n" >app.py &&
	PINCHECK_TODAY=2026-01-01 run_pincheck scan app.py &&
	expect_rc 0 &&
	grep_stdout_F "pincheck: 0 errors, 0 warnings in 1 file"
'

test_expect_success 'a replacement from the catalog is named' '
	new_repo_with_commit r &&
	printf "MODEL = \"mistral-large-2407\"\n" >app.py &&
	PINCHECK_TODAY=2026-06-01 run_pincheck scan app.py &&
	expect_rc 0 &&
	grep_stdout_F "mistral-large-2407 was retired on 2025-03-30; replacement: mistral-medium-latest."
'

test_expect_success 'a pin in prose is no lifecycle finding' '
	new_repo_with_commit r &&
	printf "# we used gpt-4-0613 before\nx = 1\n" >app.py &&
	PINCHECK_TODAY=2026-06-01 run_pincheck scan app.py &&
	expect_rc 0 &&
	grep_stdout_F "pincheck: 0 errors, 0 warnings in 1 file"
'

test_expect_success 'a model with no snapshot is a warning, not an error' '
	new_repo_with_commit r &&
	printf "CHAT = \"deepseek-chat\"\n" >app.py &&
	run_pincheck --format json scan app.py &&
	expect_rc 0 &&
	grep_stdout_F "\"kind\": \"no-snapshot\", \"severity\": \"warning\"" &&
	grep_stdout_F "\"model\": \"deepseek-chat\""
'

test_expect_success 'severity in .pincheck.yml can make deprecated pins errors' '
	new_repo_with_commit r &&
	printf "severity: {deprecated: error}\n" >.pincheck.yml &&
	printf "MODEL = \"gpt-4-0613\"\n" >app.py &&
	PINCHECK_TODAY=2026-06-01 run_pincheck scan app.py &&
	expect_rc 1 &&
	grep_stdout_F "error[deprecated]"
'

test_done
