#!/bin/sh
# t0012: `pincheck hook pre-receive` on a real bare repository, fed by real
# `git push`es (objects in git's quarantine while the hook runs). Every commit
# a push brings that no existing ref reaches is checked once, against its
# first parent (a merge: only lines new relative to every parent), under the
# TRUSTED configuration only (--config, git config pincheck.config, the
# .pincheck.yml on the server's HEAD before the push, built-in rules); a
# pushed .pincheck.yml never changes the verdict on its own push. Any error,
# internal ones included, rejects the whole push and leaves the refs alone.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-eval.sh"
. "$(dirname "$0")/lib-server.sh"

# --- the basics ---------------------------------------------------------------

test_expect_success 'the rule id that finds gpt-4o is openai-gpt-alias' '
	new_repo r --no-install &&
	printf "MODEL = \"gpt-4o\"\n" >app.py &&
	run_pincheck scan app.py &&
	expect_rc 1 &&
	grep_stdout_F "app.py:1:10: error[alias]" &&
	grep_stdout_F "[$GPT_RULE]"
'

test_expect_success 'a clean multi-commit push is accepted, each new commit counted' '
	server_with_main &&
	expect_commits 1 &&
	good a.py one && good b.py two && good c.py three &&
	push_accepted origin main &&
	expect_commits 3 &&
	test "$(git rev-parse HEAD)" = "$(git --git-dir="$SRV" rev-parse main)"
'

test_expect_success 'an alias in the 2nd of 5 pushed commits rejects the whole push' '
	server_with_main &&
	good a1.py c1 && bad a2.py c2 && c2=$(git rev-parse HEAD) &&
	good a3.py c3 && good a4.py c4 && good a5.py c5 &&
	push_rejected origin main &&
	commit_header $c2 refs/heads/main &&
	alias_at a2.py &&
	grep_stderr_F "gpt-4o-2024-08-06" &&
	test "$(count_findings alias)" = 1 &&
	grep_stderr "^remote: pincheck: 1 error, 0 warnings in 5 commits, " &&
	grep_stderr "^remote: pincheck: push rejected" &&
	test "$(grep -c "^remote: commit " "$ERR")" = 1
'

test_expect_success 'an alias removed again by a later commit of the push is still rejected' '
	server_with_main &&
	bad app.py "add alias" && a=$(git rev-parse HEAD) &&
	printf "MODEL = \"$NEW\"\n" >app.py && git commit -q -am "fix it" &&
	push_rejected origin main &&
	commit_header $a refs/heads/main &&
	alias_at app.py &&
	expect_commits 2
'

test_expect_success 'the hook sees the quarantined objects (GIT_QUARANTINE_PATH set)' '
	new_server srv.git &&
	printf "#!/bin/sh\nenv | grep \"^GIT_QUARANTINE_PATH=\" >\"%s/env.log\"\nexec \"%s\" hook pre-receive\n" \
		"$TEST_DIR" "$PINCHECK" >"$SRV/hooks/pre-receive" &&
	clone_srv c &&
	good a.py one && bad b.py two &&
	push_rejected origin main &&
	grep -q "^GIT_QUARANTINE_PATH=.*/objects/" "$TEST_DIR/env.log" &&
	alias_at b.py &&
	expect_commits 2
'

# git forwards a pre-receive hook's stdout and stderr alike (both become
# `remote: ` lines on the pusher's stderr), so that the report is on the
# hook's stderr shows only when the hook is run by hand: on the same commit,
# fetched into the server without a ref.
test_expect_success 'the report is on stderr (remote: lines), the exact sample of 1 commit' '
	server_with_main &&
	bad app.py "Use the alias" &&
	push_rejected origin main &&
	grep_stderr "^remote: commit [0-9a-f]\{12\} (refs/heads/main) Use the alias" &&
	grep_stderr "^remote: pincheck: 1 error, 0 warnings in 1 commit, 1 file" &&
	grep_stderr_F "remote:     MODEL = \"gpt-4o\"" &&
	git --git-dir="$SRV" fetch -q "$PWD" main &&
	echo "$(git rev-parse origin/main) $(git rev-parse HEAD) refs/heads/main" |
		(cd "$SRV" && run_pincheck hook pre-receive) &&
	expect_rc 1 &&
	grep_stderr "^commit [0-9a-f]\{12\} (refs/heads/main) Use the alias" &&
	! grep -q "pincheck" "$OUT"
'

# --- the trusted configuration --------------------------------------------------

test_expect_success 'a pushed .pincheck.yml disabling the rule does not let its own push through' '
	server_with_main &&
	printf "version: 1\ndisable: [$GPT_RULE]\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m "disable the gpt alias rule" &&
	bad app.py "alias" &&
	push_rejected origin main &&
	alias_at app.py &&
	expect_commits 2
'

test_expect_success 'same commit: the config and the alias together are rejected too' '
	server_with_main &&
	printf "version: 1\ndisable: [$GPT_RULE]\n" >.pincheck.yml &&
	printf "MODEL = \"gpt-4o\"\n" >app.py &&
	git add .pincheck.yml app.py && git commit -q -m "both" &&
	push_rejected origin main &&
	alias_at app.py
'

# Relaxing the policy by a push is refused (t0018); an administrator who
# puts a relaxed config on HEAD does so past the hook.
test_expect_success 'the config on HEAD (put there past the hook) is trusted for a later push' '
	server_with_main &&
	printf "version: 1\ndisable: [$GPT_RULE]\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m "disable the gpt alias rule" &&
	hook_off && git push -q origin main 2>/dev/null && hook_on &&
	bad app.py "alias" &&
	push_accepted origin main &&
	no_stderr_F "[alias]" &&
	expect_commits 1
'

test_expect_success 'the trusted config is HEAD'"'"'s, not the pushed branch'"'"'s' '
	server_with_main &&
	git checkout -q -b relaxed &&
	printf "version: 1\ndisable: [$GPT_RULE]\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m "relax on a branch" &&
	hook_off && git push -q origin relaxed 2>/dev/null && hook_on &&
	bad app.py "alias on the relaxed branch" &&
	push_rejected origin relaxed &&
	alias_at app.py
'

# A .pincheck.yml that approves a model not yet in use needs an eval of its
# own ("approving it"), so the policy is put on the server unchecked here.
test_expect_success 'an approved list on HEAD refuses an unapproved pin; the approved one passes' '
	server_with_main &&
	printf "version: 1\napproved:\n  - $NEW\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m approved &&
	hook_off && git push -q origin main 2>/dev/null && hook_on &&
	commit_pin app.py claude-opus-4-6 &&
	push_rejected origin main &&
	grep_stderr "^remote: app.py:3:10: error\[unapproved\]" &&
	git reset -q --hard HEAD~1 &&
	commit_pin app.py "$NEW" &&
	push_accepted origin main &&
	expect_commits 1
'

test_expect_success 'approving the pin in the same push does not help' '
	server_with_main &&
	printf "version: 1\napproved:\n  - $NEW\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m approved &&
	hook_off && git push -q origin main 2>/dev/null && hook_on &&
	printf "version: 1\napproved:\n  - $NEW\n  - claude-opus-4-6\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m "approve opus too" &&
	commit_pin app.py claude-opus-4-6 &&
	push_rejected origin main &&
	grep_stderr "^remote: app.py:3:10: error\[unapproved\]"
'

test_expect_success 'an approved list in git config pincheck.config refuses an unapproved pin' '
	server_with_main &&
	printf "version: 1\napproved: [$NEW]\n" >"$SRV/policy.yml" &&
	git --git-dir="$SRV" config pincheck.config policy.yml &&
	commit_pin app.py gpt-4o-2024-11-20 &&
	push_rejected origin main &&
	grep_stderr "^remote: app.py:3:10: error\[unapproved\]" &&
	finding_line_has "error[unapproved]" gpt-4o-2024-11-20 &&
	git reset -q --hard HEAD~1 &&
	commit_pin app.py "$NEW" &&
	push_accepted origin main
'

test_expect_success 'git config pincheck.config (relative to the git dir) takes effect' '
	server_with_main &&
	printf "version: 1\ndisable: [$GPT_RULE]\n" >"$SRV/policy.yml" &&
	git --git-dir="$SRV" config pincheck.config policy.yml &&
	bad app.py alias &&
	push_accepted origin main &&
	no_stderr_F "[alias]"
'

test_expect_success 'git config pincheck.config (absolute) wins over HEAD'"'"'s .pincheck.yml' '
	server_with_main &&
	printf "version: 1\ndisable: [$GPT_RULE]\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m "relax on HEAD" &&
	hook_off && git push -q origin main 2>/dev/null && hook_on &&
	printf "version: 1\n" >"$TEST_DIR/strict.yml" &&
	git --git-dir="$SRV" config pincheck.config "$TEST_DIR/strict.yml" &&
	bad app.py alias &&
	push_rejected origin main &&
	alias_at app.py
'

test_expect_success '--config in the hook takes effect and wins over git config' '
	printf "version: 1\ndisable: [$GPT_RULE]\n" >"$TEST_DIR/relaxed.yml" &&
	printf "version: 1\n" >"$TEST_DIR/strict.yml" &&
	server_with_main --config "$TEST_DIR/relaxed.yml" hook pre-receive &&
	git --git-dir="$SRV" config pincheck.config "$TEST_DIR/strict.yml" &&
	bad app.py alias &&
	push_accepted origin main &&
	no_stderr_F "[alias]" &&
	server_hook --config "$TEST_DIR/strict.yml" hook pre-receive &&
	bad b.py "another alias" &&
	push_rejected origin main &&
	alias_at b.py
'

test_expect_success 'a broken server config (git config) rejects the push, naming file:line:col' '
	server_with_main &&
	printf "version: 1\nbogus: true\n" >"$SRV/policy.yml" &&
	git --git-dir="$SRV" config pincheck.config policy.yml &&
	good a.py clean &&
	push_rejected origin main &&
	grep_stderr "^remote: .*policy\.yml:2:1: .*bogus"
'

test_expect_success 'a broken --config in the hook rejects even a clean push (exit 2 path)' '
	printf "version: 1\nrules: [ {id: x, pattern: \"(\" } ]\n" >"$TEST_DIR/bad.yml" &&
	new_server srv.git --config "$TEST_DIR/bad.yml" hook pre-receive &&
	clone_srv c &&
	good a.py clean &&
	push_rejected origin main &&
	grep_stderr "^remote: .*bad\.yml:[0-9][0-9]*:[0-9][0-9]*: " &&
	(cd "$SRV" && run_pincheck --config "$TEST_DIR/bad.yml" hook pre-receive) &&
	expect_rc 2
'

test_expect_success 'fail closed: a corrupt (binary) server config rejects the push' '
	server_with_main &&
	printf "\001\002\377\376version: [1\n\000\n" >"$SRV/policy.yml" &&
	git --git-dir="$SRV" config pincheck.config policy.yml &&
	good a.py clean &&
	push_rejected origin main &&
	grep_stderr "^remote: .*policy\.yml"
'

test_expect_success 'fail closed: pincheck.config naming a missing file rejects the push' '
	server_with_main &&
	git --git-dir="$SRV" config pincheck.config no-such-policy.yml &&
	good a.py clean &&
	push_rejected origin main &&
	grep_stderr "^remote: .*no-such-policy\.yml"
'

test_expect_success 'a non-bare server: its HEAD commit'"'"'s config counts, not its work tree file' '
	git init -q srv &&
	SRV=$(cd srv && pwd -P)/.git &&
	(cd srv && printf "# s\n" >README.md && git add README.md && git commit -q -m init &&
		git checkout -q -b parked) &&
	printf "version: 1\ndisable: [$GPT_RULE]\n" >srv/.pincheck.yml &&
	server_hook &&
	clone_srv c &&
	bad app.py alias &&
	push_rejected origin HEAD:refs/heads/main &&
	alias_at app.py &&
	(cd ../srv && git add .pincheck.yml && git commit -q -m "relax") &&
	push_accepted origin HEAD:refs/heads/main &&
	no_stderr_F "[alias]"
'

# --- the eval gate --------------------------------------------------------------

test_expect_success 'a bump without an Eval-Result trailer is rejected (missing-eval)' '
	server_with_main &&
	commit_pin app.py "$OLD" &&
	push_accepted origin main &&
	commit_pin app.py "$NEW" "Bump" &&
	push_rejected origin main &&
	grep_stderr "^remote: app.py:3:10: error\[missing-eval\]" &&
	finding_line_has "error[missing-eval]" "$NEW"
'

test_expect_success 'a bump with a valid trailer, the eval in that commit'"'"'s tree, is accepted' '
	server_with_main &&
	commit_pin app.py "$OLD" &&
	push_accepted origin main &&
	stage_eval e.yaml "$NEW" &&
	commit_pin app.py "$NEW" "Bump" -m "Eval-Result: $RES/e.yaml" &&
	push_accepted origin main &&
	expect_commits 1
'

test_expect_success 'a bump whose eval is only added by a later commit of the push is rejected' '
	server_with_main &&
	commit_pin app.py "$OLD" &&
	push_accepted origin main &&
	commit_pin app.py "$NEW" "Bump" -m "Eval-Result: $RES/e.yaml" &&
	stage_eval e.yaml "$NEW" && git commit -q -m "eval, too late" &&
	push_rejected origin main &&
	grep_stderr "^remote: .*error\[bad-eval\]\|^remote: .*error\[missing-eval\]" &&
	expect_commits 2
'

# --- which commits are new -------------------------------------------------------

test_expect_success 'a new branch: only its own new commits are checked' '
	server_with_main &&
	good a.py a && good b.py b &&
	push_accepted origin main &&
	git checkout -q -b feat &&
	good c.py c && good d.py d && good e.py e &&
	push_accepted origin feat &&
	expect_commits 3
'

test_expect_success 'a new branch with an alias is rejected; the old history is not re-checked' '
	server_with_main &&
	hook_off && bad old.py "old alias" && git push -q origin main 2>/dev/null && hook_on &&
	git checkout -q -b feat &&
	good c.py c && bad d.py d &&
	push_rejected origin feat &&
	alias_at d.py &&
	no_stderr_F "old.py" &&
	expect_commits 2
'

test_expect_success 'pushing history that exists on another branch checks nothing' '
	server_with_main &&
	good a.py a && good b.py b &&
	push_accepted origin main &&
	push_accepted origin main:refs/heads/copy &&
	expect_commits 0 &&
	push_accepted origin main~1:refs/heads/older &&
	expect_commits 0
'

test_expect_success 'history already on the server passes even if it holds an old alias' '
	server_with_main &&
	hook_off && bad old.py "old alias" && git push -q origin main 2>/dev/null && hook_on &&
	push_accepted origin main:refs/heads/copy &&
	expect_commits 0 &&
	no_stderr_F "old.py"
'

test_expect_success 'the summary says "in 0 commits" when a push brings none' '
	server_with_main &&
	push_accepted origin main:refs/heads/copy &&
	grep_stderr "^remote: pincheck: 0 errors, 0 warnings in 0 commits"
'

test_expect_success 'a force push that rewrites history: the new commits are checked' '
	server_with_main &&
	good a.py a && good b.py b && good c.py c &&
	push_accepted origin main &&
	git reset -q --hard HEAD~2 &&
	good x.py x && bad y.py y && good z.py z &&
	push_rejected --force origin main &&
	alias_at y.py &&
	expect_commits 3 &&
	git reset -q --hard HEAD~2 &&
	good w.py w &&
	push_accepted --force origin main &&
	expect_commits 2 &&
	test "$(git --git-dir="$SRV" rev-parse main)" = "$(git rev-parse HEAD)"
'

test_expect_success 'a deleted branch is accepted, nothing checked' '
	server_with_main &&
	hook_off &&
	git checkout -q -b bad && bad bad.py "alias" && git push -q origin bad 2>/dev/null &&
	hook_on &&
	push_accepted origin :bad &&
	expect_commits 0 &&
	test -z "$(git --git-dir="$SRV" for-each-ref refs/heads/bad)" &&
	git checkout -q main && git branch -q -D bad &&
	good a.py a && git push -q origin main:refs/heads/gone 2>/dev/null &&
	push_accepted --delete origin gone &&
	expect_commits 0
'

test_expect_success 'a deletion together with a bad branch in one push: rejected, both refs kept' '
	server_with_main &&
	git push -q origin main:refs/heads/old 2>/dev/null &&
	bad app.py alias &&
	push_rejected origin :old main &&
	alias_at app.py &&
	expect_commits 1 &&
	git --git-dir="$SRV" rev-parse -q --verify refs/heads/old >/dev/null
'

test_expect_success 'a lightweight tag on a new commit with an alias is rejected' '
	server_with_main &&
	git checkout -q --detach &&
	good a.py a && bad b.py "tagged alias" &&
	git tag v1 &&
	push_rejected origin v1 &&
	commit_header HEAD refs/tags/v1 &&
	alias_at b.py &&
	expect_commits 2
'

test_expect_success 'an annotated tag on a new commit with an alias is rejected' '
	server_with_main &&
	git checkout -q --detach &&
	bad b.py "tagged alias" &&
	git tag -a -m "release 1" v1 &&
	push_rejected origin v1 &&
	alias_at b.py &&
	expect_commits 1
'

test_expect_success 'a clean annotated tag on new commits is accepted' '
	server_with_main &&
	git checkout -q --detach &&
	good a.py a &&
	git tag -a -m "release 1" v1 &&
	push_accepted origin v1 &&
	expect_commits 1
'

test_expect_success 'tags (lightweight and annotated) at existing commits bring nothing new' '
	server_with_main &&
	hook_off && bad old.py "old alias" && git push -q origin main 2>/dev/null && hook_on &&
	git tag light &&
	git tag -a -m "annotated" heavy HEAD~1 &&
	push_accepted origin light heavy &&
	expect_commits 0
'

test_expect_success 'a tag of a tree brings no commit: accepted' '
	server_with_main &&
	git tag -a -m "a tree" treetag "HEAD^{tree}" &&
	push_accepted origin treetag &&
	expect_commits 0
'

test_expect_success 'a multi-ref push: shared commits checked once' '
	server_with_main &&
	git checkout -q -b a &&
	good a1.py a1 && good a2.py a2 &&
	git checkout -q -b b &&
	good b1.py b1 &&
	push_accepted origin a b &&
	expect_commits 3
'

test_expect_success 'a multi-ref push: an alias in a shared commit is reported once' '
	server_with_main &&
	git checkout -q -b a &&
	good a1.py a1 && bad a2.py a2 &&
	git checkout -q -b b &&
	good b1.py b1 &&
	git tag t1 &&
	push_rejected origin a b t1 &&
	test "$(count_findings alias)" = 1 &&
	test "$(grep -c "^remote: commit " "$ERR")" = 1 &&
	alias_at a2.py &&
	expect_commits 3
'

test_expect_success 'a no-ff merge of a branch already on the server brings nothing new: accepted' '
	server_with_main &&
	hook_off &&
	git checkout -q -b feat && bad feat.py "alias on feat" &&
	git push -q origin feat 2>/dev/null &&
	hook_on &&
	git checkout -q main && good m.py "main moves" &&
	git merge -q --no-ff -m "Merge feat" feat &&
	push_accepted origin main &&
	no_stderr_F "[alias]" &&
	expect_commits 2
'

test_expect_success 'an evil merge (alias added in a --no-commit merge) is rejected' '
	server_with_main &&
	git checkout -q -b feat && good f.py f && git push -q origin feat 2>/dev/null &&
	git checkout -q main && good m.py m && git push -q origin main 2>/dev/null &&
	git merge -q --no-ff --no-commit feat &&
	printf "MODEL = \"gpt-4o\"\n" >evil.py && git add evil.py &&
	git commit -q -m "Merge feat" &&
	push_rejected origin main &&
	alias_at evil.py &&
	commit_header HEAD refs/heads/main &&
	expect_commits 1
'

test_expect_success 'an evil merge resolving a conflict with an alias is rejected' '
	server_with_main &&
	printf "MODEL = \"%s\"\n" "$OLD" >app.py && git add app.py && git commit -q -m base &&
	push_accepted origin main &&
	git checkout -q -b feat &&
	printf "MODEL = \"%s\"\n" "gpt-4o-2024-11-20" >app.py && git commit -q -am "feat side" &&
	git checkout -q main &&
	printf "MODEL = \"%s\"\n" "$NEW" >app.py && git commit -q -am "main side" &&
	hook_off && git push -q origin main feat 2>/dev/null && hook_on &&
	! git merge -q feat >/dev/null 2>&1 &&
	printf "MODEL = \"gpt-4o\"\n" >app.py && git add app.py &&
	git commit -q --no-edit &&
	push_rejected origin main &&
	alias_at app.py &&
	expect_commits 1
'

test_expect_success 'a merge of a new branch: its commits and the merge are checked' '
	server_with_main &&
	git checkout -q -b feat && good f1.py f1 && bad f2.py f2 &&
	git checkout -q main && good m.py m &&
	git merge -q --no-ff -m "Merge feat" feat &&
	push_rejected origin main &&
	alias_at f2.py &&
	test "$(count_findings alias)" = 1 &&
	expect_commits 4
'

test_expect_success 'an empty repository receiving its first clean push: accepted' '
	new_server srv.git &&
	clone_srv c &&
	good a.py a && good b.py b &&
	push_accepted origin main &&
	expect_commits 2
'

test_expect_success 'an empty repository receiving a first push with an alias: rejected' '
	new_server srv.git &&
	clone_srv c &&
	printf "version: 1\ndisable: [$GPT_RULE]\n" >.pincheck.yml && git add .pincheck.yml &&
	good a.py a && bad b.py b && good c.py c &&
	push_rejected origin main &&
	alias_at b.py &&
	expect_commits 3 &&
	test -z "$(server_refs)"
'

# --- limits and the sample hook ---------------------------------------------------

test_expect_success '--max-seconds: a push over the budget is rejected, saying so' '
	server_with_main &&
	server_hook hook pre-receive --max-seconds 0.000001 &&
	good a.py a && good b.py b &&
	push_rejected origin main &&
	grep_stderr_F "--max-seconds" &&
	server_hook hook pre-receive --max-seconds 60 &&
	push_accepted origin main &&
	expect_commits 2
'

test_expect_success 'the sample hooks/pre-receive, with PINCHECK in the environment, rejects and accepts' '
	server_with_main &&
	cp "$SAMPLE_HOOK" "$SRV/hooks/pre-receive" &&
	chmod +x "$SRV/hooks/pre-receive" &&
	bad bad.py alias &&
	push_rejected origin main &&
	alias_at bad.py &&
	git reset -q --hard HEAD~1 &&
	good good.py good &&
	push_accepted origin main &&
	expect_commits 1
'

test_expect_success 'the sample hook honours PINCHECK_MAX_SECONDS' '
	server_with_main &&
	cp "$SAMPLE_HOOK" "$SRV/hooks/pre-receive" &&
	chmod +x "$SRV/hooks/pre-receive" &&
	good a.py a &&
	(PINCHECK_MAX_SECONDS=0.000001 && export PINCHECK_MAX_SECONDS && push_rejected origin main) &&
	grep_stderr_F "--max-seconds"
'

test_expect_success 'fail closed: the sample hook with PINCHECK naming a missing binary rejects' '
	server_with_main &&
	cp "$SAMPLE_HOOK" "$SRV/hooks/pre-receive" &&
	chmod +x "$SRV/hooks/pre-receive" &&
	good a.py a &&
	(PINCHECK=$TEST_DIR/no-such-pincheck && export PINCHECK && push_rejected origin main)
'

test_done
