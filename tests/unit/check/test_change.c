/*
 * test_change.c: the change-check engine (change.c, push.c) on
 * repositories built with libgit2 in a temporary directory: the staged
 * change, one commit, a range and its squashed diff, what a push brings
 * and to which ref it is attributed, the policy a commit's config may not
 * relax, and the errors that must never read as "all clear".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <git2.h>
#include "pincheck/change.h"
#include "pincheck/common.h"

static char dir[] = "/tmp/pc-change-XXXXXX";
static char cwd[4096];
static git_repository *g;
static pc_repo *repo;
static pc_config cfg;
static pc_ruleset *rs;
static git_oid base; /* the first commit, on refs/heads/main */

/* An id as hex, in one of a few buffers (git_oid_tostr_s has only one). */
static const char *hex_of(const git_oid *id)
{
	static char buf[4][GIT_OID_HEXSZ + 1];
	static unsigned k;
	return git_oid_tostr(buf[k++ % 4], GIT_OID_HEXSZ + 1, id);
}

/* Stage `content` as `path` (NULL content: remove it). */
static void stage(const char *path, const char *content)
{
	git_index *ix;
	FILE *f;
	assert_int_equal(git_repository_index(&ix, g), 0);
	if (content) {
		assert_non_null(f = fopen(path, "w"));
		fputs(content, f);
		fclose(f);
		assert_int_equal(git_index_add_bypath(ix, path), 0);
	} else {
		unlink(path);
		assert_int_equal(git_index_remove_bypath(ix, path), 0);
	}
	assert_int_equal(git_index_write(ix), 0);
	git_index_free(ix);
}

/* Commit the index on `parent` (NULL: a root commit), moving `ref` if given. */
static git_oid commit(const char *ref, const git_oid *parent, const char *message)
{
	git_index *ix;
	git_oid tree_id, id;
	git_tree *tree;
	git_commit *p = NULL;
	git_signature *sig;
	const git_commit *parents[1];
	assert_int_equal(git_repository_index(&ix, g), 0);
	assert_int_equal(git_index_write_tree(&tree_id, ix), 0);
	assert_int_equal(git_tree_lookup(&tree, g, &tree_id), 0);
	static git_time_t when = 1780000000; /* a minute apart, like real history */
	assert_int_equal(git_signature_new(&sig, "T", "t@example.com", when += 60, 0), 0);
	if (parent)
		assert_int_equal(git_commit_lookup(&p, g, parent), 0);
	parents[0] = p;
	assert_int_equal(git_commit_create(&id, g, ref, sig, sig, NULL, message, tree,
					   p ? 1 : 0, parents), 0);
	git_commit_free(p);
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_free(ix);
	return id;
}

static int setup(void **state)
{
	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	strcpy(dir, "/tmp/pc-change-XXXXXX");
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(git_repository_init(&g, ".", false), 0);
	stage("README", "a project\n");
	base = commit("refs/heads/main", NULL, "first\n");
	assert_int_equal(git_repository_set_head(g, "refs/heads/main"), 0);
	assert_int_equal(pc_repo_open(&repo, NULL), 0);
	pc_config_init(&cfg);
	cfg.no_jit = getenv("PINCHECK_NO_JIT") != NULL; /* valgrind cannot see JIT code */
	assert_int_equal(pc_config_rules(&rs, &cfg, false), 0);
	return 0;
}

static int teardown(void **state)
{
	char cmd[256];
	(void)state;
	pc_ruleset_free(rs);
	pc_config_free(&cfg);
	pc_repo_free(repo);
	git_repository_free(g);
	assert_int_equal(chdir(cwd), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static pc_change_opts opts(unsigned what)
{
	pc_change_opts o;
	memset(&o, 0, sizeof(o));
	o.check.cfg = &cfg;
	o.check.rs = rs;
	o.check.today = "2026-06-01";
	o.check.what = what;
	o.unapproved = true;
	return o;
}

static size_t count_kind(const pc_findings *f, pc_kind kind)
{
	size_t i, n = 0;
	for (i = 0; i < f->n; i++)
		n += f->items[i].kind == kind;
	return n;
}

static void test_staged_alias_is_found_on_its_line(void **state)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_change_opts o = opts(PC_CHECK_REFS);
	(void)state;
	stage("app.py", "import openai\n\nMODEL = \"gpt-4o\"\n");
	assert_int_equal(pc_change_staged(&f, repo, &o, NULL), 0);
	assert_int_equal(count_kind(&f, PC_KIND_ALIAS), 1);
	assert_string_equal(f.items[0].path, "app.py");
	assert_int_equal(f.items[0].line, 3);
	assert_null(f.items[0].commit); /* not a commit yet */
	assert_false(f.of_commits);
	pc_findings_free(&f);
}

static void test_commit_msg_stage_reports_no_references(void **state)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_change_opts o = opts(0);
	(void)state;
	o.unapproved = false;
	stage("app.py", "MODEL = \"gpt-4o\"\n");
	assert_int_equal(pc_change_staged(&f, repo, &o, NULL), 0);
	assert_int_equal(count_kind(&f, PC_KIND_ALIAS), 0);
	pc_findings_free(&f);
}

static void test_only_added_lines_count(void **state)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_change_opts o = opts(PC_CHECK_REFS);
	(void)state;
	stage("app.py", "MODEL = \"gpt-4o\"\n");
	commit("refs/heads/main", &base, "an alias, before pincheck\n");
	stage("app.py", "MODEL = \"gpt-4o\"\nTIMEOUT = 3\n");
	assert_int_equal(pc_change_staged(&f, repo, &o, NULL), 0);
	assert_int_equal(f.n, 0);
	pc_findings_free(&f);
}

static void test_only_new_copies_of_an_alias_count(void **state)
{
	pc_findings f = PC_FINDINGS_INIT, g2 = PC_FINDINGS_INIT;
	pc_change_opts o = opts(PC_CHECK_REFS);
	(void)state;
	stage("app.py", "MODEL = \"gpt-4o\"\nB = \"gpt-4o\"\n");
	commit("refs/heads/main", &base, "two aliases, before pincheck\n");
	/* both lines edited: as many references as before */
	stage("app.py", "MODEL = \"gpt-4o\"  # a\nB = \"gpt-4o\"  # b\n");
	assert_int_equal(pc_change_staged(&f, repo, &o, NULL), 0);
	assert_int_equal(count_kind(&f, PC_KIND_ALIAS), 0);
	/* one edited, one removed, two added: one more than before (a fresh
	 * handle: pc_repo keeps the index it read) */
	pc_repo_free(repo);
	assert_int_equal(pc_repo_open(&repo, NULL), 0);
	stage("app.py", "MODEL = \"gpt-4o\"  # a\nC = \"gpt-4o\"\nD = \"gpt-4o\"\n");
	assert_int_equal(pc_change_staged(&g2, repo, &o, NULL), 0);
	assert_int_equal(count_kind(&g2, PC_KIND_ALIAS), 1);
	pc_findings_free(&f);
	pc_findings_free(&g2);
}

static void test_range_attributes_findings_to_their_commit(void **state)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_change_opts o = opts(PC_CHECK_REFS);
	char hex[GIT_OID_HEXSZ + 1], range[128];
	git_oid a, b;
	(void)state;
	stage("app.py", "MODEL = \"claude-opus-latest\"\n");
	a = commit(NULL, &base, "use an alias\n");
	stage("notes.txt", "nothing here\n");
	b = commit(NULL, &a, "unrelated\n");
	snprintf(range, sizeof(range), "%s..%s", hex_of(&base), hex_of(&b));
	assert_int_equal(pc_change_range(&f, repo, &o, range, false), 0);
	assert_true(f.of_commits);
	assert_int_equal(f.commits, 2);
	assert_int_equal(count_kind(&f, PC_KIND_ALIAS), 1);
	git_oid_tostr(hex, sizeof(hex), &a);
	assert_string_equal(f.items[0].commit, hex);
	assert_string_equal(f.items[0].subject, "use an alias");
	pc_findings_free(&f);
}

static void test_squash_sees_only_the_overall_diff(void **state)
{
	pc_findings f = PC_FINDINGS_INIT, g2 = PC_FINDINGS_INIT;
	pc_change_opts o = opts(PC_CHECK_REFS);
	char range[128];
	git_oid a, b;
	(void)state;
	stage("app.py", "MODEL = \"gpt-4o\"\n");
	a = commit(NULL, &base, "an alias\n");
	stage("app.py", "MODEL = \"gpt-4o-2024-08-06\"\n");
	b = commit(NULL, &a, "pinned again\n");
	snprintf(range, sizeof(range), "%s..%s", hex_of(&base), hex_of(&b));
	assert_int_equal(pc_change_range(&f, repo, &o, range, false), 0);
	assert_int_equal(count_kind(&f, PC_KIND_ALIAS), 1);
	assert_int_equal(pc_change_range(&g2, repo, &o, range, true), 0);
	assert_int_equal(count_kind(&g2, PC_KIND_ALIAS), 0);
	assert_int_equal(g2.commits, 2);
	pc_findings_free(&f);
	pc_findings_free(&g2);
}

static void test_bad_ranges_are_errors(void **state)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_change_opts o = opts(PC_CHECK_REFS);
	(void)state;
	assert_int_equal(pc_change_range(&f, repo, &o, "main...main", false), PC_EUSAGE);
	assert_int_equal(pc_change_range(&f, repo, &o, "no-such-rev", false), PC_ERUNTIME);
	assert_non_null(strstr(pc_error_last(), "no-such-rev"));
	assert_int_equal(f.n, 0);
	pc_findings_free(&f);
}

/* A pre-receive stdin as a stream. */
static FILE *input(const char *text)
{
	FILE *in = tmpfile();
	assert_non_null(in);
	fputs(text, in);
	rewind(in);
	return in;
}

static void test_push_checks_new_commits_once_per_ref(void **state)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_change_opts o = opts(PC_CHECK_REFS);
	pc_push p;
	char line[512], hex[GIT_OID_HEXSZ + 1];
	git_oid a, b;
	FILE *in;
	(void)state;
	stage("app.py", "MODEL = \"gpt-4o\"\n");
	a = commit(NULL, &base, "alias\n");
	stage("b.py", "M = \"mistral-large-latest\"\n");
	b = commit(NULL, &a, "another alias\n");
	git_oid_tostr(hex, sizeof(hex), &base);
	/* topic brings a and b; other brings a too, which topic already
	 * brought: a is checked once, for topic */
	snprintf(line, sizeof(line), "%s %s refs/heads/topic\n%s %s refs/heads/other\n", hex,
		 hex_of(&b), hex, hex_of(&a));
	in = input(line);
	assert_int_equal(pc_push_read(&p, in, false), 0);
	fclose(in);
	assert_int_equal(p.n, 2);
	assert_int_equal(pc_change_push(&f, repo, &o, &p, NULL), 0);
	assert_int_equal(f.commits, 2);
	assert_int_equal(count_kind(&f, PC_KIND_ALIAS), 2);
	assert_string_equal(f.items[0].ref, "refs/heads/topic");
	assert_string_equal(f.items[1].ref, "refs/heads/topic");
	pc_push_free(&p);
	pc_findings_free(&f);
}

static void test_push_hides_what_refs_already_reach(void **state)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_change_opts o = opts(PC_CHECK_REFS);
	pc_push p;
	char line[512];
	git_oid a;
	FILE *in;
	(void)state;
	stage("app.py", "MODEL = \"gpt-4o\"\n");
	a = commit("refs/heads/main", &base, "alias, already on main\n");
	snprintf(line, sizeof(line), "%s %s refs/heads/copy\n", GIT_OID_HEX_ZERO,
		 hex_of(&a));
	in = input(line);
	assert_int_equal(pc_push_read(&p, in, false), 0);
	fclose(in);
	assert_int_equal(pc_change_push(&f, repo, &o, &p, NULL), 0);
	assert_int_equal(f.commits, 0);
	assert_int_equal(f.n, 0);
	pc_push_free(&p);
	pc_findings_free(&f);
}

static void test_push_of_a_missing_object_fails_closed(void **state)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_change_opts o = opts(PC_CHECK_REFS);
	pc_push p;
	FILE *in;
	(void)state;
	in = input("0000000000000000000000000000000000000000 "
		   "1111111111111111111111111111111111111111 refs/heads/x\n");
	assert_int_equal(pc_push_read(&p, in, false), 0);
	fclose(in);
	assert_int_equal(pc_change_push(&f, repo, &o, &p, NULL), PC_ERUNTIME);
	assert_non_null(strstr(pc_error_last(), "refs/heads/x"));
	pc_push_free(&p);
	pc_findings_free(&f);
}

static void test_push_input_errors_name_the_line(void **state)
{
	pc_push p;
	FILE *in;
	(void)state;
	in = input("\nnot three words\n");
	assert_int_equal(pc_push_read(&p, in, false), PC_ERUNTIME);
	fclose(in);
	assert_non_null(strstr(pc_error_last(), "stdin:2"));
	pc_push_free(&p);
	in = input("a b c d\n");
	assert_int_equal(pc_push_read(&p, in, true), PC_ERUNTIME);
	fclose(in);
	assert_non_null(strstr(pc_error_last(), "'b' is not an object id"));
	pc_push_free(&p);
}

static void test_policy_finding_for_a_relaxing_config(void **state)
{
	pc_findings f = PC_FINDINGS_INIT, g2 = PC_FINDINGS_INIT;
	pc_change_opts o = opts(PC_CHECK_REFS);
	git_oid a;
	(void)state;
	stage(".pincheck.yml", "default_rules: false\n");
	a = commit(NULL, &base, "relax\n");
	o.policy = true;
	assert_int_equal(pc_change_range(&f, repo, &o, hex_of(&a), false), 0);
	assert_int_equal(count_kind(&f, PC_KIND_POLICY), 1);
	assert_string_equal(f.items[0].path, ".pincheck.yml");
	o.policy = false;
	assert_int_equal(pc_change_range(&g2, repo, &o, hex_of(&a), false), 0);
	assert_int_equal(count_kind(&g2, PC_KIND_POLICY), 0);
	pc_findings_free(&f);
	pc_findings_free(&g2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_staged_alias_is_found_on_its_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_msg_stage_reports_no_references, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_added_lines_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_new_copies_of_an_alias_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_range_attributes_findings_to_their_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_squash_sees_only_the_overall_diff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_ranges_are_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_push_checks_new_commits_once_per_ref, setup, teardown),
		cmocka_unit_test_setup_teardown(test_push_hides_what_refs_already_reach, setup, teardown),
		cmocka_unit_test_setup_teardown(test_push_of_a_missing_object_fails_closed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_push_input_errors_name_the_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policy_finding_for_a_relaxing_config, setup, teardown),
	};
	int rc;
	git_libgit2_init();
	pc_repo_global_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	git_libgit2_shutdown();
	return rc;
}
