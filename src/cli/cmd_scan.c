/*
 * cmd_scan.c: `pincheck scan [--rev REV | --staged] [PATH...]`: findings for
 * every model reference in whole files: the working tree, a revision's
 * tree, the index, or plain directories outside git.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

int cli_report(pc_cli *cli, FILE *out, const pc_findings *f)
{
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
	if ((err = pc_matcher_new(&c->m, cli->rs)) < 0)
		return err;
	return 0;
}

int cmd_scan(pc_cli *cli, int argc, char **argv)
{
	const char *rev = NULL;
	bool staged = false;
	char **paths = pc_calloc((size_t)argc + 1, sizeof(char *));
	size_t npaths = 0, i;
	pc_findings f = PC_FINDINGS_INIT;
	pc_check c;
	pc_visitor v;
	git_tree *tree = NULL;
	git_index *index;
	char today[11];
	int argi, err, rc;

	for (argi = 1; argi < argc; argi++) {
		if (!strcmp(argv[argi], "--rev")) {
			if (++argi >= argc) {
				free(paths);
				return cli_usage("--rev needs a revision");
			}
			rev = argv[argi];
		} else if (!strcmp(argv[argi], "--staged") || !strcmp(argv[argi], "--cached")) {
			staged = true;
		} else if (!strcmp(argv[argi], "--")) {
			argi++;
			break;
		} else if (argv[argi][0] == '-' && argv[argi][1]) {
			free(paths);
			return cli_usage("scan: unknown option '%s'", argv[argi]);
		} else {
			break;
		}
	}
	if (rev && staged) {
		free(paths);
		return cli_usage("scan: --rev and --staged cannot be combined");
	}
	if ((err = cli_setup(cli, rev || staged)) < 0) {
		free(paths);
		return cli_fail(err);
	}
	if ((err = cli_check_init(cli, &c, &f, today)) < 0)
		goto out;
	for (; argi < argc; argi++) {
		if (!(paths[npaths] = cli->repo ? cli_repo_path(cli, argv[argi]) : pc_strdup(argv[argi]))) {
			err = pc_error_set(PC_EUSAGE, "%s: outside the repository at %s", argv[argi],
					   cli->repo->workdir ? cli->repo->workdir : git_repository_path(cli->repo->repo));
			goto out;
		}
		npaths++;
	}

	if (!cli->repo) {
		/* Outside git: plain files, paths as given. */
		v = pc_check_visitor(&c);
		if (!npaths)
			err = pc_source_dir(".", &v);
		for (i = 0; i < npaths && err >= 0; i++)
			err = pc_source_dir(paths[i], &v);
	} else {
		c.pathspecs = (const char *const *)paths;
		c.npathspecs = npaths;
		v = pc_check_visitor(&c);
		if (rev) {
			if ((err = cli_rev_tree(&tree, cli, rev)) >= 0)
				err = pc_source_tree(cli->repo->repo, tree, &v);
		} else if (staged) {
			if ((err = pc_repo_index(&index, cli->repo)) >= 0)
				err = pc_source_index(cli->repo->repo, index, &v);
		} else {
			err = pc_source_workdir(cli->repo, &v);
		}
	}
out:
	if (err < 0)
		rc = cli_fail(err);
	else
		rc = cli_report(cli, stdout, &f);
	git_tree_free(tree);
	pc_matcher_free(c.m);
	pc_findings_free(&f);
	for (i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
	return rc;
}
