/*
 * options.c: every word of the command line (SPEC section 2). One parser
 * for global and command options: global ones before or after the
 * command, `--opt VALUE` or `--opt=VALUE` (`-jN`, `-j N` for the short
 * ones), `--` ends options. The usage text is made from the same tables,
 * so it cannot drift from what is parsed.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pincheck/buf.h"
#include "pincheck/watchdog.h"
#include "cli.h"

enum {
	G_DIR, G_CONFIG, G_NO_DEFAULT_RULES, G_BASELINE, G_JOBS, G_MAX_FILE_SIZE, G_MAX_SECONDS,
	G_FORMAT, G_COLOR, G_QUIET, G_VERBOSE, G_HELP, G_VERSION
};

static const cli_option globals[] = {
	[G_DIR] = { "-C", NULL, "DIR", "run as if started in DIR" },
	[G_CONFIG] = { "--config", NULL, "FILE", "this config, not .pincheck.yml" },
	[G_NO_DEFAULT_RULES] = { "--no-default-rules", NULL, NULL, "only the config's own rules" },
	[G_BASELINE] = { "--baseline", NULL, "FILE", "report only findings not in FILE" },
	[G_JOBS] = { "-j", "--jobs", "N", "threads (default: one per processor)" },
	[G_MAX_FILE_SIZE] = { "--max-file-size", NULL, "SIZE",
			      "skip larger files (bytes, K or M; default 10M)" },
	[G_MAX_SECONDS] = { "--max-seconds", NULL, "N",
			    "stop after N seconds (hooks: 60, pre-receive: 4)" },
	[G_FORMAT] = { "--format", NULL, "FORMAT",
		       "text, json, sarif, github, csv, markdown or cyclonedx" },
	[G_COLOR] = { "--color", NULL, "WHEN", "auto, always or never" },
	[G_QUIET] = { "-q", "--quiet", NULL, "text: no source and caret lines" },
	[G_VERBOSE] = { "-v", "--verbose", NULL, "say more (hooks: a clean summary too)" },
	[G_HELP] = { "-h", "--help", NULL, "this text" },
	[G_VERSION] = { "--version", NULL, NULL, "the version and the catalog's date" },
	{ NULL, NULL, NULL, NULL }
};

/* Does `word` name option `o`? *value is set to what follows '=' (or to
 * the attached value of a short option: -j4). */
static bool names(const cli_option *o, const char *word, const char **value)
{
	const char *spell[2] = { o->name, o->alias };
	int k;
	*value = NULL;
	for (k = 0; k < 2; k++) {
		size_t n = spell[k] ? strlen(spell[k]) : 0;
		if (!n || strncmp(word, spell[k], n))
			continue;
		if (!word[n])
			return true;
		if (word[n] == '=' && spell[k][1] == '-') {
			*value = word + n + 1;
			return true;
		}
		if (n == 2 && o->arg) { /* -j4 */
			*value = word + n;
			return true;
		}
	}
	return false;
}

/* The option of `table` that `word` names, its value taken from the word
 * or the next one: its index, -1 if none, -2 after a usage error. */
static int match(const cli_option *table, int argc, char **argv, int *i, const char **value,
		 const char *what)
{
	int k;
	for (k = 0; table && table[k].name; k++) {
		if (!names(&table[k], argv[*i], value))
			continue;
		if (!table[k].arg && *value) {
			cli_usage("%s%s takes no value", what, table[k].name);
			return -2;
		}
		if (table[k].arg && !*value) {
			if (*i + 1 >= argc) {
				cli_usage("%s%s needs %s", what, table[k].name, table[k].arg);
				return -2;
			}
			*value = argv[++*i];
		}
		if (!*value)
			*value = "";
		return k;
	}
	return -1;
}

static int parse_size(size_t *out, const char *v)
{
	char *end;
	unsigned long long n = strtoull(v, &end, 10);
	if (*end == 'K' || *end == 'k')
		n *= 1024, end++;
	else if (*end == 'M' || *end == 'm')
		n *= 1024 * 1024, end++;
	if (!*v || *v == '-' || *end || !n || n > (1ULL << 30))
		return cli_usage("--max-file-size takes bytes, or a number with K or M, up to "
				 "1024M; not '%s'", v);
	*out = (size_t)n;
	return -1;
}

/* Apply global option k: -1, or an exit status. */
static int apply(pc_cli *cli, int k, const char *v, const cli_command *const *commands)
{
	char *end;
	long j;
	switch (k) {
	case G_DIR:
		if (chdir(v) < 0) {
			fprintf(stderr, "pincheck: -C %s: cannot change directory\n", v);
			return EXIT_USAGE;
		}
		break;
	case G_CONFIG: cli->config_path = v; break;
	case G_NO_DEFAULT_RULES: cli->no_default_rules = true; break;
	case G_BASELINE: cli->baseline = v; break;
	case G_JOBS:
		j = strtol(v, &end, 10);
		if (!*v || *end || j < 1 || j > 256)
			return cli_usage("-j takes a number of threads from 1 to 256, not '%s'", v);
		cli->jobs = (size_t)j;
		break;
	case G_MAX_FILE_SIZE: return parse_size(&cli->max_file_size, v);
	case G_MAX_SECONDS:
		if (pc_seconds_parse(&cli->max_seconds, v) < 0)
			return cli_fail(PC_EUSAGE);
		break;
	case G_FORMAT:
		if (pc_format_parse(&cli->report.format, v) < 0)
			return cli_fail(PC_EUSAGE);
		break;
	case G_COLOR:
		if (!strcmp(v, "always"))
			cli->color = 1;
		else if (!strcmp(v, "never"))
			cli->color = 0;
		else if (!strcmp(v, "auto"))
			cli->color = -1;
		else
			return cli_usage("--color takes auto, always or never, not '%s'", v);
		break;
	case G_QUIET: cli->report.quiet = true; break;
	case G_VERBOSE: cli->verbose = true; break;
	case G_HELP:
		cli_print_usage(stdout, commands, NULL);
		return EXIT_CLEAN;
	case G_VERSION:
		cli_print_version(stdout);
		return EXIT_CLEAN;
	}
	return -1;
}

/* An unknown option: it names itself, and the usage of the command it was
 * given to (or pincheck's, before any command), so the fix is on screen. */
static int unknown_option(const cli_command *cmd, const char *word)
{
	if (!cmd) {
		fprintf(stderr, "pincheck: unknown option '%s'\n"
			"usage: pincheck [OPTIONS] COMMAND [ARGS]\n(see `pincheck help`)\n", word);
		return EXIT_USAGE;
	}
	fprintf(stderr, "pincheck: %s: unknown option '%s'\nusage: pincheck %s %s\n"
		"(see `pincheck help %s`)\n", cmd->name, word, cmd->name, cmd->usage, cmd->name);
	return EXIT_USAGE;
}

static const cli_command *find(const cli_command *const *commands, const char *name)
{
	for (; *commands; commands++)
		if (!strcmp((*commands)->name, name))
			return *commands;
	return NULL;
}

int cli_parse(pc_cli *cli, int argc, char **argv, const cli_command *const *commands,
	      const cli_command **cmd, cli_args *a)
{
	bool options = true;
	char prefix[64] = "";
	int i, k, rc;

	memset(a, 0, sizeof(*a));
	*cmd = NULL;
	cli->color = -1;
	a->pos = pc_calloc((size_t)argc + 1, sizeof(*a->pos));
	for (i = 1; i < argc; i++) {
		const char *v, *w = argv[i];
		if (options && !strcmp(w, "--")) {
			options = false;
			continue;
		}
		if (!options || w[0] != '-' || !w[1]) {
			if (*cmd || !options) {
				a->pos[a->npos++] = argv[i];
			} else if (!(*cmd = find(commands, w))) {
				return cli_usage("unknown command '%s'", w);
			} else {
				snprintf(prefix, sizeof(prefix), "%s: ", w);
			}
			continue;
		}
		if ((k = match(globals, argc, argv, &i, &v, "")) == -2)
			return EXIT_USAGE;
		if (k == G_HELP && *cmd) {
			cli_print_usage(stdout, commands, *cmd);
			return EXIT_CLEAN;
		}
		if (k >= 0) {
			if ((rc = apply(cli, k, v, commands)) >= 0)
				return rc;
			continue;
		}
		if (*cmd && (k = match((*cmd)->options, argc, argv, &i, &v, prefix)) >= 0) {
			a->opt[k] = v;
			continue;
		}
		if (k == -2)
			return EXIT_USAGE;
		return unknown_option(*cmd, w);
	}
	if (!*cmd)
		return cli_usage("no command given");
	return -1;
}

static void option_lines(pc_buf *b, const cli_option *o)
{
	for (; o && o->name; o++) {
		size_t start = b->len;
		pc_buf_printf(b, "  %s%s%s%s%s", o->name, o->alias ? ", " : "",
			      o->alias ? o->alias : "", o->arg ? " " : "", o->arg ? o->arg : "");
		pc_buf_printf(b, "%*s%s\n", b->len - start < 28 ? (int)(28 - (b->len - start)) : 1, "",
			      o->help);
	}
}

void cli_print_usage(FILE *out, const cli_command *const *commands, const cli_command *one)
{
	pc_buf b = PC_BUF_INIT;
	if (one) {
		pc_buf_printf(&b, "usage: pincheck %s %s\n\n%s\n", one->name, one->usage,
			      one->summary);
		if (one->options && one->options->name) {
			pc_buf_puts(&b, "\noptions:\n");
			option_lines(&b, one->options);
		}
		pc_buf_puts(&b, "\nglobal options (see `pincheck help`) go before or after it.\n");
	} else {
		pc_buf_puts(&b, "usage: pincheck [OPTIONS] COMMAND [ARGS]\n\ncommands:\n");
		for (; *commands; commands++) {
			size_t start = b.len;
			const cli_command *c = *commands;
			pc_buf_printf(&b, "  %s %s", c->name, c->usage);
			if (b.len - start >= 42) { /* the summary on a line of its own */
				pc_buf_putc(&b, '\n');
				start = b.len;
			}
			pc_buf_printf(&b, "%*s%s\n", (int)(44 - (b.len - start)), "", c->summary);
		}
		pc_buf_puts(&b, "\noptions (before or after the command; --opt VALUE or --opt=VALUE):\n");
		option_lines(&b, globals);
		pc_buf_puts(&b, "\nexit status: 0 clean, 1 error findings, 2 usage or configuration "
				"error, 3 runtime error\n");
	}
	fwrite(b.ptr, 1, b.len, out);
	pc_buf_free(&b);
}
