#!/bin/sh
# t0013: the pre-push hook written by `pincheck install` checks, before
# anything leaves the machine, each commit being pushed that the remote lacks
# (not reachable from refs/remotes/REMOTE/* nor from the remote's old tip when
# it is known locally); an error refuses the push and the remote ref does not
# move. A pre-push hook that was there before is chained: it still runs, with
# the same arguments and standard input.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-server.sh"

# --- install -------------------------------------------------------------------

test_expect_success 'install writes a pre-push hook that runs this binary' '
	new_bare srv.git &&
	clone_installed c &&
	grep -q -F "$PINCHECK" .git/hooks/pre-push &&
	grep -q -F "hook pre-push" .git/hooks/pre-push &&
	grep -q -F "pre-push" "$TRASH/.install.out"
'

test_expect_success 'the installed pre-push hook has no unsubstituted @PINCHECK@' '
	new_bare srv.git &&
	clone_installed c &&
	if grep -n -F "@PINCHECK@" .git/hooks/pre-push; then
		cat .git/hooks/pre-push
		false
	fi
'

# --- refused / accepted ------------------------------------------------------------

test_expect_success 'a clean push is accepted and its new commits counted' '
	remote_with_main &&
	expect_commits 1 &&
	good a.py a && good b.py b &&
	push_accepted origin main &&
	expect_commits 2 &&
	test "$(git --git-dir="$SRV" rev-parse main)" = "$(git rev-parse HEAD)"
'

test_expect_success 'an alias in the 2nd of 5 commits is refused before it leaves' '
	remote_with_main &&
	good a1.py c1 && bad a2.py c2 && c2=$(git rev-parse HEAD) &&
	good a3.py c3 && good a4.py c4 && good a5.py c5 &&
	push_refused_locally origin main &&
	commit_header $c2 refs/heads/main &&
	alias_at a2.py &&
	test "$(count_findings alias)" = 1 &&
	grep_stderr "^pincheck: 1 error, 0 warnings in 5 commits" &&
	! on_server $c2 &&
	! on_server HEAD
'

test_expect_success 'git push --no-verify skips the hook (the remote then has it)' '
	remote_with_main &&
	bad a.py alias &&
	git push -q --no-verify origin main 2>"$ERR" &&
	on_server HEAD
'

test_expect_success 'only commits the remote lacks: an old alias already pushed is not re-checked' '
	remote_with_main &&
	bad old.py "old alias" && git push -q --no-verify origin main 2>/dev/null &&
	good a.py a &&
	push_accepted origin main &&
	expect_commits 1 &&
	no_stderr_F "old.py"
'

test_expect_success 'a new branch whose commits the remote has (one with an old alias): accepted' '
	remote_with_main &&
	bad old.py "old alias" && good b.py b &&
	git push -q --no-verify origin main 2>/dev/null &&
	git branch copy HEAD~1 &&
	push_accepted origin copy &&
	expect_commits 0 &&
	no_stderr_F "old.py" &&
	test "$(git --git-dir="$SRV" rev-parse copy)" = "$(git rev-parse HEAD~1)"
'

test_expect_success 'a new branch: only its own commits are checked' '
	remote_with_main &&
	good a.py a && push_accepted origin main &&
	git checkout -q -b feat &&
	good b.py b && good c.py c && good d.py d &&
	push_accepted origin feat &&
	expect_commits 3
'

test_expect_success 'a new branch with an alias is refused; the branch does not appear' '
	remote_with_main &&
	git checkout -q -b feat &&
	good b.py b && bad c.py c &&
	push_refused_locally origin feat &&
	alias_at c.py &&
	expect_commits 2 &&
	test -z "$(git --git-dir="$SRV" for-each-ref refs/heads/feat)"
'

test_expect_success 'a tag on a new commit with an alias is refused' '
	remote_with_main &&
	git checkout -q --detach &&
	bad t.py tagged &&
	git tag -a -m "release" v1 &&
	push_refused_locally origin v1 &&
	alias_at t.py &&
	test -z "$(git --git-dir="$SRV" for-each-ref refs/tags)"
'

test_expect_success 'deleting a remote branch is accepted, nothing checked' '
	remote_with_main &&
	bad old.py "old alias" && git push -q --no-verify origin main:refs/heads/gone 2>/dev/null &&
	git fetch -q origin &&
	push_accepted origin :gone &&
	expect_commits 0 &&
	test -z "$(git --git-dir="$SRV" for-each-ref refs/heads/gone)"
'

test_expect_success 'a force push that rewrites history: the new commits are checked' '
	remote_with_main &&
	good a.py a && good b.py b && push_accepted origin main &&
	git reset -q --hard HEAD~2 &&
	good x.py x && bad y.py y &&
	push_refused_locally --force origin main &&
	alias_at y.py &&
	expect_commits 2 &&
	git reset -q --hard HEAD~1 &&
	push_accepted --force origin main &&
	expect_commits 1
'

test_expect_success 'a force push over a remote tip not known locally still checks (and does not crash)' '
	remote_with_main &&
	git clone -q "$SRV" ../other 2>/dev/null &&
	(cd ../other && good o.py other && git push -q origin main 2>/dev/null) &&
	good mine.py mine && bad mine2.py mine2 &&
	push_refused_locally --force origin main &&
	alias_at mine2.py &&
	expect_commits 2 &&
	git reset -q --hard HEAD~1 &&
	push_accepted --force origin main &&
	expect_commits 1
'

test_expect_success 'two branches sharing commits: shared commits checked once' '
	remote_with_main &&
	git checkout -q -b a && good a1.py a1 && bad a2.py a2 &&
	git checkout -q -b b && good b1.py b1 &&
	push_refused_locally origin a b &&
	test "$(count_findings alias)" = 1 &&
	expect_commits 3
'

test_expect_success 'a merge of a branch the remote has brings nothing new: accepted' '
	remote_with_main &&
	git checkout -q -b feat && bad f.py "alias on feat" &&
	git push -q --no-verify origin feat 2>/dev/null &&
	git checkout -q main && good m.py m &&
	git merge -q --no-ff --no-verify -m "Merge feat" feat &&
	push_accepted origin main &&
	no_stderr_F "[alias]" &&
	expect_commits 2
'

test_expect_success 'an evil merge adding an alias is refused' '
	remote_with_main &&
	git checkout -q -b feat && good f.py f && git push -q origin feat 2>/dev/null &&
	git checkout -q main && good m.py m &&
	git merge -q --no-ff --no-commit feat &&
	printf "MODEL = \"gpt-4o\"\n" >evil.py && git add evil.py &&
	git commit -q --no-verify -m "Merge feat" &&
	push_refused_locally origin main &&
	alias_at evil.py &&
	expect_commits 2
'

test_expect_success 'the first push to an empty remote checks every commit' '
	new_bare srv.git &&
	clone_installed c &&
	good a.py a && bad b.py b && good c.py c &&
	push_refused_locally origin main &&
	alias_at b.py &&
	expect_commits 3 &&
	test -z "$(server_refs)"
'

# --- a chained hook ------------------------------------------------------------------

# chain_logger EXIT: before `pincheck install`, a foreign pre-push hook that
# logs its arguments and standard input to $TEST_DIR/chained.log and exits EXIT.
chain_logger () {
	mkdir -p .git/hooks &&
	printf '#!/bin/sh\necho "args: $*" >>"%s/chained.log"\ncat >>"%s/chained.log"\necho "foreign pre-push ran" >&2\nexit %s\n' \
		"$TEST_DIR" "$TEST_DIR" "$1" >.git/hooks/pre-push &&
	chmod +x .git/hooks/pre-push
}

test_expect_success 'a chained pre-push hook still runs, with the same args and stdin' '
	new_bare srv.git &&
	clone_srv c &&
	chain_logger 0 &&
	install_hooks &&
	test -x .git/hooks/pre-push.pincheck-chained &&
	good a.py a &&
	push_accepted origin main &&
	expect_commits 1 &&
	grep_stderr_F "foreign pre-push ran" &&
	grep -q -x -F "args: origin $SRV" "$TEST_DIR/chained.log" &&
	grep -q -x -F "refs/heads/main $(git rev-parse HEAD) refs/heads/main 0000000000000000000000000000000000000000" "$TEST_DIR/chained.log"
'

test_expect_success 'the chained hook runs first; pincheck still refuses an alias after it' '
	new_bare srv.git &&
	clone_srv c &&
	chain_logger 0 &&
	install_hooks &&
	good a.py a && bad b.py b &&
	push_refused_locally origin main &&
	grep_stderr_F "foreign pre-push ran" &&
	alias_at b.py &&
	expect_commits 2 &&
	no_stderr_F "not found" &&
	test "$(grep -c "^pincheck: [0-9][0-9]* errors*, " "$ERR")" = 1 &&
	grep -q -F "refs/heads/main $(git rev-parse HEAD) refs/heads/main" "$TEST_DIR/chained.log"
'

test_expect_success 'a chained hook that fails refuses even a clean push' '
	new_bare srv.git &&
	clone_srv c &&
	chain_logger 1 &&
	install_hooks &&
	good a.py a &&
	if git push origin main >"$OUT" 2>"$ERR"; then
		echo "push succeeded despite the failing chained hook"; _show_output; false
	fi &&
	grep_stderr_F "foreign pre-push ran" &&
	test -z "$(server_refs)"
'

test_expect_success 'a chained hook receives every line of a multi-ref push' '
	new_bare srv.git &&
	clone_srv c &&
	chain_logger 0 &&
	install_hooks &&
	good a.py a && git branch other &&
	push_accepted origin main other &&
	test "$(grep -c "^refs/heads/" "$TEST_DIR/chained.log")" = 2 &&
	expect_commits 1
'

# --- direct invocation ---------------------------------------------------------

test_expect_success 'hook pre-push without REMOTE and URL is a usage error (exit 2)' '
	new_repo_with_commit r --no-install &&
	run_pincheck hook pre-push </dev/null &&
	expect_rc 2
'

test_expect_success 'hook pre-push with a malformed stdin line fails closed' '
	new_repo_with_commit r --no-install &&
	printf "refs/heads/main not-a-sha\n" | run_pincheck hook pre-push origin /nowhere &&
	_rc=$(cat "$RC") && test "$_rc" != 0
'

test_done
