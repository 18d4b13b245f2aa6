/*
 * cmd_fix.c: `pincheck fix [--diff] [--force] [PATH...]` (issue 14): the
 * working tree's aliases, found as `scan` finds them (paths, excludes, the
 * baseline and .pincheck.yml alike), rewritten to their live pins
 * (check/fix.c); with --diff, the change as a diff `git apply` takes, and
 * nothing written. Exit 1 when a finding is left, 0 when none is.
 */
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/fix.h"
#include "pincheck/pool.h"
#include "cli.h"

enum { FIX_DIFF, FIX_FORCE };

static const cli_option fix_options[] = {
	[FIX_DIFF] = { "--diff", NULL, NULL, "print the change as a unified diff, write nothing" },
	[FIX_FORCE] = { "--force", NULL, NULL, "fix files with unstaged changes too" },
	{ NULL, NULL, NULL, NULL }
};

/* The working tree's findings under PATHs, as `scan` reports them. */
static int findings(pc_cli *cli, pc_findings *f, char **paths, int npaths)
{
	pc_check_opts o;
	pc_target t;
	int err;
	if ((err = cli_setup(cli, true)) < 0)
		return err;
	if (!cli->repo->workdir)
		return pc_error_set(PC_EUSAGE, "fix: a bare repository has no working tree");
	o = cli_check_opts(cli, PC_CHECK_REFS);
	if ((err = cli_target(&t, cli, NULL, false, paths, npaths)) >= 0)
		err = pc_check_files(f, cli->repo, &o, &t);
	cli_target_free(&t);
	return err < 0 ? err : cli_drop_baselined(cli, f);
}

static int run_fix(pc_cli *cli, const cli_args *a)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_fix_result res;
	pc_fix_opts o;
	pc_buf b = PC_BUF_INIT;
	bool dry = a->opt[FIX_DIFF] != NULL;
	int err, rc;

	memset(&res, 0, sizeof(res));
	o.force = a->opt[FIX_FORCE] != NULL;
	o.diff = dry ? stdout : NULL;
	err = findings(cli, &f, a->pos, a->npos);
	if (err >= 0)
		err = pc_fix_files(&res, cli->repo, &f, &o);
	if (err >= 0) {
		fflush(stdout);
		pc_report_fix(&b, &res, dry);
		fwrite(b.ptr, 1, b.len, dry ? stderr : stdout);
	}
	rc = err < 0 ? cli_fail(err) : pc_fix_left(&res) ? EXIT_FINDINGS : EXIT_CLEAN;
	pc_buf_free(&b);
	pc_fix_result_free(&res);
	pc_findings_free(&f);
	return rc;
}

const cli_command cmd_fix = {
	"fix", "[--diff] [--force] [PATH...]",
	"rewrite each alias to its live pinned snapshot, in the working tree", fix_options,
	run_fix, false
};
