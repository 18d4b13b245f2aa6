#!/bin/sh
# t0027: what text output looks like (SPEC section 3): colour only on a
# terminal and never under NO_COLOR unless --color always; a summary line
# within 200 characters however many aliases; Markdown tables whose every
# row has the header's cells.
. "$(dirname "$0")/lib.sh"

# A terminal for pincheck's stdout: script(1) of util-linux.
if script -qc true /dev/null >/dev/null 2>&1; then
	test_set_prereq TTY
fi

# on_tty ARGS...: run "$PINCHECK" ARGS with its output on a pseudo-terminal,
# saved in $OUT (stdout and stderr together, as the terminal shows them).
on_tty () {
	script -qc "\"$PINCHECK\" $*" /dev/null >"$OUT" 2>&1 </dev/null || :
}

ESC=$(printf '\033')

# alias_repo: a repository r whose app.py holds the alias gpt-4o.
alias_repo () {
	new_repo_with_commit r --no-install &&
	printf "$alias_line" >app.py
}

test_expect_success TTY 'on a terminal the severity is coloured' '
	alias_repo &&
	on_tty scan &&
	grep -q "$ESC\\[1;31merror" "$OUT"
'

test_expect_success TTY 'NO_COLOR turns colour off on a terminal; --color always wins' '
	alias_repo &&
	NO_COLOR=1 on_tty scan &&
	grep_stdout_F "app.py:1:10: error[alias]" &&
	! grep -q "$ESC" "$OUT" &&
	NO_COLOR=1 on_tty --color always scan &&
	grep -q "$ESC\\[1;31merror" "$OUT" &&
	NO_COLOR= on_tty scan &&
	grep -q "$ESC" "$OUT"
'

test_expect_success 'no colour in a pipe, unless --color always' '
	alias_repo &&
	run_pincheck scan && expect_rc 1 &&
	! grep -q "$ESC" "$OUT" &&
	run_pincheck --color=always scan && expect_rc 1 &&
	grep -q "$ESC" "$OUT"
'

# 40 aliases, each with its own pin: the summary names three, counts the rest.
test_expect_success 'a summary line stays within 200 characters' '
	new_repo_with_commit r --no-install &&
	for m in gpt-4o gpt-4o-mini gpt-4.1 gpt-4.1-mini gpt-4 gpt-4-turbo gpt-3.5-turbo \
		 gemini-1.5-pro gemini-1.5-flash; do
		printf "MODEL = \"%s\"\n" "$m" >"app-$m.py" || return 1
	done &&
	run_pincheck scan && expect_rc 1 &&
	tail -n 1 "$OUT" >summary &&
	test "$(wc -c <summary)" -le 201 &&
	grep -q "^pincheck: [0-9]* errors, [0-9]* warnings in 10 files; pin [^,]* as [^,]*, [^,]* as [^,]*, [^,]* as [^,]* and [0-9]* more$" summary
'

# GitHub-flavoured Markdown: a header row, a delimiter row with as many
# cells, and every row with as many (escaped pipes do not count).
md_cells () {
	sed -e "s/\\\\\\\\//g" -e "s/\\\\|//g" "$1" | awk -F"|" "{ print NF - 2 }" | sort -u
}

test_expect_success 'Markdown tables: a header, a delimiter, rows of as many cells' '
	alias_repo &&
	printf "B = \"a|b\\\\\\\\c gpt-4o\"\n" >b.py &&
	run_pincheck --format markdown scan && expect_rc 1 &&
	head -n 1 "$OUT" | grep -q "^| kind | severity | rule |" &&
	sed -n 2p "$OUT" | grep -q "^|---|---|" &&
	test "$(md_cells "$OUT")" = 11 &&
	run_pincheck --format markdown pins && expect_rc 0 &&
	head -n 1 "$OUT" | grep -q "^| model | provider |" &&
	test "$(md_cells "$OUT")" = 6 &&
	rm app.py b.py &&
	run_pincheck --format markdown scan && expect_rc 0 &&
	test "$(wc -l <"$OUT")" = 2 &&
	test "$(md_cells "$OUT")" = 11
'

test_done
