#!/bin/sh
# t0006: key commands run clean under valgrind memcheck: no invalid access,
# no use of uninitialised memory, no definite or indirect leak. pincheck is
# run directly (not through git hooks) so that only its own process is
# checked. Skipped without valgrind, and for a sanitizer build (`*-san`),
# which valgrind cannot run.
. "$(dirname "$0")/lib.sh"

case $(basename "$(dirname "$PINCHECK")") in
*-san) test_skip_all "sanitizer build ($(dirname "$PINCHECK"))" ;;
esac
if ! command -v valgrind >/dev/null 2>&1; then
	test_skip_all "valgrind not installed"
fi

# vg EXPECTED-RC ARGS...: run "$PINCHECK" ARGS under memcheck; it must not
# report an error (exit 99) nor crash, and must exit EXPECTED-RC.
vg () {
	_want=$1
	shift
	# PCRE2 JIT code is invisible to memcheck (its SIMD reads past the end of a
	# subject are reported as invalid); pincheck then uses the interpreter.
	if PINCHECK_NO_JIT=1 valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=99 --log-file="$TRASH/.vg.log" \
		"$PINCHECK" "$@" >"$OUT" 2>"$ERR"; then
		_rc=0
	else
		_rc=$?
	fi
	if test "$_rc" = 99 || test "$_rc" -ge 126; then
		echo "valgrind: pincheck $* exited $_rc"
		cat "$TRASH/.vg.log"
		_show_output
		return 1
	fi
	if test "$_rc" != "$_want"; then
		echo "pincheck $* exited $_rc under valgrind; expected $_want"
		_show_output
		return 1
	fi
}

# mixed_repo: a repository (hooks installed) with a bit of everything, some
# of it staged.
mixed_repo () {
	new_repo_with_commit r &&
	mkdir -p src docs &&
	printf "\"\"\"Uses gpt-4o.\"\"\"\nMODEL = \"claude-3-5-sonnet-20241022\"\n" >src/ok.py &&
	printf "model: gemini-2.5-pro\n" >src/c.yaml &&
	git add src && git commit -q --no-verify -m base &&
	printf "We tried claude-sonnet-4-5.\n\n\`\`\`python\nm = \"claude-sonnet-4-5\"\n\`\`\`\n" >docs/USAGE.md &&
	printf "$alias_line" >src/app.py &&
	printf "x\000gpt-4o\n" >blob.bin &&
	printf "M = \"gpt-4o\"  # pincheck:allow\n" >src/allowed.py &&
	git add docs src blob.bin
}

test_expect_success 'check --staged with findings (text) is clean under valgrind' '
	mixed_repo &&
	vg 1 check --staged &&
	grep_output_F "src/app.py:1:10: error[alias]"
'

test_expect_success 'hook pre-commit with findings is clean under valgrind' '
	mixed_repo &&
	vg 1 hook pre-commit
'

test_expect_success '--format json check --staged is clean under valgrind' '
	mixed_repo &&
	vg 1 --format json check --staged
'

test_expect_success 'scan (worktree) is clean under valgrind' '
	mixed_repo &&
	vg 1 scan
'

test_expect_success 'scan of a plain directory outside git is clean under valgrind' '
	mkdir plain &&
	printf "$alias_line" >plain/a.py &&
	vg 1 scan plain
'

test_expect_success 'scan --rev on 3 threads (workers reopen the repository) is clean under valgrind' '
	mixed_repo &&
	git commit -q --no-verify -m staged &&
	vg 1 -j 3 scan --rev HEAD &&
	grep -q -F "src/app.py:1:10: error[alias]" "$OUT" &&
	vg 1 -j 2 --format json drill --rev HEAD &&
	grep -q -F "\"status\": \"retired\"" "$OUT"
'

test_expect_success 'an Azure deployment block (mask rule) is clean under valgrind' '
	mkdir az &&
	printf "resource \"azurerm_cognitive_deployment\" \"d\" {\n  model {\n    name = \"gpt-4o\"\n  }\n}\nm = \"gpt-4o\"\n" >az/main.tf &&
	vg 1 scan az &&
	grep -q -F "az/main.tf:6:6: error[alias]" "$OUT" &&
	grep -q -F "az/main.tf:1:11: error[alias]" "$OUT" &&
	! grep -q -F "az/main.tf:3:" "$OUT"
'

test_expect_success '--format json pins --include-prose is clean under valgrind' '
	mixed_repo &&
	vg 0 --format json pins --include-prose
'

test_expect_success 'install, re-install and uninstall are clean under valgrind' '
	new_repo r --no-install &&
	printf "#!/bin/sh\nexit 0\n" >.git/hooks/pre-commit &&
	chmod +x .git/hooks/pre-commit &&
	vg 0 install &&
	vg 0 install &&
	vg 0 install --uninstall
'

test_expect_success 'a config error path is clean under valgrind' '
	mixed_repo &&
	printf "version: 1\nrules:\n  - id: x\n    provider: acme\n    class: alias\n    pattern: \"a(\"\n" >.pincheck.yml &&
	vg 2 check --staged &&
	printf "version: 1\nfrobnicate: [\n" >.pincheck.yml &&
	vg 2 check --staged
'

test_expect_success 'a custom rule from .pincheck.yml is clean under valgrind' '
	mixed_repo &&
	printf "version: 1\nrules:\n  - id: acme-gateway-alias\n    provider: acme\n    class: alias\n    pattern: \"acme-(?:fast|smart)-latest\"\n    message: Use a dated acme model.\n" >.pincheck.yml &&
	printf "m = \"acme-fast-latest\"\n" >src/acme.py && git add src/acme.py &&
	vg 1 check --staged
'

test_expect_success 'fix, its --diff, and a notebook with escapes are clean under valgrind' '
	new_repo_with_commit r --no-install &&
	printf "$alias_line" >app.py &&
	printf "M = \"gpt-4\"\nN = \"gpt-4o\"\r\n" >old.py &&
	write_notebook nb.ipynb code "gpt\\u002d4o" &&
	git add . &&
	commit_unchecked aliases &&
	printf "# edited\n" >>app.py &&
	vg 1 fix --diff &&
	grep_output_F "left app.py:1:10 gpt-4o [alias]: the file has unstaged changes" &&
	vg 1 fix &&
	grep_output_F "fixed 2 × gpt-4o -> gpt-4o-2024-08-06" &&
	vg 1 fix --force &&
	vg 1 drill
'

test_expect_success 'bump, with an approved list and an eval, is clean under valgrind' '
	new_repo_with_commit r --no-install &&
	printf "approved:\n  - gpt-4o-mini-2024-07-18\n" >.pincheck.yml &&
	printf "MODEL = \"gpt-4o-mini-2024-07-18\"\n" >app.py &&
	mkdir -p evals/results &&
	printf "model: gpt-4o-2024-08-06\nsuite: s\ndate: $TEST_DAY\nstatus: pass\n" >evals/results/e.yaml &&
	git add . &&
	commit_unchecked pin &&
	vg 0 bump gpt-4o-mini-2024-07-18 gpt-4o-2024-08-06 --eval evals/results/e.yaml --diff &&
	vg 0 bump gpt-4o-mini-2024-07-18 gpt-4o-2024-08-06 --eval evals/results/e.yaml &&
	grep_output_F "Eval-Result: evals/results/e.yaml" &&
	vg 2 bump gpt-4o-2024-08-06 claude-3-5-sonnet-20241022
'

test_done
