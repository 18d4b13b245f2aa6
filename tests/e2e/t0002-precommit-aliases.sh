#!/bin/sh
# t0002: the pre-commit hook refuses floating aliases on added lines of code,
# config and notebooks, accepts pinned snapshots, and leaves prose, removed
# or unchanged lines and suppressed lines alone.
. "$(dirname "$0")/lib.sh"

# write_model, model_loc and write_notebook are lib.sh's.

# suggestion_for ALIAS: what the finding for ALIAS says about pinning it: the
# snapshot it points to today when that one is alive (its retirement date may
# follow), else that its snapshot retired and no pin keeps the old behaviour.
suggestion_for () {
	case $1 in
	gpt-4o) echo "Pin gpt-4o-2024-08-06" ;;
	claude-3-5-sonnet-latest) echo "claude-3-5-sonnet-20241022, the snapshot claude-3-5-sonnet-latest pointed to, retired on 2025-10-28: no pin keeps the old behaviour. Migrate to a current model and link its eval result." ;;
	claude-sonnet-4-5) echo "Pin claude-sonnet-4-5-20250929." ;;
	gemini-1.5-pro) echo "gemini-1.5-pro-002, the snapshot gemini-1.5-pro pointed to, retired on 2025-09-24: no pin keeps the old behaviour. Migrate to a current model and link its eval result." ;;
	esac
}

# refuse_case FILE ALIAS: adding FILE that selects ALIAS is refused, with a
# finding at FILE:LINE:COL that says how to pin it (never a retired snapshot)
# and names the rule.
refuse_case () {
	_loc="$1:$(model_loc "$1"): error[alias]" &&
	new_repo_with_commit r &&
	write_model "$1" "$2" &&
	git add "$1" &&
	commit_refused &&
	finding_line_has "$_loc" "$(suggestion_for "$2")" &&
	case $2 in
	claude-3-5-sonnet-latest|gemini-1.5-pro) no_stderr_F " Pin " ;;
	esac &&
	grep_stderr "^$(printf '%s' "$_loc" | sed 's/[][.*^$]/\\&/g').*\[[a-z0-9][a-z0-9._-]*\]\$" &&
	grep_stderr '^pincheck: 1 error'
}

# accept_case FILE MODEL: adding FILE that selects pinned MODEL is accepted
# with no error and no alias finding (a lifecycle warning such as
# warning[deprecated] for a snapshot not yet retired is fine; a retired one
# is an error, so none of these has retired).
accept_case () {
	new_repo_with_commit r &&
	write_model "$1" "$2" &&
	git add "$1" &&
	commit_accepted &&
	no_stderr_F "error[" &&
	no_stderr_F "[alias]"
}

for alias in gpt-4o claude-3-5-sonnet-latest claude-sonnet-4-5 gemini-1.5-pro; do
	for f in app.py client.ts config.yaml settings.json nb.ipynb .env; do
		test_expect_success "refuses $alias added in $f" "
			refuse_case $f $alias
		"
	done
done

for pinned in gpt-4o-2024-08-06 claude-sonnet-4-5-20250929 claude-opus-4-6 \
	gemini-3.5-flash gemini-3.5-pro; do
	for f in app.py client.ts config.yaml settings.json nb.ipynb .env; do
		test_expect_success "accepts pinned $pinned added in $f" "
			accept_case $f $pinned
		"
	done
done

test_expect_success 'the refusal shows the source line and a caret line' '
	new_repo_with_commit r &&
	write_model app.py gpt-4o &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "MODEL = \"gpt-4o\"" &&
	grep_stderr "^[^:]*\^"
'

test_expect_success 'hook pre-commit writes its whole report to stderr, none to stdout' '
	new_repo_with_commit r &&
	write_model app.py gpt-4o &&
	git add app.py &&
	run_pincheck hook pre-commit &&
	expect_rc 1 &&
	grep_stderr_F "app.py:3:10: error[alias]" &&
	grep_stderr "^pincheck: " &&
	! test -s "$OUT"
'

test_expect_success 'two aliases in one file: both reported, in line order' '
	new_repo_with_commit r &&
	printf "a = \"gpt-4o\"\nb = \"claude-sonnet-4-5\"\n" >two.py &&
	git add two.py &&
	commit_refused &&
	grep -F "error[alias]" "$ERR" >lines &&
	sed -n 1p lines | grep -q -F "two.py:1:6:" &&
	sed -n 2p lines | grep -q -F "two.py:2:6:" &&
	grep_stderr "^pincheck: 2 errors, 0 warnings in 1 file"
'

test_expect_success 'an alias inside a longer token is not a finding' '
	new_repo_with_commit r &&
	printf "proxy = \"my-gpt-4o-proxy\"\nname = \"gpt-4o_custom\"\n" >tok.py &&
	git add tok.py &&
	commit_accepted
'

# --- removed, unchanged and changed lines -----------------------------------

test_expect_success 'an alias already committed, on an unchanged line, does not block' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o\"\nTIMEOUT = 10\n" >app.py &&
	git add app.py && git commit -q --no-verify -m legacy &&
	printf "MODEL = \"gpt-4o\"\nTIMEOUT = 30\n" >app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'removing the line with an alias is accepted' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o\"\nTIMEOUT = 10\n" >app.py &&
	git add app.py && git commit -q --no-verify -m legacy &&
	printf "TIMEOUT = 10\n" >app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'replacing an alias with its pinned snapshot is accepted' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o\"\n" >app.py &&
	git add app.py && git commit -q --no-verify -m legacy &&
	printf "MODEL = \"gpt-4o-2024-08-06\"\n" >app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'deleting a whole file full of aliases is accepted' '
	new_repo_with_commit r &&
	write_model app.py gpt-4o &&
	git add app.py && git commit -q --no-verify -m legacy &&
	git rm -q app.py &&
	commit_accepted
'

test_expect_success 'editing the line that holds an alias is not a new alias: accepted' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o\"\n" >app.py &&
	git add app.py && git commit -q --no-verify -m legacy &&
	printf "MODEL = \"gpt-4o\"  # tuned\n" >app.py &&
	git add app.py &&
	commit_accepted &&
	no_stderr_F "error[alias]"
'

test_expect_success 'editing that line to hold a second copy of the alias: refused' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o\"\n" >app.py &&
	git add app.py && git commit -q --no-verify -m legacy &&
	printf "MODEL = \"gpt-4o\"; FALLBACK = \"gpt-4o\"\n" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr "^app\.py:1:[0-9]*: error\[alias\]" &&
	grep_stderr "^pincheck: 1 error"
'

test_expect_success 'moving the line that holds an alias within its file is accepted' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o\"\nA = 1\nB = 2\n" >app.py &&
	git add app.py && git commit -q --no-verify -m legacy &&
	printf "A = 1\nB = 2\nMODEL = \"gpt-4o\"\n" >app.py &&
	git add app.py &&
	commit_accepted &&
	no_stderr_F "error[alias]"
'

test_expect_success 'moving the alias line and adding a copy: one alias is new, refused' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o\"\nA = 1\n" >app.py &&
	git add app.py && git commit -q --no-verify -m legacy &&
	printf "A = 1\nMODEL = \"gpt-4o\"\nB = \"gpt-4o\"\n" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr "^app\.py:[23]:[0-9]*: error\[alias\]" &&
	grep_stderr "^pincheck: 1 error"
'

test_expect_success 'moving an alias line to another file is a new alias there: refused' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o\"\nA = 1\n" >app.py &&
	printf "B = 2\n" >other.py &&
	git add app.py other.py && git commit -q --no-verify -m legacy &&
	printf "A = 1\n" >app.py &&
	printf "B = 2\nMODEL = \"gpt-4o\"\n" >other.py &&
	git add app.py other.py &&
	commit_refused &&
	grep_stderr_F "other.py:2:10: error[alias]"
'

test_expect_success 'a suggested pin gives its retirement date only when it is near' '
	new_repo_with_commit r &&
	write_model app.py gpt-4o &&
	git add app.py &&
	PINCHECK_TODAY=2026-06-01 && export PINCHECK_TODAY &&
	commit_refused &&
	finding_line_has "app.py:3:10: error[alias]" "Pin gpt-4o-2024-08-06. [" &&
	PINCHECK_TODAY=2026-12-03 &&
	commit_refused &&
	finding_line_has "app.py:3:10: error[alias]" "Pin gpt-4o-2024-08-06 (it retires on 2027-01-14). [" &&
	PINCHECK_TODAY=2027-02-01 &&
	commit_refused &&
	finding_line_has "app.py:3:10: error[alias]" "gpt-4o-2024-08-06, the snapshot gpt-4o pointed to, retired on 2027-01-14: no pin keeps the old behaviour. Migrate to a current model and link its eval result." &&
	no_stderr_F " Pin "
'

test_expect_success 'a second copy of a committed alias on a new line is refused' '
	new_repo_with_commit r &&
	printf "A = \"gpt-4o\"\n" >app.py &&
	git add app.py && git commit -q --no-verify -m legacy &&
	printf "A = \"gpt-4o\"\nB = \"gpt-4o\"\n" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:2:6: error[alias]" &&
	no_stderr_F "app.py:1:"
'

test_expect_success 'renaming a file that holds an alias (content unchanged) is accepted' '
	new_repo_with_commit r &&
	write_model app.py gpt-4o &&
	git add app.py && git commit -q --no-verify -m legacy &&
	git mv app.py main.py &&
	commit_accepted
'

test_expect_success 'copying a file that holds an alias adds its lines: refused' '
	new_repo_with_commit r &&
	write_model app.py gpt-4o &&
	git add app.py && git commit -q --no-verify -m legacy &&
	cp app.py copy.py &&
	git add copy.py &&
	commit_refused &&
	grep_stderr_F "copy.py:3:10: error[alias]" &&
	no_stderr_F "app.py:"
'

test_expect_success 'renaming and editing a file: its old alias line is unchanged, accepted' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o\"\nA = 1\nB = 2\nC = 3\nD = 4\n" >app.py &&
	git add app.py && git commit -q --no-verify -m legacy &&
	git mv app.py main.py &&
	printf "E = 5\n" >>main.py &&
	git add main.py &&
	commit_accepted
'

test_expect_success 'a mode change of a file that holds an alias is accepted' '
	new_repo_with_commit r &&
	write_model app.py gpt-4o &&
	git add app.py && git commit -q --no-verify -m legacy &&
	chmod +x app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'only the staged version counts: an alias in the worktree only does not block' '
	new_repo_with_commit r &&
	write_model app.py gpt-4o-2024-08-06 &&
	git add app.py &&
	write_model app.py gpt-4o &&
	commit_accepted
'

test_expect_success 'only the staged version counts: an alias staged then fixed in the worktree only is refused' '
	new_repo_with_commit r &&
	write_model app.py gpt-4o &&
	git add app.py &&
	write_model app.py gpt-4o-2024-08-06 &&
	commit_refused &&
	grep_stderr_F "app.py:3:10: error[alias]"
'

# --- prose ------------------------------------------------------------------

test_expect_success 'python: an alias in a # comment is accepted' '
	new_repo_with_commit r &&
	printf "# we used to call gpt-4o here\nMODEL = \"gpt-4o-2024-08-06\"  # was gpt-4o\n" >app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'python: an alias in a docstring is accepted' '
	new_repo_with_commit r &&
	printf "def ask():\n    \"\"\"Ask gpt-4o.\n\n    Never claude-sonnet-4-5.\n    \"\"\"\n    return \"gpt-4o-2024-08-06\"\n" >app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'python: an alias in a string after a # inside a string is still refused' '
	new_repo_with_commit r &&
	printf "url = \"http://x/#a\"; m = \"gpt-4o\"\n" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:1:27: error[alias]"
'

test_expect_success 'python: a line added inside an existing docstring is prose (whole-file context)' '
	new_repo_with_commit r &&
	printf "\"\"\"Module doc.\n\nDetails.\n\"\"\"\nMODEL = \"gpt-4o-2024-08-06\"\n" >app.py &&
	git add app.py && git commit -q --no-verify -m doc &&
	printf "\"\"\"Module doc.\n\nDetails.\nTried gpt-4o first.\n\"\"\"\nMODEL = \"gpt-4o-2024-08-06\"\n" >app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'typescript: // and /* */ comments are prose' '
	new_repo_with_commit r &&
	printf "// gpt-4o was flaky\nconst m = \"claude-opus-4-6\"; /* not gpt-4o */\n/*\n * claude-3-5-sonnet-latest\n */\n" >c.ts &&
	git add c.ts &&
	commit_accepted
'

test_expect_success 'typescript: code after a closed block comment is refused' '
	new_repo_with_commit r &&
	printf "/* pinned below */ const m = \"gpt-4o\";\n" >c.ts &&
	git add c.ts &&
	commit_refused &&
	grep_stderr_F "c.ts:1:31: error[alias]"
'

test_expect_success 'typescript: a line added inside an existing block comment is prose' '
	new_repo_with_commit r &&
	printf "/*\n * notes\n */\nconst m = \"claude-opus-4-6\";\n" >c.ts &&
	git add c.ts && git commit -q --no-verify -m c &&
	printf "/*\n * notes\n * gpt-4o is an alias\n */\nconst m = \"claude-opus-4-6\";\n" >c.ts &&
	git add c.ts &&
	commit_accepted
'

test_expect_success 'yaml: an alias in a comment is accepted' '
	new_repo_with_commit r &&
	printf "# default was gpt-4o\nmodel: gpt-4o-2024-08-06  # not gpt-4o\n" >c.yaml &&
	git add c.yaml &&
	commit_accepted
'

test_expect_success 'markdown: an alias in a paragraph is accepted' '
	new_repo_with_commit r &&
	printf "# Models\n\nWe moved off gpt-4o and claude-3-5-sonnet-latest.\n" >NOTES.md &&
	git add NOTES.md &&
	commit_accepted
'

test_expect_success 'markdown: an alias in a fenced python block is refused' '
	new_repo_with_commit r &&
	printf "# Usage\n\nCall it like this:\n\n\`\`\`python\nclient.chat(model=\"gpt-4o\")\n\`\`\`\n" >USAGE.md &&
	git add USAGE.md &&
	commit_refused &&
	grep_stderr_F "USAGE.md:6:20: error[alias]"
'

test_expect_success 'markdown: a line added inside an existing fence is refused' '
	new_repo_with_commit r &&
	printf "Text.\n\n\`\`\`python\nimport x\n\`\`\`\n" >USAGE.md &&
	git add USAGE.md && git commit -q --no-verify -m doc &&
	printf "Text.\n\n\`\`\`python\nimport x\nm = \"gpt-4o\"\n\`\`\`\n" >USAGE.md &&
	git add USAGE.md &&
	commit_refused &&
	grep_stderr_F "USAGE.md:5:6: error[alias]"
'

test_expect_success 'markdown: a paragraph after a closed fence is prose again' '
	new_repo_with_commit r &&
	printf "\`\`\`python\nm = \"gpt-4o-2024-08-06\"\n\`\`\`\n\nAvoid gpt-4o.\n" >USAGE.md &&
	git add USAGE.md &&
	commit_accepted
'

test_expect_success 'notebook: an alias in a markdown cell is accepted' '
	new_repo_with_commit r &&
	write_notebook nb.ipynb markdown gpt-4o &&
	git add nb.ipynb &&
	commit_accepted
'

test_expect_success 'notebook: an alias in cell outputs is accepted' '
	new_repo_with_commit r &&
	write_notebook nb.ipynb output gpt-4o &&
	git add nb.ipynb &&
	commit_accepted
'

test_expect_success 'notebook: a code cell whose source is one string (not a list) is refused' '
	new_repo_with_commit r &&
	printf "%s\n" "{" " \"cells\": [" "  {" "   \"cell_type\": \"code\"," \
		"   \"execution_count\": null," "   \"metadata\": {}," "   \"outputs\": []," \
		"   \"source\": \"import x\\nmodel = \\\"gpt-4o\\\"\\n\"" "  }" " ]," \
		" \"metadata\": {}," " \"nbformat\": 4," " \"nbformat_minor\": 5" "}" >s.ipynb &&
	git add s.ipynb &&
	commit_refused &&
	grep_stderr_F "s.ipynb:8:35: error[alias]"
'

# --- lexer corners: prose must not swallow code --------------------------------

test_expect_success 'python: a triple-quoted string assigned to a name is code, not a docstring' '
	new_repo_with_commit r &&
	printf "MODEL = \"\"\"gpt-4o\"\"\"\n" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:1:12: error[alias]"
'

test_expect_success 'typescript: // inside a string does not start a comment' '
	new_repo_with_commit r &&
	printf "const u = \"https://api.example.com/v1\"; const m = \"gpt-4o\";\n" >u.ts &&
	git add u.ts &&
	commit_refused &&
	grep_stderr_F "u.ts:1:52: error[alias]"
'

test_expect_success 'typescript: an alias in a template literal is refused' '
	new_repo_with_commit r &&
	printf "const n = \`claude-sonnet-4-5\`;\n" >u.ts &&
	git add u.ts &&
	commit_refused &&
	grep_stderr_F "u.ts:1:12: error[alias]"
'

test_expect_success 'yaml: a # inside a quoted scalar does not start a comment' '
	new_repo_with_commit r &&
	printf "{url: \"http://x/#a\", model: gpt-4o}\n" >f.yaml &&
	git add f.yaml &&
	commit_refused &&
	grep_stderr_F "f.yaml:1:29: error[alias]"
'

test_expect_success '.env: a commented-out alias is accepted' '
	new_repo_with_commit r &&
	printf "# MODEL=gpt-4o\nMODEL=gpt-4o-2024-08-06\n" >.env &&
	git add .env &&
	commit_accepted
'

test_expect_success 'markdown: ~~~ fences and fences without a language are code' '
	new_repo_with_commit r &&
	printf "Text\n\n~~~python\nm = \"gpt-4o\"\n~~~\n\n\`\`\`\nmodel: claude-sonnet-4-5\n\`\`\`\n" >F.md &&
	git add F.md &&
	commit_refused &&
	grep_stderr_F "F.md:4:6: error[alias]" &&
	grep_stderr_F "F.md:8:8: error[alias]"
'

test_expect_success 'columns count bytes (UTF-8 BOM, non-ASCII before the alias)' '
	new_repo_with_commit r &&
	printf "\357\273\277MODEL = \"gpt-4o\"\nx = \"\303\251\303\251\303\251\"; m = \"gpt-4o\"\n" >bom.py &&
	git add bom.py &&
	commit_refused &&
	grep_stderr_F "bom.py:1:13: error[alias]" &&
	grep_stderr_F "bom.py:2:20: error[alias]"
'

test_expect_success 'an alias at the end of a 20 KB line is found' '
	new_repo_with_commit r &&
	pad=0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789 &&
	pad=$pad$pad$pad$pad$pad$pad$pad$pad$pad$pad && pad=$pad$pad$pad$pad$pad$pad$pad$pad$pad$pad &&
	pad=$pad$pad &&
	printf "{\"pad\": \"%s\", \"model\": \"gpt-4o\"}\n" "$pad" >long.json &&
	git add long.json &&
	commit_refused &&
	grep_stderr_F "long.json:1:20023: error[alias]"
'

# --- suppression ------------------------------------------------------------

test_expect_success 'python: # pincheck:allow on the line suppresses the finding' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o\"  # pincheck:allow\n" >app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'typescript: // pincheck:allow on the line suppresses the finding' '
	new_repo_with_commit r &&
	printf "const m = \"gpt-4o\"; // pincheck:allow legacy eval harness\n" >c.ts &&
	git add c.ts &&
	commit_accepted
'

test_expect_success 'yaml: # pincheck:allow on the line suppresses the finding' '
	new_repo_with_commit r &&
	printf "model: gemini-1.5-pro # pincheck:allow\n" >c.yaml &&
	git add c.yaml &&
	commit_accepted
'

test_expect_success 'pincheck:allow on another line does not suppress' '
	new_repo_with_commit r &&
	printf "# pincheck:allow\nMODEL = \"gpt-4o\"\n" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:2:10: error[alias]"
'

test_expect_success 'pincheck:allow inside a string literal is not a suppression comment' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o\"; NOTE = \"pincheck:allow\"\n" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]"
'

test_expect_success 'pincheck:allow[RULE-ID] suppresses the matching rule' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o\"\n" >app.py &&
	git add app.py &&
	commit_refused &&
	id=$(rule_id_of "app.py:1:10: error[alias]") &&
	test -n "$id" &&
	printf "MODEL = \"gpt-4o\"  # pincheck:allow[%s]\n" "$id" >app.py &&
	git add app.py &&
	commit_accepted
'

test_expect_success 'pincheck:allow[OTHER-RULE] does not suppress a different rule' '
	new_repo_with_commit r &&
	printf "A = \"claude-sonnet-4-5\"\n" >a.py &&
	git add a.py &&
	commit_refused &&
	other=$(rule_id_of "a.py:1:6: error[alias]") &&
	test -n "$other" &&
	git rm -q --cached a.py &&
	printf "MODEL = \"gpt-4o\"  # pincheck:allow[%s]\n" "$other" >app.py &&
	git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:1:10: error[alias]"
'

test_expect_success 'suppressed findings are counted in --format json check --staged' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o\"  # pincheck:allow\n" >app.py &&
	git add app.py &&
	run_pincheck --format json check --staged &&
	expect_rc 0 &&
	grep -q "\"suppressed\": *1" "$OUT" &&
	grep -q "\"errors\": *0" "$OUT"
'

# --- what a finding says: why, then what to do ------------------------------

test_expect_success 'a finding says why, then what to do: a rule'"'"'s advice, else the kind'"'"'s default' '
	new_repo_with_commit r &&
	cat >.pincheck.yml <<-\EOF &&
	version: 1
	rules:
	  - id: acme-fast-alias
	    provider: acme
	    class: alias
	    pattern: acme-fast-latest
	    message: acme moves acme-fast-latest to each release
	    advice: Use acme-fast-2026-01
	  - id: acme-smart-alias
	    provider: acme
	    class: alias
	    pattern: acme-smart-latest
	    message: acme moves acme-smart-latest to each release.
	  - id: acme-auto-no-snapshot
	    provider: acme
	    class: no-snapshot
	    pattern: acme-auto
	EOF
	printf "A = \"acme-fast-latest\"\nB = \"acme-smart-latest\"\nC = \"acme-auto\"\n" >a.py &&
	run_pincheck scan a.py &&
	expect_rc 1 &&
	grep_stdout_F "a.py:1:6: error[alias] acme moves acme-fast-latest to each release. Use acme-fast-2026-01. [acme-fast-alias]" &&
	grep_stdout_F "a.py:2:6: error[alias] acme moves acme-smart-latest to each release. Pin a dated snapshot. [acme-smart-alias]" &&
	grep_stdout_F "a.py:3:6: warning[no-snapshot] acme-auto has no pinnable snapshot. Record the model version you validated with your eval. [acme-auto-no-snapshot]"
'

test_expect_success 'a live suggestion is the what: no rule advice beside it' '
	new_repo_with_commit r &&
	write_model app.py gpt-4o &&
	PINCHECK_TODAY=2026-06-01 run_pincheck scan app.py &&
	expect_rc 1 &&
	grep_stdout_F "app.py:3:10: error[alias] OpenAI repoints an undated model name to newer snapshots, with only an email notice. Pin gpt-4o-2024-08-06. [openai-gpt-alias]" &&
	no_stdout_F "Pin a dated snapshot"
'

test_expect_success 'Ollama advice is what Ollama accepts: a copy under your own name, which is not refused' '
	new_repo_with_commit r &&
	printf "MODEL = \"zephyr:latest\"\n" >app.py &&
	run_pincheck scan app.py &&
	expect_rc 1 &&
	grep_stdout_F "error[alias] An Ollama tag, latest included, can be re-pushed to another model, and the old one can then no longer be pulled. Copy the model you validated to a name you own (\`ollama cp NAME you/NAME:v1\`) and push it. [ollama-latest-tag-alias]" &&
	no_stdout_F "digest" &&
	printf "import ollama\nr = ollama.chat(model=\"you/zephyr:v1\", messages=m)\n" >app.py &&
	printf "FROM you/zephyr:v1\n" >Modelfile &&
	printf "ollama cp zephyr you/zephyr:v1\nollama push you/zephyr:v1\nollama pull you/zephyr:v1\n" >setup.sh &&
	run_pincheck scan app.py Modelfile setup.sh &&
	expect_rc 0 &&
	grep_stdout_F "pincheck: 0 errors"
'

test_expect_success 'an Ollama library tag is refused wherever Ollama reads it' '
	new_repo_with_commit r &&
	printf "import ollama\nr = ollama.chat(model=\"llama3.1:8b\", messages=m)\nx = completion(model=\"ollama/qwen2.5:32b\")\n" >app.py &&
	printf "FROM llama3.2:3b\n" >Modelfile &&
	printf "ollama pull qwen2.5-coder:32b-instruct-q4_K_M\n" >setup.sh &&
	printf "OLLAMA_MODEL=mistral:7b\n" >.env &&
	printf "image: python:3.12\nbase: ubuntu:24.04\n" >compose.yml &&
	git add app.py Modelfile setup.sh .env compose.yml &&
	commit_refused &&
	grep_stderr_F "app.py:2:24: error[alias]" && grep_stderr_F "app.py:3:23: error[alias]" &&
	grep_stderr_F "Modelfile:1:6: error[alias]" && grep_stderr_F "setup.sh:1:13: error[alias]" &&
	grep_stderr_F ".env:1:14: error[alias]" && grep_stderr_F "5 errors" && no_stderr_F "compose.yml"
'

test_done
