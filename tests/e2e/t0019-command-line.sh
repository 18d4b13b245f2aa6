#!/bin/sh
# t0019: the command line (SPEC section 2): global options before or after
# the command, `--opt VALUE` and `--opt=VALUE`, `--` ends options, `help
# COMMAND`, and a usage text made from the command table, so that every
# command and option the parser knows is in it.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a global option works before and after the command, with or without =' '
	new_repo_with_commit r &&
	printf "$alias_line" >app.py &&
	for args in "--format json scan" "--format=json scan" "scan --format json" \
		    "scan --format=json"; do
		run_pincheck $args && expect_rc 1 &&
		grep_stdout_F "\"kind\": \"alias\"" || return 1
	done
'

test_expect_success 'a command option takes its value with or without =' '
	new_repo_with_commit r &&
	printf "$alias_line" >app.py && git add app.py && git commit -q --no-verify -m a &&
	rm app.py &&
	run_pincheck scan --rev=HEAD && expect_rc 1 && grep_stdout_F "app.py:1:" &&
	run_pincheck scan --rev HEAD && expect_rc 1 && grep_stdout_F "app.py:1:" &&
	run_pincheck scan && expect_rc 0
'

test_expect_success 'short options: -j4, -j 4, --jobs=4 and -q after the command' '
	new_repo_with_commit r &&
	printf "$alias_line" >app.py &&
	run_pincheck -j4 scan -q && expect_rc 1 && no_stdout_F "^~~~~~" &&
	run_pincheck scan -j 4 && expect_rc 1 && grep_stdout_F "^~~~~~" &&
	run_pincheck scan --jobs=4 && expect_rc 1
'

test_expect_success '-- ends options: a path that looks like an option is a path' '
	new_repo_with_commit r &&
	printf "$alias_line" >./-q &&
	run_pincheck scan -- -q && expect_rc 1 && grep_stdout_F "^~~~~~" &&
	grep_stdout_F "in 1 file"
'

test_expect_success 'an unknown option names the command; a flag given a value is refused' '
	new_repo_with_commit r &&
	run_pincheck scan --bogus && expect_rc 2 && grep_stderr_F "scan: unknown option" &&
	run_pincheck --bogus scan && expect_rc 2 && grep_stderr_F "unknown option" &&
	run_pincheck scan --staged=yes && expect_rc 2 && grep_stderr_F "--staged takes no value" &&
	run_pincheck scan --rev && expect_rc 2 && grep_stderr_F "--rev needs REV" &&
	run_pincheck check --message && expect_rc 2 && grep_stderr_F "--message needs FILE"
'

test_expect_success 'an unknown option names itself and the usage of its command' '
	new_repo_with_commit r &&
	run_pincheck scan --bogus=1 && expect_rc 2 &&
	grep_stderr_F "pincheck: scan: unknown option '"'"'--bogus=1'"'"'" &&
	grep_stderr_F "usage: pincheck scan [--rev REV | --staged] [PATH...]" &&
	grep_stderr_F "(see \`pincheck help scan\`)" &&
	run_pincheck pins --staged && expect_rc 2 &&
	grep_stderr_F "usage: pincheck pins [--rev REV] [--include-prose] [PATH...]" &&
	run_pincheck --bogus scan && expect_rc 2 &&
	grep_stderr_F "pincheck: unknown option '"'"'--bogus'"'"'" &&
	grep_stderr_F "usage: pincheck [OPTIONS] COMMAND [ARGS]"
'

test_expect_success 'an option of another command is unknown here' '
	new_repo_with_commit r &&
	run_pincheck pins --staged && expect_rc 2 && grep_stderr_F "pins: unknown option" &&
	run_pincheck drill --include-prose && expect_rc 2
'

test_expect_success 'no command, an unknown command: usage errors' '
	run_pincheck && expect_rc 2 && grep_stderr_F "no command given" &&
	run_pincheck frobnicate && expect_rc 2 && grep_stderr_F "unknown command" &&
	run_pincheck --format json && expect_rc 2
'

test_expect_success 'help lists every command, with its usage and summary' '
	run_pincheck help && expect_rc 0 &&
	for c in scan check hook pins drill rules install baseline version help; do
		grep -q "^  $c\\b" "$OUT" || { echo "no $c in help"; cat "$OUT"; return 1; }
	done &&
	grep_stdout_F "--max-seconds N" && grep_stdout_F "exit status:"
'

test_expect_success 'help COMMAND and COMMAND --help show its options' '
	run_pincheck help scan && expect_rc 0 &&
	grep_stdout_F "usage: pincheck scan [--rev REV | --staged] [PATH...]" &&
	grep_stdout_F "--staged, --cached" &&
	run_pincheck pins --help && expect_rc 0 && grep_stdout_F "--include-prose" &&
	run_pincheck help nope && expect_rc 2 && grep_stderr_F "unknown command"
'

test_expect_success 'every option a command parses is in its help' '
	new_repo_with_commit r &&
	for pair in "scan --staged" "scan --cached" "check --squash" "pins --include-prose" \
		    "install --force" "install --uninstall" "drill --rev"; do
		set -- $pair &&
		run_pincheck help "$1" && grep_stdout_F "$2" || return 1
	done
'

test_expect_success 'version and --version agree' '
	run_pincheck version && expect_rc 0 && cp "$OUT" v1 &&
	run_pincheck --version && expect_rc 0 && cmp v1 "$OUT"
'

test_expect_success 'version prints the newest catalog_date of the rule files compiled in' '
	newest=$(sed -n "s/^catalog_date: *//p" "$E2E_DIR"/../../rules/*.yml | sort | tail -n 1) &&
	test -n "$newest" &&
	run_pincheck version && expect_rc 0 &&
	grep_stdout "^pincheck [0-9][0-9.]*\$" &&
	grep_stdout "^catalog $newest (" &&
	grep_stdout_F "built-in rule files"
'

test_expect_success 'rules show ID says what a rule means, with its tests as examples' '
	new_repo_with_commit r &&
	run_pincheck rules show openai-gpt-alias && expect_rc 0 &&
	grep_stdout "^openai-gpt-alias$" &&
	grep_stdout "^  provider   openai (catalog_date 20[0-9-]*)$" &&
	grep_stdout "^  class      alias$" &&
	grep_stdout "^  severity   error (the default for alias)$" &&
	grep_stdout "^  defined    rules/openai.yml:[0-9]*:[0-9]*$" &&
	grep_stdout "^  message    OpenAI repoints an undated model name" &&
	grep_stdout "^  pattern    gpt-" &&
	grep_stdout "^  suggest    gpt-4o -> gpt-4o-2024-08-06 (retires 2027-01-14)$" &&
	grep_stdout "^  matches    model=\"gpt-4o\"$" &&
	grep_stdout "^  no match   model=\"gpt-4o-2024-08-06\"$" &&
	no_stdout_F "  advice" &&
	run_pincheck rules show azure-openai-terraform-default-upgrade-alias && expect_rc 0 &&
	grep_stdout_F "  advice     Set version_upgrade_option = \"NoAutoUpgrade\"."
'

test_expect_success 'rules show: a repository rule, its severity; unknown ids are usage errors' '
	new_repo_with_commit r &&
	cat >.pincheck.yml <<-\EOF &&
	rules:
	  - id: acme-alias
	    provider: acme
	    class: alias
	    severity: warning
	    pattern: acme-fast-latest
	    message: Use a dated acme model.
	disable: [openai-gpt-alias]
	EOF
	run_pincheck rules show acme-alias && expect_rc 0 &&
	grep_stdout "^  severity   warning (the rule.s own)$" &&
	grep_stdout "^  defined    .*/r/.pincheck.yml:6:14$" &&
	grep_stdout_F "keywords   none: the pattern'"'"'s literal prefix stands for them" &&
	run_pincheck rules show openai-gpt-alias && expect_rc 0 &&
	grep_stdout_F "openai-gpt-alias  (disabled by the config)" &&
	run_pincheck rules show no-such-rule && expect_rc 2 &&
	grep_stderr_F "unknown rule id '"'"'no-such-rule'"'"'" &&
	run_pincheck rules show && expect_rc 2 &&
	grep_stderr_F "rules show takes one rule id"
'

test_done
