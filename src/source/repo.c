/*
 * repo.c: open the repository as git's hooks see it (see repo.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/repo.h"

int pc_git_error(const char *what)
{
	const git_error *e = git_error_last();
	return pc_error_set(PC_ERUNTIME, "%s: %s", what, e && e->message ? e->message : "unknown libgit2 error");
}

int pc_repo_global_init(void)
{
	/* Extensions libgit2 1.5 refuses but can read safely; never
	 * objectformat (no SHA-256 in 1.5). */
	static const char *ext[] = { "partialclone", "worktreeconfig" };
	if (git_libgit2_init() < 0)
		return pc_git_error("libgit2");
	/* git itself enforces safe.directory before it runs a hook; libgit2
	 * would also refuse a root-run CI job on a checkout owned by others. */
	git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
	git_libgit2_opts(GIT_OPT_SET_EXTENSIONS, ext, sizeof(ext) / sizeof(ext[0]));
	/* git does not re-hash every object it reads either; this is ~12% of
	 * a pre-commit on a 50,000-file repository (bench/precommit.sh). */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/* Trees over 4 KiB (a directory of ~100 files) are not cached by
	 * default, so checking each commit of a push re-inflated them all:
	 * half the time of a 1,000-commit push (bench/prereceive.sh). */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)1024 * 1024);
	/* Map packs in small windows, at most 32 MiB at once: scanning a
	 * revision of a 1 GiB repository otherwise keeps ~250 MiB of pack
	 * mapped and resident, for no speed (make bench). */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)4 * 1024 * 1024);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)16 * 1024 * 1024);
	return 0;
}

static char *absolute(const char *p)
{
	char cwd[PATH_MAX];
	pc_buf b = PC_BUF_INIT;
	if (p[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		return pc_strdup(p);
	pc_buf_printf(&b, "%s/%s", cwd, p);
	return pc_buf_detach(&b);
}

static void add_alternates(git_odb *odb, const char *list)
{
	const char *p = list;
	while (p && *p) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		if (n) {
			char *dir = pc_strndup(p, n);
			char *abs = absolute(dir);
			git_odb_add_disk_alternate(odb, abs);
			pc_odb_add_loose(odb, abs);
			free(abs);
			free(dir);
		}
		p = colon ? colon + 1 : NULL;
	}
}

static void env_copy(pc_repo_env *to, const pc_repo_env *from)
{
	static const pc_repo_env none;
	if (!from)
		from = &none;
	to->git_dir = pc_strdup(from->git_dir);
	to->work_tree = pc_strdup(from->work_tree);
	to->object_directory = pc_strdup(from->object_directory);
	to->alternate_object_directories = pc_strdup(from->alternate_object_directories);
	to->ceiling_directories = pc_strdup(from->ceiling_directories);
	to->index_file = pc_strdup(from->index_file);
}

static void env_free(pc_repo_env *env)
{
	free((char *)env->git_dir);
	free((char *)env->work_tree);
	free((char *)env->object_directory);
	free((char *)env->alternate_object_directories);
	free((char *)env->ceiling_directories);
	free((char *)env->index_file);
	memset(env, 0, sizeof(*env));
}

int pc_repo_open(pc_repo **out, const pc_repo_env *env)
{
	pc_repo *r = pc_calloc(1, sizeof(*r));
	const char *gd, *wt, *od, *alts;
	git_odb *odb = NULL;
	char cwd[PATH_MAX], *real_wd = NULL, *real_cwd = NULL;
	int e;

	*out = NULL;
	env_copy(&r->env, env);
	gd = r->env.git_dir, wt = r->env.work_tree;
	od = r->env.object_directory, alts = r->env.alternate_object_directories;
	if (gd && *gd)
		e = git_repository_open_ext(&r->repo, gd, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	else
		e = git_repository_open_ext(&r->repo, ".", 0, r->env.ceiling_directories);
	if (e == GIT_ENOTFOUND) {
		pc_repo_free(r);
		return 1;
	}
	if (e < 0) {
		e = pc_git_error("cannot open the repository");
		pc_repo_free(r);
		return e;
	}
	if (wt && *wt) {
		char *abs = realpath(wt, NULL);
		if (!abs || git_repository_set_workdir(r->repo, abs, 0) < 0) {
			/* wt is r's copy: the message first */
			e = pc_error_set(PC_ERUNTIME, "GIT_WORK_TREE=%s: cannot use it as the work tree", wt);
			free(abs);
			pc_repo_free(r);
			return e;
		}
		free(abs);
	}
	if (git_repository_odb(&odb, r->repo) < 0) {
		e = pc_git_error("cannot open the object database");
		pc_repo_free(r);
		return e;
	}
	{
		pc_buf objects = PC_BUF_INIT;
		pc_buf_printf(&objects, "%sobjects/", git_repository_commondir(r->repo));
		e = pc_odb_add_loose(odb, objects.ptr);
		pc_buf_free(&objects);
		if (e < 0) {
			git_odb_free(odb);
			pc_repo_free(r);
			return e;
		}
	}
	/* Pushed objects wait in a quarantine directory during pre-receive;
	 * add it as an alternate so the main store (and its commit-graph)
	 * stays primary (LIBS.md 2.2). */
	if (od && *od)
		add_alternates(odb, od);
	add_alternates(odb, alts);
	git_odb_free(odb);
	if (git_repository_workdir(r->repo)) {
		const char *wd = git_repository_workdir(r->repo);
		size_t n;
		r->workdir = pc_strdup(wd);
		real_wd = realpath(wd, NULL);
		real_cwd = getcwd(cwd, sizeof(cwd)) ? realpath(cwd, NULL) : NULL;
		r->prefix = pc_strdup("");
		if (real_wd && real_cwd && (n = strlen(real_wd)) &&
		    !strncmp(real_cwd, real_wd, n) && real_cwd[n] == '/') {
			free(r->prefix);
			r->prefix = pc_malloc(strlen(real_cwd + n + 1) + 2);
			strcpy(r->prefix, real_cwd + n + 1);
			strcat(r->prefix, "/");
		}
		free(real_wd);
		free(real_cwd);
	} else {
		r->prefix = pc_strdup("");
	}
	*out = r;
	return 0;
}

int pc_repo_index(git_index **out, pc_repo *r)
{
	const char *ix = r->env.index_file;
	int e;
	if (r->index) {
		*out = r->index;
		return 0;
	}
	if (ix && *ix) {
		char *abs = absolute(ix);
		e = git_index_open(&r->index, abs);
		if (e == 0 && git_index_read(r->index, 1) < 0)
			e = -1;
		free(abs);
	} else {
		e = git_repository_index(&r->index, r->repo);
	}
	if (e < 0) {
		const git_error *ge = git_error_last();
		const char *msg = ge && ge->message ? ge->message : "unknown error";
		const char *hint = "";
		if (strstr(msg, "'link'"))
			hint = " This is a split index (core.splitIndex); run "
			       "`git config core.splitIndex false && git update-index --no-split-index`.";
		else if (strstr(msg, "'sdir'"))
			hint = " This is a sparse index; run `git sparse-checkout init --no-sparse-index`.";
		else if (strstr(msg, "checksum"))
			hint = " The index may have been written with index.skipHash (feature.manyFiles); "
			       "run `git config index.skipHash false` and rewrite the index "
			       "(e.g. `git update-index --really-refresh`).";
		r->index = NULL;
		return pc_error_set(PC_ERUNTIME,
				    "%s%s: cannot read the index: %s.%s pincheck will not guess what is "
				    "being committed, so the check fails.",
				    ix && *ix ? "" : git_repository_path(r->repo), ix && *ix ? ix : "index",
				    msg, hint);
	}
	*out = r->index;
	return 0;
}

int pc_repo_head_tree(git_tree **out, pc_repo *r)
{
	git_object *obj = NULL;
	int unborn = git_repository_head_unborn(r->repo);
	*out = NULL;
	if (unborn == 1)
		return 0;
	if (unborn < 0)
		return pc_git_error("cannot resolve HEAD");
	if (git_revparse_single(&obj, r->repo, "HEAD^{tree}") < 0)
		return pc_git_error("cannot read HEAD's tree");
	*out = (git_tree *)obj;
	return 0;
}

void pc_repo_free(pc_repo *r)
{
	if (!r)
		return;
	git_index_free(r->index);
	git_repository_free(r->repo);
	free(r->workdir);
	free(r->prefix);
	env_free(&r->env);
	free(r);
}

char *pc_url_without_credentials(const char *url)
{
	const char *host = strstr(url, "://"), *at, *end;
	pc_buf b = PC_BUF_INIT;
	if (!host)
		return pc_strdup(url); /* a path, or scp-like user@host:path */
	host += 3;
	end = host + strcspn(host, "/?#");
	for (at = end; at > host && at[-1] != '@'; at--)
		;
	if (at == host)
		return pc_strdup(url);
	pc_buf_put(&b, url, (size_t)(host - url));
	pc_buf_puts(&b, at);
	return pc_buf_detach(&b);
}

/* The path without its trailing slash. */
static char *path_name(const char *p)
{
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		n--;
	return pc_strndup(p, n);
}

int pc_repo_identity_get(pc_repo_identity *out, pc_repo *r, const char *rev)
{
	git_config *cfg = NULL;
	const char *url = NULL;
	git_object *obj = NULL, *commit = NULL;
	char hex[GIT_OID_HEXSZ + 1], *cwd;

	memset(out, 0, sizeof(*out));
	out->time = -1;
	if (!r) {
		if (!(cwd = realpath(".", NULL)))
			return pc_error_set(PC_ERUNTIME, ".: %s", strerror(errno));
		out->repository = cwd;
		return 0;
	}
	/* The config value, not git_remote_lookup: that one compiles regular
	 * expressions whose match data libgit2 1.5 never frees. */
	if (git_repository_config_snapshot(&cfg, r->repo) == 0 &&
	    git_config_get_string(&url, cfg, "remote.origin.url") == 0 && *url)
		out->repository = pc_url_without_credentials(url);
	else
		out->repository = path_name(r->workdir ? r->workdir : git_repository_path(r->repo));
	git_config_free(cfg);
	git_error_clear();
	if (!rev && git_repository_head_unborn(r->repo) == 1)
		return 0;
	if (git_revparse_single(&obj, r->repo, rev ? rev : "HEAD") < 0) {
		pc_repo_identity_free(out);
		return pc_git_error(rev ? rev : "HEAD");
	}
	/* A commit (or a tag of one) has a time; a bare tree only its id. */
	if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) == 0)
		out->time = (long long)git_commit_time((git_commit *)commit);
	git_error_clear();
	git_oid_tostr(hex, sizeof(hex), git_object_id(commit ? commit : obj));
	out->revision = pc_strdup(hex);
	git_object_free(commit);
	git_object_free(obj);
	return 0;
}

void pc_repo_identity_free(pc_repo_identity *id)
{
	free(id->repository);
	free(id->revision);
	memset(id, 0, sizeof(*id));
	id->time = -1;
}
