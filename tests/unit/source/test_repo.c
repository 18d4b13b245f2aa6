/*
 * test_repo.c: opening the repository (repo.c) with git's environment as
 * the caller passes it (pc_repo_env), never as the process has it. The
 * hooks' end-to-end tests cover git's semantics with real git (t0007
 * GIT_INDEX_FILE, t0012 quarantine); these cover the passing.
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
#include <sys/stat.h>
#include <git2.h>
#include "pincheck/common.h"
#include "pincheck/repo.h"

typedef struct {
	char top[PATH_MAX];   /* a temporary directory, its real path */
	char one[PATH_MAX];   /* top/one: a repository, the current directory */
	char two[PATH_MAX];   /* top/two: another repository */
	char cwd[PATH_MAX];   /* where the test started */
	git_oid only_in_two;  /* a blob in two's objects alone */
} fixture;

static void path_join(char *out, const char *a, const char *b)
{
	if ((size_t)snprintf(out, PATH_MAX, "%s/%s", a, b) >= PATH_MAX)
		fail_msg("path too long");
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void rm_rf(const char *path)
{
	char cmd[PATH_MAX + 32];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", path);
}

static int setup(void **state)
{
	fixture *fx = pc_calloc(1, sizeof(*fx));
	char tmpl[] = "/tmp/pc-test-repo-XXXXXX", *real;
	git_repository *repo;
	if (pc_repo_global_init() < 0 || !getcwd(fx->cwd, sizeof(fx->cwd)) || !mkdtemp(tmpl))
		return -1;
	real = realpath(tmpl, NULL);
	snprintf(fx->top, sizeof(fx->top), "%s", real);
	free(real);
	path_join(fx->one, fx->top, "one");
	path_join(fx->two, fx->top, "two");
	if (git_repository_init(&repo, fx->one, 0) < 0)
		return -1;
	git_repository_free(repo);
	if (git_repository_init(&repo, fx->two, 0) < 0 ||
	    git_blob_create_from_buffer(&fx->only_in_two, repo, "two\n", 4) < 0)
		return -1;
	git_repository_free(repo);
	if (chdir(fx->one) < 0)
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_INDEX_FILE");
	unsetenv("GIT_OBJECT_DIRECTORY");
	unsetenv("GIT_CEILING_DIRECTORIES");
	if (chdir(fx->cwd) < 0)
		return -1;
	rm_rf(fx->top);
	free(fx);
	return 0;
}

/* The repository's top as pc_repo sees it: workdir without its '/'. */
static const char *top_of(const pc_repo *r, char *buf)
{
	size_t n;
	assert_non_null(r->workdir);
	n = strlen(r->workdir);
	assert_true(n > 1 && r->workdir[n - 1] == '/');
	memcpy(buf, r->workdir, n - 1);
	buf[n - 1] = '\0';
	return buf;
}

static void test_no_env_searches_from_the_current_directory(void **state)
{
	fixture *fx = *state;
	char buf[PATH_MAX], two_git[PATH_MAX];
	pc_repo *r = NULL;
	/* the process's GIT_DIR is not the caller's: it is not read */
	path_join(two_git, fx->two, ".git");
	setenv("GIT_DIR", two_git, 1);
	assert_int_equal(pc_repo_open(&r, NULL), 0);
	unsetenv("GIT_DIR");
	assert_string_equal(top_of(r, buf), fx->one);
	assert_string_equal(r->prefix, "");
	assert_null(r->env.git_dir);
	pc_repo_free(r);
}

static void test_git_dir_opens_that_repository(void **state)
{
	fixture *fx = *state;
	char buf[PATH_MAX], two_git[PATH_MAX];
	pc_repo_env env = { 0 };
	pc_repo *r = NULL;
	path_join(two_git, fx->two, ".git");
	env.git_dir = two_git;
	assert_int_equal(pc_repo_open(&r, &env), 0);
	assert_string_equal(top_of(r, buf), fx->two);
	pc_repo_free(r);
	/* "" is unset, as git has it */
	env.git_dir = "";
	assert_int_equal(pc_repo_open(&r, &env), 0);
	assert_string_equal(top_of(r, buf), fx->one);
	pc_repo_free(r);
}

static void test_work_tree_sets_the_work_tree(void **state)
{
	fixture *fx = *state;
	char buf[PATH_MAX], wt[PATH_MAX];
	pc_repo_env env = { 0 };
	pc_repo *r = NULL;
	path_join(wt, fx->top, "elsewhere");
	assert_int_equal(mkdir(wt, 0777), 0);
	env.work_tree = wt;
	assert_int_equal(pc_repo_open(&r, &env), 0);
	assert_string_equal(top_of(r, buf), wt);
	pc_repo_free(r);
	path_join(wt, fx->top, "missing");
	env.work_tree = wt;
	assert_int_equal(pc_repo_open(&r, &env), PC_ERUNTIME);
	assert_null(r);
	assert_non_null(strstr(pc_error_last(), "GIT_WORK_TREE="));
}

static void test_ceiling_directories_stop_the_search(void **state)
{
	fixture *fx = *state;
	char sub[PATH_MAX];
	pc_repo_env env = { 0 };
	pc_repo *r = NULL;
	path_join(sub, fx->one, "sub");
	assert_int_equal(mkdir(sub, 0777), 0);
	assert_int_equal(chdir(sub), 0);
	assert_int_equal(pc_repo_open(&r, &env), 0);
	assert_string_equal(r->prefix, "sub/");
	pc_repo_free(r);
	/* the search from sub/ may not go up into one/ */
	env.ceiling_directories = fx->one;
	setenv("GIT_CEILING_DIRECTORIES", "/nowhere", 1);
	assert_int_equal(pc_repo_open(&r, &env), 1);
	assert_null(r);
	/* and the process's ceiling is not the caller's */
	setenv("GIT_CEILING_DIRECTORIES", fx->one, 1);
	assert_int_equal(pc_repo_open(&r, NULL), 0);
	pc_repo_free(r);
	assert_int_equal(chdir(fx->one), 0);
}

static void test_object_directories_are_added(void **state)
{
	fixture *fx = *state;
	char objects[PATH_MAX], alts[2 * PATH_MAX + 8];
	pc_repo_env env = { 0 };
	pc_repo *r = NULL;
	git_odb *odb;
	path_join(objects, fx->two, ".git/objects");
	setenv("GIT_OBJECT_DIRECTORY", objects, 1);
	assert_int_equal(pc_repo_open(&r, &env), 0);
	assert_int_equal(git_repository_odb(&odb, r->repo), 0);
	assert_false(git_odb_exists(odb, &fx->only_in_two));
	git_odb_free(odb);
	pc_repo_free(r);
	unsetenv("GIT_OBJECT_DIRECTORY");
	/* pre-receive's quarantine */
	env.object_directory = objects;
	assert_int_equal(pc_repo_open(&r, &env), 0);
	assert_int_equal(git_repository_odb(&odb, r->repo), 0);
	assert_true(git_odb_exists(odb, &fx->only_in_two));
	git_odb_free(odb);
	pc_repo_free(r);
	/* a ':'-separated list of alternates */
	env.object_directory = NULL;
	snprintf(alts, sizeof(alts), "%s/none:%s", fx->top, objects);
	env.alternate_object_directories = alts;
	assert_int_equal(pc_repo_open(&r, &env), 0);
	assert_int_equal(git_repository_odb(&odb, r->repo), 0);
	assert_true(git_odb_exists(odb, &fx->only_in_two));
	git_odb_free(odb);
	pc_repo_free(r);
}

static void test_index_file_is_the_index_read(void **state)
{
	fixture *fx = *state;
	char bad[PATH_MAX];
	pc_repo_env env = { 0 };
	pc_repo *r = NULL;
	git_index *index;
	path_join(bad, fx->top, "bad-index");
	write_file(bad, "not an index at all\n");
	/* the process's GIT_INDEX_FILE is not the caller's */
	setenv("GIT_INDEX_FILE", bad, 1);
	assert_int_equal(pc_repo_open(&r, &env), 0);
	assert_int_equal(pc_repo_index(&index, r), 0);
	pc_repo_free(r);
	unsetenv("GIT_INDEX_FILE");
	env.index_file = bad;
	assert_int_equal(pc_repo_open(&r, &env), 0);
	assert_int_equal(pc_repo_index(&index, r), PC_ERUNTIME);
	assert_non_null(strstr(pc_error_last(), bad));
	pc_repo_free(r);
}

static void test_env_is_copied(void **state)
{
	char dir[PATH_MAX], index_file[PATH_MAX];
	pc_repo_env env = { 0 };
	pc_repo *r = NULL;
	(void)state;
	snprintf(dir, sizeof(dir), "%s", "");
	snprintf(index_file, sizeof(index_file), "%s", "/nonexistent/index");
	env.git_dir = dir;
	env.index_file = index_file;
	assert_int_equal(pc_repo_open(&r, &env), 0);
	memset(index_file, 'x', 20);
	assert_string_equal(r->env.index_file, "/nonexistent/index");
	assert_ptr_not_equal(r->env.index_file, index_file);
	assert_string_equal(r->env.git_dir, "");
	assert_null(r->env.work_tree);
	pc_repo_free(r);
}

static void check_url(const char *in, const char *want)
{
	char *got = pc_url_without_credentials(in);
	assert_string_equal(got, want);
	free(got);
}

/* A BOM or an inventory names the repository by its origin: never with
 * the token a CI job may have put in the URL. */
static void test_url_without_credentials(void **state)
{
	(void)state;
	check_url("https://x-access-token:ghs_secret@github.com/acme/agent.git",
		  "https://github.com/acme/agent.git");
	check_url("https://ci@git.example.com:8443/a/b", "https://git.example.com:8443/a/b");
	check_url("https://u:p@w@host/path@x", "https://host/path@x");
	check_url("https://github.com/acme/agent.git", "https://github.com/acme/agent.git");
	check_url("ssh://git@host/r.git", "ssh://host/r.git");
	check_url("git@github.com:acme/agent.git", "git@github.com:acme/agent.git");
	check_url("/srv/git/app.git", "/srv/git/app.git");
	check_url("file:///srv/git/app.git", "file:///srv/git/app.git");
	check_url("https://host?x=a@b", "https://host?x=a@b");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_no_env_searches_from_the_current_directory,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_git_dir_opens_that_repository, setup, teardown),
		cmocka_unit_test_setup_teardown(test_work_tree_sets_the_work_tree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ceiling_directories_stop_the_search, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_object_directories_are_added, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index_file_is_the_index_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_env_is_copied, setup, teardown),
		cmocka_unit_test(test_url_without_credentials),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
