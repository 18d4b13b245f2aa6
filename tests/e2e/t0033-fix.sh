#!/bin/sh
# t0033: `pincheck fix` (issue 14 item 1) rewrites each alias that is a
# choice to its live pin, byte for byte: in Python, TypeScript, Go, YAML,
# JSON, TOML, .env, a Jupyter notebook's code cells (the id inside a JSON
# source string, its quotes escaped, or the id itself spelled with needless
# escapes), and a Markdown code block; a CRLF file, a file without a final
# newline and one with a BOM; leaving prose (comments, Markdown paragraphs,
# notebook Markdown cells and outputs, a description), mentions and
# everything else as they were; `fix --diff` is what `fix` writes, as a
# diff `git apply` takes; after it, `scan` reports only what it said it
# left; a second run changes nothing; unstaged and untracked files are
# refused without --force.
. "$(dirname "$0")/lib.sh"

if python3 -c 'import json' 2>/dev/null; then
	test_set_prereq PYTHON
fi

# notebook CODE ESCAPED: a notebook whose code cell selects CODE with its
# quotes escaped, then ESCAPED (an id with needless escapes in it), then
# CODE in single quotes; gpt-4o also stands in a Markdown cell, in a
# comment of the code cell, and in the cell's output, all prose.
notebook () {
	sed -e "s/@CODE@/$1/g" -e "s/@ESC@/$2/g" <<-\EOF
	{
	 "cells": [
	  {
	   "cell_type": "markdown",
	   "metadata": {},
	   "source": ["We use gpt-4o here.\n"]
	  },
	  {
	   "cell_type": "code",
	   "execution_count": 1,
	   "metadata": {},
	   "outputs": [{"name": "stdout", "output_type": "stream", "text": ["model gpt-4o\n"]}],
	   "source": [
	    "client.chat(model=\"@CODE@\")\n",
	    "M = \"@ESC@\"\n",
	    "# gpt-4o in a comment\n",
	    "x = '@CODE@'"
	   ]
	  }
	 ],
	 "metadata": {},
	 "nbformat": 4,
	 "nbformat_minor": 5
	}
	EOF
}

# fix_repo: a repository whose committed files hold aliases in code, in
# prose and as mentions, and the files `fix` should make of them under
# want/ (outside the work tree).
fix_repo () {
	new_repo_with_commit r --no-install &&
	printf 'import os\n\n# gpt-4o is the default\nMODEL = "gpt-4o"\nif m == "gpt-4o":\n\tSMALL = "gpt-4o-mini"  # pincheck: or not\n' >app.py &&
	printf '// client\r\nexport const model = "gpt-4o";\r\n' >client.ts &&
	printf 'agent:\n  model: gpt-4o' >agent.yaml &&
	printf '\357\273\277MODEL = "gpt-4o"\n' >bom.py &&
	printf 'M = "gpt-4"\n' >old.py &&
	printf '{\n  "model": "gpt-4\\u006f"\n}\n' >esc.json &&
	printf 'package main\n\n// gpt-4o answers\nconst model = "gpt-4o"\n\nfunc main() { call(`gpt-4o`) }\n' >main.go &&
	printf '[llm]\nmodel = "gpt-4o"\n# gpt-4o here is prose\nfallback = '"'"'gpt-4o-mini'"'"'\n' >pyproject.toml &&
	printf 'OPENAI_MODEL=gpt-4o\r\n# gpt-4o\r\n' >.env &&
	printf '{"model": "gpt-4o", "description": "Works with gpt-4o"}' >settings.json &&
	printf '# Agent\n\nWe run gpt-4o in production.\n\n```python\nclient.chat(model="gpt-4o")\n```\n' >README.md &&
	notebook gpt-4o "gpt\\\\u002d4o" >nb.ipynb &&
	git add . &&
	commit_unchecked aliases &&
	mkdir ../want &&
	printf 'import os\n\n# gpt-4o is the default\nMODEL = "gpt-4o-2024-08-06"\nif m == "gpt-4o":\n\tSMALL = "gpt-4o-mini-2024-07-18"  # pincheck: or not\n' >../want/app.py &&
	printf '// client\r\nexport const model = "gpt-4o-2024-08-06";\r\n' >../want/client.ts &&
	printf 'agent:\n  model: gpt-4o-2024-08-06' >../want/agent.yaml &&
	printf '\357\273\277MODEL = "gpt-4o-2024-08-06"\n' >../want/bom.py &&
	printf '{\n  "model": "gpt-4o-2024-08-06"\n}\n' >../want/esc.json &&
	printf 'package main\n\n// gpt-4o answers\nconst model = "gpt-4o-2024-08-06"\n\nfunc main() { call(`gpt-4o-2024-08-06`) }\n' >../want/main.go &&
	printf '[llm]\nmodel = "gpt-4o-2024-08-06"\n# gpt-4o here is prose\nfallback = '"'"'gpt-4o-mini-2024-07-18'"'"'\n' >../want/pyproject.toml &&
	printf 'OPENAI_MODEL=gpt-4o-2024-08-06\r\n# gpt-4o\r\n' >../want/.env &&
	printf '{"model": "gpt-4o-2024-08-06", "description": "Works with gpt-4o"}' >../want/settings.json &&
	printf '# Agent\n\nWe run gpt-4o in production.\n\n```python\nclient.chat(model="gpt-4o-2024-08-06")\n```\n' >../want/README.md &&
	notebook gpt-4o-2024-08-06 gpt-4o-2024-08-06 >../want/nb.ipynb &&
	cp old.py ../want/
}

# same_as_want: every file of ../want (dot files too) is byte for byte the
# work tree's.
same_as_want () {
	for _f in $(ls -A ../want); do
		cmp "../want/$_f" "$_f" || return 1
	done
}

test_expect_success 'fix rewrites each alias in code to its pin, and only that' '
	fix_repo &&
	run_pincheck fix &&
	expect_rc 1 &&
	same_as_want &&
	grep_stdout_F "fixed 14 × gpt-4o -> gpt-4o-2024-08-06" &&
	grep_stdout_F "fixed 2 × gpt-4o-mini -> gpt-4o-mini-2024-07-18" &&
	grep_stdout_F "left old.py:1:6 gpt-4 [alias]: no live pin known" &&
	grep_stdout_F "pincheck: 16 fixed in 11 files, 1 left"
'

test_expect_success PYTHON 'a fixed notebook is JSON whose code cell selects the pin' '
	fix_repo &&
	run_pincheck fix nb.ipynb &&
	expect_rc 0 &&
	python3 -c "import json, sys; print(\"\".join(json.load(open(sys.argv[1]))[\"cells\"][1][\"source\"]))" nb.ipynb >../source &&
	printf "client.chat(model=\"gpt-4o-2024-08-06\")\nM = \"gpt-4o-2024-08-06\"\n# gpt-4o in a comment\nx = '"'"'gpt-4o-2024-08-06'"'"'\n" >../want.source &&
	cmp ../want.source ../source
'

test_expect_success 'a pin a JSON string could only hold escaped is left there, written elsewhere' '
	new_repo_with_commit r --no-install &&
	printf "rules:\n  - id: acme-alias\n    provider: acme\n    class: alias\n    pattern: acme-fast\n    suggest: '"'"'acme-fast\\\\2025'"'"'\n    message: acme repoints it.\n" >.pincheck.yml &&
	printf "{\"model\": \"acme-fast\"}\n" >acme.json &&
	printf "m = \"acme-fast\"\n" >acme.py &&
	git add . &&
	commit_unchecked acme &&
	cp acme.json ../acme.json &&
	run_pincheck fix &&
	expect_rc 1 &&
	cmp ../acme.json acme.json &&
	grep_stdout_F "left acme.json:1:12 acme-fast [alias]: the pin would need escaping in its JSON string" &&
	printf "m = \"acme-fast\\\\2025\"\n" >../acme.py &&
	cmp ../acme.py acme.py
'

test_expect_success 'after fix, scan reports only what fix left; a second fix changes nothing' '
	fix_repo &&
	run_pincheck fix &&
	sed -n "s/^left \([^ ]*\) .*/\1/p" "$OUT" | sort >../left &&
	run_pincheck scan -q &&
	expect_rc 1 &&
	sed -n "s/^\([^ ]*:[0-9]*:[0-9]*\): error.*/\1/p" "$OUT" | sort >../found &&
	diff -u ../left ../found &&
	git diff >../first &&
	run_pincheck fix &&
	expect_rc 1 &&
	grep_stdout_F "pincheck: 0 fixed in 0 files, 1 left" &&
	git diff >../second &&
	cmp ../first ../second
'

test_expect_success 'fix --diff writes nothing, and git apply of it is what fix writes' '
	fix_repo &&
	run_pincheck fix --diff &&
	expect_rc 1 &&
	cp "$OUT" ../patch &&
	test -z "$(git status --porcelain --untracked-files=no)" &&
	grep_stderr_F "would fix 14 × gpt-4o -> gpt-4o-2024-08-06" &&
	grep -q "^--- a/client.ts" ../patch &&
	grep -q "^+++ b/client.ts" ../patch &&
	git apply ../patch &&
	same_as_want &&
	git diff >../applied &&
	git checkout -q -- . &&
	run_pincheck fix &&
	git diff >../fixed &&
	cmp ../applied ../fixed
'

test_expect_success 'with nothing left, fix exits 0' '
	new_repo_with_commit r --no-install &&
	printf "$alias_line" >app.py &&
	git add app.py &&
	commit_unchecked alias &&
	run_pincheck fix &&
	expect_rc 0 &&
	printf "$pinned_line" >want &&
	cmp want app.py &&
	run_pincheck fix &&
	expect_rc 0 &&
	grep_stdout_F "pincheck: 0 fixed in 0 files, 0 left"
'

test_expect_success 'a file with unstaged changes, or untracked, is refused without --force' '
	new_repo_with_commit r --no-install &&
	printf "$alias_line" >app.py &&
	git add app.py &&
	commit_unchecked alias &&
	printf "# edited\n$alias_line" >app.py &&
	cp app.py before &&
	printf "$alias_line" >new.py &&
	run_pincheck fix app.py new.py &&
	expect_rc 1 &&
	cmp before app.py &&
	printf "$alias_line" >want &&
	cmp want new.py &&
	grep_stdout_F "left app.py:2:10 gpt-4o [alias]: the file has unstaged changes" &&
	grep_stdout_F "left new.py:1:10 gpt-4o [alias]: the file is not tracked" &&
	run_pincheck fix --force app.py new.py &&
	expect_rc 0 &&
	printf "# edited\n$pinned_line" >want &&
	cmp want app.py
'

test_expect_success 'fix keeps the file mode' '
	new_repo_with_commit r --no-install &&
	printf "#!/usr/bin/env python3\n$alias_line" >run.py &&
	chmod 755 run.py &&
	git add run.py &&
	commit_unchecked alias &&
	run_pincheck fix &&
	expect_rc 0 &&
	test -x run.py &&
	test -z "$(git diff --summary)" &&
	ls -a >files &&
	! grep -q pincheck- files
'

test_expect_success 'fix outside a repository is an error' '
	mkdir plain &&
	printf "$alias_line" >plain/app.py &&
	cd plain &&
	run_pincheck fix &&
	expect_rc 3 &&
	grep_stderr_F "not a git repository"
'

test_done
