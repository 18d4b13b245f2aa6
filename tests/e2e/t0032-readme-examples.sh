#!/bin/sh
# t0032: README.md's examples are what the current binary prints. Each
# output example in README is a fenced block right after a marker line
# `<!-- example: NAME -->`; this script sets up the situation the README
# describes, runs the commands (a block's `$ ` lines, or the ones named
# here), and checks that every line of the block appears, in order, in
# what they printed, on lib.sh's TEST_DAY (the day README's dates are of). Commit ids are compared as ids, trailing blanks are
# ignored; git's own extra lines (`2 files changed`) may come between.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-eval.sh"
. "$(dirname "$0")/lib-server.sh"

README=$(cd "$(dirname "$0")/../.." && pwd)/README.md
# README's commands say `pincheck`: the one under test, not an installed one.
PATH=$(dirname "$PINCHECK"):$PATH
export PATH

# example NAME: the lines of README's block marked NAME, without the fences
# and without the block's own indentation.
example () {
	awk -v name="$1" '
		!on && $0 ~ "^ *<!-- example: " name " -->$" { want = 1; next }
		want && !on { if ($0 !~ /^ *```/) exit 1; match($0, /^ */); ind = RLENGTH; on = 1; next }
		on && $0 ~ /^ *```$/ { found = 1; exit }
		on { print substr($0, ind + 1) }
		END { if (!found) exit 1 }
	' "$README"
}

# normalise: commit ids become <id>, trailing blanks go.
normalise () {
	sed -e 's/[0-9a-f]\{7,40\}/<id>/g' -e 's/[ 	]*$//'
}

# in_order EXPECTED ACTUAL: every line of EXPECTED is a line of ACTUAL, in
# the same order; says which is missing.
in_order () {
	normalise <"$1" >"$1.n" &&
	normalise <"$2" >"$2.n" &&
	awk 'NR == FNR { want[++n] = $0; next }
	     i < n && $0 == want[i + 1] { i++ }
	     END { if (i < n) { print "not printed (or out of order): " want[i + 1]; exit 1 } }' \
		"$1.n" "$2.n" || {
		echo "--- printed:"
		cat "$2"
		return 1
	}
}

# session EXAMPLE: run the `$ ` commands of the block (a trailing `\`
# continues a command) in order, as a terminal would show them: each
# command line, then what it printed. The transcript is in $OUT.
session () {
	example "$1" >block &&
	awk '
		cont { cmd = cmd "\n" $0; if ($0 !~ /\\$/) { cont = 0; emit() } ; next }
		/^\$ / { cmd = substr($0, 3); if ($0 ~ /\\$/) { cont = 1; next } emit() }
		function emit() { n++; print cmd > ("cmd" n); close("cmd" n) }
		END { print n > "ncmd" }
	' block &&
	: >"$OUT" &&
	i=1 &&
	while test $i -le "$(cat ncmd)"; do
		sed -e "1s/^/\$ /" "cmd$i" >>"$OUT" &&
		{ sh "cmd$i" >>"$OUT" 2>&1 || true; } &&
		i=$((i + 1)) || return 1
	done &&
	in_order block "$OUT"
}

test_expect_success 'every marked example is a block README has' '
	for n in refused-commit eval-result bump bump-promptfoo bump-inspect drill pre-receive; do
		example $n >block && test -s block || { echo "no example $n"; exit 1; }
	done &&
	test "$(grep -c "<!-- example: " "$README")" = 7
'

test_expect_success 'README: a refused commit' '
	new_repo_with_commit r &&
	mkdir src && i=1 &&
	while test $i -lt 12; do echo "# line $i" >>src/agent.py && i=$((i + 1)) || exit 1; done &&
	echo "client.chat(model=\"gpt-4o\")" >>src/agent.py &&
	git add src/agent.py &&
	commit_refused &&
	example refused-commit >block &&
	in_order block "$ERR"
'

test_expect_success 'README: a bump refused without its eval, accepted with it' '
	new_repo_with_commit r &&
	mkdir src &&
	printf "import client\n\n\nMODEL = \"gpt-4o-2024-08-06\"\n" >src/agent.py &&
	git add src/agent.py && commit_unchecked "support agent" &&
	mkdir -p evals/results &&
	example eval-result >evals/results/support-agent-gpt-4.1.yaml &&
	session bump
'

# agent_repo: a repository (hooks installed) whose src/agent.py selects
# gpt-4o-mini-2024-07-18, and evals/results/ for the tools' output.
agent_repo () {
	new_repo_with_commit r &&
	mkdir src &&
	printf "import client\n\n\nMODEL = \"gpt-4o-mini-2024-07-18\"\n" >src/agent.py &&
	git add src/agent.py && commit_unchecked "support agent" &&
	mkdir -p evals/results
}

test_expect_success 'README: a bump gated on promptfoo'"'"'s output' '
	agent_repo &&
	cp "$E2E_DIR/../data/evals/promptfoo-pass.json" evals/results/support-agent.json &&
	session bump-promptfoo &&
	git show HEAD:src/agent.py | grep -q gpt-4o-2024-08-06
'

test_expect_success 'README: a bump gated on an inspect_ai log' '
	agent_repo &&
	cp "$E2E_DIR/../data/evals/inspect-pass.eval" evals/results/support-agent.eval &&
	session bump-inspect &&
	git show HEAD:src/agent.py | grep -q gpt-4o-2024-08-06
'

test_expect_success 'README: a migration drill' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o-2024-11-20\"\n" >app.py &&
	git add app.py && commit_unchecked "pin" &&
	session drill
'

test_expect_success 'README: what the pusher sees when pre-receive rejects a push' '
	server_with_main &&
	good a.py one &&
	printf "m=\"gpt-4o\"\n" >b.py && git add b.py && commit_unchecked two &&
	push_rejected origin main &&
	example pre-receive >block &&
	in_order block "$ERR"
'

test_done
