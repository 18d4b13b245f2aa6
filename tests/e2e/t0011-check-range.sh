#!/bin/sh
# t0011: `pincheck check A..B` checks each commit of a range on its own,
# against its first parent, oldest first, with the eval gate reading that
# commit's message, that commit's tree and that commit's date; `check REV`
# checks one commit; `--squash` checks the range's overall diff once, with
# the trailers of any commit in it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-eval.sh"

if python3 -c 'import json' 2>/dev/null; then
	test_set_prereq PYTHON
fi

# commit_on DATE SUBJECT [GIT-COMMIT-ARGS...]: commit_unchecked, authored
# and committed at noon UTC on DATE.
commit_on () {
	_d=$1
	shift
	GIT_AUTHOR_DATE="$_d 12:00:00 +0000" GIT_COMMITTER_DATE="$_d 12:00:00 +0000" \
		commit_unchecked "$@"
}

# base_repo: repo_with_pin (HEAD selects $OLD at app.py:3:10); $base is HEAD.
base_repo () {
	repo_with_pin &&
	base=$(git rev-parse HEAD)
}

# header_line REV: the line number in $OUT of REV's `commit` header.
header_line () {
	grep -n -e "^commit $(short "$1") " "$OUT" | sed -n '1s/:.*//p'
}

# json_summary KEY: summary.KEY of the JSON report in $OUT.
json_summary () {
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["summary"][sys.argv[2]])' "$OUT" "$1"
}

# json_findings: "KIND COMMIT PATH LINE" for each finding, in order.
json_findings () {
	python3 -c 'import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    print(f["kind"], f["commit"], f["path"], f["line"])' "$OUT"
}

# --- per commit ----------------------------------------------------------------

test_expect_success 'a bump commit without a trailer: missing-eval under its commit header' '
	base_repo &&
	bump && commit_unchecked "Bump to 08-06" -m "Longer body." &&
	run_pincheck check $base..HEAD &&
	expect_rc 1 &&
	grep_stdout "^commit $(short HEAD) Bump to 08-06\$" &&
	grep_stdout_F "app.py:3:10: error[missing-eval]" &&
	test "$(header_line HEAD)" -lt "$(grep -n -F "error[missing-eval]" "$OUT" | sed -n "1s/:.*//p")"
'

test_expect_success 'a bump commit with a valid trailer, the eval in its own tree, passes' '
	base_repo &&
	bump && stage_eval e.yaml "$NEW" &&
	commit_unchecked "Bump to 08-06" -m "$(trailer e.yaml)" &&
	run_pincheck check $base..HEAD &&
	expect_rc 0 &&
	no_stdout_F "error["
'

test_expect_success 'the eval added by an earlier commit of the range is in the bump'"'"'s tree' '
	base_repo &&
	stage_eval e.yaml "$NEW" && commit_unchecked "Add eval" &&
	bump && commit_unchecked "Bump" -m "$(trailer e.yaml)" &&
	run_pincheck check $base..HEAD &&
	expect_rc 0
'

test_expect_success 'the eval added only by a later commit does not exist for the bump' '
	base_repo &&
	bump && commit_unchecked "Bump" -m "$(trailer e.yaml)" &&
	bump=$(git rev-parse HEAD) &&
	stage_eval e.yaml "$NEW" && commit_unchecked "Add eval late" &&
	run_pincheck check $base..HEAD &&
	expect_rc 1 &&
	grep_stdout_F "error[bad-eval]" &&
	grep_stdout_F "does not exist" &&
	grep_stdout "^commit $(short $bump) Bump\$"
'

test_expect_success 'an eval deleted by a later commit still validates the commit that had it' '
	base_repo &&
	bump && stage_eval e.yaml "$NEW" &&
	commit_unchecked "Bump" -m "$(trailer e.yaml)" &&
	git rm -q $RES/e.yaml && commit_unchecked "Drop eval" &&
	run_pincheck check $base..HEAD &&
	expect_rc 0
'

test_expect_success 'commits are checked oldest first, each finding under its own commit' '
	base_repo &&
	bump && commit_unchecked "first bump" && c1=$(git rev-parse HEAD) &&
	printf "x = 1\n" >other.py && git add other.py && commit_unchecked "unrelated" &&
	bump "$NEWER" && commit_unchecked "second bump" && c2=$(git rev-parse HEAD) &&
	run_pincheck check $base..HEAD &&
	expect_rc 1 &&
	h1=$(header_line $c1) && h2=$(header_line $c2) &&
	f1=$(grep -n -F "error[missing-eval]" "$OUT" | grep -F "$NEW" | sed -n "1s/:.*//p") &&
	f2=$(grep -n -F "error[missing-eval]" "$OUT" | grep -F "$NEWER" | sed -n "1s/:.*//p") &&
	test -n "$h1" && test -n "$h2" && test -n "$f1" && test -n "$f2" &&
	test "$h1" -lt "$f1" && test "$f1" -lt "$h2" && test "$h2" -lt "$f2" &&
	test "$(grep -c -F "error[missing-eval]" "$OUT")" = 2
'

test_expect_success PYTHON '--format json: each finding carries its full commit id; summary.commits counts commits' '
	base_repo &&
	bump && commit_unchecked "first bump" && c1=$(git rev-parse HEAD) &&
	printf "x = 1\n" >other.py && git add other.py && commit_unchecked "unrelated" &&
	bump "$NEWER" && commit_unchecked "second bump" && c2=$(git rev-parse HEAD) &&
	run_pincheck --format json check $base..HEAD &&
	expect_rc 1 &&
	test "$(json_summary commits)" = 3 &&
	test "$(json_summary errors)" = 2 &&
	json_findings | grep "^missing-eval " >f &&
	test "$(cat f)" = "missing-eval $c1 app.py 3
missing-eval $c2 app.py 3"
'

test_expect_success '--format json: the commit field is the 40-hex id' '
	base_repo &&
	bump && commit_unchecked "bump" &&
	run_pincheck --format json check $base..HEAD &&
	expect_rc 1 &&
	grep -q "\"commit\": *\"$(git rev-parse HEAD)\"" "$OUT" &&
	grep -q "\"commits\": *1" "$OUT"
'

test_expect_success 'an alias added in one commit is reported for that commit' '
	base_repo &&
	printf "A = \"gpt-4o\"\n" >a.py && git add a.py && commit_unchecked "add alias" && c1=$(git rev-parse HEAD) &&
	printf "x = 1\n" >b.py && git add b.py && commit_unchecked "more" &&
	run_pincheck check $base..HEAD &&
	expect_rc 1 &&
	grep_stdout_F "a.py:1:6: error[alias]" &&
	grep_stdout "^commit $(short $c1) add alias\$" &&
	test "$(grep -c -F "error[alias]" "$OUT")" = 1
'

test_expect_success 'unapproved: an introduced id off the approved list, in a commit of the range' '
	new_repo_with_commit r &&
	printf "version: 1\napproved: [%s]\n" "$NEW" >.pincheck.yml && git add .pincheck.yml && commit_unchecked cfg &&
	base=$(git rev-parse HEAD) &&
	commit_pin app.py claude-sonnet-4-5-20250929 "use sonnet" &&
	run_pincheck check $base..HEAD &&
	expect_rc 1 &&
	grep_stdout_F "app.py:3:10: error[unapproved]" &&
	grep_stdout "^commit $(short HEAD) use sonnet\$"
'

test_expect_success 'require_for new: only the commit that first uses an id needs an eval' '
	new_repo_with_commit r &&
	printf "version: 1\neval: {require_for: [bump, new]}\n" >.pincheck.yml && git add .pincheck.yml && commit_unchecked cfg &&
	base=$(git rev-parse HEAD) &&
	commit_pin a.py claude-opus-4-6 "first use" && c1=$(git rev-parse HEAD) &&
	commit_pin b.py claude-opus-4-6 "second use" &&
	run_pincheck check $base..HEAD &&
	expect_rc 1 &&
	grep_stdout_F "a.py:3:10: error[missing-eval]" &&
	no_stdout_F "b.py:" &&
	test "$(grep -c -F "error[missing-eval]" "$OUT")" = 1
'

test_expect_success 'a trailer in the middle paragraph of a stored message does not count' '
	base_repo &&
	bump && stage_eval e.yaml "$NEW" &&
	commit_unchecked "Bump" -m "$(trailer e.yaml)" -m "Closing words." &&
	run_pincheck check $base..HEAD &&
	expect_rc 1 &&
	grep_stdout_F "error[missing-eval]"
'

test_expect_success 'a --- line in a stored message does not hide the trailer after it' '
	base_repo &&
	bump && stage_eval e.yaml "$NEW" &&
	commit_unchecked "Bump" -m "---
Notes below a rule." -m "$(trailer e.yaml)" &&
	git log -1 "--format=%(trailers)" | grep -q "^Eval-Result: " &&
	run_pincheck check $base..HEAD &&
	expect_rc 0
'

test_expect_success 'a custom trailer key from .pincheck.yml is read from stored messages' '
	base_repo &&
	printf "version: 1\neval: {trailer: Model-Eval}\n" >.pincheck.yml && git add .pincheck.yml && commit_unchecked cfg &&
	base=$(git rev-parse HEAD) &&
	bump && stage_eval e.yaml "$NEW" &&
	commit_unchecked "Bump" -m "Model-Eval: $RES/e.yaml" &&
	run_pincheck check $base..HEAD &&
	expect_rc 0
'

# --- the commit's own date -------------------------------------------------------

test_expect_success 'an eval dated after its commit'"'"'s committer date is refused' '
	base_repo &&
	bump && stage_eval e.yaml "$NEW" pass 2025-02-01 &&
	commit_on 2025-01-15 "Bump" -m "$(trailer e.yaml)" &&
	run_pincheck check $base..HEAD &&
	expect_rc 1 &&
	grep_stdout_F "error[bad-eval]" &&
	grep_stdout_F "after the commit'"'"'s date"
'

test_expect_success 'an old commit with an eval that was fresh then passes (the commit date, not today)' '
	base_repo &&
	bump && stage_eval e.yaml "$NEW" pass 2025-02-01 &&
	commit_on 2025-03-01 "Bump" -m "$(trailer e.yaml)" &&
	run_pincheck check $base..HEAD &&
	expect_rc 0 &&
	# Long after max_age_days, but before $OLD and $NEW retire (2027-01-14):
	# a retired pin is an error whatever the commit date.
	PINCHECK_TODAY=2027-01-13 && export PINCHECK_TODAY &&
	run_pincheck check $base..HEAD &&
	expect_rc 0
'

test_expect_success 'an eval older than max_age_days at its commit'"'"'s date is refused' '
	base_repo &&
	bump && stage_eval e.yaml "$NEW" pass 2025-01-01 &&
	commit_on 2025-06-01 "Bump" -m "$(trailer e.yaml)" &&
	run_pincheck check $base..HEAD &&
	expect_rc 1 &&
	grep_stdout_F "151 days before the commit; eval.max_age_days is 90"
'

test_expect_success 'the committer date is what counts, not the author date' '
	base_repo &&
	bump && stage_eval e.yaml "$NEW" pass 2025-02-01 &&
	GIT_AUTHOR_DATE="2025-03-01 12:00:00 +0000" GIT_COMMITTER_DATE="2025-01-15 12:00:00 +0000" \
		commit_unchecked "Bump" -m "$(trailer e.yaml)" &&
	run_pincheck check HEAD &&
	expect_rc 1 &&
	grep_stdout_F "after the commit'"'"'s date" &&
	git reset -q --soft HEAD^ &&
	GIT_AUTHOR_DATE="2025-01-15 12:00:00 +0000" GIT_COMMITTER_DATE="2025-03-01 12:00:00 +0000" \
		commit_unchecked "Bump" -m "$(trailer e.yaml)" &&
	run_pincheck check HEAD &&
	expect_rc 0
'

test_expect_success 'git commit --date sets the author date only; the committer date still decides' '
	base_repo &&
	bump && stage_eval e.yaml "$NEW" pass 2025-02-01 &&
	GIT_COMMITTER_DATE="2025-03-01 12:00:00 +0000" \
		commit_unchecked "Bump" --date="2024-12-01 12:00:00 +0000" -m "$(trailer e.yaml)" &&
	test "$(git log -1 --format=%ad --date=short)" = 2024-12-01 &&
	run_pincheck check HEAD &&
	expect_rc 0
'

# 01:00 +1100 on the 2nd is 14:00 UTC on the 1st: an eval of the 2nd is of
# the commit's own day, but after the same instant written in UTC.
test_expect_success 'a commit dated in another time zone: its own calendar day counts' '
	base_repo &&
	bump && stage_eval e.yaml "$NEW" pass 2025-02-02 &&
	GIT_AUTHOR_DATE="2025-02-02 01:00:00 +1100" GIT_COMMITTER_DATE="2025-02-02 01:00:00 +1100" \
		commit_unchecked "Bump" -m "$(trailer e.yaml)" &&
	run_pincheck check HEAD &&
	expect_rc 0 &&
	git reset -q --soft HEAD^ &&
	GIT_AUTHOR_DATE="2025-02-01 14:00:00 +0000" GIT_COMMITTER_DATE="2025-02-01 14:00:00 +0000" \
		commit_unchecked "Bump" -m "$(trailer e.yaml)" &&
	run_pincheck check HEAD &&
	expect_rc 1 &&
	grep_stdout_F "after the commit'"'"'s date"
'

# --- check REV -----------------------------------------------------------------

test_expect_success 'check REV checks that one commit only' '
	base_repo &&
	bump && commit_unchecked "bump" && bump=$(git rev-parse HEAD) &&
	printf "x = 1\n" >b.py && git add b.py && commit_unchecked "clean" &&
	run_pincheck check HEAD &&
	expect_rc 0 &&
	run_pincheck check $bump &&
	expect_rc 1 &&
	grep_stdout_F "app.py:3:10: error[missing-eval]" &&
	grep_stdout "^commit $(short $bump) bump\$" &&
	run_pincheck check HEAD~1 &&
	expect_rc 1
'

test_expect_success 'check REV --format json: summary.commits is 1' '
	base_repo &&
	bump && commit_unchecked "bump" &&
	run_pincheck --format json check HEAD &&
	expect_rc 1 &&
	grep -q "\"commits\": *1" "$OUT" &&
	grep -q "\"commit\": *\"$(git rev-parse HEAD)\"" "$OUT"
'

test_expect_success 'check REV on a root commit compares with the empty tree' '
	new_repo r &&
	printf "MODEL = \"gpt-4o\"\n" >app.py && git add app.py && commit_unchecked root &&
	run_pincheck check HEAD &&
	expect_rc 1 &&
	grep_stdout_F "app.py:1:10: error[alias]" &&
	grep_stdout "^commit $(short HEAD) root\$"
'

test_expect_success 'a range reaching the root commit checks the root too' '
	new_repo r &&
	printf "MODEL = \"gpt-4o\"\n" >app.py && git add app.py && commit_unchecked root &&
	printf "x = 1\n" >b.py && git add b.py && commit_unchecked two &&
	run_pincheck --format json check HEAD~1 &&
	expect_rc 1 &&
	run_pincheck check HEAD~1..HEAD &&
	expect_rc 0
'

test_expect_success 'an empty range checks nothing and passes' '
	base_repo &&
	run_pincheck --format json check HEAD..HEAD &&
	expect_rc 0 &&
	grep -q "\"commits\": *0" "$OUT"
'

test_expect_success 'an unknown revision is an error (exit 2 or 3), not a crash' '
	base_repo &&
	run_pincheck check no-such-rev..HEAD &&
	_rc=$(cat "$RC") && _no_sanitizer_report &&
	{ test "$_rc" = 2 || test "$_rc" = 3; } &&
	test -s "$ERR"
'

test_expect_success 'a merge reports only what is new relative to every parent' '
	base_repo &&
	git checkout -q -b side &&
	bump && stage_eval e.yaml "$NEW" &&
	commit_unchecked "Bump on side" -m "$(trailer e.yaml)" && side=$(git rev-parse HEAD) &&
	git checkout -q main &&
	printf "x = 1\n" >b.py && git add b.py && commit_unchecked "main work" &&
	git merge -q --no-ff --no-verify -m "Merge side" side &&
	merge=$(git rev-parse HEAD) &&
	run_pincheck check $side &&
	expect_rc 0 &&
	run_pincheck check $merge &&
	expect_rc 0 &&
	grep_stdout_F "in 1 commit"
'

test_expect_success 'an evil merge: a line new to both parents is checked' '
	base_repo &&
	git checkout -q -b side &&
	printf "y = 2\n" >c.py && git add c.py && commit_unchecked "side work" &&
	git checkout -q main &&
	git merge -q --no-ff --no-commit side &&
	printf "M = \"gpt-4o\"\n" >evil.py && git add evil.py &&
	git commit -q --no-verify -m "Merge side" &&
	run_pincheck check HEAD &&
	expect_rc 1 &&
	grep_stdout_F "evil.py:1:6: error[alias]"
'

test_expect_success 'sixty commits in a range: each is checked and named once' '
	base_repo &&
	i=0 && m=$NEW &&
	while test $i -lt 60; do
		bump "$m" && commit_unchecked "bump $i" || exit 1
		if test "$m" = "$NEW"; then m=$OLD; else m=$NEW; fi
		i=$((i + 1))
	done &&
	run_pincheck check $base..HEAD &&
	expect_rc 1 &&
	test "$(grep -c -F "error[missing-eval]" "$OUT")" = 60 &&
	test "$(grep -c "^commit [0-9a-f]\{12\} bump " "$OUT")" = 60
'

# --- --squash -------------------------------------------------------------------

test_expect_success '--squash: a bump in one commit, its eval trailer in the next, passes' '
	base_repo &&
	bump && commit_unchecked "Bump" &&
	stage_eval e.yaml "$NEW" && commit_unchecked "Add eval" -m "$(trailer e.yaml)" &&
	run_pincheck check $base..HEAD &&
	expect_rc 1 &&
	grep_stdout_F "app.py:3:10: error[missing-eval]" &&
	run_pincheck check $base..HEAD --squash &&
	expect_rc 0 &&
	no_stdout_F "error["
'

test_expect_success '--squash: a bump with no trailer anywhere in the range is still missing-eval' '
	base_repo &&
	bump && commit_unchecked "Bump" &&
	printf "x = 1\n" >b.py && git add b.py && commit_unchecked "more" &&
	run_pincheck check $base..HEAD --squash &&
	expect_rc 1 &&
	grep_stdout_F "app.py:3:10: error[missing-eval]"
'

test_expect_success '--squash: bumped twice within the range is one bump, from the first id to the last' '
	base_repo &&
	bump && commit_unchecked "Bump 1" &&
	bump "$NEWER" && stage_eval e.yaml "$NEWER" &&
	commit_unchecked "Bump 2" -m "$(trailer e.yaml)" &&
	run_pincheck check $base..HEAD --squash &&
	expect_rc 0 &&
	run_pincheck check $base..HEAD &&
	expect_rc 1 &&
	test "$(grep -c -F "error[missing-eval]" "$OUT")" = 1 &&
	grep_stdout_F "$NEW"
'

test_expect_success '--squash: the eval must be in the range'"'"'s last tree' '
	base_repo &&
	bump && stage_eval e.yaml "$NEW" &&
	commit_unchecked "Bump" -m "$(trailer e.yaml)" &&
	git rm -q $RES/e.yaml && commit_unchecked "Drop eval" &&
	run_pincheck check $base..HEAD &&
	expect_rc 0 &&
	run_pincheck check $base..HEAD --squash &&
	expect_rc 1 &&
	grep_stdout_F "does not exist"
'

test_expect_success 'an alias added in one commit and removed in the next: per commit yes, --squash no' '
	base_repo &&
	printf "A = \"gpt-4o\"\n" >a.py && git add a.py && commit_unchecked "add alias" &&
	printf "A = \"%s\"\n" "$NEW" >a.py && git add a.py && commit_unchecked "pin it" &&
	run_pincheck check $base..HEAD &&
	expect_rc 1 &&
	grep_stdout_F "a.py:1:6: error[alias]" &&
	run_pincheck check $base..HEAD --squash &&
	expect_rc 0 &&
	no_stdout_F "[alias]"
'

test_expect_success '--squash: an alias still present at the end is reported' '
	base_repo &&
	printf "A = \"gpt-4o\"\n" >a.py && git add a.py && commit_unchecked "add alias" &&
	printf "x = 1\n" >b.py && git add b.py && commit_unchecked "more" &&
	run_pincheck check $base..HEAD --squash &&
	expect_rc 1 &&
	grep_stdout_F "a.py:1:6: error[alias]"
'

test_expect_success 'a shallow clone: missing history is exit 3 that says how to fetch it; the tip still scans' '
	base_repo &&
	printf "A = \"gpt-4o\"\n" >a.py && git add a.py && commit_unchecked "add alias" &&
	printf "x = 1\n" >b.py && git add b.py && commit_unchecked "more" &&
	cd .. && git clone -q --depth 1 "file://$PWD/r" shallow && cd shallow &&
	run_pincheck check HEAD &&
	expect_rc 3 &&
	grep_stderr_F "shallow clone" &&
	grep_stderr_F "git fetch --deepen=1" &&
	no_stderr_F "\\x0a" &&
	run_pincheck check HEAD~1..HEAD &&
	expect_rc 3 &&
	grep_stderr_F "shallow clone" &&
	run_pincheck scan --rev HEAD &&
	expect_rc 1 &&
	grep_stdout_F "a.py:1:6: error[alias]" &&
	git fetch -q --deepen=1 &&
	run_pincheck check HEAD &&
	expect_rc 0
'

test_done
