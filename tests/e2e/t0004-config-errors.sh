#!/bin/sh
# t0004: a broken .pincheck.yml refuses the commit with exit 2 and names
# FILE:LINE:COL; a valid one adds rules, disables rules, limits paths and
# changes severities.
. "$(dirname "$0")/lib.sh"

# config_refused LOCATION-BRE: with a clean change staged, the hook exits 2
# naming LOCATION, and git commit is refused with the same message.
config_refused () {
	printf "$pinned_line" >app.py &&
	git add app.py &&
	run_pincheck hook pre-commit &&
	expect_rc 2 &&
	grep_stderr "$1" &&
	commit_refused &&
	grep_stderr "$1"
}

# --- broken configurations ----------------------------------------------------

test_expect_success 'bad YAML (unclosed flow sequence) is exit 2 with file:line:col' '
	new_repo_with_commit r &&
	printf "version: 1\ndisable: [a, b\npaths: {}\n" >.pincheck.yml &&
	config_refused "\.pincheck\.yml:[0-9][0-9]*:[0-9][0-9]*"
'

test_expect_success 'bad YAML (tab indentation) is exit 2 at the offending line' '
	new_repo_with_commit r &&
	printf "version: 1\nrules:\n\t- id: x\n" >.pincheck.yml &&
	config_refused "\.pincheck\.yml:3:[0-9]"
'

test_expect_success 'an unknown top-level key is exit 2 at its line and column' '
	new_repo_with_commit r &&
	printf "version: 1\nfrobnicate: true\n" >.pincheck.yml &&
	config_refused "\.pincheck\.yml:2:1[^0-9]" &&
	grep_stderr_F "frobnicate"
'

test_expect_success 'an unknown key inside a rules entry is exit 2 at its line and column' '
	new_repo_with_commit r &&
	cat >.pincheck.yml <<-\EOF &&
	version: 1
	rules:
	  - id: acme-gateway-alias
	    provider: acme
	    class: alias
	    patern: acme-fast-latest
	    message: Use a dated acme model.
	EOF
	config_refused "\.pincheck\.yml:6:5[^0-9]" &&
	grep_stderr_F "patern"
'

test_expect_success 'a rule'"'"'s advice that is not a string is exit 2 at its line and column' '
	new_repo_with_commit r &&
	cat >.pincheck.yml <<-\EOF &&
	version: 1
	rules:
	  - id: acme-gateway-alias
	    provider: acme
	    class: alias
	    pattern: acme-fast-latest
	    advice: [Use acme-fast-2026-01]
	EOF
	config_refused "\.pincheck\.yml:7:13: advice must be a scalar"
'

test_expect_success 'a bad regex in a rules entry is exit 2 at the pattern line' '
	new_repo_with_commit r &&
	cat >.pincheck.yml <<-\EOF &&
	version: 1
	rules:
	  - id: acme-bad
	    provider: acme
	    class: alias
	    pattern: acme-(fast
	    message: Use a dated acme model.
	EOF
	config_refused "\.pincheck\.yml:6:[0-9][0-9]*"
'

test_expect_success 'a wrong type (sequence for a boolean) is exit 2' '
	new_repo_with_commit r &&
	printf "version: 1\ndefault_rules: [yes]\n" >.pincheck.yml &&
	config_refused "\.pincheck\.yml:2:[0-9][0-9]*"
'

test_expect_success 'a bad class value in a rules entry is exit 2' '
	new_repo_with_commit r &&
	cat >.pincheck.yml <<-\EOF &&
	version: 1
	rules:
	  - id: acme-gateway-alias
	    provider: acme
	    class: floating
	    pattern: acme-fast-latest
	EOF
	config_refused "\.pincheck\.yml:5:[0-9][0-9]*"
'

test_expect_success 'disabling an unknown rule id is exit 2' '
	new_repo_with_commit r &&
	printf "version: 1\ndisable: [no-such-rule-xyz]\n" >.pincheck.yml &&
	config_refused "\.pincheck\.yml:2:[0-9][0-9]*" &&
	grep_stderr_F "no-such-rule-xyz"
'

test_expect_success 'a broken config refuses a commit made from a subdirectory too' '
	new_repo_with_commit r &&
	printf "version: 1\nfrobnicate: true\n" >.pincheck.yml &&
	mkdir sub && cd sub &&
	printf "$pinned_line" >a.py && git add a.py &&
	run_pincheck hook pre-commit &&
	expect_rc 2 &&
	commit_refused &&
	grep_stderr "\.pincheck\.yml:2:1[^0-9]"
'

test_expect_success 'a broken .pincheck.yaml (other spelling) is read too' '
	new_repo_with_commit r &&
	printf "version: 1\nfrobnicate: true\n" >.pincheck.yaml &&
	config_refused "\.pincheck\.yaml:2:1[^0-9]"
'

test_expect_success 'a broken --config FILE is exit 2 naming that file' '
	new_repo_with_commit r &&
	printf "version: 1\nfrobnicate: true\n" >"$TEST_DIR/other.yml" &&
	printf "$pinned_line" >app.py && git add app.py &&
	run_pincheck --config "$TEST_DIR/other.yml" check --staged &&
	expect_rc 2 &&
	grep_stderr "other\.yml:2:1[^0-9]"
'

test_expect_success 'a missing --config FILE is an error, not the defaults' '
	new_repo_with_commit r &&
	printf "$pinned_line" >app.py && git add app.py &&
	run_pincheck --config "$TEST_DIR/nope.yml" check --staged &&
	test "$(cat "$RC")" != 0 &&
	grep_stderr_F "nope.yml"
'

# --- valid configurations -------------------------------------------------------

# write_acme_config: .pincheck.yml (not staged) keeps the built-in rules and
# adds the SPEC example rule acme-gateway-alias (acme-fast/smart-latest).
write_acme_config () {
	cat >.pincheck.yml <<-\EOF
	version: 1
	default_rules: true
	rules:
	  - id: acme-gateway-alias
	    provider: acme
	    class: alias
	    pattern: 'acme-(?:fast|smart)-latest'
	    message: Use a dated acme model.
	EOF
}

test_expect_success 'a custom rule (SPEC example) refuses acme-fast-latest' '
	new_repo_with_commit r &&
	write_acme_config &&
	printf "MODEL = \"acme-fast-latest\"\n" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]" &&
	finding_line_has "app.py:1:10: error[alias]" "[acme-gateway-alias]" &&
	finding_line_has "app.py:1:10: error[alias]" "Use a dated acme model."
'

test_expect_success 'a custom rule refuses acme-smart-latest in YAML and accepts a dated acme id' '
	new_repo_with_commit r &&
	write_acme_config &&
	printf "model: acme-fast-2025-01-01\n" >ok.yaml &&
	git add ok.yaml .pincheck.yml &&
	commit_accepted &&
	printf "model: acme-smart-latest\n" >c.yaml &&
	git add c.yaml &&
	commit_refused &&
	grep_stderr_F "c.yaml:1:8: error[alias]"
'

test_expect_success 'built-in rules stay active beside a custom rule' '
	new_repo_with_commit r &&
	write_acme_config &&
	printf "$alias_line" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]"
'

test_expect_success 'default_rules: false turns the built-in catalog off' '
	new_repo_with_commit r &&
	write_acme_config &&
	sed -i "s/default_rules: true/default_rules: false/" .pincheck.yml &&
	printf "$alias_line" >app.py &&
	git add app.py &&
	commit_accepted &&
	printf "m = \"acme-fast-latest\"\n" >b.py &&
	git add b.py &&
	commit_refused &&
	grep_stderr_F "b.py:1:6: error[alias]"
'

test_expect_success '--no-default-rules turns the built-in catalog off' '
	new_repo_with_commit r &&
	printf "$alias_line" >app.py &&
	git add app.py &&
	run_pincheck --no-default-rules check --staged &&
	expect_rc 0 &&
	run_pincheck check --staged &&
	expect_rc 1
'

test_expect_success 'disable: [RULE-ID] turns that rule off and leaves the others on' '
	new_repo_with_commit r &&
	printf "$alias_line" >app.py &&
	git add app.py &&
	commit_refused &&
	id=$(rule_id_of "app.py:1:10: error[alias]") &&
	test -n "$id" &&
	printf "version: 1\ndisable: [%s]\n" "$id" >.pincheck.yml &&
	commit_accepted &&
	printf "m = \"claude-3-5-sonnet-latest\"\n" >b.py &&
	git add b.py &&
	commit_refused &&
	grep_stderr_F "b.py:1:6: error[alias]"
'

test_expect_success 'paths.exclude skips matching files' '
	new_repo_with_commit r &&
	printf "version: 1\npaths:\n  exclude: [\"vendor/**\"]\n" >.pincheck.yml &&
	mkdir -p vendor/lib &&
	printf "$alias_line" >vendor/lib/x.py &&
	git add vendor &&
	commit_accepted &&
	printf "$alias_line" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]" &&
	no_stderr_F "vendor/"
'

test_expect_success 'paths.include limits the check to matching files' '
	new_repo_with_commit r &&
	printf "version: 1\npaths:\n  include: [\"src/**\"]\n" >.pincheck.yml &&
	mkdir src &&
	printf "$alias_line" >tool.py &&
	git add tool.py &&
	commit_accepted &&
	printf "$alias_line" >src/app.py &&
	git add src/app.py &&
	commit_refused &&
	grep_stderr_F "src/app.py:1:10: error[alias]"
'

test_expect_success 'severity: {alias: warning} reports a warning and accepts the commit' '
	new_repo_with_commit r &&
	printf "version: 1\nseverity: {alias: warning}\n" >.pincheck.yml &&
	printf "$alias_line" >app.py &&
	git add app.py &&
	commit_accepted &&
	grep_stderr_F "app.py:1:10: warning[alias]"
'

test_expect_success 'the working-tree config is used, even when not committed' '
	new_repo_with_commit r &&
	printf "version: 1\nfrobnicate: true\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q --no-verify -m broken &&
	printf "version: 1\n" >.pincheck.yml &&
	printf "$pinned_line" >app.py && git add app.py &&
	commit_accepted
'

test_done
