#!/bin/sh
# run.sh BUILD_DIR...: run every suite against each build directory and end
# with one "N passed, N failed, N skipped" line (a skip, "ok N - what # SKIP
# why", is never counted as a pass). Suites speak TAP ("ok N - what",
# "not ok N - what"): cmocka unit tests (CMOCKA_MESSAGE_OUTPUT=TAP), the
# end-to-end scripts tests/e2e/t*.sh, and tests/*.sh data checks. A suite that
# exits non-zero without reporting a failure (a crash, a sanitizer abort)
# counts as one failure.
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Test fixtures must not inherit the caller's repository (githooks(5)).
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
	GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_QUARANTINE_PATH GIT_COMMON_DIR \
	GIT_PREFIX GIT_CONFIG_PARAMETERS GIT_CONFIG_COUNT

run_suite() { # NAME CMD...
	name=$1; shift
	"$@" >"$log" 2>&1
	rc=$?
	p=$(grep '^ok ' "$log" | grep -vc '# SKIP')
	s=$(grep '^ok ' "$log" | grep -c '# SKIP')
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited $rc without reporting a failure" >>"$log"
	fi
	if [ "$f" -ne 0 ] || [ -n "$VERBOSE" ]; then
		sed -e "s|^|  $name: |" "$log"
	fi
	echo "$name: $p passed, $f failed, $s skipped"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
}

for build in "$@"; do
	b=$(cd "$top/$build" && pwd) || exit 1
	export PINCHECK="$b/pincheck"
	export PC_BUILD="$b"
	echo "== $build"
	for t in "$b"/tests/test_*; do
		[ -x "$t" ] || continue
		run_suite "$build/unit/$(basename "$t")" env CMOCKA_MESSAGE_OUTPUT=TAP "$t"
	done
	for t in "$top"/tests/*.sh "$top"/tests/e2e/t*.sh; do
		[ -f "$t" ] || continue
		case $t in */run.sh|*/lib.sh) continue ;; esac
		run_suite "$build/$(basename "$t" .sh)" sh "$t"
	done
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
