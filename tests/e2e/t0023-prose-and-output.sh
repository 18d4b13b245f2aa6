#!/bin/sh
# t0023: prose the lexer sees, and data by path (SPEC section 1, issue 12).
# HTML, XML and SVG text, comments and most attribute values are prose,
# while a <script>, a model attribute and an XML <model> element are code.
# In Markdown, what a terminal printed and text/output blocks are prose,
# the commands of a session are choices; a notebook's Markdown cell has
# fenced code like a .md file. Issue and pull-request templates and
# generated site indices are prose. Tables and eval results are data.
. "$(dirname "$0")/lib.sh"

page='<html><head><title>Chat with gpt-4o</title>
<!-- we used gpt-4o before -->
<script>
const client = new Client({ model: "gpt-4o" });
</script></head>
<body><p data-model="gpt-4o" title="gpt-4o">o1</p>
<select><option value="gpt-4o">gpt-4o</option></select></body></html>
'

test_expect_success 'HTML: only the script and the model attribute are choices' '
	new_repo_with_commit r &&
	printf "%s" "$page" >index.html &&
	run_pincheck scan index.html && expect_rc 1 &&
	grep_stdout_F "index.html:4:37: error[alias]" &&
	grep_stdout_F "index.html:6:22: error[alias]" &&
	no_stdout_F "index.html:1:" && no_stdout_F "index.html:2:" &&
	no_stdout_F "index.html:7:" && grep_stdout_F "2 errors"
'

test_expect_success 'HTML: pins gives text, comments and option values the role prose' '
	new_repo_with_commit r &&
	printf "%s" "$page" >index.html &&
	run_pincheck --format json pins --include-prose index.html && expect_rc 0 &&
	grep_stdout_F "\"line\": 1, \"column\": 30, \"prose\": true, \"role\": \"prose\"" &&
	grep_stdout_F "\"line\": 2, \"column\": 14, \"prose\": true, \"role\": \"prose\"" &&
	grep_stdout_F "\"line\": 4, \"column\": 37, \"prose\": false, \"role\": \"choice\"" &&
	grep_stdout_F "\"line\": 7, \"column\": 24, \"prose\": true, \"role\": \"prose\""
'

test_expect_success 'SVG text and XML <model> element' '
	new_repo_with_commit r &&
	printf "<svg><text x=\"1\">gpt-4o scores 80</text></svg>\n" >chart.svg &&
	printf "<config>\n  <model>gpt-4o</model>\n  <note>not gpt-4o</note>\n</config>\n" >app.xml &&
	run_pincheck scan && expect_rc 1 &&
	grep_stdout_F "app.xml:2:10: error[alias]" &&
	no_stdout_F "chart.svg:" && no_stdout_F "app.xml:3:"
'

session='Run it:
```console
$ llm --model gpt-4o "hi"  # gpt-4o-mini is cheaper
Chatting with gpt-4.1
```

```
OpenAI Chat: gpt-4.1-mini
```

```text
Answer from o3-mini
```
<!--
```python
client.chat(model="o1")
```
-->
'

test_expect_success 'Markdown: a session command is a choice, its output and comments prose' '
	new_repo_with_commit r &&
	printf "%s" "$session" >README.md &&
	run_pincheck --format json pins --include-prose README.md && expect_rc 0 &&
	grep_stdout_F "\"line\": 3, \"column\": 15, \"prose\": false, \"role\": \"choice\"" &&
	grep_stdout_F "\"line\": 3, \"column\": 30, \"prose\": true, \"role\": \"prose\"" &&
	grep_stdout_F "\"line\": 4, \"column\": 15, \"prose\": true, \"role\": \"prose\"" &&
	grep_stdout_F "\"line\": 8, \"column\": 14, \"prose\": true, \"role\": \"prose\"" &&
	grep_stdout_F "\"line\": 12, \"column\": 13, \"prose\": true, \"role\": \"prose\"" &&
	grep_stdout_F "\"line\": 16, \"column\": 20, \"prose\": true, \"role\": \"prose\""
'

test_expect_success 'Markdown: a commit adding only output and comments is accepted' '
	new_repo_with_commit r &&
	printf "%s" "$session" | sed "3d" >README.md && git add README.md &&
	commit_accepted
'

test_expect_success 'Markdown: a block introduced as output is prose, a config block a choice' '
	new_repo_with_commit r &&
	printf "Example output:\n\`\`\`yaml\n- model: o3-mini\n\`\`\`\nConfigure it:\n\`\`\`yaml\nmodel: gpt-4o\n\`\`\`\n" >USAGE.md &&
	git add USAGE.md &&
	commit_refused &&
	grep_stderr_F "USAGE.md:7:8: error[alias]" && grep_stderr_F "1 error"
'

test_expect_success 'a fenced block in a notebook Markdown cell is code' '
	new_repo_with_commit r &&
	printf "%s\n" "{\"cells\": [{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [" \
		"\"Use gpt-4o like this:\\n\", \"\`\`\`python\\n\"," \
		"\"client.chat(model=\\\"gpt-4o\\\")  # not gpt-4o-mini\\n\", \"\`\`\`\"]}]," \
		"\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}" >demo.ipynb &&
	run_pincheck scan demo.ipynb && expect_rc 1 &&
	grep_stdout_F "demo.ipynb:3:" && grep_stdout_F "1 error"
'

test_expect_success 'issue and pull-request templates and sitemaps are prose; llms.txt is Markdown' '
	new_repo_with_commit r &&
	mkdir -p .github/ISSUE_TEMPLATE docs &&
	printf "body:\n  - type: dropdown\n    attributes:\n      options:\n        - gpt-4o\n" \
		>.github/ISSUE_TEMPLATE/bug.yml &&
	printf "model: gpt-4o\n" >.github/PULL_REQUEST_TEMPLATE.md &&
	printf "Use gpt-4o.\n\n\`\`\`python\nclient.chat(model=\"gpt-4o\")\n\`\`\`\n" >docs/llms.txt &&
	printf "%s\n" "- summary: uses model: gpt-4o" >sitemap.yaml &&
	git add . && commit_refused &&
	grep_stderr_F "docs/llms.txt:4:20: error[alias]" && grep_stderr_F "1 error" &&
	run_pincheck --format json pins --include-prose && expect_rc 0 &&
	grep_stdout_F "\"path\": \".github/ISSUE_TEMPLATE/bug.yml\", \"line\": 5, \"column\": 11, \"prose\": true, \"role\": \"prose\"" &&
	grep_stdout_F "\"path\": \"docs/llms.txt\", \"line\": 1, \"column\": 5, \"prose\": true, \"role\": \"prose\""
'

test_expect_success 'tables and eval results are data; test code beside them is a choice' '
	new_repo_with_commit r &&
	mkdir -p eval/results eval/csvs tests &&
	printf "model,score\ngpt-4o,0.8\n" >eval/csvs/scores.csv &&
	printf "gpt-4o\t0.8\n" >scores.tsv &&
	printf "{\"model\": \"gpt-4o\", \"score\": 0.8}\n" >eval/results/run1.json &&
	printf "{\"model\": \"gpt-4o\"}\n" >mmlu_results.json &&
	printf "{\"model\": \"gpt-4o\"}\n" >eval/model_output_1.json &&
	printf "MODEL = \"gpt-4o\"\n" >eval/results/run.py &&
	run_pincheck --format json scan && expect_rc 1 &&
	grep_stdout_F "\"data_skipped\": 5" &&
	grep_stdout_F "\"path\": \"eval/results/run.py\"" &&
	run_pincheck --format json pins && expect_rc 0 &&
	grep_stdout_F "\"path\": \"eval/csvs/scores.csv\", \"line\": 2, \"column\": 1, \"prose\": false, \"role\": \"data\""
'

test_done
