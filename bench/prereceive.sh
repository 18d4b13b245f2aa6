#!/usr/bin/env bash
# prereceive.sh [DIR]: how long `pincheck hook pre-receive` takes, and how
# much memory it uses, to check a push of 1,000 new commits to a
# 20,000-file repository, next to `git rev-list --objects` over the same
# range and to one real `git push`. See bench/README.md.
#
# bash only for $EPOCHREALTIME (microsecond clock without a fork per
# sample) in the timing loop; everything else is POSIX sh.
#
# Environment:
#   PINCHECK              the binary (default: build/pincheck of this checkout)
#   BENCH_FILES           files in the generated repository (default 20000)
#   BENCH_COMMITS         commits in the pushed branch (default 1000)
#   BENCH_RUNS            timed runs per command, after one warm-up (default 7)
#   BENCH_NO_HYPERFINE=1  use the shell loop even when hyperfine can time it
#   BENCH_NO_PUSH=1       skip the real `git push`
#   BENCH_PROFILE=perf|callgrind
#                         also profile the hook: perf on the whole push, or
#                         callgrind on the push of the first 100 commits
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
dir=${1:-/tmp/pincheck-bench-push}
nfiles=${BENCH_FILES:-20000}
ncommits=${BENCH_COMMITS:-1000}
runs=${BENCH_RUNS:-7}
profile=${BENCH_PROFILE:-}
pincheck=${PINCHECK:-$top/build/pincheck}
pool_every=13 # the branch edits every 13th file of the tree (and files it adds)
zero=0000000000000000000000000000000000000000
ghes_ms=5000  # GitHub Enterprise Server kills a pre-receive hook after 5 s

die() { echo "prereceive.sh: $*" >&2; exit 2; }
say() { echo "-- $*" >&2; }

case $nfiles in ''|*[!0-9]*) die "BENCH_FILES must be a number" ;; esac
case $ncommits in ''|*[!0-9]*) die "BENCH_COMMITS must be a number" ;; esac
case $runs in ''|*[!0-9]*) die "BENCH_RUNS must be a number" ;; esac
[ "$runs" -ge 1 ] || die "BENCH_RUNS must be at least 1"
[ "$ncommits" -ge 1 ] || die "BENCH_COMMITS must be at least 1"
case $profile in ''|perf|callgrind) ;; *) die "BENCH_PROFILE is perf or callgrind" ;; esac
if [ ! -x "$pincheck" ]; then
	[ -z "${PINCHECK:-}" ] || die "$pincheck: not executable"
	say "building $pincheck"
	make -s -C "$top" >&2 || die "make failed"
fi
pincheck=$(cd "$(dirname "$pincheck")" && pwd)/$(basename "$pincheck")
case $pincheck in *"'"*) die "$pincheck: a path with a single quote cannot go in the hook" ;; esac
timebin=/usr/bin/time
if [ ! -x "$timebin" ]; then
	say "no $timebin (Debian: apt-get install time): peak memory is not measured"
	timebin=
fi

# Neither the caller's repository (when run from a hook) nor the caller's
# git configuration may change what is measured: an empty HOME for git and
# libgit2 alike, no system config.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
	GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_QUARANTINE_PATH GIT_COMMON_DIR \
	GIT_PREFIX GIT_CONFIG_PARAMETERS GIT_CONFIG_COUNT XDG_CONFIG_HOME
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pincheck-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C
mkdir "$HOME"

# Stamps name the generators by checksum: editing gen.awk or pushgen.awk
# regenerates what they made, and nothing else does.
sum() { cksum <"$1" | awk '{ print $1 }'; }
base_stamp="gen.awk $(sum "$here/gen.awk"), $nfiles files"
branch_stamp="pushgen.awk $(sum "$here/pushgen.awk"), $ncommits commits, pool 1/$pool_every"
server=$dir/server.git   # the server: bare, hooks/pre-receive runs pincheck
client=$dir/client       # a developer's clone (no checkout), with the branch
quar=$dir/quarantine     # the branch's objects alone, as git's quarantine holds them

# --- 1. the server repository and a client clone (generated once) ---
stamp_of() { git --git-dir="$server" config --get bench.generator 2>/dev/null || :; }
if [ "$(stamp_of)" = "$base_stamp" ] &&
   git --git-dir="$server" rev-parse -q --verify refs/heads/main >/dev/null 2>&1 &&
   git --git-dir="$client/.git" rev-parse -q --verify refs/heads/main >/dev/null 2>&1; then
	say "reusing $dir"
else
	if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
		if [ -n "$(stamp_of)" ]; then
			rm -rf "$server" "$client" "$quar" # an older or different-size benchmark
		else
			die "$dir exists and is not a push benchmark; give another directory"
		fi
	fi
	say "generating $nfiles files in $server"
	start=$(date +%s)
	mkdir -p "$dir"
	git init -q --bare "$server"
	git --git-dir="$server" symbolic-ref HEAD refs/heads/main
	LC_ALL=C awk -v nfiles="$nfiles" -f "$here/gen.awk" | git --git-dir="$server" fast-import --quiet
	git --git-dir="$server" gc -q   # packed, like a server repository
	git clone -q --no-checkout --no-hardlinks "$server" "$client"
	git --git-dir="$server" config bench.generator "$base_stamp"
	say "generated in $(( $(date +%s) - start ))s"
fi
dir=$(cd "$dir" && pwd)
server=$dir/server.git client=$dir/client quar=$dir/quarantine

# The hook, rewritten on every run (PINCHECK may have changed). The real
# push sets BENCH_HOOK_TIMES so that it records its own time and memory.
cat >"$server/hooks/pre-receive" <<EOF
#!/bin/sh
# Written by bench/prereceive.sh: pincheck's pre-receive check, and no
# --max-seconds, so that the whole check is timed.
if [ -n "\${BENCH_HOOK_TIMES:-}" ] && [ -x /usr/bin/time ]; then
	exec /usr/bin/time -f '%e %M' -a -o "\$BENCH_HOOK_TIMES" '$pincheck' hook pre-receive
fi
exec '$pincheck' hook pre-receive
EOF
chmod +x "$server/hooks/pre-receive"

# --- 2. the branch in the client, and its objects in a quarantine ---
cgit() { git --git-dir="$client/.git" "$@"; }
if [ "$(cgit config --get bench.branch 2>/dev/null || :)" = "$branch_stamp" ] &&
   cgit rev-parse -q --verify refs/heads/bench-alias >/dev/null &&
   [ -n "$(ls "$quar"/pack/*.pack 2>/dev/null)" ]; then
	say "reusing the branch of $ncommits commits"
else
	say "generating a branch of $ncommits commits"
	start=$(date +%s)
	rm -rf "$quar"
	cgit update-ref -d refs/heads/bench 2>/dev/null || :
	cgit update-ref -d refs/heads/bench-alias 2>/dev/null || :
	base=$(cgit rev-parse refs/heads/main)
	# The pool: every 13th file of the tree, with its content.
	cgit ls-tree -r "$base" |
		awk -F '\t' -v k="$pool_every" 'NR % k == 0 { split($1, m, " "); print m[3], $2 }' |
		cgit cat-file --batch='%(objectname) %(objecttype) %(objectsize) %(rest)' |
		LC_ALL=C awk -v ncommits="$ncommits" -v from="$base" -v alias_ref=refs/heads/bench-alias \
			-f "$here/pushgen.awk" 2>"$tmp/gen.err" |
		cgit fast-import --quiet --force
	cat "$tmp/gen.err" >&2
	# What receive-pack would hold in its quarantine: the branch's objects
	# in one pack; the control commit's few in a second one.
	mkdir -p "$quar/pack"
	printf 'refs/heads/bench\n^refs/heads/main\n' | cgit pack-objects --revs -q "$quar/pack/pack" >/dev/null
	printf 'refs/heads/bench-alias\n^refs/heads/bench\n' | cgit pack-objects --revs -q "$quar/pack/pack" >/dev/null
	cgit config bench.summary "$(sed -n 's/^pushgen.awk: //p' "$tmp/gen.err")"
	cgit config bench.branch "$branch_stamp"
	say "generated in $(( $(date +%s) - start ))s"
fi
base=$(cgit rev-parse refs/heads/main)
new=$(cgit rev-parse refs/heads/bench)
alias_tip=$(cgit rev-parse refs/heads/bench-alias)

# The hook's environment, as receive-pack sets it up: run in the server
# repository, the new objects in the quarantine directory, the server's own
# store as its alternate.
cd "$server"
export GIT_DIR=. GIT_QUARANTINE_PATH="$quar" GIT_OBJECT_DIRECTORY="$quar" \
	GIT_ALTERNATE_OBJECT_DIRECTORIES="$server/objects"
printf '%s %s %s\n' "$zero" "$new" refs/heads/bench >"$tmp/push.in"
printf '%s %s %s\n' "$zero" "$alias_tip" refs/heads/bench >"$tmp/alias.in"
printf '%s %s %s\n' "$base" "$base" refs/heads/main >"$tmp/none.in" # no new commits

# Before timing anything: the push passes, all its commits checked, and a
# control with one alias on top is refused.
set +e
"$pincheck" hook pre-receive <"$tmp/push.in" >"$tmp/hook.out" 2>&1
rc=$?
"$pincheck" hook pre-receive <"$tmp/alias.in" >"$tmp/alias.out" 2>&1
arc=$?
set -e
if [ "$rc" -ne 0 ] || ! grep -q "0 errors, 0 warnings in $ncommits commits" "$tmp/hook.out"; then
	tail -20 "$tmp/hook.out" >&2
	die "pincheck hook pre-receive exited $rc, not 0 with no findings in $ncommits commits"
fi
if [ "$arc" -ne 1 ] || ! grep -q 'error\[alias\]' "$tmp/alias.out"; then
	tail -20 "$tmp/alias.out" >&2
	die "the control push with an alias was not rejected (exit $arc)"
fi
files_checked=$(sed -n 's/.* in [0-9]* commits, \([0-9]*\) files.*/\1/p' "$tmp/hook.out")

# --- 3. timing ---
# Prints "median min max" in milliseconds (3 decimals) of the samples
# (nanoseconds, one a line) on stdin.
stats() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.3f %.3f %.3f\n", m / 1e6, v[1] / 1e6, v[NR] / 1e6 }'
}

now_ns() {
	if [ -n "${EPOCHREALTIME:-}" ]; then
		now=${EPOCHREALTIME/[.,]/}000
	else
		now=$(date +%s%N)
	fi
}

# The commands, each with its stdin from a file and its output to /dev/null:
# the hook on the push; the hook on a push that brings no commit (its fixed
# cost: start, rules, repository); git listing the push's objects (its
# connectivity check does that); git writing every commit's patch.
names=("pincheck hook pre-receive" "pincheck hook pre-receive, no new commits"
	"git rev-list --objects main..bench" "git log -p main..bench")
inputs=("$tmp/push.in" "$tmp/none.in" /dev/null /dev/null)
q=$(printf "'%s'" "$pincheck")
cmds=("$q hook pre-receive" "$q hook pre-receive" "git rev-list --objects $base..$new"
	"git log -p $base..$new") # for hyperfine
# argv_of I: sets argv to command I.
argv_of() {
	case $1 in
	0|1) argv=("$pincheck" hook pre-receive) ;;
	2) argv=(git rev-list --objects "$base..$new") ;;
	3) argv=(git log -p "$base..$new") ;;
	esac
}

# time_loop I: one warm-up and RUNS runs of command I; "median min max
# cpu" in ms, cpu the median of user + system time (bash's time keyword:
# getrusage, no extra process).
time_loop() {
	local i=$1 n=0 TIMEFORMAT='%3U %3S'
	argv_of "$i"
	: >"$tmp/samples"
	: >"$tmp/cpu"
	while [ "$n" -le "$runs" ]; do
		now_ns; t0=$now
		{ time "${argv[@]}" <"${inputs[$i]}" >/dev/null 2>&1; } 2>"$tmp/t" || :
		now_ns
		if [ "$n" -gt 0 ]; then
			echo $((now - t0)) >>"$tmp/samples"
			awk '{ printf "%.0f\n", ($1 + $2) * 1e9 }' "$tmp/t" >>"$tmp/cpu"
		fi
		n=$((n + 1))
	done
	echo "$(stats <"$tmp/samples") $(stats <"$tmp/cpu" | cut -d' ' -f1)"
}

# peak_rss I: the largest "Maximum resident set size" (KiB) of 3 runs.
peak_rss() {
	local i=$1 n
	[ -n "$timebin" ] || { echo "-"; return; }
	argv_of "$i"
	for n in 1 2 3; do
		"$timebin" -v -o "$tmp/rss" "${argv[@]}" <"${inputs[$i]}" >/dev/null 2>&1 || :
		awk -F': *' '/Maximum resident set size/ { print $2 }' "$tmp/rss"
	done | sort -n | tail -1
}

hyperfine_ok=
if [ -z "${BENCH_NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null 2>&1 &&
   hyperfine --help 2>/dev/null | grep -q -- '--input'; then
	hyperfine_ok=1 # 1.16 and later: --input feeds stdin with no shell
fi
: >"$tmp/results"
if [ -n "$hyperfine_ok" ]; then
	timer="hyperfine $(hyperfine --version | awk '{ print $2 }') (--shell=none, 1 warm-up + $runs runs; cpu: mean user+sys)"
	for i in 0 1 2 3; do
		say "timing: ${names[$i]}"
		hyperfine --shell=none --style none --ignore-failure --warmup 1 --runs "$runs" \
			--input "${inputs[$i]}" --export-json "$tmp/h.json" "${cmds[$i]}" \
			>/dev/null 2>"$tmp/h.err" || { cat "$tmp/h.err" >&2; die "hyperfine failed"; }
		awk '/"times": *\[/ { t = 1; next } t && /\]/ { t = 0 }
			t { gsub(/[ ,]/, ""); if ($0 != "") printf "%.0f\n", $0 * 1e9 }' "$tmp/h.json" | stats >"$tmp/s"
		cpu=$(awk -F': *' '$1 ~ /"(user|system)"$/ { sub(/,$/, "", $2); c += $2 } END { printf "%.3f", c * 1000 }' "$tmp/h.json")
		echo "$i $(cat "$tmp/s") $cpu $(peak_rss "$i")" >>"$tmp/results"
	done
else
	# shellcheck disable=SC2016 # the name, not the value
	if [ -n "${EPOCHREALTIME:-}" ]; then clock='$EPOCHREALTIME'; else clock='date +%s%N'; fi
	why=
	command -v hyperfine >/dev/null 2>&1 && [ -z "${BENCH_NO_HYPERFINE:-}" ] && why=", hyperfine has no --input"
	timer="shell loop ($clock, 1 warm-up + $runs runs$why; cpu: median user+sys)"
	for i in 0 1 2 3; do
		say "timing: ${names[$i]}"
		echo "$i $(time_loop "$i") $(peak_rss "$i")" >>"$tmp/results"
	done
fi

# --- 4. one real push, to a copy of the server ---
push_line=
if [ -z "${BENCH_NO_PUSH:-}" ]; then
	say "one real git push"
	unset GIT_DIR GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
	cp -a "$server" "$tmp/push.git"
	: >"$tmp/hook.times"
	set +e
	now_ns; t0=$now
	if [ -n "$timebin" ]; then
		BENCH_HOOK_TIMES="$tmp/hook.times" "$timebin" -v -o "$tmp/push.rss" \
			git --git-dir="$client/.git" push -q "$tmp/push.git" refs/heads/bench:refs/heads/bench >"$tmp/push.out" 2>&1
	else
		git --git-dir="$client/.git" push -q "$tmp/push.git" refs/heads/bench:refs/heads/bench >"$tmp/push.out" 2>&1
	fi
	prc=$?
	now_ns
	set -e
	push_ms=$(awk -v ns=$((now - t0)) 'BEGIN { printf "%.1f", ns / 1e6 }')
	if [ "$prc" -ne 0 ] || [ "$(git --git-dir="$tmp/push.git" rev-parse -q --verify refs/heads/bench)" != "$new" ]; then
		tail -20 "$tmp/push.out" >&2
		die "git push exited $prc or did not update refs/heads/bench"
	fi
	grep -q "in $ncommits commits" "$tmp/push.out" || die "the push did not run pincheck over $ncommits commits"
	push_rss=$( [ -n "$timebin" ] && awk -F': *' '/Maximum resident set size/ { print $2 }' "$tmp/push.rss" || echo -)
	read -r hook_s hook_rss <"$tmp/hook.times" 2>/dev/null || { hook_s=; hook_rss=-; }
	push_line=1
	rm -rf "$tmp/push.git"
	cd "$server"
	export GIT_DIR=. GIT_QUARANTINE_PATH="$quar" GIT_OBJECT_DIRECTORY="$quar" \
		GIT_ALTERNATE_OBJECT_DIRECTORIES="$server/objects"
fi

# --- 5. optional profile ---
if [ -n "$profile" ]; then
	say "profiling with $profile"
	if [ "$profile" = perf ]; then
		command -v perf >/dev/null 2>&1 || die "no perf"
		perf record -q -F 2000 -g -o "$tmp/perf.data" -- "$pincheck" hook pre-receive \
			<"$tmp/push.in" >/dev/null 2>"$tmp/perf.err" || { cat "$tmp/perf.err" >&2; die "perf record failed"; }
		{
			echo "  by library:"
			perf report -i "$tmp/perf.data" --stdio --no-children --sort dso -g none 2>/dev/null |
				grep -E '^ +[0-9.]+%' | head -6 | sed 's/[ -]*$//'
			echo "  by function:"
			perf report -i "$tmp/perf.data" --stdio --no-children --sort dso,symbol -g none 2>/dev/null |
				grep -E '^ +[0-9.]+%' | head -15 | sed 's/[ -]*$//'
		} >"$tmp/profile"
		prof_title="perf, self time, whole push ($ncommits commits); for callers, BENCH_PROFILE=callgrind"
	else
		command -v valgrind >/dev/null 2>&1 || die "no valgrind"
		small=100; [ "$ncommits" -gt "$small" ] || small=$ncommits
		tip=$(git rev-parse "$new~$((ncommits - small))")
		printf '%s %s %s\n' "$zero" "$tip" refs/heads/bench >"$tmp/small.in"
		valgrind -q --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
			"$pincheck" hook pre-receive <"$tmp/small.in" >/dev/null 2>&1 || :
		callgrind_annotate --inclusive=yes "$tmp/cg.out" 2>/dev/null |
			grep -E '^ *[0-9,]+ +\( *[0-9.]+%\)' | grep -v -e 'PROGRAM TOTALS' -e 'ld-linux' -e 'libc-start' \
			-e '(below main)' | head -30 >"$tmp/profile"
		prof_title="callgrind, instructions including callees, push of the first $small commits"
	fi
fi

# --- report ---
g() { git "$@"; }
nfiles_real=$(g ls-tree -r --name-only "$base" | wc -l | tr -d ' ')
ndirs=$(g ls-tree -r -d --name-only "$base" | wc -l | tr -d ' ')
spack=$(git --git-dir="$server" count-objects -v | awk '$1 == "size-pack:" { printf "%.1f MiB", $2 / 1024 }')
nobj=$(g rev-list --objects "$base..$new" | wc -l | tr -d ' ')
qpack=$(for f in "$quar"/pack/*.pack; do wc -c <"$f"; done | sort -n | tail -1 |
	awk '{ printf "%.1f MiB", $1 / 1048576 }')
short=$(g log --format= --shortstat "$base..$new" | awk '{ f += $1; for (i = 2; i < NF; i++) { if ($(i+1) ~ /^insertion/) a += $i; if ($(i+1) ~ /^deletion/) d += $i } }
	END { printf "%d file changes, +%d -%d lines", f, a, d }')
summary=$(cgit config --get bench.summary | sed 's/^[0-9]* commits, //' || :)
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || :)
mhz=$(awk -F': *' '/^cpu MHz/ { printf " @ %.0f MHz", $2; exit }' /proc/cpuinfo 2>/dev/null || :)

echo "machine:   $(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN) CPUs, ${cpu:-unknown CPU}$mhz; $(uname -sr); load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
echo "software:  $("$pincheck" version), $(git --version)"
echo "server:    $server: $nfiles_real files in $ndirs directories; pack $spack"
echo "push:      refs/heads/bench, $ncommits new commits ($summary)"
echo "           $short; $nobj new objects, pack $qpack; pincheck checks $files_checked changed files"
echo "hook:      GIT_DIR=. GIT_QUARANTINE_PATH/GIT_OBJECT_DIRECTORY=quarantine GIT_ALTERNATE_OBJECT_DIRECTORIES=server objects (as receive-pack runs it)"
echo "timing:    $timer; peak RSS: max of 3 runs under /usr/bin/time -v"
echo
mib() { case $1 in -|'') echo - ;; *) awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }' ;; esac; }
printf '%-44s %10s %10s %10s %10s %10s\n' "command" "median ms" "min ms" "max ms" "cpu ms" "peak RSS"
while read -r i med min max cpu rss; do
	printf '%-44s %10.1f %10.1f %10.1f %10.1f %10s\n' "${names[$i]}" "$med" "$min" "$max" "$cpu" "$(mib "$rss")"
done <"$tmp/results"
if [ -n "$push_line" ]; then
	printf '%-44s %10.1f %10s %10s %10s %10s\n' "git push, real (1 run, whole push)" "$push_ms" "" "" "" "$(mib "$push_rss")"
	if [ -n "$hook_s" ]; then
		printf '%-44s %10.0f %10s %10s %10s %10s\n' "  its pre-receive hook (/usr/bin/time, 10 ms)" \
			"$(awk -v s="$hook_s" 'BEGIN { print s * 1000 }')" "" "" "" "$(mib "$hook_rss")"
	fi
fi
echo
awk -v c="$ncommits" -v lim="$ghes_ms" '
	{ med[$1] = $2; cpu[$1] = $5 }
	END {
		printf "ratio:     pincheck / git rev-list --objects  %7.1fx (cpu %.1fx)\n", med[0] / med[2], cpu[0] / cpu[2]
		printf "           pincheck / git log -p              %7.1fx (cpu %.1fx)\n", med[0] / med[3], cpu[0] / cpu[3]
		per = (med[0] - med[1]) / c
		printf "per commit: %.2f ms wall, %.2f ms cpu; fixed cost (no new commits) %.1f ms\n", per, (cpu[0] - cpu[1]) / c, med[1]
		v = med[0] >= lim ? "OVER the limit" : med[0] > lim / 2 ? "under the limit, but not well under" : "well under the limit"
		printf "limit:     GitHub Enterprise Server kills a pre-receive hook after %.0f s. Median %.2f s (cpu %.2f s)\n", lim / 1000, med[0] / 1000, cpu[0] / 1000
		printf "           = %.0f%% of it: %s.\n", 100 * med[0] / lim, v
		printf "           With --max-seconds 4 (hooks/pre-receive), pushes of more than about %d such commits are rejected.\n", (4000 - med[1]) / per
		printf "target:    1,000 commits in at most 1 s (issue 17): median %.2f s for %d commits (cpu %.2f s): %s\n",
			med[0] / 1000, c, cpu[0] / 1000, c != 1000 ? "not the target size" : med[0] <= 1000 ? "met" : "NOT met"
	}' "$tmp/results"
if [ -n "$profile" ] && [ -s "$tmp/profile" ]; then
	echo
	echo "profile:   $prof_title"
	cat "$tmp/profile"
fi
