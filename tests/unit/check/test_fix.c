/*
 * test_fix.c: the edit engine of `fix` and `bump` (fix.c, pc_fix_apply)
 * over files of a scratch working tree: exactly the edits' bytes change
 * (CRLF, a BOM, no final newline, a notebook's JSON escapes), an edit
 * whose place does not hold its bytes is left, the file's mode is kept, a
 * symlink is not followed, a diff writes nothing; and bump's textual edit
 * of the `approved` list (bump.c, pc_bump_approve), applied by the same
 * engine: flow and block lists, with comments, CRLF, a BOM, no final
 * newline, empty, or not a list.
 */
#define _XOPEN_SOURCE 700 /* nftw, to remove the temporary directory */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pincheck/buf.h"
#include "pincheck/bump.h"
#include "pincheck/common.h"
#include "pincheck/doc.h"
#include "pincheck/fix.h"
#include "../tmpdir.h"

#define PIN "gpt-4o-2024-08-06"

typedef struct {
	char dir[64];
	pc_repo repo;      /* only its workdir: --force reads no git status */
	pc_fix_result res;
	pc_fix_opts o;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/pc-fix-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	f->repo.workdir = pc_strdup(f->dir);
	f->repo.workdir = pc_realloc(f->repo.workdir, strlen(f->dir) + 2);
	strcat(f->repo.workdir, "/");
	f->o.force = true;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	tmpdir_remove(f->dir);
	pc_fix_result_free(&f->res);
	free(f->repo.workdir);
	free(f);
	return 0;
}

/* The scratch file `name`, its bytes `len` of `text`. */
static void put(const fixture *f, const char *name, const char *text, size_t len)
{
	pc_buf path = PC_BUF_INIT;
	FILE *fp;
	pc_buf_printf(&path, "%s%s", f->repo.workdir, name);
	fp = fopen(path.ptr, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	pc_buf_free(&path);
}

/* The scratch file `name` is exactly `want`. */
static void expect_file(const fixture *f, const char *name, const char *want, size_t len)
{
	pc_buf path = PC_BUF_INIT, got = PC_BUF_INIT;
	pc_buf_printf(&path, "%s%s", f->repo.workdir, name);
	assert_int_equal(pc_buf_read_file(&got, path.ptr, 0), 0);
	if (got.len != len || memcmp(got.ptr, want, len))
		fail_msg("%s is\n[%.*s]\nnot\n[%.*s]", name, (int)got.len, got.ptr, (int)len, want);
	pc_buf_free(&path);
	pc_buf_free(&got);
}

#define PUT(f, name, lit) put(f, name, lit, sizeof(lit) - 1)
#define EXPECT(f, name, lit) expect_file(f, name, lit, sizeof(lit) - 1)

/* An edit of `old` at the first place `text` holds it (its line and byte
 * column there) into `pin`. */
static pc_fix_item *edit_at(fixture *f, const char *path, const char *text, const char *old,
			    const char *pin)
{
	const char *at = strstr(text, old), *p, *bol = text;
	size_t line = 1;
	assert_non_null(at);
	for (p = text; p < at; p++)
		if (*p == '\n') {
			line++;
			bol = p + 1;
		}
	return pc_fix_add(&f->res, path, line, (size_t)(at - bol) + 1, old, strlen(old), pin);
}

/* --- the edit engine -------------------------------------------------------- */

static void test_crlf_and_tabs_kept(void **state)
{
	fixture *f = *state;
	static const char text[] = "a\r\n\tMODEL = \"gpt-4o\"\r\nb\r\n";
	PUT(f, "a.py", text);
	edit_at(f, "a.py", text, "gpt-4o", PIN);
	assert_int_equal(pc_fix_apply(&f->res, &f->repo, &f->o), 0);
	EXPECT(f, "a.py", "a\r\n\tMODEL = \"" PIN "\"\r\nb\r\n");
	assert_int_equal(f->res.items[0].outcome, PC_FIX_FIXED);
	assert_int_equal(f->res.files, 1);
	assert_int_equal(pc_fix_left(&f->res), 0);
}

static void test_bom_and_no_final_newline(void **state)
{
	fixture *f = *state;
	static const char text[] = "\xef\xbb\xbfM = \"gpt-4o\"\nN = 'gpt-4o'";
	PUT(f, "b.py", text);
	edit_at(f, "b.py", text, "gpt-4o", PIN); /* 1:9: the BOM's 3 bytes count */
	assert_int_equal(f->res.items[0].col, 9);
	pc_fix_add(&f->res, "b.py", 2, 6, "gpt-4o", 6, PIN);
	assert_int_equal(pc_fix_apply(&f->res, &f->repo, &f->o), 0);
	EXPECT(f, "b.py", "\xef\xbb\xbfM = \"" PIN "\"\nN = '" PIN "'");
}

static void test_many_edits_in_any_order(void **state)
{
	fixture *f = *state;
	static const char text[] = "x = ['gpt-4o', 'o3', 'gpt-4o']\ny = 'o3'\n";
	PUT(f, "c.py", text);
	pc_fix_add(&f->res, "c.py", 2, 6, "o3", 2, "o3-2025-04-16");
	pc_fix_add(&f->res, "c.py", 1, 23, "gpt-4o", 6, PIN);
	pc_fix_add(&f->res, "c.py", 1, 17, "o3", 2, "o3-2025-04-16");
	pc_fix_add(&f->res, "c.py", 1, 7, "gpt-4o", 6, PIN);
	assert_int_equal(pc_fix_apply(&f->res, &f->repo, &f->o), 0);
	EXPECT(f, "c.py", "x = ['" PIN "', 'o3-2025-04-16', '" PIN "']\ny = 'o3-2025-04-16'\n");
	assert_int_equal(pc_fix_left(&f->res), 0);
	/* sorted by place */
	assert_int_equal(f->res.items[0].col, 7);
	assert_int_equal(f->res.items[3].line, 2);
}

static void test_a_place_that_does_not_hold_it_is_left(void **state)
{
	fixture *f = *state;
	static const char text[] = "M = \"gpt-4o\"\nshort\n";
	PUT(f, "d.py", text);
	pc_fix_add(&f->res, "d.py", 1, 5, "gpt-4o", 6, PIN);  /* one column off */
	pc_fix_add(&f->res, "d.py", 2, 4, "gpt-4o", 6, PIN);  /* runs past the line */
	pc_fix_add(&f->res, "d.py", 2, 40, "gpt-4o", 6, PIN); /* past its end */
	pc_fix_add(&f->res, "d.py", 9, 1, "gpt-4o", 6, PIN);  /* no such line */
	assert_int_equal(pc_fix_apply(&f->res, &f->repo, &f->o), 0);
	EXPECT(f, "d.py", "M = \"gpt-4o\"\nshort\n");
	assert_int_equal(pc_fix_left(&f->res), 4);
	assert_int_equal(f->res.items[0].outcome, PC_FIX_MOVED);
	assert_int_equal(f->res.items[3].outcome, PC_FIX_MOVED);
	assert_null(f->res.items[0].pin);
	assert_int_equal(f->res.files, 0);
}

static void test_overlapping_edits(void **state)
{
	fixture *f = *state;
	static const char text[] = "m = 'gpt-4o-mini'\n";
	PUT(f, "e.py", text);
	pc_fix_add(&f->res, "e.py", 1, 6, "gpt-4o-mini", 11, "gpt-4o-mini-2024-07-18");
	pc_fix_add(&f->res, "e.py", 1, 6, "gpt-4o", 6, PIN);
	assert_int_equal(pc_fix_apply(&f->res, &f->repo, &f->o), 0);
	assert_int_equal(pc_fix_left(&f->res), 1);
	EXPECT(f, "e.py", "m = 'gpt-4o-mini-2024-07-18'\n");
}

static void test_an_insertion(void **state)
{
	fixture *f = *state;
	PUT(f, "f.yml", "a: [x]\n");
	pc_fix_add(&f->res, "f.yml", 1, 6, "", 0, ", y");
	assert_int_equal(pc_fix_apply(&f->res, &f->repo, &f->o), 0);
	EXPECT(f, "f.yml", "a: [x, y]\n");
}

/* In a notebook the scan reads ids with needless escapes decoded: the raw
 * bytes that spell the id are replaced whole, the escaped quotes around
 * it stay, and a pin that would need escaping is left. */
static void test_notebook_escapes(void **state)
{
	fixture *f = *state;
	static const char text[] =
		"{\"cells\": [{\"cell_type\": \"code\", \"source\": [\n"
		"\"a = \\\"gpt-4o\\\"\\n\",\n"
		"\"b = \\\"gpt\\u002d4\\u006f\\\"\\n\",\n"
		"\"c = \\\"gpt\\/4o\\\"\\n\",\n"
		"\"d = \\\"gpt-4o\\\"\"\n"
		"]}]}\n";
	PUT(f, "n.ipynb", text);
	pc_fix_add(&f->res, "n.ipynb", 2, 8, "gpt-4o", 6, PIN);
	pc_fix_add(&f->res, "n.ipynb", 3, 8, "gpt-4o", 6, PIN);
	pc_fix_add(&f->res, "n.ipynb", 4, 8, "gpt/4o", 6, "gpt/4o-x");
	pc_fix_add(&f->res, "n.ipynb", 5, 8, "gpt-4o", 6, "gpt-4o\"x");
	assert_int_equal(pc_fix_apply(&f->res, &f->repo, &f->o), 0);
	EXPECT(f, "n.ipynb",
	       "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\n"
	       "\"a = \\\"" PIN "\\\"\\n\",\n"
	       "\"b = \\\"" PIN "\\\"\\n\",\n"
	       "\"c = \\\"gpt/4o-x\\\"\\n\",\n"
	       "\"d = \\\"gpt-4o\\\"\"\n"
	       "]}]}\n");
	assert_int_equal(f->res.items[3].outcome, PC_FIX_ESCAPE);
	assert_int_equal(pc_fix_left(&f->res), 1);
}

/* Outside a notebook or JSON file no escape is decoded: `\u002d` is not
 * a '-' there, and a quote in a pin is the caller's business. */
static void test_escapes_are_json_only(void **state)
{
	fixture *f = *state;
	static const char text[] = "a = \"gpt\\u002d4o\"\nb = 'gpt-4o'\n";
	PUT(f, "g.py", text);
	pc_fix_add(&f->res, "g.py", 1, 6, "gpt-4o", 6, PIN);
	pc_fix_add(&f->res, "g.py", 2, 6, "gpt-4o", 6, "gpt-4o\"x");
	assert_int_equal(pc_fix_apply(&f->res, &f->repo, &f->o), 0);
	EXPECT(f, "g.py", "a = \"gpt\\u002d4o\"\nb = 'gpt-4o\"x'\n");
	assert_int_equal(f->res.items[0].outcome, PC_FIX_MOVED);
}

static void test_mode_kept_symlink_not_followed(void **state)
{
	fixture *f = *state;
	pc_buf path = PC_BUF_INIT, link = PC_BUF_INIT;
	struct stat st;
	PUT(f, "run.py", "M = 'gpt-4o'\n");
	pc_buf_printf(&path, "%srun.py", f->repo.workdir);
	pc_buf_printf(&link, "%slink.py", f->repo.workdir);
	assert_int_equal(chmod(path.ptr, 0751), 0);
	assert_int_equal(symlink("run.py", link.ptr), 0);
	pc_fix_add(&f->res, "link.py", 1, 6, "gpt-4o", 6, PIN);
	pc_fix_add(&f->res, "run.py", 1, 6, "gpt-4o", 6, PIN);
	assert_int_equal(pc_fix_apply(&f->res, &f->repo, &f->o), 0);
	assert_int_equal(f->res.items[0].outcome, PC_FIX_SYMLINK);
	assert_int_equal(f->res.items[1].outcome, PC_FIX_FIXED);
	EXPECT(f, "run.py", "M = '" PIN "'\n");
	assert_int_equal(lstat(path.ptr, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0751);
	assert_int_equal(lstat(link.ptr, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	pc_buf_free(&path);
	pc_buf_free(&link);
}

static void test_diff_writes_nothing(void **state)
{
	fixture *f = *state;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	PUT(f, "h.ts", "const m = \"gpt-4o\";\r\n");
	pc_fix_add(&f->res, "h.ts", 1, 12, "gpt-4o", 6, PIN);
	f->o.diff = out;
	assert_int_equal(pc_fix_apply(&f->res, &f->repo, &f->o), 0);
	assert_int_equal(fclose(out), 0);
	EXPECT(f, "h.ts", "const m = \"gpt-4o\";\r\n");
	assert_int_equal(f->res.files, 1);
	assert_non_null(strstr(text, "--- a/h.ts\n+++ b/h.ts\n"));
	assert_non_null(strstr(text, "\n-const m = \"gpt-4o\";\r\n+const m = \"" PIN "\";\r\n"));
	free(text);
}

/* --- bump's edit of the approved list ---------------------------------------- */

/* .pincheck.yml is `text`; bump adds `new` to its approved list. The
 * return of pc_bump_approve; with an edit, it is applied. */
static int approve(fixture *f, const char *text, size_t len, const char *new)
{
	pc_doc *doc = NULL;
	const pc_node *list;
	int err;
	put(f, ".pincheck.yml", text, len);
	assert_int_equal(pc_doc_parse(&doc, ".pincheck.yml", text, len), 0);
	list = pc_map_get(doc->root, "approved");
	assert_non_null(list);
	err = pc_bump_approve(&f->res, ".pincheck.yml", text, len, list, new);
	pc_doc_free(doc);
	if (err == 1)
		assert_int_equal(pc_fix_apply(&f->res, &f->repo, &f->o), 0);
	return err;
}

#define APPROVE(f, lit, new) approve(f, lit, sizeof(lit) - 1, new)

static void test_approve_flow_lists(void **state)
{
	fixture *f = *state;
	assert_int_equal(APPROVE(f, "approved: [a-1, 'b-2']  # the [list]\nx: 1\n", PIN), 1);
	EXPECT(f, ".pincheck.yml", "approved: [a-1, 'b-2', '" PIN "']  # the [list]\nx: 1\n");
	pc_fix_result_free(&f->res);
	/* empty */
	assert_int_equal(APPROVE(f, "approved: []\n", PIN), 1);
	EXPECT(f, ".pincheck.yml", "approved: [" PIN "]\n");
	pc_fix_result_free(&f->res);
	/* over lines, a trailing comma and comments, CRLF */
	assert_int_equal(APPROVE(f, "approved: [\r\n  \"a-1\",  # one ]\r\n  b-2,\r\n]\r\n", PIN), 1);
	EXPECT(f, ".pincheck.yml", "approved: [\r\n  \"a-1\",  # one ]\r\n  b-2, " PIN "\r\n]\r\n");
}

static void test_approve_block_lists(void **state)
{
	fixture *f = *state;
	/* comments after an item and below it; the next key stays after */
	assert_int_equal(APPROVE(f, "# who\napproved:\n  - a-1  # since May\n  # next below\n"
				    "eval: {}\n", PIN), 1);
	EXPECT(f, ".pincheck.yml", "# who\napproved:\n  - a-1  # since May\n  - " PIN "\n"
				   "  # next below\neval: {}\n");
	pc_fix_result_free(&f->res);
	/* CRLF, a BOM, quoted items, no final newline */
	assert_int_equal(APPROVE(f, "\xef\xbb\xbf" "approved:\r\n- \"a-1\"\r\n- \"b-2\"", "x\"y"), 1);
	EXPECT(f, ".pincheck.yml", "\xef\xbb\xbf" "approved:\r\n- \"a-1\"\r\n- \"b-2\"\r\n- \"x\\\"y\"");
}

static void test_approve_nothing_to_do_or_not_a_list(void **state)
{
	fixture *f = *state;
	/* already there, also behind a prefix: no edit */
	assert_int_equal(APPROVE(f, "approved: [a-1, openai/" PIN "]\n", PIN), 0);
	assert_int_equal(f->res.n, 0);
	/* a scalar, or nothing at all: said, naming the file */
	assert_int_equal(APPROVE(f, "approved: a-1\n", PIN), PC_EUSAGE);
	assert_non_null(strstr(pc_error_last(), ".pincheck.yml: approved is not a list"));
	assert_int_equal(APPROVE(f, "approved:\nx: 1\n", PIN), PC_EUSAGE);
	assert_non_null(strstr(pc_error_last(), "add " PIN " to it by hand"));
	pc_error_clear();
	assert_int_equal(f->res.n, 0);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_crlf_and_tabs_kept),
		T(test_bom_and_no_final_newline),
		T(test_many_edits_in_any_order),
		T(test_a_place_that_does_not_hold_it_is_left),
		T(test_overlapping_edits),
		T(test_an_insertion),
		T(test_notebook_escapes),
		T(test_escapes_are_json_only),
		T(test_mode_kept_symlink_not_followed),
		T(test_diff_writes_nothing),
		T(test_approve_flow_lists),
		T(test_approve_block_lists),
		T(test_approve_nothing_to_do_or_not_a_list),
	};
	git_libgit2_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
