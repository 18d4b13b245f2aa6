#!/bin/sh
# t0030: the manual pages man/pincheck.1 and man/pincheck.yml.5 (mdoc): they
# render without a warning (mandoc -T lint, man -l), pincheck(1) describes
# every command and option the binary's usage text names, pincheck.yml(5)
# every key the configuration and rule-file parsers accept and its examples
# are accepted by pincheck, and `make install` puts both where man finds
# them.
. "$(dirname "$0")/lib.sh"
. "$E2E_DIR/lib-usage.sh"

top=$(cd "$E2E_DIR/../.." && pwd -P)
page1=$top/man/pincheck.1
page5=$top/man/pincheck.yml.5
build=${PC_BUILD:-$(dirname "$PINCHECK")}

command -v mandoc >/dev/null 2>&1 && test_set_prereq MANDOC
command -v man >/dev/null 2>&1 && test_set_prereq MAN
command -v make >/dev/null 2>&1 && test_set_prereq MAKE

# render PAGE: the page as plain text, one line per output line (mandoc,
# else man-db's man; wide, so that no option is broken across lines).
render () {
	if command -v mandoc >/dev/null 2>&1; then
		mandoc -T ascii -O width=200 "$1" | col -bx
	else
		MANWIDTH=200 man -l "$1" 2>/dev/null | col -bx
	fi
}
if command -v mandoc >/dev/null 2>&1 || command -v man >/dev/null 2>&1; then
	test_set_prereq RENDER
fi

# has_word FILE WORD: FILE holds WORD as a whole token (not inside a
# longer option or word).
has_word () {
	grep -q -E -e "(^|[^A-Za-z0-9_-])$2([^A-Za-z0-9_-]|\$)" "$1"
}

# literal_after PAGE LINE: the first literal display (.Bd -literal .. .Ed)
# after the line LINE of PAGE, with roff's \e read as a backslash.
literal_after () {
	awk -v want="$2" '
		$0 == want { f = 1; next }
		f == 1 && /^\.Bd -literal/ { f = 2; next }
		f == 2 && /^\.Ed/ { exit }
		f == 2 { gsub(/\\e/, "\\"); print }
	' "$1"
}

# install_to DESTDIR: `make install DESTDIR=DESTDIR PREFIX=/usr` of the
# build under test, which is never rebuilt here (-o), whatever make runs the
# tests (its MAKEFLAGS are not passed on).
install_to () {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$top" BUILD="$build" -o "$build/pincheck" install \
		DESTDIR="$1" PREFIX=/usr >"$TRASH/.make.out" 2>&1 || {
		cat "$TRASH/.make.out"
		return 1
	}
}

test_expect_success MANDOC 'mandoc -T lint finds nothing of warning level in either page' '
	mandoc -T lint -W warning "$page1" "$page5" >lint.out 2>&1 &&
	{ ! test -s lint.out || { cat lint.out; false; }; }
'

test_expect_success MAN 'man -l renders each page, groff warnings on, without a warning' '
	for p in "$page1" "$page5"; do
		MANWIDTH=80 man --warnings -l "$p" >page.txt 2>warn.txt &&
		grep -q "^NAME" page.txt && grep -q "^SYNOPSIS\|^DESCRIPTION" page.txt &&
		{ ! test -s warn.txt || { echo "man -l $p warned:"; cat warn.txt; false; }; } || return 1
	done
'

test_expect_success RENDER 'pincheck(1) describes every option the binary names' '
	render "$page1" >page.txt &&
	usage_all_options >options &&
	n=$(wc -l <options) &&
	echo "$n options in the usage text" &&
	test "$n" -ge 20 &&
	missing= &&
	for o in $(cat options); do
		has_word page.txt "$o" || missing="$missing $o"
	done &&
	{ test -z "$missing" || { echo "not in pincheck.1:$missing"; false; }; }
'

test_expect_success RENDER 'pincheck(1) describes every command, hook and subcommand, format and colour' '
	render "$page1" >page.txt &&
	usage_commands >commands &&
	test "$(wc -l <commands)" -ge 8 &&
	missing= &&
	for c in $(cat commands); do
		grep -q -E "^\.It Cm $c( |\$)" "$page1" || missing="$missing $c"
		for s in $(usage_subcommands "$c"); do
			has_word page.txt "$s" || missing="$missing $c:$s"
		done
	done &&
	for v in $(usage_values --format) $(usage_values --color); do
		grep -q -E "^\.It Cm $v( |\$)|^\.Cm $v( |\$)" "$page1" || missing="$missing $v"
	done &&
	{ test -z "$missing" || { echo "not in pincheck.1:$missing"; false; }; }
'

test_expect_success RENDER 'pincheck(1) has the sections a manual page needs, exit status as the binary says' '
	render "$page1" >page.txt &&
	for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS ENVIRONMENT FILES "EXIT STATUS" EXAMPLES "SEE ALSO"; do
		grep -q "^$s\$" page.txt || { echo "no section $s"; return 1; }
	done &&
	"$PINCHECK" help | sed -n "s/^exit status: //p" | tr "," "\n" | sed -n "s/^ *\([0-9]\) .*/\1/p" >codes &&
	test "$(wc -l <codes)" = 4 &&
	sed -n "/^EXIT STATUS/,/^EXAMPLES/p" page.txt >exit.txt &&
	for c in $(cat codes); do
		grep -q "^ *$c  *[A-Z]" exit.txt || { echo "exit status $c not described"; cat exit.txt; return 1; }
	done
'

test_expect_success 'pincheck.yml(5) has an item for every key the parsers accept' '
	# Each `keys[] = { "a", "b", ..., NULL }` table of the configuration
	# (src/check/config.c) and rule-file (src/match/rules.c) parsers.
	for f in "$top/src/check/config.c" "$top/src/match/rules.c"; do
		awk "/keys\\[\\] = \\{/ { f = 1 } f { print } f && /NULL \\}/ { f = 0 }" "$f"
	done | grep -o "\"[a-z_]*\"" | tr -d "\"" | sort -u >keys &&
	n=$(wc -l <keys) &&
	echo "$n keys" &&
	test "$n" -ge 30 &&
	missing= &&
	for k in $(cat keys); do
		grep -q -E "^\.It Ic $k\$" "$page5" || missing="$missing $k"
	done &&
	{ test -z "$missing" || { echo "no .It Ic item in pincheck.yml.5:$missing"; false; }; }
'

test_expect_success RENDER 'pincheck.yml(5) names every finding kind, as severity keys' '
	render "$page5" >page.txt &&
	awk "/kind_names\\[.*\\] = \\{/ { f = 1 } f { print } f && /\\};/ { exit }" "$top/src/check/config.c" | grep -o "\"[a-z-]*\"" | tr -d "\"" >kinds &&
	test "$(wc -l <kinds)" -ge 8 &&
	for k in $(cat kinds); do
		grep -q -e "$k: [a-z]" page.txt || { echo "kind $k not in severity"; return 1; }
	done
'

test_expect_success 'the examples of pincheck.yml(5) are a configuration and a rule file pincheck accepts' '
	literal_after "$page5" "A configuration:" >config.yml &&
	grep -q "^version: 1" config.yml &&
	run_pincheck --config config.yml rules list && expect_rc 0 &&
	grep_stdout_F "acme-gateway-alias" &&
	grep_stdout "^  openai-gpt-alias .*(disabled)" &&
	literal_after "$page5" "A rule file:" >openai.yml &&
	run_pincheck rules test openai.yml && expect_rc 0 &&
	grep_stdout_F "openai-gpt-4o-alias"
'

test_expect_success MAKE 'make install DESTDIR=... PREFIX=/usr puts the pages under share/man' '
	install_to "$TEST_DIR/dest" &&
	man=$TEST_DIR/dest/usr/share/man &&
	cmp "$page1" "$man/man1/pincheck.1" &&
	cmp "$page5" "$man/man5/pincheck.yml.5" &&
	test -x "$TEST_DIR/dest/usr/bin/pincheck" &&
	! test -x "$man/man1/pincheck.1"
'

test_expect_success MAN 'man finds both installed pages by name in that tree' '
	install_to "$TEST_DIR/dest" &&
	man=$TEST_DIR/dest/usr/share/man &&
	test "$(MANPATH=$man man -w 1 pincheck)" = "$man/man1/pincheck.1" &&
	test "$(MANPATH=$man man -w 5 pincheck.yml)" = "$man/man5/pincheck.yml.5" &&
	MANPATH=$man MANWIDTH=80 man 5 pincheck.yml 2>/dev/null | grep -q "allow_policy_changes"
'

test_done
