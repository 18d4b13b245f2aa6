/*
 * evalref.c: checking one eval reference (see evalref.h). The file comes
 * from the tree or index being committed, never from the working tree: what
 * is checked is what is committed.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "pincheck/limits.h"
#include "pincheck/model.h"
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/date.h"
#include "pincheck/doc.h"
#include "pincheck/evalfmt.h"
#include "pincheck/evalref.h"
#include "pincheck/repo.h"
#include "pincheck/rules.h"

#define problem(e, ...) pc_strs_addf(&(e)->problems, &(e)->nproblems, __VA_ARGS__)

static bool is_url(const char *s)
{
	const char *p = s;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return false;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
	       *p == '+' || *p == '.' || *p == '-')
		p++;
	return !strncmp(p, "://", 3);
}

/* What is kept of one eval file: what its reader understood, not its
 * document. */
typedef struct {
	char *path;
	git_oid id;
	pc_eval_result *res;
} eval_file;

struct pc_eval_cache {
	const pc_config *cfg;
	bool compiled;
	pcre2_code **urls;  /* by eval.allow_urls index; NULL: did not compile */
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	eval_file *files;
	size_t nfiles, afiles;
	pc_eval_cache_stats stats;
};

pc_eval_cache *pc_eval_cache_new(const pc_config *cfg)
{
	pc_eval_cache *c = pc_calloc(1, sizeof(*c));
	c->cfg = cfg;
	return c;
}

static void eval_file_clear(eval_file *f)
{
	free(f->path);
	if (f->res)
		pc_eval_result_free(f->res);
	free(f->res);
}

void pc_eval_cache_free(pc_eval_cache *c)
{
	size_t i;
	if (!c)
		return;
	for (i = 0; c->urls && i < c->cfg->neval_allow_urls; i++)
		pcre2_code_free(c->urls[i]);
	free(c->urls);
	pcre2_match_data_free(c->md);
	pcre2_match_context_free(c->mctx);
	for (i = 0; i < c->nfiles; i++)
		eval_file_clear(&c->files[i]);
	free(c->files);
	free(c);
}

void pc_eval_cache_stats_get(const pc_eval_cache *c, pc_eval_cache_stats *out)
{
	*out = c->stats;
}

/* Compile eval.allow_urls once per run, with JIT where there is one
 * (unless cfg->no_jit). */
static void compile_urls(pc_eval_cache *c)
{
	size_t i, n = c->cfg->neval_allow_urls;
	c->compiled = true;
	c->urls = pc_calloc(n + 1, sizeof(*c->urls));
	c->md = pcre2_match_data_create(1, NULL);
	c->mctx = pcre2_match_context_create(NULL);
	if (!c->md || !c->mctx)
		return; /* no URL is allowed, and check_url says why */
	pcre2_set_match_limit(c->mctx, PC_URL_MATCH_LIMIT);
	pcre2_set_depth_limit(c->mctx, PC_URL_DEPTH_LIMIT);
	for (i = 0; i < n; i++) {
		int errcode;
		PCRE2_SIZE erroff;
		c->urls[i] = pcre2_compile((PCRE2_SPTR)c->cfg->eval_allow_urls[i],
					   PCRE2_ZERO_TERMINATED, PCRE2_ANCHORED | PCRE2_NEVER_BACKSLASH_C,
					   &errcode, &erroff, NULL);
		c->stats.compiles++;
		if (c->urls[i] && !c->cfg->no_jit &&
		    pcre2_jit_compile(c->urls[i], PCRE2_JIT_COMPLETE) == 0)
			c->stats.jit_compiles++;
	}
}

static void check_url(pc_eval *e, pc_eval_cache *c)
{
	size_t i;
	const pc_config *cfg = c->cfg;
	if (!c->compiled)
		compile_urls(c);
	for (i = 0; c->md && c->mctx && i < cfg->neval_allow_urls; i++) {
		int rc;
		if (!c->urls[i])
			continue; /* the config loader already refused bad patterns */
		rc = pcre2_match(c->urls[i], (PCRE2_SPTR)e->ref, strlen(e->ref), 0, 0, c->md, c->mctx);
		if (rc >= 0)
			return;
		if (rc != PCRE2_ERROR_NOMATCH) {
			/* a pattern that gives up decides nothing: not allowed */
			PCRE2_UCHAR msg[128];
			pcre2_get_error_message(rc, msg, sizeof(msg));
			problem(e, "the URL %s could not be checked against eval.allow_urls "
				"pattern '%s': %s; simplify the pattern", e->ref,
				cfg->eval_allow_urls[i], (const char *)msg);
			return;
		}
	}
	problem(e, "the URL %s is not allowed by eval.allow_urls%s", e->ref,
		cfg->neval_allow_urls ? "" : " (empty: URLs are not accepted)");
}

/* Normalise a repository path; false (with a problem) if it escapes. */
static bool clean_path(pc_eval *e, const pc_eval_ctx *ctx, pc_buf *out)
{
	const char *p = e->ref, *dir = ctx->cfg->eval_dir;
	size_t dlen = strlen(dir);
	if (*p == '/') {
		problem(e, "%s is an absolute path; give a repository path under %s/", e->ref, dir);
		return false;
	}
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			problem(e, "%s uses '..'; eval references must stay inside %s/", e->ref, dir);
			return false;
		}
		if (n && !(n == 1 && p[0] == '.')) {
			if (out->len)
				pc_buf_putc(out, '/');
			pc_buf_put(out, p, n);
		}
		p += n + (slash ? 1 : 0);
	}
	while (dlen && dir[dlen - 1] == '/')
		dlen--;
	if (!out->len || strncmp(out->ptr, dir, dlen) || out->ptr[dlen] != '/') {
		problem(e, "%s is outside eval.dir (%.*s/)", e->ref, (int)dlen, dir);
		return false;
	}
	return true;
}

/* Is `path` a file of the work tree (commit-msg: not staged, then)? */
static bool in_worktree(const pc_eval_ctx *ctx, const char *path)
{
	const char *top = ctx->repo ? git_repository_workdir(ctx->repo) : NULL;
	pc_buf full = PC_BUF_INIT;
	struct stat st;
	bool yes;
	if (!top)
		return false;
	pc_buf_printf(&full, "%s%s", top, path);
	yes = lstat(full.ptr, &st) == 0 && S_ISREG(st.st_mode);
	pc_buf_free(&full);
	return yes;
}

/* Find the blob for `path` in the tree or index (*found); a problem if it
 * is missing, a symlink, or reached through one. */
static void find_blob(git_oid *id, bool *found_out, pc_eval *e, const pc_eval_ctx *ctx,
		      const char *path)
{
	pc_buf prefix = PC_BUF_INIT;
	const char *p;
	unsigned mode = 0;
	int found = 0;

	*found_out = false;
	if (ctx->tree) {
		git_tree_entry *te;
		if (git_tree_entry_bypath(&te, ctx->tree, path) == 0) {
			*id = *git_tree_entry_id(te);
			mode = git_tree_entry_filemode(te);
			found = 1;
			git_tree_entry_free(te);
		}
	} else {
		const git_index_entry *ie = git_index_get_bypath(ctx->index, path, 0);
		if (ie) {
			*id = ie->id;
			mode = ie->mode;
			found = 1;
		}
	}
	if (!found) {
		/* Say why: a leading directory that is a symlink, or absent. */
		for (p = strchr(path, '/'); p; p = strchr(p + 1, '/')) {
			unsigned m = 0;
			pc_buf_clear(&prefix);
			pc_buf_put(&prefix, path, (size_t)(p - path));
			if (ctx->tree) {
				git_tree_entry *te;
				if (git_tree_entry_bypath(&te, ctx->tree, prefix.ptr) == 0) {
					m = git_tree_entry_filemode(te);
					git_tree_entry_free(te);
				}
			} else {
				const git_index_entry *ie = git_index_get_bypath(ctx->index, prefix.ptr, 0);
				m = ie ? ie->mode : 0;
			}
			if (m == GIT_FILEMODE_LINK) {
				problem(e, "%s goes through the symlink %s; eval files must be real files",
					e->ref, prefix.ptr);
				pc_buf_free(&prefix);
				return;
			}
		}
		pc_buf_free(&prefix);
		if (!ctx->tree && in_worktree(ctx, path))
			problem(e, "%s exists in the working tree but not in the index being "
				   "committed: git add it", e->ref);
		else
			problem(e, "%s does not exist in the %s", e->ref,
				ctx->tree ? "commit's tree" : "index being committed (git add it)");
		return;
	}
	pc_buf_free(&prefix);
	if (mode == GIT_FILEMODE_LINK) {
		problem(e, "%s is a symlink; eval files must be real files", e->ref);
		return;
	}
	if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
		problem(e, "%s is not a file", e->ref);
		return;
	}
	*found_out = true;
}

static void add_model(char ***models, size_t *n, const char *m)
{
	*models = pc_realloc(*models, (*n + 1) * sizeof(char *));
	(*models)[(*n)++] = pc_strdup(m);
}

/* What the reader understood, each problem one of this reference, and
 * its date against the commit's (the reference's, not the file's). */
static void check_result(pc_eval *e, const pc_eval_ctx *ctx, const pc_eval_result *r)
{
	char day[11], field[64] = "";
	size_t i;

	e->result = r;
	for (i = 0; i < r->nmodels; i++)
		if (!r->models[i].baseline && *r->models[i].id)
			add_model(&e->models, &e->nmodels, r->models[i].id);
	for (i = 0; i < r->nproblems; i++)
		problem(e, "%s %s", e->ref, r->problems[i]);
	if (r->day < 0)
		return;
	pc_date_from_days(r->day, day);
	if (r->format != PC_EVAL_PINCHECK) /* say which of the tool's fields */
		snprintf(field, sizeof(field), " (%s)", r->date_field);
	if (r->day > ctx->commit_day)
		problem(e, "%s is dated %s%s, after the commit's date", e->ref, day, field);
	else if (ctx->commit_day - r->day > ctx->cfg->eval_max_age_days)
		problem(e, "%s is dated %s%s, %ld days before the commit; eval.max_age_days is %ld",
			e->ref, day, field, ctx->commit_day - r->day, ctx->cfg->eval_max_age_days);
}

/* A result read from `buf`, or (len beyond PC_MAX_EVAL_FILE: buf unread)
 * the problem of its size. */
static pc_eval_result *read_result(pc_eval_cache_stats *stats, const char *name, const char *buf,
				   size_t len)
{
	pc_eval_result *r = pc_calloc(1, sizeof(*r));
	if (stats && len <= PC_MAX_EVAL_FILE)
		stats->parses++;
	pc_eval_result_read(r, name, buf, len);
	return r;
}

/* The eval file at `path` with blob `id`, read and parsed once per run:
 * a message may link one file thousands of times. NULL when git fails
 * (*err); a file too large or that does not parse is kept, with
 * parse_error saying why. */
static eval_file *load(pc_eval_cache *c, const pc_eval_ctx *ctx, const char *path,
			     const git_oid *id, int *err)
{
	git_blob *blob = NULL;
	eval_file *f;
	size_t i;

	git_odb *odb = NULL;
	size_t size = 0;
	git_object_t type;

	for (i = 0; i < c->nfiles; i++)
		if (!git_oid_cmp(&c->files[i].id, id) && !strcmp(c->files[i].path, path))
			return &c->files[i];
	/* A blob's size is known before it is inflated: a 50 MB one is not. */
	if (git_repository_odb(&odb, ctx->repo) < 0 ||
	    git_odb_read_header(&size, &type, odb, id) < 0 ||
	    (size <= PC_MAX_EVAL_FILE && git_blob_lookup(&blob, ctx->repo, id) < 0)) {
		git_odb_free(odb);
		*err = pc_git_error(path);
		return NULL;
	}
	git_odb_free(odb);
	PC_GROW(c->files, c->afiles, c->nfiles + 1);
	f = &c->files[c->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = pc_strdup(path);
	f->id = *id;
	f->res = read_result(&c->stats, path, blob ? git_blob_rawcontent(blob) : NULL,
			     blob ? (size_t)git_blob_rawsize(blob) : size);
	git_blob_free(blob);
	return f;
}

void pc_eval_read(pc_eval *out, const pc_eval_ctx *ctx, const char *ref, const char *buf,
		  size_t len)
{
	memset(out, 0, sizeof(*out));
	out->ref = pc_strdup(ref);
	out->owned = read_result(NULL, ref, buf, len);
	check_result(out, ctx, out->owned);
}

int pc_eval_check(pc_eval *out, const pc_eval_ctx *ctx, const char *ref)
{
	pc_buf path = PC_BUF_INIT;
	pc_eval_cache *own = NULL, *c = ctx->cache;
	eval_file *f;
	git_oid id;
	bool found;
	int err = 0;

	memset(out, 0, sizeof(*out));
	out->ref = pc_strdup(ref);
	if (!*ref) {
		problem(out, "the eval trailer is empty; give the path of an eval result");
		return 0;
	}
	if (!c)
		c = own = pc_eval_cache_new(ctx->cfg);
	if ((out->is_url = is_url(ref))) {
		check_url(out, c);
		goto out;
	}
	if (!clean_path(out, ctx, &path))
		goto out;
	find_blob(&id, &found, out, ctx, path.ptr);
	if (!found || !(f = load(c, ctx, path.ptr, &id, &err)))
		goto out;
	if (own) { /* the result outlives this cache */
		out->owned = f->res;
		f->res = NULL;
	}
	check_result(out, ctx, own ? out->owned : f->res);
out:
	pc_eval_cache_free(own);
	pc_buf_free(&path);
	return err;
}

bool pc_eval_names(const pc_eval *e, const char *model)
{
	size_t k;
	for (k = 0; k < e->nmodels; k++)
		if (pc_model_same(e->models[k], model))
			return true;
	return false;
}

void pc_eval_free(pc_eval *e)
{
	size_t i;
	free(e->ref);
	for (i = 0; i < e->nmodels; i++)
		free(e->models[i]);
	free(e->models);
	for (i = 0; i < e->nproblems; i++)
		free(e->problems[i]);
	free(e->problems);
	if (e->owned)
		pc_eval_result_free(e->owned);
	free(e->owned);
	memset(e, 0, sizeof(*e));
}

/* `ref` at the path rules of a trailer, and the index against the bytes
 * of the working tree's file (`buf`, len). */
static int check_staged(pc_eval *e, const pc_eval_ctx *ctx, const char *buf, size_t len)
{
	pc_buf path = PC_BUF_INIT;
	const git_index_entry *ie;
	git_oid id;
	int err = 0;
	if (!clean_path(e, ctx, &path))
		goto out;
	if (!(ie = git_index_get_bypath(ctx->index, path.ptr, 0)))
		problem(e, "%s exists in the working tree but not in the index being committed: "
			   "git add it", e->ref);
	else if (ie->mode == GIT_FILEMODE_LINK)
		problem(e, "%s is a symlink; eval files must be real files", e->ref);
	else if (buf && git_odb_hash(&id, buf, len, GIT_OBJECT_BLOB) < 0)
		err = pc_git_error(e->ref);
	else if (buf && git_oid_cmp(&id, &ie->id))
		problem(e, "%s has changes the index does not hold, so the commit would link "
			   "another version: git add it", e->ref);
out:
	pc_buf_free(&path);
	return err;
}

int pc_eval_check_file(pc_eval *out, const pc_eval_ctx *ctx, const char *file, const char *ref)
{
	pc_buf b = PC_BUF_INIT;
	struct stat st;
	bool big = false;
	int err = 0;

	if (lstat(file, &st) < 0 || !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)))
		return pc_error_set(PC_EUSAGE, "%s: no such file", file);
	if (!S_ISLNK(st.st_mode) && (big = (size_t)st.st_size > PC_MAX_EVAL_FILE) == false &&
	    (err = pc_buf_read_file(&b, file, PC_MAX_EVAL_FILE)) < 0)
		return err;
	memset(out, 0, sizeof(*out));
	out->ref = pc_strdup(ref);
	if (S_ISLNK(st.st_mode)) {
		problem(out, "%s is a symlink; eval files must be real files", ref);
	} else {
		out->owned = read_result(NULL, ref, b.ptr ? b.ptr : "", big ? (size_t)st.st_size : b.len);
		check_result(out, ctx, out->owned);
	}
	if (ctx->index)
		err = check_staged(out, ctx, S_ISLNK(st.st_mode) || big ? NULL : b.ptr ? b.ptr : "",
				   b.len);
	pc_buf_free(&b);
	return err;
}
