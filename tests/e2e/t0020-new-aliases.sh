#!/bin/sh
# t0020: new aliases only (SPEC section 1). In a change, an alias on an
# added line is new unless the file's old version held as many references
# of it: editing or moving a line that already held `gpt-4o` is not
# refused, while another copy is. The same rule holds in the commit hooks,
# `check` and a push.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-server.sh"

# A repository whose app.py holds gpt-4o on line 2, committed before
# pincheck was installed.
legacy_repo () {
	new_repo_with_commit r &&
	printf "timeout = 1\nMODEL = \"gpt-4o\"\n" >app.py &&
	git add app.py && commit_unchecked "before pincheck"
}

test_expect_success 'editing the line that holds an alias is not refused' '
	legacy_repo &&
	printf "timeout = 1\nMODEL = \"gpt-4o\"  # the default\n" >app.py &&
	git add app.py && commit_accepted
'

test_expect_success 'moving the line within the file is not refused' '
	legacy_repo &&
	printf "MODEL = \"gpt-4o\"\ntimeout = 1\n" >app.py &&
	git add app.py && commit_accepted
'

test_expect_success 'a second copy of the alias is refused, once' '
	legacy_repo &&
	printf "timeout = 1\nMODEL = \"gpt-4o\"\nFALLBACK = \"gpt-4o\"\n" >app.py &&
	git add app.py && commit_refused &&
	grep_stderr_F "1 error" && grep_stderr_F "app.py:"
'

test_expect_success 'the alias in another file is new there' '
	legacy_repo &&
	printf "MODEL = \"gpt-4o\"\n" >other.py &&
	git add other.py && commit_refused &&
	grep_stderr_F "other.py:1:10: error[alias]"
'

test_expect_success 'another alias on the edited line is new' '
	legacy_repo &&
	printf "timeout = 1\nMODEL = \"gpt-4o\"; SMALL = \"claude-opus-latest\"\n" >app.py &&
	git add app.py && commit_refused &&
	grep_stderr_F "claude-opus-latest" && no_stderr_F "[alias] Undated OpenAI"
'

test_expect_success 'check REV of an edit passes, of a copy fails' '
	legacy_repo &&
	printf "timeout = 2\nMODEL = \"gpt-4o\"  # same model\n" >app.py &&
	git add app.py && commit_unchecked edit &&
	run_pincheck check HEAD && expect_rc 0 &&
	printf "timeout = 2\nMODEL = \"gpt-4o\"  # same model\nM2 = \"gpt-4o\"\n" >app.py &&
	git add app.py && commit_unchecked copy &&
	run_pincheck check HEAD && expect_rc 1 && grep_stdout_F "app.py:3:"
'

test_expect_success 'a push of an edit is accepted, of a copy rejected' '
	server_with_main &&
	hook_off && printf "MODEL = \"gpt-4o\"\n" >app.py && git add app.py &&
	commit_unchecked legacy && git push -q origin main 2>"$ERR" && hook_on &&
	printf "MODEL = \"gpt-4o\"  # kept\n" >app.py && git add app.py &&
	commit_unchecked edit && push_accepted origin main &&
	printf "MODEL = \"gpt-4o\"  # kept\nM2 = \"gpt-4o\"\n" >app.py && git add app.py &&
	commit_unchecked copy && push_rejected origin main
'

test_done
