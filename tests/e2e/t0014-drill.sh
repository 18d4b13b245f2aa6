#!/bin/sh
# t0014: `pincheck drill`, the quarterly migration-drill report (SPEC section
# 6): each pinned model in use with its snapshot date and age, lifecycle
# dates, the newest passing eval under eval.dir, the next drill date; exit 1
# when a model is retired, retires soon, or its drill is overdue.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-eval.sh"

test_expect_success 'a pinned model with a recent passing eval is ok' '
	new_repo_with_commit r &&
	printf "MODEL = \"claude-opus-4-6\"\n" >app.py &&
	write_dated_eval claude-opus-4-6 2026-05-01 pass &&
	PINCHECK_TODAY=2026-06-01 run_pincheck --format json drill &&
	expect_rc 0 &&
	grep_stdout_F "\"model\": \"claude-opus-4-6\"" &&
	grep_stdout_F "\"last_eval\": {\"path\": \"evals/results/claude-opus-4-6-2026-05-01.yaml\", \"date\": \"2026-05-01\"}" &&
	grep_stdout_F "\"next_drill\": \"2026-07-30\", \"status\": \"ok\""
'

test_expect_success 'the newest passing eval counts; a failing one does not' '
	new_repo_with_commit r &&
	printf "MODEL = \"claude-opus-4-6\"\n" >app.py &&
	write_dated_eval claude-opus-4-6 2026-01-01 pass &&
	write_dated_eval claude-opus-4-6 2026-05-20 fail &&
	write_dated_eval claude-opus-4-6 2026-04-01 pass &&
	PINCHECK_TODAY=2026-06-01 run_pincheck --format json drill &&
	grep_stdout_F "\"date\": \"2026-04-01\"}"
'

test_expect_success 'an overdue drill exits 1' '
	new_repo_with_commit r &&
	printf "MODEL = \"claude-opus-4-6\"\n" >app.py &&
	write_dated_eval claude-opus-4-6 2026-01-01 pass &&
	PINCHECK_TODAY=2026-06-01 run_pincheck drill &&
	expect_rc 1 &&
	grep_stdout "^claude-opus-4-6 .*overdue$"
'

test_expect_success 'drill.every_days sets the rhythm' '
	new_repo_with_commit r &&
	printf "drill: {every_days: 365}\n" >.pincheck.yml &&
	printf "MODEL = \"claude-opus-4-6\"\n" >app.py &&
	write_dated_eval claude-opus-4-6 2026-01-01 pass &&
	PINCHECK_TODAY=2026-06-01 run_pincheck drill &&
	expect_rc 0
'

test_expect_success 'a model with no eval at all is reported, but fails no drill (SPEC 6)' '
	new_repo_with_commit r &&
	printf "MODEL = \"claude-opus-4-6\"\n" >app.py &&
	PINCHECK_TODAY=2026-06-01 run_pincheck drill &&
	expect_rc 0 &&
	grep_stdout "no-eval$" &&
	grep_stdout_F "0 need attention"
'

test_expect_success 'a retired model exits 1 whatever its evals' '
	new_repo_with_commit r &&
	printf "MODEL = \"claude-3-opus-20240229\"\n" >app.py &&
	write_dated_eval claude-3-opus-20240229 2026-05-01 pass &&
	PINCHECK_TODAY=2026-06-01 run_pincheck --format json drill &&
	expect_rc 1 &&
	grep_stdout_F "\"snapshot_date\": \"2024-02-29\"" &&
	grep_stdout_F "\"retires\": \"2026-01-05\"" &&
	grep_stdout_F "\"status\": \"retired\""
'

test_expect_success 'a model retiring within warn_before_retirement_days exits 1' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4-0613\"\n" >app.py &&
	write_dated_eval gpt-4-0613 2026-09-01 pass &&
	PINCHECK_TODAY=2026-09-15 run_pincheck drill &&
	expect_rc 1 &&
	grep_stdout "retiring$"
'

test_expect_success 'aliases and prose mentions are not drilled; --rev reads a revision' '
	new_repo_with_commit r &&
	printf "# was claude-3-opus-20240229\nMODEL = \"gpt-4o\"\n" >app.py &&
	git add app.py && git commit -q --no-verify -m x &&
	PINCHECK_TODAY=2026-06-01 run_pincheck drill --rev HEAD &&
	expect_rc 0 &&
	grep_stdout_F "pincheck: 0 pinned models"
'

# Text tables size each column to its longest cell (SPEC section 3): a long
# id widens its column, and no date or age is ever cut.
test_expect_success 'drill and pins: columns as wide as their longest cell, nothing cut' '
	new_repo_with_commit r &&
	cat >.pincheck.yml <<-\EOF &&
	rules:
	  - id: acme-pinned
	    provider: acme
	    class: pinned
	    pattern: acme-long-model-name-for-a-drill-table-[0-9]{8}
	    message: A dated acme model.
	EOF
	printf "M = \"acme-long-model-name-for-a-drill-table-19990301\"\nN = \"gpt-4o-2024-08-06\"\n" >app.py &&
	run_pincheck drill && expect_rc 1 &&
	cat >../expect <<-\EOF &&
	MODEL                                           PROVIDER SNAPSHOT   AGE DEPRECATED RETIRES    LAST EVAL NEXT DRILL CANDIDATE STATUS
	acme-long-model-name-for-a-drill-table-19990301 acme     -            - -          -          -         now        -         no-eval
	gpt-4o-2024-08-06                               openai   2024-08-06 847 -          2027-01-14 -         now        -         retiring
	EOF
	head -n 3 "$OUT" >../actual &&
	diff -u ../expect ../actual &&
	run_pincheck pins && expect_rc 0 &&
	cat >../expect <<-\EOF &&
	acme-long-model-name-for-a-drill-table-19990301 pinned acme   1
	gpt-4o-2024-08-06                               pinned openai 1
	EOF
	head -n 2 "$OUT" >../actual &&
	diff -u ../expect ../actual
'

# The summary counts in the words of the STATUS column: what needs
# attention by status, and no-eval apart (it fails no drill).
test_expect_success 'the drill summary says what it counts, status by status' '
	new_repo_with_commit r &&
	printf "a = \"claude-3-opus-20240229\"\nb = \"gpt-4o-2024-11-20\"\nc = \"claude-opus-4-6\"\nd = \"gemini-1.5-pro-002\"\n" >app.py &&
	run_pincheck drill && expect_rc 1 &&
	grep_stdout_F "pincheck: 4 pinned models; 3 need attention (2 retired, 1 retiring within 60 days); 1 no-eval (no passing eval on record, which fails no drill)" &&
	printf "c = \"claude-opus-4-6\"\n" >app.py &&
	run_pincheck drill && expect_rc 0 &&
	grep_stdout_F "pincheck: 1 pinned model; 0 need attention; 1 no-eval (no passing eval on record, which fails no drill)"
'

# The candidate is the next target of a drill: the catalog's replacement
# when `pincheck bump` would take it (pinned, same provider, not retired
# on the drill's day), never an alias; none is "-" in text, null in JSON.
test_expect_success 'drill names each pin'"'"'s candidate: the replacement bump would take' '
	new_repo_with_commit r &&
	printf "a = \"gemini-2.5-pro\"\nb = \"mistral-large-2407\"\nc = \"gpt-4o-2024-08-06\"\n" >app.py &&
	run_pincheck drill && expect_rc 1 &&
	cat >../expect <<-\EOF &&
	MODEL              PROVIDER SNAPSHOT   AGE DEPRECATED RETIRES    LAST EVAL NEXT DRILL CANDIDATE        STATUS
	gemini-2.5-pro     google   -            - -          2026-10-16 -         now        gemini-3.5-flash retired
	mistral-large-2407 mistral  2024-07-01 883 2024-11-30 2025-03-30 -         now        -                retired
	gpt-4o-2024-08-06  openai   2024-08-06 847 -          2027-01-14 -         now        -                retiring
	EOF
	head -n 4 "$OUT" >../actual &&
	diff -u ../expect ../actual &&
	run_pincheck --format json drill && expect_rc 1 &&
	grep_stdout_F "\"model\": \"gemini-2.5-pro\"" &&
	grep_stdout_F "\"replacement\": \"gemini-3.5-flash\", \"candidate\": \"gemini-3.5-flash\"" &&
	grep_stdout_F "\"replacement\": \"mistral-medium-latest\", \"candidate\": null" &&
	grep_stdout_F "\"replacement\": null, \"candidate\": null" &&
	run_pincheck --format csv drill && expect_rc 1 &&
	grep_stdout_F "gemini-2.5-pro,google,,,,2026-10-16,gemini-3.5-flash,gemini-3.5-flash," &&
	grep_stdout_F "mistral-large-2407,mistral,2024-07-01,883,2024-11-30,2025-03-30,mistral-medium-latest,,"
'

# With no replacement documented, the candidate is the newest snapshot of
# the same family (the id without its dated or numbered suffix) that the
# catalog lists live, not deprecated, and outliving the pin in use: on the
# test day gpt-4o-2024-08-06 has none (2024-11-20 retires with it), the
# retired 2024-05-13 has 2024-11-20; in January 2025 gemini-1.5-pro-001
# had -002, and 2024-08-06 still none.
test_expect_success 'with no replacement, the candidate is a newer snapshot of the family' '
	new_repo_with_commit r &&
	printf "a = \"gpt-4o-2024-05-13\"\nb = \"gemini-1.5-pro-001\"\nc = \"gpt-4o-2024-08-06\"\n" >app.py &&
	run_pincheck --format json drill && expect_rc 1 &&
	grep_stdout_F "\"model\": \"gpt-4o-2024-05-13\"" &&
	grep_stdout_F "\"replacement\": null, \"candidate\": \"gpt-4o-2024-11-20\"" &&
	test "$(grep -c "\"candidate\": null" "$OUT")" = 2 &&
	PINCHECK_TODAY=2025-01-01 run_pincheck drill && expect_rc 0 &&
	grep_stdout "^gemini-1.5-pro-001 .* gemini-1.5-pro-002 *no-eval\$" &&
	grep_stdout "^gpt-4o-2024-08-06 .* now  *-  *no-eval\$"
'

test_done
