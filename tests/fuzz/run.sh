#!/bin/sh
# run.sh BUILD_DIR SECONDS [SEED]: `make fuzz`. Runs each libFuzzer target
# BUILD_DIR/fuzz/fuzz_NAME for SECONDS, one after the other, starting from
# its committed corpus tests/fuzz/corpus/NAME (read only: new inputs go to a
# scratch directory under BUILD_DIR/fuzz-runs/), with tests/fuzz/NAME.dict
# when there is one. Any crash, leak, sanitizer report, timeout (10 s on one
# input) or out-of-memory (2 GiB) fails the run: the target is named with
# its reproducer, and the exit status is non-zero once every target has run.
# SEED, when given, fixes libFuzzer's random seed: the same binary then
# tries the same inputs in the same order, so a run that passed here for
# longer passes in CI (which uses SEED 1) for as long, and a finding there
# reproduces here.
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd) || exit 2
secs=${2:-60}
# libFuzzer reads -max_total_time=0 as "no limit": a bounded run or none.
case $secs in
''|*[!0-9]*|0) echo "run.sh: SECONDS must be a positive number, not '$secs'" >&2; exit 2 ;;
esac
seed=${3:-}
case $seed in
*[!0-9]*) echo "run.sh: SEED must be a number, not '$seed'" >&2; exit 2 ;;
esac
out=$build/fuzz-runs
failed=
rm -rf "$out" && mkdir -p "$out/artifacts" || exit 2

stat() { # NAME LOG
	v=$(sed -n "s/^stat::$1: *//p" "$2" | tail -n 1)
	echo "${v:-?}"
}

for src in "$top"/tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	bin=$build/fuzz/fuzz_$name
	log=$out/$name.log
	# Inputs as long as real files of the kind get, and no longer: longer
	# inputs only slow the search down.
	case $name in
	lexer|notebook|scan) max_len=16384 ;;
	evalref|trailer) max_len=4096 ;;
	*) max_len=8192 ;;
	esac
	set --
	[ -f "$top/tests/fuzz/$name.dict" ] && set -- "-dict=$top/tests/fuzz/$name.dict"
	[ -n "$seed" ] && set -- "$@" "-seed=$seed"
	mkdir -p "$out/corpus/$name"
	start=$(date +%s)
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
		-error_exitcode=77 -timeout_exitcode=78 -print_final_stats=1 \
		-artifact_prefix="$out/artifacts/$name-" "$@" \
		"$out/corpus/$name" "$top/tests/fuzz/corpus/$name" >"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))
	summary="fuzz_$name: ${took} s, $(stat number_of_executed_units "$log") runs, $(stat new_units_added "$log") new inputs, peak $(stat peak_rss_mb "$log") MB"
	if [ "$rc" -eq 0 ]; then
		echo "$summary: ok"
		continue
	fi
	failed="$failed $name"
	echo "$summary: FAILED (exit $rc)"
	grep -E '^(==[0-9]+== ?ERROR|SUMMARY|ALARM|.*runtime error)' "$log" | head -n 5 | sed 's/^/  /'
	repro=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
	echo "  reproducer: ${repro:-none written}; log: $log"
	echo "  replay: $bin ${repro:-INPUT}"
done
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed"
	exit 1
fi
echo "fuzz: every target ran ${secs} s without a finding"
