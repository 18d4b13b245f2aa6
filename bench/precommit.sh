#!/usr/bin/env bash
# precommit.sh [DIR]: how long `pincheck hook pre-commit` takes on a large
# repository with one staged change, next to `git diff --cached` on the same
# change. See bench/README.md.
#
# bash only for $EPOCHREALTIME (microsecond clock without a fork per
# sample) in the fallback timing loop; everything else is POSIX sh.
#
# Environment:
#   PINCHECK              the binary (default: build/pincheck of this checkout)
#   BENCH_FILES           files in the generated repository (default 50000)
#   BENCH_RUNS            runs per command, the first one a discarded warm-up (default 15)
#   BENCH_NO_HYPERFINE=1  use the shell loop even when hyperfine is installed
#   BENCH_NO_SCAN=1       skip the one-off `pincheck scan` of the working tree
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
dir=${1:-/tmp/pincheck-bench}
nfiles=${BENCH_FILES:-50000}
runs=${BENCH_RUNS:-15}
pincheck=${PINCHECK:-$top/build/pincheck}
stamp="gen.awk v1, $nfiles files"

die() { echo "precommit.sh: $*" >&2; exit 2; }
say() { echo "-- $*" >&2; }

case $runs in ''|*[!0-9]*) die "BENCH_RUNS must be a number" ;; esac
[ "$runs" -ge 2 ] || die "BENCH_RUNS must be at least 2 (the first run is discarded)"
if [ ! -x "$pincheck" ]; then
	[ -z "${PINCHECK:-}" ] || die "$pincheck: not executable"
	say "building $pincheck"
	make -s -C "$top" >&2 || die "make failed"
fi
pincheck=$(cd "$(dirname "$pincheck")" && pwd)/$(basename "$pincheck")

# Neither the caller's repository (when run from a hook) nor the caller's
# git configuration (pager, fsmonitor, diff drivers...) may change what is
# measured: an empty HOME for git and libgit2 alike, no system config.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
	GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_QUARANTINE_PATH GIT_COMMON_DIR \
	GIT_PREFIX GIT_CONFIG_PARAMETERS GIT_CONFIG_COUNT XDG_CONFIG_HOME
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pincheck-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C
mkdir "$HOME"

# --- 1. the repository (generated once, reused while the stamp matches) ---
# Only DIR/.git counts: never a repository that merely contains DIR.
stamp_of() { git --git-dir="$dir/.git" config --get bench.generator 2>/dev/null || :; }
if [ "$(stamp_of)" = "$stamp" ] &&
   git --git-dir="$dir/.git" rev-parse -q --verify HEAD >/dev/null 2>&1; then
	say "reusing $dir"
else
	if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
		if [ -n "$(stamp_of)" ]; then
			rm -rf "$dir" # an older or different-size benchmark repository
		else
			die "$dir exists and is not a benchmark repository; give another directory"
		fi
	fi
	say "generating $nfiles files in $dir"
	start=$(date +%s)
	git init -q "$dir"
	git -C "$dir" symbolic-ref HEAD refs/heads/main
	LC_ALL=C awk -v nfiles="$nfiles" -f "$here/gen.awk" | git -C "$dir" fast-import --quiet
	git -C "$dir" gc -q             # packed, like a fresh clone
	git -C "$dir" reset -q --hard   # index and working tree
	git -C "$dir" config bench.generator "$stamp"
	say "generated in $(( $(date +%s) - start ))s"
fi
dir=$(cd "$dir" && pwd)
cd "$dir"

# --- 2. exactly one staged change, whatever an earlier run left behind ---
cleanup() {
	git -C "$dir" reset -q --hard HEAD 2>/dev/null || :
	rm -rf "$tmp"
}
trap cleanup EXIT
git reset -q --hard HEAD
git clean -qfd
target=$(git ls-files -- '*.py' | sed -n '1000p;1000q')
[ -n "$target" ] || target=$(git ls-files -- '*.py' | sed -n 1p)
[ -n "$target" ] || die "no .py file in $dir"
printf '\nmodel = "gpt-4o"\n' >>"$target"
git add -- "$target"
set +e
"$pincheck" hook pre-commit >"$tmp/hook.out" 2>&1
rc=$?
set -e
if [ "$rc" -ne 1 ] || ! grep -q 'gpt-4o' "$tmp/hook.out"; then
	cat "$tmp/hook.out" >&2
	die "pincheck hook pre-commit exited $rc without the expected gpt-4o finding"
fi

# --- 3. timing ---
# Prints "median min max" in milliseconds (3 decimals) of the samples
# (nanoseconds, one a line) on stdin.
stats() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.3f %.3f %.3f\n", m / 1e6, v[1] / 1e6, v[NR] / 1e6 }'
}

# now_ns: sets $now to the wall clock in nanoseconds. $EPOCHREALTIME is
# read without a fork; date(1) costs a fork+exec inside every sample
# (about a millisecond), so the fallback overstates short commands.
now_ns() {
	if [ -n "${EPOCHREALTIME:-}" ]; then
		now=${EPOCHREALTIME/[.,]/}000
	else
		now=$(date +%s%N)
	fi
}

# time_loop NAME CMD...: RUNS runs, the first discarded; appends
# "NAME median min max" to $tmp/results.
time_loop() {
	name=$1; shift
	i=0
	: >"$tmp/samples"
	while [ "$i" -lt "$runs" ]; do
		now_ns; t0=$now
		"$@" >/dev/null 2>&1 || :
		now_ns
		[ "$i" -eq 0 ] || echo $((now - t0)) >>"$tmp/samples"
		i=$((i + 1))
	done
	echo "$name $(stats <"$tmp/samples")" >>"$tmp/results"
}

: >"$tmp/results"
if [ -z "${BENCH_NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null 2>&1; then
	timer="hyperfine $(hyperfine --version | awk '{ print $2 }') (--shell=none, 1 warm-up + $((runs - 1)) runs)"
	q=$(printf "'%s'" "$pincheck")
	hyperfine --shell=none --style none --ignore-failure --warmup 1 --runs $((runs - 1)) \
		--export-json "$tmp/hyperfine.json" \
		--command-name 'pincheck hook pre-commit' "$q hook pre-commit" \
		--command-name 'git diff --cached --quiet' 'git diff --cached --quiet' \
		--command-name 'git diff --cached >/dev/null' 'git diff --cached' \
		>/dev/null 2>"$tmp/hyperfine.err" || { cat "$tmp/hyperfine.err" >&2; die "hyperfine failed"; }
	# Per-run times from the JSON export (hyperfine's CSV has no median
	# in older releases): one "command" key, then its "times" array.
	awk '
		/"command":/ { sub(/.*"command": *"/, ""); sub(/",? *$/, ""); name = $0; gsub(/ /, "_", name) }
		/"times": *\[/ { intimes = 1; next }
		intimes && /\]/ { intimes = 0; next }
		intimes { gsub(/[ ,]/, ""); if ($0 != "") printf "%s %.0f\n", name, $0 * 1e9 }
	' "$tmp/hyperfine.json" >"$tmp/all"
	for name in 'pincheck hook pre-commit' 'git diff --cached --quiet' 'git diff --cached >/dev/null'; do
		key=$(echo "$name" | tr ' ' _)
		awk -v k="$key" '$1 == k { print $2 }' "$tmp/all" | stats >"$tmp/s"
		[ -s "$tmp/s" ] || die "no hyperfine samples for $name"
		echo "$name $(cat "$tmp/s")" >>"$tmp/results"
	done
else
	# shellcheck disable=SC2016 # the name, not the value
	if [ -n "${EPOCHREALTIME:-}" ]; then clock='$EPOCHREALTIME'; else clock='date +%s%N'; fi
	timer="shell loop ($clock, 1 warm-up + $((runs - 1)) runs)"
	time_loop 'pincheck hook pre-commit' "$pincheck" hook pre-commit
	time_loop 'git diff --cached --quiet' git diff --cached --quiet
	time_loop 'git diff --cached >/dev/null' git diff --cached
fi

# --- 4. one whole-tree scan, for scale ---
scan=""
if [ -z "${BENCH_NO_SCAN:-}" ]; then
	now_ns; t0=$now
	set +e
	"$pincheck" scan >"$tmp/scan.out" 2>&1
	src=$?
	set -e
	now_ns
	[ "$src" -le 1 ] || { tail -5 "$tmp/scan.out" >&2; die "pincheck scan exited $src"; }
	scan=$(( (now - t0) / 1000 ))
fi

# --- report ---
files=$(git ls-files | wc -l | tr -d ' ')
ndirs=$(git ls-tree -r -d --name-only HEAD | wc -l | tr -d ' ')
pack=$(git count-objects -v | awk '$1 == "size-pack:" { printf "%.1f MiB", $2 / 1024 }')
index=$(wc -c <.git/index | awk '{ printf "%.1f MiB", $1 / 1048576 }')
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || :)
mhz=$(awk -F': *' '/^cpu MHz/ { printf " @ %.0f MHz", $2; exit }' /proc/cpuinfo 2>/dev/null || :)

echo "machine:   $(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN) CPUs, ${cpu:-unknown CPU}$mhz; $(uname -sr)"
echo "software:  $("$pincheck" version), $(git --version)"
echo "repo:      $dir: $files files in $ndirs directories, 1 commit; pack $pack, index $index"
echo "change:    1 staged file ($target, +1 line: model = \"gpt-4o\")"
echo "timing:    $timer"
echo
printf '%-32s %10s %10s %10s\n' "command" "median ms" "min ms" "max ms"
awk '{ n = NF; name = $1; for (i = 2; i <= n - 3; i++) name = name " " $i
	printf "%-32s %10.2f %10.2f %10.2f\n", name, $(n - 2), $(n - 1), $n }' "$tmp/results"
echo
awk '{ n = NF; name = $1; for (i = 2; i <= n - 3; i++) name = name " " $i; med[NR] = $(n - 2); nm[NR] = name }
	END { for (i = 2; i <= NR; i++) printf "ratio:     pincheck / %-28s %6.1fx\n", nm[i], med[1] / med[i] }' "$tmp/results"
if [ -n "$scan" ]; then
	awk -v us="$scan" -v n="$files" 'BEGIN {
		printf "scan:      pincheck scan (whole working tree, 1 run): %.2f s, %.0f files/s\n", us / 1e6, n / (us / 1e6) }'
fi
