/*
 * test_evalref.c: the eval reader from memory (pc_eval_read, evalref.c):
 * each field of an eval result that is missing or wrong is its own
 * problem, and a result that is not a mapping or does not parse is one.
 * References are also checked against a tree and an index written to a
 * repository in a temporary directory (pc_eval_check): paths that escape
 * eval.dir, symlinks, missing files, URLs, and the cache that parses each
 * eval file once.
 *
 * Results are read from heap copies of exactly their length, so
 * AddressSanitizer and valgrind catch any read past the end.
 */
#define _XOPEN_SOURCE 700 /* nftw, to remove the temporary repository */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <git2.h>
#include "pincheck/common.h"
#include "pincheck/config.h"
#include "pincheck/evalref.h"
#include "pincheck/repo.h"
#include "../tmpdir.h"

/* Would the result let a bump to `model` through: no problem, and a URL
 * (what it evaluated is not known) or `model` among its models? */
static bool covers(const pc_eval *e, const char *model)
{
	size_t i;
	if (e->nproblems)
		return false;
	if (e->is_url)
		return true;
	for (i = 0; i < e->nmodels; i++)
		if (!strcmp(e->models[i], model))
			return true;
	return false;
}

#define REF "evals/results/r.yml"

static pc_config cfg;

static void read_eval(pc_eval *e, const char *text)
{
	const pc_eval_ctx ctx = { .cfg = &cfg, .commit_day = pc_days_from_date("2026-06-01") };
	size_t len = strlen(text);
	char *buf = malloc(len ? len : 1);
	assert_non_null(buf);
	memcpy(buf, text, len);
	pc_config_init(&cfg);
	pc_eval_read(e, &ctx, REF, buf, len);
	free(buf);
}

static void assert_problem(const pc_eval *e, const char *needle)
{
	size_t i;
	for (i = 0; i < e->nproblems; i++)
		if (strstr(e->problems[i], needle))
			return;
	fail_msg("no problem mentions '%s' (%zu problems)", needle, e->nproblems);
}

static void test_passing_result_has_no_problem(void **state)
{
	pc_eval e;
	(void)state;
	read_eval(&e, "model: gpt-4o-2024-08-06\nsuite: s\ndate: 2026-05-20\nstatus: pass\n");
	assert_int_equal(e.nproblems, 0);
	assert_int_equal(e.nmodels, 1);
	assert_string_equal(e.ref, REF);
	assert_string_equal(e.models[0], "gpt-4o-2024-08-06");
	pc_eval_free(&e);
}

static void test_json_result_with_models_list(void **state)
{
	pc_eval e;
	(void)state;
	read_eval(&e, "{\"models\": [\"a-1\", \"b-2\"], \"suite\": \"s\", "
		      "\"date\": \"2026-05-31T12:00:00Z\", \"status\": \"pass\"}");
	assert_int_equal(e.nproblems, 0);
	assert_int_equal(e.nmodels, 2);
	assert_string_equal(e.models[0], "a-1");
	assert_string_equal(e.models[1], "b-2");
	pc_eval_free(&e);
}

static void test_each_wrong_field_is_a_problem(void **state)
{
	pc_eval e;
	(void)state;
	read_eval(&e, "model: ''\ndate: 2026-13-01\nstatus: maybe\n");
	assert_int_equal(e.nproblems, 4);
	assert_problem(&e, "names no model");
	assert_problem(&e, "has no `suite`");
	assert_problem(&e, "status 'maybe'");
	assert_problem(&e, "not an ISO 8601 date");
	pc_eval_free(&e);
}

static void test_failing_future_and_stale_results(void **state)
{
	pc_eval e;
	(void)state;
	read_eval(&e, "model: m\nsuite: s\ndate: 2026-06-02\nstatus: fail\n");
	assert_problem(&e, "status: fail");
	assert_problem(&e, "after the commit's date");
	pc_eval_free(&e);
	read_eval(&e, "model: m\nsuite: s\ndate: 2020-01-01\nstatus: pass\n");
	assert_problem(&e, "eval.max_age_days");
	pc_eval_free(&e);
}

static void test_not_a_mapping_or_not_parsing(void **state)
{
	pc_eval e;
	(void)state;
	read_eval(&e, "- a list\n");
	assert_int_equal(e.nproblems, 1);
	assert_problem(&e, "is not a mapping");
	pc_eval_free(&e);
	read_eval(&e, "model: [unclosed\n");
	assert_int_equal(e.nproblems, 1);
	assert_problem(&e, "does not parse as YAML or JSON: " REF ":");
	pc_eval_free(&e);
}

static void test_max_age_boundary_and_date_forms(void **state)
{
	pc_eval e;
	(void)state;
	/* 90 days (the default) before 2026-06-01 is 2026-03-03: still fine */
	read_eval(&e, "model: m\nsuite: s\ndate: 2026-03-03\nstatus: pass\n");
	assert_int_equal(e.nproblems, 0);
	pc_eval_free(&e);
	read_eval(&e, "model: m\nsuite: s\ndate: 2026-03-02\nstatus: pass\n");
	assert_int_equal(e.nproblems, 1);
	assert_problem(&e, "91 days before the commit; eval.max_age_days is 90");
	pc_eval_free(&e);
	/* a time after the date, with T or a blank; nothing else */
	read_eval(&e, "model: m\nsuite: s\ndate: 2026-05-31 23:59\nstatus: pass\n");
	assert_int_equal(e.nproblems, 0);
	pc_eval_free(&e);
	read_eval(&e, "model: m\nsuite: s\ndate: 2026-05-31x\nstatus: pass\n");
	assert_problem(&e, "is not an ISO 8601 date");
	pc_eval_free(&e);
	/* a date YAML reads as something else still has to be a string */
	read_eval(&e, "model: m\nsuite: s\ndate: [2026-05-31]\nstatus: pass\n");
	assert_problem(&e, "has no `date`");
	pc_eval_free(&e);
}

static void test_days_and_dates(void **state)
{
	char out[11];
	long d;
	(void)state;
	assert_int_equal(pc_days_from_date("1970-01-01"), 0);
	assert_int_equal(pc_days_from_date("1970-01-02"), 1);
	assert_int_equal(pc_days_from_date("2000-03-01") - pc_days_from_date("2000-02-28"), 2);
	assert_int_equal(pc_days_from_date("2100-03-01") - pc_days_from_date("2100-02-28"), 1);
	assert_int_equal(pc_days_from_date("2024-02-29"), 19782);
	assert_int_equal(pc_days_from_date("2023-02-29"), -1);
	assert_int_equal(pc_days_from_date("2024-1-01"), -1);
	assert_int_equal(pc_days_from_date("2024-01"), -1);
	assert_int_equal(pc_days_from_date(""), -1);
	/* only the first ten characters are the date */
	assert_int_equal(pc_days_from_date("2024-02-29T10:00:00Z"), 19782);
	for (d = -800; d < 80000; d += 37) {
		pc_date_from_days(d, out);
		assert_int_equal(strlen(out), 10);
		if (d >= 0)
			assert_int_equal(pc_days_from_date(out), d);
	}
	pc_date_from_days(19782, out);
	assert_string_equal(out, "2024-02-29");
	pc_date_from_days(0, out);
	assert_string_equal(out, "1970-01-01");
}

/* ---- references checked against a tree or an index ---- */

#define GOOD "model: acme-1\nsuite: s\ndate: 2026-05-20\nstatus: pass\n"

typedef struct {
	char dir[64];
	git_repository *repo;
	git_tree *tree;
	git_index *index;
	pc_config cfg;
	pc_eval_cache *cache;
} repo_fixture;

/* eval.dir is "evals/results/" (a trailing slash is allowed); the tree
 * and the index hold the same entries. */
static int repo_setup(void **state)
{
	static const struct {
		const char *path, *data;
		unsigned mode;
	} entries[] = {
		{ "evals/results/good.yml", GOOD, GIT_FILEMODE_BLOB },
		{ "evals/results/run.yaml", GOOD, GIT_FILEMODE_BLOB_EXECUTABLE },
		{ "evals/results/link.yml", "good.yml", GIT_FILEMODE_LINK },
		{ "evals/results/viadir", "../other", GIT_FILEMODE_LINK },
		{ "evals/other/x.yml", GOOD, GIT_FILEMODE_BLOB },
		{ "evals/results/sub/deep.json", "{\"model\": \"acme-2\", \"suite\": \"s\", "
		  "\"date\": \"2026-05-20\", \"status\": \"pass\"}", GIT_FILEMODE_BLOB },
		{ "evals/results/bad.yml", "model: [\n", GIT_FILEMODE_BLOB },
		{ "evals/results_other.yml", GOOD, GIT_FILEMODE_BLOB },
	};
	const char *cfg_text = "eval:\n  dir: evals/results/\n  allow_urls: ['https://ci\\.example\\.com/']\n";
	repo_fixture *f = calloc(1, sizeof(*f));
	git_index_entry e;
	git_oid id;
	size_t i;
	if (!f || pc_repo_global_init() < 0)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/pc-evalref-XXXXXX");
	if (!mkdtemp(f->dir) || git_repository_init(&f->repo, f->dir, 0) < 0 ||
	    git_repository_index(&f->index, f->repo) < 0)
		return -1;
	for (i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		memset(&e, 0, sizeof(e));
		e.path = entries[i].path;
		e.mode = entries[i].mode;
		if (git_index_add_from_buffer(f->index, &e, entries[i].data, strlen(entries[i].data)) < 0)
			return -1;
	}
	memset(&e, 0, sizeof(e));
	e.path = "evals/results/module";
	e.mode = GIT_FILEMODE_COMMIT;
	git_oid_fromstr(&e.id, "1111111111111111111111111111111111111111");
	if (git_index_add(f->index, &e) < 0 || git_index_write_tree(&id, f->index) < 0 ||
	    git_tree_lookup(&f->tree, f->repo, &id) < 0)
		return -1;
	pc_config_init(&f->cfg);
	if (pc_config_parse(&f->cfg, ".pincheck.yml", cfg_text, strlen(cfg_text)) < 0)
		return -1;
	f->cache = pc_eval_cache_new(&f->cfg);
	*state = f;
	return 0;
}

static int repo_teardown(void **state)
{
	repo_fixture *f = *state;
	pc_eval_cache_free(f->cache);
	pc_config_free(&f->cfg);
	git_index_free(f->index);
	git_tree_free(f->tree);
	git_repository_free(f->repo);
	tmpdir_remove(f->dir);
	free(f);
	git_libgit2_shutdown();
	return 0;
}

/* Check `ref` against the tree (or the index): its problems, one string. */
static void check(pc_eval *e, repo_fixture *f, bool from_index, const char *ref)
{
	pc_eval_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.repo = f->repo;
	if (from_index)
		ctx.index = f->index;
	else
		ctx.tree = f->tree;
	ctx.cfg = &f->cfg;
	ctx.commit_day = pc_days_from_date("2026-06-01");
	ctx.cache = f->cache;
	assert_int_equal(pc_eval_check(e, &ctx, ref), 0);
	assert_string_equal(e->ref, ref);
}

static void expect_ok(repo_fixture *f, const char *ref, const char *model)
{
	pc_eval e;
	int from_index;
	for (from_index = 0; from_index < 2; from_index++) {
		check(&e, f, from_index, ref);
		if (e.nproblems)
			fail_msg("%s: %s", ref, e.problems[0]);
		assert_false(e.is_url);
		assert_int_equal(e.nmodels, 1);
		assert_string_equal(e.models[0], model);
		assert_true(covers(&e, model));
		pc_eval_free(&e);
	}
}

static void expect_problem(repo_fixture *f, const char *ref, const char *problem)
{
	pc_eval e;
	int from_index;
	for (from_index = 0; from_index < 2; from_index++) {
		check(&e, f, from_index, ref);
		assert_int_equal(e.nproblems, 1);
		if (!strstr(e.problems[0], problem))
			fail_msg("%s (%s): '%s' does not say '%s'", ref, from_index ? "index" : "tree",
				 e.problems[0], problem);
		assert_false(covers(&e, "acme-1"));
		pc_eval_free(&e);
	}
}

static void test_paths_in_eval_dir(void **state)
{
	repo_fixture *f = *state;
	expect_ok(f, "evals/results/good.yml", "acme-1");
	expect_ok(f, "evals/results/run.yaml", "acme-1");
	expect_ok(f, "evals/results/sub/deep.json", "acme-2");
	/* "." and doubled slashes are normalised away */
	expect_ok(f, "./evals//results/./sub/deep.json", "acme-2");
}

static void test_paths_that_escape(void **state)
{
	repo_fixture *f = *state;
	expect_problem(f, "/evals/results/good.yml", "is an absolute path; give a repository path under evals/results/");
	expect_problem(f, "evals/results/../other/x.yml", "uses '..'; eval references must stay inside");
	expect_problem(f, "evals/other/x.yml", "is outside eval.dir (evals/results/)");
	/* a prefix of the directory's name is not the directory */
	expect_problem(f, "evals/results_other.yml", "is outside eval.dir");
	expect_problem(f, "evals/results", "is outside eval.dir");
	expect_problem(f, "evals/results/", "is outside eval.dir");
}

static void test_symlinks_and_non_files(void **state)
{
	repo_fixture *f = *state;
	expect_problem(f, "evals/results/link.yml", "evals/results/link.yml is a symlink");
	expect_problem(f, "evals/results/viadir/x.yml", "goes through the symlink evals/results/viadir");
	expect_problem(f, "evals/results/module", "is not a file");
}

static void test_missing_file_says_where_it_looked(void **state)
{
	repo_fixture *f = *state;
	pc_eval e;
	check(&e, f, false, "evals/results/none.yml");
	assert_int_equal(e.nproblems, 1);
	assert_problem(&e, "evals/results/none.yml does not exist in the commit's tree");
	pc_eval_free(&e);
	check(&e, f, true, "evals/results/none.yml");
	assert_problem(&e, "does not exist in the index being committed (git add it)");
	pc_eval_free(&e);
	check(&e, f, false, "");
	assert_problem(&e, "the eval trailer is empty");
	pc_eval_free(&e);
}

static void test_unparsable_file(void **state)
{
	repo_fixture *f = *state;
	expect_problem(f, "evals/results/bad.yml", "evals/results/bad.yml does not parse as YAML or JSON");
}

static void test_urls(void **state)
{
	repo_fixture *f = *state;
	pc_eval e;
	pc_eval_cache_stats st;
	check(&e, f, false, "https://ci.example.com/run/1");
	assert_true(e.is_url);
	assert_int_equal(e.nproblems, 0);
	/* a URL covers any model: what it evaluated is not known */
	assert_true(covers(&e, "whatever-1"));
	pc_eval_free(&e);
	/* anchored at the start */
	check(&e, f, false, "https://evil.example.net/?https://ci.example.com/");
	assert_true(e.is_url);
	assert_problem(&e, "is not allowed by eval.allow_urls");
	assert_false(covers(&e, "whatever-1"));
	pc_eval_free(&e);
	/* a relative path with a colon is no URL */
	check(&e, f, false, "evals/results/a:b.yml");
	assert_false(e.is_url);
	assert_problem(&e, "does not exist");
	pc_eval_free(&e);
	pc_eval_cache_stats_get(f->cache, &st);
	assert_int_equal(st.compiles, 1);
}

static void test_no_allow_urls_refuses_every_url(void **state)
{
	repo_fixture *f = *state;
	pc_config plain;
	pc_eval_ctx ctx;
	pc_eval e;
	pc_config_init(&plain);
	memset(&ctx, 0, sizeof(ctx));
	ctx.repo = f->repo;
	ctx.tree = f->tree;
	ctx.cfg = &plain;
	/* no cache given: the check makes its own */
	assert_int_equal(pc_eval_check(&e, &ctx, "https://ci.example.com/run/1"), 0);
	assert_problem(&e, "(empty: URLs are not accepted)");
	pc_eval_free(&e);
	pc_config_free(&plain);
}

static void test_cache_parses_each_file_once(void **state)
{
	repo_fixture *f = *state;
	pc_eval_cache_stats st;
	pc_eval e;
	int i;
	for (i = 0; i < 50; i++) {
		check(&e, f, i % 2, i % 3 ? "evals/results/good.yml" : "./evals/results/good.yml");
		assert_int_equal(e.nproblems, 0);
		pc_eval_free(&e);
	}
	/* run.yaml has the same content but another path: parsed on its own */
	check(&e, f, false, "evals/results/run.yaml");
	pc_eval_free(&e);
	pc_eval_cache_stats_get(f->cache, &st);
	assert_int_equal(st.parses, 2);
	assert_int_equal(st.compiles, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_passing_result_has_no_problem),
		cmocka_unit_test(test_json_result_with_models_list),
		cmocka_unit_test(test_each_wrong_field_is_a_problem),
		cmocka_unit_test(test_failing_future_and_stale_results),
		cmocka_unit_test(test_not_a_mapping_or_not_parsing),
		cmocka_unit_test(test_max_age_boundary_and_date_forms),
		cmocka_unit_test(test_days_and_dates),
#define T(name) cmocka_unit_test_setup_teardown(name, repo_setup, repo_teardown)
		T(test_paths_in_eval_dir),
		T(test_paths_that_escape),
		T(test_symlinks_and_non_files),
		T(test_missing_file_says_where_it_looked),
		T(test_unparsable_file),
		T(test_urls),
		T(test_no_allow_urls_refuses_every_url),
		T(test_cache_parses_each_file_once),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
