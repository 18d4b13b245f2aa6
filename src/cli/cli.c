/*
 * cli.c: what the commands share (see cli.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "pincheck/baseline.h"
#include "pincheck/buf.h"
#include "pincheck/policy.h"
#include "pincheck/watchdog.h"
#include "cli.h"

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	fputs("pincheck: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n(see `pincheck help`)\n", stderr);
	return EXIT_USAGE;
}

/* The catalog compiled in: how many rule files, and the newest and oldest
 * day their facts were checked against the providers' docs. */
static void catalog_dates(FILE *out)
{
	pc_ruleset *rs = pc_ruleset_new();
	const char *newest = NULL, *oldest = NULL;
	size_t i, j, nfiles = 0;

	if (pc_ruleset_add_builtin(rs) < 0) {
		fprintf(stderr, "pincheck: the built-in catalog does not load: %s\n", pc_error_last());
		pc_ruleset_free(rs);
		return;
	}
	for (i = 0; i < rs->nproviders; i++) {
		const pc_provider *p = &rs->providers[i];
		for (j = 0; j < i && strcmp(rs->providers[j].where, p->where); j++)
			;
		nfiles += j == i; /* a file may declare two providers */
		if (!p->catalog_date)
			continue;
		if (!newest || strcmp(p->catalog_date, newest) > 0)
			newest = p->catalog_date;
		if (!oldest || strcmp(p->catalog_date, oldest) < 0)
			oldest = p->catalog_date;
	}
	if (!newest)
		fprintf(out, "catalog: no catalog_date in %zu built-in rule files\n", nfiles);
	else if (!strcmp(newest, oldest))
		fprintf(out, "catalog %s (%zu built-in rule files, all checked that day)\n", newest,
			nfiles);
	else
		fprintf(out, "catalog %s (the newest of %zu built-in rule files; the oldest %s; "
			"`pincheck rules list` shows each)\n", newest, nfiles, oldest);
	pc_ruleset_free(rs);
}

void cli_print_version(FILE *out)
{
	fprintf(out, "pincheck %s\n", CLI_VERSION);
	catalog_dates(out);
}

int cli_fail(int err)
{
	/* An error can name a file or ref of a pushed commit: keep its bytes
	 * from running in the terminal (pc_buf_put_visible). */
	pc_buf b = PC_BUF_INIT;
	const char *msg = pc_error_last();
	pc_buf_put_visible(&b, msg, strlen(msg));
	fprintf(stderr, "pincheck: %s\n", b.ptr ? b.ptr : "");
	pc_buf_free(&b);
	return err == PC_EUSAGE ? EXIT_USAGE : EXIT_RUNTIME;
}

static int read_config(pc_cli *cli, const char *path, bool required)
{
	pc_buf b = PC_BUF_INIT;
	struct stat st;
	int err;
	if (!required && access(path, F_OK) != 0)
		return 1;
	if (stat(path, &st) == 0 && st.st_size > PC_MAX_CONFIG)
		return pc_error_set(PC_EUSAGE, "%s: larger than 1 MiB; a configuration is at most "
				    "1 MiB", path);
	if ((err = pc_buf_read_file(&b, path, PC_MAX_CONFIG)) < 0) {
		pc_buf_free(&b);
		return err;
	}
	err = pc_config_parse(&cli->cfg, path, b.ptr ? b.ptr : "", b.len);
	pc_buf_free(&b);
	return err;
}

/* The config committed on HEAD, as its files are: a bare repository's, and
 * the server's when no administrator names one. */
static int read_head_config(pc_cli *cli)
{
	git_tree *head = NULL;
	const char *name;
	int err;
	if ((err = pc_repo_head_tree(&head, cli->repo)) < 0 || !head)
		return err < 0 ? err : 0;
	pc_config_free(&cli->cfg);
	err = pc_config_read_tree(&cli->cfg, &name, cli->repo->repo, head, "HEAD");
	cli->config_in_head = true;
	git_tree_free(head);
	return err < 0 ? err : 0;
}

/*
 * Server side (SPEC section 4): a pushed .pincheck.yml never relaxes the
 * policy of the push that carries it. In order: --config FILE, the file
 * named by git config pincheck.config, the .pincheck.yml committed on HEAD
 * before the push (refs still hold their old values in pre-receive), else
 * the built-in defaults.
 */
static int read_trusted_config(pc_cli *cli)
{
	git_config *gc = NULL;
	git_buf path = GIT_BUF_INIT;
	int err = 1;

	if (git_repository_config_snapshot(&gc, cli->repo->repo) == 0 &&
	    git_config_get_path(&path, gc, "pincheck.config") == 0 && path.size) {
		pc_buf full = PC_BUF_INIT;
		if (path.ptr[0] != '/')
			pc_buf_puts(&full, git_repository_path(cli->repo->repo));
		pc_buf_puts(&full, path.ptr);
		err = read_config(cli, full.ptr, true);
		cli->admin_config = true;
		pc_buf_free(&full);
	}
	git_buf_dispose(&path);
	git_config_free(gc);
	if (err <= 0)
		return err;
	err = read_head_config(cli);
	/* a committed file may not grant itself the right to be relaxed */
	cli->cfg.allow_policy_changes = false;
	return err;
}

static int load_catalogs(pc_cli *cli);

int cli_setup(pc_cli *cli, bool need_repo)
{
	int err;
	cli_today(cli->today);
	if ((err = pc_repo_global_init()) < 0)
		return err;
	if ((err = cli_repo_open(&cli->repo)) < 0)
		return err;
	if (err == 1) {
		cli->repo = NULL;
		if (need_repo)
			return pc_error_set(PC_ERUNTIME, "not a git repository (or any parent directory)");
	}
	if (cli->config_path) {
		err = read_config(cli, cli->config_path, true);
		cli->admin_config = true;
	} else if (cli->trusted && cli->repo) {
		err = read_trusted_config(cli);
	} else if (cli->repo && !cli->repo->workdir) {
		err = read_head_config(cli);
	} else {
		pc_buf path = PC_BUF_INIT;
		const char *top = cli->repo && cli->repo->workdir ? cli->repo->workdir : "";
		pc_buf_printf(&path, "%s.pincheck.yml", top);
		err = read_config(cli, path.ptr, false);
		if (err == 1) {
			pc_buf_clear(&path);
			pc_buf_printf(&path, "%s.pincheck.yaml", top);
			err = read_config(cli, path.ptr, false);
		}
		pc_buf_free(&path);
	}
	if (err < 0)
		return err;
	cli->cfg.no_jit = cli_no_jit();
	if ((err = pc_config_rules(&cli->rs, &cli->cfg, cli->no_default_rules)) < 0)
		return err;
	return load_catalogs(cli);
}

pc_check_opts cli_check_opts(const pc_cli *cli, unsigned what)
{
	pc_check_opts o;
	memset(&o, 0, sizeof(o));
	o.cfg = &cli->cfg;
	o.rs = cli->rs;
	o.today = cli->today;
	o.max_size = cli->max_file_size;
	o.what = what;
	return o;
}

/* A progress line on a terminal, once a walk takes more than a second;
 * nothing otherwise (not in hooks, pipes, CI logs). */
typedef struct {
	struct timespec start, shown;
	bool drawn;
} progress;

static double since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void progress_cb(size_t files, void *payload)
{
	progress *p = payload;
	if ((files & 63) || since(&p->start) < 1.0 || (p->drawn && since(&p->shown) < 0.1))
		return;
	fprintf(stderr, "\rpincheck: %zu files...", files);
	clock_gettime(CLOCK_MONOTONIC, &p->shown);
	p->drawn = true;
}

int cli_target(pc_target *t, const pc_cli *cli, const char *rev, bool staged, char **paths,
	       int npaths)
{
	char **p = pc_calloc((size_t)npaths + 1, sizeof(char *));
	int i;
	memset(t, 0, sizeof(*t));
	/* A bare repository has no working tree: its files are HEAD's. */
	if (!rev && !staged && cli->repo && !cli->repo->workdir)
		rev = "HEAD";
	t->rev = rev;
	t->staged = staged;
	t->jobs = cli->jobs;
	t->paths = (const char *const *)p;
	for (i = 0; i < npaths; i++) {
		if (!(p[i] = cli->repo ? pc_target_path(cli->repo, paths[i]) : pc_strdup(paths[i])))
			return pc_error_set(PC_EUSAGE, "%s: outside the repository at %s", paths[i],
					    cli->repo->workdir ? cli->repo->workdir
							       : git_repository_path(cli->repo->repo));
		t->npaths++;
	}
	if (isatty(2) == 1) {
		progress *pr = pc_calloc(1, sizeof(*pr));
		clock_gettime(CLOCK_MONOTONIC, &pr->start);
		t->progress = progress_cb;
		t->payload = pr;
	}
	return 0;
}

void cli_target_free(pc_target *t)
{
	progress *pr = t->payload;
	size_t i;
	if (pr && pr->drawn)
		fprintf(stderr, "\r\033[K");
	free(pr);
	for (i = 0; i < t->npaths; i++)
		free((char *)t->paths[i]);
	free((char **)t->paths);
	memset(t, 0, sizeof(*t));
}

int cli_watchdog(const pc_cli *cli, double seconds, const char *what)
{
	return pc_watchdog_start(cli->max_seconds > 0 ? cli->max_seconds : seconds, what);
}

/* The file `path` of HEAD's tree into *out, named NAME in messages: a
 * config read there (a bare repository, the server's trusted one) names
 * files of the same tree, so that what a push brings never changes what
 * is checked (its baseline, its catalogs). */
static int head_file(pc_cli *cli, const char *path, size_t max, const char *what, pc_buf *out,
		     const char *name)
{
	git_tree *head = NULL;
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	int err;

	if (path[0] == '/' || strstr(path, ".."))
		err = pc_error_set(PC_EUSAGE, "%s: a committed config's %s is a repository "
				   "path, without '..'", name, what);
	else if ((err = pc_repo_head_tree(&head, cli->repo)) < 0)
		;
	else if (!head || git_tree_entry_bypath(&e, head, path) < 0 ||
		 git_blob_lookup(&blob, cli->repo->repo, git_tree_entry_id(e)) < 0)
		err = pc_error_set(PC_ERUNTIME, "%s: the %s the config names is not in HEAD's "
				   "tree", name, what);
	else if ((size_t)git_blob_rawsize(blob) > max)
		err = pc_error_set(PC_ERUNTIME, "%s: larger than %zu bytes", name, max);
	else
		pc_buf_put(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	git_tree_entry_free(e);
	git_tree_free(head);
	return err;
}

static int baseline_from_head(pc_cli *cli, pc_baseline *b, const char *path)
{
	pc_buf name = PC_BUF_INIT, text = PC_BUF_INIT;
	int err;
	pc_buf_printf(&name, "HEAD:%s", path);
	if ((err = head_file(cli, path, PC_MAX_BASELINE, "baseline", &text, name.ptr)) >= 0)
		err = pc_baseline_parse(b, name.ptr, text.ptr ? text.ptr : "", text.len);
	pc_buf_free(&text);
	pc_buf_free(&name);
	return err;
}

/*
 * The config's catalogs (`pincheck catalog import`), whose facts win over
 * the built-in ones (rules.h, PC_ORIGIN_CATALOG), in the order listed:
 * repository paths, read from HEAD's tree where the config was read there
 * or is the server's trusted one (a push never changes them), else from
 * the top of the work tree (outside a repository: the current directory).
 */
static int load_catalogs(pc_cli *cli)
{
	bool in_head = cli->repo && (cli->config_in_head || cli->trusted || !cli->repo->workdir);
	size_t i;
	int err = 0;
	for (i = 0; i < cli->cfg.ncatalogs && err >= 0; i++) {
		const char *path = cli->cfg.catalogs[i];
		pc_buf name = PC_BUF_INIT, text = PC_BUF_INIT;
		if (in_head) {
			pc_buf_printf(&name, "HEAD:%s", path);
			err = head_file(cli, path, PC_MAX_CATALOG, "catalog", &text, name.ptr);
		} else {
			pc_buf_printf(&name, "%s%s", cli->repo ? cli->repo->workdir : "", path);
			err = pc_buf_read_file(&text, name.ptr, PC_MAX_CATALOG);
		}
		if (err >= 0)
			err = pc_ruleset_add_file(cli->rs, name.ptr, text.ptr ? text.ptr : "", text.len,
						  PC_ORIGIN_CATALOG);
		pc_buf_free(&text);
		pc_buf_free(&name);
	}
	return err;
}

/* The baseline in force, into *b: --baseline FILE, else the config's
 * `baseline:`, a path from the directory of the config that names it (or
 * from HEAD's tree, when the config was read there). 1: none. */
static int load_baseline(pc_cli *cli, pc_baseline *b)
{
	const char *path = cli->cfg.baseline, *slash;
	pc_buf full = PC_BUF_INIT;
	int err;

	if (cli->baseline)
		return pc_baseline_load(b, cli->baseline);
	if (!path)
		return 1;
	if (cli->config_in_head && cli->repo)
		return baseline_from_head(cli, b, path);
	slash = cli->cfg.path ? strrchr(cli->cfg.path, '/') : NULL;
	if (path[0] != '/' && slash)
		pc_buf_put(&full, cli->cfg.path, (size_t)(slash - cli->cfg.path) + 1);
	pc_buf_puts(&full, path);
	err = pc_baseline_load(b, full.ptr);
	pc_buf_free(&full);
	return err;
}

int cli_drop_baselined(pc_cli *cli, pc_findings *f)
{
	pc_baseline b = PC_BASELINE_INIT;
	int err = load_baseline(cli, &b);
	if (err == 0)
		pc_baseline_apply(&b, f);
	pc_baseline_free(&b);
	return err < 0 ? err : 0;
}

int cli_report(pc_cli *cli, FILE *out, pc_findings *f)
{
	int err;
	if (cli->report.format == PC_FORMAT_CYCLONEDX)
		return cli_usage("--format cyclonedx is a BOM of an inventory (`pins`, `merge`), "
				 "not a report of findings");
	err = cli_drop_baselined(cli, f);
	if (err < 0)
		return cli_fail(err);
	/* colour only on a terminal, and never under NO_COLOR, unless asked */
	if (cli->color < 0)
		cli->report.color = isatty(fileno(out)) == 1 && !cli_no_color();
	else
		cli->report.color = cli->color == 1;
	pc_report(out, f, &cli->report);
	return pc_findings_count(f, PC_SEV_ERROR) ? EXIT_FINDINGS : EXIT_CLEAN;
}

void cli_cleanup(pc_cli *cli)
{
	pc_ruleset_free(cli->rs);
	pc_config_free(&cli->cfg);
	pc_repo_free(cli->repo);
	cli->rs = NULL;
	cli->repo = NULL;
}
