/*
 * test_source.c: the sources of text (source.c) against a repository
 * written with libgit2 in a temporary directory: the files of a tree and
 * of the index, the added lines of a diff (trees, the staged change, a
 * commit), renames, deletions, submodules, binary and too-large files, the
 * visitor's `want` filter, deferred blobs, and a plain directory.
 */
#define _XOPEN_SOURCE 700 /* nftw, to remove the temporary directories */
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
#include <git2.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/repo.h"
#include "pincheck/source.h"
#include "../tmpdir.h"

/* What a visitor saw of one file, copied out of the source's memory. */
typedef struct {
	char *path, *data, *old_data, *old_path;
	size_t len, old_len;
	bool has_data, too_large, submodule, deferred;
	size_t lines[32];
	size_t nlines;
	bool all_lines; /* f->lines was NULL */
} seen;

typedef struct {
	char dir[64];
	git_repository *repo;
	seen files[32];
	size_t n;
	char *wanted[64]; /* paths `want` was asked about */
	size_t nwanted;
	const char *skip;  /* `want` says no to paths containing this */
	int fail_at;       /* the visitor returns -42 at this file (1-based; 0: never) */
	bool read_deferred; /* read deferred blobs with pc_source_blob */
	pc_visitor v;
} fixture;

static bool want_cb(const char *path, void *payload)
{
	fixture *f = payload;
	assert_true(f->nwanted < 64);
	f->wanted[f->nwanted++] = pc_strdup(path);
	return !f->skip || !strstr(path, f->skip);
}

static int file_cb(const pc_file *pf, void *payload)
{
	fixture *f = payload;
	seen *s;
	size_t i;
	if (pf->blob && f->read_deferred) {
		pc_visitor inner = f->v;
		inner.defer_blobs = false;
		f->read_deferred = false; /* the blob's visit records itself */
		assert_int_equal(pc_source_blob(pf->odb, pf->path, pf->blob, &inner), 0);
		f->read_deferred = true;
		f->files[f->n - 1].deferred = true;
		return 0;
	}
	assert_true(f->n < 32);
	s = &f->files[f->n++];
	memset(s, 0, sizeof(*s));
	s->path = pc_strdup(pf->path);
	s->has_data = pf->data != NULL;
	if (pf->data)
		s->data = pc_strndup(pf->data, pf->len);
	s->len = pf->len;
	s->too_large = pf->too_large;
	s->submodule = pf->submodule;
	s->deferred = pf->blob != NULL;
	s->all_lines = pf->lines == NULL;
	assert_true(pf->nlines <= 32);
	for (i = 0; i < pf->nlines; i++)
		s->lines[i] = pf->lines[i];
	s->nlines = pf->nlines;
	if (pf->old_data)
		s->old_data = pc_strndup(pf->old_data, pf->old_len);
	s->old_len = pf->old_len;
	s->old_path = pc_strdup(pf->old_path);
	if (f->fail_at && (int)f->n == f->fail_at)
		return pc_error_set(-42, "stop at %s", pf->path);
	return 0;
}

static void reset_seen(fixture *f)
{
	size_t i;
	for (i = 0; i < f->n; i++) {
		free(f->files[i].path);
		free(f->files[i].data);
		free(f->files[i].old_data);
		free(f->files[i].old_path);
	}
	for (i = 0; i < f->nwanted; i++)
		free(f->wanted[i]);
	f->n = f->nwanted = 0;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/pc-source-XXXXXX");
	if (!mkdtemp(f->dir) || git_repository_init(&f->repo, f->dir, 0) < 0) {
		free(f);
		return -1;
	}
	f->v.want = want_cb;
	f->v.file = file_cb;
	f->v.payload = f;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	reset_seen(f);
	git_repository_free(f->repo);
	tmpdir_remove(f->dir);
	free(f);
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	return pc_repo_global_init();
}

static int group_teardown(void **state)
{
	(void)state;
	git_libgit2_shutdown();
	return 0;
}

/* Entries of a tree or index: path, content; a content of "@link:T" is a
 * symlink to T, "@commit" a submodule. The list ends with NULL. */
static void fill_index(git_index *idx, git_repository *repo, va_list ap)
{
	const char *path;
	while ((path = va_arg(ap, const char *))) {
		const char *data = va_arg(ap, const char *);
		git_index_entry e;
		memset(&e, 0, sizeof(e));
		e.path = path;
		if (!strcmp(data, "@commit")) {
			e.mode = GIT_FILEMODE_COMMIT;
			assert_int_equal(git_oid_fromstr(&e.id, "1111111111111111111111111111111111111111"), 0);
			assert_int_equal(git_index_add(idx, &e), 0);
			continue;
		}
		if (!strncmp(data, "@link:", 6)) {
			e.mode = GIT_FILEMODE_LINK;
			data += 6;
		} else if (!strncmp(data, "@exec:", 6)) {
			e.mode = GIT_FILEMODE_BLOB_EXECUTABLE;
			data += 6;
		} else {
			e.mode = GIT_FILEMODE_BLOB;
		}
		(void)repo;
		assert_int_equal(git_index_add_from_buffer(idx, &e, data, strlen(data)), 0);
	}
}

/* The repository's index, holding only the given entries (not written). */
static git_index *index_of(fixture *f, ...)
{
	git_index *idx;
	va_list ap;
	assert_int_equal(git_repository_index(&idx, f->repo), 0);
	assert_int_equal(git_index_clear(idx), 0);
	va_start(ap, f);
	fill_index(idx, f->repo, ap);
	va_end(ap);
	return idx;
}

static git_tree *tree_of(fixture *f, ...)
{
	git_index *idx;
	git_tree *t;
	git_oid id;
	va_list ap;
	assert_int_equal(git_repository_index(&idx, f->repo), 0);
	assert_int_equal(git_index_clear(idx), 0);
	va_start(ap, f);
	fill_index(idx, f->repo, ap);
	va_end(ap);
	assert_int_equal(git_index_write_tree(&id, idx), 0);
	git_index_free(idx);
	assert_int_equal(git_tree_lookup(&t, f->repo, &id), 0);
	return t;
}

static const seen *find(const fixture *f, const char *path)
{
	size_t i;
	for (i = 0; i < f->n; i++)
		if (!strcmp(f->files[i].path, path))
			return &f->files[i];
	return NULL;
}

static void assert_lines(const seen *s, size_t n, ...)
{
	va_list ap;
	size_t i;
	assert_non_null(s);
	assert_false(s->all_lines);
	assert_int_equal(s->nlines, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_int_equal(s->lines[i], va_arg(ap, int));
	va_end(ap);
}

static bool was_asked(const fixture *f, const char *path)
{
	size_t i;
	for (i = 0; i < f->nwanted; i++)
		if (!strcmp(f->wanted[i], path))
			return true;
	return false;
}

/* ---- a tree, the index ---- */

static void test_tree_files_in_order_with_contents(void **state)
{
	fixture *f = *state;
	git_tree *t = tree_of(f, "b.py", "b = 1\n", "a/z.py", "z\n", "a/b/c.txt", "deep\n",
			      "link", "@link:b.py", "sub", "@commit", "run.sh", "@exec:echo\n", NULL);
	assert_int_equal(pc_source_tree(f->repo, t, &f->v), 0);
	/* git's tree order, depth first; the symlink is never visited */
	assert_int_equal(f->n, 5);
	assert_string_equal(f->files[0].path, "a/b/c.txt");
	assert_string_equal(f->files[1].path, "a/z.py");
	assert_string_equal(f->files[2].path, "b.py");
	assert_string_equal(f->files[3].path, "run.sh");
	assert_string_equal(f->files[4].path, "sub");
	assert_string_equal(f->files[0].data, "deep\n");
	assert_int_equal(f->files[0].len, 5);
	assert_true(f->files[0].all_lines);
	assert_null(f->files[0].old_data);
	assert_string_equal(f->files[3].data, "echo\n");
	/* a submodule is listed, with nothing to read */
	assert_true(f->files[4].submodule);
	assert_false(f->files[4].has_data);
	assert_false(was_asked(f, "link"));
	git_tree_free(t);
}

static void test_tree_want_filters_and_max_size(void **state)
{
	fixture *f = *state;
	git_tree *t = tree_of(f, "big.py", "0123456789abcdef\n", "fits.py", "0123456789\n",
			      "vendor/x.py", "x\n", NULL);
	f->skip = "vendor/";
	f->v.max_size = 11;
	assert_int_equal(pc_source_tree(f->repo, t, &f->v), 0);
	assert_true(was_asked(f, "vendor/x.py"));
	assert_int_equal(f->n, 2);
	assert_string_equal(f->files[0].path, "big.py");
	assert_true(f->files[0].too_large);
	assert_false(f->files[0].has_data);
	assert_int_equal(f->files[0].len, 17); /* the size, for the summary */
	/* exactly max_size bytes is not too large */
	assert_false(f->files[1].too_large);
	assert_string_equal(f->files[1].data, "0123456789\n");
	git_tree_free(t);
}

static void test_tree_visitor_error_stops_the_walk(void **state)
{
	fixture *f = *state;
	git_tree *t = tree_of(f, "a.py", "a\n", "b.py", "b\n", "c.py", "c\n", NULL);
	f->fail_at = 2;
	assert_int_equal(pc_source_tree(f->repo, t, &f->v), -42);
	assert_int_equal(f->n, 2);
	assert_string_equal(pc_error_last(), "stop at b.py");
	git_tree_free(t);
}

static void test_tree_deferred_blobs(void **state)
{
	fixture *f = *state;
	git_tree *t = tree_of(f, "a.py", "alpha\n", "big.py", "0123456789abcdef\n", NULL);
	f->v.defer_blobs = true;
	f->v.max_size = 8;
	assert_int_equal(pc_source_tree(f->repo, t, &f->v), 0);
	assert_int_equal(f->n, 2);
	/* handed over unread */
	assert_true(f->files[0].deferred);
	assert_false(f->files[0].has_data);
	reset_seen(f);
	/* and read by the visitor, on whatever thread, with pc_source_blob */
	f->read_deferred = true;
	assert_int_equal(pc_source_tree(f->repo, t, &f->v), 0);
	assert_int_equal(f->n, 2);
	assert_string_equal(f->files[0].data, "alpha\n");
	assert_true(f->files[1].too_large);
	assert_int_equal(f->files[1].len, 17);
	git_tree_free(t);
}

static void test_blob_errors_name_the_path(void **state)
{
	fixture *f = *state;
	git_tree *t = tree_of(f, "a.py", "a\n", NULL);
	git_odb *odb;
	git_oid missing;
	assert_int_equal(git_repository_odb(&odb, f->repo), 0);
	/* a tree is no blob */
	assert_true(pc_source_blob(odb, "x.py", git_tree_id(t), &f->v) < 0);
	assert_non_null(strstr(pc_error_last(), "x.py: cannot read blob"));
	assert_non_null(strstr(pc_error_last(), "not a blob"));
	assert_int_equal(git_oid_fromstr(&missing, "2222222222222222222222222222222222222222"), 0);
	assert_true(pc_source_blob(odb, "y.py", &missing, &f->v) < 0);
	assert_non_null(strstr(pc_error_last(), "y.py: cannot read blob 222222222222"));
	assert_int_equal(f->n, 0);
	git_odb_free(odb);
	git_tree_free(t);
}

static void test_index_files(void **state)
{
	fixture *f = *state;
	git_index *idx = index_of(f, "src/m.py", "m = 1\n", "lnk", "@link:src/m.py", "mod", "@commit",
				  "skip/me.py", "x\n", NULL);
	f->skip = "skip/";
	assert_int_equal(pc_source_index(f->repo, idx, &f->v), 0);
	assert_int_equal(f->n, 2);
	assert_string_equal(f->files[0].path, "mod");
	assert_true(f->files[0].submodule);
	assert_string_equal(f->files[1].path, "src/m.py");
	assert_string_equal(f->files[1].data, "m = 1\n");
	assert_true(f->files[1].all_lines);
	assert_true(was_asked(f, "skip/me.py"));
	git_index_free(idx);
}

/* ---- diffs ---- */

static const char ten[] = "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n";

static void test_trees_added_lines(void **state)
{
	fixture *f = *state;
	git_tree *old = tree_of(f, "mod.py", "a\nb\nc\nd\n", "gone.py", "g\n", "same.py", "s\n",
				"sub", "@commit", NULL);
	git_tree *now = tree_of(f, "mod.py", "a\nB\nc\nd\ne\n", "new.py", "n1\nn2\n", "same.py", "s\n",
				NULL);
	const seen *s;
	assert_int_equal(pc_source_trees(f->repo, old, now, &f->v), 0);
	/* deleted and unchanged files are not visited */
	assert_int_equal(f->n, 2);
	s = find(f, "mod.py");
	assert_lines(s, 2, 2, 5);
	assert_string_equal(s->data, "a\nB\nc\nd\ne\n");
	assert_string_equal(s->old_data, "a\nb\nc\nd\n");
	/* "the path before a rename, or NULL" (source.h) */
	assert_null(s->old_path);
	s = find(f, "new.py");
	assert_lines(s, 2, 1, 2);
	assert_null(s->old_data);
	git_tree_free(old);
	git_tree_free(now);
}

static void test_trees_from_nothing(void **state)
{
	fixture *f = *state;
	git_tree *now = tree_of(f, "d/x.py", "1\n2\n3\n", "sub", "@commit", "lnk", "@link:d/x.py", NULL);
	assert_int_equal(pc_source_trees(f->repo, NULL, now, &f->v), 0);
	/* a diff carries no code for a submodule or a symlink */
	assert_int_equal(f->n, 1);
	assert_lines(&f->files[0], 3, 1, 2, 3);
	git_tree_free(now);
}

static void test_trees_renames(void **state)
{
	fixture *f = *state;
	git_tree *old = tree_of(f, "old/name.py", ten, "moved.py", ten, NULL);
	git_tree *now = tree_of(f, "new/name.py", "l1\nl2\nl3\nl4\nCHANGED\nl6\nl7\nl8\nl9\nl10\n",
				"moved2.py", ten, NULL);
	const seen *s;
	assert_int_equal(pc_source_trees(f->repo, old, now, &f->v), 0);
	/* a pure rename brings no line; an edited one only its new lines */
	assert_int_equal(f->n, 1);
	s = find(f, "new/name.py");
	assert_lines(s, 1, 5);
	assert_string_equal(s->old_path, "old/name.py");
	assert_string_equal(s->old_data, ten);
	git_tree_free(old);
	git_tree_free(now);
}

static void test_trees_mode_change_only(void **state)
{
	fixture *f = *state;
	git_tree *old = tree_of(f, "run.sh", "echo\n", NULL);
	git_tree *now = tree_of(f, "run.sh", "@exec:echo\n", NULL);
	assert_int_equal(pc_source_trees(f->repo, old, now, &f->v), 0);
	assert_int_equal(f->n, 0);
	git_tree_free(old);
	git_tree_free(now);
}

static void test_trees_binary_and_too_large(void **state)
{
	fixture *f = *state;
	git_index *idx;
	git_index_entry e;
	git_tree *old = tree_of(f, "big.py", "small\n", NULL), *now;
	git_oid id;
	const seen *s;
	/* a file with a NUL byte, written by length */
	assert_int_equal(git_repository_index(&idx, f->repo), 0);
	assert_int_equal(git_index_clear(idx), 0);
	memset(&e, 0, sizeof(e));
	e.path = "img.bin";
	e.mode = GIT_FILEMODE_BLOB;
	assert_int_equal(git_index_add_from_buffer(idx, &e, "PNG\0\1\2\n", 7), 0);
	e.path = "big.py";
	assert_int_equal(git_index_add_from_buffer(idx, &e, "0123456789abcdef\n", 17), 0);
	assert_int_equal(git_index_write_tree(&id, idx), 0);
	git_index_free(idx);
	assert_int_equal(git_tree_lookup(&now, f->repo, &id), 0);
	f->v.max_size = 10;
	assert_int_equal(pc_source_trees(f->repo, old, now, &f->v), 0);
	assert_int_equal(f->n, 2);
	s = find(f, "big.py");
	assert_true(s->too_large);
	assert_false(s->has_data);
	assert_int_equal(s->len, 17);
	s = find(f, "img.bin");
	/* a binary file has no lines: its content lets the visitor tell */
	assert_true(s->all_lines);
	assert_true(s->has_data);
	assert_int_equal(s->len, 7);
	assert_false(s->too_large);
	git_tree_free(old);
	git_tree_free(now);
}

static void test_trees_old_version_too_large_is_not_read(void **state)
{
	fixture *f = *state;
	git_tree *old = tree_of(f, "m.py", "0123456789abcdef\n", NULL);
	git_tree *now = tree_of(f, "m.py", "short\n", NULL);
	f->v.max_size = 10;
	assert_int_equal(pc_source_trees(f->repo, old, now, &f->v), 0);
	assert_int_equal(f->n, 1);
	/* every reference counts as new: the safe side */
	assert_null(f->files[0].old_data);
	assert_lines(&f->files[0], 1, 1);
	git_tree_free(old);
	git_tree_free(now);
}

static void test_trees_want_and_file_to_directory(void **state)
{
	fixture *f = *state;
	git_tree *old = tree_of(f, "a", "file\n", "keep.py", "k\n", NULL);
	git_tree *now = tree_of(f, "a/inner.py", "i\n", "keep.py", "k\nk2\n", "docs/x.md", "x\n", NULL);
	f->skip = "docs/";
	assert_int_equal(pc_source_trees(f->repo, old, now, &f->v), 0);
	assert_int_equal(f->n, 2);
	assert_lines(find(f, "a/inner.py"), 1, 1);
	assert_lines(find(f, "keep.py"), 1, 2);
	assert_true(was_asked(f, "docs/x.md"));
	git_tree_free(old);
	git_tree_free(now);
}

static void test_staged_change(void **state)
{
	fixture *f = *state;
	git_tree *head = tree_of(f, "app.py", "a\nb\n", "del.py", "d\n", NULL);
	git_index *idx = index_of(f, "app.py", "a\nb\nc\n", "added.py", "x\n", NULL);
	const seen *s;
	assert_int_equal(pc_source_staged(f->repo, head, idx, &f->v), 0);
	assert_int_equal(f->n, 2);
	s = find(f, "app.py");
	assert_lines(s, 1, 3);
	assert_string_equal(s->old_data, "a\nb\n");
	assert_lines(find(f, "added.py"), 1, 1);
	reset_seen(f);
	/* an unborn branch: everything staged is added */
	assert_int_equal(pc_source_staged(f->repo, NULL, idx, &f->v), 0);
	assert_int_equal(f->n, 2);
	assert_lines(find(f, "app.py"), 3, 1, 2, 3);
	git_index_free(idx);
	git_tree_free(head);
}

static git_oid commit_of(fixture *f, git_tree *t, const git_commit **parents, size_t n)
{
	git_signature *sig;
	git_oid id;
	assert_int_equal(git_signature_new(&sig, "T", "t@example.com", 1700000000, 0), 0);
	assert_int_equal(git_commit_create(&id, f->repo, NULL, sig, sig, NULL, "m", t, n, parents), 0);
	git_signature_free(sig);
	return id;
}

static void test_commit_and_merge(void **state)
{
	fixture *f = *state;
	git_tree *base = tree_of(f, "f.py", "1\n2\n3\n", NULL);
	git_tree *left = tree_of(f, "f.py", "1\n2\n3\nL\n", NULL);
	git_tree *right = tree_of(f, "f.py", "R\n1\n2\n3\n", NULL);
	git_tree *merged = tree_of(f, "f.py", "R\n1\n2\n3\nL\nM\n", NULL);
	git_commit *cb, *cl, *cr, *cm;
	const git_commit *p[2];
	git_oid id;

	id = commit_of(f, base, NULL, 0);
	assert_int_equal(git_commit_lookup(&cb, f->repo, &id), 0);
	p[0] = cb;
	id = commit_of(f, left, p, 1);
	assert_int_equal(git_commit_lookup(&cl, f->repo, &id), 0);
	id = commit_of(f, right, p, 1);
	assert_int_equal(git_commit_lookup(&cr, f->repo, &id), 0);
	p[0] = cl, p[1] = cr;
	id = commit_of(f, merged, p, 2);
	assert_int_equal(git_commit_lookup(&cm, f->repo, &id), 0);

	/* a root commit: against the empty tree */
	assert_int_equal(pc_source_commit(f->repo, cb, &f->v), 0);
	assert_lines(find(f, "f.py"), 3, 1, 2, 3);
	reset_seen(f);
	assert_int_equal(pc_source_commit(f->repo, cl, &f->v), 0);
	assert_lines(find(f, "f.py"), 1, 4);
	reset_seen(f);
	/* a merge: only what neither parent had (R came from the right,
	 * L from the left) */
	assert_int_equal(pc_source_commit(f->repo, cm, &f->v), 0);
	assert_int_equal(f->n, 1);
	assert_lines(find(f, "f.py"), 1, 6);
	git_commit_free(cb), git_commit_free(cl), git_commit_free(cr), git_commit_free(cm);
	git_tree_free(base), git_tree_free(left), git_tree_free(right), git_tree_free(merged);
}

/* ---- a plain directory ---- */

static void write_file(const char *dir, const char *rel, const char *data)
{
	pc_buf p = PC_BUF_INIT;
	FILE *fp;
	pc_buf_printf(&p, "%s/%s", dir, rel);
	assert_non_null(fp = fopen(p.ptr, "wb"));
	assert_int_equal(fwrite(data, 1, strlen(data), fp), strlen(data));
	assert_int_equal(fclose(fp), 0);
	pc_buf_free(&p);
}

static int cmp_seen(const void *a, const void *b)
{
	return strcmp(((const seen *)a)->path, ((const seen *)b)->path);
}

static void test_dir(void **state)
{
	fixture *f = *state;
	pc_buf root = PC_BUF_INIT, p = PC_BUF_INIT;
	pc_buf_printf(&root, "%s/tree", f->dir);
	assert_int_equal(mkdir(root.ptr, 0777), 0);
	pc_buf_printf(&p, "%s/sub", root.ptr);
	assert_int_equal(mkdir(p.ptr, 0777), 0);
	pc_buf_clear(&p);
	pc_buf_printf(&p, "%s/.git", root.ptr);
	assert_int_equal(mkdir(p.ptr, 0777), 0);
	write_file(root.ptr, "a.py", "a = 1\n");
	write_file(root.ptr, "sub/b.py", "b\n");
	write_file(root.ptr, "sub/big.py", "0123456789abcdef\n");
	write_file(root.ptr, ".git/config", "[core]\n");
	write_file(root.ptr, "empty.py", "");
	pc_buf_clear(&p);
	pc_buf_printf(&p, "%s/lnk", root.ptr);
	assert_int_equal(symlink("a.py", p.ptr), 0);
	f->v.max_size = 10;
	assert_int_equal(pc_source_dir(root.ptr, &f->v), 0);
	/* readdir order is the file system's: sort */
	qsort(f->files, f->n, sizeof(seen), cmp_seen);
	assert_int_equal(f->n, 4);
	pc_buf_clear(&p);
	pc_buf_printf(&p, "%s/a.py", root.ptr);
	assert_string_equal(f->files[0].path, p.ptr); /* as given: under the root */
	assert_string_equal(f->files[0].data, "a = 1\n");
	assert_true(f->files[0].all_lines);
	assert_non_null(strstr(f->files[1].path, "/tree/empty.py"));
	assert_true(f->files[1].has_data); /* empty, not missing */
	assert_int_equal(f->files[1].len, 0);
	assert_non_null(strstr(f->files[2].path, "/tree/sub/b.py"));
	assert_non_null(strstr(f->files[3].path, "/tree/sub/big.py"));
	assert_true(f->files[3].too_large);
	assert_int_equal(f->files[3].len, 17);

	/* one file as the root */
	reset_seen(f);
	pc_buf_clear(&p);
	pc_buf_printf(&p, "%s/sub/b.py", root.ptr);
	assert_int_equal(pc_source_dir(p.ptr, &f->v), 0);
	assert_int_equal(f->n, 1);
	assert_string_equal(f->files[0].path, p.ptr);

	/* "." names files relative to it */
	reset_seen(f);
	{
		char cwd[4096];
		assert_non_null(getcwd(cwd, sizeof(cwd)));
		pc_buf_clear(&p);
		pc_buf_printf(&p, "%s/sub", root.ptr);
		assert_int_equal(chdir(p.ptr), 0);
		f->skip = "big";
		assert_int_equal(pc_source_dir(".", &f->v), 0);
		assert_int_equal(chdir(cwd), 0);
	}
	assert_int_equal(f->n, 1);
	assert_string_equal(f->files[0].path, "b.py");
	assert_true(was_asked(f, "big.py"));

	/* a missing root is an error naming it */
	pc_buf_clear(&p);
	pc_buf_printf(&p, "%s/nope", root.ptr);
	assert_true(pc_source_dir(p.ptr, &f->v) < 0);
	assert_non_null(strstr(pc_error_last(), "/nope"));
	pc_buf_free(&p);
	pc_buf_free(&root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_tree_files_in_order_with_contents),
		T(test_tree_want_filters_and_max_size),
		T(test_tree_visitor_error_stops_the_walk),
		T(test_tree_deferred_blobs),
		T(test_blob_errors_name_the_path),
		T(test_index_files),
		T(test_trees_added_lines),
		T(test_trees_from_nothing),
		T(test_trees_renames),
		T(test_trees_mode_change_only),
		T(test_trees_binary_and_too_large),
		T(test_trees_old_version_too_large_is_not_read),
		T(test_trees_want_and_file_to_directory),
		T(test_staged_change),
		T(test_commit_and_merge),
		T(test_dir),
#undef T
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
