/*
 * cmd_install.c: `pincheck install [--force] [--uninstall]`: write the
 * pre-commit, pre-merge-commit, commit-msg and pre-push hooks (templates in hooks/,
 * compiled in) into the repository's hooks directory, honouring
 * core.hooksPath, which libgit2 1.5 ignores (LIBS.md 6.4). A foreign hook
 * already there is kept as NAME.pincheck-chained and run first, never
 * silently overwritten; --uninstall puts it back.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pincheck/buf.h"
#include "pincheck/embedded.h"
#include "cli.h"

static const char *const hook_names[] = { "pre-commit", "pre-merge-commit", "commit-msg",
					  "pre-push", NULL };

/* The line every hook we write carries, to know ours from foreign ones. */
static const char marker[] = "written by `pincheck install`";

static int hooks_dir(pc_buf *out, pc_repo *r)
{
	git_config *cfg = NULL;
	git_buf path = GIT_BUF_INIT;
	int err = 0;
	if (git_repository_config_snapshot(&cfg, r->repo) < 0)
		return pc_git_error("cannot read the git config");
	if (git_config_get_path(&path, cfg, "core.hooksPath") == 0 && path.size) {
		/* Relative to where hooks run: the work tree's top, or the git
		 * directory of a bare repository (git-config(1)). */
		if (path.ptr[0] != '/')
			pc_buf_puts(out, r->workdir ? r->workdir : git_repository_path(r->repo));
		pc_buf_puts(out, path.ptr);
	} else if (git_repository_item_path(&path, r->repo, GIT_REPOSITORY_ITEM_HOOKS) == 0) {
		pc_buf_puts(out, path.ptr);
	} else {
		err = pc_git_error("cannot locate the hooks directory");
	}
	while (out->len > 1 && out->ptr[out->len - 1] == '/')
		out->ptr[--out->len] = '\0';
	git_buf_dispose(&path);
	git_config_free(cfg);
	return err;
}

static int is_ours(const char *path)
{
	pc_buf b = PC_BUF_INIT;
	int ours;
	if (pc_buf_read_file(&b, path, PC_MAX_RULE_FILE) < 0) {
		pc_buf_free(&b);
		return 0;
	}
	ours = b.ptr && strstr(b.ptr, marker) != NULL;
	pc_buf_free(&b);
	return ours;
}

static int write_hook(const char *path, const char *tmpl, const char *exe)
{
	pc_buf b = PC_BUF_INIT, tmp = PC_BUF_INIT;
	const char *at;
	FILE *f;
	int err = 0;
	/* Every @PINCHECK@ becomes this binary's path. */
	while ((at = strstr(tmpl, "@PINCHECK@"))) {
		pc_buf_put(&b, tmpl, (size_t)(at - tmpl));
		pc_buf_puts(&b, exe);
		tmpl = at + strlen("@PINCHECK@");
	}
	pc_buf_puts(&b, tmpl);
	/* Write beside it and rename: a half-written hook must never run. */
	pc_buf_printf(&tmp, "%s.pincheck-tmp", path);
	if (!(f = fopen(tmp.ptr, "wb")) || fwrite(b.ptr, 1, b.len, f) != b.len ||
	    fclose(f) != 0 || chmod(tmp.ptr, 0755) < 0 || rename(tmp.ptr, path) < 0) {
		err = pc_error_set(PC_ERUNTIME, "%s: cannot write hook: %s", path, strerror(errno));
		unlink(tmp.ptr);
	}
	pc_buf_free(&b);
	pc_buf_free(&tmp);
	return err;
}

static const char *template_for(const char *name)
{
	const pc_embedded *e;
	for (e = pc_builtin_hooks; e->name; e++)
		if (!strcmp(e->name, name))
			return e->data;
	return NULL;
}

static int mkdirs(char *path)
{
	char *p;
	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return mkdir(path, 0777) < 0 && errno != EEXIST ? -1 : 0;
}

static int install(const char *dir, bool force)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *const *h;
	pc_buf path = PC_BUF_INIT, chained = PC_BUF_INIT, d = PC_BUF_INIT;
	int err = 0;

	/* The hooks run this very binary, wherever PATH points at commit time. */
	if (n <= 0)
		return pc_error_set(PC_ERUNTIME, "cannot find pincheck's own path (/proc/self/exe)");
	exe[n] = '\0';
	pc_buf_puts(&d, dir);
	if (mkdirs(d.ptr) < 0) {
		err = pc_error_set(PC_ERUNTIME, "%s: cannot create the hooks directory: %s", dir, strerror(errno));
		goto out;
	}
	for (h = hook_names; *h && err >= 0; h++) {
		pc_buf_clear(&path);
		pc_buf_clear(&chained);
		pc_buf_printf(&path, "%s/%s", dir, *h);
		pc_buf_printf(&chained, "%s.pincheck-chained", path.ptr);
		if (access(path.ptr, F_OK) == 0 && !is_ours(path.ptr)) {
			if (force) {
				printf("pincheck: replacing the existing %s hook (--force)\n", *h);
			} else if (access(chained.ptr, F_OK) == 0) {
				err = pc_error_set(PC_ERUNTIME,
						   "%s: a foreign hook is here and %s already exists; "
						   "move one of them away, or use --force",
						   path.ptr, chained.ptr);
				break;
			} else if (rename(path.ptr, chained.ptr) < 0) {
				err = pc_error_set(PC_ERUNTIME, "%s: cannot keep the existing hook: %s",
						   path.ptr, strerror(errno));
				break;
			} else {
				printf("pincheck: kept the existing %s hook as %s; it runs first\n", *h,
				       chained.ptr);
			}
		}
		if ((err = write_hook(path.ptr, template_for(*h), exe)) >= 0)
			printf("pincheck: installed %s\n", path.ptr);
	}
out:
	pc_buf_free(&path);
	pc_buf_free(&chained);
	pc_buf_free(&d);
	return err;
}

static int uninstall(const char *dir)
{
	const char *const *h;
	pc_buf path = PC_BUF_INIT, chained = PC_BUF_INIT;
	int err = 0;
	for (h = hook_names; *h && err >= 0; h++) {
		pc_buf_clear(&path);
		pc_buf_clear(&chained);
		pc_buf_printf(&path, "%s/%s", dir, *h);
		pc_buf_printf(&chained, "%s.pincheck-chained", path.ptr);
		if (access(path.ptr, F_OK) != 0 || !is_ours(path.ptr))
			continue; /* not ours: leave it alone */
		if (access(chained.ptr, F_OK) == 0) {
			if (rename(chained.ptr, path.ptr) < 0)
				err = pc_error_set(PC_ERUNTIME, "%s: cannot restore: %s", chained.ptr, strerror(errno));
			else
				printf("pincheck: restored the previous %s hook\n", *h);
		} else if (unlink(path.ptr) < 0) {
			err = pc_error_set(PC_ERUNTIME, "%s: cannot remove: %s", path.ptr, strerror(errno));
		} else {
			printf("pincheck: removed %s\n", path.ptr);
		}
	}
	pc_buf_free(&path);
	pc_buf_free(&chained);
	return err;
}

int cmd_install(pc_cli *cli, int argc, char **argv)
{
	bool force = false, remove = false;
	pc_buf dir = PC_BUF_INIT;
	git_index *index;
	int i, err;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--force"))
			force = true;
		else if (!strcmp(argv[i], "--uninstall"))
			remove = true;
		else
			return cli_usage("install: unknown argument '%s'", argv[i]);
	}
	if ((err = pc_repo_global_init()) < 0 || (err = cli_repo_open(&cli->repo)) < 0)
		return cli_fail(err);
	if (err == 1) {
		cli->repo = NULL;
		fprintf(stderr, "pincheck: not a git repository (or any parent directory)\n");
		return EXIT_RUNTIME;
	}
	if ((err = hooks_dir(&dir, cli->repo)) >= 0)
		err = remove ? uninstall(dir.ptr) : install(dir.ptr, force);
	/* Say now, not at the first commit, if this index is unreadable. */
	if (err >= 0 && !remove && cli->repo->workdir && pc_repo_index(&index, cli->repo) < 0)
		fprintf(stderr, "pincheck: warning: %s\n", pc_error_last());
	pc_buf_free(&dir);
	return err < 0 ? cli_fail(err) : EXIT_CLEAN;
}
