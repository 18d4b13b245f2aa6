#!/bin/sh
# docs.sh: what the project's Markdown documents point to exists in the
# repository (TAP), so that a reader never follows a dead reference:
#  - every relative link `[text](path)` of README.md and docs/*.md resolves
#    (a `#anchor` is cut off; http:, https:, mailto: links are not followed);
#  - every repository path README.md names in its prose or in a one-word
#    inline code span (outside fenced blocks, which hold examples of users'
#    files, and commands): a name
#    whose first folder is one of this repository's (`bench/README.md`,
#    `tests/fuzz/fuzz_NAME.c`, with NAME and PROVIDER read as any name),
#    and every bare `NAME.md` or `NAME.sh`;
#  - "SPEC" is named only if SPEC.md exists.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
n=0
fail() { n=$((n + 1)); echo "not ok $n - $1"; }
pass() { n=$((n + 1)); echo "ok $n - $1"; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# The repository's files and top folders (also before they are committed).
{ git ls-files 2>/dev/null; find . -path ./.git -prune -o -type f -print | sed 's|^\./||'; } |
	grep -v '^build' | sort -u >"$tmp/files"
sed -n 's|/.*||p' "$tmp/files" | sort -u >"$tmp/dirs"

# prose FILE: FILE without its fenced code blocks (CommonMark: a run of 3
# or more ` or ~ indented at most 3 blanks, whose info string holds no `,
# closed by a run of the same character at least as long) and one-line HTML
# comments.
prose() {
	awk '
	!fence && match($0, /^ ? ? ?(```+|~~~+)/) {
		run = substr($0, RSTART, RLENGTH); sub(/^ */, "", run)
		rest = substr($0, RSTART + RLENGTH)
		if (substr(run, 1, 1) != "`" || index(rest, "`") == 0) {
			fence = run; next
		}
	}
	fence != "" {
		line = $0; sub(/^ */, "", line); sub(/ *$/, "", line)
		c = substr(fence, 1, 1)
		if (length(line) >= length(fence) && line ~ ("^[" c "]+$")) fence = ""
		next
	}
	{ print }
	' "$1" | sed -e 's/<!--.*-->//g'
}

# no_code, one_word_code: standard input without its inline code spans, or
# without those of more than one word (a line's text between backticks, in
# pairs).
no_code() {
	awk -F '`' '{ l = ""; for (i = 1; i <= NF; i += 2) l = l " " $i; print l }'
}
one_word_code() {
	awk -F '`' '{
		l = ""
		for (i = 1; i <= NF; i++)
			if (i % 2 || $i !~ / /) l = l " " $i
		print l
	}'
}

# exists PATH-OR-GLOB: a file or folder of the repository matches it.
exists() {
	p=$(printf '%s' "$1" | sed -e 's/NAME/*/g' -e 's/PROVIDER/*/g' -e 's|/$||')
	# shellcheck disable=SC2086 # the glob is the point
	for m in $p; do
		[ -e "$m" ] && return 0
	done
	return 1
}

for doc in README.md docs/*.md; do
	[ -f "$doc" ] || continue
	dir=$(dirname "$doc")
	links=0
	bad=
	for target in $(prose "$doc" | no_code | grep -o '][(][^)]*)' | sed -e 's/^](//' -e 's/)$//' -e 's/ .*//'); do
		case $target in
		http:* | https:* | mailto:* | '#'*) continue ;;
		esac
		links=$((links + 1))
		path=${target%%#*}
		[ -e "$dir/$path" ] || bad="$bad $target"
	done
	if [ -z "$bad" ]; then
		pass "$doc: its $links relative links resolve"
	else
		fail "$doc: links to what does not exist:$bad"
	fi
done

# The paths README.md names: words of its prose made of path characters
# with a '/', whose first folder is one of the repository's, and bare
# NAME.md / NAME.sh names. An inline code span of several words is a command
# (`cp CRASH tests/fuzz/corpus/scan/what-it-was` names a file to create),
# not a reference, and is left out; links skip every code span.
names=0
bad=
for w in $(prose README.md | one_word_code | tr -s ' `()[],;:"'"'" '\n\n\n\n\n\n\n\n\n\n' |
	grep -E '^\.?/?[A-Za-z0-9_.*-]+(/[A-Za-z0-9_.*-]*)+$|^[A-Za-z0-9_-]+\.(md|sh)$' |
	sed -e 's|^\./||' -e 's|\.$||' | sort -u); do
	case $w in
	*/*) grep -q -x -F -e "${w%%/*}" "$tmp/dirs" || continue ;;
	esac
	names=$((names + 1))
	exists "$w" || bad="$bad $w"
done
if [ -z "$bad" ]; then
	pass "README.md: the $names repository paths it names exist"
else
	fail "README.md names what the repository does not have:$bad"
fi

if [ -e SPEC.md ] || ! prose README.md | grep -q -w 'SPEC'; then
	pass "README.md names SPEC only if SPEC.md exists"
else
	fail "README.md refers to SPEC, but the repository has no SPEC.md: $(grep -n -w SPEC README.md | head -3)"
fi

echo "1..$n"
