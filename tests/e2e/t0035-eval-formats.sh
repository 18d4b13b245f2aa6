#!/bin/sh
# t0035: the eval gate reads what eval tools write. A pin bump ($OLD to $NEW
# in app.py) links, in its commit message, a result as promptfoo, inspect_ai
# (JSON and .eval archives), lm-evaluation-harness or the OpenAI Evals API
# wrote it (tests/data/evals/: pass, fail, wrong-model, regression and stale
# variants), through a real `git commit` with the installed hooks and a real
# push to a pre-receive hook. The verdict is the tool's numbers against
# eval.min_pass_rate, eval.metrics and eval.max_regression; every problem of
# every linked result is reported in one run; `pincheck eval check` says the
# same before the commit; files under eval.dir are records, never choices.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-eval.sh"
. "$(dirname "$0")/lib-server.sh"

DATA=$E2E_DIR/../data/evals

# The config a format's verdict needs: score-only tools name their metrics.
config_for () {
	case $1 in
	inspect*) echo "  metrics: {accuracy: 0.9}" ;;
	lm-eval*) echo "  metrics: {acc: 0.8}" ;;
	*) echo "  min_pass_rate: 1.0" ;;
	esac
}

# write_config LINES: .pincheck.yml's eval: section holds LINES (none: no
# eval: section); staged.
write_config () {
	if test -n "$1"; then
		printf 'version: 1\neval:\n%s\n' "$1"
	else
		printf 'version: 1\n'
	fi >.pincheck.yml &&
	git add .pincheck.yml
}


# gate_repo LINES: repo_with_pin, with .pincheck.yml's eval: LINES committed.
gate_repo () {
	repo_with_pin &&
	write_config "$1" &&
	commit_unchecked config
}

# link FIXTURE...: copy each fixture to $RES under its own name, staged.
link () {
	mkdir -p $RES &&
	for _f; do cp "$DATA/$_f" "$RES/$_f" || return 1; done &&
	(cd $RES && git add -- "$@")
}

# trailers FIXTURE...: the message's last paragraph, one trailer each.
trailers () {
	for _f; do printf 'Eval-Result: %s/%s\n' "$RES" "$_f"; done
}

# bump_with HOW FIXTURE...: link the fixtures, bump app.py to $NEW, and
# commit with their trailers through HOW (commit_accepted, commit_refused).
bump_with () {
	_how=$1
	shift
	link "$@" && bump &&
	$_how -m "$(trailers "$@")"
}

# --- each format passes, through git commit ------------------------------------

for f in promptfoo-pass.json promptfoo-pass.yaml inspect-pass.json inspect-pass.eval \
	inspect-pass-zstd.eval lm-eval-pass.json lm-eval-model-args.json openai-pass.json; do
	test_expect_success "a bump linking $f is accepted" '
		gate_repo "$(config_for '"$f"')" &&
		bump_with commit_accepted '"$f"' &&
		git show --stat HEAD >stat && grep -q "$RES/'"$f"'" stat
	'
done

# --- and is refused for what the tool's numbers say ---------------------------

# refused FIXTURE CONFIG TEXT...: the bump linking FIXTURE under CONFIG is
# refused, a bad-eval finding saying each TEXT.
refused () {
	_fx=$1 _cfg=$2
	shift 2
	gate_repo "$_cfg" &&
	bump_with commit_refused "$_fx" &&
	for _t; do
		bad_eval_says "$_t" || return 1
	done
}

test_expect_success 'promptfoo: a failing test is below min_pass_rate' '
	refused promptfoo-fail.json "" \
		"$NEW passed 3 of 4 tests (75.0%), below eval.min_pass_rate (1) (a pin bump)"
'

test_expect_success 'promptfoo: eval.min_pass_rate 0.75 lets it through' '
	gate_repo "  min_pass_rate: 0.75" &&
	bump_with commit_accepted promptfoo-fail.json
'

test_expect_success 'promptfoo: a provider id with no model is bad-eval' '
	refused promptfoo-no-model.json "" \
		"has results of the provider '"'"'openai:chat'"'"', which names no model"
'

test_expect_success 'promptfoo: the replaced model, scored in the same file, may not do better' '
	refused promptfoo-regression.json "  min_pass_rate: 0.75" \
		"$NEW passed 75.0% of its tests, $OLD 100.0%: it trails by more than eval.max_regression (0)"
'

test_expect_success 'pincheck bump --eval weighs the replaced model as the commit-msg hook does' '
	gate_repo "  min_pass_rate: 0.75" &&
	link promptfoo-regression.json &&
	git commit -q -m "the result" &&
	run_pincheck bump --eval $RES/promptfoo-regression.json $OLD $NEW && expect_rc 1 &&
	grep_stderr_F "it trails by more than eval.max_regression (0)" &&
	grep_stderr_F "nothing written" && grep -q -F "$OLD" app.py
'

test_expect_success 'promptfoo: eval.max_regression 0.25 allows that much' '
	gate_repo "$(printf "  min_pass_rate: 0.75\n  max_regression: 0.25")" &&
	bump_with commit_accepted promptfoo-regression.json
'

test_expect_success 'inspect_ai: accuracy below eval.metrics (JSON log and .eval archive)' '
	refused inspect-fail.json "$(config_for inspect)" \
		"$NEW'"'"'s match/accuracy is 0.7, below eval.metrics.accuracy (0.9)" &&
	refused inspect-fail.eval "$(config_for inspect)" \
		"$NEW'"'"'s match/accuracy is 0.7, below eval.metrics.accuracy (0.9)"
'

test_expect_success 'inspect_ai: no eval.metrics: refused with the config to write and the metrics it has' '
	refused inspect-pass.json "" \
		"which has scores but no verdict: say in .pincheck.yml which metrics must reach what, e.g. \`eval: {metrics: {accuracy: 0.9}}\` (this result has match/accuracy, match/stderr)"
'

test_expect_success 'inspect_ai: a log whose run failed names the accepted status' '
	refused inspect-error.json "$(config_for inspect)" \
		"has status '"'"'error'"'"'; an inspect_ai log is accepted with status success only"
'

test_expect_success 'inspect_ai: a second linked log of the replaced model that scores higher' '
	gate_repo "$(config_for inspect)" &&
	bump_with commit_refused inspect-pass.json inspect-regression-old.json &&
	bad_eval_says "$NEW'"'"'s match/accuracy is 0.92, $OLD'"'"'s is 0.97 in $RES/inspect-regression-old.json: it trails by more than eval.max_regression (0)"
'

test_expect_success 'inspect_ai: a scorer picked by name (SCORER/metric)' '
	gate_repo "  metrics: {match/accuracy: 0.95}" &&
	bump_with commit_refused inspect-pass.json &&
	bad_eval_says "match/accuracy is 0.92, below eval.metrics.match/accuracy (0.95)"
'

test_expect_success 'lm-eval: acc matches every task'"'"'s acc,none; one below is refused' '
	refused lm-eval-fail.json "$(config_for lm-eval)" \
		"$NEW'"'"'s arc_challenge/acc,none is 0.62, below eval.metrics.acc (0.8)"
'

test_expect_success 'lm-eval: a second linked result of the replaced model, better on each task' '
	gate_repo "$(config_for lm-eval)" &&
	bump_with commit_refused lm-eval-pass.json lm-eval-regression-old.json &&
	bad_eval_says "arc_easy/acc,none is 0.91, $OLD'"'"'s is 0.95" &&
	bad_eval_says "arc_challenge/acc,none is 0.84, $OLD'"'"'s is 0.88"
'

test_expect_success 'lm-eval: metrics the result does not report: refused, naming what it has' '
	refused lm-eval-pass.json "  metrics: {exact_match: 0.5}" \
		"reports none of the metrics eval.metrics names (exact_match); it has arc_easy/acc,none"
'

test_expect_success 'OpenAI Evals: 45 of 50 passed is below min_pass_rate 1.0' '
	refused openai-fail.json "" "$NEW passed 45 of 50 tests (90.0%), below eval.min_pass_rate (1)"
'

test_expect_success 'OpenAI Evals: a run not completed names the accepted status' '
	refused openai-in-progress.json "" \
		"has status '"'"'in_progress'"'"'; an OpenAI eval run is accepted with status completed only"
'

test_expect_success 'OpenAI Evals: the replaced model'"'"'s run, linked too, passed more' '
	gate_repo "  min_pass_rate: 0.9" &&
	bump_with commit_refused openai-regression-new.json openai-regression-old.json &&
	bad_eval_says "$NEW passed 96.0% of its tests, $OLD 100.0% in $RES/openai-regression-old.json"
'

for fmt in promptfoo inspect lm-eval openai; do
	test_expect_success "$fmt: an eval of another model is refused, naming both" '
		refused '"$fmt"'-wrong-model.json "$(config_for '"$fmt"')" \
			"evaluates gpt-4o-2024-11-20, not $NEW, which this change introduces"
	'
	test_expect_success "$fmt: a stale result is refused by the tool's own date" '
		refused '"$fmt"'-stale.json "$(config_for '"$fmt"')" \
			"is dated 2026-06-01 (" \
			"days before the commit; eval.max_age_days is 90"
	'
done

# --- every problem at once -------------------------------------------------------

test_expect_success 'every failing condition of every linked result, in one run' '
	gate_repo "$(config_for inspect)" &&
	link inspect-stale.json promptfoo-fail.json &&
	printf "model: %s\nsuite: s\ndate: %s\nstatus: passed\n" "$NEW" "$TODAY" >$RES/own.yaml &&
	write_eval $RES/unstaged.yaml "$NEW" &&
	git add $RES/own.yaml && bump &&
	commit_refused -m "$(trailers inspect-stale.json promptfoo-fail.json own.yaml unstaged.yaml)" &&
	bad_eval_says "inspect-stale.json is dated 2026-06-01 (eval.created)" &&
	bad_eval_says "$NEW passed 3 of 4 tests (75.0%), below eval.min_pass_rate (1)" &&
	bad_eval_says "own.yaml has status '"'"'passed'"'"'; the accepted values are pass and fail" &&
	bad_eval_says "unstaged.yaml exists in the working tree but not in the index being committed: git add it" &&
	test "$(grep -c -F "error[bad-eval]" "$ERR")" -ge 4
'

# --- records, not choices ------------------------------------------------------------

test_expect_success 'files under eval.dir are records: an alias in them is no finding' '
	repo_with_pin &&
	mkdir -p $RES &&
	printf "model: gpt-4.1\nsuite: s\ndate: %s\nstatus: pass\n" "$TODAY" >$RES/own.yaml &&
	sed "s/gpt-4o-mini-2024-07-18/gpt-4o-mini/g" "$DATA/promptfoo-pass.json" >$RES/run.json &&
	grep -q "\"openai:chat:gpt-4o-mini\"" $RES/run.json &&
	git add $RES &&
	commit_accepted &&
	no_stderr_F "error[alias]"
'

test_expect_success 'drill dates a pin by a passing tool result under eval.dir, not by a failing one' '
	gate_repo "$(config_for inspect)" &&
	link inspect-pass.eval promptfoo-fail.json && bump && commit_unchecked results &&
	run_pincheck --format json drill &&
	grep_stdout_F "\"last_eval\": {\"path\": \"$RES/inspect-pass.eval\", \"date\": \"2026-11-28\"}" &&
	git rm -q $RES/inspect-pass.eval && commit_unchecked "no pass" &&
	run_pincheck --format json drill &&
	no_stdout_F "\"last_eval\": {"
'

# --- pincheck eval check says the same before the commit ----------------------------

test_expect_success 'eval check: format, models with their numbers, date, verdict (exit 0)' '
	gate_repo "$(config_for inspect)" &&
	link inspect-pass.eval &&
	run_pincheck eval check $RES/inspect-pass.eval --model "$NEW" &&
	expect_rc 0 &&
	grep_stdout_F "$RES/inspect-pass.eval: inspect_ai result, dated 2026-11-28 (eval.created)" &&
	grep_stdout_F "  $NEW (openai/$NEW): match/accuracy 0.92, match/stderr NaN" &&
	grep_stdout_F "  verdict for $NEW: pass" &&
	grep_stdout_F "verdict: pass"
'

test_expect_success 'eval check: every problem, in the hook'"'"'s words (exit 1)' '
	gate_repo "" &&
	mkdir -p $RES && cp "$DATA/promptfoo-regression.json" $RES/p.json &&
	run_pincheck eval check $RES/p.json --model "$NEW" --replaces "$OLD" &&
	expect_rc 1 &&
	grep_stdout_F "$RES/p.json: promptfoo result, dated 2026-11-28 (results.timestamp)" &&
	grep_stdout_F "  $NEW (openai:$NEW): 3 of 4 tests passed (75.0%)" &&
	grep_stdout_F "  $OLD (openai:$OLD): 4 of 4 tests passed (100.0%)" &&
	grep_stdout_F "problem: $RES/p.json exists in the working tree but not in the index being committed: git add it" &&
	grep_stdout_F "problem: $RES/p.json: $NEW passed 3 of 4 tests (75.0%), below eval.min_pass_rate (1)" &&
	grep_stdout_F "problem: $RES/p.json: $NEW passed 75.0% of its tests, $OLD 100.0%" &&
	grep_stdout_F "verdict: refused (3 problems)"
'

test_expect_success 'eval check: a file changed since it was staged; one outside eval.dir' '
	gate_repo "" &&
	link openai-pass.json && cp "$DATA/openai-fail.json" $RES/openai-pass.json &&
	cp "$DATA/openai-pass.json" elsewhere.json &&
	run_pincheck eval check $RES/openai-pass.json elsewhere.json &&
	expect_rc 1 &&
	grep_stdout_F "has changes the index does not hold, so the commit would link another version: git add it" &&
	grep_stdout_F "elsewhere.json is outside eval.dir (evals/results/)"
'

test_expect_success 'eval check: a wrong model, a missing file (exit 2), a usage error (exit 2)' '
	gate_repo "" &&
	link openai-wrong-model.json &&
	run_pincheck eval check $RES/openai-wrong-model.json --model "$NEW" &&
	expect_rc 1 &&
	grep_stdout_F "evaluates gpt-4o-2024-11-20, not $NEW" &&
	run_pincheck eval check $RES/none.json &&
	expect_rc 2 &&
	grep_stderr_F "no such file" &&
	run_pincheck eval check &&
	expect_rc 2 &&
	run_pincheck eval check x.json --replaces "$OLD" &&
	expect_rc 2
'

test_expect_success 'eval check: an archive without header.json names inspect log dump' '
	gate_repo "" &&
	link not-inspect.eval &&
	run_pincheck eval check $RES/not-inspect.eval &&
	expect_rc 1 &&
	grep_stdout_F "inspect log dump"
'

# --- hostile results --------------------------------------------------------------------

test_expect_success 'a 50 MB linked result: bad-eval by its size, quickly' '
	gate_repo "" && mkdir -p $RES &&
	{
		printf "{\"results\": {\"timestamp\": \"2026-11-28\", \"results\": [], \"pad\": \"" &&
		head -c 52428800 /dev/zero | tr "\0" "x" &&
		printf "\"}}\n"
	} >$RES/big.json &&
	git add $RES/big.json && bump &&
	commit_refused -m "$(trailers big.json)" &&
	bad_eval_says "big.json is larger than 16 MiB"
'

test_expect_success 'a 6 MB inspect_ai log of samples: read past, accepted' '
	gate_repo "$(config_for inspect)" && mkdir -p $RES &&
	{
		sed "\$d" "$DATA/inspect-pass.json" &&
		printf ", \"reductions\": [\n" &&
		yes "{\"sample_id\": 1, \"answer\": \"Use the reset link.\", \"explanation\": [{\"role\": \"user\", \"content\": \"reset\"}]}," |
			head -n 60000 &&
		printf "{\"sample_id\": 0}]}\n"
	} >$RES/log.json &&
	test "$(wc -c <$RES/log.json)" -gt 6000000 &&
	git add $RES/log.json && bump &&
	commit_accepted -m "$(trailers log.json)"
'

# --- through a real push to a pre-receive hook -----------------------------------------

for f in promptfoo inspect lm-eval openai; do
	test_expect_success "pre-receive: a bump linking a passing $f result is accepted" '
		server_with_main &&
		write_config "$(config_for '"$f"')" && commit_pin app.py "$OLD" &&
		push_accepted origin main &&
		link '"$f"'-pass.json &&
		commit_pin app.py "$NEW" "Bump" -m "$(trailers '"$f"'-pass.json)" &&
		push_accepted origin main &&
		expect_commits 1
	'
	test_expect_success "pre-receive: a bump linking a failing $f result is rejected" '
		server_with_main &&
		write_config "$(config_for '"$f"')" && commit_pin app.py "$OLD" &&
		push_accepted origin main &&
		link '"$f"'-fail.json &&
		commit_pin app.py "$NEW" "Bump" -m "$(trailers '"$f"'-fail.json)" &&
		push_rejected origin main &&
		grep_stderr "^remote: app.py:3:10: error\[bad-eval\] .*'"$f"'-fail.json"
	'
done

test_expect_success 'pre-receive: a push that weakens the verdict keys is a policy error' '
	server_with_main &&
	write_config "$(printf "  min_pass_rate: 1.0\n  max_regression: 0.0\n  metrics: {accuracy: 0.9, acc: 0.8}")" &&
	commit_unchecked config && push_accepted origin main &&
	write_config "$(printf "  min_pass_rate: 0.5\n  max_regression: 0.1\n  metrics: {accuracy: 0.5}")" &&
	commit_unchecked weaker &&
	push_rejected origin main &&
	grep_stderr_F "eval.min_pass_rate lowered from 1 to 0.5" &&
	grep_stderr_F "eval.max_regression raised from 0 to 0.1" &&
	grep_stderr_F "eval.metrics.accuracy lowered from 0.9 to 0.5" &&
	grep_stderr_F "eval.metrics.acc removed"
'

test_done
