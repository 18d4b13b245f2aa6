/*
 * test_pool.c: the worker pool (pool.c) gives the findings and counts of
 * the single-threaded visitor (pc_check_visitor), in the same order, for 1,
 * 2 and 8 threads; over a tree (blobs deferred to the workers) and over a
 * plain directory (contents copied); and a worker's error is the pool's.
 * The pool is given no repository here, so workers read blobs through
 * the walker's object database (test_pool_repo.c covers their own
 * handles).
 */
#define _XOPEN_SOURCE 700 /* nftw, to remove the temporary repository */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <git2.h>
#include "pincheck/buf.h"
#include "pincheck/check.h"
#include "pincheck/common.h"
#include "pincheck/config.h"
#include "pincheck/pool.h"
#include "pincheck/repo.h"
#include "../tmpdir.h"

static const char rules_text[] =
	"provider: acme\n"
	"rules:\n"
	"  - id: acme-alias\n"
	"    class: alias\n"
	"    pattern: 'acme-(?:fast|slow)(?![-a-z0-9])'\n"
	"  - id: acme-pinned\n"
	"    class: pinned\n"
	"    pattern: 'acme-(?:fast|slow)-20[0-9]{2}-[0-9]{2}-[0-9]{2}'\n";

#define NFILES 300
#define MAX_SIZE 2000

typedef struct {
	char dir[64];
	char cwd[PATH_MAX];
	git_repository *repo;
	git_tree *tree;
	pc_config cfg;
	pc_ruleset *rs;
	char *lost; /* path of the file whose blob was removed, or NULL */
} fixture;

/* The only places these tests touch pc_check and its options (they
 * change often): a scan's options, limited to `specs`... */
static void opts_init(pc_check_opts *o, const fixture *f, const char *const *specs, size_t nspecs)
{
	memset(o, 0, sizeof(*o));
	o->cfg = &f->cfg;
	o->rs = f->rs;
	o->today = "2026-06-01";
	o->max_size = MAX_SIZE;
	o->pathspecs = specs;
	o->npathspecs = nspecs;
	o->what = PC_CHECK_REFS;
}

/* ... and the single-threaded visitor of pc_check, over `walk`. */
static int check_single(const pc_check_opts *o, int (*walk)(void *arg, const pc_visitor *v),
			void *arg, pc_findings *out)
{
	pc_check c;
	pc_visitor v;
	int err;
	if ((err = pc_check_init(&c, o, out)) >= 0) {
		v = pc_check_visitor(&c, NULL);
		err = walk(arg, &v);
	}
	pc_check_free(&c);
	return err;
}

/* File i: some alias references on some lines, a pinned id now and then. */
static void file_text(pc_buf *b, size_t i)
{
	size_t l;
	pc_buf_clear(b);
	for (l = 0; l < i % 7; l++)
		pc_buf_printf(b, "x%zu = 'acme-%s'  # line %zu\n", l, (i + l) % 2 ? "fast" : "slow", l + 1);
	if (i % 11 == 0)
		pc_buf_puts(b, "y = ['acme-fast', 'acme-fast-2025-01-01', 'acme-slow']\n");
	pc_buf_printf(b, "done = %zu\n", i); /* each file its own blob */
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	git_index *idx;
	git_index_entry e;
	pc_buf path = PC_BUF_INIT, text = PC_BUF_INIT;
	git_oid id;
	size_t i;
	if (!f || pc_repo_global_init() < 0)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/pc-pool-XXXXXX");
	if (!mkdtemp(f->dir) || git_repository_init(&f->repo, f->dir, 0) < 0 ||
	    !getcwd(f->cwd, sizeof(f->cwd)) || chdir(f->dir) < 0)
		return -1;
	pc_config_init(&f->cfg);
	f->rs = pc_ruleset_new();
	if (pc_ruleset_add_file(f->rs, "acme.yml", rules_text, strlen(rules_text), PC_ORIGIN_BUILTIN) < 0 ||
	    pc_ruleset_compile(f->rs) < 0)
		return -1;
	if (git_repository_index(&idx, f->repo) < 0)
		return -1;
	memset(&e, 0, sizeof(e));
	e.mode = GIT_FILEMODE_BLOB;
	for (i = 0; i < NFILES; i++) {
		pc_buf_clear(&path);
		pc_buf_printf(&path, "d%02zu/f%03zu.py", i % 13, i);
		file_text(&text, i);
		e.path = path.ptr;
		if (git_index_add_from_buffer(idx, &e, text.ptr, text.len) < 0)
			return -1;
	}
	/* one binary file, one over the size limit, one submodule */
	e.path = "d05/blob.bin";
	if (git_index_add_from_buffer(idx, &e, "acme-fast\0\1", 11) < 0)
		return -1;
	pc_buf_clear(&text);
	for (i = 0; text.len <= MAX_SIZE; i++)
		pc_buf_puts(&text, "z = 'acme-fast'\n");
	e.path = "d07/huge.py";
	if (git_index_add_from_buffer(idx, &e, text.ptr, text.len) < 0)
		return -1;
	e.path = "sub";
	e.mode = GIT_FILEMODE_COMMIT;
	git_oid_fromstr(&e.id, "1111111111111111111111111111111111111111");
	if (git_index_add(idx, &e) < 0 || git_index_write_tree(&id, idx) < 0 ||
	    git_tree_lookup(&f->tree, f->repo, &id) < 0)
		return -1;
	git_index_free(idx);
	pc_buf_free(&path);
	pc_buf_free(&text);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	assert_int_equal(chdir(f->cwd), 0);
	git_tree_free(f->tree);
	git_repository_free(f->repo);
	tmpdir_remove(f->dir);
	pc_ruleset_free(f->rs);
	pc_config_free(&f->cfg);
	free(f->lost);
	free(f);
	git_libgit2_shutdown();
	return 0;
}

typedef int (*walk_fn)(void *f, const pc_visitor *v);

static int walk_tree(void *arg, const pc_visitor *v)
{
	fixture *f = arg;
	return pc_source_tree(f->repo, f->tree, v);
}

/* The working tree, as a plain directory: checked out from the tree. */
static int walk_dir(void *arg, const pc_visitor *v)
{
	(void)arg;
	return pc_source_dir(".", v);
}

static int single(fixture *f, walk_fn walk, pc_findings *out)
{
	pc_check_opts o;
	opts_init(&o, f, NULL, 0);
	return check_single(&o, walk, f, out);
}

static int pooled(fixture *f, walk_fn walk, size_t nthreads, pc_findings *out)
{
	pc_check_opts o;
	pc_pool *p;
	pc_visitor v;
	int err, done;
	opts_init(&o, f, NULL, 0);
	out->max_size = MAX_SIZE;
	if ((err = pc_pool_new(&p, nthreads, &o, NULL)) < 0)
		return err;
	assert_non_null(p);
	v = pc_pool_visitor(p);
	assert_true(v.defer_blobs);
	assert_int_equal(v.max_size, MAX_SIZE);
	err = walk(f, &v);
	done = pc_pool_finish(p, out);
	return err < 0 ? err : done;
}

static void assert_str_same(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void assert_same(const pc_findings *a, const pc_findings *b)
{
	size_t i;
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->files, b->files);
	assert_int_equal(a->binary_skipped, b->binary_skipped);
	assert_int_equal(a->large_skipped, b->large_skipped);
	assert_int_equal(a->submodules_skipped, b->submodules_skipped);
	for (i = 0; i < a->n; i++) {
		const pc_finding *x = &a->items[i], *y = &b->items[i];
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->severity, y->severity);
		assert_str_same(x->path, y->path);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->col, y->col);
		assert_str_same(x->rule, y->rule);
		assert_str_same(x->model, y->model);
		assert_str_same(x->message, y->message);
		assert_str_same(x->source, y->source);
	}
}

/* How many alias findings the files of file_text hold. */
static size_t expected_aliases(void)
{
	size_t i, n = 0;
	for (i = 0; i < NFILES; i++)
		n += i % 7 + (i % 11 == 0 ? 2 : 0);
	return n;
}

static void test_tree_same_findings_for_any_thread_count(void **state)
{
	fixture *f = *state;
	pc_findings ref = PC_FINDINGS_INIT;
	static const size_t threads[] = { 1, 2, 8 };
	size_t t;
	assert_int_equal(single(f, walk_tree, &ref), 0);
	/* the reference itself is what the files hold */
	assert_int_equal(ref.n, expected_aliases());
	assert_int_equal(ref.files, NFILES);
	assert_int_equal(ref.binary_skipped, 1);
	assert_int_equal(ref.large_skipped, 1);
	assert_int_equal(ref.submodules_skipped, 1);
	assert_string_equal(ref.items[0].path, "d00/f000.py");
	assert_int_equal(ref.items[0].line, 1);
	for (t = 0; t < 3; t++) {
		pc_findings out = PC_FINDINGS_INIT;
		assert_int_equal(pooled(f, walk_tree, threads[t], &out), 0);
		assert_same(&ref, &out);
		pc_findings_free(&out);
	}
	pc_findings_free(&ref);
}

static void test_dir_same_findings_for_any_thread_count(void **state)
{
	fixture *f = *state;
	pc_findings ref = PC_FINDINGS_INIT;
	static const size_t threads[] = { 1, 2, 8 };
	git_checkout_options co;
	size_t t;
	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	co.checkout_strategy = GIT_CHECKOUT_FORCE;
	assert_int_equal(git_checkout_tree(f->repo, (git_object *)f->tree, &co), 0);
	assert_int_equal(single(f, walk_dir, &ref), 0);
	/* a plain directory has no submodules: an empty directory there */
	assert_int_equal(ref.n, expected_aliases());
	assert_int_equal(ref.files, NFILES);
	assert_int_equal(ref.large_skipped, 1);
	for (t = 0; t < 3; t++) {
		pc_findings out = PC_FINDINGS_INIT;
		assert_int_equal(pooled(f, walk_dir, threads[t], &out), 0);
		assert_same(&ref, &out);
		pc_findings_free(&out);
	}
	pc_findings_free(&ref);
}

static void test_pathspecs_and_excludes_apply(void **state)
{
	fixture *f = *state;
	static const char *const specs[] = { "d03", "d04/" };
	pc_findings out = PC_FINDINGS_INIT;
	pc_check_opts o;
	pc_pool *p;
	pc_visitor v;
	const char *yaml = "paths:\n  exclude: ['d04/f0*']\n";
	size_t i;
	pc_config_free(&f->cfg);
	pc_config_init(&f->cfg);
	assert_int_equal(pc_config_parse(&f->cfg, ".pincheck.yml", yaml, strlen(yaml)), 0);
	opts_init(&o, f, specs, 2);
	assert_int_equal(pc_pool_new(&p, 0, &o, NULL), PC_EUSAGE);
	assert_null(p);
	assert_int_equal(pc_pool_new(&p, 2, &o, NULL), 0);
	v = pc_pool_visitor(p);
	assert_int_equal(walk_tree(f, &v), 0);
	assert_int_equal(pc_pool_finish(p, &out), 0);
	assert_true(out.n > 0);
	for (i = 0; i < out.n; i++)
		assert_true(!strncmp(out.items[i].path, "d03/", 4) || !strncmp(out.items[i].path, "d04/", 4));
	/* 300 files over 13 directories: 23 in d03, 23 in d04 of which
	 * f004 ... f095 (8 files) are excluded */
	assert_int_equal(out.files, 23 + 23 - 8);
	pc_findings_free(&out);
}

static void test_outside_a_repository_workers_use_the_walkers_database(void **state)
{
	fixture *f = *state;
	pc_findings ref = PC_FINDINGS_INIT, out = PC_FINDINGS_INIT;
	assert_int_equal(single(f, walk_tree, &ref), 0);
	/* no repository to reopen: the blobs come through the walker's odb */
	assert_int_equal(chdir("/"), 0);
	assert_int_equal(pooled(f, walk_tree, 2, &out), 0);
	assert_int_equal(chdir(f->dir), 0);
	assert_same(&ref, &out);
	pc_findings_free(&ref);
	pc_findings_free(&out);
}

static void test_worker_error_is_the_pools(void **state)
{
	fixture *f = *state;
	pc_findings ref = PC_FINDINGS_INIT;
	git_tree_entry *te;
	pc_buf obj = PC_BUF_INIT;
	const char *hex;
	static const size_t threads[] = { 1, 2, 8 };
	size_t t;
	int err;

	/* remove the blob of one file from the object database */
	assert_int_equal(git_tree_entry_bypath(&te, f->tree, "d06/f123.py"), 0);
	hex = git_oid_tostr_s(git_tree_entry_id(te));
	pc_buf_printf(&obj, ".git/objects/%.2s/%s", hex, hex + 2);
	assert_int_equal(remove(obj.ptr), 0);
	git_tree_entry_free(te);
	pc_buf_free(&obj);

	err = single(f, walk_tree, &ref);
	assert_true(err < 0);
	assert_non_null(strstr(pc_error_last(), "d06/f123.py: cannot read blob"));
	pc_findings_free(&ref);
	for (t = 0; t < 3; t++) {
		pc_findings out = PC_FINDINGS_INIT;
		pc_error_set(0, "none");
		err = pooled(f, walk_tree, threads[t], &out);
		assert_int_equal(err, PC_ERUNTIME);
		/* the message comes from the worker's thread */
		assert_non_null(strstr(pc_error_last(), "d06/f123.py: cannot read blob"));
		pc_findings_free(&out);
	}
}

static void test_ncpus(void **state)
{
	(void)state;
	assert_true(pc_ncpus() >= 1);
	assert_int_equal(pc_ncpus(), (size_t)sysconf(_SC_NPROCESSORS_ONLN));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_tree_same_findings_for_any_thread_count),
		T(test_dir_same_findings_for_any_thread_count),
		T(test_pathspecs_and_excludes_apply),
		T(test_outside_a_repository_workers_use_the_walkers_database),
		T(test_worker_error_is_the_pools),
		cmocka_unit_test(test_ncpus),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
