/*
 * cli.h: the command line (SPEC section 2). main.c holds the command
 * table and parses every word with options.c; each cmd_NAME.c declares
 * one or two commands (their options and usage) and runs one library
 * call; cli.c is what they share: the config and rule set, the options of
 * a run, reporting and exit codes; env.c reads the environment, for the
 * library, which reads none.
 */
#ifndef PINCHECK_CLI_H
#define PINCHECK_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include "pincheck/change.h"
#include "pincheck/check.h"
#include "pincheck/config.h"
#include "pincheck/limits.h"
#include "pincheck/report.h"
#include "pincheck/repo.h"
#include "pincheck/rules.h"

#define CLI_VERSION "0.1.0"

/** Exit statuses (SPEC section 2). */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_RUNTIME = 3 };

/** The global options, and what a command loads. */
typedef struct {
	const char *config_path;  /**< --config FILE */
	const char *baseline;     /**< --baseline FILE */
	size_t max_file_size;     /**< --max-file-size (0: PC_MAX_FILE_SIZE) */
	size_t jobs;              /**< -j N (0: one per processor) */
	bool no_default_rules;
	pc_report_opts report;
	int color;                /**< -1 auto, 0 never, 1 always */
	bool verbose;
	double max_seconds;       /**< --max-seconds (0: the command's default) */
	/* what the command loads (cli_setup) */
	bool trusted;             /**< server side: never read a pushed config */
	bool admin_config;        /**< the config is the server's own (--config,
				       pincheck.config), not a committed file */
	bool config_in_head;      /**< the config is HEAD's committed one (a bare
				       repository, the server): its baseline too */
	char today[11];           /**< YYYY-MM-DD: PINCHECK_TODAY, else the clock */
	pc_config cfg;
	pc_ruleset *rs;
	pc_repo *repo;            /**< NULL outside a repository */
} pc_cli;

/** An option of a command (or a global one). */
typedef struct {
	const char *name;  /**< "--rev" */
	const char *alias; /**< another spelling ("--cached", "-q"), or NULL */
	const char *arg;   /**< the value's name ("REV"), NULL for a flag */
	const char *help;
} cli_option;

/** At most this many options a command. */
#define CLI_MAX_OPTIONS 16

/** A command's words, parsed. */
typedef struct {
	const char *opt[CLI_MAX_OPTIONS]; /**< by index in the command's options:
					       the value, "" for a flag, NULL: absent */
	char **pos;                       /**< the other words, in order */
	int npos;
} cli_args;

/** A command: its name, usage and options, and what runs it. */
typedef struct {
	const char *name;
	const char *usage;          /**< the words after the name, for `help` */
	const char *summary;        /**< one line */
	const cli_option *options;  /**< ends with { NULL } */
	int (*run)(pc_cli *cli, const cli_args *a);
	bool own_watchdog;          /**< a hook: starts its watchdog itself */
} cli_command;

/* The commands (cmd_*.c); main.c lists them. */
extern const cli_command cmd_scan, cmd_baseline, cmd_check, cmd_hook, cmd_pins, cmd_drill,
	cmd_rules, cmd_install, cmd_fix, cmd_bump, cmd_eval, cmd_merge, cmd_catalog;

/**
 * Parse argv[1..]: global options anywhere (before or after the command),
 * `--opt VALUE` and `--opt=VALUE`, `--` ends options. `commands` ends with
 * NULL. *cmd is the command named (NULL: none); returns -1 when parsing
 * went through, else an exit status (usage error, --help, --version).
 */
int cli_parse(pc_cli *cli, int argc, char **argv, const cli_command *const *commands,
	      const cli_command **cmd, cli_args *a);

/** Print the usage of every command, or of one. */
void cli_print_usage(FILE *out, const cli_command *const *commands, const cli_command *one);

/** `pincheck version`: the version and the dates of the catalog compiled in
 * (the rule files' catalog_date). */
void cli_print_version(FILE *out);

/** Print a usage error and return EXIT_USAGE. */
int cli_usage(const char *fmt, ...) PC_PRINTF(1, 2);

/** Print the last error and return the exit status for `err`. */
int cli_fail(int err);

/**
 * Open the repository (required or optional), read the config (--config;
 * on the server the trusted one; else .pincheck.yml / .pincheck.yaml at the
 * work tree's top) and compile the rule set.
 */
int cli_setup(pc_cli *cli, bool need_repo);

/** The options of a run (config, rules, today, size limit) looking for `what`. */
pc_check_opts cli_check_opts(const pc_cli *cli, unsigned what);

/** The target the words name: --rev, --staged, PATHs (to repository paths).
 * Free with cli_target_free. */
int cli_target(pc_target *t, const pc_cli *cli, const char *rev, bool staged, char **paths,
	       int npaths);
void cli_target_free(pc_target *t);

/** Start the watchdog of a hook: --max-seconds, else `seconds`; `what`
 * says what its firing means. 0, or PC_ERUNTIME. */
int cli_watchdog(const pc_cli *cli, double seconds, const char *what);

/* The environment, read here for the library, which reads none (env.c). */

/** git's environment (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, ...), for
 * pc_repo_open: the strings are getenv's. */
void cli_repo_env(pc_repo_env *env);

/** pc_repo_open with git's environment (cli_repo_env). */
int cli_repo_open(pc_repo **out);

/** Today as YYYY-MM-DD: PINCHECK_TODAY (tests), else the clock (UTC). */
void cli_today(char out[11]);

/** Is git running an editor for the message (not GIT_EDITOR=:)? */
bool cli_editing(void);

/** NO_COLOR (https://no-color.org/): set and not empty, no colour unless
 * --color always asks for it. */
bool cli_no_color(void);

/** PINCHECK_NO_JIT: PCRE2 without JIT (valgrind cannot see into JIT code). */
bool cli_no_jit(void);

/** Drop the findings the baseline in force has (--baseline, else the
 * config's baseline:). 0, or a negative PC_E* code. */
int cli_drop_baselined(pc_cli *cli, pc_findings *f);

/** Drop baselined findings (--baseline, else the config's baseline:),
 * print the rest to `out` in the
 * chosen format; the exit status for them. */
int cli_report(pc_cli *cli, FILE *out, pc_findings *f);

void cli_cleanup(pc_cli *cli);

#endif
