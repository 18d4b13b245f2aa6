/*
 * cli.h: what the subcommands share: global options, loading the config
 * and rule set, opening the repository, and mapping outcomes to exit codes
 * (SPEC section 2). Each cmd_NAME.c parses its own flags and wires a source
 * to the checks and a reporter.
 */
#ifndef PINCHECK_CLI_H
#define PINCHECK_CLI_H

#include <stdbool.h>
#include "pincheck/limits.h"
#include "pincheck/check.h"
#include "pincheck/config.h"
#include "pincheck/report.h"
#include "pincheck/repo.h"
#include "pincheck/rules.h"

typedef struct {
	const char *config_path;  /**< --config FILE */
	const char *baseline;     /**< --baseline FILE */
	size_t max_file_size;     /**< --max-file-size (0: PC_MAX_FILE_SIZE) */
	size_t jobs;              /**< -j N (0: one per processor) */
	bool no_default_rules;
	pc_report_opts report;
	int color;                /**< -1 auto, 0 never, 1 always */
	bool verbose;
	bool trusted;             /**< server side: never read a pushed config */
	bool admin_config;        /**< the config is the server's own (--config,
				       pincheck.config), not a committed file */
	bool policy;              /**< pre-receive: a pushed config may not relax it */
	long eval_days;           /**< eval ages from this day (days since 1970),
				       not the commit date; 0: the commit date */
	double max_seconds;       /**< --max-seconds (0: the command's default) */
	pc_config cfg;
	pc_ruleset *rs;
	pc_repo *repo;            /**< NULL outside a repository */
} pc_cli;

/** git's environment (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, ...), for
 * pc_repo_open: the strings are getenv's (env.c). */
void cli_repo_env(pc_repo_env *env);

/** pc_repo_open with git's environment (cli_repo_env). */
int cli_repo_open(pc_repo **out);

/** Exit statuses (SPEC section 2). */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_RUNTIME = 3 };

/**
 * Open the repository (required or optional), read the config (--config,
 * else .pincheck.yml / .pincheck.yaml at the work tree's top) and compile
 * the rule set.
 */
int cli_setup(pc_cli *cli, bool need_repo);

/** Print the last error and return the exit status for `err`. */
int cli_fail(int err);

/** Start the watchdog of a client hook: --max-seconds, else
 * PC_CLIENT_SECONDS; `what` says what its firing means. */
int cli_hook_watchdog(pc_cli *cli, const char *what);

/** Today (PINCHECK_TODAY, else the clock) in days since 1970-01-01. */
long cli_today_days(void);

/** Print a usage error and return EXIT_USAGE. */
int cli_usage(const char *fmt, ...) PC_PRINTF(1, 2);

/** Exit status for a list of findings: 1 when any error is unsuppressed. */
int cli_findings_status(const pc_findings *f);

/** `path` (relative to the current directory) as a repository path;
 * NULL when it lies outside the work tree. */
char *cli_repo_path(const pc_cli *cli, const char *path);

/** Resolve "REV" to a tree (a commit's tree, or a tree). */
int cli_rev_tree(git_tree **out, pc_cli *cli, const char *rev);

/** Drop baselined findings (--baseline), print the rest to `out` in the
 * chosen format; the exit status for them. */
int cli_report(pc_cli *cli, FILE *out, pc_findings *f);

/** Set up a check writing to `out`, with its own matcher (c->m, to free). */
int cli_check_init(pc_cli *cli, pc_check *c, pc_findings *out, char today[11]);

/** Check what cli_walk names into c->out, on -j threads (default: one per
 * core); the result is the same for any number. */
int cli_scan(pc_cli *cli, pc_check *c, const char *rev, bool staged, char **args, int nargs);

/**
 * Walk what `scan`/`pins` name: REV's tree, the index (`staged`), or the
 * working tree, limited to the PATH arguments; outside git, the PATHs (or
 * ".") as plain directories.
 */
int cli_walk(pc_cli *cli, pc_check *c, const char *rev, bool staged, char **args, int nargs,
	     const pc_visitor *v);

/**
 * Every check of a commit (references on lines it adds, unapproved pins,
 * the eval gate with its own message and tree), findings into c->out.
 */
int cli_check_commit(pc_cli *cli, pc_check *c, const git_oid *id);

/** git_revwalk_next, where an error is a runtime error that names what
 * is missing (never the end of history): 0, GIT_ITEROVER or PC_ERUNTIME. */
int cli_walk_next(git_oid *id, git_revwalk *walk, pc_cli *cli);

void cli_cleanup(pc_cli *cli);

int cmd_scan(pc_cli *cli, int argc, char **argv);
int cmd_check(pc_cli *cli, int argc, char **argv);
int cmd_hook(pc_cli *cli, int argc, char **argv);
int cmd_pins(pc_cli *cli, int argc, char **argv);
int cmd_rules(pc_cli *cli, int argc, char **argv);
int cmd_install(pc_cli *cli, int argc, char **argv);
int cmd_pre_receive(pc_cli *cli, int argc, char **argv);
int cmd_pre_push(pc_cli *cli, int argc, char **argv);
int cmd_baseline(pc_cli *cli, int argc, char **argv);
int cmd_drill(pc_cli *cli, int argc, char **argv);

#endif
