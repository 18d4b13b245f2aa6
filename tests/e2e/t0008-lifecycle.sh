#!/bin/sh
# t0008: lifecycle facts from the built-in catalog become findings: a pinned
# id past its deprecation date is a `deprecated` warning naming its
# retirement date (and replacement, where the catalog has one); one past its
# retirement date is a `retired` error, since every call to it fails; before
# the deprecation date there is nothing to say. Models with no snapshot give
# a `no-snapshot` warning. Warnings never fail a check. Suggestions are
# alive: never a retired snapshot, with its date when it retires soon.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a deprecated pin is a warning with its retirement date' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4-0613\"\n" >app.py &&
	PINCHECK_TODAY=2026-06-01 run_pincheck scan app.py &&
	expect_rc 0 &&
	grep_stdout_F "app.py:1:10: warning[deprecated] gpt-4-0613 is deprecated since 2026-04-22 and retires on 2026-10-23. Migrate to a current model and link its eval result. ["
'

test_expect_success 'a retired pin is an error: calls to it fail' '
	new_repo_with_commit r &&
	printf "MODEL = \"claude-3-opus-20240229\"\n" >app.py &&
	PINCHECK_TODAY=2026-06-01 run_pincheck scan app.py &&
	expect_rc 1 &&
	grep_stdout_F "error[retired] claude-3-opus-20240229 was retired on 2026-01-05: calls to it fail. Migrate to a current model and link its eval result. ["
'

test_expect_success 'before its deprecation date a pin has nothing to report' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4-0613\"\n" >app.py &&
	PINCHECK_TODAY=2026-01-01 run_pincheck scan app.py &&
	expect_rc 0 &&
	grep_stdout_F "pincheck: 0 errors, 0 warnings in 1 file"
'

test_expect_success 'a replacement from the catalog is named as a migration target' '
	new_repo_with_commit r &&
	printf "MODEL = \"mistral-large-2407\"\n" >app.py &&
	PINCHECK_TODAY=2026-06-01 run_pincheck scan app.py &&
	expect_rc 1 &&
	grep_stdout_F "mistral-large-2407 was retired on 2025-03-30: calls to it fail. Migrate to mistral-medium-latest and link its eval result. ["
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

test_expect_success 'the day before its retirement a pin is deprecated; on the day, retired' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4-0613\"\n" >app.py &&
	PINCHECK_TODAY=2026-10-22 run_pincheck scan app.py &&
	expect_rc 0 && grep_stdout_F "warning[deprecated]" &&
	PINCHECK_TODAY=2026-10-23 run_pincheck scan app.py &&
	expect_rc 1 && grep_stdout_F "error[retired]"
'

test_expect_success 'severity in .pincheck.yml can make retired pins warnings' '
	new_repo_with_commit r &&
	printf "severity: {retired: warning}\n" >.pincheck.yml &&
	printf "MODEL = \"gpt-4-0613\"\n" >app.py &&
	PINCHECK_TODAY=2026-12-01 run_pincheck scan app.py &&
	expect_rc 0 &&
	grep_stdout_F "warning[retired]"
'

test_expect_success 'a committed retired pin is refused by the pre-commit hook' '
	new_repo_with_commit r &&
	printf "MODEL = \"claude-3-opus-20240229\"\n" >app.py && git add app.py &&
	commit_refused &&
	grep_stderr_F "error[retired]"
'

test_expect_success 'moving off a retired pin, its eval naming it as baseline, is accepted' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o-2024-05-13\"\n" >app.py &&
	git add app.py && commit_unchecked "before it retired" &&
	printf "MODEL = \"gpt-4o-2024-08-06\"\n" >app.py && mkdir -p evals/results &&
	printf "model: gpt-4o-2024-08-06\nbaseline: gpt-4o-2024-05-13\nsuite: s\ndate: %s\nstatus: pass\n" \
		"$TEST_DAY" >evals/results/e.yaml &&
	git add -A &&
	commit_accepted -m "Bump off the retired snapshot" -m "Eval-Result: evals/results/e.yaml"
'

# --- suggestions are alive ----------------------------------------------------

test_expect_success 'an alias suggests the snapshot it points to today' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4\"\n" >app.py &&
	PINCHECK_TODAY=2026-01-01 run_pincheck scan app.py &&
	expect_rc 1 &&
	grep_stdout_F "Pin gpt-4-0613. [" &&
	grep_stdout_F "pin gpt-4 as gpt-4-0613"
'

test_expect_success 'a suggestion that retires soon carries its date' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4\"\n" >app.py &&
	PINCHECK_TODAY=2026-09-15 run_pincheck scan app.py &&
	expect_rc 1 &&
	grep_stdout_F "Pin gpt-4-0613 (it retires on 2026-10-23). ["
'

test_expect_success 'a retired snapshot is never suggested: the message says to migrate' '
	new_repo_with_commit r &&
	printf "A = \"gpt-4\"\nB = \"claude-3-5-sonnet-latest\"\n" >app.py &&
	PINCHECK_TODAY=2026-12-01 run_pincheck scan app.py &&
	expect_rc 1 &&
	no_stdout_F " Pin " && no_stdout_F "; pin " &&
	grep_stdout_F "gpt-4-0613, the snapshot gpt-4 pointed to, retired on 2026-10-23: no pin keeps the old behaviour. Migrate to a current model and link its eval result. [" &&
	grep_stdout_F "claude-3-5-sonnet-20241022, the snapshot claude-3-5-sonnet-latest pointed to, retired on 2025-10-28: no pin keeps the old behaviour."
'

test_expect_success 'the JSON finding of a retired snapshot has no suggestion' '
	new_repo_with_commit r &&
	printf "A = \"gpt-4\"\n" >app.py &&
	PINCHECK_TODAY=2026-12-01 run_pincheck --format json scan app.py &&
	expect_rc 1 &&
	grep_stdout_F "\"suggest\": null"
'

test_done
