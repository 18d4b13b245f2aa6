#!/bin/sh
# t0001: `pincheck install` writes the pre-commit, pre-merge-commit and
# commit-msg hooks where git runs them (core.hooksPath, linked worktrees),
# chains a foreign hook instead of overwriting it, is idempotent, and
# `--uninstall` puts things back.
. "$(dirname "$0")/lib.sh"

HOOKS='pre-commit pre-merge-commit commit-msg'

# hooks_installed DIR: our three hooks are in DIR, executable, and exec the
# absolute path of the binary under test.
hooks_installed () {
	for h in $HOOKS; do
		test -x "$1/$h" || { echo "$1/$h missing or not executable"; ls -la "$1"; return 1; }
		grep -q -F "$PINCHECK" "$1/$h" || { echo "$1/$h does not name $PINCHECK:"; cat "$1/$h"; return 1; }
		grep -q -F "hook $h" "$1/$h" || { echo "$1/$h does not run 'hook $h':"; cat "$1/$h"; return 1; }
	done
}

# no_hooks DIR: none of our hooks (nor chained ones) are in DIR.
no_hooks () {
	for h in $HOOKS; do
		! test -e "$1/$h" || { echo "$1/$h still there"; return 1; }
		! test -e "$1/$h.pincheck-chained" || { echo "$1/$h.pincheck-chained still there"; return 1; }
	done
}

# foreign_hook FILE EXIT: a hook of someone else's that leaves a mark on
# stderr and exits EXIT.
foreign_hook () {
	printf '#!/bin/sh\necho "foreign hook ran: $(basename "$0")" >&2\nexit %s\n' "$2" >"$1" &&
	chmod +x "$1"
}

# alias_file / pinned_file: app.py is $alias_line / $pinned_line, staged.
alias_file () {
	printf "$alias_line" >app.py && git add app.py
}
pinned_file () {
	printf "$pinned_line" >app.py && git add app.py
}

test_expect_success 'install writes the three hooks into .git/hooks' '
	new_repo r --no-install &&
	run_pincheck install &&
	expect_rc 0 &&
	hooks_installed .git/hooks &&
	no_stderr_F "error"
'

test_expect_success 'installed hooks refuse an alias and accept a pinned id' '
	new_repo r &&
	alias_file &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]" &&
	pinned_file &&
	commit_accepted
'

test_expect_success 'install creates the hooks directory when it is missing' '
	git init -q --template= r &&
	cd r &&
	rm -rf .git/hooks &&
	run_pincheck install &&
	expect_rc 0 &&
	hooks_installed .git/hooks &&
	alias_file &&
	commit_refused
'

test_expect_success 'install from a subdirectory installs into the repository' '
	new_repo r --no-install &&
	mkdir -p src/deep && cd src/deep &&
	run_pincheck install &&
	expect_rc 0 &&
	cd ../.. &&
	hooks_installed .git/hooks &&
	! test -e src/deep/.git
'

test_expect_success 'install outside a repository fails with exit 3' '
	mkdir plain && cd plain &&
	run_pincheck install &&
	expect_rc 3 &&
	test -s "$ERR" &&
	! test -e hooks && ! test -e .git
'

test_expect_success 'install honours a relative core.hooksPath (relative to the worktree root)' '
	new_repo r --no-install &&
	git config core.hooksPath .githooks &&
	mkdir sub && cd sub &&
	run_pincheck install &&
	expect_rc 0 &&
	cd .. &&
	hooks_installed .githooks &&
	! test -e sub/.githooks &&
	! test -e .git/hooks/pre-commit &&
	alias_file &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]"
'

test_expect_success 'install honours an absolute core.hooksPath' '
	new_repo r --no-install &&
	git config core.hooksPath "$TEST_DIR/shared-hooks" &&
	run_pincheck install &&
	expect_rc 0 &&
	hooks_installed "$TEST_DIR/shared-hooks" &&
	! test -e .git/hooks/pre-commit &&
	alias_file &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]"
'

test_expect_success 'install honours core.hooksPath set in the global config' '
	new_repo r --no-install &&
	git config --global core.hooksPath "$TEST_DIR/global-hooks" &&
	run_pincheck install &&
	rc=$(cat "$RC") &&
	git config --global --unset core.hooksPath &&
	test "$rc" = 0 &&
	hooks_installed "$TEST_DIR/global-hooks" &&
	! test -e .git/hooks/pre-commit
'

test_expect_success 'install chains an existing foreign hook and says so on stdout' '
	new_repo r --no-install &&
	foreign_hook .git/hooks/pre-commit 0 &&
	cp .git/hooks/pre-commit foreign.orig &&
	run_pincheck install &&
	expect_rc 0 &&
	hooks_installed .git/hooks &&
	cmp foreign.orig .git/hooks/pre-commit.pincheck-chained &&
	test -x .git/hooks/pre-commit.pincheck-chained &&
	{ grep -i "chain" "$OUT" | grep -q "pre-commit" || { echo "stdout does not mention chaining pre-commit"; _show_output; false; }; } &&
	! test -e .git/hooks/commit-msg.pincheck-chained &&
	! test -e .git/hooks/pre-merge-commit.pincheck-chained
'

test_expect_success 'a chained foreign hook still runs before pincheck' '
	new_repo r --no-install &&
	foreign_hook .git/hooks/pre-commit 0 &&
	"$PINCHECK" install >/dev/null &&
	pinned_file &&
	commit_accepted &&
	grep_stderr_F "foreign hook ran: pre-commit.pincheck-chained"
'

test_expect_success 'a chained foreign hook can still refuse a clean commit' '
	new_repo r --no-install &&
	foreign_hook .git/hooks/pre-commit 1 &&
	"$PINCHECK" install >/dev/null &&
	pinned_file &&
	commit_refused &&
	grep_stderr_F "foreign hook ran"
'

test_expect_success 'with a chained foreign hook that passes, pincheck still refuses an alias' '
	new_repo r --no-install &&
	foreign_hook .git/hooks/pre-commit 0 &&
	"$PINCHECK" install >/dev/null &&
	alias_file &&
	commit_refused &&
	grep_stderr_F "foreign hook ran" &&
	grep_stderr_F "app.py:1:10: error[alias]"
'

test_expect_success 'a chained foreign commit-msg hook still gets the message file' '
	new_repo r --no-install &&
	printf "#!/bin/sh\ngrep -q \"^JIRA-[0-9]\" \"\$1\" || { echo \"commit-msg: no ticket\" >&2; exit 1; }\n" >.git/hooks/commit-msg &&
	chmod +x .git/hooks/commit-msg &&
	"$PINCHECK" install >/dev/null &&
	test -x .git/hooks/commit-msg.pincheck-chained &&
	pinned_file &&
	commit_refused &&
	grep_stderr_F "commit-msg: no ticket" &&
	git commit -q -m "JIRA-1 pin the model" 2>"$ERR" &&
	git log -1 --format=%s | grep -q "^JIRA-1"
'

test_expect_success 're-running install is idempotent (does not chain itself)' '
	new_repo r &&
	cp .git/hooks/pre-commit first &&
	run_pincheck install &&
	expect_rc 0 &&
	hooks_installed .git/hooks &&
	cmp first .git/hooks/pre-commit &&
	no_hooks_chained=$(ls .git/hooks | grep -c pincheck-chained || :) &&
	test "$no_hooks_chained" = 0 &&
	alias_file &&
	commit_refused &&
	test "$(grep -c -F "app.py:1:10: error[alias]" "$ERR")" = 1
'

test_expect_success 're-running install keeps the chained foreign hook intact' '
	new_repo r --no-install &&
	foreign_hook .git/hooks/pre-commit 0 &&
	cp .git/hooks/pre-commit foreign.orig &&
	"$PINCHECK" install >/dev/null &&
	"$PINCHECK" install >/dev/null &&
	cmp foreign.orig .git/hooks/pre-commit.pincheck-chained &&
	! test -e .git/hooks/pre-commit.pincheck-chained.pincheck-chained &&
	pinned_file &&
	commit_accepted &&
	test "$(grep -c "foreign hook ran" "$ERR")" = 1
'

test_expect_success 'install --uninstall removes our hooks' '
	new_repo r &&
	run_pincheck install --uninstall &&
	expect_rc 0 &&
	no_hooks .git/hooks &&
	alias_file &&
	commit_accepted
'

test_expect_success 'install --uninstall restores the chained foreign hook under its name' '
	new_repo r --no-install &&
	foreign_hook .git/hooks/pre-commit 0 &&
	cp .git/hooks/pre-commit foreign.orig &&
	"$PINCHECK" install >/dev/null &&
	run_pincheck install --uninstall &&
	expect_rc 0 &&
	cmp foreign.orig .git/hooks/pre-commit &&
	test -x .git/hooks/pre-commit &&
	! test -e .git/hooks/pre-commit.pincheck-chained &&
	! test -e .git/hooks/commit-msg &&
	! test -e .git/hooks/pre-merge-commit &&
	alias_file &&
	commit_accepted &&
	grep_stderr_F "foreign hook ran: pre-commit"
'

test_expect_success 'install --uninstall leaves a foreign hook that is not ours alone' '
	new_repo r --no-install &&
	foreign_hook .git/hooks/post-commit 0 &&
	foreign_hook .git/hooks/pre-commit 0 &&
	cp .git/hooks/pre-commit foreign.orig &&
	run_pincheck install --uninstall &&
	cmp foreign.orig .git/hooks/pre-commit &&
	test -x .git/hooks/post-commit
'

test_expect_success 'install --force overwrites a foreign hook without chaining it' '
	new_repo r --no-install &&
	foreign_hook .git/hooks/pre-commit 1 &&
	run_pincheck install --force &&
	expect_rc 0 &&
	hooks_installed .git/hooks &&
	! test -e .git/hooks/pre-commit.pincheck-chained &&
	pinned_file &&
	commit_accepted &&
	no_stderr_F "foreign hook ran"
'

test_expect_success 'install from a linked worktree installs into the common hooks dir' '
	new_repo_with_commit r --no-install &&
	git worktree add -q -b feature ../wt &&
	cd ../wt &&
	run_pincheck install &&
	expect_rc 0 &&
	hooks_installed "$TEST_DIR/r/.git/hooks" &&
	! test -e "$TEST_DIR/r/.git/worktrees/wt/hooks" &&
	alias_file &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]" &&
	cd ../r &&
	alias_file &&
	commit_refused
'

test_expect_success 'a hook whose pincheck binary has gone fails closed' '
	mkdir bin && cp "$PINCHECK" bin/pincheck &&
	new_repo r --no-install &&
	"$TEST_DIR/bin/pincheck" install >/dev/null &&
	grep -q -F "$TEST_DIR/bin/pincheck" .git/hooks/pre-commit &&
	rm "$TEST_DIR/bin/pincheck" &&
	pinned_file &&
	commit_refused
'

test_done
