#!/bin/sh
# layout.sh: the structure README "Layout" promises, checked on the source
# itself (TAP):
#  - the library's tiers, lowest first: util lex match source check report,
#    then cli. A file includes pincheck headers of its own tier or lower
#    ones only (a header's tier is its .c file's folder);
#  - a command file (src/cli/cmd_*.c) exports only its cmd_* entry points,
#    calls no other command file's function, and stays under 200 lines.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
tiers="util lex match source check report cli"
n=0
fail() { n=$((n + 1)); echo "not ok $n - $1"; }
pass() { n=$((n + 1)); echo "ok $n - $1"; }

rank() { # TIER -> its position
	i=0
	for t in $tiers; do
		[ "$t" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo 99
}

# The tier of include/pincheck/NAME.h: the folder of src/*/NAME.c; the
# headers with no .c of their own are named here.
header_tier() {
	case $1 in
	common|limits|embedded) echo util; return ;;
	esac
	f=$(ls src/*/"$1".c 2>/dev/null | head -n 1)
	if [ -n "$f" ]; then
		basename "$(dirname "$f")"
	else
		echo unknown
	fi
}

# Every header has a tier.
for h in include/pincheck/*.h; do
	name=$(basename "$h" .h)
	t=$(header_tier "$name")
	if [ "$t" = unknown ]; then
		fail "include/pincheck/$name.h belongs to no tier (no src/*/$name.c)"
	fi
done

# Includes go down the tiers, never up.
check_includes() { # FILE TIER
	r=$(rank "$2")
	bad=
	for inc in $(sed -n 's/^#include "\(pincheck\/\)\{0,1\}\([a-z_]*\)\.h".*/\2/p' "$1"); do
		case $inc in *_internal|cli) continue ;; esac
		it=$(header_tier "$inc")
		[ "$(rank "$it")" -le "$r" ] || bad="$bad $inc.h($it)"
	done
	if [ -n "$bad" ]; then
		fail "$1 ($2) includes a higher tier:$bad"
	else
		pass "$1 includes only its tier and lower ones"
	fi
}
for t in $tiers; do
	for f in src/"$t"/*.[ch]; do
		[ -f "$f" ] && check_includes "$f" "$t"
	done
done
for h in include/pincheck/*.h; do
	check_includes "$h" "$(header_tier "$(basename "$h" .h)")"
done

# Every .c file of the library sits in a tier folder.
for f in src/*.c; do
	[ -f "$f" ] && fail "$f is in no tier folder"
done

# Command files: entry points only, no calls across, under 200 lines.
defs() { # FILE -> names of the functions it defines without static
	awk '
	/^[A-Za-z_]/ && !/^static/ && !/^(typedef|struct|enum|union)/ { sig = $0 }
	/^static/ { sig = "" }
	/^\{/ && sig != "" {
		s = sig; sub(/\(.*/, "", s); n = split(s, w, /[ *]+/); print w[n]; sig = ""
	}' "$1"
}
for f in src/cli/cmd_*.c; do
	[ -f "$f" ] || continue
	lines=$(wc -l <"$f")
	if [ "$lines" -le 200 ]; then
		pass "$f has $lines lines (at most 200)"
	else
		fail "$f has $lines lines (at most 200)"
	fi
	other=$(defs "$f" | grep -v '^cmd_' | tr '\n' ' ')
	if [ -n "$other" ]; then
		fail "$f exports more than its commands: $other"
	else
		pass "$f exports only its commands"
	fi
done
# No file of src/cli/ calls a function of a command file; main.c's command
# table names each command's entry point, and that is all.
for f in src/cli/*.c; do
	calls=
	for g in src/cli/cmd_*.c; do
		[ "$g" = "$f" ] && continue
		for fn in $(defs "$g"); do
			case $f:$fn in src/cli/main.c:cmd_*) continue ;; esac
			grep -q "\\b$fn\\b" "$f" && calls="$calls $fn ($g)"
		done
	done
	if [ -n "$calls" ]; then
		fail "$f uses functions of command files:$calls"
	else
		pass "$f uses no function of another command file"
	fi
done
echo "1..$n"
