#!/bin/sh
# github-action.sh install | check: the steps of the GitHub Action
# (action.yml), kept here so that they run, and are tested
# (tests/e2e/t0025-github-action.sh), outside GitHub too.
#
# install  Install the Debian packages building needs (install.sh
#          --no-test-deps, through sudo when not root), build pincheck and
#          install it under $RUNNER_TEMP/pincheck, whose bin/ goes on
#          $GITHUB_PATH for the steps after it.
# check    In $GITHUB_WORKSPACE, check the commits the event brings with
#          `pincheck --format github check RANGE` (one annotation per finding
#          on stdout, which GitHub reads), optionally write them as SARIF, and
#          exit with pincheck's status: 0 clean, 1 error findings, 2 usage or
#          configuration error, 3 runtime error.
#
# What GitHub sets: GITHUB_EVENT_NAME, GITHUB_BASE_REF (a pull request's base
# branch), GITHUB_SHA, GITHUB_WORKSPACE, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
# GITHUB_PATH, RUNNER_TEMP. What action.yml sets from the event and inputs:
#   PINCHECK_BEFORE          github.event.before (a push: the ref's old tip)
#   PINCHECK_DEFAULT_BRANCH  github.event.repository.default_branch
#   INPUT_RANGE, INPUT_SARIF, INPUT_CONFIG   the inputs
# PINCHECK names the binary (default: pincheck on PATH).
#
# The range: INPUT_RANGE if given; for a pull request origin/BASE..HEAD (HEAD
# is the merge commit GitHub checks out: pincheck reports a finding in the
# commit that brought it, and in a merge only what no parent had); for a push
# BEFORE..SHA, or origin/DEFAULT..SHA when BEFORE is none (a new branch) or is
# gone (a force push). Missing commits are fetched from origin: the base
# branch, and the whole history of a shallow clone.
set -u

say () { printf 'pincheck-action: %s\n' "$*" >&2; }
# fail MESSAGE [STATUS]: an error annotation (GitHub reads workflow commands
# from stdout; a % is escaped, and MESSAGE is one line) and exit STATUS (2).
fail () {
	printf '::error title=pincheck::%s\n' "$(printf '%s' "$1" | sed -e 's/%/%25/g' | tr '\r\n' '  ')"
	say "$1"
	exit "${2:-2}"
}
output () { test -n "${GITHUB_OUTPUT:-}" && printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; return 0; }
summary () { test -n "${GITHUB_STEP_SUMMARY:-}" && cat >>"$GITHUB_STEP_SUMMARY"; return 0; }
have_commit () { git rev-parse -q --verify "$1^{commit}" >/dev/null 2>&1; }
zeros () { case $1 in '' | *[!0]*) return 1 ;; *) return 0 ;; esac; }

do_install () {
	top=$(cd "$(dirname "$0")/.." && pwd) || exit 3
	prefix=${RUNNER_TEMP:-/tmp}/pincheck
	sudo=
	if test "$(id -u)" != 0 && command -v sudo >/dev/null 2>&1; then
		sudo='sudo -n'
	fi
	$sudo env PREFIX="$prefix" sh "$top/install.sh" --no-test-deps ||
		fail "install.sh failed: the Debian packages pincheck needs could not be installed, or the build failed" 3
	test -n "${GITHUB_PATH:-}" && echo "$prefix/bin" >>"$GITHUB_PATH"
	"$prefix/bin/pincheck" version
}

# fetch ARGS...: git fetch from origin, quietly; say what failed.
fetch () {
	git fetch -q --no-tags origin "$@" || {
		say "git fetch origin $* failed"
		return 1
	}
}

pick_range () {
	if test "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true; then
		say "a shallow clone: fetching its history (actions/checkout with fetch-depth: 0 avoids this)"
		fetch --unshallow || fail "could not fetch the history of this shallow clone" 3
	fi
	if test -n "${INPUT_RANGE:-}"; then
		range=$INPUT_RANGE
		return 0
	fi
	event=${GITHUB_EVENT_NAME:-}
	if test -n "${GITHUB_BASE_REF:-}"; then
		base=$GITHUB_BASE_REF
		if ! have_commit "refs/remotes/origin/$base"; then
			fetch "+refs/heads/$base:refs/remotes/origin/$base" ||
				fail "could not fetch the base branch $base from origin" 3
		fi
		range="origin/$base..HEAD"
		return 0
	fi
	case $event in
	push)
		sha=${GITHUB_SHA:-HEAD}
		before=${PINCHECK_BEFORE:-}
		if ! zeros "$before" && ! have_commit "$before"; then
			fetch "$before" >/dev/null 2>&1 || :
		fi
		if ! zeros "$before" && have_commit "$before"; then
			range="$before..$sha"
			return 0
		fi
		# a new branch, or a force push whose old tip is gone: what the
		# default branch does not have
		def=${PINCHECK_DEFAULT_BRANCH:-}
		if test -n "$def" && ! have_commit "refs/remotes/origin/$def"; then
			fetch "+refs/heads/$def:refs/remotes/origin/$def" || :
		fi
		if test -n "$def" && have_commit "refs/remotes/origin/$def" &&
			test "$(git rev-parse "refs/remotes/origin/$def")" != "$(git rev-parse "$sha^{commit}")"; then
			range="origin/$def..$sha"
		else
			# the default branch itself, new: its tip (each commit's
			# own check ran, or runs, where it was committed)
			range=$sha
		fi
		return 0
		;;
	*)
		fail "no commits to check for a ${event:-unnamed} event: set the action's range input (e.g. range: origin/main..HEAD)" 2
		;;
	esac
}

do_check () {
	pincheck=${PINCHECK:-pincheck}
	cd "${GITHUB_WORKSPACE:-.}" || fail "no workspace ${GITHUB_WORKSPACE:-.}" 3
	git rev-parse --git-dir >/dev/null 2>&1 ||
		fail "$PWD is not a git repository (check it out first: actions/checkout with fetch-depth: 0)" 3
	pick_range
	set --
	if test -n "${INPUT_CONFIG:-}"; then
		set -- "$@" --config "$INPUT_CONFIG"
	fi
	output range "$range"
	say "pincheck check $range"

	"$pincheck" "$@" --format github check "$range"
	rc=$?
	output exit-code "$rc"
	case $rc in
	0 | 1) ;;
	*) fail "pincheck check $range stopped with exit status $rc (see the log)" "$rc" ;;
	esac

	if test -n "${INPUT_SARIF:-}"; then
		mkdir -p "$(dirname "$INPUT_SARIF")" &&
		"$pincheck" "$@" --format sarif check "$range" >"$INPUT_SARIF"
		src=$?
		if test "$src" -gt 1; then
			fail "could not write the SARIF file $INPUT_SARIF (exit status $src)" "$src"
		fi
		output sarif "$INPUT_SARIF"
		say "SARIF written to $INPUT_SARIF"
	fi

	if test "$rc" = 0; then
		printf '### pincheck\n\n`pincheck check %s`: no findings of error severity.\n' "$range" | summary
	else
		{
			printf '### pincheck\n\n`pincheck check %s` found floating model aliases or other errors:\n\n' "$range"
			"$pincheck" "$@" --format markdown check "$range"
		} | summary
	fi
	exit "$rc"
}

case ${1:-} in
install) do_install ;;
check) do_check ;;
*)
	echo "usage: $0 install | check" >&2
	exit 2
	;;
esac
