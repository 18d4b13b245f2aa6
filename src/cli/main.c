/*
 * main.c: the command table and dispatch (SPEC section 2). Every word is
 * parsed by options.c against this table; a command runs with its words
 * parsed, and its exit status is pincheck's.
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/watchdog.h"
#include "cli.h"

#if defined(__SANITIZE_ADDRESS__)
/*
 * The sanitizer build: libgit2 1.5 leaks on some error paths (e.g.
 * git_revparse_single over a missing pack), and LeakSanitizer would turn
 * the documented exit 3 into 1. Leaks inside libgit2 are its own; pincheck's
 * frees are checked by valgrind with full stacks (tests/e2e/t0006).
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libgit2.so\n";
}
#endif

/*
 * libgit2 1.5 as Debian builds it (mbedTLS) parses the whole system CA
 * bundle inside git_libgit2_init, from a path fixed at its build, with no
 * option to skip it: ~150 certificates through base64 and ASN.1, a fifth of
 * a pre-commit hook's CPU time on a 10,000-file repository (bench/README.md).
 * pincheck never opens a network connection, so this binary answers that
 * one call itself: defined here, it is found before libmbedx509's (an ELF
 * executable's symbols come first), and the chain stays empty. Only the
 * command-line binary does this; the library and its tests are untouched,
 * and no other mbedTLS call is affected.
 */
struct mbedtls_x509_crt;
int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path);
int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0; /* "parsed", nothing added */
}

static int run_help(pc_cli *cli, const cli_args *a);
static int run_version(pc_cli *cli, const cli_args *a);

static const cli_command help = {
	"help", "[COMMAND]", "this text, or a command's usage and options", NULL, run_help, false
};
static const cli_command version = {
	"version", "", "the version and the catalog's date", NULL, run_version, false
};

static const cli_command *const commands[] = {
	&cmd_scan, &cmd_fix, &cmd_bump, &cmd_eval, &cmd_check, &cmd_hook, &cmd_pins, &cmd_drill,
	&cmd_merge, &cmd_rules, &cmd_install, &cmd_baseline, &cmd_catalog, &version, &help, NULL
};

static int run_help(pc_cli *cli, const cli_args *a)
{
	size_t i;
	(void)cli;
	if (a->npos > 1)
		return cli_usage("help takes one command");
	for (i = 0; a->npos && commands[i]; i++) {
		if (!strcmp(commands[i]->name, a->pos[0])) {
			cli_print_usage(stdout, commands, commands[i]);
			return EXIT_CLEAN;
		}
	}
	if (a->npos)
		return cli_usage("help: unknown command '%s'", a->pos[0]);
	cli_print_usage(stdout, commands, NULL);
	return EXIT_CLEAN;
}

static int run_version(pc_cli *cli, const cli_args *a)
{
	(void)cli;
	if (a->npos)
		return cli_usage("version takes no arguments");
	cli_print_version(stdout);
	return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	pc_cli cli;
	const cli_command *cmd = NULL;
	cli_args a;
	int rc;

	memset(&cli, 0, sizeof(cli));
	pc_config_init(&cli.cfg);
	rc = cli_parse(&cli, argc, argv, commands, &cmd, &a);
	/* The hooks start theirs with their own defaults. */
	if (rc < 0 && cli.max_seconds > 0 && !cmd->own_watchdog &&
	    pc_watchdog_start(cli.max_seconds, "the command stopped before it finished") < 0)
		rc = cli_fail(PC_ERUNTIME);
	if (rc < 0)
		rc = cmd->run(&cli, &a);
	pc_watchdog_finish();
	cli_cleanup(&cli);
	free(a.pos);
	git_libgit2_shutdown();
	return rc;
}
