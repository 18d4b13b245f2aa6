#!/bin/sh
# t0037: the pre-commit hook reads the index itself (src/source/index.c) and
# compares with HEAD only what the index's cache-tree does not vouch for.
# Whatever the index holds, it must report what libgit2's own reader of the
# whole index reports: each case runs the hook twice, the second time with
# core.ignorecase set, which leaves the index to libgit2 (all names here are
# lower-case, so that setting changes nothing else), and the two must agree.
. "$(dirname "$0")/lib.sh"

# hook_both: run the hook with either reader; $OUT/$ERR/$RC hold the first
# run, and the runs must agree on all three.
hook_both () {
	run_pincheck hook pre-commit &&
	cp "$OUT" "$TRASH/.out.fast" && cp "$ERR" "$TRASH/.err.fast" && cp "$RC" "$TRASH/.rc.fast" &&
	git config core.ignorecase true &&
	run_pincheck hook pre-commit &&
	git config --unset core.ignorecase &&
	for _f in out err rc; do
		_u=$(echo "$_f" | tr a-z A-Z)
		eval "_other=\$$_u"
		if ! cmp -s "$TRASH/.$_f.fast" "$_other"; then
			echo "the two index readers disagree ($_f):"
			diff "$TRASH/.$_f.fast" "$_other"
			return 1
		fi
	done
}

# a repository of nested directories, committed, with its cache-tree valid
tree_repo () {
	new_repo_with_commit r --no-install &&
	mkdir -p a/b/c d/e f &&
	printf "x = 1\n" >a/b/c/one.py &&
	printf "x = 2\n" >a/b/two.py &&
	printf "x = 3\n" >a/three.py &&
	printf "x = 4\n" >d/e/four.py &&
	printf "x = 5\n" >f/five.py &&
	printf "$pinned_line" >f/pinned.py &&
	git add . &&
	commit_unchecked tree
}

test_expect_success 'nothing staged: nothing reported' '
	tree_repo &&
	hook_both &&
	expect_rc 0 &&
	test "$(count_findings alias)" = 0
'

test_expect_success 'a modified file deep in a valid cache-tree' '
	tree_repo &&
	printf "$alias_line" >>a/b/c/one.py &&
	git add a/b/c/one.py &&
	hook_both &&
	expect_rc 1 &&
	grep_stderr_F "a/b/c/one.py:2:10: error[alias]" &&
	test "$(count_findings alias)" = 1
'

test_expect_success 'added files: a new directory, a new file beside old ones' '
	tree_repo &&
	mkdir -p g/h &&
	printf "$alias_line" >g/h/new.py &&
	printf "$alias_line" >d/new.py &&
	git add g d &&
	hook_both &&
	expect_rc 1 &&
	grep_stderr_F "g/h/new.py:1:10: error[alias]" &&
	grep_stderr_F "d/new.py:1:10: error[alias]" &&
	test "$(count_findings alias)" = 2
'

test_expect_success 'deleted files and a deleted directory report nothing' '
	tree_repo &&
	git rm -q -r a/b f/five.py &&
	hook_both &&
	expect_rc 0
'

test_expect_success 'a rename with one added line reports only that line' '
	tree_repo &&
	git mv a/b/two.py d/e/moved.py &&
	printf "$alias_line" >>d/e/moved.py &&
	git add d/e/moved.py &&
	hook_both &&
	expect_rc 1 &&
	grep_stderr_F "d/e/moved.py:2:10: error[alias]" &&
	test "$(count_findings alias)" = 1
'

test_expect_success 'a file that becomes a directory, and the other way round' '
	tree_repo &&
	git rm -q a/three.py &&
	mkdir a/three.py &&
	printf "$alias_line" >a/three.py/inner.py &&
	git rm -q -r d/e &&
	mkdir -p d &&
	printf "$alias_line" >d/e &&
	git add a d &&
	hook_both &&
	expect_rc 1 &&
	grep_stderr_F "a/three.py/inner.py:1:10: error[alias]" &&
	grep_stderr_F "d/e:1:10: error[alias]" &&
	test "$(count_findings alias)" = 2
'

test_expect_success 'an invalidated cache-tree (update-index) and a mode change' '
	tree_repo &&
	printf "$alias_line" >>f/five.py &&
	chmod +x a/three.py &&
	git update-index --add f/five.py a/three.py &&
	hook_both &&
	expect_rc 1 &&
	grep_stderr_F "f/five.py:2:10: error[alias]" &&
	test "$(count_findings alias)" = 1
'

test_expect_success 'intent-to-add: nothing of its content is committed' '
	tree_repo &&
	printf "$alias_line" >later.py &&
	git add -N later.py &&
	printf "$alias_line" >>a/three.py &&
	git add a/three.py &&
	hook_both &&
	expect_rc 1 &&
	grep_stderr_F "a/three.py:2:10: error[alias]" &&
	test "$(count_findings alias)" = 1
'

test_expect_success 'index version 4 (prefix-compressed paths)' '
	tree_repo &&
	git update-index --index-version 4 &&
	printf "$alias_line" >>a/b/two.py &&
	mkdir -p a/b/cc &&
	printf "$alias_line" >a/b/cc/x.py &&
	git add a &&
	hook_both &&
	expect_rc 1 &&
	grep_stderr_F "a/b/two.py:2:10: error[alias]" &&
	grep_stderr_F "a/b/cc/x.py:1:10: error[alias]" &&
	test "$(count_findings alias)" = 2
'

test_expect_success 'a partial commit checks the temporary index (GIT_INDEX_FILE)' '
	tree_repo &&
	install_hooks &&
	printf "$alias_line" >>a/three.py &&
	printf "$alias_line" >>d/e/four.py &&
	git add d/e/four.py &&
	commit_refused -- a/three.py &&
	grep_stderr_F "a/three.py:2:10: error[alias]" &&
	! grep -F "four.py" "$ERR"
'

test_expect_success 'a truncated index is an error (exit 3), never a pass' '
	tree_repo &&
	printf "$alias_line" >>a/three.py &&
	git add a/three.py &&
	_size=$(wc -c <.git/index) &&
	head -c $((_size / 2)) .git/index >.git/index.half &&
	mv .git/index.half .git/index &&
	run_pincheck hook pre-commit &&
	expect_rc 3 &&
	grep_stderr_F "cannot read the index"
'

test_expect_success 'an index with no checksum (index.skipHash): refused as before' '
	tree_repo &&
	printf "$alias_line" >>a/three.py &&
	git add a/three.py &&
	_size=$(wc -c <.git/index) &&
	dd if=/dev/zero of=.git/index bs=1 seek=$((_size - 20)) count=20 conv=notrunc 2>/dev/null &&
	run_pincheck hook pre-commit &&
	expect_rc 3 &&
	grep_stderr_F "index.skipHash"
'

test_expect_success 'an unresolved merge conflict: the same answer from both readers' '
	tree_repo &&
	git checkout -q -b other &&
	printf "x = 30\n" >a/three.py && git commit -q --no-verify -am other &&
	git checkout -q - &&
	printf "x = 31\n" >a/three.py && git commit -q --no-verify -am main &&
	! git merge -q other >/dev/null 2>&1 &&
	hook_both
'

test_done
