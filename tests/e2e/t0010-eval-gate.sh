#!/bin/sh
# t0010: the eval gate. A commit that bumps a pinned model (a pinned id of a
# provider replaces another of the same provider in one file) must link a
# passing, recent eval result of the new model in an `Eval-Result:` trailer;
# the commit-msg hook reads the trailer the way git does and validates the
# file in the index being committed. `approved` limits which pinned ids may
# be introduced. Malformed messages and eval files give findings, never a
# crash or a hang.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-eval.sh"

# approve IDS...: commit a .pincheck.yml whose approved list (a block list
# from line 3) holds IDS.
approve () {
	{ printf "version: 1\napproved:\n"; for _id; do printf "  - %s\n" "$_id"; done; } >.pincheck.yml &&
	git add .pincheck.yml &&
	commit_unchecked approved
}

# bad_eval_has STRING: a bad-eval finding, placed on the trailer's line of
# the commit message file git passed to the hook, says STRING.
bad_eval_has () {
	grep -F "error[bad-eval]" "$ERR" | grep -q -F -e "$1" || {
		echo "no error[bad-eval] line containing: $1"
		_show_output
		return 1
	}
	grep_stderr "COMMIT_EDITMSG:3:[0-9]*: error\[bad-eval\]"
}


# uncovered_at LOCATION ID: the id introduced at LOCATION (`PATH:LINE:COL:`
# or `PATH:LINE:`) has no eval: a missing-eval, or (when the message links an
# eval of another model) a bad-eval, on a line starting with LOCATION and
# naming ID.
uncovered_at () {
	grep -F -e "$1" "$ERR" | grep -e "error\[missing-eval\]" -e "error\[bad-eval\]" | grep -q -F -e "$2" || {
		echo "no missing-eval/bad-eval finding at $1 naming $2"
		_show_output
		return 1
	}
}

# run_timeout SECS ARGS...: run_pincheck under timeout(1) (124: it hung).
run_timeout () {
	_secs=$1
	shift
	if timeout "$_secs" "$PINCHECK" "$@" >"$OUT" 2>"$ERR"; then
		echo 0 >"$RC"
	else
		echo $? >"$RC"
	fi
}

# expect_clean_failure: the last run ended with 1, 2 or 3 (no crash, no
# hang, no sanitizer report) and printed something (stderr or stdout).
expect_clean_failure () {
	_got=$(cat "$RC")
	_no_sanitizer_report || return 1
	case $_got in
	1|2|3) ;;
	*) echo "expected exit status 1..3, got $_got"; _show_output; return 1 ;;
	esac
	test -s "$ERR" || test -s "$OUT" || {
		echo "exit $_got with no output"
		return 1
	}
}

# --- a bump needs an eval ----------------------------------------------------

test_expect_success 'a bump without a trailer is refused with missing-eval at the new id' '
	repo_with_pin && bump &&
	commit_refused &&
	grep_stderr_F "app.py:3:10: error[missing-eval]" &&
	finding_line_has "error[missing-eval]" "$OLD" &&
	finding_line_has "error[missing-eval]" "$NEW" &&
	finding_line_has "error[missing-eval]" "Eval-Result" &&
	test "$(count_findings missing-eval)" = 1
'

test_expect_success 'hook pre-commit alone does not report missing-eval (no message yet)' '
	repo_with_pin && bump &&
	run_pincheck hook pre-commit &&
	expect_rc 0 &&
	no_stderr_F "missing-eval"
'

test_expect_success 'hook commit-msg FILE reports the missing eval on stderr' '
	repo_with_pin && bump &&
	printf "Bump\n\nNo trailer here.\n" >msg &&
	run_pincheck hook commit-msg msg &&
	expect_rc 1 &&
	grep_stderr_F "app.py:3:10: error[missing-eval]" &&
	! test -s "$OUT"
'

test_expect_success 'a bump with a valid eval staged in the same commit is accepted' '
	repo_with_pin && bump &&
	stage_eval gpt4o.yaml "$NEW" &&
	commit_accepted -m "$(trailer gpt4o.yaml)" &&
	no_stderr_F "error[" &&
	git log -1 --format=%B | grep -q "^Eval-Result: $RES/gpt4o.yaml\$"
'

test_expect_success 'a bump with a valid eval committed earlier is accepted' '
	repo_with_pin &&
	stage_eval gpt4o.yaml "$NEW" &&
	git commit -q --no-verify -m "eval results" &&
	bump &&
	commit_accepted -m "$(trailer gpt4o.yaml)"
'

test_expect_success 'a JSON eval result is accepted' '
	repo_with_pin && bump &&
	mkdir -p $RES &&
	printf "{\"model\": \"%s\", \"suite\": \"s\", \"date\": \"%s\", \"status\": \"pass\", \"score\": 0.9}\n" "$NEW" "$TODAY" >$RES/r.json &&
	git add $RES/r.json &&
	commit_accepted -m "$(trailer r.json)"
'

test_expect_success 'models: [a, b] naming the new id is accepted' '
	repo_with_pin && bump &&
	mkdir -p $RES &&
	printf "models: [claude-opus-4-6, %s]\nsuite: s\ndate: %s\nstatus: pass\n" "$NEW" "$TODAY" >$RES/multi.yaml &&
	git add $RES/multi.yaml &&
	commit_accepted -m "$(trailer multi.yaml)"
'

test_expect_success 'the trailer value may carry surrounding blanks' '
	repo_with_pin && bump &&
	stage_eval e.yaml "$NEW" &&
	commit_accepted -m "Eval-Result:    $RES/e.yaml   "
'

test_expect_success 'the trailer mixed with Signed-off-by (git commit -s) and Co-authored-by' '
	repo_with_pin && bump &&
	stage_eval e.yaml "$NEW" &&
	commit_accepted -s -m "Co-authored-by: A <a@example.com>
$(trailer e.yaml)
Reviewed-by: B <b@example.com>" &&
	git log -1 --format=%B | grep -q "^Signed-off-by: "
'

test_expect_success 'two bumps (OpenAI and Anthropic) with one trailer each are accepted' '
	new_repo_with_commit r &&
	printf "A = \"%s\"\nB = \"claude-sonnet-4-5-20250929\"\n" "$OLD" >app.py &&
	git add app.py && git commit -q --no-verify -m pins &&
	printf "A = \"%s\"\nB = \"claude-sonnet-4-6\"\n" "$NEW" >app.py &&
	git add app.py &&
	stage_eval g.yaml "$NEW" &&
	stage_eval c.yaml claude-sonnet-4-6 &&
	commit_accepted -m "$(trailer g.yaml)
$(trailer c.yaml)"
'

test_expect_success 'two bumps with a trailer for only one: the other is refused at its id' '
	new_repo_with_commit r &&
	printf "A = \"%s\"\nB = \"claude-sonnet-4-5-20250929\"\n" "$OLD" >app.py &&
	git add app.py && git commit -q --no-verify -m pins &&
	printf "A = \"%s\"\nB = \"claude-sonnet-4-6\"\n" "$NEW" >app.py &&
	git add app.py &&
	stage_eval g.yaml "$NEW" &&
	commit_refused -m "$(trailer g.yaml)" &&
	uncovered_at "app.py:2:6:" claude-sonnet-4-6 &&
	no_stderr_F "app.py:1:"
'

test_expect_success 'a bump in a YAML config is gated too' '
	new_repo_with_commit r &&
	printf "agent:\n  model: %s\n" "$OLD" >agent.yaml &&
	git add agent.yaml && git commit -q --no-verify -m pin &&
	printf "agent:\n  model: %s\n" "$NEW" >agent.yaml &&
	git add agent.yaml &&
	commit_refused &&
	grep_stderr_F "agent.yaml:2:10: error[missing-eval]"
'

test_expect_success 'a Gemini bump (3.1-flash-lite to 3.5-flash) is gated' '
	repo_with_pin gemini-3.1-flash-lite && bump gemini-3.5-flash &&
	commit_refused &&
	grep_stderr_F "app.py:3:10: error[missing-eval]" &&
	stage_eval g.yaml gemini-3.5-flash &&
	commit_accepted -m "$(trailer g.yaml)"
'

test_expect_success 'a bump is gated in a commit made from a subdirectory' '
	repo_with_pin && mkdir sub && bump &&
	stage_eval e.yaml "$NEW" &&
	cd sub &&
	commit_accepted -m "$(trailer e.yaml)"
'

test_expect_success 'git commit -a: a bump of a tracked file is gated' '
	repo_with_pin &&
	stage_eval e.yaml "$NEW" && git commit -q --no-verify -m evals &&
	write_model app.py "$NEW" &&
	commit_refused -a &&
	grep_stderr_F "app.py:3:10: error[missing-eval]" &&
	commit_accepted -a -m "$(trailer e.yaml)"
'

test_expect_success 'an eval in a subdirectory of eval.dir is accepted' '
	repo_with_pin && bump &&
	stage_eval 2026/q4/gpt4o.yaml "$NEW" &&
	commit_accepted -m "$(trailer 2026/q4/gpt4o.yaml)"
'

test_expect_success 'eval result files are not pin changes themselves (approved list)' '
	new_repo_with_commit r &&
	approve "$NEW" &&
	stage_eval e.yaml "$NEW" &&
	commit_accepted &&
	no_stderr_F "error["
'

test_expect_success 'eval result files are not pin changes themselves (require_for new)' '
	new_repo_with_commit r &&
	printf "version: 1\neval:\n  require_for: [bump, new]\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q --no-verify -m cfg &&
	stage_eval o.yaml claude-opus-4-6 &&
	commit_accepted &&
	no_stderr_F "error["
'

# --- bad references: one bad-eval per failed condition ------------------------

test_expect_success 'a trailer naming a file that does not exist: bad-eval' '
	repo_with_pin && bump &&
	commit_refused -m "$(trailer nope.yaml)" &&
	bad_eval_has "does not exist"
'

test_expect_success 'an eval file only in the worktree (not staged): git add it' '
	repo_with_pin && bump &&
	write_eval $RES/e.yaml "$NEW" &&
	commit_refused -m "$(trailer e.yaml)" &&
	bad_eval_has "exists in the working tree but not in the index being committed: git add it"
'

test_expect_success 'an eval file deleted from the index: git add it' '
	repo_with_pin &&
	stage_eval e.yaml "$NEW" && git commit -q --no-verify -m evals &&
	git rm -q --cached $RES/e.yaml &&
	bump &&
	commit_refused -m "$(trailer e.yaml)" &&
	bad_eval_has "exists in the working tree but not in the index being committed"
'

test_expect_success 'git commit PATH: an eval staged but left out of the partial commit is not in it' '
	repo_with_pin &&
	stage_eval e.yaml "$NEW" &&
	write_model app.py "$NEW" &&
	commit_refused app.py -m "$(trailer e.yaml)" &&
	bad_eval_has "not in the index being committed"
'

test_expect_success 'git commit PATH EVAL: both in the partial commit, accepted' '
	repo_with_pin &&
	stage_eval e.yaml "$NEW" &&
	write_model app.py "$NEW" &&
	commit_accepted app.py $RES/e.yaml -m "$(trailer e.yaml)"
'

test_expect_success 'an eval file outside eval.dir: bad-eval' '
	repo_with_pin && bump &&
	write_eval docs/e.yaml "$NEW" && git add docs/e.yaml &&
	commit_refused -m "Eval-Result: docs/e.yaml" &&
	bad_eval_has "outside eval.dir"
'

test_expect_success 'a path in a directory that merely starts with eval.dir is outside it' '
	repo_with_pin && bump &&
	write_eval evals/results-old/e.yaml "$NEW" && git add evals/results-old/e.yaml &&
	commit_refused -m "Eval-Result: evals/results-old/e.yaml" &&
	bad_eval_has "outside eval.dir"
'

test_expect_success 'a path escaping eval.dir with ../ : bad-eval naming ..' '
	repo_with_pin && bump &&
	write_eval docs/e.yaml "$NEW" && git add docs/e.yaml &&
	commit_refused -m "Eval-Result: $RES/../../docs/e.yaml" &&
	bad_eval_has "'"'..'"'"
'

test_expect_success 'an absolute path: bad-eval' '
	repo_with_pin && bump &&
	stage_eval e.yaml "$NEW" &&
	commit_refused -m "Eval-Result: $PWD/$RES/e.yaml" &&
	bad_eval_has "absolute path"
'

test_expect_success 'a symlink in eval.dir pointing outside it: bad-eval' '
	repo_with_pin && bump &&
	write_eval docs/e.yaml "$NEW" && git add docs/e.yaml &&
	mkdir -p $RES && ln -s ../../docs/e.yaml $RES/link.yaml &&
	git add $RES/link.yaml &&
	commit_refused -m "$(trailer link.yaml)" &&
	bad_eval_has "symlink"
'

test_expect_success 'a symlink in eval.dir to a valid eval beside it is still refused' '
	repo_with_pin && bump &&
	stage_eval real.yaml "$NEW" &&
	ln -s real.yaml $RES/link.yaml && git add $RES/link.yaml &&
	commit_refused -m "$(trailer link.yaml)" &&
	bad_eval_has "symlink"
'

test_expect_success 'eval.dir itself a symlink to elsewhere: refused' '
	repo_with_pin && bump &&
	write_eval elsewhere/e.yaml "$NEW" && git add elsewhere/e.yaml &&
	mkdir evals && ln -s ../elsewhere evals/results && git add evals/results &&
	commit_refused -m "$(trailer e.yaml)" &&
	grep_stderr_F "error[bad-eval]"
'

test_expect_success 'a trailer naming a directory, not a file: bad-eval' '
	repo_with_pin && bump &&
	stage_eval e.yaml "$NEW" &&
	commit_refused -m "Eval-Result: $RES" &&
	grep_stderr "COMMIT_EDITMSG:3:[0-9]*: error\[bad-eval\]"
'

test_expect_success 'status: fail is bad-eval' '
	repo_with_pin && bump &&
	stage_eval e.yaml "$NEW" fail &&
	commit_refused -m "$(trailer e.yaml)" &&
	bad_eval_has "status: fail"
'

test_expect_success 'an eval of another model: bad-eval naming both' '
	repo_with_pin && bump &&
	stage_eval e.yaml "$OLD" &&
	commit_refused -m "$(trailer e.yaml)" &&
	bad_eval_says "evaluates $OLD, not $NEW"
'

test_expect_success 'models: [...] without the new id: bad-eval' '
	repo_with_pin && bump &&
	mkdir -p $RES &&
	printf "models: [claude-opus-4-6, %s]\nsuite: s\ndate: %s\nstatus: pass\n" "$OLD" "$TODAY" >$RES/m.yaml &&
	git add $RES/m.yaml &&
	commit_refused -m "$(trailer m.yaml)" &&
	bad_eval_says "not $NEW"
'

test_expect_success 'an eval older than eval.max_age_days (default 90): bad-eval' '
	repo_with_pin && bump &&
	stage_eval e.yaml "$NEW" pass "$(days_ago 200)" &&
	commit_refused -m "$(trailer e.yaml)" &&
	bad_eval_has "days before the commit; eval.max_age_days is" &&
	finding_line_has "error[bad-eval]" 90
'

test_expect_success 'eval.max_age_days from .pincheck.yml is honoured' '
	repo_with_pin &&
	printf "version: 1\neval:\n  max_age_days: 365\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q --no-verify -m cfg &&
	bump &&
	stage_eval e.yaml "$NEW" pass "$(days_ago 200)" &&
	commit_accepted -m "$(trailer e.yaml)" &&
	bump "$OLD" && git commit -q --no-verify -m back &&
	bump &&
	stage_eval f.yaml "$NEW" pass "$(days_ago 400)" &&
	commit_refused -m "$(trailer f.yaml)" &&
	bad_eval_has "eval.max_age_days is 365"
'

test_expect_success 'an eval dated after the commit: bad-eval' '
	repo_with_pin && bump &&
	stage_eval e.yaml "$NEW" pass "$(days_ago -5)" &&
	commit_refused -m "$(trailer e.yaml)" &&
	bad_eval_has "after the commit'"'"'s date"
'

test_expect_success 'PINCHECK_TODAY: day 0 and day 90 pass, day 91 and day -1 fail' '
	repo_with_pin && bump &&
	PINCHECK_TODAY=2026-04-20 && export PINCHECK_TODAY &&
	stage_eval d0.yaml "$NEW" pass 2026-04-20 &&
	stage_eval d90.yaml "$NEW" pass 2026-01-20 &&
	stage_eval d91.yaml "$NEW" pass 2026-01-19 &&
	stage_eval dm1.yaml "$NEW" pass 2026-04-21 &&
	for f in d0 d90; do
		msg_file msg $f.yaml &&
		run_pincheck hook commit-msg msg &&
		expect_rc 0 || exit 1
	done &&
	msg_file msg d91.yaml &&
	run_pincheck hook commit-msg msg &&
	expect_rc 1 &&
	grep_stderr_F "days before the commit; eval.max_age_days is 90" &&
	grep_stderr "msg:5:[0-9]*: error\[bad-eval\]" &&
	msg_file msg dm1.yaml &&
	run_pincheck hook commit-msg msg &&
	expect_rc 1 &&
	grep_stderr_F "after the commit'"'"'s date"
'

test_expect_success 'PINCHECK_TODAY is the commit date of the commit-msg hook run by git' '
	repo_with_pin && bump &&
	stage_eval e.yaml "$NEW" pass 2020-01-10 &&
	PINCHECK_TODAY=2020-01-09 && export PINCHECK_TODAY &&
	commit_refused -m "$(trailer e.yaml)" &&
	bad_eval_has "after the commit'"'"'s date" &&
	PINCHECK_TODAY=2020-02-01 &&
	commit_accepted -m "$(trailer e.yaml)"
'

test_expect_success 'a failing eval of another model, dated in the future: one bad-eval per condition' '
	repo_with_pin && bump &&
	stage_eval e.yaml "$OLD" fail "$(days_ago -5)" &&
	commit_refused -m "$(trailer e.yaml)" &&
	bad_eval_has "status: fail" &&
	bad_eval_says "not $NEW" &&
	bad_eval_has "after the commit'"'"'s date" &&
	test "$(count_findings bad-eval)" = 3
'

test_expect_success 'an eval that does not parse: bad-eval' '
	repo_with_pin && bump &&
	mkdir -p $RES &&
	printf "model: [%s\nstatus: pass\ndate: %s\n  - : :\n" "$NEW" "$TODAY" >$RES/broken.yaml &&
	git add $RES/broken.yaml &&
	commit_refused -m "$(trailer broken.yaml)" &&
	bad_eval_has "does not parse"
'

test_expect_success 'an eval that names no model: bad-eval' '
	repo_with_pin && bump &&
	mkdir -p $RES &&
	printf "suite: s\ndate: %s\nstatus: pass\n" "$TODAY" >$RES/e.yaml &&
	git add $RES/e.yaml &&
	commit_refused -m "$(trailer e.yaml)" &&
	bad_eval_has "names no model"
'

test_expect_success 'an eval with no date: bad-eval' '
	repo_with_pin && bump &&
	mkdir -p $RES &&
	printf "model: %s\nsuite: s\nstatus: pass\n" "$NEW" >$RES/e.yaml &&
	git add $RES/e.yaml &&
	commit_refused -m "$(trailer e.yaml)" &&
	bad_eval_has "has no \`date\`"
'

test_expect_success 'an eval whose date is not a date: bad-eval' '
	repo_with_pin && bump &&
	mkdir -p $RES &&
	printf "model: %s\nsuite: s\ndate: yesterday\nstatus: pass\n" "$NEW" >$RES/a.yaml &&
	printf "model: %s\nsuite: s\ndate: 2026-02-30\nstatus: pass\n" "$NEW" >$RES/b.yaml &&
	git add $RES &&
	commit_refused -m "$(trailer a.yaml)" &&
	grep_stderr_F "error[bad-eval]" &&
	commit_refused -m "$(trailer b.yaml)" &&
	grep_stderr_F "error[bad-eval]"
'

test_expect_success 'an eval without status, or with another status: bad-eval' '
	repo_with_pin && bump &&
	mkdir -p $RES &&
	printf "model: %s\nsuite: s\ndate: %s\n" "$NEW" "$TODAY" >$RES/a.yaml &&
	printf "model: %s\nsuite: s\ndate: %s\nstatus: maybe\n" "$NEW" "$TODAY" >$RES/b.yaml &&
	git add $RES &&
	commit_refused -m "$(trailer a.yaml)" &&
	grep_stderr_F "error[bad-eval]" &&
	commit_refused -m "$(trailer b.yaml)" &&
	grep_stderr_F "error[bad-eval]"
'

test_expect_success 'an empty eval file, and one that is a list: bad-eval' '
	repo_with_pin && bump &&
	mkdir -p $RES &&
	: >$RES/empty.yaml &&
	printf -- "- model: %s\n  status: pass\n" "$NEW" >$RES/list.yaml &&
	git add $RES &&
	commit_refused -m "$(trailer empty.yaml)" &&
	grep_stderr_F "error[bad-eval]" &&
	commit_refused -m "$(trailer list.yaml)" &&
	grep_stderr_F "error[bad-eval]"
'

test_expect_success 'a URL reference not allowed by eval.allow_urls: bad-eval' '
	repo_with_pin && bump &&
	commit_refused -m "Eval-Result: https://evals.example.com/run/42" &&
	bad_eval_has "not allowed by eval.allow_urls"
'

test_expect_success 'a URL reference matching eval.allow_urls is accepted' '
	repo_with_pin &&
	cat >.pincheck.yml <<-\EOF &&
	version: 1
	eval:
	  allow_urls:
	    - ^https://evals\.example\.com/run/[0-9]+$
	EOF
	git add .pincheck.yml && git commit -q --no-verify -m cfg &&
	bump &&
	commit_accepted -m "Eval-Result: https://evals.example.com/run/42"
'

test_expect_success 'a URL not matching any eval.allow_urls pattern is refused' '
	repo_with_pin &&
	cat >.pincheck.yml <<-\EOF &&
	version: 1
	eval:
	  allow_urls:
	    - ^https://evals\.example\.com/
	EOF
	git add .pincheck.yml && git commit -q --no-verify -m cfg &&
	bump &&
	commit_refused -m "Eval-Result: https://evil.example.org/https://evals.example.com/" &&
	bad_eval_has "not allowed by eval.allow_urls"
'

test_expect_success 'a bad regex in eval.allow_urls is a configuration error (exit 2)' '
	repo_with_pin &&
	printf "version: 1\neval:\n  allow_urls: [\"(unclosed\"]\n" >.pincheck.yml &&
	bump &&
	printf "Bump\n\nEval-Result: https://x/\n" >msg &&
	run_pincheck check --staged --message msg &&
	expect_rc 2 &&
	grep_stderr_F ".pincheck.yml:3:"
'

test_expect_success 'an unknown key under eval: is a configuration error (exit 2)' '
	repo_with_pin &&
	printf "version: 1\neval:\n  max_age: 10\n" >.pincheck.yml &&
	bump &&
	run_pincheck check --staged &&
	expect_rc 2 &&
	grep_stderr_F ".pincheck.yml:3:"
'

test_expect_success 'eval.trailer: a custom key replaces Eval-Result' '
	repo_with_pin &&
	printf "version: 1\neval: {trailer: Model-Eval}\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q --no-verify -m cfg &&
	bump && stage_eval e.yaml "$NEW" &&
	commit_refused -m "$(trailer e.yaml)" &&
	grep_stderr_F "app.py:3:10: error[missing-eval]" &&
	commit_accepted -m "Model-Eval: $RES/e.yaml"
'

test_expect_success 'eval.trailer: a list of keys, each accepted' '
	repo_with_pin &&
	printf "version: 1\neval: {trailer: [Eval-Result, Model-Eval]}\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q --no-verify -m cfg &&
	bump && stage_eval e.yaml "$NEW" &&
	commit_accepted -m "Model-Eval: $RES/e.yaml" &&
	bump "$OLD" && git commit -q --no-verify -m back &&
	bump &&
	commit_accepted -m "$(trailer e.yaml)"
'

test_expect_success 'eval.dir: a custom directory is where evals must live' '
	repo_with_pin &&
	printf "version: 1\neval: {dir: qa/evals}\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q --no-verify -m cfg &&
	bump && stage_eval e.yaml "$NEW" &&
	commit_refused -m "$(trailer e.yaml)" &&
	bad_eval_has "outside eval.dir" &&
	write_eval qa/evals/e.yaml "$NEW" && git add qa/evals/e.yaml &&
	commit_accepted -m "Eval-Result: qa/evals/e.yaml"
'

# --- trailers are read as git reads them --------------------------------------

test_expect_success 'Eval-Result in a middle paragraph is not a trailer' '
	repo_with_pin && bump && stage_eval e.yaml "$NEW" &&
	printf "Bump\n\n%s\n\nThe eval is linked above.\n" "$(trailer e.yaml)" >msg &&
	_before=$(git rev-parse HEAD) &&
	! git commit -q -F msg 2>"$ERR" &&
	test "$(git rev-parse HEAD)" = "$_before" &&
	grep_stderr_F "app.py:3:10: error[missing-eval]"
'

test_expect_success 'Eval-Result as the subject line (only paragraph) is not a trailer' '
	repo_with_pin && bump && stage_eval e.yaml "$NEW" &&
	printf "%s\n" "$(trailer e.yaml)" >msg &&
	! git commit -q -F msg 2>"$ERR" &&
	grep_stderr_F "error[missing-eval]"
'

test_expect_success 'git commit -F: the trailer in the last paragraph is accepted' '
	repo_with_pin && bump && stage_eval e.yaml "$NEW" &&
	msg_file msg e.yaml &&
	git commit -q -F msg 2>"$ERR" &&
	git log -1 --format=%s | grep -q "^Bump the model\$"
'

test_expect_success 'a --- line in the body does not end the message: git commit keeps the trailer after it' '
	repo_with_pin && bump && stage_eval e.yaml "$NEW" &&
	printf "Bump\n\n---\nNotes below a rule.\n\n%s\n" "$(trailer e.yaml)" >msg &&
	{ git commit -q -F msg 2>"$ERR" || { cat "$ERR"; false; }; } &&
	git log -1 "--format=%(trailers)" | grep -q "^Eval-Result: $RES/e.yaml\$"
'

test_expect_success 'a CRLF message is read like an LF one' '
	repo_with_pin && bump && stage_eval e.yaml "$NEW" &&
	printf "Bump\r\n\r\nWhy.\r\n\r\n%s\r\n" "$(trailer e.yaml)" >msg &&
	git commit -q -F msg --cleanup=verbatim 2>"$ERR" &&
	git log -1 --format=%s | grep -q "^Bump"
'

test_expect_success 'a CRLF message: missing or broken trailer still reported' '
	repo_with_pin && bump &&
	printf "Bump\r\n\r\n%s\r\n" "$(trailer nope.yaml)" >msg &&
	run_pincheck hook commit-msg msg &&
	expect_rc 1 &&
	grep_stderr "msg:3:[0-9]*: error\[bad-eval\]" &&
	grep_stderr_F "does not exist" &&
	no_stderr_F "$(printf "\r")"
'

# editor_prepend TEXT: a GIT_EDITOR that puts TEXT above what git wrote
# (its comment lines, and with -v the scissors line and the diff).
editor_prepend () {
	printf '%s\n' "$1" >"$TEST_DIR/top.txt" &&
	printf '#!/bin/sh\n{ cat "%s"; cat "$1"; } >"$1.new" && mv "$1.new" "$1"\n' "$TEST_DIR/top.txt" >"$TEST_DIR/editor" &&
	chmod +x "$TEST_DIR/editor" &&
	GIT_EDITOR=$TEST_DIR/editor &&
	export GIT_EDITOR
}

test_expect_success 'editor: git'"'"'s comment lines after the trailer do not hide it' '
	repo_with_pin && bump && stage_eval e.yaml "$NEW" &&
	editor_prepend "Bump

$(trailer e.yaml)" &&
	git commit -q 2>"$ERR" &&
	git log -1 --format=%B | grep -q "^Eval-Result: " &&
	! git log -1 --format=%B | grep -q "^#"
'

test_expect_success 'editor: a commented-out trailer does not count' '
	repo_with_pin && bump && stage_eval e.yaml "$NEW" &&
	editor_prepend "Bump

# $(trailer e.yaml)" &&
	! git commit -q 2>"$ERR" &&
	grep_stderr_F "app.py:3:10: error[missing-eval]"
'

test_expect_success 'editor with core.commentChar: its comment lines are removed too' '
	repo_with_pin && bump && stage_eval e.yaml "$NEW" &&
	git config core.commentChar ";" &&
	editor_prepend "Bump

$(trailer e.yaml)" &&
	git commit -q 2>"$ERR" &&
	git log -1 --format=%B | grep -q "^Eval-Result: "
'

test_expect_success 'git commit -v: the diff below the scissors line is not the message' '
	repo_with_pin &&
	stage_eval e.yaml "$NEW" &&
	printf "Reviewed-by: x\nEval-Result: %s/nope.yaml\n" "$RES" >notes.txt &&
	git add notes.txt &&
	bump &&
	editor_prepend "Bump

$(trailer e.yaml)" &&
	git commit -q -v 2>"$ERR" &&
	no_stderr_F "nope.yaml" &&
	git log -1 --format=%B | grep -q "^Eval-Result: $RES/e.yaml\$"
'

test_expect_success 'git commit -v: a trailer only in the diff does not count' '
	repo_with_pin &&
	stage_eval e.yaml "$NEW" &&
	printf "Eval-Result: %s/e.yaml\n" "$RES" >notes.txt &&
	git add notes.txt &&
	bump &&
	editor_prepend "Bump the model" &&
	! git commit -q -v 2>"$ERR" &&
	grep_stderr_F "app.py:3:10: error[missing-eval]"
'

test_expect_success 'a 1 MB line in the body does not stop the trailer being read' '
	repo_with_pin && bump && stage_eval e.yaml "$NEW" &&
	{ printf "Bump\n\n"; head -c 1048576 /dev/zero | tr "\0" x; printf "\n\n%s\n" "$(trailer e.yaml)"; } >msg &&
	run_timeout 20 hook commit-msg msg &&
	expect_rc 0 &&
	git commit -q -F msg 2>"$ERR"
'

test_expect_success 'a 1 MB trailer value: a clean finding, no crash' '
	repo_with_pin && bump &&
	{ printf "Bump\n\nEval-Result: %s/" "$RES"; head -c 1048576 /dev/zero | tr "\0" y; printf ".yaml\n"; } >msg &&
	run_timeout 20 hook commit-msg msg &&
	expect_clean_failure &&
	grep_stderr "error\[\(bad\|missing\)-eval\]"
'

test_expect_success 'NUL bytes in the message file: git or pincheck refuses cleanly' '
	repo_with_pin && bump && stage_eval e.yaml "$NEW" &&
	printf "Bump\0hidden\n\nWhy\0.\n\n%s\n" "$(trailer e.yaml)" >msg &&
	_before=$(git rev-parse HEAD) &&
	if git commit -q -F msg >"$OUT" 2>"$ERR"; then
		git log -1 --format=%B | grep -q "^Eval-Result: "
	else
		test "$(git rev-parse HEAD)" = "$_before" &&
		_no_sanitizer_report
	fi &&
	run_timeout 20 hook commit-msg msg &&
	_rc=$(cat "$RC") && test "$_rc" -le 3 && _no_sanitizer_report &&
	run_timeout 20 check --staged --message msg &&
	_rc=$(cat "$RC") && test "$_rc" -le 3 && _no_sanitizer_report
'

test_expect_success 'NUL bytes in the trailer itself: a clean refusal, no crash' '
	repo_with_pin && bump && stage_eval e.yaml "$NEW" &&
	printf "Bump\n\nEval-Result: %s/e.yaml\0/../../../etc/passwd\n" "$RES" >msg &&
	run_timeout 20 hook commit-msg msg &&
	_rc=$(cat "$RC") && test "$_rc" -le 3 && _no_sanitizer_report &&
	no_stderr_F "passwd:"
'

test_expect_success 'an empty message file: missing-eval for a bump, nothing otherwise' '
	repo_with_pin && bump &&
	: >msg &&
	run_pincheck hook commit-msg msg &&
	expect_rc 1 &&
	grep_stderr_F "error[missing-eval]" &&
	git reset -q &&
	run_pincheck hook commit-msg msg &&
	expect_rc 0
'

test_expect_success 'a message file that is missing or a directory: an error, no crash' '
	repo_with_pin && bump &&
	run_timeout 20 hook commit-msg no-such-file &&
	expect_clean_failure &&
	mkdir d &&
	run_timeout 20 hook commit-msg d &&
	expect_clean_failure
'

test_expect_success 'hook commit-msg without a FILE argument is a usage error' '
	repo_with_pin && bump &&
	run_pincheck hook commit-msg &&
	expect_rc 2
'

test_expect_success 'a message with 50,000 trailers is read quickly' '
	repo_with_pin && bump && stage_eval e.yaml "$NEW" &&
	{ printf "Bump\n\n"; i=0; while test $i -lt 500; do printf "X-N: %d\n" $i; i=$((i + 1)); done; } >head.txt &&
	{ cat head.txt; for i in 1 2 3 4 5 6 7 8 9 10; do for j in 1 2 3 4 5 6 7 8 9 10; do sed 1,2d head.txt; done; done; printf "%s\n" "$(trailer e.yaml)"; } >msg &&
	run_timeout 20 hook commit-msg msg &&
	expect_rc 0
'

# --- malformed eval files: bad-eval, quickly ----------------------------------

# commit_msg_bad NAME: with $RES/NAME staged, hook commit-msg on a message
# linking it (msg_file) exits 1 within 20 s with a bad-eval at the trailer.
commit_msg_bad () {
	msg_file msg "$1" &&
	run_timeout 20 hook commit-msg msg &&
	expect_rc 1 &&
	grep_stderr "msg:5:[0-9]*: error\[bad-eval\]"
}

test_expect_success 'a billion-laughs eval (anchors and aliases): does not parse, quickly' '
	repo_with_pin && bump && mkdir -p $RES &&
	{
		printf "model: %s\nsuite: s\ndate: %s\nstatus: pass\n" "$NEW" "$TODAY" &&
		printf "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" &&
		i=1 && while test $i -le 30; do
			p=$((i - 1))
			printf "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n" $i $i $p $p $p $p $p $p $p $p $p $p
			i=$((i + 1))
		done
	} >$RES/lol.yaml &&
	git add $RES/lol.yaml &&
	commit_msg_bad lol.yaml &&
	grep_stderr_F "does not parse" &&
	commit_refused -m "$(trailer lol.yaml)" &&
	bad_eval_has "does not parse"
'

test_expect_success 'a single anchor in an eval file is refused (anchors refused)' '
	repo_with_pin && bump && mkdir -p $RES &&
	printf "model: &m %s\nbaseline: *m\nsuite: s\ndate: %s\nstatus: pass\n" "$NEW" "$TODAY" >$RES/a.yaml &&
	git add $RES/a.yaml &&
	commit_msg_bad a.yaml &&
	grep_stderr_F "does not parse"
'

test_expect_success 'a merge key (<<: *x) in an eval file is refused' '
	repo_with_pin && bump && mkdir -p $RES &&
	printf "base: &b {status: pass}\n<<: *b\nmodel: %s\nsuite: s\ndate: %s\n" "$NEW" "$TODAY" >$RES/a.yaml &&
	git add $RES/a.yaml &&
	commit_msg_bad a.yaml
'

test_expect_success 'an eval nested 100,000 deep ([[[...]]]): bad-eval, no stack overflow' '
	repo_with_pin && bump && mkdir -p $RES &&
	{
		printf "model: %s\nsuite: s\ndate: %s\nstatus: pass\nx: " "$NEW" "$TODAY" &&
		head -c 100000 /dev/zero | tr "\0" "[" &&
		head -c 100000 /dev/zero | tr "\0" "]" &&
		printf "\n"
	} >$RES/deep.yaml &&
	git add $RES/deep.yaml &&
	commit_msg_bad deep.yaml
'

test_expect_success 'an unclosed 100,000-deep [[[[ eval: bad-eval' '
	repo_with_pin && bump && mkdir -p $RES &&
	head -c 100000 /dev/zero | tr "\0" "[" >$RES/open.yaml &&
	git add $RES/open.yaml &&
	commit_msg_bad open.yaml &&
	grep_stderr_F "does not parse"
'

test_expect_success 'a JSON eval nested 100,000 deep ({"a":{"a":...}}): bad-eval' '
	repo_with_pin && bump && mkdir -p $RES &&
	{
		printf "{\"model\": \"%s\", \"suite\": \"s\", \"date\": \"%s\", \"status\": \"pass\", \"x\": " "$NEW" "$TODAY" &&
		yes "{\"a\":" | head -n 100000 | tr -d "\n" &&
		printf 1 &&
		head -c 100000 /dev/zero | tr "\0" "}" &&
		printf "}\n"
	} >$RES/deep.json &&
	test "$(tr -cd "{" <$RES/deep.json | wc -c)" -eq 100001 &&
	git add $RES/deep.json &&
	commit_msg_bad deep.json
'

test_expect_success 'a 5 MB eval file: bad-eval, quickly' '
	repo_with_pin && bump && mkdir -p $RES &&
	{
		printf "model: %s\nsuite: s\ndate: %s\nstatus: pass\nnotes:\n" "$NEW" "$TODAY" &&
		yes "  - padding padding padding padding padding padding padding padding" | head -n 80000
	} >$RES/big.yaml &&
	test "$(wc -c <$RES/big.yaml)" -gt 5000000 &&
	git add $RES/big.yaml &&
	commit_msg_bad big.yaml
'

test_expect_success 'a binary eval file (NUL bytes): bad-eval' '
	repo_with_pin && bump && mkdir -p $RES &&
	printf "model: %s\0\nsuite: s\ndate: %s\nstatus: pass\n" "$NEW" "$TODAY" >$RES/bin.yaml &&
	git add $RES/bin.yaml &&
	commit_msg_bad bin.yaml
'

test_expect_success 'an eval file with two YAML documents is refused' '
	repo_with_pin && bump && mkdir -p $RES &&
	printf -- "---\nmodel: %s\nstatus: fail\ndate: %s\nsuite: s\n---\nmodel: %s\nstatus: pass\ndate: %s\nsuite: s\n" "$NEW" "$TODAY" "$NEW" "$TODAY" >$RES/two.yaml &&
	git add $RES/two.yaml &&
	commit_msg_bad two.yaml
'

# --- what is not a pin change ------------------------------------------------

test_expect_success 'reordering lines that hold pinned ids is not a bump' '
	new_repo_with_commit r &&
	printf "A = \"%s\"\nB = \"claude-opus-4-6\"\nC = 1\n" "$OLD" >app.py &&
	git add app.py && git commit -q --no-verify -m pins &&
	printf "C = 1\nB = \"claude-opus-4-6\"\nA = \"%s\"\n" "$OLD" >app.py &&
	git add app.py &&
	commit_accepted &&
	no_stderr_F "eval]"
'

test_expect_success 'reformatting the line of a pinned id is not a bump' '
	repo_with_pin &&
	printf "import os\n\nMODEL=\"%s\"   # the tuned one\n" "$OLD" >app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'git mv of a file holding a pinned id is not a bump' '
	repo_with_pin &&
	git mv app.py main.py &&
	commit_accepted
'

test_expect_success 'moving a pinned id from one file to another is not a bump' '
	repo_with_pin &&
	printf "x = 1\n" >app.py &&
	write_model other.py "$OLD" &&
	git add app.py other.py &&
	commit_accepted
'

test_expect_success 'a second reference to an id already in the file is not a bump' '
	repo_with_pin &&
	printf "FALLBACK = \"%s\"\n" "$OLD" >>app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'a new pinned id with nothing disappearing is a new pin, not a bump' '
	repo_with_pin &&
	printf "SECOND = \"%s\"\n" "$NEW" >>app.py &&
	git add app.py &&
	commit_accepted &&
	no_stderr_F "eval]"
'

test_expect_success 'a pinned id in a new file is not a bump' '
	new_repo_with_commit r &&
	bump "$NEW" &&
	commit_accepted
'

test_expect_success 'replacing an OpenAI pin with an Anthropic one is not a bump' '
	repo_with_pin &&
	bump claude-opus-4-6 &&
	commit_accepted
'

test_expect_success 'replacing an alias with a pinned id is not a bump' '
	repo_with_pin gpt-4o &&
	bump &&
	commit_accepted
'

test_expect_success 'an old id still elsewhere in the file: not a bump' '
	new_repo_with_commit r &&
	printf "A = \"%s\"\nB = \"%s\"\n" "$OLD" "$OLD" >app.py &&
	git add app.py && git commit -q --no-verify -m pins &&
	printf "A = \"%s\"\nB = \"%s\"\n" "$OLD" "$NEW" >app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'per file: the old id still in another file does not make it less of a bump' '
	repo_with_pin &&
	commit_pin other.py "$OLD" other &&
	bump &&
	commit_refused &&
	grep_stderr_F "app.py:3:10: error[missing-eval]" &&
	no_stderr_F "other.py"
'

test_expect_success 'per file: the old id removed from one file, the new added to another: not a bump' '
	repo_with_pin &&
	printf "x = 1\n" >app.py &&
	write_model other.py "$NEW" &&
	git add app.py other.py &&
	commit_accepted
'

test_expect_success 'a bump written only in a comment is prose, not a bump' '
	new_repo_with_commit r &&
	printf "# model: %s\nx = 1\n" "$OLD" >app.py &&
	git add app.py && git commit -q --no-verify -m c &&
	printf "# model: %s\nx = 1\n" "$NEW" >app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'deleting a file that holds a pinned id needs no eval' '
	repo_with_pin &&
	git rm -q app.py &&
	commit_accepted
'

test_expect_success 'a commit with no pin change and an invalid trailer is not blocked by missing-eval' '
	repo_with_pin &&
	printf "x = 1\n" >other.py && git add other.py &&
	printf "Tidy\n\n%s\n" "$(trailer nope.yaml)" >msg &&
	run_pincheck hook commit-msg msg &&
	no_stderr_F "missing-eval"
'

# --- eval.require_for: [bump, new] ---------------------------------------------

test_expect_success 'require_for new: the repository'"'"'s first use of a pinned id needs an eval' '
	new_repo_with_commit r &&
	printf "version: 1\neval:\n  require_for: [bump, new]\n" >.pincheck.yml &&
	git add .pincheck.yml && git commit -q --no-verify -m cfg &&
	bump claude-opus-4-6 &&
	commit_refused &&
	grep_stderr_F "app.py:3:10: error[missing-eval]" &&
	finding_line_has "error[missing-eval]" claude-opus-4-6 &&
	stage_eval o.yaml claude-opus-4-6 &&
	commit_accepted -m "$(trailer o.yaml)"
'

test_expect_success 'require_for new: an id already used elsewhere in the repository needs none' '
	new_repo_with_commit r &&
	printf "version: 1\neval:\n  require_for: [bump, new]\n" >.pincheck.yml &&
	write_model old.py claude-opus-4-6 &&
	git add .pincheck.yml old.py && git commit -q --no-verify -m cfg &&
	bump claude-opus-4-6 &&
	commit_accepted
'

test_expect_success 'require_for new: on an unborn branch every pinned id is new' '
	new_repo r &&
	printf "version: 1\neval:\n  require_for: [bump, new]\n" >.pincheck.yml &&
	write_model app.py claude-opus-4-6 &&
	git add .pincheck.yml app.py &&
	commit_refused &&
	grep_stderr_F "app.py:3:10: error[missing-eval]"
'

test_expect_success 'require_for [new] only: a bump to an id used elsewhere needs no eval' '
	new_repo_with_commit r &&
	printf "version: 1\neval:\n  require_for: [new]\n" >.pincheck.yml &&
	write_model app.py "$OLD" && write_model lib.py "$NEW" &&
	git add .pincheck.yml app.py lib.py && git commit -q --no-verify -m cfg &&
	bump &&
	commit_accepted
'

test_expect_success 'require_for with an unknown value is a configuration error' '
	repo_with_pin &&
	printf "version: 1\neval:\n  require_for: [bump, sometimes]\n" >.pincheck.yml &&
	bump &&
	run_pincheck check --staged &&
	expect_rc 2 &&
	grep_stderr_F ".pincheck.yml:3:"
'

# --- approved -----------------------------------------------------------------

test_expect_success 'approved: introducing an unapproved pinned id is refused by pre-commit' '
	new_repo_with_commit r &&
	approve "$NEW" &&
	bump claude-sonnet-4-6 &&
	commit_refused &&
	grep_stderr_F "app.py:3:10: error[unapproved]" &&
	finding_line_has "error[unapproved]" claude-sonnet-4-6 &&
	run_pincheck hook pre-commit &&
	expect_rc 1 &&
	grep_stderr_F "app.py:3:10: error[unapproved]"
'

test_expect_success 'approved: hook commit-msg does not repeat unapproved' '
	new_repo_with_commit r &&
	approve "$NEW" &&
	bump claude-sonnet-4-6 &&
	printf "Add\n" >msg &&
	run_pincheck hook commit-msg msg &&
	expect_rc 0 &&
	no_stderr_F "unapproved"
'

test_expect_success 'approved: introducing an approved pinned id is accepted' '
	new_repo_with_commit r &&
	approve "$NEW" &&
	bump "$NEW" &&
	commit_accepted
'

test_expect_success 'approved: an unapproved id already in the file and unchanged is fine' '
	new_repo_with_commit r &&
	commit_pin app.py claude-sonnet-4-6 legacy &&
	approve "$NEW" &&
	printf "TIMEOUT = 3\n" >>app.py && git add app.py &&
	commit_accepted
'

test_expect_success 'approved: an alias is not a pinned id, so it is an alias finding only' '
	new_repo_with_commit r &&
	approve "$NEW" &&
	bump gpt-4o &&
	commit_refused &&
	grep_stderr_F "app.py:3:10: error[alias]" &&
	no_stderr_F "error[unapproved]"
'

test_expect_success 'approved: empty list means any pinned id' '
	new_repo_with_commit r &&
	printf "version: 1\napproved: []\n" >.pincheck.yml && git add .pincheck.yml &&
	git commit -q --no-verify -m cfg &&
	bump claude-sonnet-4-6 &&
	commit_accepted
'

test_expect_success 'approved: a bump to an unapproved id with a valid eval is still unapproved' '
	repo_with_pin &&
	approve "$OLD" &&
	bump && stage_eval e.yaml "$NEW" &&
	commit_refused -m "$(trailer e.yaml)" &&
	grep_stderr_F "app.py:3:10: error[unapproved]"
'

test_expect_success 'approved: a bump to an approved id with a valid eval is accepted' '
	repo_with_pin &&
	approve "$OLD" "$NEW" &&
	bump && stage_eval e.yaml "$NEW" &&
	commit_accepted -m "$(trailer e.yaml)"
'

test_expect_success 'approved: adding an id to the list needs an eval trailer for it' '
	new_repo_with_commit r &&
	approve "$NEW" &&
	printf "  - claude-opus-4-6\n" >>.pincheck.yml && git add .pincheck.yml &&
	commit_refused &&
	grep_stderr "^\.pincheck\.yml:4:[0-9]*: error\[missing-eval\]" &&
	finding_line_has ".pincheck.yml:4:" claude-opus-4-6
'

test_expect_success 'approved: adding an id to the list with a valid eval is accepted' '
	new_repo_with_commit r &&
	approve "$NEW" &&
	printf "  - claude-opus-4-6\n" >>.pincheck.yml && git add .pincheck.yml &&
	stage_eval opus.yaml claude-opus-4-6 &&
	commit_accepted -m "$(trailer opus.yaml)"
'

test_expect_success 'approved: adding an id with an eval of another model is bad-eval' '
	new_repo_with_commit r &&
	approve "$NEW" &&
	printf "  - claude-opus-4-6\n" >>.pincheck.yml && git add .pincheck.yml &&
	stage_eval e.yaml "$NEW" &&
	commit_refused -m "$(trailer e.yaml)" &&
	bad_eval_says "evaluates $NEW, not claude-opus-4-6"
'

test_expect_success 'approved: adding two ids needs evals for both' '
	new_repo_with_commit r &&
	approve "$NEW" &&
	printf "  - claude-opus-4-6\n  - gemini-3.5-pro\n" >>.pincheck.yml && git add .pincheck.yml &&
	stage_eval opus.yaml claude-opus-4-6 &&
	commit_refused -m "$(trailer opus.yaml)" &&
	uncovered_at ".pincheck.yml:5:" gemini-3.5-pro &&
	no_stderr_F ".pincheck.yml:4:"
'

test_expect_success 'approved: removing an id from the list needs no eval' '
	new_repo_with_commit r &&
	approve "$NEW" claude-opus-4-6 &&
	printf "version: 1\napproved:\n  - %s\n" "$NEW" >.pincheck.yml && git add .pincheck.yml &&
	commit_accepted
'

# --- check --staged --message ---------------------------------------------------

test_expect_success 'check --staged --message: eval and pre-commit findings together, on stdout' '
	repo_with_pin && bump &&
	printf "ALIAS = \"gpt-4o\"\n" >>app.py && git add app.py &&
	printf "Bump\n" >msg &&
	run_pincheck check --staged --message msg &&
	expect_rc 1 &&
	grep_stdout_F "app.py:3:10: error[missing-eval]" &&
	grep_stdout_F "app.py:4:10: error[alias]"
'

test_expect_success 'check --staged --message: a valid trailer passes' '
	repo_with_pin && bump && stage_eval e.yaml "$NEW" &&
	msg_file msg e.yaml &&
	run_pincheck check --staged --message msg &&
	expect_rc 0 &&
	no_stdout_F "error["
'

test_expect_success 'check --staged --message: bad-eval is placed at the message file and line' '
	repo_with_pin && bump &&
	msg_file msg nope.yaml &&
	run_pincheck check --staged --message msg &&
	expect_rc 1 &&
	grep_stdout "^msg:5:[0-9]*: error\[bad-eval\]" &&
	grep_stdout_F "does not exist"
'

test_expect_success 'check --staged --message --format json: kinds and no commit id' '
	repo_with_pin && bump &&
	printf "Bump\n" >msg &&
	run_pincheck --format json check --staged --message msg &&
	expect_rc 1 &&
	grep -q "\"kind\": *\"missing-eval\"" "$OUT" &&
	grep -q "\"commit\": *null" "$OUT" &&
	grep -q "\"errors\": *1" "$OUT"
'

test_expect_success 'hook commit-msg reports only eval findings (the alias was pre-commit'"'"'s)' '
	repo_with_pin && bump &&
	printf "ALIAS = \"gpt-4o\"\n" >>app.py && git add app.py &&
	stage_eval e.yaml "$NEW" &&
	msg_file msg e.yaml &&
	run_pincheck hook commit-msg msg &&
	expect_rc 0 &&
	no_stderr_F "[alias]"
'

test_done
