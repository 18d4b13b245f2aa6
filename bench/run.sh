#!/usr/bin/env bash
# run.sh [DIR]: `make bench`. On one generated repository, the large one
# (gen-big.awk: 100,000 files, about 1 GiB) or with BENCH_TREE=small the
# small one (gen.awk: 10,000 small source files), times pincheck side by
# side with the tools a team would otherwise use, and reports medians,
# ratios, CPU time and peak memory as a Markdown table on stdout and in
# bench/RESULTS.md (one section a tree). See bench/README.md.
#
#   pincheck scan --rev HEAD     vs  git grep -P -I -c PATTERN HEAD
#   pincheck scan (working tree) vs  rg -P -c PATTERN
#   pincheck hook pre-commit     vs  git diff --cached -U0, and
#                                    git secrets --pre_commit_hook   (one staged file)
#   the rule set ready (load + compile, in-process: bench/ready.c)
#   pincheck fix --diff, and one `pincheck fix` that writes (undone after)
#   pincheck merge               of 1,000 generated inventories of 200 models each
#                                (gen-inventories.awk): time and peak memory
#
# PATTERN is one PCRE alternation of the main alias and pinned id shapes
# (gpt-*, o1..o9, claude-*, gemini-*, mistral-* and its siblings, command-r,
# deepseek-*, llama*, grok-*, text-embedding-*); git-secrets gets the same
# shapes as ERE patterns. pincheck runs its full built-in rule set, which is
# more work than the one pattern: the comparison flatters the other tools.
#
# bash for arrays and $EPOCHREALTIME. Exit status: 0 when every command ran
# as expected (targets met or not), 2 on a setup error.
#
# Environment:
#   PINCHECK            the binary (default: build/pincheck of this checkout);
#                       bench-ready beside it times the rule set
#   BENCH_TREE          big (default) or small
#   BENCH_FILES         files in the generated repository (default 100000, small 10000)
#   BENCH_SCALE         big tree: text per file relative to the default (default 1:
#                       about 10.7 KB a file, 1 GiB at 100,000 files); the repository
#                       is regenerated when FILES or SCALE change
#   BENCH_RUNS          timed runs of each scan (default 3)
#   BENCH_HOOK_RUNS     timed runs of each hook (default 15)
#   BENCH_NO_INSTALL=1  never apt-get the missing tools (skipped with a note instead)
#   BENCH_NO_HYPERFINE=1  time with a shell loop even when hyperfine is installed
#   BENCH_BUDGET        seconds the whole run should take (default 600); the
#                       report says whether it did
set -eu

t_start=${EPOCHREALTIME/[.,]/}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
tree=${BENCH_TREE:-big}
case $tree in
big) gen=gen-big.awk nfiles=${BENCH_FILES:-100000} ;;
small) gen=gen.awk nfiles=${BENCH_FILES:-10000} ;;
*) echo "run.sh: BENCH_TREE must be big or small" >&2; exit 2 ;;
esac
dir=${1:-/tmp/pincheck-bench-$tree}
scale=${BENCH_SCALE:-1}
runs=${BENCH_RUNS:-3}
hook_runs=${BENCH_HOOK_RUNS:-15}
budget=${BENCH_BUDGET:-600}
pincheck=${PINCHECK:-$top/build/pincheck}
results=$here/RESULTS.md

die() { echo "run.sh: $*" >&2; exit 2; }
say() { echo "-- $*" >&2; }
now_us() { now=${EPOCHREALTIME/[.,]/}; }

for v in "$nfiles" "$runs" "$hook_runs" "$budget"; do
	case $v in ''|*[!0-9]*) die "BENCH_FILES, BENCH_RUNS, BENCH_HOOK_RUNS and BENCH_BUDGET must be numbers" ;; esac
done
case $scale in ''|*[!0-9.]*|*.*.*) die "BENCH_SCALE must be a positive number (like 0.5)" ;; esac
if [ "$runs" -lt 1 ] || [ "$hook_runs" -lt 1 ]; then
	die "BENCH_RUNS and BENCH_HOOK_RUNS must be at least 1"
fi
[ "$nfiles" -ge 1000 ] || die "BENCH_FILES must be at least 1000"
if [ ! -x "$pincheck" ]; then
	[ -z "${PINCHECK:-}" ] || die "$pincheck: not executable"
	say "building $pincheck"
	make -s -C "$top" >&2 || die "make failed"
fi
pincheck=$(cd "$(dirname "$pincheck")" && pwd)/$(basename "$pincheck")
ready=$(dirname "$pincheck")/bench-ready
command -v git >/dev/null || die "git is not installed"

# --- 0. the other tools: Debian packages, installed when missing (as root) ---
missing=""
command -v hyperfine >/dev/null 2>&1 || missing="$missing hyperfine"
command -v rg >/dev/null 2>&1 || missing="$missing ripgrep"
command -v git-secrets >/dev/null 2>&1 || missing="$missing git-secrets"
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
	if [ -z "${BENCH_NO_INSTALL:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		say "installing the missing Debian packages:$missing"
		# shellcheck disable=SC2086 # a list of package names
		{ DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing ||
		  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing; }; } >&2 ||
			say "apt-get failed; the comparisons that need$missing are skipped"
	else
		say "not installed:$missing (run as root to install them); those comparisons are skipped"
	fi
fi
have_rg=; have_gs=; have_time=; have_hf=
command -v rg >/dev/null 2>&1 && have_rg=1
command -v git-secrets >/dev/null 2>&1 && have_gs=1
[ -x /usr/bin/time ] && have_time=1
[ -z "${BENCH_NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null 2>&1 && have_hf=1

# Neither the caller's repository nor the caller's git configuration (pager,
# fsmonitor, grep.threads, diff drivers...) may change what is measured.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
	GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_QUARANTINE_PATH GIT_COMMON_DIR \
	GIT_PREFIX GIT_CONFIG_PARAMETERS GIT_CONFIG_COUNT XDG_CONFIG_HOME RIPGREP_CONFIG_PATH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pincheck-run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C
mkdir "$HOME"

# --- 1. the repository (generated once, reused while the stamp matches) ---
stamp="$gen $(cksum <"$here/$gen" | awk '{ print $1 }'), $nfiles files, scale $scale"
stamp_of() { git --git-dir="$dir/.git" config --get bench.generator 2>/dev/null || :; }
gen_s=""
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
	say "generating $nfiles files (scale $scale) in $dir: about 2 minutes at the default size"
	now_us; g0=$now
	git init -q "$dir"
	git -C "$dir" symbolic-ref HEAD refs/heads/main
	LC_ALL=C awk -v nfiles="$nfiles" -v scale="$scale" -f "$here/$gen" 2>"$tmp/gen.log" |
		git -C "$dir" fast-import --quiet || die "fast-import failed"
	git -C "$dir" gc -q             # packed, like a fresh clone
	git -C "$dir" reset -q --hard   # index and working tree
	git -C "$dir" config bench.generator "$stamp"
	now_us; gen_s=$(( (now - g0) / 1000000 ))
	say "generated in ${gen_s}s"
fi
dir=$(cd "$dir" && pwd)
cd "$dir"

cleanup() {
	git -C "$dir" reset -q --hard HEAD 2>/dev/null || :
	git -C "$dir" config --unset-all secrets.patterns 2>/dev/null || :
	rm -rf "$tmp"
}
trap cleanup EXIT
git reset -q --hard HEAD
git clean -qfd
git config --unset-all secrets.patterns 2>/dev/null || :

# Size of what is scanned, from the tree (no file is read).
git ls-tree -r -l HEAD | awk '{ n++; s += $4 } $NF ~ /\.png$/ { b++ }
	END { printf "%d %d %d\n", n, s, b }' >"$tmp/size"
read -r files bytes binaries <"$tmp/size"
pack_mib=$(git count-objects -v | awk '$1 == "size-pack:" { printf "%.0f", $2 / 1024 }')

# Same start for every command: the working tree and the pack in the page cache.
say "warming the page cache"
git ls-files -z | xargs -0 cat >/dev/null 2>&1 || :
cat .git/objects/pack/*.pack >/dev/null 2>&1 || :

# --- 2. the pattern ---
# One PCRE alternation of the shapes pincheck's rules classify (aliases and
# pinned ids alike): what a team would grep for without pincheck.
pcre='\b(?:gpt-(?:3\.5|[4-9](?:\.[0-9]{1,2})?o?)(?:-[a-z0-9]{1,16}){0,6}|o[1-9](?:-[a-z0-9]{1,16}){0,4}'
pcre="$pcre"'|claude-[a-z0-9]{1,16}(?:[.-][a-z0-9]{1,16}){0,6}|gemini-[a-z0-9]{1,16}(?:[.-][a-z0-9]{1,16}){0,6}'
pcre="$pcre"'|(?:open-)?(?:mistral|mixtral|codestral|pixtral|ministral|magistral|devstral)-[a-z0-9]{1,16}(?:-[a-z0-9]{1,16}){0,4}'
pcre="$pcre"'|command-[ra](?:-plus)?(?:-[0-9]{2}-20[0-9]{2})?|deepseek-(?:chat|reasoner|coder)'
pcre="$pcre"'|(?:meta-)?llama-?[2-4](?:\.[0-9])?(?:-[a-z0-9]{1,16}){0,6}|grok-[0-9][a-z0-9.-]{0,30}|text-embedding-[a-z0-9-]{1,24})\b'
# git-secrets: POSIX ERE (it runs `git grep -E -w`), one pattern per shape,
# no spaces (it splits its pattern list on white space).
ere=(
	'gpt-(3\.5|[4-9](\.[0-9]{1,2})?o?)(-[a-z0-9]{1,16}){0,6}'
	'o[1-9](-[a-z0-9]{1,16}){0,4}'
	'claude-[a-z0-9]{1,16}([.-][a-z0-9]{1,16}){0,6}'
	'gemini-[a-z0-9]{1,16}([.-][a-z0-9]{1,16}){0,6}'
	'(open-)?(mistral|mixtral|codestral|pixtral|ministral|magistral|devstral)-[a-z0-9]{1,16}(-[a-z0-9]{1,16}){0,4}'
	'command-[ra](-plus)?(-[0-9]{2}-20[0-9]{2})?'
	'deepseek-(chat|reasoner|coder)'
	'(meta-)?llama-?[2-4](\.[0-9])?(-[a-z0-9]{1,16}){0,6}'
	'grok-[0-9][a-z0-9.-]{0,30}'
	'text-embedding-[a-z0-9-]{1,24}'
)

# --- 3. measuring ---
# stats: "median min max" in seconds of the samples (microseconds, one a line).
stats() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (!NR) exit 1
		if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.6f %.6f %.6f\n", m / 1e6, v[1] / 1e6, v[NR] / 1e6 }'
}

# hyperfine --shell=none splits its command like a shell: quote each word.
quote() {
	local a out=""
	for a in "$@"; do
		out="$out'${a//\'/\'\\\'\'}' "
	done
	printf '%s' "${out% }"
}

# measure KEY LABEL RUNS WARMUP CMD...: one probe run first (exit status,
# output, peak memory with /usr/bin/time -v; it also warms up), then RUNS
# timed runs after WARMUP more. Sets the files $tmp/KEY.{out,err,rc,rss,t}.
keys=""
measure() {
	local key=$1 label=$2 n=$3 warm=$4 rc=0 i t0
	shift 4
	keys="$keys $key"
	echo "$label" >"$tmp/$key.label"
	echo "$n" >"$tmp/$key.runs"
	say "$label: probe run"
	if [ -n "$have_time" ]; then
		/usr/bin/time -v -o "$tmp/$key.time" "$@" >"$tmp/$key.out" 2>"$tmp/$key.err" || rc=$?
		awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/$key.time" >"$tmp/$key.rss"
		# time's own status is the command's, except when it could not run it
		awk -F': ' '/Exit status/ { print $2 }' "$tmp/$key.time" >"$tmp/$key.rc"
		[ -s "$tmp/$key.rc" ] || echo "$rc" >"$tmp/$key.rc"
	else
		"$@" >"$tmp/$key.out" 2>"$tmp/$key.err" || rc=$?
		echo "$rc" >"$tmp/$key.rc"
	fi
	say "$label: $n timed runs"
	if [ -n "$have_hf" ]; then
		hyperfine --shell=none --style none --ignore-failure --warmup "$warm" --runs "$n" \
			--export-json "$tmp/$key.json" -- "$(quote "$@")" >/dev/null 2>"$tmp/$key.hf" ||
			{ cat "$tmp/$key.hf" >&2; die "hyperfine failed on: $label"; }
		awk '/"times": *\[/ { t = 1; next } t && /\]/ { t = 0; next }
			t { gsub(/[ ,]/, ""); if ($0 != "") printf "%.0f\n", $0 * 1e6 }' "$tmp/$key.json" |
			stats >"$tmp/$key.t" || die "no samples for $label"
		# mean CPU time (user + system), less sensitive to a loaded machine
		awk -F': *' '$1 ~ /"(user|system)"$/ { sub(/,$/, "", $2); c += $2 } END { printf "%.6f\n", c }' \
			"$tmp/$key.json" >"$tmp/$key.cpu"
	else
		: >"$tmp/$key.samples"
		for ((i = 0; i < warm + n; i++)); do
			now_us; t0=$now
			"$@" >/dev/null 2>&1 || :
			now_us
			[ "$i" -lt "$warm" ] || echo $((now - t0)) >>"$tmp/$key.samples"
		done
		stats <"$tmp/$key.samples" >"$tmp/$key.t"
	fi
}

# measure_once KEY LABEL CMD...: one run only, timed with the peak memory
# (a command whose effect a second run would not repeat). The files of
# measure, with RUNS 1.
measure_once() {
	local key=$1 label=$2 rc=0 t0
	shift 2
	keys="$keys $key"
	echo "$label" >"$tmp/$key.label"
	echo 1 >"$tmp/$key.runs"
	say "$label"
	now_us; t0=$now
	if [ -n "$have_time" ]; then
		/usr/bin/time -v -o "$tmp/$key.time" "$@" >"$tmp/$key.out" 2>"$tmp/$key.err" || rc=$?
		awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/$key.time" >"$tmp/$key.rss"
	else
		"$@" >"$tmp/$key.out" 2>"$tmp/$key.err" || rc=$?
	fi
	now_us
	echo "$rc" >"$tmp/$key.rc"
	echo $((now - t0)) | stats >"$tmp/$key.t"
}

# The first line of a probe's output that says what was found.
pincheck_found() {
	grep '^pincheck: ' "$1" | tail -1 | sed 's/^pincheck: //; s/;.*//' || :
}
count_found() { # git grep -c / rg -c: PATH:COUNT lines
	awk -F: '{ n++; s += $NF } END { printf "%d matching lines in %d files\n", s, n }' "$1"
}

measure pc_rev 'pincheck scan --rev HEAD' "$runs" 0 "$pincheck" scan --rev HEAD
pincheck_found "$tmp/pc_rev.out" >"$tmp/pc_rev.found"
measure gg_rev 'git grep -P -I -c PATTERN HEAD' "$runs" 0 git grep -P -I -c "$pcre" HEAD
count_found "$tmp/gg_rev.out" >"$tmp/gg_rev.found"
measure pc_wt 'pincheck scan (working tree)' "$runs" 0 "$pincheck" scan
pincheck_found "$tmp/pc_wt.out" >"$tmp/pc_wt.found"
if [ -n "$have_rg" ]; then
	measure rg_wt 'rg -P -c PATTERN' "$runs" 0 rg -P -c "$pcre"
	count_found "$tmp/rg_wt.out" >"$tmp/rg_wt.found"
fi

# fix: every alias of the working tree rewritten to its pin. --diff does all
# the work and writes nothing, so each run is alike; then one run writes
# the files (the figure a team adopting pincheck waits for), checked
# against what --diff said, and undone.
measure pc_fix 'pincheck fix --diff' "$runs" 0 "$pincheck" fix --diff
pincheck_found "$tmp/pc_fix.err" >"$tmp/pc_fix.found" # the summary is on stderr
measure_once pc_fixw 'pincheck fix (writes, 1 run)' "$pincheck" fix
changed=$(git diff --name-only | wc -l)
echo "$(pincheck_found "$tmp/pc_fixw.out"); git diff: $changed files" >"$tmp/pc_fixw.found"
grep -q "^pincheck: [0-9]* fixed in $changed files*," "$tmp/pc_fixw.out" ||
	say "pincheck fix changed $changed files, not what it reported: $(tail -1 "$tmp/pc_fixw.out")"
git reset -q --hard HEAD

# One staged change: a floating alias appended to one .py file.
target=$(git ls-files -- '*.py' | sed -n '1000p;1000q')
[ -n "$target" ] || target=$(git ls-files -- '*.py' | sed -n 1p)
[ -n "$target" ] || die "no .py file in $dir"
printf '\nmodel = "gpt-4o"\n' >>"$target"
git add -- "$target"
measure pc_hook 'pincheck hook pre-commit' "$hook_runs" 1 "$pincheck" hook pre-commit
pincheck_found "$tmp/pc_hook.err" >"$tmp/pc_hook.found" # the hook reports on stderr
measure gd_hook 'git diff --cached -U0' "$hook_runs" 1 git diff --cached -U0
echo "$(grep -c '^+[^+]' "$tmp/gd_hook.out" || :) added line(s)" >"$tmp/gd_hook.found"
if [ -n "$have_gs" ]; then
	for p in "${ere[@]}"; do
		git secrets --add "$p" || die "git secrets --add '$p' failed"
	done
	measure gs_hook 'git secrets --pre_commit_hook' "$hook_runs" 1 git secrets --pre_commit_hook
	echo "$(grep -c "^$target:" "$tmp/gs_hook.err" || :) matching line(s)" >"$tmp/gs_hook.found"
fi
git reset -q --hard HEAD

# An organisation's inventories: what 1,000 CI jobs of a matrix uploaded,
# merged by one (gen-inventories.awk; the ids are shared by about half of
# the repositories).
mkdir "$tmp/inventories"
LC_ALL=C awk -v dir="$tmp/inventories" -v n=1000 -v models=200 -v pool=400 \
	-f "$here/gen-inventories.awk" || die "gen-inventories.awk failed"
measure pc_merge 'pincheck merge --format json (1,000 inventories of 200 models)' "$runs" 0 \
	"$pincheck" merge --format json "$tmp"/inventories/inv-*.json
sed -n 's/.*"summary": {"models": \([0-9]*\), "inputs": \([0-9]*\)}.*/\1 model ids from \2 inventories/p' \
	"$tmp/pc_merge.out" >"$tmp/pc_merge.found"
# The rule set, in-process: no process start, no repository.
ready_t=""
if [ -x "$ready" ]; then
	say "rule set ready: 101 loads"
	ready_t=$("$ready" 101) || die "$ready failed"
else
	say "no $ready (make bench builds it): the rule set is not timed"
fi

# --- 4. the report ---
now_us; total_s=$(( (now - t_start) / 1000000 ))
# The exit statuses that mean "ran and found something" (or nothing).
expect() {
	case $1 in
	pc_rev|pc_wt) echo "0 1" ;;   # 1: alias findings (the generated tree has some)
	pc_fix|pc_fixw) echo "0 1" ;; # 1: aliases left (no live pin known)
	gg_rev|rg_wt) echo "0 1" ;;   # 1: no match
	pc_hook|gs_hook) echo "1" ;;  # the staged alias must be refused
	pc_merge) echo "0" ;;
	gd_hook) echo "0" ;;
	esac
}
bad=""
for k in $keys; do
	rc=$(cat "$tmp/$k.rc")
	case " $(expect "$k") " in *" $rc "*) ;; *) bad="$bad $k"; say "$(cat "$tmp/$k.label") exited $rc:"; tail -5 "$tmp/$k.err" >&2 ;; esac
done

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || :)
ver() { "$@" 2>/dev/null | awk 'NR == 1 { print $NF }'; }
gsver=$(dpkg-query -W -f='${Version}' git-secrets 2>/dev/null || :)
# shellcheck disable=SC2016 # backquotes in single quotes are Markdown
{
	if [ "$tree" = big ]; then
		echo "### The large repository (\`make bench\`, bench/run.sh)"
	else
		echo "### The small repository (\`make bench\`, BENCH_TREE=small bench/run.sh)"
	fi
	echo
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; $(uname -sr)"
	echo "- software: $("$pincheck" version 2>/dev/null | awk "NR == 1"), git $(ver git --version)$([ -n "$have_rg" ] && echo ", ripgrep $(rg --version 2>/dev/null | awk 'NR == 1 { print $2 }')")$([ -n "$have_gs" ] && echo ", git-secrets ${gsver:-?}")$([ -n "$have_hf" ] && echo ", hyperfine $(ver hyperfine --version)")"
	awk -v f="$files" -v s="$bytes" -v b="$binaries" -v p="$pack_mib" -v d="$dir" -v sc="$scale" -v n="$nfiles" -v g="$gen" -v t="$tree" 'BEGIN {
		printf "- repository: `%s` (bench/%s): %d files (%d binary), %.2f GiB, 1 commit, pack %d MiB", d, g, f, b, s / 1073741824, p
		if (sc != 1 || n != (t == "big" ? 100000 : 10000)) printf "; **scaled: %d files at scale %s, not the size of the target**", n, sc
		printf "\n" }'
	echo "- timing: $([ -n "$have_hf" ] && echo "hyperfine --shell=none" || echo "a bash loop on \$EPOCHREALTIME"); each command runs once first (exit status, peak memory with \`/usr/bin/time -v\`, page cache warm), then $runs timed runs of each scan and 1 warm-up + $hook_runs timed runs of each hook"
	echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: the CPU column is less sensitive to it than wall time)"
	echo "- hook change: 1 staged file (\`$target\`, +1 line \`model = \"gpt-4o\"\`); git-secrets has ${#ere[@]} ERE patterns of the same shapes"
	if [ -n "$gen_s" ]; then
		echo "- wall time of this run: ${total_s} s, generation of the repository ${gen_s} s included (budget ${budget} s: $([ "$total_s" -le "$budget" ] && echo within || echo "**over**; lower BENCH_SCALE"))"
	else
		echo "- wall time of this run: ${total_s} s, with the repository reused (budget ${budget} s: $([ "$total_s" -le "$budget" ] && echo within || echo "**over**"))"
	fi
	echo
	echo "| command | runs | median | min | max | mean CPU | peak RSS | exit | found |"
	echo "|---|--:|--:|--:|--:|--:|--:|--:|---|"
	for k in $keys; do
		read -r med mn mx <"$tmp/$k.t"
		rss=$(cat "$tmp/$k.rss" 2>/dev/null || :)
		awk -v l="$(cat "$tmp/$k.label")" -v n="$(cat "$tmp/$k.runs")" -v m="$med" -v a="$mn" -v b="$mx" \
			-v c="$(cat "$tmp/$k.cpu" 2>/dev/null)" \
			-v r="$rss" -v rc="$(cat "$tmp/$k.rc")" -v f="$(cat "$tmp/$k.found" 2>/dev/null)" '
			function t(x) { return x < 1 ? sprintf("%.1f ms", x * 1000) : sprintf("%.2f s", x) }
			BEGIN { printf "| `%s` | %d | %s | %s | %s | %s | %s | %s | %s |\n", l, n, t(m), t(a), t(b),
				c == "" ? "n/a" : t(c), r == "" ? "n/a" : sprintf("%.1f MiB", r / 1024), rc, f }'
	done
	echo
	echo "| comparison | pincheck | other | ratio pincheck/other | CPU ratio | target | met |"
	echo "|---|--:|--:|--:|--:|---|---|"
	cmp_row() { # NAME PC_KEY OTHER_KEY MAX_RATIO TARGET_TEXT TOOL
		if [ ! -s "$tmp/$3.t" ]; then
			echo "| $1 | | | | | $5 | skipped: $6 not installed |"
			return
		fi
		awk -v name="$1" -v p="$(cut -d' ' -f1 "$tmp/$2.t")" -v o="$(cut -d' ' -f1 "$tmp/$3.t")" -v lim="$4" -v tt="$5" \
			-v pc="$(cat "$tmp/$2.cpu" 2>/dev/null)" -v oc="$(cat "$tmp/$3.cpu" 2>/dev/null)" \
			-v ok="$(case " $bad " in *" $2 "*|*" $3 "*) echo 0 ;; *) echo 1 ;; esac)" '
			function t(x) { return x < 1 ? sprintf("%.1f ms", x * 1000) : sprintf("%.2f s", x) }
			BEGIN { r = p / o
				printf "| %s | %s | %s | %.2f× | %s | %s | %s |\n", name, t(p), t(o), r,
					pc == "" || oc + 0 == 0 ? "n/a" : sprintf("%.2f×", pc / oc), tt,
					!ok ? "invalid (unexpected exit status)" : r <= lim ? "yes" : "**no**" }'
	}
	cmp_row '`scan --rev HEAD` vs `git grep -P -I`' pc_rev gg_rev 1.0 'ratio ≤ 1.00 (at least as fast)' git
	cmp_row 'working-tree `scan` vs `rg -P`' pc_wt rg_wt 1.0 'ratio ≤ 1.00' 'ripgrep (Debian `ripgrep`)'
	cmp_row '`hook pre-commit` vs `git diff --cached -U0`' pc_hook gd_hook 2.0 'ratio ≤ 2.00' git
	cmp_row '`hook pre-commit` vs `git secrets --pre_commit_hook`' pc_hook gs_hook 1.0 'ratio ≤ 1.00' 'git-secrets (Debian `git-secrets`)'
	if [ -n "$ready_t" ]; then
		echo "$ready_t" | awk '{ printf "| rule set ready (load + compile, in-process; median, min of 101) | %.2f ms | | | | ≤ 3 ms | %s |\n",
			$1, $1 <= 3 ? "yes" : "**no**" }'
	else
		echo "| rule set ready | | | | | ≤ 3 ms | skipped: no bench-ready (\`make bench\` builds it) |"
	fi
	if [ -n "$have_time" ]; then
		for k in pc_rev pc_wt pc_hook pc_fix pc_fixw; do echo "$(cat "$tmp/$k.rss") $(cat "$tmp/$k.label")"; done |
			sort -n | tail -1 | awk '{ kb = $1; $1 = ""; sub(/^ /, "")
				printf "| peak memory, largest pincheck run (`%s`) | %.1f MiB | | | | < 64 MiB | %s |\n",
					$0, kb / 1024, kb < 65536 ? "yes" : "**no**" }'
	else
		echo "| peak memory | | | | | < 64 MiB | skipped: /usr/bin/time (Debian \`time\`) not installed |"
	fi
} >"$tmp/report.md"

cat "$tmp/report.md"
# RESULTS.md holds the latest report of each tree, between markers of its
# own (the large tree first); README.md shows the same between its two.
{
	echo "# Latest \`make bench\` results"
	echo
	echo "Written by \`bench/run.sh\`, one section a repository; see bench/README.md for what each line means."
	for t in big small; do
		if [ "$t" = "$tree" ]; then
			printf '\n<!-- tree:%s -->\n' "$t"
			cat "$tmp/report.md"
			printf '<!-- /tree:%s -->\n' "$t"
		elif [ -f "$results" ]; then
			awk -v t="$t" '$0 == "<!-- tree:" t " -->" { print ""; p = 1 } p { print } $0 == "<!-- /tree:" t " -->" { p = 0 }' "$results"
		fi
	done
} >"$tmp/results"
cat "$tmp/results" >"$results"
say "written to $results"
readme=$top/README.md
if grep -q '^<!-- bench:begin' "$readme" && grep -q '^<!-- bench:end' "$readme"; then
	awk -v r="$tmp/results" '
		/^<!-- bench:begin/ { print; while ((getline l < r) > 0) if (body || l ~ /^<!-- tree:/) { body = 1; print l }; skip = 1; next }
		/^<!-- bench:end/ { skip = 0 }
		!skip' "$readme" >"$tmp/readme" && cat "$tmp/readme" >"$readme" && say "tables updated in $readme"
fi
[ -z "$bad" ] || die "unexpected exit status from:$bad"
