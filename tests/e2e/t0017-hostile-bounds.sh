#!/bin/sh
# t0017: a hostile .pincheck.yml, or a hostile commit message, cannot hang a
# hook or pass it by exhausting it. A rule that does too much work stops at
# its budget and fails the run (exit 3) naming the rule and the file;
# exclude globs, eval.allow_urls patterns and thousands of eval trailers
# finish and decide. No test reads a clock: a hang fails by never ending.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-eval.sh"

# backtracking_config: a config rule whose nested repeat backtracks on every
# line of runs of 'a', and runs over the whole file; and a sane one.
backtracking_config () {
	cat >.pincheck.yml <<-\EOF
	version: 1
	rules:
	  - id: evil-backtrack
	    provider: evil
	    class: alias
	    multiline: true
	    pattern: '(a+)+$'
	  - id: acme-gateway-alias
	    provider: acme
	    class: alias
	    pattern: "acme-(?:fast|smart)-latest"
	EOF
}

# runs_of_a FILE: about 1 MB of lines of 18 'a', then a line that is not.
runs_of_a () {
	awk 'BEGIN { for (i = 0; i < 55000; i++) print "aaaaaaaaaaaaaaaaaa"; print "end!" }' >"$1"
}

test_expect_success 'scan: a backtracking config rule over a large file fails with exit 3 naming it' '
	new_repo_with_commit r &&
	backtracking_config &&
	printf "MODEL = \"acme-fast-latest\"\nOTHER = \"acme-fast-latest-2\"\n" >app.py &&
	run_pincheck scan app.py &&
	expect_rc 1 &&
	grep_stdout_F "app.py:1:10: error[alias]" &&
	no_stdout_F "app.py:2:" &&
	runs_of_a big.txt &&
	run_pincheck scan &&
	expect_rc 3 &&
	grep_stderr_F "big.txt" &&
	grep_stderr_F "evil-backtrack" &&
	grep_stderr_F "budget"
'

test_expect_success 'pre-commit: the same rule refuses the commit instead of passing it' '
	new_repo_with_commit r &&
	backtracking_config &&
	git add .pincheck.yml &&
	git commit -q --no-verify -m config &&
	runs_of_a big.txt &&
	git add big.txt &&
	run_pincheck hook pre-commit &&
	expect_rc 3 &&
	grep_stderr_F "evil-backtrack" &&
	commit_refused &&
	grep_stderr_F "evil-backtrack"
'

test_expect_success 'a possessive scan on a long line is charged by its length and stopped' '
	new_repo_with_commit r &&
	cat >.pincheck.yml <<-\EOF &&
	version: 1
	rules:
	  - id: evil-scan
	    provider: evil
	    class: alias
	    pattern: "[^;]*+(?:;|#)"
	EOF
	awk "BEGIN { for (i = 0; i < 20000; i++) printf \"x = 1 + 2 * y - 3 \"; print \"\" }" >long.py &&
	run_pincheck scan &&
	expect_rc 3 &&
	grep_stderr_F "long.py" &&
	grep_stderr_F "evil-scan"
'

test_expect_success 'an exclude glob with many stars decides on long names' '
	new_repo_with_commit r &&
	printf "version: 1\npaths:\n  exclude: [\"*a*a*a*a*a*a*a*a*a*a*a*a*b\"]\n" >.pincheck.yml &&
	a40=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa &&
	mkdir -p "d/$a40" &&
	printf "MODEL = \"gpt-4o\"\n" >"$a40" &&
	printf "MODEL = \"gpt-4o\"\n" >"${a40}b" &&
	printf "MODEL = \"gpt-4o\"\n" >"d/$a40/x.py" &&
	run_pincheck scan &&
	expect_rc 1 &&
	grep_stdout_F "$a40:1:10" &&
	grep_stdout_F "d/$a40/x.py:1:10" &&
	no_stdout_F "${a40}b:"
'

# bump_repo: repo_with_pin (HEAD selects $OLD in app.py); staged, a bump to
# $NEW and a passing eval of it, $RES/e.yaml.
bump_repo () {
	repo_with_pin &&
	bump &&
	stage_eval e.yaml "$NEW"
}

# msg_with_trailers N VALUE: the file msg is a commit message whose trailer
# block has N Eval-Result trailers, each VALUE.
msg_with_trailers () {
	printf "Bump the model\n\n" >msg &&
	awk -v n="$1" -v v="$2" "BEGIN { for (i = 0; i < n; i++) print \"Eval-Result: \" v }" >>msg
}

test_expect_success 'thousands of eval trailers are refused, saying why' '
	bump_repo &&
	msg_with_trailers 5000 evals/results/e.yaml &&
	run_pincheck hook commit-msg msg &&
	expect_rc 1 &&
	grep_stderr_F "error[bad-eval]" &&
	grep_stderr_F "more than 64 eval trailers" &&
	before=$(git rev-parse HEAD) &&
	! git commit -q -F msg 2>"$ERR" &&
	test "$(git rev-parse HEAD)" = "$before" &&
	grep_stderr_F "more than 64 eval trailers" &&
	msg_with_trailers 64 evals/results/e.yaml &&
	run_pincheck hook commit-msg msg &&
	expect_rc 0
'

test_expect_success 'an allow_urls pattern that gives up refuses the URL, saying why' '
	bump_repo &&
	cat >.pincheck.yml <<-\EOF &&
	version: 1
	eval:
	  allow_urls: ['"'"'https://(\w+|\w+\.)*\.example\.com/'"'"']
	EOF
	msg_with_trailers 20 "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!/run" &&
	run_pincheck hook commit-msg msg &&
	expect_rc 1 &&
	grep_stderr_F "could not be checked against eval.allow_urls" &&
	msg_with_trailers 1 "https://evals.example.com/run/7" &&
	run_pincheck hook commit-msg msg &&
	expect_rc 0
'

test_done
