#!/bin/sh
# t0007: an index libgit2 1.5 cannot read (split index, sparse index) is
# never a silent pass: the hook refuses the commit with exit 3 and says what
# the index is and how to switch that format off; pincheck install warns.
. "$(dirname "$0")/lib.sh"

test_expect_success 'split index: pre-commit refuses and names the split index' '
	new_repo_with_commit r &&
	git config core.splitIndex true &&
	git update-index --split-index &&
	printf "$alias_line" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "split index" &&
	grep_stderr_F "core.splitIndex false"
'

test_expect_success 'split index: check --staged exits 3, not 0' '
	new_repo_with_commit r &&
	git config core.splitIndex true &&
	git update-index --split-index &&
	printf "ok = 1\n" >app.py &&
	git add app.py &&
	run_pincheck check --staged &&
	expect_rc 3 &&
	grep_stderr_F "cannot read the index"
'

test_expect_success 'split index: following the advice makes commits checkable again' '
	new_repo_with_commit r &&
	git config core.splitIndex true &&
	git update-index --split-index &&
	git config core.splitIndex false &&
	git update-index --no-split-index &&
	printf "$alias_line" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]"
'

test_expect_success 'sparse index: pre-commit refuses and names the sparse index' '
	new_repo r &&
	mkdir -p keep other &&
	printf "x = 1\n" >keep/a.py &&
	printf "y = 2\n" >other/b.py &&
	git add . && git commit -q --no-verify -m base &&
	git sparse-checkout init --cone --sparse-index &&
	git sparse-checkout set keep &&
	printf "$alias_line" >keep/app.py &&
	git add keep/app.py &&
	commit_refused &&
	grep_stderr_F "sparse index"
'

test_expect_success 'install warns at once about an unreadable index' '
	new_repo_with_commit r &&
	git config core.splitIndex true &&
	git update-index --split-index &&
	run_pincheck install --force &&
	expect_rc 0 &&
	grep_stderr_F "warning: " &&
	grep_stderr_F "split index"
'

test_done
