#!/bin/sh
# t0024: the hooks of .pre-commit-hooks.yaml, run by the real pre-commit
# framework (Debian's package, which install.sh installs) through real `git
# commit`s and `git push`es: a repository whose .pre-commit-config.yaml is
# README's, pointed at a local clone of this manifest (no network), and one
# with `repo: local` entries. pre-commit finds pincheck on PATH, as a user's
# installed binary would be found; its cache lives in the trash directory.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-eval.sh"
. "$(dirname "$0")/lib-server.sh"

TOP=$E2E_DIR/../..
PATH=${PC_BUILD:-$(dirname "$PINCHECK")}:$PATH
PRE_COMMIT_HOME=$TRASH/pre-commit-home
export PATH PRE_COMMIT_HOME
unset PRE_COMMIT PRE_COMMIT_ALLOW_NO_CONFIG SKIP

# install.sh installs pre-commit on Debian: there, its absence is a failure,
# not a reason to skip. Elsewhere the tests that need it are skipped.
if command -v pre-commit >/dev/null 2>&1; then
	test_set_prereq PRE_COMMIT
elif command -v dpkg-query >/dev/null 2>&1; then
	test_expect_success 'pre-commit is installed (./install.sh installs it)' '
		command -v pre-commit
	'
fi

# fw_hook_repo: a git repository hooks-repo (in $TEST_DIR) holding this tree's
# .pre-commit-hooks.yaml, committed; FW_REPO is its path, FW_REV the commit.
fw_hook_repo () {
	FW_REPO=$TEST_DIR/hooks-repo &&
	git init -q "$FW_REPO" &&
	cp "$TOP/.pre-commit-hooks.yaml" "$FW_REPO/" &&
	git -C "$FW_REPO" add .pre-commit-hooks.yaml &&
	git -C "$FW_REPO" commit -q -m manifest &&
	FW_REV=$(git -C "$FW_REPO" rev-parse HEAD)
}

# fw_readme_config: README's .pre-commit-config.yaml (the ```yaml block that
# starts `# .pre-commit-config.yaml`), on stdout.
fw_readme_config () {
	awk '/^```yaml$/ { inblock = 1; n = 0; next }
	     /^```$/ { if (keep) exit; inblock = 0; next }
	     inblock { n++; if (n == 1 && $0 == "# .pre-commit-config.yaml") keep = 1; if (keep) print }' \
		"$TOP/README.md"
}

# fw_repo DIR: new_repo DIR (no pincheck install), with README's
# .pre-commit-config.yaml pointed at fw_hook_repo, committed; then
# `pre-commit install` (README's command).
fw_repo () {
	fw_hook_repo &&
	new_repo "$1" --no-install &&
	fw_readme_config |
	sed -e "s|repo: https://github.com/pincheck/pincheck|repo: $FW_REPO|" \
	    -e "s|rev: [^ ]*|rev: $FW_REV|" >.pre-commit-config.yaml &&
	grep -q "repo: $FW_REPO" .pre-commit-config.yaml &&
	grep -q "rev: $FW_REV" .pre-commit-config.yaml &&
	first_commit &&
	git add .pre-commit-config.yaml &&
	commit_unchecked "pre-commit config" &&
	pre-commit install >"$TRASH/.pc-install" 2>&1 || {
		cat .pre-commit-config.yaml "$TRASH/.pc-install"
		return 1
	}
}

# fw_failed ID: the last git command's stderr shows pre-commit's report of
# hook ID failing.
fw_failed () {
	grep_stderr_F "- hook id: $1"
}

test_expect_success PRE_COMMIT 'the manifest is valid for this pre-commit' '
	pre-commit --version &&
	pre-commit validate-manifest "$TOP/.pre-commit-hooks.yaml" &&
	for id in pincheck pincheck-commit-msg pincheck-pre-push; do
		grep -q "^- id: $id\$" "$TOP/.pre-commit-hooks.yaml" || return 1
	done
'

test_expect_success PRE_COMMIT 'README config: pre-commit install writes the four hooks' '
	fw_repo r &&
	for h in pre-commit pre-merge-commit commit-msg pre-push; do
		grep -q pre-commit ".git/hooks/$h" || return 1
	done
'

test_expect_success PRE_COMMIT 'README config: an alias is refused by git commit, a pinned snapshot passes' '
	fw_repo r &&
	printf "$alias_line" >app.py && git add app.py &&
	commit_refused &&
	fw_failed pincheck &&
	grep_stderr_F "app.py:1:10: error[alias]" &&
	grep_stderr_F "[openai-gpt-alias]" &&
	printf "$pinned_line" >app.py && git add app.py &&
	commit_accepted &&
	grep_stderr "^pincheck (staged change)\.*Passed" &&
	git show HEAD:app.py | grep -q gpt-4o-2024-08-06
'

test_expect_success PRE_COMMIT 'README config: the commit-msg hook gates a pin bump on its eval trailer' '
	fw_repo r &&
	commit_pin app.py "$OLD" &&
	bump &&
	commit_refused &&
	fw_failed pincheck-commit-msg &&
	grep_stderr_F "error[missing-eval]" &&
	stage_eval e.yaml "$NEW" &&
	commit_accepted -m "$(trailer e.yaml)" &&
	grep_stderr "^pincheck (eval trailers)\.*Passed"
'

test_expect_success PRE_COMMIT 'README config: a merge is checked as a commit is' '
	fw_repo r &&
	git checkout -q -b topic &&
	bad app.py "topic adds an alias" &&
	git checkout -q main &&
	good other.py "main moves on" &&
	_before=$(git rev-parse HEAD) &&
	if git merge --no-ff -m merge topic >"$OUT" 2>"$ERR"; then
		echo "the merge was not refused" && _show_output && false
	fi &&
	test "$(git rev-parse HEAD)" = "$_before" &&
	fw_failed pincheck &&
	grep_stderr_F "app.py:1:10: error[alias]"
'

# git runs pre-push with its stdout on git's stdout: pre-commit's report of
# the hook is in $OUT, pincheck's own (through pre-commit) there too.

# fw_push_passed ARGS...: `git push ARGS` succeeds and pre-commit says the
# pre-push hook passed.
fw_push_passed () {
	if ! git push "$@" >"$OUT" 2>"$ERR"; then
		echo "git push $* was refused; expected it to pass"
		_show_output
		return 1
	fi
	grep_stdout "^pincheck (commits to push)\.*Passed"
}

# fw_push_refused ARGS...: `git push ARGS` fails, no ref of $SRV moved, and
# pre-commit reports the pre-push hook failed.
fw_push_refused () {
	_before=$(server_refs)
	if git push "$@" >"$OUT" 2>"$ERR"; then
		echo "git push $* succeeded; expected it to be refused"
		_show_output
		return 1
	fi
	test "$(server_refs)" = "$_before" || {
		echo "git push $* failed but the server's refs moved"
		return 1
	}
	grep_stdout_F "- hook id: pincheck-pre-push" &&
	grep_stdout_F "pincheck: push rejected." &&
	_no_sanitizer_report
}

test_expect_success PRE_COMMIT 'README config: the pre-push hook refuses commits that bring an alias' '
	new_bare srv.git &&
	fw_repo r &&
	git remote add origin "$SRV" &&
	fw_push_passed origin main &&
	bad b.py "adds an alias" &&
	fw_push_refused origin main &&
	grep_stdout_F "commit $(short HEAD) (refs/heads/main) adds an alias" &&
	grep_stdout_F "b.py:1:10: error[alias]" &&
	git reset -q --hard HEAD~1 &&
	git checkout -q -b topic &&
	good ok.py "harmless" &&
	fw_push_passed origin topic &&
	bad c.py "a new branch adds an alias" &&
	git checkout -q -b topic2 &&
	fw_push_refused origin topic2 &&
	grep_stdout_F "c.py:1:10: error[alias]" &&
	grep_stdout_F " in 1 commit, "
'

test_expect_success PRE_COMMIT 'README config: a first push of a whole history is checked too' '
	new_bare srv.git &&
	fw_repo r &&
	bad b.py "adds an alias" &&
	git remote add origin "$SRV" &&
	fw_push_refused origin main &&
	grep_stdout_F "b.py:1:10: error[alias]" &&
	grep_stdout_F " in 3 commits, "
'

test_expect_success PRE_COMMIT 'repo: local entries, as README describes them, refuse an alias' '
	new_repo r --no-install &&
	first_commit &&
	cat >.pre-commit-config.yaml <<-\EOF &&
	repos:
	  - repo: local
	    hooks:
	      - id: pincheck
	        name: pincheck
	        entry: pincheck hook pre-commit
	        language: system
	        pass_filenames: false
	        always_run: true
	        stages: [commit]
	      - id: pincheck-commit-msg
	        name: pincheck commit-msg
	        entry: pincheck hook commit-msg
	        language: system
	        always_run: true
	        stages: [commit-msg]
	EOF
	git add .pre-commit-config.yaml &&
	commit_unchecked "pre-commit config" &&
	pre-commit install --hook-type pre-commit --hook-type commit-msg &&
	printf "$alias_line" >app.py && git add app.py &&
	commit_refused &&
	fw_failed pincheck &&
	grep_stderr_F "app.py:1:10: error[alias]" &&
	printf "$pinned_line" >app.py && git add app.py &&
	commit_accepted &&
	commit_pin app.py "$OLD" &&
	bump &&
	commit_refused &&
	fw_failed pincheck-commit-msg &&
	grep_stderr_F "error[missing-eval]"
'

test_expect_success PRE_COMMIT 'without pincheck on PATH the commit is refused, not let through' '
	fw_repo r &&
	printf "$pinned_line" >app.py && git add app.py &&
	mkdir "$TEST_DIR/bin" &&
	for p in bash dirname git sh python3 pre-commit cat grep sed; do
		ln -s "$(command -v $p)" "$TEST_DIR/bin/$p" || return 1
	done &&
	PATH=$TEST_DIR/bin &&
	! command -v pincheck &&
	commit_refused &&
	fw_failed pincheck &&
	grep_stderr_F "Executable \`pincheck\` not found"
'

test_done
