/*
 * cmd_scan.c: `pincheck scan [--rev REV | --staged] [PATH...]`: findings for
 * every model reference in whole files: the working tree, a revision's
 * tree, the index, or plain directories outside git.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pincheck/baseline.h"
#include "pincheck/pool.h"
#include "pincheck/watchdog.h"
#include "cli.h"

int cli_report(pc_cli *cli, FILE *out, pc_findings *f)
{
	if (cli->baseline) {
		pc_baseline b = PC_BASELINE_INIT;
		int err = pc_baseline_load(&b, cli->baseline);
		if (err < 0) {
			pc_baseline_free(&b);
			return cli_fail(err);
		}
		pc_baseline_apply(&b, f);
		pc_baseline_free(&b);
	}
	cli->report.color = cli->color < 0 ? isatty(fileno(out)) : cli->color;
	pc_report(out, f, &cli->report);
	return cli_findings_status(f);
}

int cli_check_init(pc_cli *cli, pc_check *c, pc_findings *out, char today[11])
{
	int err;
	memset(c, 0, sizeof(*c));
	c->cfg = &cli->cfg;
	c->rs = cli->rs;
	c->out = out;
	pc_today(today);
	c->today = today;
	c->max_size = cli->max_file_size;
	out->max_size = cli->max_file_size;
	if ((err = pc_matcher_new(&c->m, cli->rs)) < 0)
		return err;
	return 0;
}

int cli_scan(pc_cli *cli, pc_check *c, const char *rev, bool staged, char **args, int nargs)
{
	size_t jobs = cli->jobs ? cli->jobs : pc_ncpus();
	pc_pool *pool = NULL;
	pc_visitor v;
	int err, done;
	pc_watchdog_doing("scanning %s", rev ? rev : staged ? "the index" : "the working tree");
	if (jobs > 1 && (err = pc_pool_new(&pool, jobs, c)) >= 0) {
		v = pc_pool_visitor(pool);
		err = cli_walk(cli, c, rev, staged, args, nargs, &v);
		done = pc_pool_finish(pool, c->out);
		return err < 0 ? err : done;
	}
	v = pc_check_visitor(c);
	return cli_walk(cli, c, rev, staged, args, nargs, &v);
}

int cmd_scan(pc_cli *cli, int argc, char **argv)
{
	const char *rev = NULL;
	bool staged = false;
	pc_findings f = PC_FINDINGS_INIT;
	pc_check c;
	char today[11];
	int argi, err, rc;

	for (argi = 1; argi < argc; argi++) {
		if (!strcmp(argv[argi], "--rev")) {
			if (++argi >= argc)
				return cli_usage("--rev needs a revision");
			rev = argv[argi];
		} else if (!strcmp(argv[argi], "--staged") || !strcmp(argv[argi], "--cached")) {
			staged = true;
		} else if (!strcmp(argv[argi], "--")) {
			argi++;
			break;
		} else if (argv[argi][0] == '-' && argv[argi][1]) {
			return cli_usage("scan: unknown option '%s'", argv[argi]);
		} else {
			break;
		}
	}
	if (rev && staged)
		return cli_usage("scan: --rev and --staged cannot be combined");
	if ((err = cli_setup(cli, rev || staged)) < 0)
		return cli_fail(err);
	if ((err = cli_check_init(cli, &c, &f, today)) >= 0)
		err = cli_scan(cli, &c, rev, staged, argv + argi, argc - argi);
	rc = err < 0 ? cli_fail(err) : cli_report(cli, stdout, &f);
	pc_matcher_free(c.m);
	pc_findings_free(&f);
	return rc;
}

int cmd_baseline(pc_cli *cli, int argc, char **argv)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_check c;
	char today[11];
	int err;

	if (argc < 3 || strcmp(argv[1], "create"))
		return cli_usage("baseline: use `baseline create FILE [PATH...]`");
	if ((err = cli_setup(cli, false)) < 0)
		return cli_fail(err);
	if ((err = cli_check_init(cli, &c, &f, today)) >= 0)
		err = cli_scan(cli, &c, NULL, false, argv + 3, argc - 3);
	if (err >= 0 && (err = pc_baseline_write(&f, argv[2])) >= 0)
		printf("pincheck: wrote %zu fingerprints to %s\n", f.n - pc_findings_suppressed(&f), argv[2]);
	pc_matcher_free(c.m);
	pc_findings_free(&f);
	return err < 0 ? cli_fail(err) : EXIT_CLEAN;
}
