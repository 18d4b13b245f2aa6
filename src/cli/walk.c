/*
 * walk.c: what `scan` and `pins` share: PATH arguments turned into
 * repository paths, and the source they name (the working tree, a
 * revision's tree, the index, or plain directories outside git).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

/* A progress line on a terminal, once a walk takes more than a second;
 * nothing otherwise (not in hooks, pipes, CI logs). */
typedef struct {
	const pc_visitor *inner;
	size_t files;
	double start, shown;
	bool tty, drawn;
} progress;

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool progress_want(const char *path, void *payload)
{
	progress *p = payload;
	return !p->inner->want || p->inner->want(path, p->inner->payload);
}

static int progress_file(const pc_file *f, void *payload)
{
	progress *p = payload;
	p->files++;
	if (p->tty && (p->files & 63) == 0) {
		double now = seconds();
		if (now - p->start > 1.0 && now - p->shown > 0.1) {
			fprintf(stderr, "\rpincheck: %zu files...", p->files);
			p->shown = now;
			p->drawn = true;
		}
	}
	return p->inner->file(f, p->inner->payload);
}

int cli_walk(pc_cli *cli, pc_check *c, const char *rev, bool staged, char **args, int nargs,
	     const pc_visitor *inner)
{
	progress prog = { inner, 0, seconds(), 0, isatty(2) == 1, false };
	pc_visitor wrapped = { progress_want, progress_file, &prog, inner->max_size,
			       inner->defer_blobs };
	const pc_visitor *v = &wrapped;
	char **paths = pc_calloc((size_t)nargs + 1, sizeof(char *));
	size_t npaths = 0, i;
	git_tree *tree = NULL;
	git_index *index;
	int err = 0;

	for (i = 0; i < (size_t)nargs; i++) {
		if (!(paths[npaths] = cli->repo ? cli_repo_path(cli, args[i]) : pc_strdup(args[i]))) {
			err = pc_error_set(PC_EUSAGE, "%s: outside the repository at %s", args[i],
					   cli->repo->workdir ? cli->repo->workdir
							      : git_repository_path(cli->repo->repo));
			goto out;
		}
		npaths++;
	}
	if (!cli->repo) {
		/* Outside git: plain files, paths as given. */
		if (!npaths)
			err = pc_source_dir(".", v);
		for (i = 0; i < npaths && err >= 0; i++)
			err = pc_source_dir(paths[i], v);
		goto out;
	}
	c->pathspecs = (const char *const *)paths;
	c->npathspecs = npaths;
	if (rev) {
		if ((err = cli_rev_tree(&tree, cli, rev)) >= 0)
			err = pc_source_tree(cli->repo->repo, tree, v);
	} else if (staged) {
		if ((err = pc_repo_index(&index, cli->repo)) >= 0)
			err = pc_source_index(cli->repo->repo, index, v);
	} else {
		err = pc_source_workdir(cli->repo, v);
	}
	c->pathspecs = NULL;
	c->npathspecs = 0;
out:
	if (prog.drawn)
		fprintf(stderr, "\r\033[K");
	git_tree_free(tree);
	for (i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
	return err;
}
