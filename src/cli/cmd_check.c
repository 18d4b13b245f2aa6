/*
 * cmd_check.c: `pincheck check --staged [--message FILE]` (the staged
 * change, what the commit hooks check) and `pincheck check REV | A..B
 * [--squash]` (commits, each against its first parent, or the range's
 * overall diff once): the change-check engine (change.h), reported on
 * stdout.
 */
#include "cli.h"

enum { CHECK_STAGED, CHECK_SQUASH, CHECK_MESSAGE };

static const cli_option check_options[] = {
	[CHECK_STAGED] = { "--staged", "--cached", NULL, "the staged change (index against HEAD)" },
	[CHECK_SQUASH] = { "--squash", NULL, NULL, "a range's overall diff once, not each commit" },
	[CHECK_MESSAGE] = { "--message", NULL, "FILE", "with --staged: the commit message, for "
						       "the eval gate" },
	{ NULL, NULL, NULL, NULL }
};

static int run_check(pc_cli *cli, const cli_args *a)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_change_opts o = { .unapproved = true, .eval = true };
	const char *range = a->npos ? a->pos[0] : NULL, *message = a->opt[CHECK_MESSAGE];
	bool staged = a->opt[CHECK_STAGED] != NULL;
	pc_message msg;
	int err, rc;

	if (a->npos > 1)
		return cli_usage("check: more than one range given");
	if (staged == (range != NULL))
		return cli_usage("check: give either --staged or a range (REV or A..B)");
	if (message && !staged)
		return cli_usage("check: --message goes with --staged");
	if (a->opt[CHECK_SQUASH] && !range)
		return cli_usage("check: --squash goes with a range");
	if ((err = cli_setup(cli, true)) < 0)
		return cli_fail(err);
	o.check = cli_check_opts(cli, PC_CHECK_REFS);
	if (range) {
		err = pc_change_range(&f, cli->repo, &o, range, a->opt[CHECK_SQUASH] != NULL);
	} else {
		/* without a message, the eval gate has nothing to read */
		o.eval = message != NULL;
		msg.path = message;
		pc_change_message_opts(&msg.opts, cli->repo, cli_editing());
		err = pc_change_staged(&f, cli->repo, &o, message ? &msg : NULL);
	}
	rc = err < 0 ? cli_fail(err) : cli_report(cli, stdout, &f);
	pc_findings_free(&f);
	return rc;
}

const cli_command cmd_check = {
	"check", "--staged [--message FILE] | REV | A..B [--squash]",
	"the staged change, or commits, each against its first parent", check_options, run_check,
	false
};
