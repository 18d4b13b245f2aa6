# lib-eval.sh: helpers for end-to-end tests of the eval gate, sourced after
# lib.sh: eval result files, commit messages with Eval-Result trailers, and
# repositories whose change bumps a pinned model ($OLD to $NEW in app.py).

# Three snapshots of one provider, oldest first: a bump replaces one with a
# later one. None may have retired (a retired pin is an error of its own), so
# OLD is not gpt-4o-2024-05-13 (retired 2026-10-23); all three retire on
# 2027-01-14, after lib.sh's TEST_DAY; a test that moves PINCHECK_TODAY past
# that sees them retired.
OLD=gpt-4o-mini-2024-07-18
NEW=gpt-4o-2024-08-06
NEWER=gpt-4o-2024-11-20
TODAY=$TEST_DAY
# The default eval.dir, where eval result files must live.
RES=evals/results

# days_ago N: the date N days before $TODAY (negative N: after), YYYY-MM-DD.
days_ago () {
	case $1 in
	-*) date -d "$TODAY + ${1#-} days" +%F ;;
	*) date -d "$TODAY - $1 days" +%F ;;
	esac
}

# write_eval PATH MODEL [STATUS [DATE]]: PATH (its directories created) is
# an eval result of MODEL against baseline $OLD, with STATUS (default pass)
# and DATE (default $TODAY). Not staged.
write_eval () {
	mkdir -p "$(dirname "$1")" &&
	printf 'model: %s\nbaseline: %s\nsuite: support-agent-regression\ndate: %s\nstatus: %s\nscore: 0.93\nbaseline_score: 0.91\n' \
		"$2" "$OLD" "${4:-$TODAY}" "${3:-pass}" >"$1"
}

# stage_eval NAME MODEL [STATUS [DATE]]: write_eval $RES/NAME, and stage it.
stage_eval () {
	write_eval "$RES/$1" "$2" "$3" "$4" &&
	git add "$RES/$1"
}

# write_dated_eval MODEL DATE STATUS: write_eval $RES/MODEL-DATE.yaml (the
# name drill reports as the eval's path). Not staged.
write_dated_eval () {
	write_eval "$RES/$1-$2.yaml" "$1" "$3" "$2"
}

# trailer NAME: the Eval-Result trailer that links $RES/NAME (a -m argument).
trailer () {
	printf 'Eval-Result: %s/%s' "$RES" "$1"
}

# msg_file FILE NAME: FILE is a commit message (subject `Bump the model`, a
# body, then the trailer that links $RES/NAME on line 5).
msg_file () {
	printf 'Bump the model\n\nWhy we moved.\n\n%s\n' "$(trailer "$2")" >"$1"
}

# repo_with_pin [MODEL]: new_repo_with_commit r (hooks installed), then
# commit_pin app.py MODEL (default $OLD): HEAD selects MODEL at app.py:3:10.
repo_with_pin () {
	new_repo_with_commit r &&
	commit_pin app.py "${1:-$OLD}"
}

# bump [MODEL]: app.py selects MODEL (default $NEW) at 3:10, staged.
bump () {
	write_model app.py "${1:-$NEW}" &&
	git add app.py
}

# bad_eval_says STRING: a bad-eval finding says STRING, wherever it is placed
# (an eval of the wrong model may be reported at the id it fails to cover).
bad_eval_says () {
	grep -F "error[bad-eval]" "$ERR" | grep -q -F -e "$1" || {
		echo "no error[bad-eval] line containing: $1"
		_show_output
		return 1
	}
}
