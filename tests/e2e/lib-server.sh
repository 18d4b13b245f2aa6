# lib-server.sh: helpers for end-to-end tests of the server hook, sourced
# after lib.sh: a bare repository whose pre-receive hook runs pincheck, a
# clone to push from, and assertions on what a real `git push` did.

TZ=UTC
export TZ
unset PINCHECK_TODAY

OLD=gpt-4o-2024-05-13
NEW=gpt-4o-2024-08-06
TODAY=$(date +%F)
RES=evals/results
SAMPLE_HOOK=$E2E_DIR/../../hooks/pre-receive
# The rule that finds `gpt-4o` (asserted in a test below).
GPT_RULE=openai-gpt-alias

# --- helpers -------------------------------------------------------------------

# new_server DIR [ARGS...]: `git init --bare` DIR ($SRV: its absolute path)
# with a pre-receive hook running `$PINCHECK ARGS` (default: hook pre-receive).
new_server () {
	git init -q --bare "$1" &&
	SRV=$(cd "$1" && pwd -P) &&
	shift &&
	server_hook "$@"
}

# server_hook [ARGS...]: (re)write $SRV's pre-receive hook to exec
# "$PINCHECK" ARGS (default: hook pre-receive), the binary's absolute path
# written into the script.
server_hook () {
	test $# -gt 0 || set -- hook pre-receive
	{
		printf '#!/bin/sh\nexec "%s"' "$PINCHECK"
		for _a; do printf " '%s'" "$_a"; done
		printf ' "$@"\n'
	} >"$SRV/hooks/pre-receive" &&
	chmod +x "$SRV/hooks/pre-receive"
}

# hook_off / hook_on: let pushes through unchecked (to put history that the
# hook would refuse on the server), then check again.
hook_off () {
	mv "$SRV/hooks/pre-receive" "$SRV/hooks/pre-receive.off"
}
hook_on () {
	mv "$SRV/hooks/pre-receive.off" "$SRV/hooks/pre-receive"
}

# clone_srv DIR: clone $SRV into DIR and cd there.
clone_srv () {
	git clone -q "$SRV" "$1" 2>"$TRASH/.clone.err" || {
		cat "$TRASH/.clone.err"
		return 1
	}
	cd "$1"
}

# server_with_main [ARGS...]: new_server srv.git ARGS, a clone `c` (cwd) and
# a clean first commit pushed to main.
server_with_main () {
	new_server srv.git "$@" &&
	clone_srv c &&
	printf '# demo\n' >README.md && git add README.md &&
	git commit -q -m initial &&
	push_accepted origin main
}

# good FILE SUBJECT: commit FILE with harmless code.
good () {
	printf 'x = "%s"\n' "$2" >"$1" &&
	git add "$1" &&
	git commit -q -m "$2"
}

# bad FILE SUBJECT: commit FILE selecting gpt-4o (FILE:1:10).
bad () {
	printf 'MODEL = "gpt-4o"\n' >"$1" &&
	git add "$1" &&
	git commit -q -m "$2"
}

# pin FILE MODEL [SUBJECT [GIT-COMMIT-ARGS...]]: commit FILE selecting MODEL
# on line 3, column 10.
pin () {
	_f=$1 _m=$2 _s=${3:-pin $2}
	shift 2
	test $# -gt 0 && shift
	printf 'import os\n\nMODEL = "%s"\n' "$_m" >"$_f" &&
	git add "$_f" &&
	git commit -q -m "$_s" "$@"
}

# write_eval NAME MODEL: $RES/NAME, a passing eval of MODEL dated today, staged.
write_eval () {
	mkdir -p $RES &&
	printf 'model: %s\nbaseline: %s\nsuite: regression\ndate: %s\nstatus: pass\n' \
		"$2" "$OLD" "$TODAY" >"$RES/$1" &&
	git add "$RES/$1"
}

short () {
	git rev-parse --short=12 "$1"
}

server_refs () {
	git --git-dir="$SRV" for-each-ref --format='%(refname) %(objectname)'
}

# push_rejected ARGS...: `git push ARGS` fails because the pre-receive hook
# declined, and no ref of the server moved. Output in $OUT/$ERR.
push_rejected () {
	_before=$(server_refs)
	if git push "$@" >"$OUT" 2>"$ERR"; then
		echo "git push $* succeeded; expected the pre-receive hook to reject it"
		_show_output
		return 1
	fi
	_after=$(server_refs)
	if test "$_before" != "$_after"; then
		echo "git push $* was rejected but server refs moved:"
		echo "before: $_before"
		echo "after:  $_after"
		return 1
	fi
	grep -q -F "pre-receive hook declined" "$ERR" || {
		echo "git push $* failed, but not because the pre-receive hook declined"
		_show_output
		return 1
	}
	_no_sanitizer_report
}

# push_accepted ARGS...: `git push ARGS` succeeds, the hook ran (its summary
# is in $ERR) and reported no error.
push_accepted () {
	if ! git push "$@" >"$OUT" 2>"$ERR"; then
		echo "git push $* was rejected; expected it to be accepted"
		_show_output
		return 1
	fi
	grep -q "^remote: pincheck: [0-9][0-9]* errors*, " "$ERR" || {
		echo "git push $* succeeded without the hook's summary line"
		_show_output
		return 1
	}
	no_stderr_F "error[" &&
	_no_sanitizer_report
}

# summary_line: the hook's summary line (without `remote: `).
summary_line () {
	grep "^remote: pincheck: [0-9][0-9]* errors*, " "$ERR" | sed -e 's/^remote: //' -e 's/[	 ]*$//'
}

# expect_commits N: the summary says N commits were checked.
expect_commits () {
	_s=$(summary_line)
	case $1 in
	1)
		case $_s in *" in 1 commit, "*) return 0 ;; esac
		;;
	*)
		case $_s in *" in $1 commits, "*) return 0 ;; esac
		;;
	esac
	echo "expected $1 commit(s) checked, summary is: '$_s'"
	_show_output
	return 1
}

# commit_header REV REF: REV's `commit <12hex> (REF) <subject>` header.
commit_header () {
	grep_stderr "^remote: commit $(short "$1") ($2) $(git log -1 --format=%s "$1")"
}

alias_at () {
	grep_stderr "^remote: $1:1:10: error\[alias\].*\[$GPT_RULE\]"
}

