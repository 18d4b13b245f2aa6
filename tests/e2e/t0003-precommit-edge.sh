#!/bin/sh
# t0003: the hooks check exactly what is being committed, however git is
# asked to commit it: first commit, subdirectories, -a, partial commits,
# linked worktrees, odd file names, CRLF, binary files and merges.
. "$(dirname "$0")/lib.sh"

# --- unborn branch ------------------------------------------------------------

test_expect_success 'first commit on an unborn branch: an alias is refused' '
	new_repo r &&
	printf "$alias_line" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]" &&
	! git rev-parse -q --verify HEAD
'

test_expect_success 'first commit on an unborn branch: a pinned id is accepted' '
	new_repo r &&
	printf "$pinned_line" >app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'check --staged on an unborn branch compares with the empty tree' '
	new_repo r &&
	printf "$alias_line" >app.py &&
	printf "ok = 1\n" >other.py &&
	git add app.py other.py &&
	run_pincheck check --staged &&
	expect_rc 1 &&
	test "$(count_findings alias)" = 1
'

# --- where and how git commit is run -------------------------------------------

test_expect_success 'commit from a subdirectory reports the repo-relative path' '
	new_repo_with_commit r &&
	mkdir -p src/agent && cd src/agent &&
	printf "$alias_line" >llm.py &&
	git add llm.py &&
	commit_refused &&
	grep_stderr_F "src/agent/llm.py:1:10: error[alias]" &&
	no_stderr_F "../"
'

test_expect_success 'check --staged from a subdirectory reports the repo-relative path' '
	new_repo_with_commit r &&
	mkdir -p src/agent &&
	printf "$alias_line" >src/agent/llm.py &&
	git add src/agent/llm.py &&
	cd src &&
	run_pincheck check --staged &&
	expect_rc 1 &&
	grep_output_F "src/agent/llm.py:1:10: error[alias]"
'

test_expect_success 'git commit -a checks unstaged changes to tracked files' '
	new_repo_with_commit r &&
	printf "$pinned_line" >app.py &&
	git add app.py && git commit -q -m pinned &&
	printf "$alias_line" >app.py &&
	commit_refused -a &&
	grep_stderr_F "app.py:1:10: error[alias]"
'

test_expect_success 'git commit -a checks the worktree version, not the stale staged one' '
	new_repo_with_commit r &&
	printf "x = 1\n" >app.py &&
	git add app.py && git commit -q -m x &&
	printf "$alias_line" >app.py &&
	git add app.py &&
	printf "$pinned_line" >app.py &&
	commit_accepted -a &&
	git show HEAD:app.py | grep -q gpt-4o-2024-08-06
'

test_expect_success 'git commit PATH: a staged alias in another file does not block' '
	new_repo_with_commit r &&
	printf "x = 1\n" >a.py &&
	git add a.py && git commit -q -m a &&
	printf "$alias_line" >other.py &&
	git add other.py &&
	printf "$pinned_line" >a.py &&
	commit_accepted a.py &&
	git show --name-only --format= HEAD | grep -q "^a.py\$" &&
	! git show --name-only --format= HEAD | grep -q other.py &&
	git diff --cached --name-only | grep -q "^other.py\$"
'

test_expect_success 'git commit PATH: the worktree version of PATH is what gets checked' '
	new_repo_with_commit r &&
	printf "x = 1\n" >a.py &&
	git add a.py && git commit -q -m a &&
	printf "$alias_line" >a.py &&
	commit_refused a.py &&
	grep_stderr_F "a.py:1:10: error[alias]"
'

test_expect_success 'git commit PATH from a subdirectory (GIT_PREFIX) checks PATH' '
	new_repo_with_commit r &&
	mkdir sub &&
	printf "x = 1\n" >sub/a.py &&
	git add sub/a.py && git commit -q -m a &&
	printf "$pinned_line" >other.py && git add other.py &&
	cd sub &&
	printf "$alias_line" >a.py &&
	commit_refused a.py &&
	grep_stderr_F "sub/a.py:1:10: error[alias]" &&
	no_stderr_F "other.py"
'

test_expect_success 'the staged alias left behind by a partial commit is refused next' '
	new_repo_with_commit r &&
	printf "x = 1\n" >a.py &&
	git add a.py && git commit -q -m a &&
	printf "$alias_line" >other.py &&
	git add other.py &&
	printf "x = 2\n" >a.py &&
	commit_accepted a.py &&
	commit_refused &&
	grep_stderr_F "other.py:1:10: error[alias]"
'

test_expect_success 'git commit -i PATH checks PATH and what was already staged' '
	new_repo_with_commit r &&
	printf "x = 1\n" >a.py &&
	git add a.py && git commit -q -m a &&
	printf "$alias_line" >other.py &&
	git add other.py &&
	printf "x = 2\n" >a.py &&
	commit_refused -i a.py &&
	grep_stderr_F "other.py:1:10: error[alias]"
'

test_expect_success 'an empty commit (--allow-empty) is accepted' '
	new_repo_with_commit r &&
	commit_accepted --allow-empty
'

test_expect_success 'a staged submodule (gitlink) is skipped, not read as a blob' '
	new_repo_with_commit r &&
	git init -q inner &&
	(
		cd inner &&
		printf "$alias_line" >a.py &&
		git add a.py &&
		git commit -q --no-verify -m inner
	) &&
	git add inner 2>/dev/null &&
	git ls-files -s inner | grep -q "^160000" &&
	commit_accepted
'

test_expect_success 'an alias on line 16385 of a long file is reported there' '
	new_repo_with_commit r &&
	printf "x = 1\n" >big.py &&
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
		cat big.py big.py >big.tmp && mv big.tmp big.py || exit 1
	done &&
	printf "$alias_line" >>big.py &&
	git add big.py &&
	commit_refused &&
	grep_stderr_F "big.py:16385:10: error[alias]"
'

test_expect_success 'git commit --amend adding an alias is refused' '
	new_repo_with_commit r &&
	printf "x = 1\n" >app.py &&
	git add app.py && git commit -q -m x &&
	printf "x = 1\n$alias_line" >app.py &&
	git add app.py &&
	commit_refused --amend &&
	grep_stderr_F "app.py:2:10: error[alias]"
'

test_expect_success 'git --git-dir=.git --work-tree=. commit is checked, not a runtime error' '
	new_repo_with_commit r &&
	printf "$alias_line" >app.py &&
	git add app.py &&
	before=$(git rev-parse HEAD) &&
	if git --git-dir=.git --work-tree=. commit -m x >"$OUT" 2>"$ERR"; then
		echo "commit succeeded"; cat "$ERR"; false
	fi &&
	test "$(git rev-parse HEAD)" = "$before" &&
	grep_stderr_F "app.py:1:10: error[alias]"
'

test_expect_success 'a linked worktree: an alias is refused there' '
	new_repo_with_commit r &&
	git worktree add -q -b feature ../wt &&
	cd ../wt &&
	printf "$alias_line" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]" &&
	printf "$pinned_line" >app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'a linked worktree is checked on its own index, not the main one' '
	new_repo_with_commit r &&
	printf "$alias_line" >main-only.py &&
	git add main-only.py &&
	git worktree add -q -b feature ../wt &&
	cd ../wt &&
	printf "$pinned_line" >app.py &&
	git add app.py &&
	commit_accepted &&
	cd ../r &&
	commit_refused &&
	grep_stderr_F "main-only.py:1:10: error[alias]" &&
	no_stderr_F "app.py"
'

test_expect_success 'a linked worktree subdirectory reports the repo-relative path' '
	new_repo_with_commit r &&
	git worktree add -q -b feature ../wt &&
	mkdir -p ../wt/lib && cd ../wt/lib &&
	printf "$alias_line" >m.py &&
	git add m.py &&
	commit_refused &&
	grep_stderr_F "lib/m.py:1:10: error[alias]"
'

# --- file names and contents ---------------------------------------------------

test_expect_success 'a file name with spaces' '
	new_repo_with_commit r &&
	mkdir "my dir" &&
	printf "$alias_line" >"my dir/my file.py" &&
	git add "my dir/my file.py" &&
	commit_refused &&
	grep_stderr_F "my dir/my file.py:1:10: error[alias]"
'

test_expect_success 'a file name with a newline is printed C-quoted' '
	new_repo_with_commit r &&
	name=$(printf "a\nb.py") &&
	printf "$alias_line" >"$name" &&
	git add "$name" &&
	commit_refused &&
	grep_stderr_F "\"a\\nb.py\":1:10: error[alias]"
'

test_expect_success 'a file name with a tab is printed C-quoted' '
	new_repo_with_commit r &&
	name=$(printf "a\tb.py") &&
	printf "$alias_line" >"$name" &&
	git add "$name" &&
	commit_refused &&
	grep_stderr_F "\"a\\tb.py\":1:10: error[alias]"
'

test_expect_success 'a file name with a newline is escaped in JSON output' '
	new_repo_with_commit r &&
	name=$(printf "a\nb.py") &&
	printf "$alias_line" >"$name" &&
	git add "$name" &&
	run_pincheck --format json check --staged &&
	expect_rc 1 &&
	grep -q -e "\"path\": *\"a\\\\nb\.py\"" "$OUT"
'

test_expect_success 'a non-ASCII file name (UTF-8 raw, or C-quoted like git)' '
	new_repo_with_commit r &&
	name=$(printf "mod\303\250le.py") &&
	printf "$alias_line" >"$name" &&
	git add "$name" &&
	commit_refused &&
	{
		grep -q -F "$name:1:10: error[alias]" "$ERR" ||
		grep -q -F "\"mod\\303\\250le.py\":1:10: error[alias]" "$ERR"
	}
'

test_expect_success 'CRLF line endings: an alias is refused at the right line and column' '
	new_repo_with_commit r &&
	printf "import os\r\nMODEL = \"gpt-4o\"\r\n" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:2:10: error[alias]"
'

test_expect_success 'CRLF line endings: an alias right before CR is still a whole token' '
	new_repo_with_commit r &&
	printf "agent:\r\n  model: gemini-1.5-pro\r\n" >c.yaml &&
	git add c.yaml &&
	commit_refused &&
	grep_stderr_F "c.yaml:2:10: error[alias]"
'

test_expect_success 'CRLF line endings: pinned ids and comments are accepted' '
	new_repo_with_commit r &&
	printf "# was gpt-4o\r\nagent:\r\n  model: gemini-3.5-pro\r\n" >c.yaml &&
	printf "\"\"\"Docs: gpt-4o.\r\n\"\"\"\r\nMODEL = \"claude-opus-4-6\"\r\n" >app.py &&
	git add c.yaml app.py &&
	commit_accepted
'

test_expect_success 'a last line without a newline is checked' '
	new_repo_with_commit r &&
	printf "x = 1\nMODEL = \"gpt-4o\"" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:2:10: error[alias]"
'

test_expect_success 'a binary file containing an alias is skipped' '
	new_repo_with_commit r &&
	printf "MODEL=\"gpt-4o\"\000\001\002\n" >blob.bin &&
	git add blob.bin &&
	commit_accepted &&
	no_stderr_F "error[alias]"
'

test_expect_success 'a skipped binary file is counted in the summary' '
	new_repo_with_commit r &&
	printf "MODEL=\"gpt-4o\"\000\001\002\n" >blob.bin &&
	printf "{\"model\": \"gpt-4o\", \"pad\": \"\000\"}\n" >data.json &&
	printf "$alias_line" >app.py &&
	git add blob.bin data.json app.py &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]" &&
	no_stderr_F "blob.bin:" &&
	no_stderr_F "data.json:" &&
	grep_stderr "^pincheck: 1 error, 0 warnings in 1 file[,;] 2 binary files skipped"
'

test_expect_success 'a staged blob that cannot be read fails closed (exit 3)' '
	new_repo_with_commit r &&
	sha=$(printf "MODEL = \"gpt-4o\"\n" | git hash-object --stdin) &&
	git update-index --add --cacheinfo "100644,$sha,app.py" &&
	run_pincheck hook pre-commit &&
	expect_rc 3 &&
	test -s "$ERR" &&
	run_pincheck check --staged &&
	expect_rc 3
'

# --- merges -------------------------------------------------------------------

# branch_adds FILE CONTENT: a branch `feature` whose one commit (made with
# --no-verify) adds FILE, and a diverged main, checked out.
branch_adds () {
	git checkout -q -b feature &&
	printf "$2" >"$1" &&
	git add "$1" &&
	git commit -q --no-verify -m "add $1" &&
	git checkout -q main &&
	printf "more\n" >>README.md &&
	git commit -q -a -m "main moves on"
}

test_expect_success 'git merge --no-ff of a branch adding an alias is refused (pre-merge-commit)' '
	new_repo_with_commit r &&
	branch_adds app.py "$alias_line" &&
	before=$(git rev-parse HEAD) &&
	if git merge --no-ff -m "merge feature" feature >"$OUT" 2>"$ERR"; then
		echo "merge succeeded"; cat "$ERR"; false
	fi &&
	test "$(git rev-parse HEAD)" = "$before" &&
	grep_stderr_F "app.py:1:10: error[alias]"
'

test_expect_success 'git merge --no-ff of a branch that could fast-forward is refused too' '
	new_repo_with_commit r &&
	git checkout -q -b feature &&
	printf "$alias_line" >app.py && git add app.py &&
	git commit -q --no-verify -m alias &&
	git checkout -q main &&
	before=$(git rev-parse HEAD) &&
	if git merge --no-ff -m "merge feature" feature >"$OUT" 2>"$ERR"; then
		echo "merge succeeded"; cat "$ERR"; false
	fi &&
	test "$(git rev-parse HEAD)" = "$before" &&
	grep_stderr_F "app.py:1:10: error[alias]"
'

test_expect_success 'completing a refused merge with git commit is refused (pre-commit)' '
	new_repo_with_commit r &&
	branch_adds app.py "$alias_line" &&
	! git merge --no-ff -m "merge feature" feature >/dev/null 2>&1 &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]"
'

test_expect_success 'git merge --squash then git commit is refused (pre-commit)' '
	new_repo_with_commit r &&
	branch_adds app.py "$alias_line" &&
	git merge -q --squash feature >/dev/null 2>&1 &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]"
'

test_expect_success 'git merge --no-ff of a branch adding a pinned id is accepted' '
	new_repo_with_commit r &&
	branch_adds app.py "$pinned_line" &&
	git merge --no-ff -m "merge feature" feature >"$OUT" 2>"$ERR" &&
	test "$(git rev-list --parents -1 HEAD | wc -w)" = 3
'

test_done
