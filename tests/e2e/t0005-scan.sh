#!/bin/sh
# t0005: `pincheck scan` (whole files of a repository or of plain
# directories), `pins` inventories, JSON output and exit statuses.
. "$(dirname "$0")/lib.sh"

if test "$(id -u)" != 0; then
	test_set_prereq NOT_ROOT
fi

test_expect_success 'scan of a clean repository exits 0' '
	new_repo_with_commit r &&
	printf "$pinned_line" >app.py && git add app.py && git commit -q -m p &&
	run_pincheck scan &&
	expect_rc 0
'

test_expect_success 'scan finds an alias on a committed (unchanged) line and exits 1' '
	new_repo_with_commit r &&
	printf "x = 1\n$alias_line" >app.py && git add app.py && git commit -q --no-verify -m a &&
	run_pincheck scan &&
	expect_rc 1 &&
	grep_output_F "app.py:2:10: error[alias]"
'

test_expect_success 'scan covers untracked files but not ignored ones' '
	new_repo_with_commit r &&
	printf "ignored.py\nbuild/\n" >.gitignore &&
	printf "$alias_line" >ignored.py &&
	mkdir build && printf "$alias_line" >build/gen.py &&
	run_pincheck scan &&
	expect_rc 0 &&
	printf "$alias_line" >new.py &&
	run_pincheck scan &&
	expect_rc 1 &&
	grep_output_F "new.py:1:10: error[alias]" &&
	! grep -q -e ignored.py -e build/gen.py "$OUT" "$ERR"
'

test_expect_success 'scan leaves prose alone' '
	new_repo_with_commit r &&
	printf "# gpt-4o\nMODEL = \"claude-opus-4-6\"\n" >app.py &&
	printf "We use gpt-4o.\n" >NOTES.md &&
	run_pincheck scan &&
	expect_rc 0
'

test_expect_success 'scan PATH limits the scan to PATH' '
	new_repo_with_commit r &&
	mkdir src tools &&
	printf "$alias_line" >tools/old.py &&
	printf "$pinned_line" >src/app.py &&
	run_pincheck scan src &&
	expect_rc 0 &&
	run_pincheck scan tools &&
	expect_rc 1 &&
	grep_output_F "tools/old.py:1:10: error[alias]"
'

test_expect_success 'scan --rev REV scans the tree of REV, not the worktree' '
	new_repo_with_commit r &&
	printf "$alias_line" >app.py && git add app.py && git commit -q --no-verify -m a &&
	printf "$pinned_line" >app.py &&
	run_pincheck scan &&
	expect_rc 0 &&
	run_pincheck scan --rev HEAD &&
	expect_rc 1 &&
	grep_output_F "app.py:1:10: error[alias]"
'

test_expect_success 'scan --staged scans the index' '
	new_repo_with_commit r &&
	printf "$alias_line" >app.py && git add app.py &&
	printf "$pinned_line" >app.py &&
	run_pincheck scan --staged &&
	expect_rc 1 &&
	grep_output_F "app.py:1:10: error[alias]"
'

test_expect_success '-C DIR runs the scan in DIR' '
	new_repo_with_commit r &&
	printf "$alias_line" >app.py &&
	cd "$TEST_DIR" &&
	run_pincheck -C r scan &&
	expect_rc 1 &&
	grep_output_F "app.py:1:10: error[alias]"
'

test_expect_success 'scan counts a skipped binary file in the summary' '
	new_repo_with_commit r &&
	printf "MODEL=\"gpt-4o\"\000\n" >blob.bin &&
	printf "$alias_line" >app.py &&
	run_pincheck scan &&
	expect_rc 1 &&
	grep_output_F "1 binary file skipped" &&
	! grep -q -F "blob.bin:" "$OUT" "$ERR"
'

test_expect_success 'scan of a plain directory outside git finds an alias (exit 1)' '
	mkdir -p plain/sub &&
	printf "$alias_line" >plain/sub/app.py &&
	printf "$pinned_line" >plain/ok.py &&
	run_pincheck scan plain &&
	expect_rc 1 &&
	grep_output_F "app.py:1:10: error[alias]" &&
	! grep -q -F "ok.py:" "$OUT" "$ERR"
'

test_expect_success 'scan of a clean plain directory outside git exits 0' '
	mkdir plain &&
	printf "$pinned_line" >plain/ok.py &&
	printf "# gpt-4o\n" >plain/c.py &&
	run_pincheck scan plain &&
	expect_rc 0
'

test_expect_success 'scan of a plain directory from inside it' '
	mkdir plain &&
	printf "$alias_line" >plain/app.py &&
	cd plain &&
	run_pincheck scan . &&
	expect_rc 1 &&
	grep_output_F "app.py:1:10: error[alias]"
'

test_expect_success NOT_ROOT 'scan of an unreadable file is a runtime error (exit 3), not a pass' '
	mkdir plain &&
	printf "$pinned_line" >plain/secret.py &&
	chmod 000 plain/secret.py &&
	run_pincheck scan plain &&
	expect_rc 3 &&
	grep_output_F "secret.py"
'

test_expect_success 'scan of a path that does not exist is an error, not a pass' '
	mkdir plain &&
	run_pincheck scan plain/nope &&
	test "$(cat "$RC")" != 0 &&
	test "$(cat "$RC")" != 1 &&
	grep_output_F "nope"
'

test_expect_success 'check --staged outside a repository exits 3' '
	mkdir plain && cd plain &&
	run_pincheck check --staged &&
	expect_rc 3
'

test_expect_success 'an unknown option is a usage error (exit 2)' '
	new_repo_with_commit r &&
	run_pincheck scan --no-such-option &&
	expect_rc 2 &&
	run_pincheck --no-such-global-option scan &&
	expect_rc 2 &&
	run_pincheck no-such-command &&
	expect_rc 2
'

test_expect_success 'version, --version and --help exit 0' '
	run_pincheck version && expect_rc 0 && test -s "$OUT" &&
	run_pincheck --version && expect_rc 0 && test -s "$OUT" &&
	run_pincheck --help && expect_rc 0 && grep_stdout_F "scan"
'

test_expect_success 'rules list shows built-in rule ids' '
	run_pincheck rules list &&
	expect_rc 0 &&
	grep_stdout "openai-" &&
	grep_stdout "anthropic-\|claude-"
'

# --- JSON -------------------------------------------------------------------------

test_expect_success '--format json check --staged prints the SPEC object' '
	new_repo_with_commit r &&
	printf "x = 1\n$alias_line" >app.py && git add app.py &&
	run_pincheck --format json check --staged &&
	expect_rc 1 &&
	grep -q "\"version\": *1" "$OUT" &&
	grep -q "\"findings\": *\[" "$OUT" &&
	grep -q "\"kind\": *\"alias\"" "$OUT" &&
	grep -q "\"severity\": *\"error\"" "$OUT" &&
	grep -q "\"rule\": *\"openai-[^\"]*\"" "$OUT" &&
	grep -q "\"provider\": *\"openai\"" "$OUT" &&
	grep -q "\"model\": *\"gpt-4o\"" "$OUT" &&
	grep -q "\"suggest\": *\"gpt-4o-2024-08-06\"" "$OUT" &&
	grep -q "\"path\": *\"app.py\"" "$OUT" &&
	grep -q "\"line\": *2[^0-9]" "$OUT" &&
	grep -q "\"column\": *10[^0-9]" "$OUT" &&
	grep -q "\"commit\": *null" "$OUT" &&
	grep -q "\"summary\": *{" "$OUT" &&
	grep -q "\"errors\": *1[^0-9]" "$OUT" &&
	grep -q "\"warnings\": *0[^0-9]" "$OUT" &&
	! grep -q "error\[alias\]" "$OUT"
'

test_expect_success '--format json check --staged with nothing found: empty findings, exit 0' '
	new_repo_with_commit r &&
	printf "$pinned_line" >app.py && git add app.py &&
	run_pincheck --format json check --staged &&
	expect_rc 0 &&
	grep -q "\"findings\": *\[ *\]" "$OUT" &&
	grep -q "\"errors\": *0" "$OUT"
'

test_expect_success '--format json scan escapes quotes and backslashes in paths' '
	new_repo_with_commit r &&
	name=$(printf "q\"b\\\\s.py") &&
	printf "$alias_line" >"$name" &&
	run_pincheck --format json scan &&
	expect_rc 1 &&
	grep -q -F "q\\\"b\\\\s.py" "$OUT"
'

test_expect_success '--format json pins lists models with class and count' '
	new_repo_with_commit r &&
	printf "A = \"gpt-4o\"\nB = \"gpt-4o\"\nC = \"claude-sonnet-4-5-20250929\"\n" >app.py &&
	git add app.py && git commit -q --no-verify -m a &&
	run_pincheck --format json pins &&
	expect_rc 0 &&
	grep -q "\"version\": *1" "$OUT" &&
	grep -q "\"models\": *\[" "$OUT" &&
	grep -q "\"model\": *\"gpt-4o\"" "$OUT" &&
	grep -q "\"model\": *\"claude-sonnet-4-5-20250929\"" "$OUT" &&
	grep -q "\"class\": *\"alias\"" "$OUT" &&
	grep -q "\"class\": *\"pinned\"" "$OUT" &&
	grep -q "\"count\": *2[^0-9]" "$OUT" &&
	grep -q "\"path\": *\"app.py\"" "$OUT" &&
	grep -q "\"prose\": *false" "$OUT"
'

test_expect_success 'pins leaves prose out unless --include-prose' '
	new_repo_with_commit r &&
	printf "# we left gemini-1.5-pro\nM = \"gpt-4o-2024-08-06\"\n" >app.py &&
	run_pincheck --format json pins &&
	expect_rc 0 &&
	! grep -q "gemini-1.5-pro" "$OUT" &&
	run_pincheck --format json pins --include-prose &&
	expect_rc 0 &&
	grep -q "\"model\": *\"gemini-1.5-pro\"" "$OUT" &&
	grep -q "\"prose\": *true" "$OUT"
'

test_expect_success 'pins in text names the models in use' '
	new_repo_with_commit r &&
	printf "A = \"gpt-4o\"\nB = \"gpt-4o\"\n" >app.py &&
	run_pincheck pins &&
	expect_rc 0 &&
	grep_stdout_F "gpt-4o"
'

test_expect_success '--format sarif scan is SARIF 2.1.0' '
	new_repo_with_commit r &&
	printf "$alias_line" >app.py &&
	run_pincheck --format sarif scan &&
	expect_rc 1 &&
	grep -q "\"version\": *\"2.1.0\"" "$OUT" &&
	grep_stdout_F "app.py"
'

test_expect_success '--format github scan prints workflow commands' '
	new_repo_with_commit r &&
	printf "$alias_line" >app.py &&
	run_pincheck --format github scan &&
	expect_rc 1 &&
	grep_stdout "^::error file=app.py,line=1,col=10::"
'

# Workers read blobs through their own handle on the repository and take
# files in batches; whatever the number of threads, the report is the same.
many_files () {
	new_repo_with_commit r &&
	mkdir -p a/b c &&
	i=0 &&
	while [ $i -lt 300 ]; do
		case $((i % 7)) in
		0) printf "x = 1\nMODEL = \"gpt-4o\"\n" >a/b/f$i.py ;;
		3) printf "# gemini-1.5-pro in prose\nm = \"claude-3-5-sonnet-latest\"\n" >c/g$i.py ;;
		*) printf "nothing here %s\n" $i >a/h$i.txt ;;
		esac
		i=$((i + 1))
	done &&
	git add -A && git commit -q --no-verify -m many
}

test_expect_success 'Terraform: the model name inside an Azure deployment block is judged with the block' '
	new_repo_with_commit r &&
	cat >main.tf <<-\EOF &&
	resource "azurerm_cognitive_deployment" "pinned" {
	  name = "gpt-4o"
	  model {
	    format  = "OpenAI"
	    name    = "gpt-4o"
	    version = "2024-08-06"
	  }
	  version_upgrade_option = "NoAutoUpgrade"
	}

	resource "azurerm_cognitive_deployment" "floating" {
	  name = "chat"
	  model {
	    format = "OpenAI"
	    name   = "gpt-4o-mini"
	  }
	}

	locals {
	  model = "gpt-4o"
	}

	resource "azurerm_cognitive_deployment" "explicit" {
	  name = "chat2"
	  model {
	    format  = "OpenAI"
	    name    = "gpt-4o"
	    version = "2024-08-06"
	  }
	  version_upgrade_option = "OnceNewDefaultVersionAvailable"
	}
	EOF
	run_pincheck scan &&
	expect_rc 1 &&
	test "$(count_findings alias)" -eq 3 &&
	grep_stdout_F "main.tf:30:29: error[alias]" &&
	grep_stdout_F "[azure-openai-auto-upgrade-alias]" &&
	! grep -q "main.tf:\(5\|2[7-9]\):" "$OUT" &&
	grep_stdout_F "main.tf:11:11: error[alias]" &&
	grep_stdout_F "[azure-openai-terraform-default-upgrade-alias]" &&
	grep_stdout_F "main.tf:20:12: error[alias]" &&
	run_pincheck pins && expect_rc 0 &&
	! grep -q "azurerm_cognitive_deployment.*mask" "$OUT" &&
	grep_stdout_F "gpt-4o "
'

test_expect_success 'scan --rev gives the same report for -j 1, 2 and 5' '
	many_files &&
	run_pincheck -j 1 --format json scan --rev HEAD && expect_rc 1 &&
	cp "$OUT" ../j1.json &&
	run_pincheck -j 2 --format json scan --rev HEAD && expect_rc 1 &&
	cmp ../j1.json "$OUT" &&
	run_pincheck -j 5 --format json scan --rev HEAD && expect_rc 1 &&
	cmp ../j1.json "$OUT" &&
	run_pincheck -j 2 scan --rev HEAD && expect_rc 1 &&
	test "$(count_findings alias)" -eq 86
'

test_expect_success 'scan of the working tree: the same for -j 1 and 3' '
	many_files &&
	run_pincheck -j 1 scan && expect_rc 1 && cp "$OUT" ../w1.txt &&
	run_pincheck -j 3 scan && expect_rc 1 &&
	cmp ../w1.txt "$OUT"
'

test_expect_success 'pins and drill: the same inventory for -j 1 and 4' '
	many_files &&
	run_pincheck -j 1 --format json pins --include-prose && expect_rc 0 &&
	cp "$OUT" ../p1.json &&
	run_pincheck -j 4 --format json pins --include-prose && expect_rc 0 &&
	cmp ../p1.json "$OUT" &&
	grep -q "\"model\": \"gemini-1.5-pro\"" "$OUT" &&
	grep -q "\"model\": \"claude-3-5-sonnet-latest\", .*\"count\": 43," "$OUT" &&
	run_pincheck -j 1 --format json drill --rev HEAD && cp "$OUT" ../d1.json &&
	cp "$RC" ../d1.rc &&
	run_pincheck -j 4 --format json drill --rev HEAD &&
	cmp ../d1.json "$OUT" && cmp ../d1.rc "$RC"
'

test_expect_success 'scan --rev: a blob missing from the object store is an error naming its file' '
	many_files &&
	blob=$(git rev-parse HEAD:README.md) &&
	rm -f "$(loose_path .git $blob)" &&
	run_pincheck -j 2 scan --rev HEAD &&
	expect_rc 3 &&
	grep_stderr_F "README.md: cannot read blob" &&
	run_pincheck -j 1 scan --rev HEAD &&
	expect_rc 3 &&
	grep_stderr_F "README.md: cannot read blob"
'

test_expect_success 'global options go before or after the command, --opt VALUE or --opt=VALUE' '
	new_repo_with_commit r &&
	printf "MODEL = \"gpt-4o\"\n" >app.py && git add app.py && git commit -q --no-verify -m a &&
	run_pincheck scan --format json && expect_rc 1 && cp "$OUT" ../after.json &&
	run_pincheck --format=json scan && expect_rc 1 && diff ../after.json "$OUT" &&
	run_pincheck --format json scan && expect_rc 1 && diff ../after.json "$OUT" &&
	run_pincheck scan --rev=HEAD --format=json && expect_rc 1 && diff ../after.json "$OUT" &&
	run_pincheck scan --bogus && expect_rc 2 &&
	grep_stderr_F "scan: unknown option '"'"'--bogus'"'"'"
'

# A bare repository has no working tree: scan, pins and drill read HEAD's
# tree (SPEC section 2), under the config committed there.
test_expect_success 'in a bare repository scan, pins and drill default to HEAD' '
	new_repo_with_commit r --no-install &&
	printf "$alias_line" >app.py &&
	write_model p.py claude-opus-4-6 &&
	git add app.py p.py && commit_unchecked two &&
	cd .. && git clone -q --bare r bare.git && cd bare.git &&
	run_pincheck scan && expect_rc 1 &&
	grep_stdout_F "app.py:1:10: error[alias]" &&
	no_stderr_F "--rev" &&
	run_pincheck pins && expect_rc 0 &&
	grep_stdout_F "claude-opus-4-6" &&
	run_pincheck drill && expect_rc 0 &&
	grep_stdout_F "claude-opus-4-6" &&
	run_pincheck scan --rev HEAD~1 && expect_rc 0
'

test_expect_success 'a bare repository reads the config committed on HEAD' '
	new_repo_with_commit r --no-install &&
	printf "$alias_line" >app.py &&
	printf "disable: [openai-gpt-alias]\n" >.pincheck.yml &&
	git add app.py .pincheck.yml && commit_unchecked two &&
	cd .. && git clone -q --bare r bare.git && cd bare.git &&
	run_pincheck scan && expect_rc 0 &&
	grep_stdout_F "pincheck: 0 errors"
'

test_done
