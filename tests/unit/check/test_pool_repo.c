/*
 * test_pool_repo.c: the scanning threads (pool.c) read deferred blobs through
 * their own handle on the pool's repository, opened with the git
 * environment it was opened with (pc_repo_env), e.g. pre-receive's
 * quarantine; with no repository they share the walker's object database.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <git2.h>
#include "pincheck/common.h"
#include "pincheck/config.h"
#include "pincheck/pool.h"
#include "pincheck/repo.h"

typedef struct {
	char top[PATH_MAX], cwd[PATH_MAX], objects[PATH_MAX + 32];
	git_oid blob;       /* in quarantine/ only, not in the repository */
	pc_config cfg;
	pc_ruleset *rs;
	pc_repo *plain;     /* opened without the quarantine */
	pc_repo *quarantined;
} fixture;

static int setup(void **state)
{
	static const char text[] = "client.chat(model=\"gpt-4o\")\n";
	fixture *fx = pc_calloc(1, sizeof(*fx));
	char tmpl[] = "/tmp/pc-test-pool-XXXXXX", path[PATH_MAX + 32], *real;
	pc_repo_env env = { 0 };
	git_repository *repo;
	if (pc_repo_global_init() < 0 || !getcwd(fx->cwd, sizeof(fx->cwd)) || !mkdtemp(tmpl))
		return -1;
	real = realpath(tmpl, NULL);
	snprintf(fx->top, sizeof(fx->top), "%s", real);
	free(real);
	/* the pushed objects wait in another repository's object directory */
	snprintf(path, sizeof(path), "%s/quarantine", fx->top);
	if (git_repository_init(&repo, path, 1) < 0 ||
	    git_blob_create_from_buffer(&fx->blob, repo, text, sizeof(text) - 1) < 0)
		return -1;
	git_repository_free(repo);
	snprintf(fx->objects, sizeof(fx->objects), "%s/quarantine/objects", fx->top);
	snprintf(path, sizeof(path), "%s/repo", fx->top);
	if (git_repository_init(&repo, path, 0) < 0)
		return -1;
	git_repository_free(repo);
	if (chdir(path) < 0 || pc_repo_open(&fx->plain, NULL) != 0)
		return -1;
	env.object_directory = fx->objects;
	if (pc_repo_open(&fx->quarantined, &env) != 0)
		return -1;
	pc_config_init(&fx->cfg);
	if (pc_config_rules(&fx->rs, &fx->cfg, false) < 0)
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	char cmd[PATH_MAX + 32];
	pc_repo_free(fx->plain);
	pc_repo_free(fx->quarantined);
	pc_ruleset_free(fx->rs);
	pc_config_free(&fx->cfg);
	if (chdir(fx->cwd) < 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->top);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", fx->top);
	free(fx);
	return 0;
}

/*
 * Scan the quarantined blob on `threads` workers, as a tree walk hands it
 * over: unread, with the object database of `walker`. The first worker
 * error, findings in *out.
 */
static int scan(fixture *fx, const pc_repo *repo, const pc_repo *walker, pc_findings *out)
{
	pc_check_opts o;
	pc_pool *pool = NULL;
	pc_visitor v;
	pc_file f;
	git_odb *odb;
	int err;

	memset(&o, 0, sizeof(o));
	o.cfg = &fx->cfg;
	o.rs = fx->rs;
	o.today = "2026-06-01";
	o.what = PC_CHECK_REFS;
	assert_int_equal(pc_pool_new(&pool, 2, &o, repo), 0);
	v = pc_pool_visitor(pool);
	assert_true(v.defer_blobs);
	assert_int_equal(git_repository_odb(&odb, walker->repo), 0);
	memset(&f, 0, sizeof(f));
	f.path = "app.py";
	f.odb = odb;
	f.blob = &fx->blob;
	assert_int_equal(v.file(&f, v.payload), 0);
	err = pc_pool_finish(pool, out);
	git_odb_free(odb);
	return err;
}

static void test_workers_open_the_repository_as_it_was_opened(void **state)
{
	fixture *fx = *state;
	pc_findings out = PC_FINDINGS_INIT;
	(void)state;
	/* the walker's database lacks the blob: a worker's own handle, with
	 * the quarantine, is what reads it */
	assert_int_equal(scan(fx, fx->quarantined, fx->plain, &out), 0);
	assert_int_equal(out.n, 1);
	assert_int_equal(out.items[0].kind, PC_KIND_ALIAS);
	assert_string_equal(out.items[0].model, "gpt-4o");
	pc_findings_free(&out);
}

static void test_without_a_repository_workers_share_the_walkers_database(void **state)
{
	fixture *fx = *state;
	pc_findings out = PC_FINDINGS_INIT;
	(void)state;
	assert_int_equal(scan(fx, NULL, fx->quarantined, &out), 0);
	assert_int_equal(out.n, 1);
	pc_findings_free(&out);
	/* and they do not open one of their own from the current directory */
	assert_true(scan(fx, NULL, fx->plain, &out) < 0);
	assert_int_equal(out.n, 0);
	pc_findings_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_workers_open_the_repository_as_it_was_opened,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_without_a_repository_workers_share_the_walkers_database, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
