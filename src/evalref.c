/*
 * evalref.c: checking one eval reference (see evalref.h). The file comes
 * from the tree or index being committed, never from the working tree: what
 * is checked is what is committed.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/doc.h"
#include "pincheck/evalref.h"
#include "pincheck/repo.h"
#include "pincheck/rules.h"

/* An eval result is a small document; a huge one is a mistake or an attack. */
#define MAX_EVAL_FILE (1024 * 1024)

static void problem(pc_eval *e, const char *fmt, ...) PC_PRINTF(2, 3);

static void problem(pc_eval *e, const char *fmt, ...)
{
	pc_buf b = PC_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	pc_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	e->problems = pc_realloc(e->problems, (e->nproblems + 1) * sizeof(char *));
	e->problems[e->nproblems++] = pc_buf_detach(&b);
}

long pc_days_from_date(const char *s)
{
	long y, m, d, era, yoe, doy, doe;
	char day[11];
	if (strlen(s) < 10)
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!pc_date_valid(day))
		return -1;
	y = atol(day);
	m = (day[5] - '0') * 10 + (day[6] - '0');
	d = (day[8] - '0') * 10 + (day[9] - '0');
	/* days from civil (proleptic Gregorian), H. Hinnant's algorithm */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void pc_date_from_days(long day, char out[11])
{
	/* civil from days (H. Hinnant), the inverse of pc_days_from_date */
	long z = day + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9);
	char buf[64];
	snprintf(buf, sizeof(buf), "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

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

static void check_url(pc_eval *e, const pc_eval_ctx *ctx)
{
	size_t i;
	for (i = 0; i < ctx->cfg->neval_allow_urls; i++) {
		int errcode;
		PCRE2_SIZE erroff;
		pcre2_code *re = pcre2_compile((PCRE2_SPTR)ctx->cfg->eval_allow_urls[i],
					       PCRE2_ZERO_TERMINATED, 0, &errcode, &erroff, NULL);
		pcre2_match_data *md;
		int rc;
		if (!re)
			continue; /* the config loader already refused bad patterns */
		md = pcre2_match_data_create_from_pattern(re, NULL);
		rc = pcre2_match(re, (PCRE2_SPTR)e->ref, strlen(e->ref), 0, PCRE2_ANCHORED, md, NULL);
		pcre2_match_data_free(md);
		pcre2_code_free(re);
		if (rc >= 0)
			return;
	}
	problem(e, "the URL %s is not allowed by eval.allow_urls%s", e->ref,
		ctx->cfg->neval_allow_urls ? "" : " (empty: URLs are not accepted)");
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

/* Find the blob for `path` in the tree or index; a problem if it is
 * missing, a symlink, or reached through one. */
static int find_blob(git_blob **out, pc_eval *e, const pc_eval_ctx *ctx, const char *path)
{
	pc_buf prefix = PC_BUF_INIT;
	const char *p;
	git_oid id;
	unsigned mode = 0;
	int found = 0;

	*out = NULL;
	if (ctx->tree) {
		git_tree_entry *te;
		if (git_tree_entry_bypath(&te, ctx->tree, path) == 0) {
			id = *git_tree_entry_id(te);
			mode = git_tree_entry_filemode(te);
			found = 1;
			git_tree_entry_free(te);
		}
	} else {
		const git_index_entry *ie = git_index_get_bypath(ctx->index, path, 0);
		if (ie) {
			id = ie->id;
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
				return 0;
			}
		}
		pc_buf_free(&prefix);
		problem(e, "%s does not exist in the %s", e->ref,
			ctx->tree ? "commit's tree" : "index being committed (git add it)");
		return 0;
	}
	pc_buf_free(&prefix);
	if (mode == GIT_FILEMODE_LINK) {
		problem(e, "%s is a symlink; eval files must be real files", e->ref);
		return 0;
	}
	if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
		problem(e, "%s is not a file", e->ref);
		return 0;
	}
	if (git_blob_lookup(out, ctx->repo, &id) < 0)
		return pc_git_error(path);
	return 0;
}

static void add_model(pc_eval *e, const char *m)
{
	e->models = pc_realloc(e->models, (e->nmodels + 1) * sizeof(char *));
	e->models[e->nmodels++] = pc_strdup(m);
}

static const char *scalar(const pc_node *n)
{
	return n && n->type == PC_NODE_SCALAR && strlen(n->value) == n->len ? n->value : NULL;
}

/* The document's fields, each missing or wrong one a problem. */
static void check_doc(pc_eval *e, const pc_eval_ctx *ctx, const pc_doc *doc)
{
	const pc_node *root = doc->root, *v;
	const char *s;
	size_t i;
	long day;

	if (!root || root->type != PC_NODE_MAP) {
		problem(e, "%s is not a mapping of fields (model, suite, date, status)", e->ref);
		return;
	}
	if ((s = scalar(pc_map_get(root, "model"))) && *s)
		add_model(e, s);
	if ((v = pc_map_get(root, "models")) && v->type == PC_NODE_SEQ)
		for (i = 0; i < v->n; i++)
			if ((s = scalar(v->items[i])) && *s)
				add_model(e, s);
	if (!e->nmodels)
		problem(e, "%s names no model: add `model: <pinned id>` (or `models: [...]`)", e->ref);
	if (!(s = scalar(pc_map_get(root, "suite"))) || !*s)
		problem(e, "%s has no `suite`", e->ref);
	v = pc_map_get(root, "status");
	if (!(s = scalar(v)))
		problem(e, "%s has no `status` (pass or fail)", e->ref);
	else if (!strcmp(s, "fail"))
		problem(e, "%s records a failing eval (status: fail)", e->ref);
	else if (strcmp(s, "pass"))
		problem(e, "%s has status '%s'; it must be pass", e->ref, s);
	v = pc_map_get(root, "date");
	if (!(s = scalar(v))) {
		problem(e, "%s has no `date` (YYYY-MM-DD)", e->ref);
	} else if ((day = pc_days_from_date(s)) < 0 || (s[10] && s[10] != 'T' && s[10] != ' ')) {
		problem(e, "%s: date '%s' is not an ISO 8601 date (YYYY-MM-DD)", e->ref, s);
	} else if (day > ctx->commit_day) {
		problem(e, "%s is dated %.10s, after the commit's date", e->ref, s);
	} else if (ctx->commit_day - day > ctx->cfg->eval_max_age_days) {
		problem(e, "%s is dated %.10s, %ld days before the commit; eval.max_age_days is %ld",
			e->ref, s, ctx->commit_day - day, ctx->cfg->eval_max_age_days);
	}
}

/* The eval result's bytes, `name` its path in messages: a problem for each
 * thing wrong with it. Shared by the tree and the in-memory reader. */
static void read_doc(pc_eval *e, const pc_eval_ctx *ctx, const char *name, const char *buf,
		     size_t len)
{
	pc_doc *doc = NULL;
	if (len > MAX_EVAL_FILE) {
		problem(e, "%s is larger than 1 MiB; an eval result is a small summary", e->ref);
		return;
	}
	if (pc_doc_parse(&doc, name, buf, len) < 0) {
		problem(e, "%s does not parse as YAML or JSON: %s", e->ref, pc_error_last());
		return;
	}
	check_doc(e, ctx, doc);
	pc_doc_free(doc);
}

void pc_eval_read(pc_eval *out, const pc_eval_ctx *ctx, const char *ref, const char *buf,
		  size_t len)
{
	memset(out, 0, sizeof(*out));
	out->ref = pc_strdup(ref);
	read_doc(out, ctx, ref, buf, len);
}

int pc_eval_check(pc_eval *out, const pc_eval_ctx *ctx, const char *ref)
{
	pc_buf path = PC_BUF_INIT;
	git_blob *blob = NULL;
	int err = 0;

	memset(out, 0, sizeof(*out));
	out->ref = pc_strdup(ref);
	if (!*ref) {
		problem(out, "the eval trailer is empty; give the path of an eval result");
		return 0;
	}
	if ((out->is_url = is_url(ref))) {
		check_url(out, ctx);
		return 0;
	}
	if (!clean_path(out, ctx, &path))
		goto out;
	if ((err = find_blob(&blob, out, ctx, path.ptr)) < 0 || !blob)
		goto out;
	read_doc(out, ctx, path.ptr, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
out:
	git_blob_free(blob);
	pc_buf_free(&path);
	return err;
}

bool pc_eval_covers(const pc_eval *e, const char *model)
{
	size_t i;
	if (e->nproblems)
		return false;
	if (e->is_url)
		return true;
	for (i = 0; i < e->nmodels; i++)
		if (!strcmp(e->models[i], model))
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
	memset(e, 0, sizeof(*e));
}
