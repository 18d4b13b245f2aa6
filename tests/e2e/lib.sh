# lib.sh: the harness of the end-to-end tests, sourced by tests/e2e/tNNNN-*.sh.
#
# In the style of git's t/test-lib.sh: each script drives the real `git`
# binary, with the hooks written by `pincheck install`, in a scratch
# directory of its own, and speaks TAP:
#
#	test_expect_success [PREREQ] 'what it proves' '
#		new_repo r &&
#		printf "MODEL = \"gpt-4o\"\n" >app.py && git add app.py &&
#		commit_refused &&
#		grep_stderr_F "app.py:1:10: error[alias]"
#	'
#	test_done
#
# Each test body runs in a subshell (so `cd` and variables stay local), in
# a fresh directory $TEST_DIR (= $TRASH/tN), with `set -e` as a safety net
# under the usual `&&` chain, and
# prints `ok N - what` or `not ok N - what` followed by the test's output
# indented as TAP comments. test_done prints the plan and exits non-zero if
# any test failed.
#
# Before it runs, each body is linted as git's test-lib.sh does: evaluated
# behind `(exit 117) &&`, it must stop at once with 117. A line that does not
# end in `&&` breaks the chain, and the lines before it could then fail
# without failing the test; such a test is reported `not ok`.
#
# Helpers are shared, one meaning per name, one concern per library:
#
#	lib.sh         this harness, assertions on a pincheck run or a commit,
#	               repositories and the files and commits put in them
#	lib-eval.sh    eval result files, Eval-Result trailers, bumps of a pin
#	lib-server.sh  bare remotes, clones and pushes through pre-receive or
#	               pre-push (source lib-eval.sh first when both are used)
#
# A helper used by one script only stays in that script, under a name no
# library uses.
#
# The binary under test is $PINCHECK (tests/run.sh sets it); by default
# build/pincheck of this source tree. It is made absolute, because
# `pincheck install` writes the path of the binary that ran it into the hooks.

LF='
'
TEST_NAME=$(basename "$0" .sh)
E2E_DIR=$(cd "$(dirname "$0")" && pwd -P)

if test -z "$PINCHECK"; then
	PINCHECK=$E2E_DIR/../../build/pincheck
fi
if _d=$(cd "$(dirname "$PINCHECK")" 2>/dev/null && pwd -P); then
	PINCHECK=$_d/$(basename "$PINCHECK")
fi
export PINCHECK

# Nothing of the caller's repository, configuration or terminal may leak in
# (githooks(5); LIBS.md 6.5).
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
	GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_QUARANTINE_PATH GIT_PREFIX \
	GIT_COMMON_DIR GIT_CONFIG GIT_CONFIG_PARAMETERS GIT_CONFIG_COUNT \
	GIT_CONFIG_GLOBAL GIT_CONFIG_SYSTEM GIT_IMPLICIT_WORK_TREE \
	GIT_GRAFT_FILE GIT_NO_REPLACE_OBJECTS GIT_REPLACE_REF_BASE \
	GIT_SHALLOW_FILE GIT_INTERNAL_SUPER_PREFIX GIT_NAMESPACE \
	GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_AUTHOR_DATE \
	GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_COMMITTER_DATE \
	GIT_TRACE GIT_TRACE2 GIT_TRACE2_EVENT GIT_TRACE2_PERF \
	XDG_CONFIG_HOME EDITOR VISUAL NO_COLOR CLICOLOR_FORCE
GIT_CONFIG_NOSYSTEM=1
GIT_EDITOR=:
GIT_PAGER='cat'
PAGER='cat'
GIT_MERGE_AUTOEDIT=no
TERM=dumb
LC_ALL=C
LANG=C
export GIT_CONFIG_NOSYSTEM GIT_EDITOR GIT_PAGER PAGER GIT_MERGE_AUTOEDIT TERM \
	LC_ALL LANG

# Every test runs on one fixed day, whatever the machine's clock says: the
# catalog's dates (deprecations, retirements) would otherwise change a test's
# outcome as the months pass. pincheck reads the day from PINCHECK_TODAY, git
# its commits' dates from GIT_AUTHOR_DATE and GIT_COMMITTER_DATE; a test that
# wants another day sets them itself. TEST_DAY is before the retirement of
# every snapshot the tests pin as current (the earliest is 2027-01-14).
TEST_DAY=2026-12-01
TZ=UTC
PINCHECK_TODAY=$TEST_DAY
GIT_AUTHOR_DATE="$TEST_DAY 12:00:00 +0000"
GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
export TEST_DAY TZ PINCHECK_TODAY GIT_AUTHOR_DATE GIT_COMMITTER_DATE

TRASH=$(mktemp -d "${TMPDIR:-/tmp}/pincheck-$TEST_NAME.XXXXXX") || {
	echo "Bail out! mktemp -d failed"
	exit 1
}
TRASH=$(cd "$TRASH" && pwd -P)
trap 'chmod -R u+rwx "$TRASH" 2>/dev/null; rm -rf "$TRASH"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE
export TRASH

HOME=$TRASH/home
export HOME
mkdir "$HOME"
# Plain directories beside the repositories must not be found inside one.
GIT_CEILING_DIRECTORIES=$(dirname "$TRASH")
export GIT_CEILING_DIRECTORIES

git config --global user.name 'E2E Tester' &&
git config --global user.email 'e2e@example.com' &&
git config --global init.defaultBranch main &&
git config --global core.autocrlf false &&
git config --global commit.gpgsign false &&
git config --global advice.detachedHead false || {
	echo "Bail out! cannot write $HOME/.gitconfig"
	exit 1
}

# Where helpers leave what the last command printed.
OUT=$TRASH/.out
ERR=$TRASH/.err
RC=$TRASH/.rc

if ! test -x "$PINCHECK"; then
	echo "Bail out! pincheck binary not found: $PINCHECK (build it or set PINCHECK)"
	exit 1
fi

test_count=0
test_failed=0
skip_all=
prereqs=' '

# test_set_prereq NAME: tests that name NAME as their prerequisite run.
test_set_prereq () {
	prereqs="$prereqs$1 "
}

# test_skip_all REASON: every following test reports `ok N - what # SKIP REASON`.
test_skip_all () {
	skip_all=$1
}

# test_expect_success [PREREQ] 'what it proves' 'commands'
test_expect_success () {
	_prereq=
	if test $# = 3; then
		_prereq=$1
		shift
	fi
	test $# = 2 || {
		echo "Bail out! test_expect_success needs 2 or 3 arguments, got $#"
		exit 1
	}
	test_count=$((test_count + 1))
	if test -n "$skip_all"; then
		echo "ok $test_count - $1 # SKIP $skip_all"
		return 0
	fi
	if test -n "$_prereq"; then
		case $prereqs in
		*" $_prereq "*) ;;
		*)
			echo "ok $test_count - $1 # SKIP missing prerequisite $_prereq"
			return 0
			;;
		esac
	fi
	if ! _chain_lint "$2"; then
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		echo "#	broken &&-chain: a command before the last is not followed by &&"
		printf '%s\n' "$2" | sed -e '/^[	 ]*$/d' -e 's/^/#	| /'
		return 0
	fi
	rm -f "$OUT" "$ERR" "$RC"
	TEST_DIR=$TRASH/t$test_count
	mkdir "$TEST_DIR" || exit 1
	# Not in a conditional context, so that `set -e` is in force.
	(
		cd "$TEST_DIR" || exit 1
		set -e
		eval "$2"
	) >"$TRASH/.test-output" 2>&1 </dev/null
	_rc=$?
	if test $_rc = 0; then
		echo "ok $test_count - $1"
		if test -n "$E2E_VERBOSE"; then
			sed -e 's/^/#	/' "$TRASH/.test-output"
		fi
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		echo "#	(exit status $_rc) commands:"
		printf '%s\n' "$2" | sed -e '/^[	 ]*$/d' -e 's/^/#	| /'
		echo "#	output:"
		sed -e 's/^/#	/' "$TRASH/.test-output"
	fi
	return 0
}

# _chain_lint BODY: BODY behind `(exit 117) &&` ends at once with 117, i.e.
# every command of it is chained with && (in a scratch directory, so that a
# broken chain's commands run there and nowhere else).
_chain_lint () {
	_lint_dir=$TRASH/.lint
	mkdir -p "$_lint_dir" || exit 1
	(
		cd "$_lint_dir" || exit 1
		eval "(exit 117) && $1${LF}(exit \$?)"
	) >/dev/null 2>&1 </dev/null
	_lint_rc=$?
	rm -rf "$_lint_dir"
	test $_lint_rc = 117
}

# test_done: print the plan; exit 1 if a test failed.
test_done () {
	echo "1..$test_count"
	if test $test_failed -ne 0; then
		echo "# failed $test_failed among $test_count test(s)"
		exit 1
	fi
	exit 0
}

# need_jsonschema: set PY to a python3 that has the jsonschema module (the
# first of python3 on PATH and Debian's, where install.sh installs
# python3-jsonschema), for tests/cyclonedx-validate.py, and the JSONSCHEMA
# prerequisite; PY is empty when there is none.
need_jsonschema () {
	PY=
	for _py in python3 /usr/bin/python3; do
		if command -v "$_py" >/dev/null 2>&1 && "$_py" -c "import jsonschema" 2>/dev/null; then
			PY=$_py
			test_set_prereq JSONSCHEMA
			return 0
		fi
	done
}

# --- helpers for test bodies ------------------------------------------------

# Lines of code that select a model at 1:10: the alias gpt-4o (a finding of
# rule openai-gpt-alias), and its dated snapshot (no finding). printf FORMATs.
alias_line='MODEL = "gpt-4o"\n'
pinned_line='MODEL = "gpt-4o-2024-08-06"\n'

# install_hooks: `pincheck install` in the current repository; fails, showing
# what install said (kept in $TRASH/.install.out), when it fails or leaves no
# executable pre-commit or pre-push hook.
install_hooks () {
	if ! "$PINCHECK" install >"$TRASH/.install.out" 2>&1; then
		echo "pincheck install failed in $PWD:"
		cat "$TRASH/.install.out"
		return 1
	fi
	for _h in pre-commit pre-push; do
		if ! test -x "$(git rev-parse --git-path hooks)/$_h"; then
			echo "pincheck install wrote no executable $_h hook in $PWD:"
			cat "$TRASH/.install.out"
			ls -la "$(git rev-parse --git-path hooks)"
			return 1
		fi
	done
}

# new_repo DIR [--no-install]: `git init` DIR, cd into it, install_hooks
# (unless --no-install).
new_repo () {
	git init -q "$1" &&
	cd "$1" || return 1
	test "$2" = --no-install && return 0
	install_hooks
}

# first_commit: commit README.md (`# demo`) with --no-verify, so that HEAD
# exists.
first_commit () {
	printf '# demo\n' >README.md &&
	git add README.md &&
	commit_unchecked initial
}

# new_repo_with_commit DIR [--no-install]: new_repo, then first_commit.
new_repo_with_commit () {
	new_repo "$1" "$2" &&
	first_commit
}

# commit_unchecked SUBJECT [GIT-COMMIT-ARGS...]: commit what is staged with
# --no-verify, so that pincheck's hooks, if installed, do not run; quietly.
commit_unchecked () {
	_s=$1
	shift
	git commit -q --no-verify -m "$_s" "$@"
}

# good FILE SUBJECT: FILE holds harmless code (x = "SUBJECT"); commit it as
# SUBJECT, with commit_unchecked.
good () {
	printf 'x = "%s"\n' "$2" >"$1" &&
	git add "$1" &&
	commit_unchecked "$2"
}

# bad FILE SUBJECT: FILE is $alias_line (gpt-4o at FILE:1:10); commit it as
# SUBJECT, with commit_unchecked.
bad () {
	printf "$alias_line" >"$1" &&
	git add "$1" &&
	commit_unchecked "$2"
}

# commit_pin FILE MODEL [SUBJECT [GIT-COMMIT-ARGS...]]: write_model FILE MODEL
# and commit it with commit_unchecked (SUBJECT defaults to `pin MODEL`).
commit_pin () {
	_f=$1 _m=$2 _s=${3:-pin $2}
	shift 2
	test $# -gt 0 && shift
	write_model "$_f" "$_m" &&
	git add "$_f" &&
	commit_unchecked "$_s" "$@"
}

# write_model FILE MODEL: a small FILE of its type (by its name: .py, .ts,
# .yaml, .json, .env or .ipynb) that selects MODEL in code, at the LINE:COL
# that model_loc FILE prints (a .py file: line 3, column 10). Not staged.
write_model () {
	case $1 in
	*.py) printf 'import os\n\nMODEL = "%s"\n' "$2" >"$1" ;;
	*.ts) printf '// client\nexport const model = "%s";\n' "$2" >"$1" ;;
	*.yaml) printf 'agent:\n  model: %s\n' "$2" >"$1" ;;
	*.json) printf '{\n  "model": "%s"\n}\n' "$2" >"$1" ;;
	*.env) printf 'DEBUG=0\nMODEL=%s\n' "$2" >"$1" ;;
	*.ipynb) write_notebook "$1" code "$2" ;;
	*) echo "write_model: unknown type $1"; return 1 ;;
	esac
}

# model_loc FILE: the LINE:COL of the model in write_model's FILE (for a
# .ipynb: line and byte column in the notebook file itself, where an editor
# jumps to).
model_loc () {
	case $1 in
	*.py) echo 3:10 ;;
	*.ts) echo 2:23 ;;
	*.yaml) echo 2:10 ;;
	*.json) echo 2:13 ;;
	*.env) echo 2:7 ;;
	*.ipynb) echo 10:16 ;;
	esac
}

# write_notebook FILE code|markdown|output MODEL: an nbformat 4 notebook
# whose code cell source, markdown cell, or code cell output names MODEL.
# In the code variant the model is on line 10, column 16.
write_notebook () {
	case $2 in
	code)
		printf '%s\n' '{' ' "cells": [' '  {' \
			'   "cell_type": "code",' '   "execution_count": null,' \
			'   "metadata": {},' '   "outputs": [],' '   "source": [' \
			'    "import openai\n",' \
			"    \"model = \\\"$3\\\"\\n\"" \
			'   ]' '  }' ' ],' ' "metadata": {},' ' "nbformat": 4,' \
			' "nbformat_minor": 5' '}' >"$1"
		;;
	markdown)
		printf '%s\n' '{' ' "cells": [' '  {' \
			'   "cell_type": "markdown",' '   "metadata": {},' \
			'   "source": [' '    "# Results\n",' '    "\n",' \
			"    \"We compared $3 with a dated snapshot; model = \\\"$3\\\".\\n\"" \
			'   ]' '  },' '  {' \
			'   "cell_type": "code",' '   "execution_count": 1,' \
			'   "metadata": {},' '   "outputs": [],' '   "source": [' \
			'    "print(1)\n"' '   ]' '  }' ' ],' ' "metadata": {},' \
			' "nbformat": 4,' ' "nbformat_minor": 5' '}' >"$1"
		;;
	output)
		printf '%s\n' '{' ' "cells": [' '  {' \
			'   "cell_type": "code",' '   "execution_count": 1,' \
			'   "metadata": {},' '   "outputs": [' '    {' \
			'     "name": "stdout",' '     "output_type": "stream",' \
			'     "text": [' \
			"      \"model = \\\"$3\\\"\\n\"" \
			'     ]' '    },' '    {' '     "data": {' \
			"      \"text/plain\": [\"'$3'\"]" '     },' \
			'     "execution_count": 1,' '     "metadata": {},' \
			'     "output_type": "execute_result"' '    }' '   ],' \
			'   "source": [' '    "client.models.retrieve(MODEL).id\n"' \
			'   ]' '  }' ' ],' ' "metadata": {},' ' "nbformat": 4,' \
			' "nbformat_minor": 5' '}' >"$1"
		;;
	*) echo "write_notebook: unknown variant $2"; return 1 ;;
	esac
}

# short REV: REV's commit id abbreviated to 12 hex digits, as pincheck
# prints it in a `commit` header.
short () {
	git rev-parse --short=12 "$1"
}

# loose_path GIT-DIR OID: the path of OID's loose object file in GIT-DIR.
loose_path () {
	printf '%s/objects/%s/%s\n' "$1" "$(printf %s "$2" | cut -c1-2)" "$(printf %s "$2" | cut -c3-)"
}

# _head: HEAD's commit id, or nothing on an unborn branch.
_head () {
	git rev-parse -q --verify HEAD 2>/dev/null || :
}

# _show_output: what the last command left in $OUT and $ERR, for a failure.
_show_output () {
	echo "--- stdout:"
	cat "$OUT"
	echo "--- stderr:"
	cat "$ERR"
	echo "---"
}

# _no_sanitizer_report: $ERR has no AddressSanitizer, LeakSanitizer or UBSan
# report (a sanitizer build can fail a hook "the right way" while crashing).
_no_sanitizer_report () {
	if grep -q -e "ERROR: AddressSanitizer" -e "ERROR: LeakSanitizer" -e "runtime error:" "$ERR" 2>/dev/null; then
		echo "sanitizer report:"
		cat "$ERR"
		return 1
	fi
}

# commit_refused [GIT-COMMIT-ARGS...]: `git commit -m e2e ARGS` must fail,
# leave HEAD where it was and say something on stderr (saved in $ERR).
commit_refused () {
	_before=$(_head)
	if git commit -m e2e "$@" >"$OUT" 2>"$ERR"; then
		echo "git commit $* succeeded; expected it to be refused"
		_show_output
		return 1
	fi
	_after=$(_head)
	if test "$_before" != "$_after"; then
		echo "git commit $* failed but HEAD moved ($_before -> $_after)"
		return 1
	fi
	if ! test -s "$ERR"; then
		echo "git commit $* was refused with nothing on stderr"
		_show_output
		return 1
	fi
	if grep -q -e 'nothing to commit' -e 'nothing added to commit' -e 'no changes added to commit' "$OUT" "$ERR"; then
		echo "git commit $* failed for want of changes, not because of pincheck (test bug)"
		_show_output
		return 1
	fi
	_no_sanitizer_report
}

# commit_accepted [GIT-COMMIT-ARGS...]: `git commit -m e2e ARGS` must succeed
# and move HEAD; its stderr is saved in $ERR.
commit_accepted () {
	_before=$(_head)
	if ! git commit -m e2e "$@" >"$OUT" 2>"$ERR"; then
		echo "git commit $* was refused; expected it to be accepted"
		_show_output
		return 1
	fi
	_after=$(_head)
	if test "$_before" = "$_after"; then
		echo "git commit $* succeeded but HEAD did not move"
		return 1
	fi
	_no_sanitizer_report
}

# run_pincheck ARGS...: run "$PINCHECK" ARGS with stdout in $OUT, stderr in
# $ERR and the exit status in $RC; always succeeds (check with expect_rc).
run_pincheck () {
	if "$PINCHECK" "$@" >"$OUT" 2>"$ERR"; then
		echo 0 >"$RC"
	else
		echo $? >"$RC"
	fi
}

# expect_rc N: the last run_pincheck exited with status N.
expect_rc () {
	_got=$(cat "$RC")
	_no_sanitizer_report || return 1
	if test "$_got" != "$1"; then
		echo "expected exit status $1, got $_got"
		_show_output
		return 1
	fi
}

# grep_stderr PATTERN / grep_stdout PATTERN: a line of $ERR / $OUT matches
# the basic regular expression PATTERN. The _F variants take a fixed string.
grep_stderr () {
	grep -q -e "$1" "$ERR" || {
		echo "stderr has no line matching: $1"
		_show_output
		return 1
	}
}
grep_stderr_F () {
	grep -q -F -e "$1" "$ERR" || {
		echo "stderr has no line containing: $1"
		_show_output
		return 1
	}
}
grep_stdout () {
	grep -q -e "$1" "$OUT" || {
		echo "stdout has no line matching: $1"
		_show_output
		return 1
	}
}
grep_stdout_F () {
	grep -q -F -e "$1" "$OUT" || {
		echo "stdout has no line containing: $1"
		_show_output
		return 1
	}
}

# grep_output_F STRING: a line of $OUT or of $ERR contains STRING.
grep_output_F () {
	grep -q -F -e "$1" "$OUT" "$ERR" || {
		echo "no output line contains: $1"
		_show_output
		return 1
	}
}

# no_stderr_F STRING / no_stdout_F STRING: no line contains STRING.
no_stderr_F () {
	! grep -q -F -e "$1" "$ERR" || {
		echo "stderr unexpectedly contains: $1"
		_show_output
		return 1
	}
}
no_stdout_F () {
	! grep -q -F -e "$1" "$OUT" || {
		echo "stdout unexpectedly contains: $1"
		_show_output
		return 1
	}
}

# finding_line_has LOCATION STRING: the finding line that starts with
# LOCATION (e.g. `app.py:3:10: error[alias]`) also contains STRING.
finding_line_has () {
	grep -F -e "$1" "$ERR" | grep -q -F -e "$2" || {
		echo "no finding line starting '$1' containing '$2'"
		_show_output
		return 1
	}
}

# rule_id_of LOCATION: the [RULE-ID] at the end of the finding line that
# contains LOCATION (from $ERR), printed on stdout; fails when there is none.
rule_id_of () {
	_id=$(grep -F -e "$1" "$ERR" | sed -n -e 's/.*\[\([^]]*\)\][	 ]*$/\1/p' | sed -n 1p)
	if test -z "$_id"; then
		echo "no [RULE-ID] on a finding line containing: $1" >&2
		cat "$ERR" >&2
		return 1
	fi
	printf '%s\n' "$_id"
}

# count_findings KIND: the number of `error[KIND]`/`warning[KIND]` lines in
# $OUT and $ERR.
count_findings () {
	cat "$OUT" "$ERR" 2>/dev/null | grep -c -e "^.*:[0-9][0-9]*:[0-9][0-9]*: [a-z]*\[$1\]" || :
}
