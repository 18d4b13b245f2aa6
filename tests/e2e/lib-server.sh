# lib-server.sh: helpers for end-to-end tests of pushes, sourced after lib.sh
# (and after lib-eval.sh when a test also writes eval files): a bare
# repository $SRV, with or without a pre-receive hook running pincheck; a
# clone to push from, with or without pincheck's own hooks (pre-push among
# them); and assertions on what a real `git push` did.
#
# pincheck's report reaches the pusher's stderr from either side: prefixed
# `remote: ` from the server's pre-receive hook, bare from the local pre-push
# hook. The assertions on the report (summary_line, expect_commits,
# commit_header, alias_at) accept both; the two ways a push is stopped do
# not look alike, so they have two names (push_rejected, push_refused_locally).

# The sample server hook of this source tree.
SAMPLE_HOOK=$E2E_DIR/../../hooks/pre-receive
# The rule that finds gpt-4o (t0012 asserts it).
GPT_RULE=openai-gpt-alias

# The optional `remote: ` before a line of pincheck's report (a BRE).
_REMOTE='\(remote: \)\{0,1\}'

# --- the server and the clone ------------------------------------------------

# new_bare DIR: `git init --bare` DIR, with no hook; $SRV is its absolute
# path.
new_bare () {
	git init -q --bare "$1" &&
	SRV=$(cd "$1" && pwd -P)
}

# new_server DIR [ARGS...]: new_bare DIR, then server_hook ARGS.
new_server () {
	new_bare "$1" &&
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

# clone_srv DIR: clone $SRV into DIR and cd there; no hook of pincheck's.
clone_srv () {
	git clone -q "$SRV" "$1" 2>"$TRASH/.clone.err" || {
		cat "$TRASH/.clone.err"
		return 1
	}
	cd "$1"
}

# clone_installed DIR: clone_srv DIR, then install_hooks (pre-push too).
clone_installed () {
	clone_srv "$1" &&
	install_hooks
}

# server_with_main [ARGS...]: new_server srv.git ARGS, clone_srv c (the
# current directory), and first_commit pushed to main (push_accepted).
server_with_main () {
	new_server srv.git "$@" &&
	clone_srv c &&
	first_commit &&
	push_accepted origin main
}

# remote_with_main: new_bare srv.git (no server hook), clone_installed c
# (the current directory), and first_commit pushed to main through the
# pre-push hook (push_accepted).
remote_with_main () {
	new_bare srv.git &&
	clone_installed c &&
	first_commit &&
	push_accepted origin main
}

# server_refs: each ref of $SRV with the object it names, one a line.
server_refs () {
	git --git-dir="$SRV" for-each-ref --format='%(refname) %(objectname)'
}

# on_server REV: $SRV has the object that REV names here.
on_server () {
	git --git-dir="$SRV" cat-file -e "$(git rev-parse "$1")" 2>/dev/null
}

# --- pushes ------------------------------------------------------------------

# push_accepted ARGS...: `git push ARGS` succeeds, a pincheck hook ran (its
# summary line, from the server or the local pre-push hook, is in $ERR) and
# it reported no error. Output in $OUT/$ERR.
push_accepted () {
	if ! git push "$@" >"$OUT" 2>"$ERR"; then
		echo "git push $* was rejected; expected it to be accepted"
		_show_output
		return 1
	fi
	grep -q "^${_REMOTE}pincheck: [0-9][0-9]* errors*, " "$ERR" || {
		echo "git push $* succeeded without pincheck's summary line (did the hook run?)"
		_show_output
		return 1
	}
	no_stderr_F "error[" &&
	_no_sanitizer_report
}

# _push_blocked ARGS...: `git push ARGS` fails and no ref of $SRV moved.
# Output in $OUT/$ERR.
_push_blocked () {
	_before=$(server_refs)
	if git push "$@" >"$OUT" 2>"$ERR"; then
		echo "git push $* succeeded; expected it to be stopped"
		_show_output
		return 1
	fi
	_after=$(server_refs)
	if test "$_before" != "$_after"; then
		echo "git push $* failed but the server's refs moved:"
		echo "before: $_before"
		echo "after:  $_after"
		return 1
	fi
}

# push_rejected ARGS...: `git push ARGS` fails because the server's
# pre-receive hook declined, and no ref of the server moved.
push_rejected () {
	_push_blocked "$@" || return 1
	grep -q -F "pre-receive hook declined" "$ERR" || {
		echo "git push $* failed, but not because the pre-receive hook declined"
		_show_output
		return 1
	}
	_no_sanitizer_report
}

# push_refused_locally ARGS...: `git push ARGS` fails, no ref of the server
# moved, and the local pre-push hook (pincheck's report, not prefixed
# `remote: `) said why.
push_refused_locally () {
	_push_blocked "$@" || return 1
	grep -q "^pincheck: " "$ERR" || {
		echo "git push $* failed without a word from the local pincheck"
		_show_output
		return 1
	}
	_no_sanitizer_report
}

# --- the report of the last push ---------------------------------------------

# summary_line: pincheck's summary line in $ERR (the first, without
# `remote: ` and trailing blanks).
summary_line () {
	grep "^${_REMOTE}pincheck: [0-9][0-9]* errors*, " "$ERR" |
	sed -n -e 's/^remote: //' -e 's/[	 ]*$//' -e 1p
}

# expect_commits N: the summary line says N commits were checked.
expect_commits () {
	_s=$(summary_line)
	case $1 in
	1)
		case $_s in *" in 1 commit"[,\ ]*|*" in 1 commit") return 0 ;; esac
		;;
	*)
		case $_s in *" in $1 commits"[,\ ]*|*" in $1 commits") return 0 ;; esac
		;;
	esac
	echo "expected $1 commit(s) checked, summary is: '$_s'"
	_show_output
	return 1
}

# commit_header REV REF: the report has REV's header line,
# `commit <12 hex> (REF) <subject>`.
commit_header () {
	grep_stderr "^${_REMOTE}commit $(short "$1") ($2) $(git log -1 --format=%s "$1")"
}

# alias_at FILE: the report has a finding FILE:1:10: error[alias] of rule
# $GPT_RULE (what `bad FILE` commits).
alias_at () {
	grep_stderr "^${_REMOTE}$1:1:10: error\[alias\].*\[$GPT_RULE\]"
}
