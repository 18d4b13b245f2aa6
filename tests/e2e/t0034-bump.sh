#!/bin/sh
# t0034: `pincheck bump OLD NEW` (issue 14 item 2): every choice of OLD
# becomes NEW, byte for byte, and nothing else (a mention and a comment
# stay); the config's approved list gains NEW in its own style (flow and
# block); with a passing eval the commit with the trailer bump prints is
# accepted by the installed hooks; with a failing one `bump --eval` writes
# nothing and exits 1; NEW of another provider, or retired, is refused
# with exit 2; `bump --diff` is what bump writes, as `git apply` takes it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-eval.sh"
. "$(dirname "$0")/lib-server.sh"

# bump_repo CONFIG: a repository (hooks installed) whose .pincheck.yml is
# the printf FORMAT CONFIG and whose app.py picks $OLD once, compares
# against it once and names it in a comment; all committed.
bump_repo () {
	new_repo_with_commit r &&
	printf "$1" >.pincheck.yml &&
	printf '# %s is the model we ship\nMODEL = "%s"\nif m == "%s":\n    pass\n' \
		"$OLD" "$OLD" "$OLD" >app.py &&
	git add . &&
	commit_unchecked "pin $OLD" &&
	printf '# %s is the model we ship\nMODEL = "%s"\nif m == "%s":\n    pass\n' \
		"$OLD" "$NEW" "$OLD" >../want.py
}

test_expect_success 'bump rewrites the choice only; a mention and a comment stay' '
	bump_repo "approved: [$OLD]  # reviewed\n" &&
	run_pincheck bump "$OLD" "$NEW" &&
	expect_rc 0 &&
	cmp ../want.py app.py &&
	grep_stdout_F "bumped 1 × $OLD -> $NEW" &&
	grep_stdout_F "approved $NEW in .pincheck.yml" &&
	grep_stdout_F "needs an eval result of $NEW"
'

test_expect_success 'a flow approved list gains NEW before its ], comments kept' '
	bump_repo "# who may ship\napproved: [\"$OLD\", other-model]  # reviewed\nseverity: {}\n" &&
	run_pincheck bump "$OLD" "$NEW" &&
	expect_rc 0 &&
	printf "# who may ship\napproved: [\"$OLD\", other-model, $NEW]  # reviewed\nseverity: {}\n" >../want.yml &&
	cmp ../want.yml .pincheck.yml
'

test_expect_success 'a block approved list gains a - NEW line, indented alike' '
	bump_repo "approved:\n    - $OLD   # since May\n    # the next one goes below\neval:\n  max_age_days: 30\n" &&
	run_pincheck bump "$OLD" "$NEW" &&
	expect_rc 0 &&
	printf "approved:\n    - $OLD   # since May\n    - $NEW\n    # the next one goes below\neval:\n  max_age_days: 30\n" >../want.yml &&
	cmp ../want.yml .pincheck.yml &&
	run_pincheck bump "$OLD" "$NEW" &&
	cmp ../want.yml .pincheck.yml
'

test_expect_success 'bump, then git commit with the trailer it prints: accepted by the hooks' '
	bump_repo "approved: [$OLD]\n" &&
	stage_eval new.yaml "$NEW" &&
	run_pincheck bump "$OLD" "$NEW" --eval "$RES/new.yaml" &&
	expect_rc 0 &&
	grep_stdout "^Eval-Result: $RES/new.yaml\$" &&
	git add -A &&
	commit_accepted -m "Bump to $NEW" -m "$(grep "^Eval-Result:" "$OUT")" &&
	cmp ../want.py app.py &&
	git show HEAD:.pincheck.yml | grep -q -F "$NEW"
'

# pushed_pin: a server whose pre-receive runs pincheck, and a clone of it
# (the current directory, hooks installed) whose main, on the server,
# pins $OLD in app.py under a config that approves $OLD (put there
# unchecked: its own eval is not what these tests are about).
pushed_pin () {
	new_server srv.git &&
	clone_installed c &&
	printf "approved: [%s]\n" "$OLD" >.pincheck.yml &&
	write_model app.py "$OLD" &&
	git add . &&
	commit_unchecked "pin $OLD" &&
	hook_off &&
	git push -q --no-verify origin HEAD:refs/heads/main 2>"$ERR" &&
	hook_on
}

test_expect_success 'bump, commit with its trailer, push: a real pre-receive accepts it' '
	pushed_pin &&
	stage_eval new.yaml "$NEW" &&
	run_pincheck bump "$OLD" "$NEW" --eval "$RES/new.yaml" &&
	expect_rc 0 &&
	git add -A &&
	commit_accepted -m "Bump to $NEW" -m "$(grep "^Eval-Result:" "$OUT")" &&
	push_accepted origin HEAD:refs/heads/main &&
	grep_stderr "^remote: pincheck: 0 errors, .* in 1 commit" &&
	test "$(git --git-dir="$SRV" rev-parse main)" = "$(git rev-parse HEAD)"
'

test_expect_success 'the same bump, committed and pushed without the trailer, pre-receive rejects' '
	pushed_pin &&
	run_pincheck bump "$OLD" "$NEW" &&
	expect_rc 0 &&
	git add -A &&
	git commit -q --no-verify -m "Bump to $NEW" &&
	push_rejected --no-verify origin HEAD:refs/heads/main &&
	grep_stderr "^remote: app.py:.*error\[missing-eval\]"
'

test_expect_success 'without the trailer, the same commit is refused' '
	bump_repo "approved: [$OLD]\n" &&
	run_pincheck bump "$OLD" "$NEW" &&
	git add -A &&
	commit_refused &&
	grep -q -F "needs a linked eval result" "$ERR"
'

test_expect_success 'with a failing eval, bump --eval writes nothing and exits 1' '
	bump_repo "approved: [$OLD]\n" &&
	stage_eval bad.yaml "$NEW" fail &&
	run_pincheck bump "$OLD" "$NEW" --eval "$RES/bad.yaml" &&
	expect_rc 1 &&
	grep_stderr_F "records a failing eval" &&
	grep_stderr_F "nothing written" &&
	git diff --quiet &&
	test -z "$(git status --porcelain --untracked-files=no | grep -v "^A  $RES/bad.yaml")"
'

test_expect_success 'an eval of another model, or not staged, is refused as commit-msg would' '
	bump_repo "approved: [$OLD]\n" &&
	stage_eval other.yaml "$NEWER" &&
	run_pincheck bump "$OLD" "$NEW" --eval "$RES/other.yaml" &&
	expect_rc 1 &&
	grep_stderr_F "evaluates $NEWER, not $NEW" &&
	write_eval "$RES/unstaged.yaml" "$NEW" &&
	run_pincheck bump "$OLD" "$NEW" --eval "$RES/unstaged.yaml" &&
	expect_rc 1 &&
	grep_stderr_F "git add it" &&
	git diff --quiet
'

test_expect_success 'NEW of another provider, an alias or retired: exit 2, saying why' '
	bump_repo "approved: [$OLD]\n" &&
	run_pincheck bump "$OLD" claude-3-5-sonnet-20241022 &&
	expect_rc 2 &&
	grep_stderr_F "a bump stays with one provider" &&
	run_pincheck bump "$OLD" gpt-4o &&
	expect_rc 2 &&
	grep_stderr_F "not a pinned snapshot" &&
	run_pincheck bump "$OLD" gpt-4o-2024-05-13 &&
	expect_rc 2 &&
	grep_stderr_F "retired on 2026-10-23" &&
	run_pincheck bump "$OLD" &&
	expect_rc 2 &&
	test -z "$(git status --porcelain)"
'

# A baseline accepts findings that existed; it does not hold a choice back
# from a migration. Excludes, data paths and pincheck:allow do: bump reads
# the files scan reads, and leaves a line a human marked alone.
test_expect_success 'bump reads the files scan reads: not excluded, data or allowed; baselined too' '
	new_repo_with_commit r --no-install &&
	RETIRED=gpt-4o-2024-05-13 &&
	mkdir vendor rec &&
	printf "MODEL = \"%s\"\n" $RETIRED >app.py &&
	cp app.py vendor/lib.py &&
	cp app.py rec/run.py &&
	printf "M = \"%s\"  # pincheck:allow\n" $RETIRED >kept.py &&
	printf "approved: [%s]\npaths:\n  exclude: [\"vendor/**\"]\n  data: [\"rec/**\"]\nbaseline: base.json\n" $RETIRED >.pincheck.yml &&
	run_pincheck baseline create base.json &&
	grep -q -F "\"path\": \"app.py\"" base.json &&
	git add . &&
	commit_unchecked "pin $RETIRED" &&
	run_pincheck scan &&
	expect_rc 0 &&
	run_pincheck bump $RETIRED "$NEW" &&
	expect_rc 0 &&
	grep_stdout_F "bumped 1 × $RETIRED -> $NEW" &&
	printf "MODEL = \"%s\"\n" "$NEW" >../want.py &&
	cmp ../want.py app.py &&
	test "$(git diff --name-only)" = "$(printf ".pincheck.yml\napp.py")"
'

test_expect_success 'bump --diff writes nothing, and git apply of it is what bump writes' '
	bump_repo "approved:\n- $OLD\n" &&
	run_pincheck bump "$OLD" "$NEW" --diff &&
	expect_rc 0 &&
	test -z "$(git status --porcelain)" &&
	grep_stderr_F "would bump 1 × $OLD -> $NEW" &&
	cp "$OUT" ../patch &&
	git apply ../patch &&
	git diff >../applied &&
	git checkout -q -- . &&
	run_pincheck bump "$OLD" "$NEW" &&
	expect_rc 0 &&
	git diff >../written &&
	cmp ../applied ../written &&
	cmp ../want.py app.py
'

test_done
