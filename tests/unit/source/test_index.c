/*
 * test_index.c: pincheck's reader of the index file (index.c) against the
 * index libgit2 writes in a temporary repository: the same entries in
 * versions 2 and 4, the cache-tree of a written tree, and an index it
 * leaves to libgit2 (no checksum, truncated, a required extension).
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
#include <git2.h>
#include "pincheck/buf.h"
#include "pincheck/index.h"
#include "../tmpdir.h"

typedef struct {
	char dir[64];
	char path[128]; /* the index file */
	git_repository *repo;
	git_index *index;
	git_oid tree;
} fixture;

static const char *const paths[] = { "a.py", "a/b/c.py", "a/b/d.py", "a/e.py", "a0.py", "z/y.md" };
#define NPATHS (sizeof(paths) / sizeof(paths[0]))

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	size_t i;
	git_libgit2_init();
	strcpy(f->dir, "/tmp/pincheck-test-index-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	assert_int_equal(git_repository_init(&f->repo, f->dir, 0), 0);
	assert_int_equal(git_repository_index(&f->index, f->repo), 0);
	for (i = 0; i < NPATHS; i++) {
		git_index_entry e;
		char text[64];
		memset(&e, 0, sizeof(e));
		snprintf(text, sizeof(text), "x = %zu\n", i);
		e.path = paths[i];
		e.mode = i == 1 ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
		e.file_size = (uint32_t)strlen(text);
		e.mtime.seconds = 1000 + (int32_t)i;
		assert_int_equal(git_index_add_from_buffer(f->index, &e, text, strlen(text)), 0);
	}
	/* writing the tree fills the cache-tree, which the index then keeps */
	assert_int_equal(git_index_write_tree(&f->tree, f->index), 0);
	assert_int_equal(git_index_write(f->index), 0);
	snprintf(f->path, sizeof(f->path), "%s/.git/index", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	git_index_free(f->index);
	git_repository_free(f->repo);
	tmpdir_remove(f->dir);
	free(f);
	git_libgit2_shutdown();
	return 0;
}

/* pincheck's reading of the file is libgit2's, entry by entry. */
static void same_entries(fixture *f)
{
	pc_index ix;
	size_t i;
	assert_int_equal(pc_index_read(&ix, f->path), 0);
	assert_int_equal(ix.n, NPATHS);
	assert_int_equal(ix.conflicts, 0);
	for (i = 0; i < ix.n; i++) {
		const git_index_entry *want = git_index_get_byindex(f->index, i);
		assert_string_equal(ix.entries[i].path, want->path);
		assert_true(git_oid_equal(&ix.entries[i].id, &want->id));
		assert_int_equal(ix.entries[i].mode, want->mode);
		assert_int_equal(ix.entries[i].file_size, want->file_size);
		assert_int_equal(ix.entries[i].mtime.seconds, want->mtime.seconds);
		assert_int_equal(GIT_INDEX_ENTRY_STAGE(&ix.entries[i]), 0);
	}
	/* the cache-tree: the root is the written tree, a/ and a/b/ below it */
	assert_non_null(ix.tree);
	assert_int_equal(ix.tree->namelen, 0);
	assert_int_equal(ix.tree->entries, (long)NPATHS);
	assert_true(git_oid_equal(&ix.tree->id, &f->tree));
	assert_non_null(pc_cache_tree_sub(ix.tree, "a", 1));
	assert_int_equal(pc_cache_tree_sub(ix.tree, "a", 1)->entries, 3);
	assert_non_null(pc_cache_tree_sub(pc_cache_tree_sub(ix.tree, "a", 1), "b", 1));
	assert_null(pc_cache_tree_sub(ix.tree, "b", 1));
	pc_index_free(&ix);
}

static void test_version_2_entries_and_cache_tree(void **state)
{
	same_entries(*state);
}

static void test_version_4_prefix_compressed_paths(void **state)
{
	fixture *f = *state;
	assert_int_equal(git_index_set_version(f->index, 4), 0);
	assert_int_equal(git_index_write(f->index), 0);
	same_entries(f);
}

static void rewrite(fixture *f, const pc_buf *b)
{
	FILE *fp = fopen(f->path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(b->ptr, 1, b->len, fp), b->len);
	fclose(fp);
}

/* The file with `ext` (8 bytes of header, no data) before its checksum. */
static void with_extension(fixture *f, const char *sig)
{
	pc_buf b = PC_BUF_INIT, out = PC_BUF_INIT;
	assert_int_equal(pc_buf_read_file(&b, f->path, 1 << 20), 0);
	pc_buf_put(&out, b.ptr, b.len - 20);
	pc_buf_put(&out, sig, 4);
	pc_buf_put(&out, "\0\0\0\0", 4);
	pc_buf_put(&out, b.ptr + b.len - 20, 20);
	rewrite(f, &out);
	pc_buf_free(&b);
	pc_buf_free(&out);
}

static void test_optional_extension_is_skipped(void **state)
{
	fixture *f = *state;
	with_extension(f, "ZZZZ");
	same_entries(f);
}

static void test_left_to_libgit2(void **state)
{
	fixture *f = *state;
	pc_buf b = PC_BUF_INIT, cut = PC_BUF_INIT;
	pc_index ix;
	assert_int_equal(pc_buf_read_file(&b, f->path, 1 << 20), 0);

	/* a required extension (split index, sparse index...) */
	with_extension(f, "link");
	assert_int_equal(pc_index_read(&ix, f->path), 1);
	assert_null(ix.entries);
	/* truncated anywhere */
	pc_buf_put(&cut, b.ptr, b.len / 2);
	rewrite(f, &cut);
	assert_int_equal(pc_index_read(&ix, f->path), 1);
	/* no checksum (index.skipHash), which libgit2 1.5 refuses */
	memset(b.ptr + b.len - 20, 0, 20);
	rewrite(f, &b);
	assert_int_equal(pc_index_read(&ix, f->path), 1);
	/* another version */
	memset(b.ptr + b.len - 20, 1, 20);
	b.ptr[7] = 5;
	rewrite(f, &b);
	assert_int_equal(pc_index_read(&ix, f->path), 1);
	/* none at all */
	remove(f->path);
	assert_int_equal(pc_index_read(&ix, f->path), 1);
	pc_buf_free(&b);
	pc_buf_free(&cut);
}

/* The bytes of the file, read with pc_index_parse, give what reading the
 * file gives. A shorter prefix is left to libgit2, cleared, unless it is
 * itself an index (the checksum is not verified, as git does not): whole
 * entries, then 20 bytes taken for a checksum. */
static void test_parse_of_bytes(void **state)
{
	fixture *f = *state;
	pc_buf b = PC_BUF_INIT;
	pc_index ix;
	size_t len;
	assert_int_equal(pc_buf_read_file(&b, f->path, 1 << 20), 0);
	assert_int_equal(pc_index_parse(&ix, b.ptr, b.len), 0);
	assert_int_equal(ix.n, NPATHS);
	assert_string_equal(ix.entries[1].path, "a/b/c.py");
	assert_null(ix.map); /* the caller's bytes */
	pc_index_free(&ix);
	for (len = 0; len < b.len; len++) {
		int rc = pc_index_parse(&ix, b.ptr, len);
		if (rc == 0) {
			assert_int_equal(ix.n, NPATHS);
			assert_null(ix.tree);
			pc_index_free(&ix);
			continue;
		}
		assert_int_equal(rc, 1);
		assert_null(ix.entries);
		assert_null(ix.tree);
		assert_int_equal(ix.n, 0);
	}
	pc_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_version_2_entries_and_cache_tree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_version_4_prefix_compressed_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_optional_extension_is_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_left_to_libgit2, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_of_bytes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
