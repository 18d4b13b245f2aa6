#!/bin/sh
# t0015: scan, pins and drill on awkward inputs: binary, oversized,
# symlinked, submodule, invalid UTF-8 and empty files, in the working tree,
# a revision, the index and a plain directory; and the SARIF and github
# formats' structure.
. "$(dirname "$0")/lib.sh"

# awkward_repo: new_repo_with_commit r, then, untracked: an alias in app.py,
# a binary file, an empty file, invalid UTF-8 before an alias, a 20 kB file
# with an alias, a symlink to app.py, a symlink to a directory outside
# (/tmp/pc-sym-$$, which the test removes), and a submodule sub (staged).
awkward_repo () {
	new_repo_with_commit r &&
	printf "$alias_line" >app.py &&
	printf "x\000$alias_line" >blob.bin &&
	: >empty.py &&
	printf "bad = \"\377\376\"\n$alias_line" >latin.py &&
	head -c 20000 /dev/zero | tr "\0" "a" >big.py &&
	printf "\n$alias_line" >>big.py &&
	ln -s app.py link.py &&
	mkdir -p /tmp/pc-sym-$$ && printf "$alias_line" >/tmp/pc-sym-$$/outside.py &&
	ln -s /tmp/pc-sym-$$ linkdir &&
	git init -q sub && (cd sub && printf "$alias_line" >s.py && git add s.py &&
		git -c user.name=t -c user.email=t@t commit -q -m s) &&
	{
		git -c protocol.file.allow=always submodule -q add ./sub sub 2>/dev/null ||
		git add sub
	}
}

test_expect_success 'working tree: binary, big, symlinked and submodule files are skipped and counted' '
	awkward_repo && git add -A &&
	run_pincheck --max-file-size 10K scan &&
	rm -rf /tmp/pc-sym-$$ &&
	expect_rc 1 &&
	grep_stdout_F "app.py:1:10: error[alias]" &&
	grep_stdout_F "latin.py:2:10: error[alias]" &&
	grep_stdout_F "1 binary file skipped" &&
	grep_stdout_F "1 file over 10240 bytes skipped" &&
	grep_stdout_F "1 submodule skipped" &&
	! grep -q "link.py\|outside.py\|s.py" "$OUT"
'

test_expect_success 'a revision and the index skip the same things' '
	awkward_repo && git add -A && git commit -q --no-verify -m awkward &&
	rm -rf /tmp/pc-sym-$$ &&
	run_pincheck --max-file-size 10K scan --rev HEAD &&
	expect_rc 1 &&
	test "$(count_findings alias)" = 2 &&
	grep_stdout_F "1 binary file skipped" &&
	grep_stdout_F "1 submodule skipped" &&
	run_pincheck --max-file-size 10K scan --staged &&
	expect_rc 1 &&
	test "$(count_findings alias)" = 2
'

test_expect_success 'a plain directory outside git: symlinks are not followed' '
	mkdir plain && printf "$alias_line" >plain/a.py &&
	mkdir -p /tmp/pc-sym2-$$ && printf "$alias_line" >/tmp/pc-sym2-$$/b.py &&
	ln -s /tmp/pc-sym2-$$ plain/elsewhere && ln -s a.py plain/same.py &&
	: >plain/empty.txt &&
	run_pincheck scan plain &&
	rm -rf /tmp/pc-sym2-$$ &&
	expect_rc 1 &&
	test "$(count_findings alias)" = 1
'

test_expect_success 'pins and drill run on the same awkward tree' '
	awkward_repo && git add -A &&
	run_pincheck --format json pins &&
	rm -rf /tmp/pc-sym-$$ &&
	expect_rc 0 &&
	grep_stdout_F "\"model\": \"gpt-4o\"" &&
	run_pincheck drill &&
	expect_rc 0
'

test_expect_success 'SARIF has the structure code scanning accepts' '
	new_repo_with_commit r &&
	printf "$alias_line" >app.py &&
	printf "E = \"deepseek-chat\"\n" >emb.py &&
	run_pincheck --format sarif scan &&
	expect_rc 1 &&
	grep -q "\"version\": \"2.1.0\"" "$OUT" &&
	grep -q "\"\$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\"" "$OUT" &&
	grep -q "\"tool\": {\"driver\": {\"name\": \"pincheck\"" "$OUT" &&
	grep -q "{\"id\": \"openai-gpt-alias\"" "$OUT" &&
	grep -q "\"ruleId\": \"openai-gpt-alias\", \"level\": \"error\"" "$OUT" &&
	grep -q "\"level\": \"warning\"" "$OUT" &&
	grep -q "\"artifactLocation\": {\"uri\": \"app.py\"}, \"region\": {\"startLine\": 1, \"startColumn\": 10, \"endColumn\": 16}" "$OUT" &&
	if command -v python3 >/dev/null 2>&1; then
		python3 -c "import json,sys; d=json.load(open(sys.argv[1])); r=d[\"runs\"][0]; assert r[\"tool\"][\"driver\"][\"rules\"]; assert len(r[\"results\"])==2; assert all(x[\"locations\"][0][\"physicalLocation\"][\"region\"][\"startLine\"]>=1 for x in r[\"results\"])" "$OUT"
	fi
'

test_expect_success 'github format: workflow commands with escaped data' '
	new_repo_with_commit r &&
	printf "$alias_line" >"a,b.py" &&
	run_pincheck --format github scan &&
	expect_rc 1 &&
	grep_stdout "^::error file=a%2Cb.py,line=1,col=10::error\[alias\] "
'

test_done
