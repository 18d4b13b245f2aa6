#!/bin/sh
# t0018: the server's word holds. What pre-receive cannot read is a
# rejection naming the ref and object, never a skip; a history walk that
# fails is an error, never "0 commits, all clear"; a push may not relax the
# trusted policy; eval ages count from the push, not from dates the pusher
# wrote; the time budget is a watchdog that fails closed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-eval.sh"
. "$(dirname "$0")/lib-server.sh"

# --- what cannot be read is rejected, never skipped ------------------------------

test_expect_success 'a commit libgit2 cannot parse (no author line) is rejected, naming ref and object' '
	server_with_main &&
	printf "MODEL = \"gpt-4o\"\n" >evil.py && git add evil.py &&
	t=$(git write-tree) && b=$(git rev-parse HEAD) &&
	c=$(printf "tree $t\nparent $b\ncommitter X <x@y> 1700000000 +0000\n\nx\n" |
		git hash-object -t commit -w --literally --stdin) &&
	push_rejected origin $c:refs/heads/main &&
	grep_stderr_F "refs/heads/main" &&
	grep_stderr_F "$c" &&
	git reset -q --hard "$b" && good ok.py fine &&
	push_accepted origin main
'

test_expect_success 'a good commit on one libgit2 cannot parse is rejected, naming ref and object' '
	server_with_main &&
	printf "MODEL = \"gpt-4o\"\n" >evil.py && git add evil.py &&
	t=$(git write-tree) && b=$(git rev-parse HEAD) &&
	c=$(printf "tree $t\nparent $b\ncommitter X <x@y> 1700000000 +0000\n\nx\n" |
		git hash-object -t commit -w --literally --stdin) &&
	git reset -q --soft "$c" && good ok.py fine &&
	push_rejected origin HEAD:refs/heads/main &&
	grep_stderr_F "refs/heads/main: cannot read commit $c"
'

test_expect_success 'an object that does not exist is exit 3 naming it, not a skip' '
	server_with_main &&
	z=0000000000000000000000000000000000000000 &&
	nope=1234567890123456789012345678901234567890 &&
	(cd "$SRV" && echo "$z $nope refs/heads/ghost" | "$PINCHECK" hook pre-receive >"$OUT" 2>"$ERR"; echo $? >"$TEST_DIR/rc") &&
	test "$(cat "$TEST_DIR/rc")" = 3 &&
	grep_stderr_F "refs/heads/ghost" &&
	grep_stderr_F "$nope"
'

test_expect_success 'a tag of a tree holding an alias is checked: rejected' '
	server_with_main &&
	printf "MODEL = \"gpt-4o\"\n" >evil.py && git add evil.py &&
	t=$(git write-tree) && git reset -q &&
	git tag -a -m "a tree" treetag "$t" &&
	push_rejected origin treetag &&
	grep_stderr "^remote: evil.py:1:10: error\[alias\]"
'

test_expect_success 'a tag of a blob holding an alias is checked: rejected' '
	server_with_main &&
	bl=$(printf "MODEL = \"gpt-4o\"\n" | git hash-object -w --stdin) &&
	git tag -a -m "a blob" blobtag "$bl" &&
	push_rejected origin blobtag &&
	grep_stderr_F "error[alias]"
'

test_expect_success 'check A..B with a commit of the range missing: exit 3, not all clear' '
	new_repo r --no-install &&
	good a.py one && c1=$(git rev-parse HEAD) &&
	good b.py two && c2=$(git rev-parse HEAD) &&
	good c.py three && c3=$(git rev-parse HEAD) &&
	rm -f "$(loose_path .git $c2)" &&
	run_pincheck check $c1..$c3 &&
	expect_rc 3 &&
	no_stdout_F "0 errors"
'

# --- a push may not relax the trusted policy -------------------------------------

test_expect_success 'default_rules: false in a push is a policy error; the alias after it stays refused' '
	server_with_main &&
	printf "version: 1\ndefault_rules: false\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m relax &&
	push_rejected origin main &&
	grep_stderr "^remote: .pincheck.yml:2:[0-9]*: error\[policy\]" &&
	grep_stderr_F "default_rules turned off" &&
	bad app.py alias &&
	push_rejected origin main &&
	alias_at app.py
'

test_expect_success 'each kind of relaxation is a policy error' '
	server_with_main &&
	for cfg in "disable: [$GPT_RULE]" \
		"paths: {exclude: [\"src/**\"]}" \
		"paths: {include: [\"docs/**\"]}" \
		"severity: {alias: warning}" \
		"eval: {max_age_days: 900}" \
		"eval: {require_for: []}" \
		"eval: {allow_urls: [\"https://.*\"]}" \
		"drill: {every_days: 400}" \
		"rules: [{id: acme-pin, provider: openai, class: pinned, pattern: \"gpt-4o\", message: m}]"
	do
		git reset -q --hard origin/main &&
		printf "version: 1\n%s\n" "$cfg" >.pincheck.yml &&
		git add .pincheck.yml && git commit -q -m "relax: $cfg" &&
		push_rejected origin main &&
		grep_stderr_F "error[policy]" || { echo "not refused: $cfg"; exit 1; }
	done
'

test_expect_success 'removing the config, or a rule of it, relaxes too' '
	server_with_main &&
	printf "version: 1\nrules: [{id: acme-alias, provider: acme, class: alias, pattern: \"acme-latest\", message: m}]\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m "an acme rule" &&
	push_accepted origin main &&
	git rm -q .pincheck.yml && git commit -q -m "drop the config" &&
	push_rejected origin main &&
	grep_stderr_F "rule '"'"'acme-alias'"'"' removed"
'

test_expect_success 'rewording a rule (its message or advice) relaxes nothing' '
	server_with_main &&
	printf "version: 1\nrules: [{id: acme-alias, provider: acme, class: alias, pattern: \"acme-latest\", message: m}]\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m "an acme rule" &&
	push_accepted origin main &&
	printf "version: 1\nrules: [{id: acme-alias, provider: acme, class: alias, pattern: \"acme-latest\", message: n, advice: Use acme-2026.}]\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m "reword the acme rule" &&
	push_accepted origin main &&
	printf "x = \"acme-latest\"\n" >acme.py && git add acme.py && git commit -q -m "use acme" &&
	push_rejected origin main &&
	grep_stderr_F "error[alias] n. Use acme-2026. [acme-alias]"
'

test_expect_success 'a pushed config that does not load is a policy error' '
	server_with_main &&
	printf "version: 1\nrules: [{id: x, provider: acme, class: alias, pattern: \"(\", message: m}]\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m broken &&
	push_rejected origin main &&
	grep_stderr_F "does not load"
'

test_expect_success 'tightening passes: a new alias rule, a stricter severity, a shorter eval age' '
	server_with_main &&
	printf "version: 1\nrules: [{id: acme-alias, provider: acme, class: alias, pattern: \"acme-latest\", message: m}]\nseverity: {no-snapshot: error}\neval: {max_age_days: 30}\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m tighten &&
	push_accepted origin main &&
	printf "x = \"acme-latest\"\n" >acme.py && git add acme.py && git commit -q -m "use acme" &&
	push_rejected origin main &&
	grep_stderr_F "error[alias]"
'

test_expect_success 'the server config may allow policy changes; a committed one may not grant it' '
	server_with_main &&
	printf "version: 1\nserver: {allow_policy_changes: true}\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m "grant myself" &&
	push_accepted origin main &&
	printf "version: 1\nserver: {allow_policy_changes: true}\ndefault_rules: false\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q -m relax &&
	push_rejected origin main &&
	grep_stderr_F "error[policy]" &&
	printf "version: 1\nserver: {allow_policy_changes: true}\n" >"$TEST_DIR/admin.yml" &&
	git --git-dir="$SRV" config pincheck.config "$TEST_DIR/admin.yml" &&
	push_accepted origin main
'

# --- eval age from the time of the push -------------------------------------------

test_expect_success 'a backdated commit does not make an old eval young' '
	server_with_main &&
	commit_pin app.py "$OLD" &&
	push_accepted origin main &&
	stage_eval e.yaml "$NEW" pass "$(days_ago 400)" &&
	GIT_COMMITTER_DATE="$(days_ago 380) 12:00:00 +0000" &&
	export GIT_COMMITTER_DATE &&
	commit_pin app.py "$NEW" "Bump" -m "Eval-Result: $RES/e.yaml" &&
	push_rejected origin main &&
	grep_stderr_F "error[bad-eval]"
'

# --- the time budget -----------------------------------------------------------

# A pushed blob is a few MiB on the wire and GiBs inflated: its size comes
# from the object header, and it is never inflated (peak memory measured by
# GNU time, not a clock).
test_expect_success 'a pushed 256 MiB blob is not inflated; a source-like skipped file is a warning' '
	server_with_main &&
	cat >"$SRV/hooks/pre-receive" <<-EOF &&
	#!/bin/sh
	exec /usr/bin/time -o "$TEST_DIR/rss" -f %M "$PINCHECK" hook pre-receive
	EOF
	chmod +x "$SRV/hooks/pre-receive" &&
	head -c 268435456 /dev/zero >zeros.py && git add zeros.py &&
	head -c 268435456 /dev/zero >zeros.bin && git add zeros.bin &&
	git commit -q -m zeros &&
	push_accepted origin main &&
	grep_stderr "^remote: zeros.py: warning\[skipped\].*not checked" &&
	grep_stderr_F "it is 268435456 bytes, larger than the size limit of 10485760 bytes." &&
	no_stderr_F "zeros.bin:" &&
	{
		test "$(cat "$TEST_DIR/rss")" -lt 163840 ||
		{ echo "peak RSS $(cat "$TEST_DIR/rss") KiB: the blob was inflated"; false; }
	}
'

test_expect_success 'severity skipped: error in the server config refuses a skipped source file' '
	server_with_main &&
	printf "version: 1\nseverity: {skipped: error}\n" >"$TEST_DIR/admin.yml" &&
	git --git-dir="$SRV" config pincheck.config "$TEST_DIR/admin.yml" &&
	printf "x = 1\0\n" >nul.py && git add nul.py && git commit -q -m nul &&
	push_rejected origin main &&
	grep_stderr_F "nul.py: error[skipped]" &&
	grep_stderr_F "counts as binary"
'

# libgit2 1.5 spins forever in zlib on a truncated loose object (libgit2
# #7342) and writes past its buffer on one whose body is longer than its
# header says (#7177); pincheck reads loose objects itself (loose.c). A push
# cannot bring such objects (git's unpacker verifies them), a damaged or
# hostile local repository can. --max-seconds is only a safety net here:
# the message must be the reader's, not the watchdog's.
test_expect_success 'a truncated loose object: scan --rev, check, pins and drill exit 3 at once, naming it' '
	new_repo r --no-install &&
	i=0 && while test $i -lt 300; do printf "y%d = %d\n" $i $i; i=$((i + 1)); done >big.py &&
	git add big.py && git commit -q -m big &&
	bl=$(git rev-parse HEAD:big.py) &&
	f=$(loose_path .git $bl) &&
	chmod u+w "$f" && head -c 60 "$f" >"$f.cut" && mv "$f.cut" "$f" &&
	run_pincheck --max-seconds 60 scan --rev HEAD &&
	expect_rc 3 &&
	grep_stderr_F "loose object $bl is corrupt: truncated" &&
	run_pincheck --max-seconds 60 check HEAD &&
	expect_rc 3 &&
	grep_stderr_F "is corrupt: truncated" &&
	for cmd in pins drill; do
		run_pincheck --max-seconds 60 $cmd --rev HEAD &&
		expect_rc 3 &&
		grep_stderr_F "loose object $bl is corrupt: truncated" || exit 1
	done &&
	no_stderr_F "gave up"
'

test_expect_success 'a loose object longer than its header says: exit 3, no overrun' '
	new_repo r --no-install &&
	printf "x = 1\n" >a.py && git add a.py && git commit -q -m a &&
	bl=$(git rev-parse HEAD:a.py) &&
	f=$(loose_path .git $bl) &&
	chmod u+w "$f" &&
	perl -MCompress::Zlib -e "binmode STDOUT; print compress(qq(blob 3\0) . q(MODEL = \"gpt-4o\" and a body far longer than three bytes))" >"$f" &&
	run_pincheck --max-seconds 60 scan --rev HEAD &&
	expect_rc 3 &&
	grep_stderr_F "longer than its header says"
'

test_expect_success '--max-seconds nan, inf or 0 is refused (exit 2), never "no limit"' '
	new_repo r --no-install &&
	for v in nan inf 0 -1 1e9 abc; do
		run_pincheck --max-seconds $v scan && expect_rc 2 || exit 1
	done
'

test_expect_success 'the sample hook with PINCHECK_MAX_SECONDS=nan rejects the push' '
	server_with_main &&
	cp "$SAMPLE_HOOK" "$SRV/hooks/pre-receive" &&
	chmod +x "$SRV/hooks/pre-receive" &&
	good a.py a &&
	(PINCHECK_MAX_SECONDS=nan && export PINCHECK_MAX_SECONDS && push_rejected origin main)
'

test_expect_success 'the watchdog stops a command that runs too long: exit 3, saying what it did' '
	new_repo r --no-install &&
	i=0 && while test $i -lt 3000; do printf "m%d = \"gpt-4o-2024-08-06\"\n" $i; i=$((i + 1)); done >many.py &&
	git add many.py && git commit -q -m many &&
	run_pincheck --max-seconds 0.001 scan --rev HEAD &&
	expect_rc 3 &&
	grep_stderr_F "gave up after 0.001 s (--max-seconds)"
'

# hook_with_budget HOOK ARGS...: .git/hooks/HOOK runs pincheck's HOOK with a
# budget of a microsecond, and passes git's arguments on.
hook_with_budget () {
	_h=$1
	shift
	printf '#!/bin/sh\nexec "%s" --max-seconds 0.000001 hook %s "$@"\n' "$PINCHECK" "$*" \
		>".git/hooks/$_h" &&
	chmod +x ".git/hooks/$_h"
}

test_expect_success 'pre-commit runs under the watchdog too: a spent budget refuses the commit' '
	new_repo_with_commit r --no-install &&
	hook_with_budget pre-commit pre-commit &&
	good a.py one &&
	printf "MODEL = \"gpt-4o-2024-08-06\"\n" >b.py && git add b.py &&
	commit_refused &&
	grep_stderr_F "gave up after 1e-06 s (--max-seconds)" &&
	grep_stderr_F "the commit is stopped"
'

test_expect_success 'pre-push runs under the watchdog too: a spent budget stops a real push' '
	remote_with_main &&
	hook_with_budget pre-push pre-push &&
	good a.py one &&
	push_refused_locally origin main &&
	grep_stderr_F "gave up after 1e-06 s (--max-seconds)" &&
	grep_stderr_F "the push is stopped"
'

test_expect_success 'a missing pack file is exit 3 (also in the sanitizer build)' '
	new_repo r --no-install &&
	good a.py one &&
	git gc -q &&
	rm -f .git/objects/pack/*.pack &&
	run_pincheck scan --rev HEAD &&
	expect_rc 3 &&
	grep_stderr_F "cannot resolve"
'

test_expect_success 'a 1 MiB+ config is a configuration error (exit 2), not a runtime error' '
	new_repo r --no-install &&
	{ printf "version: 1\n"; i=0; while test $i -lt 70000; do printf "# padding line %d\n" $i; i=$((i + 1)); done; } >.pincheck.yml &&
	run_pincheck scan &&
	expect_rc 2 &&
	grep_stderr_F "larger than 1 MiB"
'

test_done
