/*
 * cmd_bump.c: `pincheck bump OLD NEW [--eval FILE] [--diff] [--force]`
 * (issue 14 item 2), the managed migration: NEW must be a live pinned id
 * of OLD's provider; every choice of OLD in the working tree becomes NEW
 * and the config's `approved` list gains NEW (check/bump.c), written as
 * `fix` writes (check/fix.c). With --eval, the result is checked first as
 * the commit-msg gate will, and nothing is written when it would be
 * refused. It ends with the trailer the commit needs.
 */
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/bump.h"
#include "pincheck/date.h"
#include "pincheck/pool.h"
#include "cli.h"

enum { BUMP_EVAL, BUMP_DIFF, BUMP_FORCE };

static const cli_option bump_options[] = {
	[BUMP_EVAL] = { "--eval", NULL, "FILE", "the eval result of NEW, checked as commit-msg will" },
	[BUMP_DIFF] = { "--diff", NULL, NULL, "print the change as a unified diff, write nothing" },
	[BUMP_FORCE] = { "--force", NULL, NULL, "edit files with unstaged changes too" },
	{ NULL, NULL, NULL, NULL }
};

static const char *trailer_key(const pc_cli *cli)
{
	return cli->cfg.neval_trailers ? cli->cfg.eval_trailers[0] : "Eval-Result";
}

/* The eval result `ref`, checked against the index as commit-msg checks
 * it: *refused (each reason printed) when it would not pass. */
static int check_eval(pc_cli *cli, const char *ref, const char *old, const char *new,
		      bool *refused)
{
	pc_eval_ctx ctx;
	pc_eval e;
	git_index *index = NULL;
	size_t i;
	int err;

	memset(&ctx, 0, sizeof(ctx));
	if (git_repository_index(&index, cli->repo->repo) < 0)
		return pc_git_error("the index");
	ctx.repo = cli->repo->repo;
	ctx.index = index;
	ctx.cfg = &cli->cfg;
	ctx.commit_day = pc_days_from_date(cli->today);
	err = pc_bump_eval(&e, &ctx, ref, old, new);
	for (i = 0; err >= 0 && i < e.nproblems; i++)
		fprintf(stderr, "pincheck: bump: %s\n", e.problems[i]);
	if (err >= 0 && e.nproblems) {
		fprintf(stderr, "pincheck: bump: the commit-msg hook would refuse %s: "
				"nothing written\n", ref);
		*refused = true;
	}
	pc_eval_free(&e);
	git_index_free(index);
	return err;
}

/* Every reference in the working tree, with its role. */
static int references(pc_cli *cli, pc_findings *f)
{
	pc_check_opts o = cli_check_opts(cli, PC_CHECK_REFS | PC_CHECK_EVERY_REF);
	pc_target t;
	int err = cli_target(&t, cli, NULL, false, NULL, 0);
	if (err >= 0)
		err = pc_check_files(f, cli->repo, &o, &t);
	cli_target_free(&t);
	return err;
}

/* The edit that adds NEW to the work tree config's `approved` list, when
 * it has one. `path` keeps the repository path the edit borrows. */
static int approve(pc_cli *cli, pc_fix_result *res, pc_buf *path, const char *new)
{
	const pc_config *cfg = &cli->cfg;
	const char *top = cli->repo->workdir;
	const pc_node *list;
	pc_buf data = PC_BUF_INIT;
	int err;

	if (cli->admin_config || !cfg->path || !cfg->doc || !cfg->doc->root ||
	    cfg->doc->root->type != PC_NODE_MAP || strncmp(cfg->path, top, strlen(top)) ||
	    !(list = pc_map_get(cfg->doc->root, "approved")))
		return 0;
	pc_buf_puts(path, cfg->path + strlen(top));
	if ((err = pc_buf_read_file(&data, cfg->path, 0)) >= 0)
		err = pc_bump_approve(res, path->ptr, data.ptr, data.len, list, new);
	pc_buf_free(&data);
	return err;
}

static void print_trailer(FILE *out, const pc_cli *cli, const char *eval, const char *new)
{
	if (eval)
		fprintf(out, "%s: %s\n", trailer_key(cli), eval);
	else
		fprintf(out, "pincheck: the commit needs an eval result of %s: add the trailer "
			     "`%s: %s/<result>.yaml` (a file naming %s with status: pass); "
			     "`pincheck bump --eval FILE` checks it first\n",
			new, trailer_key(cli), cli->cfg.eval_dir, new);
}

static int run_bump(pc_cli *cli, const cli_args *a)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_fix_result res;
	pc_fix_opts o;
	pc_buf b = PC_BUF_INIT, cfg_path = PC_BUF_INIT;
	const char *old, *new, *eval = a->opt[BUMP_EVAL];
	bool dry = a->opt[BUMP_DIFF] != NULL, refused = false;
	int err, rc;

	if (a->npos != 2)
		return cli_usage("bump: give OLD and NEW, the pinned id and its replacement");
	old = a->pos[0];
	new = a->pos[1];
	memset(&res, 0, sizeof(res));
	o.force = a->opt[BUMP_FORCE] != NULL;
	o.diff = dry ? stdout : NULL;
	if ((err = cli_setup(cli, true)) >= 0 && !cli->repo->workdir)
		err = pc_error_set(PC_EUSAGE, "bump: a bare repository has no working tree");
	if (err >= 0)
		err = pc_bump_check_ids(cli->rs, old, new, cli->today);
	if (err >= 0 && eval)
		err = check_eval(cli, eval, old, new, &refused);
	if (err >= 0 && !refused)
		err = references(cli, &f);
	if (err >= 0 && !refused) {
		pc_bump_collect(&res, &f, old, new);
		err = approve(cli, &res, &cfg_path, new);
	}
	if (err >= 0 && !refused)
		err = pc_fix_apply(&res, cli->repo, &o);
	if (err >= 0 && !refused) {
		fflush(stdout);
		pc_report_bump(&b, &res, old, new, dry);
		fwrite(b.ptr, 1, b.len, dry ? stderr : stdout);
		print_trailer(dry ? stderr : stdout, cli, eval, new);
	}
	rc = err < 0 ? cli_fail(err)
	     : refused || pc_fix_left(&res) ? EXIT_FINDINGS : EXIT_CLEAN;
	pc_buf_free(&b);
	pc_buf_free(&cfg_path);
	pc_fix_result_free(&res);
	pc_findings_free(&f);
	return rc;
}

const cli_command cmd_bump = {
	"bump", "OLD NEW [--eval FILE] [--diff] [--force]",
	"replace every choice of a pinned model with another, gated on its eval", bump_options,
	run_bump, false
};
