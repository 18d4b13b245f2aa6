#!/bin/sh
# fuzz-replay.sh: every fuzz target's committed corpus (tests/fuzz/corpus/NAME),
# and so every reproducer added there, replayed once through
# LLVMFuzzerTestOneInput by $PC_BUILD/fuzz/replay_NAME (tests/fuzz/replay.c,
# built by `make units` with the build's compiler and sanitizers). The
# fuzzing itself is `make fuzz`.
top=$(cd "$(dirname "$0")/.." && pwd)
n=0
for src in "$top"/tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	n=$((n + 1))
	bin=$PC_BUILD/fuzz/replay_$name
	if ! [ -x "$bin" ]; then
		echo "not ok $n - fuzz_$name: no $bin (make units)"
	elif out=$("$bin" "$top/tests/fuzz/corpus/$name" 2>&1); then
		echo "ok $n - fuzz_$name: corpus replays cleanly (${out#replay: })"
	else
		echo "$out" | tail -n 30 | sed 's/^/# /'
		echo "not ok $n - fuzz_$name: corpus replay failed"
	fi
done
echo "1..$n"
