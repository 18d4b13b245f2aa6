#!/bin/sh
# t0025: the GitHub Action's check step (tools/github-action.sh check, what
# action.yml runs), run here with the variables GitHub sets, in a clone of a
# real bare "origin": the range it picks for a pull request and a push, what
# it fetches, the `::error file=...` annotations on stdout, its exit status,
# its outputs and step summary, and the SARIF file it writes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-server.sh"

TOP=$E2E_DIR/../..
ACTION=$TOP/tools/github-action.sh
# What a CI run of this suite would otherwise leak in.
unset GITHUB_ACTIONS GITHUB_EVENT_NAME GITHUB_BASE_REF GITHUB_HEAD_REF GITHUB_SHA \
	GITHUB_REF GITHUB_WORKSPACE GITHUB_OUTPUT GITHUB_STEP_SUMMARY GITHUB_PATH \
	GITHUB_ENV RUNNER_TEMP INPUT_SARIF INPUT_RANGE INPUT_CONFIG PINCHECK_BEFORE \
	PINCHECK_DEFAULT_BRANCH

if python3 -c 'import json' 2>/dev/null; then
	test_set_prereq PYTHON
fi

ZERO=0000000000000000000000000000000000000000

# gh_origin: a bare origin $SRV whose main has README.md, and a clone `dev`
# of it ($DEV) to make branches in; the current directory stays.
gh_origin () {
	new_bare srv.git &&
	git clone -q "$SRV" dev 2>/dev/null &&
	DEV=$TEST_DIR/dev &&
	(cd dev && first_commit && git push -q origin main)
}

# gh_topic FILE MODEL: in $DEV, branch topic from main with a harmless commit
# and then write_model FILE MODEL, pushed to origin; TOPIC is its tip.
gh_topic () {
	(
		cd "$DEV" &&
		git checkout -q -b topic main &&
		good notes.py "harmless" &&
		commit_pin "$1" "$2" "use $2" &&
		git push -q origin topic
	) &&
	TOPIC=$(git -C "$DEV" rev-parse topic)
}

# gh_run [VAR=VALUE...]: run the check step in $TEST_DIR/ws, as a runner
# would, with GITHUB_* set (an event's own VARs given), stdout in $OUT,
# stderr in $ERR, the exit status in $RC; outputs go to gh-output, the
# summary to gh-summary.
gh_run () {
	: >"$TEST_DIR/gh-output" &&
	: >"$TEST_DIR/gh-summary" &&
	mkdir -p "$TEST_DIR/runner-temp" &&
	if (
		cd / &&
		env GITHUB_ACTIONS=true GITHUB_WORKSPACE="$TEST_DIR/ws" \
			GITHUB_OUTPUT="$TEST_DIR/gh-output" GITHUB_STEP_SUMMARY="$TEST_DIR/gh-summary" \
			RUNNER_TEMP="$TEST_DIR/runner-temp" GITHUB_SHA="$(git -C "$TEST_DIR/ws" rev-parse HEAD)" \
			"$@" sh "$ACTION" check
	) >"$OUT" 2>"$ERR"; then
		echo 0 >"$RC"
	else
		echo $? >"$RC"
	fi
}

# gh_output NAME VALUE: the step wrote the output NAME=VALUE.
gh_output () {
	grep -q -x -F -e "$1=$2" "$TEST_DIR/gh-output" || {
		echo "no output $1=$2 in:"
		cat "$TEST_DIR/gh-output"
		return 1
	}
}

# annotations N: stdout holds N `::error file=` annotations.
annotations () {
	_n=$(grep -c '^::error file=' "$OUT" || :)
	test "$_n" = "$1" || {
		echo "expected $1 annotation(s), got $_n"
		_show_output
		return 1
	}
}

# sarif_ok FILE RESULTS: FILE is JSON, SARIF version 2.1.0, with RESULTS
# results.
sarif_ok () {
	python3 - "$1" "$2" <<-\EOF
	import json, sys
	with open(sys.argv[1]) as f:
	    d = json.load(f)
	assert d["version"] == "2.1.0", d["version"]
	n = len(d["runs"][0]["results"])
	assert n == int(sys.argv[2]), "%d results" % n
	EOF
}

test_expect_success 'pull request: an alias in its commits is an annotation, exit 1' '
	gh_origin &&
	gh_topic app.py gpt-4o &&
	git clone -q -b topic "$SRV" ws 2>/dev/null &&
	gh_run GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main &&
	expect_rc 1 &&
	annotations 1 &&
	grep_stdout_F "::error file=app.py,line=$(model_loc app.py | sed "s/:/,col=/")::commit $(git -C ws rev-parse --short=12 HEAD): error[alias]" &&
	grep_stdout_F "[openai-gpt-alias]" &&
	gh_output range origin/main..HEAD &&
	gh_output exit-code 1 &&
	grep -q -F "| alias | error | openai-gpt-alias |" gh-summary &&
	! grep -q -F "sarif=" gh-output
'

test_expect_success PYTHON 'pull request: sarif writes a SARIF 2.1.0 file for code scanning' '
	gh_origin &&
	gh_topic app.py gpt-4o &&
	git clone -q -b topic "$SRV" ws 2>/dev/null &&
	gh_run GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main INPUT_SARIF=reports/pincheck.sarif &&
	expect_rc 1 &&
	annotations 1 &&
	test -s ws/reports/pincheck.sarif &&
	grep -q "\"version\": \"2.1.0\"" ws/reports/pincheck.sarif &&
	sarif_ok ws/reports/pincheck.sarif 1 &&
	grep -q -F "\"ruleId\": \"openai-gpt-alias\"" ws/reports/pincheck.sarif &&
	gh_output sarif reports/pincheck.sarif
'

test_expect_success PYTHON 'pull request: a pinned snapshot passes, exit 0, an empty SARIF run' '
	gh_origin &&
	gh_topic app.py gpt-4o-2024-08-06 &&
	git clone -q -b topic "$SRV" ws 2>/dev/null &&
	gh_run GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main INPUT_SARIF=pincheck.sarif &&
	expect_rc 0 &&
	no_stdout_F "::error" &&
	gh_output exit-code 0 &&
	grep -q -F "no findings of error severity" gh-summary &&
	sarif_ok ws/pincheck.sarif 0
'

test_expect_success 'pull request: a shallow one-branch checkout fetches the base and the history' '
	gh_origin &&
	gh_topic app.py gpt-4o &&
	git clone -q --depth 1 --single-branch -b topic "file://$SRV" ws 2>/dev/null &&
	test "$(git -C ws rev-parse --is-shallow-repository)" = true &&
	! git -C ws rev-parse -q --verify origin/main &&
	gh_run GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main &&
	expect_rc 1 &&
	annotations 1 &&
	grep_stdout_F "::error file=app.py,line=3,col=10::" &&
	test "$(git -C ws rev-parse --is-shallow-repository)" = false &&
	test "$(git -C ws rev-parse origin/main)" = "$(git -C dev rev-parse main)"
'

test_expect_success 'pull request: on the merge commit GitHub checks out, each finding once' '
	gh_origin &&
	(cd dev && good later.py "main moves on" && git push -q origin main) &&
	gh_topic app.py gpt-4o &&
	git clone -q "$SRV" ws 2>/dev/null &&
	(cd ws && git checkout -q --detach origin/main &&
	 git merge -q --no-ff --no-verify -m "Merge topic into main" origin/topic) &&
	gh_run GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main &&
	expect_rc 1 &&
	annotations 1 &&
	grep_stdout_F "::error file=app.py,line=3,col=10::commit $(git -C ws rev-parse --short=12 "$TOPIC"): error[alias]" &&
	gh_output range origin/main..HEAD
'

test_expect_success 'push: BEFORE..SHA, only the commits the push brings' '
	gh_origin &&
	(cd dev && bad old.py "an alias already on main" && git push -q origin main) &&
	before=$(git -C dev rev-parse main) &&
	(cd dev && good ok.py "harmless" && bad new.py "a new alias" && git push -q origin main) &&
	git clone -q "$SRV" ws 2>/dev/null &&
	gh_run GITHUB_EVENT_NAME=push PINCHECK_BEFORE="$before" PINCHECK_DEFAULT_BRANCH=main &&
	expect_rc 1 &&
	annotations 1 &&
	grep_stdout_F "::error file=new.py,line=1,col=10::" &&
	gh_output range "$before..$(git -C dev rev-parse main)"
'

test_expect_success 'push: a new branch is checked against the default branch' '
	gh_origin &&
	(cd dev && bad old.py "an alias already on main" && git push -q origin main) &&
	gh_topic app.py gpt-4o &&
	git clone -q -b topic "$SRV" ws 2>/dev/null &&
	gh_run GITHUB_EVENT_NAME=push PINCHECK_BEFORE=$ZERO PINCHECK_DEFAULT_BRANCH=main &&
	expect_rc 1 &&
	annotations 1 &&
	grep_stdout_F "::error file=app.py,line=3,col=10::" &&
	gh_output range "origin/main..$TOPIC"
'

test_expect_success 'push: a force push whose old tip is gone falls back to the default branch' '
	gh_origin &&
	gh_topic app.py gpt-4o &&
	git clone -q -b topic "$SRV" ws 2>/dev/null &&
	gh_run GITHUB_EVENT_NAME=push PINCHECK_BEFORE=1234567890123456789012345678901234567890 \
		PINCHECK_DEFAULT_BRANCH=main &&
	expect_rc 1 &&
	annotations 1 &&
	gh_output range "origin/main..$TOPIC"
'

test_expect_success 'another event needs the range input; with it, that range is checked' '
	gh_origin &&
	gh_topic app.py gpt-4o &&
	git clone -q -b topic "$SRV" ws 2>/dev/null &&
	gh_run GITHUB_EVENT_NAME=workflow_dispatch &&
	expect_rc 2 &&
	grep_stdout_F "::error title=pincheck::no commits to check for a workflow_dispatch event" &&
	gh_run GITHUB_EVENT_NAME=workflow_dispatch INPUT_RANGE=origin/main..HEAD &&
	expect_rc 1 &&
	annotations 1
'

test_expect_success 'a range input in a shallow checkout: the history is fetched first' '
	gh_origin &&
	gh_topic app.py gpt-4o &&
	git clone -q --depth 1 --no-single-branch "file://$SRV" ws 2>/dev/null &&
	git -C ws checkout -q topic &&
	gh_run GITHUB_EVENT_NAME=workflow_dispatch INPUT_RANGE=origin/main..origin/topic &&
	expect_rc 1 &&
	annotations 1 &&
	grep_stdout_F "::error file=app.py,line=3,col=10::" &&
	test "$(git -C ws rev-parse --is-shallow-repository)" = false
'

test_expect_success 'a configuration error is exit 2 with an error annotation, not a pass' '
	gh_origin &&
	gh_topic app.py gpt-4o-2024-08-06 &&
	git clone -q -b topic "$SRV" ws 2>/dev/null &&
	printf "version: 1\nno_such_key: true\n" >ws/bad.yml &&
	gh_run GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main INPUT_CONFIG=bad.yml &&
	expect_rc 2 &&
	grep_stdout "^::error title=pincheck::pincheck check origin/main..HEAD stopped with exit status 2" &&
	gh_output exit-code 2
'

test_expect_success 'action.yml runs the script with the inputs and event fields it reads' '
	for line in "run: sh \"\$GITHUB_ACTION_PATH/tools/github-action.sh\" install" \
		"run: sh \"\$GITHUB_ACTION_PATH/tools/github-action.sh\" check" \
		"INPUT_SARIF: \${{ inputs.sarif }}" "INPUT_RANGE: \${{ inputs.range }}" \
		"INPUT_CONFIG: \${{ inputs.config }}" \
		"PINCHECK_BEFORE: \${{ github.event.before }}" \
		"PINCHECK_DEFAULT_BRANCH: \${{ github.event.repository.default_branch }}" \
		"using: composite"; do
		grep -q -F -e "$line" "$TOP/action.yml" || { echo "action.yml lacks: $line"; return 1; }
	done &&
	if python3 -c "import yaml" 2>/dev/null; then
		python3 -c "import yaml, sys; yaml.safe_load(open(sys.argv[1]))" "$TOP/action.yml"
	fi
'

test_done
