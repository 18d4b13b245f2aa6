/*
 * cmd_scan.c: `pincheck scan [--rev REV | --staged] [PATH...]`: findings
 * for every model reference in whole files (the working tree, a
 * revision's tree, the index, or plain directories outside git); and
 * `pincheck baseline create FILE [PATH...]`, which records them.
 */
#include <string.h>
#include "pincheck/baseline.h"
#include "pincheck/pool.h"
#include "cli.h"

enum { SCAN_REV, SCAN_STAGED };

static const cli_option scan_options[] = {
	[SCAN_REV] = { "--rev", NULL, "REV", "a revision's tree, not the working tree" },
	[SCAN_STAGED] = { "--staged", "--cached", NULL, "the index, not the working tree" },
	{ NULL, NULL, NULL, NULL }
};

/* Check what the words name; the findings into *f. */
static int scan(pc_cli *cli, pc_findings *f, const char *rev, bool staged, char **paths,
		int npaths)
{
	pc_check_opts o;
	pc_target t;
	int err;
	if ((err = cli_setup(cli, rev || staged)) < 0)
		return err;
	o = cli_check_opts(cli, PC_CHECK_REFS);
	if ((err = cli_target(&t, cli, rev, staged, paths, npaths)) >= 0)
		err = pc_check_files(f, cli->repo, &o, &t);
	cli_target_free(&t);
	return err;
}

static int run_scan(pc_cli *cli, const cli_args *a)
{
	pc_findings f = PC_FINDINGS_INIT;
	int err, rc;
	if (a->opt[SCAN_REV] && a->opt[SCAN_STAGED])
		return cli_usage("scan: --rev and --staged cannot be combined");
	err = scan(cli, &f, a->opt[SCAN_REV], a->opt[SCAN_STAGED] != NULL, a->pos, a->npos);
	rc = err < 0 ? cli_fail(err) : cli_report(cli, stdout, &f);
	pc_findings_free(&f);
	return rc;
}

const cli_command cmd_scan = {
	"scan", "[--rev REV | --staged] [PATH...]", "every model reference in the files",
	scan_options, run_scan, false
};

static int run_baseline(pc_cli *cli, const cli_args *a)
{
	pc_findings f = PC_FINDINGS_INIT;
	int err;
	if (a->npos < 2 || strcmp(a->pos[0], "create"))
		return cli_usage("baseline: use `baseline create FILE [PATH...]`");
	err = scan(cli, &f, NULL, false, a->pos + 2, a->npos - 2);
	if (err >= 0 && (err = pc_baseline_write(&f, a->pos[1])) >= 0)
		printf("pincheck: wrote %zu findings to %s\n", f.n - pc_findings_suppressed(&f),
		       a->pos[1]);
	pc_findings_free(&f);
	return err < 0 ? cli_fail(err) : EXIT_CLEAN;
}

const cli_command cmd_baseline = {
	"baseline", "create FILE [PATH...]",
	"record today's findings; --baseline FILE or the config's baseline: then reports only "
	"new ones", NULL,
	run_baseline, false
};
