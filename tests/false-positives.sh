#!/bin/sh
# false-positives.sh: the built-in rules must find nothing in a large body of
# ordinary code that mentions no models: the system's C headers, the Python
# standard library, the Perl library and the packages' documentation. Every
# rule runs on every file (keywords permitting), so a pattern that is too loose
# (a short id, a Docker-like name:latest, an org/name path) shows up here.
#
# Passes when at least MIN_FILES text files were scanned and `pincheck pins`
# (which lists every reference, of every class) reports none. On failure it
# prints each reported model with its rule and locations. Fails, never skips,
# when the machine has too few files to say anything.
#
# Speaks TAP. Needs only sh, find, awk, sed and grep (python3 only if present,
# to find its standard library). PINCHECK is the binary (tests/run.sh sets it).
top=$(cd "$(dirname "$0")/.." && pwd)
PINCHECK=${PINCHECK:-$top/build/pincheck}
MIN_FILES=${MIN_FILES:-5000}

echo "1..3"
if [ ! -x "$PINCHECK" ]; then
	echo "not ok 1 - pincheck binary at $PINCHECK"
	echo "not ok 2 - pincheck not run"
	echo "not ok 3 - pincheck not run"
	exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
: >"$tmp/dirs"

# add PATH: one corpus directory (or file), once (by its physical path), if
# it exists.
add() {
	if [ -d "$1" ]; then
		p=$(cd "$1" 2>/dev/null && pwd -P) || return 0
	elif [ -f "$1" ] && [ ! -L "$1" ]; then
		p=$(cd "$(dirname "$1")" 2>/dev/null && pwd -P)/${1##*/} || return 0
	else
		return 0
	fi
	grep -qxF "$p" "$tmp/dirs" || printf '%s\n' "$p" >>"$tmp/dirs"
}
# add_stdlib DIR: a Python standard library without its third-party packages.
add_stdlib() {
	[ -d "$1" ] || return 0
	for e in "$1"/*; do
		case ${e##*/} in site-packages | dist-packages | __pycache__ | *.py[co]) continue ;; esac
		add "$e"
	done
}

add /usr/include
for d in /usr/lib/gcc/*/*/include; do add "$d"; done
for d in /usr/lib/python3.[0-9]*; do add_stdlib "$d"; done
if command -v python3 >/dev/null 2>&1; then
	add_stdlib "$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])' 2>/dev/null)"
fi
for d in /usr/share/perl /usr/share/perl5 /usr/lib/*-linux-gnu*/perl /usr/lib/*-linux-gnu*/perl5 \
	/usr/lib/*-linux-gnu*/perl-base /usr/share/doc; do
	add "$d"
done

# Text files as pincheck reads them: regular files (symlinks are not
# followed), minus the binary kinds these trees hold (pincheck skips a file
# with a NUL byte in its first 8000 bytes; these suffixes cover that here).
set --
while IFS= read -r d; do set -- "$@" "$d"; done <"$tmp/dirs"
files=0
if [ $# -gt 0 ]; then
	files=$(find "$@" -type f ! -path '*/__pycache__/*' ! -name '*.py[co]' ! -name '*.so' \
		! -name '*.so.*' ! -name '*.[ao]' ! -name '*.gz' ! -name '*.xz' ! -name '*.bz2' \
		! -name '*.zst' ! -name '*.zip' ! -name '*.png' ! -name '*.gif' ! -name '*.jpg' \
		! -name '*.ico' ! -name '*.wav' ! -name '*.exe' ! -name '*.mo' ! -name '*.whl' \
		! -name '*.pickle' ! -name '*.db' 2>/dev/null | wc -l)
	files=$((files + 0))
fi
if [ "$files" -ge "$MIN_FILES" ]; then
	echo "ok 1 - corpus of $files files (at least $MIN_FILES) under $# paths"
else
	echo "not ok 1 - corpus of $files files, fewer than $MIN_FILES, in $# paths:"
	sed -e 's/^/#   /' "$tmp/dirs"
fi

# Outside any repository, so pincheck scans the directories as plain files.
mkdir "$tmp/cwd"
if command -v git >/dev/null 2>&1 && (cd "$tmp/cwd" && git rev-parse --git-dir >/dev/null 2>&1); then
	echo "not ok 2 - scratch directory $tmp/cwd is inside a git repository (set TMPDIR)"
	echo "not ok 3 - corpus not scanned"
	exit 1
fi
(cd "$tmp/cwd" && "$PINCHECK" --format json pins "$@") >"$tmp/out.json" 2>"$tmp/err"
rc=$?
if [ "$rc" -gt 1 ] || ! grep -q '"models"' "$tmp/out.json"; then
	echo "not ok 2 - pincheck --format json pins exited $rc"
	sed -e 's/^/# /' "$tmp/err" | head -20
	echo "not ok 3 - corpus not scanned"
	exit 1
fi
echo "ok 2 - pincheck --format json pins ran over the corpus (exit $rc)"

# One model per line in pins JSON: MODEL (CLASS, RULE): PATH:LINE:COL ...
awk '/"model"[ \t]*:/ {
	line = $0
	m = line; sub(/.*"model"[ \t]*:[ \t]*"/, "", m); sub(/".*/, "", m)
	c = line; sub(/.*"class"[ \t]*:[ \t]*"/, "", c); sub(/".*/, "", c)
	r = line; sub(/.*"rule"[ \t]*:[ \t]*"/, "", r); sub(/".*/, "", r)
	out = m " (" c ", " r "):"
	rest = line
	while (match(rest, /"path"[ \t]*:[ \t]*"[^"]*", "line": [0-9]+, "column": [0-9]+/)) {
		s = substr(rest, RSTART, RLENGTH)
		rest = substr(rest, RSTART + RLENGTH)
		p = s; sub(/^"path"[ \t]*:[ \t]*"/, "", p); sub(/".*/, "", p)
		l = s; sub(/.*"line": /, "", l); sub(/,.*/, "", l)
		k = s; sub(/.*"column": /, "", k)
		out = out " " p ":" l ":" k
	}
	print out
}' "$tmp/out.json" >"$tmp/found"
n=$(awk 'END { print NR }' "$tmp/found")
if [ "$n" -eq 0 ]; then
	echo "ok 3 - no model references in $files files of ordinary code"
	[ "$files" -ge "$MIN_FILES" ]
	exit $?
fi
echo "not ok 3 - $n model ids reported in ordinary code (false positives)"
sed -e 's/^/#   /' "$tmp/found"
exit 1
