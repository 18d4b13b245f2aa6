#!/bin/sh
# t0031: the shell completions (completions/): bash's completes commands,
# options, --format values (also as --format=VALUE), hook names, rule ids
# from `pincheck rules list` and files, and offers every command and option
# the binary's usage text names; zsh's and fish's parse, and complete the
# same when those shells are installed; `make install` puts all three where
# bash-completion, Debian's zsh and fish look.
. "$(dirname "$0")/lib.sh"
. "$E2E_DIR/lib-usage.sh"

top=$(cd "$E2E_DIR/../.." && pwd -P)
comp=$top/completions
build=${PC_BUILD:-$(dirname "$PINCHECK")}

command -v bash >/dev/null 2>&1 && test_set_prereq BASH
command -v zsh >/dev/null 2>&1 && test_set_prereq ZSH
command -v fish >/dev/null 2>&1 && test_set_prereq FISH
command -v make >/dev/null 2>&1 && test_set_prereq MAKE
# zsh's completion is driven in a pseudo-terminal, under a time limit.
if command -v zsh >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1 &&
	zsh -f -c 'zmodload zsh/zpty' 2>/dev/null; then
	test_set_prereq ZSH_PTY
fi

# bash_complete WORD...: the completions bash offers for the command line
# WORD... (the last word is the one being completed; "" for a new word),
# one a line, from completions/pincheck.bash alone (no bash-completion
# package): _pincheck called as `complete -F` calls it.
bash_complete () {
	bash --norc --noprofile -c '
		. "$1" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_pincheck pincheck "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" || exit 1
		printf "%s\n" "${COMPREPLY[@]}"
	' bash "$comp/pincheck.bash" "$PINCHECK" "$@"
}

# expect_only FILE WORD...: FILE holds exactly the lines WORD..., in any order.
expect_only () {
	_f=$1
	shift
	printf '%s\n' "$@" | sort >"$TRASH/.want"
	sort "$_f" >"$TRASH/.got"
	cmp -s "$TRASH/.want" "$TRASH/.got" || {
		echo "expected:"
		cat "$TRASH/.want"
		echo "got:"
		cat "$TRASH/.got"
		return 1
	}
}

# expect_all WANT-FILE GOT-FILE: every line of WANT-FILE is a line of GOT-FILE.
expect_all () {
	_missing=$(sort -u "$1" | comm -23 - "$(sort -u "$2" >"$TRASH/.got"; echo "$TRASH/.got")")
	test -z "$_missing" || {
		echo "not offered:" $_missing
		return 1
	}
}

test_expect_success BASH 'bash: a command, from its first letters' '
	bash_complete sc >got && expect_only got scan &&
	bash_complete pi >got && expect_only got pins &&
	bash_complete -j 2 --format json dr >got && expect_only got drill
'

test_expect_success BASH 'bash: a --format value, after the option, after = and within --format=' '
	bash_complete scan --format j >got && expect_only got json &&
	bash_complete --format m >got && expect_only got markdown &&
	bash_complete --format = s >got && expect_only got sarif &&
	bash_complete --format=g >got && expect_only got --format=github &&
	bash_complete check --format "" >got &&
	usage_values --format >formats &&
	test "$(wc -l <formats)" -ge 6 &&
	expect_all formats got && expect_all got formats &&
	bash_complete --color "" >got &&
	usage_values --color >colors && expect_all colors got && expect_all got colors
'

test_expect_success BASH 'bash: every command of `pincheck help`, and after help' '
	usage_commands >commands &&
	test "$(wc -l <commands)" -ge 8 &&
	bash_complete "" >got && expect_all commands got && expect_all got commands &&
	bash_complete help "" >got && expect_all commands got
'

test_expect_success BASH 'bash: every option the binary names, global and each command'"'"'s' '
	usage_options >globals &&
	n=$(wc -l <globals) &&
	bash_complete - >got && expect_all globals got &&
	for c in $(usage_commands); do
		usage_options "$c" >opts &&
		n=$((n + $(wc -l <opts))) &&
		bash_complete "$c" - >got &&
		expect_all opts got && expect_all globals got || { echo "after $c"; return 1; }
	done &&
	echo "$n option spellings checked" &&
	test "$n" -ge 25
'

test_expect_success BASH 'bash: each subcommand a usage line names (hooks, rules, baseline)' '
	for c in $(usage_commands); do
		usage_subcommands "$c" >subs &&
		if test -s subs; then
			bash_complete "$c" "" >got && expect_all subs got || { echo "after $c"; return 1; }
		fi
	done &&
	bash_complete hook pre-m >got && expect_only got pre-merge-commit
'

test_expect_success BASH 'bash: rule ids from `pincheck rules list`, files and revisions' '
	new_repo_with_commit r --no-install &&
	git tag v1.2 &&
	printf "$alias_line" >app.py &&
	bash_complete rules show openai-gpt-al >got && expect_only got openai-gpt-alias &&
	bash_complete scan ap >got && expect_only got app.py &&
	bash_complete hook commit-msg RE >got && expect_only got README.md &&
	bash_complete scan --rev v1 >got && expect_only got v1.2 &&
	bash_complete --config=ap >got && expect_only got --config=app.py
'

test_expect_success BASH 'bash: with the completion sourced, `complete -p` names _pincheck for pincheck' '
	bash --norc --noprofile -c ". \"\$1\" && complete -p pincheck" bash "$comp/pincheck.bash" >got &&
	grep -q -e "-F _pincheck pincheck" got
'

# zsh_complete LINE: what zsh's completion system lists for LINE<TAB>, in a
# pseudo-terminal (zsh/zpty) running `zsh -f -i` with completions/ in
# $fpath, with escape sequences and carriage returns removed.
zsh_complete () {
	cat >"$TRASH/.zc.zsh" <<-\EOF_ZSH
	zmodload zsh/zpty || exit 1
	zpty z "zsh -f -i"
	zpty -w z "PROMPT='> '; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D; PATH=$2:\$PATH; zstyle ':completion:*' list-prompt ''; LISTMAX=10000; print SETUP-\$((1+1))"
	zpty -r z out '*SETUP-2*> *' || exit 1
	zpty -w -n z "$3"$'\t'
	zpty -w z $'\C-u print END-$((2+2))'
	zpty -r z out '*END-4*' || exit 1
	print -r -- "$out"
	zpty -d z
	EOF_ZSH
	timeout 60 zsh -f "$TRASH/.zc.zsh" "$comp" "$(dirname "$PINCHECK")" "$1" |
		tr -d '\r' | sed -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g'
}

test_expect_success ZSH 'zsh: _pincheck parses (zsh -n) and names every option the binary names' '
	zsh -n "$comp/_pincheck" &&
	head -n 1 "$comp/_pincheck" | grep -q "^#compdef pincheck" &&
	usage_all_options >options &&
	for o in $(cat options) $(usage_commands) $(usage_values --format); do
		grep -q -e "$o" "$comp/_pincheck" || { echo "not in _pincheck: $o"; return 1; }
	done
'

test_expect_success ZSH_PTY 'zsh: completes a command, a --format value and a rule id' '
	zsh_complete "pincheck sc" >got && grep -q "pincheck scan " got &&
	zsh_complete "pincheck --format=" >got &&
	for f in $(usage_values --format); do
		grep -q -w "$f" got || { cat got; return 1; }
	done &&
	zsh_complete "pincheck rules show openai-gpt-al" >got && grep -q "openai-gpt-alias" got
'

test_expect_success FISH 'fish: pincheck.fish parses (fish -n)' '
	fish -n "$comp/pincheck.fish"
'

# fish_complete LINE: fish's completions for LINE, one a line (without the
# descriptions).
fish_complete () {
	PATH=$(dirname "$PINCHECK"):$PATH fish --no-config -c \
		"source \$argv[1]; complete -C \$argv[2]" "$comp/pincheck.fish" "$1" | cut -f 1
}

test_expect_success FISH 'fish: completes commands, options, formats and rule ids' '
	fish_complete "pincheck sc" >got && expect_only got scan &&
	fish_complete "pincheck scan --format j" >got && expect_only got json &&
	fish_complete "pincheck rules show openai-gpt-al" >got && expect_only got openai-gpt-alias &&
	fish_complete "pincheck " >got && usage_commands >commands && expect_all commands got &&
	usage_options >globals &&
	for c in $(usage_commands); do
		usage_options "$c" >opts &&
		fish_complete "pincheck $c -" >got &&
		expect_all opts got && expect_all globals got || { echo "after $c"; return 1; }
	done &&
	fish_complete "pincheck hook " >got && usage_subcommands hook >subs && expect_all subs got
'

test_expect_success MAKE 'make install DESTDIR=... PREFIX=/usr puts the completions where the shells look' '
	{
		env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$top" BUILD="$build" -o "$build/pincheck" install \
			DESTDIR="$TEST_DIR/dest" PREFIX=/usr >make.out 2>&1 ||
		{ cat make.out; false; }
	} &&
	share=$TEST_DIR/dest/usr/share &&
	cmp "$comp/pincheck.bash" "$share/bash-completion/completions/pincheck" &&
	cmp "$comp/_pincheck" "$share/zsh/vendor-completions/_pincheck" &&
	cmp "$comp/pincheck.fish" "$share/fish/vendor_completions.d/pincheck.fish"
'

test_done
