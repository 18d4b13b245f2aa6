/*
 * cmd_install.c: `pincheck install [--force] [--uninstall]`: the git hooks
 * in this repository (hooks.c), each running this very binary.
 */
#include <limits.h>
#include <unistd.h>
#include "pincheck/hooks.h"
#include "cli.h"

enum { INSTALL_FORCE, INSTALL_UNINSTALL };

static const cli_option install_options[] = {
	[INSTALL_FORCE] = { "--force", NULL, NULL, "replace foreign hooks instead of chaining them" },
	[INSTALL_UNINSTALL] = { "--uninstall", NULL, NULL, "remove pincheck's hooks, restore others" },
	{ NULL, NULL, NULL, NULL }
};

static void say(const char *line, void *payload)
{
	(void)payload;
	printf("pincheck: %s\n", line);
}

static int run_install(pc_cli *cli, const cli_args *a)
{
	pc_buf dir = PC_BUF_INIT;
	char exe[PATH_MAX];
	ssize_t n;
	git_index *index;
	int err;

	if (a->npos)
		return cli_usage("install: unknown argument '%s'", a->pos[0]);
	if ((err = pc_repo_global_init()) < 0 || (err = cli_repo_open(&cli->repo)) < 0)
		return cli_fail(err);
	if (err == 1) {
		cli->repo = NULL;
		fprintf(stderr, "pincheck: not a git repository (or any parent directory)\n");
		return EXIT_RUNTIME;
	}
	/* The hooks run this very binary, wherever PATH points at commit time. */
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0) {
		fprintf(stderr, "pincheck: cannot find pincheck's own path (/proc/self/exe)\n");
		return EXIT_RUNTIME;
	}
	exe[n] = '\0';
	if ((err = pc_hooks_dir(&dir, cli->repo)) >= 0)
		err = a->opt[INSTALL_UNINSTALL] ? pc_hooks_uninstall(dir.ptr, say, NULL)
						 : pc_hooks_install(dir.ptr, exe,
								    a->opt[INSTALL_FORCE] != NULL,
								    say, NULL);
	/* Say now, not at the first commit, if this index is unreadable. */
	if (err >= 0 && !a->opt[INSTALL_UNINSTALL] && cli->repo->workdir &&
	    pc_repo_index(&index, cli->repo) < 0)
		fprintf(stderr, "pincheck: warning: %s\n", pc_error_last());
	pc_buf_free(&dir);
	return err < 0 ? cli_fail(err) : EXIT_CLEAN;
}

const cli_command cmd_install = {
	"install", "[--force] [--uninstall]", "install the git hooks here", install_options,
	run_install, false
};
