/*
 * cmd_check.c: change checks. `pincheck check --staged` and the hooks that
 * git runs at commit time look at the staged change (the index being
 * committed against HEAD); `pincheck check REV | A..B` looks at commits,
 * each against its first parent. Only added lines are reported, but prose
 * is decided from whole files.
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "cli.h"

static int check_staged(pc_cli *cli, pc_check *c)
{
	git_index *index;
	git_tree *head = NULL;
	pc_visitor v = pc_check_visitor(c);
	int err;

	if (!cli->repo->workdir)
		return pc_error_set(PC_ERUNTIME, "a bare repository has no staged change");
	if ((err = pc_repo_index(&index, cli->repo)) < 0)
		return err;
	if ((err = pc_repo_head_tree(&head, cli->repo)) < 0)
		return err;
	err = pc_source_staged(cli->repo->repo, head, index, &v);
	git_tree_free(head);
	return err;
}

static int check_one_commit(pc_cli *cli, pc_check *c, const git_oid *id)
{
	git_commit *commit;
	pc_visitor v = pc_check_visitor(c);
	char hex[GIT_OID_HEXSZ + 1];
	const char *summary;
	int err;

	if (git_commit_lookup(&commit, cli->repo->repo, id) < 0)
		return pc_git_error("cannot read commit");
	git_oid_tostr(hex, sizeof(hex), id);
	summary = git_commit_summary(commit);
	c->commit = hex;
	c->subject = summary ? summary : "";
	err = pc_source_commit(cli->repo->repo, commit, &v);
	c->commit = c->subject = NULL;
	c->out->commits++;
	git_commit_free(commit);
	return err;
}

/* REV (that commit alone) or A..B (reachable from B, not from A), oldest
 * first so the report reads like history. */
static int check_range(pc_cli *cli, pc_check *c, const char *range)
{
	git_revwalk *walk = NULL;
	git_oid id;
	pc_buf what = PC_BUF_INIT;
	int err = 0;

	if (!strstr(range, "..")) {
		git_object *obj;
		if (git_revparse_single(&obj, cli->repo->repo, range) < 0) {
			pc_buf_printf(&what, "cannot resolve '%s'", range);
			err = pc_git_error(what.ptr);
		} else {
			git_object *commit;
			if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
				pc_buf_printf(&what, "'%s' is not a commit", range);
				err = pc_git_error(what.ptr);
			} else {
				err = check_one_commit(cli, c, git_object_id(commit));
				git_object_free(commit);
			}
			git_object_free(obj);
		}
		pc_buf_free(&what);
		return err;
	}
	if (git_revwalk_new(&walk, cli->repo->repo) < 0)
		return pc_git_error("cannot walk history");
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (git_revwalk_push_range(walk, range) < 0) {
		pc_buf_printf(&what, "cannot resolve range '%s'", range);
		err = pc_git_error(what.ptr);
	}
	while (err >= 0 && git_revwalk_next(&id, walk) == 0)
		err = check_one_commit(cli, c, &id);
	git_revwalk_free(walk);
	pc_buf_free(&what);
	return err;
}

/* Shared by `check` and the hooks: stage "pre-commit" reports everything
 * but eval findings, "commit-msg" only eval findings. */
static int run_check(pc_cli *cli, const char *range, const char *message, FILE *out,
		     bool eval_only)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_check c;
	char today[11];
	int err, rc;

	if ((err = cli_setup(cli, true)) < 0)
		return cli_fail(err);
	if (message) {
		/* The eval gate reads the message; until then, a message that
		 * cannot be read is still an error, never a silent pass. */
		pc_buf b = PC_BUF_INIT;
		err = pc_buf_read_file(&b, message, 1024 * 1024);
		pc_buf_free(&b);
		if (err < 0)
			return cli_fail(err);
	}
	if ((err = cli_check_init(cli, &c, &f, today)) < 0)
		return cli_fail(err);
	if (!eval_only)
		err = range ? check_range(cli, &c, range) : check_staged(cli, &c);
	if (err < 0)
		rc = cli_fail(err);
	else if (out == stderr && f.n == 0 && !cli->verbose)
		rc = EXIT_CLEAN; /* a hook with nothing to say stays quiet */
	else
		rc = cli_report(cli, out, &f);
	pc_matcher_free(c.m);
	pc_findings_free(&f);
	return rc;
}

int cmd_check(pc_cli *cli, int argc, char **argv)
{
	const char *range = NULL, *message = NULL;
	bool staged = false;
	int i;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--staged") || !strcmp(argv[i], "--cached")) {
			staged = true;
		} else if (!strcmp(argv[i], "--message")) {
			if (++i >= argc)
				return cli_usage("check: --message needs a file");
			message = argv[i];
		} else if (argv[i][0] == '-') {
			return cli_usage("check: unknown option '%s'", argv[i]);
		} else if (!range) {
			range = argv[i];
		} else {
			return cli_usage("check: more than one range given");
		}
	}
	if (staged == (range != NULL))
		return cli_usage("check: give either --staged or a range (REV or A..B)");
	if (message && !staged)
		return cli_usage("check: --message goes with --staged");
	return run_check(cli, range, message, stdout, false);
}

int cmd_hook(pc_cli *cli, int argc, char **argv)
{
	/* Hooks talk to the committer through stderr (git shows it). */
	if (argc < 2)
		return cli_usage("hook: which hook? (pre-commit, pre-merge-commit, commit-msg)");
	if (!strcmp(argv[1], "pre-commit") || !strcmp(argv[1], "pre-merge-commit")) {
		if (argc != 2)
			return cli_usage("hook %s takes no arguments", argv[1]);
		return run_check(cli, NULL, NULL, stderr, false);
	}
	if (!strcmp(argv[1], "commit-msg")) {
		if (argc != 3)
			return cli_usage("hook commit-msg needs the message file");
		return run_check(cli, NULL, argv[2], stderr, true);
	}
	return cli_usage("hook: unknown hook '%s'", argv[1]);
}
