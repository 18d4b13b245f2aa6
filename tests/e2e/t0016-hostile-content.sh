#!/bin/sh
# t0016: content written to fool pincheck or its reader. A notebook whose
# JSON escapes hide a code cell is read as Jupyter reads it, by `scan` and
# by a real pre-receive hook; commit subjects, file names and source lines
# with terminal escape sequences reach the pusher's terminal only as
# visible text (`\xHH`), and the machine formats keep their structure.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-server.sh"

ESC=$(printf '\033')
CSI8=$(printf '\302\233') # U+009B, a C1 CSI in UTF-8

# no_raw_controls FILE: FILE holds no ESC, no BEL and no C1 CSI.
no_raw_controls () {
	if grep -q -e "$ESC" -e "$(printf '\007')" -e "$CSI8" "$1"; then
		echo "raw control characters in $1:"
		od -c "$1" | sed -n 1,40p
		return 1
	fi
}

# nb_cell_type, nb_value, nb_source_key, nb_cells_key, nb_quote: print a
# notebook whose one code cell selects gpt-4o at 2:28 or beyond, the cell
# hidden from a naive reader by a JSON escape in, in turn, the cell_type key,
# its "code" value, the source key, the cells key, or a quote before the id.
# nb_id: the same notebook with the id itself spelled with escapes (2:28).
nb_cell_type () {
	printf '{"cells": [{"cell_typ\\u0065": "code", "metadata": {}, "outputs": [],\n "source": ["model = \\"gpt-4o\\"\\n"]}],\n "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
}
nb_value () {
	printf '{"cells": [{"cell_type": "cod\\u0065", "metadata": {}, "outputs": [],\n "source": ["model = \\"gpt-4o\\"\\n"]}],\n "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
}
nb_source_key () {
	printf '{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [],\n "sourc\\u0065": ["model = \\"gpt-4o\\"\\n"]}],\n "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
}
nb_cells_key () {
	printf '{"cell\\u0073": [{"cell_type": "code", "metadata": {}, "outputs": [],\n "source": ["model = \\"gpt-4o\\"\\n"]}],\n "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
}
nb_quote () {
	printf '{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [],\n "source": ["x = \\u0022#\\u0022; model = \\"gpt-4o\\"\\n"]}],\n "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
}
nb_id () {
	printf '{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [],\n "source": ["model = \\u0022gpt-4\\u006f\\u0022\\n"]}],\n "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
}

for trick in nb_cell_type nb_value nb_source_key nb_cells_key nb_quote nb_id; do
	test_expect_success "scan finds gpt-4o in a code cell hidden by escapes ($trick)" "
		mkdir d && $trick >d/a.ipynb &&
		run_pincheck scan d &&
		expect_rc 1 &&
		grep_stdout_F 'error[alias]'
	"
done

test_expect_success 'an id spelled with escapes is reported as the id, at its raw column' '
	mkdir d && nb_id >d/a.ipynb &&
	run_pincheck --format json scan d &&
	expect_rc 1 &&
	grep_stdout_F "\"model\": \"gpt-4o\", \"suggest\": \"gpt-4o-2024-08-06\", \"path\": \"d/a.ipynb\", \"line\": 2, \"column\": 28,"
'

test_expect_success 'a plain Markdown cell with the same id stays prose' '
	mkdir d &&
	printf "{\"cells\": [{\"cell_type\": \"markdow\\\\u006e\", \"source\": [\"model = \\\\\"gpt-4o\\\\\"\"]}]}\n" >d/a.ipynb &&
	run_pincheck scan d &&
	expect_rc 0
'

test_expect_success 'a push of a notebook with an escaped code cell is rejected' '
	server_with_main &&
	nb_cell_type >agent.ipynb && git add agent.ipynb &&
	git commit -q -m "add notebook" &&
	push_rejected origin main &&
	grep -q -F "agent.ipynb:2:" "$ERR"
'

test_expect_success 'a push of a notebook that spells the id with escapes is rejected' '
	server_with_main &&
	nb_id >agent.ipynb && git add agent.ipynb &&
	git commit -q -m "add notebook" &&
	push_rejected origin main &&
	grep -q -F "agent.ipynb:2:28: error[alias]" "$ERR"
'

# --- control characters in text output ---------------------------------------

test_expect_success 'scan shows control characters in paths and source lines as \xHH' '
	mkdir d &&
	printf "MODEL = \"gpt-4o\"  # ${ESC}]0;owned\007 ${ESC}[2J ${CSI8}6n\n" >"d/a${ESC}[31m.py" &&
	run_pincheck scan d &&
	expect_rc 1 &&
	no_raw_controls "$OUT" &&
	grep_stdout_F "\"d/a\\x1b[31m.py\":1:10: error[alias]" &&
	grep_stdout_F "# \\x1b]0;owned\\x07 \\x1b[2J \\xc2\\x9b6n"
'

test_expect_success 'the caret stays under the id after control characters and tabs' '
	mkdir d &&
	printf "\t${ESC}x = m(\"gpt-4o\")\n" >d/a.py &&
	run_pincheck scan d &&
	expect_rc 1 &&
	printf "    \t\\\\x1bx = m(\"gpt-4o\")\n    \t           ^~~~~~\n" >want &&
	sed -n 2,3p "$OUT" >got &&
	diff want got
'

test_expect_success 'a pushed subject, file name and line with escapes reach remote: lines visible only' '
	server_with_main &&
	printf "MODEL = \"gpt-4o\" # ${ESC}[8m\n" >"x${ESC}[1m.py" &&
	git add . &&
	git commit -q -m "$(printf "fix ${ESC}]2;title\007 ${ESC}[2K${CSI8}H")" &&
	push_rejected origin main &&
	grep -q "^remote: .*error\\[alias\\]" "$ERR" &&
	no_raw_controls "$ERR" &&
	grep -q -F "fix \\x1b]2;title\\x07 \\x1b[2K\\xc2\\x9bH" "$ERR"
'

test_expect_success 'valid UTF-8 and tabs are shown as they are' '
	mkdir d &&
	printf "m(\"gpt-4o\")\t# caf\303\251 \342\234\223\n" >"d/$(printf "caf\303\251").py" &&
	run_pincheck scan d &&
	expect_rc 1 &&
	grep_stdout_F "d/caf$(printf "\303\251").py:1:4:" &&
	grep_stdout_F "$(printf "\t# caf\303\251 \342\234\223")"
'

test_expect_success 'json and sarif keep control characters escaped' '
	mkdir d &&
	printf "MODEL = \"gpt-4o\" # ${ESC}[2J\n" >"d/a${ESC}[31m
.py" &&
	run_pincheck --format json scan d &&
	expect_rc 1 &&
	no_raw_controls "$OUT" &&
	grep_stdout_F "\"path\": \"d/a\\u001b[31m\\n.py\"" &&
	run_pincheck --format sarif scan d &&
	expect_rc 1 &&
	no_raw_controls "$OUT" &&
	grep_stdout_F "\"uri\": \"d/a%1B%5B31m%0A.py\""
'

test_expect_success 'github: a newline in a file name cannot start a workflow command' '
	mkdir d &&
	printf "MODEL = \"gpt-4o\"\n" >"d/a
::warning file=x::forged, b${ESC}.py" &&
	run_pincheck --format github scan d &&
	expect_rc 1 &&
	test $(wc -l <"$OUT") = 1 &&
	grep_stdout_F "::error file=d/a%0A%3A%3Awarning file=x%3A%3Aforged%2C b%1B.py,line=1,col=10::" &&
	no_raw_controls "$OUT"
'

# --- tables, NUL bytes, drill formats, SARIF rules ------------------------------

test_expect_success 'markdown: a header row, a delimiter row, escaped cells' '
	mkdir d &&
	printf "MODEL = \"gpt-4o\"\n" >"d/a|b\\|c.py" &&
	run_pincheck --format markdown scan d &&
	expect_rc 1 &&
	sed -n 1p "$OUT" >got &&
	echo "| kind | severity | rule | provider | model | suggest | path | line | column | commit | message |" >want &&
	diff want got &&
	test "$(sed -n 2p "$OUT")" = "|---|---|---|---|---|---|---|---|---|---|---|" &&
	grep_stdout_F "| d/a\\|b\\\\\\|c.py | 1 | 10 |" &&
	test $(wc -l <"$OUT") = 3
'

test_expect_success 'markdown: an empty table still has its header' '
	mkdir d &&
	printf "x = 1\n" >d/a.py &&
	run_pincheck --format markdown scan d &&
	expect_rc 0 &&
	test "$(sed -n 2p "$OUT")" = "|---|---|---|---|---|---|---|---|---|---|---|" &&
	test $(wc -l <"$OUT") = 2
'

# A text file (no NUL in its first 8000 bytes) with NULs around an id on line 2.
nul_file () {
	head -c 9000 /dev/zero | tr "\\000" x >"$1" && echo >>"$1" &&
	printf "ab\000cd = m(\"gpt-4o\")\000tail\n" >>"$1"
}

test_expect_success 'a NUL before the id: SARIF and JSON give the same column' '
	mkdir d && nul_file d/a.py &&
	run_pincheck --format json scan d &&
	expect_rc 1 &&
	grep_stdout_F "\"line\": 2, \"column\": 12," &&
	run_pincheck --format sarif scan d &&
	expect_rc 1 &&
	grep_stdout_F "\"region\": {\"startLine\": 2, \"startColumn\": 12, \"endColumn\": 18}" &&
	run_pincheck scan d &&
	grep_stdout_F "d/a.py:2:12: error[alias]" &&
	grep_stdout_F "    cd = m(\"gpt-4o\")"
'

# drill_repo: new_repo_with_commit r; app.py, staged, selects a retired and
# a long Bedrock id.
drill_repo () {
	new_repo_with_commit r &&
	printf "A = \"claude-3-opus-20240229\"\nB = \"anthropic.claude-3-5-sonnet-20240620-v1:0\"\n" >app.py &&
	git add app.py
}

test_expect_success 'drill --format csv: the fields of the JSON, one row per model' '
	drill_repo &&
	PINCHECK_TODAY=2026-06-01 run_pincheck --format csv drill &&
	expect_rc 1 &&
	test "$(sed -n 1p "$OUT")" = "model,provider,snapshot_date,age_days,deprecated,retires,replacement,candidate,last_eval,last_eval_path,next_drill,status,count" &&
	grep_stdout_F "claude-3-opus-20240229,anthropic,2024-02-29,823,2025-06-30,2026-01-05," &&
	grep_stdout "^claude-3-opus-20240229,.*,2026-06-01,retired,1$" &&
	test $(wc -l <"$OUT") = 3
'

test_expect_success 'drill --format markdown: a table with its header' '
	drill_repo &&
	PINCHECK_TODAY=2026-06-01 run_pincheck --format markdown drill &&
	expect_rc 1 &&
	grep_stdout "^| model | provider | snapshot_date |" &&
	test "$(sed -n 2p "$OUT")" = "|---|---|---|---|---|---|---|---|---|---|---|---|---|" &&
	grep_stdout_F "| claude-3-opus-20240229 | anthropic | 2024-02-29 | 823 |"
'

test_expect_success 'drill text: a long id does not push the age into another column' '
	drill_repo &&
	PINCHECK_TODAY=2026-06-01 run_pincheck drill &&
	expect_rc 1 &&
	grep_stdout "^anthropic.claude-3-5-sonnet-20240620-v1:0 anthropic 2024-06-20 711 - " &&
	grep_stdout "^claude-3-opus-20240229  *anthropic 2024-02-29 823 2025-06-30 2026-01-05 - *now  *-  *retired$"
'

for fmt in sarif github; do
	test_expect_success "drill --format $fmt is a usage error, not text" "
		drill_repo &&
		run_pincheck --format $fmt drill &&
		expect_rc 2 &&
		grep_stderr_F 'drill: --format $fmt is not supported' &&
		test ! -s \"\$OUT\"
	"
done

test_expect_success 'SARIF lists each rule once and each result points at its rule' '
	mkdir d &&
	awk "BEGIN { for (i = 0; i < 3000; i++) {
		printf \"A%d = \\\"gpt-4o\\\"  # pincheck:allow\\n\", i
		printf \"B%d = \\\"claude-3-5-sonnet-latest\\\"\\n\", i
		printf \"C%d = \\\"gpt-4o\\\"\\n\", i } }" >d/a.py &&
	run_pincheck --format sarif scan d &&
	expect_rc 1 &&
	grep -o "{\"id\": \"[^\"]*\"" "$OUT" | sed "s/.*\"id\": //" >rules &&
	test $(wc -l <rules) = 2 &&
	test $(sort -u rules | wc -l) = 2 &&
	grep -o "\"ruleId\": \"[^\"]*\", \"level\": \"[a-z]*\", \"ruleIndex\": [0-9]*" "$OUT" |
		sed "s/\"ruleId\": \\(\"[^\"]*\"\\).*\"ruleIndex\": \\([0-9]*\\)/\\1 \\2/" >results &&
	test $(wc -l <results) = 6000 &&
	awk "NR == FNR { idx[\$0] = FNR - 1; next } idx[\$1] != \$2 { bad++ } END { exit bad > 0 }" rules results
'

test_done
