/*
 * cmd_hook.c: `pincheck hook NAME [ARGS]`, what the installed git hooks
 * run. pre-commit and pre-merge-commit check the staged change (references
 * and unapproved pins), commit-msg its message's eval trailers, pre-push
 * the commits the remote lacks; pre-receive, on the server, every commit
 * a push brings under the trusted config, failing closed. Hooks talk to
 * the committer through stderr (git shows it) and stay quiet when clean.
 */
#include <string.h>
#include "pincheck/watchdog.h"
#include "cli.h"

static const char commit_stopped[] = "the commit is stopped (git commit --no-verify skips the "
				     "hook)";

/* The engine's findings, as a hook says them. */
static int report(pc_cli *cli, int err, pc_findings *f, bool push)
{
	int rc;
	if (err < 0) {
		rc = cli_fail(err);
		if (push) /* fail closed: any internal error rejects the push */
			fprintf(stderr, "pincheck: push rejected: pincheck could not complete its "
					"checks\n");
	} else if (!push && f->n == 0 && !cli->verbose) {
		rc = EXIT_CLEAN; /* a hook with nothing to say stays quiet */
	} else {
		rc = cli_report(cli, stderr, f);
		if (push && rc != EXIT_CLEAN)
			fprintf(stderr, "pincheck: push rejected. Fix the commits above (for example "
					"with git rebase -i) and push again.\n");
	}
	pc_findings_free(f);
	return rc;
}

/* pre-commit, pre-merge-commit (message NULL) and commit-msg. */
static int commit_hook(pc_cli *cli, const char *message)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_change_opts o = { .unapproved = !message, .eval = message != NULL };
	pc_message msg = { message, { 0 } };
	int err;
	if (cli_watchdog(cli, PC_CLIENT_SECONDS, commit_stopped) < 0)
		return cli_fail(PC_ERUNTIME);
	if ((err = cli_setup(cli, true)) >= 0) {
		/* commit-msg: only the eval gate; pre-commit: everything but it */
		o.check = cli_check_opts(cli, message ? 0 : PC_CHECK_REFS);
		pc_change_message_opts(&msg.opts, cli->repo, cli_editing());
		err = pc_change_staged(&f, cli->repo, &o, message ? &msg : NULL);
	}
	return report(cli, err, &f, false);
}

/* pre-push (remote named) and pre-receive. Read all of stdin first: git
 * waits for it, whatever we decide. */
static int push_hook(pc_cli *cli, const char *remote)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_change_opts o = { .unapproved = true, .eval = true };
	pc_push p;
	int err = pc_push_read(&p, stdin, remote != NULL);
	if (err >= 0 && (err = cli_setup(cli, true)) >= 0) {
		o.check = cli_check_opts(cli, PC_CHECK_REFS | (remote ? 0 : PC_CHECK_WARN_SKIPPED));
		if (!remote) {
			/* a pushed config may not relax the policy, unless the
			 * server's own config allows it; eval ages from the time of
			 * the push, not a date the pusher wrote */
			o.policy = !(cli->admin_config && cli->cfg.allow_policy_changes);
			if (o.policy && cli->config_in_head && !cli->baseline)
				o.policy_baseline = cli->cfg.baseline;
			if (o.policy) {
				o.policy_catalogs = cli->cfg.catalogs;
				o.npolicy_catalogs = cli->cfg.ncatalogs;
			}
			o.eval_day = pc_days_from_date(cli->today);
		}
		err = pc_change_push(&f, cli->repo, &o, &p, remote);
	}
	pc_push_free(&p);
	return report(cli, err, &f, true);
}

static int run_hook(pc_cli *cli, const cli_args *a)
{
	const char *name = a->npos ? a->pos[0] : "";
	if (!a->npos)
		return cli_usage("hook: which hook? (pre-commit, pre-merge-commit, commit-msg, "
				 "pre-push, pre-receive)");
	if (!strcmp(name, "pre-commit") || !strcmp(name, "pre-merge-commit")) {
		if (a->npos != 1)
			return cli_usage("hook %s takes no arguments", name);
		return commit_hook(cli, NULL);
	}
	if (!strcmp(name, "commit-msg")) {
		if (a->npos != 2)
			return cli_usage("hook commit-msg needs the message file");
		return commit_hook(cli, a->pos[1]);
	}
	if (!strcmp(name, "pre-push")) {
		if (a->npos != 3)
			return cli_usage("hook pre-push needs REMOTE and URL (git passes them)");
		if (cli_watchdog(cli, PC_CLIENT_SECONDS, "the push is stopped; git push --no-verify "
							 "skips this hook") < 0)
			return cli_fail(PC_ERUNTIME);
		return push_hook(cli, a->pos[1]);
	}
	if (!strcmp(name, "pre-receive")) {
		if (a->npos > 1)
			return cli_usage("hook pre-receive: unknown argument '%s'", a->pos[1]);
		cli->trusted = true;
		if (cli_watchdog(cli, PC_SERVER_SECONDS, "the push is rejected rather than let through "
			    "unchecked. Push fewer commits at a time, or raise --max-seconds.") < 0)
			return cli_fail(PC_ERUNTIME);
		return push_hook(cli, NULL);
	}
	return cli_usage("hook: unknown hook '%s'", name);
}

const cli_command cmd_hook = {
	"hook", "pre-commit | pre-merge-commit | commit-msg FILE | pre-push REMOTE URL | pre-receive",
	"what the installed git hooks run", NULL, run_hook, true
};
