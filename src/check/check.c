/*
 * check.c: references to findings (see check.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "pincheck/buf.h"
#include "pincheck/check.h"
#include "pincheck/common.h"
#include "pincheck/date.h"
#include "pincheck/glob.h"
#include "pincheck/limits.h"

int pc_check_init(pc_check *c, const pc_check_opts *o, pc_findings *out)
{
	memset(c, 0, sizeof(*c));
	c->o = o;
	c->out = out;
	out->max_size = o->max_size;
	return pc_matcher_new(&c->m, o->rs);
}

void pc_check_free(pc_check *c)
{
	pc_matcher_free(c->m);
	c->m = NULL;
}

bool pc_check_want(const pc_check_opts *o, const char *path)
{
	size_t i;
	if (o->cfg && pc_config_excluded(o->cfg, path))
		return false;
	if (!o->npathspecs)
		return true;
	for (i = 0; i < o->npathspecs; i++) {
		const char *p = o->pathspecs[i];
		size_t n = strlen(p);
		while (n && p[n - 1] == '/')
			n--;
		if (!n || (!strncmp(path, p, n) && (path[n] == '\0' || path[n] == '/')) ||
		    pc_glob_match(p, path))
			return true;
	}
	return false;
}

static bool want_cb(const char *path, void *payload)
{
	const pc_check *c = payload;
	return pc_check_want(c->o, path);
}

/*
 * A finding's message is two sentences (issue 12): why the reference
 * matters, then what to do about it. The why of an alias or no-snapshot
 * finding is its rule's `message`; the what is a live pin when one is
 * known, else the rule's `advice`, else the kind's default below.
 */
#define ALIAS_ADVICE "Pin a dated snapshot."
#define NO_SNAPSHOT_ADVICE "Record the model version you validated with your eval."

/* Append sentence `s`, ending it with a full stop if it has none. */
static void sentence(pc_buf *msg, const char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
		n--;
	if (!n)
		return;
	if (msg->len)
		pc_buf_putc(msg, ' ');
	pc_buf_put(msg, s, n);
	if (!strchr(".!?", s[n - 1]))
		pc_buf_putc(msg, '.');
}

/* What to do about a pin that the catalog says is going or gone. */
static void migrate(pc_buf *msg, const pc_model *life)
{
	if (life->replacement)
		pc_buf_printf(msg, " Migrate to %s and link its eval result.", life->replacement);
	else
		pc_buf_puts(msg, " Migrate to a current model and link its eval result.");
}

/* Kind and why for one reference; false when it is no finding. The what
 * of an alias and a no-snapshot reference is advise()'s. */
static bool classify(const pc_check *c, const pc_rule *r, const char *model, pc_kind *kind,
		     pc_buf *msg)
{
	const pc_model *life;
	switch (r->cls) {
	case PC_CLASS_ALIAS:
		*kind = PC_KIND_ALIAS;
		if (r->message)
			sentence(msg, r->message);
		else
			pc_buf_printf(msg, "%s is a floating alias: the provider can repoint it "
				      "without notice.", model);
		return true;
	case PC_CLASS_NO_SNAPSHOT:
		*kind = PC_KIND_NO_SNAPSHOT;
		if (r->message)
			sentence(msg, r->message);
		else
			pc_buf_printf(msg, "%s has no pinnable snapshot.", model);
		return true;
	case PC_CLASS_PINNED:
		if (!(life = pc_ruleset_model(c->o->rs, model)))
			return false;
		if (life->retires && strcmp(life->retires, c->o->today) <= 0) {
			/* every call to it fails: an error, not a warning */
			*kind = PC_KIND_RETIRED;
			pc_buf_printf(msg, "%s was retired on %s: calls to it fail.", model,
				      life->retires);
		} else if (life->deprecated && strcmp(life->deprecated, c->o->today) <= 0) {
			*kind = PC_KIND_DEPRECATED;
			pc_buf_printf(msg, "%s is deprecated since %s%s%s.", model, life->deprecated,
				      life->retires ? " and retires on " : "",
				      life->retires ? life->retires : "");
		} else {
			return false;
		}
		migrate(msg, life);
		return true;
	case PC_CLASS_MASK: /* never a reference (match.c keeps them apart) */
		return false;
	}
	return false;
}

/* What to do about an alias with no live pin, or a no-snapshot reference. */
static void advise(const pc_rule *r, pc_kind kind, pc_buf *msg)
{
	if (r->advice)
		sentence(msg, r->advice);
	else
		sentence(msg, kind == PC_KIND_ALIAS ? ALIAS_ADVICE : NO_SNAPSHOT_ADVICE);
}

/*
 * Suggestions are alive (SPEC section 1): the pin is the snapshot the alias
 * points to today, so pinning keeps behaviour. One that retires soon is
 * suggested with its date; one that has retired is not suggested at all:
 * no pin keeps the old behaviour, and the catalog's replacement is the
 * target of a migration. Returns the pin to suggest, or NULL.
 */
static const char *suggest_alive(const pc_check *c, const char *model, const char *pin,
				 pc_buf *msg)
{
	const pc_model *life = pc_ruleset_model(c->o->rs, pin);
	long today = pc_days_from_date(c->o->today), retires;
	if (!life || !life->retires || (retires = pc_days_from_date(life->retires)) < 0) {
		pc_buf_printf(msg, " Pin %s.", pin);
		return pin;
	}
	if (retires <= today) { /* the rule's reason to pin no longer holds */
		pc_buf_clear(msg);
		pc_buf_printf(msg, "%s, the snapshot %s pointed to, retired on %s: no pin keeps "
			      "the old behaviour.", pin, model, life->retires);
		migrate(msg, life);
		return NULL;
	}
	if (retires - today <= c->o->cfg->drill_warn_days)
		pc_buf_printf(msg, " Pin %s (it retires on %s).", pin, life->retires);
	else
		pc_buf_printf(msg, " Pin %s.", pin);
	return pin;
}

/* A finding at the reference of `h`, which takes `model`. */
static pc_finding *finding_at(pc_check *c, const pc_hit *h, char *model)
{
	pc_finding *x = pc_findings_add(c->out);
	x->rule = pc_strdup(h->ref->rule->id);
	x->model = model;
	x->path = pc_strdup(h->path);
	x->line = h->line;
	x->col = h->col;
	x->span = h->ref->end - h->ref->start;
	x->prose = h->prose;
	x->suppressed = h->suppressed;
	return x;
}

/* The change a finding belongs to, if any. */
static void attribute(pc_finding *x, const pc_change_at *at)
{
	if (!at)
		return;
	x->commit = pc_strdup(at->commit);
	x->subject = pc_strdup(at->subject);
	x->ref = pc_strdup(at->ref);
}

static int hit_cb(const pc_hit *h, void *payload)
{
	pc_check *c = payload;
	const pc_rule *r = h->ref->rule;
	size_t len = h->ref->end - h->ref->start;
	char *model = pc_strndup(h->text + h->ref->start, len);
	pc_buf msg = PC_BUF_INIT;
	pc_kind kind;
	pc_severity sev;
	pc_finding *x;
	const char *suggest;
	pc_role role;

	role = c->in_data ? PC_ROLE_DATA : pc_role_of(h, &c->roles);
	if (c->o->what & PC_CHECK_EVERY_REF) {
		x = finding_at(c, h, model);
		x->severity = PC_SEV_OFF;
		x->role = role;
		return 0;
	}
	if (role != PC_ROLE_CHOICE) { /* only a choice raises a finding */
		free(model);
		return 0;
	}
	if (!classify(c, r, model, &kind, &msg)) {
		free(model);
		pc_buf_free(&msg);
		return 0;
	}
	sev = r->severity != PC_SEV_DEFAULT ? r->severity : c->o->cfg->severity[kind];
	if (sev == PC_SEV_OFF) {
		free(model);
		pc_buf_free(&msg);
		return 0;
	}
	suggest = kind == PC_KIND_ALIAS ? pc_rule_suggest(r, model, len) : NULL;
	if (suggest)
		suggest = suggest_alive(c, model, suggest, &msg);
	else if (kind == PC_KIND_ALIAS || kind == PC_KIND_NO_SNAPSHOT)
		advise(r, kind, &msg);
	x = finding_at(c, h, model);
	x->kind = kind;
	x->severity = sev;
	x->provider = pc_strdup(r->provider);
	x->suggest = pc_strdup(suggest);
	attribute(x, c->at);
	x->message = pc_buf_detach(&msg);
	x->source = pc_source_excerpt(h->text, h->text_len, h->ref->start, &x->source_col);
	return 0;
}

/* Is `path` the repository's own pincheck configuration file? */
static bool is_config_path(const char *path)
{
	return !strcmp(path, ".pincheck.yml") || !strcmp(path, ".pincheck.yaml");
}

bool pc_in_eval_dir(const pc_config *cfg, const char *path)
{
	size_t n = strlen(cfg->eval_dir);
	while (n && cfg->eval_dir[n - 1] == '/')
		n--;
	return !strncmp(path, cfg->eval_dir, n) && path[n] == '/';
}

/* Names of files that hold code or config: a skipped one may hide a
 * model choice, so the server says so. */
static bool source_like(const char *path)
{
	static const char *const ext[] = {
		"py", "pyi", "ipynb", "js", "mjs", "cjs", "jsx", "ts", "tsx", "java", "kt", "kts",
		"go", "rs", "rb", "php", "cs", "swift", "scala", "c", "h", "cc", "cpp", "hpp", "sh",
		"bash", "zsh", "ps1", "lua", "r", "ex", "exs", "dart", "vue", "svelte", "sql", "tf",
		"hcl", "yaml", "yml", "json", "jsonc", "toml", "ini", "cfg", "conf", "env",
		"properties", "xml", "html", "md", "mdx", "txt", NULL
	};
	const char *base = strrchr(path, '/'), *dot;
	size_t i;
	base = base ? base + 1 : path;
	if (!strcmp(base, "Dockerfile") || !strcmp(base, "Makefile") || !strncmp(base, ".env", 4))
		return true;
	if (!(dot = strrchr(base, '.')))
		return false;
	for (i = 0; ext[i]; i++)
		if (!strcasecmp(dot + 1, ext[i]))
			return true;
	return false;
}

static int skipped(pc_check *c, const pc_file *f, const char *why)
{
	pc_finding *x;
	pc_buf msg = PC_BUF_INIT;
	pc_severity sev = c->o->cfg->severity[PC_KIND_SKIPPED];
	if (!(c->o->what & PC_CHECK_WARN_SKIPPED) || sev == PC_SEV_OFF || !source_like(f->path))
		return 0;
	pc_buf_printf(&msg, "%s was not checked: %s. A model choice in it would not be seen.",
		      f->path, why);
	x = pc_findings_add(c->out);
	x->kind = PC_KIND_SKIPPED;
	x->severity = sev;
	x->path = pc_strdup(f->path);
	attribute(x, c->at);
	x->message = pc_buf_detach(&msg);
	return 0;
}

/* The alias models a file's findings name, and how many references of
 * each the file holds now and before the change. */
typedef struct {
	const char **model;
	size_t *count[2]; /* [0]: now, [1]: before */
	size_t n, side;
} alias_counts;

static size_t alias_index(const alias_counts *a, const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < a->n; i++)
		if (strlen(a->model[i]) == len && !memcmp(a->model[i], s, len))
			return i;
	return a->n;
}

static int count_cb(const pc_hit *h, void *payload)
{
	alias_counts *a = payload;
	size_t i;
	if (h->ref->rule->cls != PC_CLASS_ALIAS)
		return 0;
	i = alias_index(a, h->text + h->ref->start, h->ref->end - h->ref->start);
	if (i < a->n)
		a->count[a->side][i]++;
	return 0;
}

/*
 * New aliases only (SPEC section 1): an alias on a line a change adds is
 * new unless the file's old version held as many references of it, so
 * editing or moving a line that held one is not refused, while another
 * copy is. c->out's findings from `first` on are this file's; of each
 * alias's, the first (now - before) stay. One scan of each version counts
 * every alias at once.
 */
static int only_new_aliases(pc_check *c, const pc_file *f, size_t first)
{
	pc_findings *out = c->out;
	size_t i, k, kept = first, n = out->n - first, *idx;
	alias_counts a;
	int err = 0;

	memset(&a, 0, sizeof(a));
	idx = pc_calloc(n + 1, sizeof(*idx));
	a.model = pc_calloc(n + 1, sizeof(*a.model));
	a.count[0] = pc_calloc(n + 1, sizeof(size_t));
	a.count[1] = pc_calloc(n + 1, sizeof(size_t));
	for (i = first; i < out->n; i++) {
		const pc_finding *x = &out->items[i];
		if (x->kind == PC_KIND_ALIAS && alias_index(&a, x->model, strlen(x->model)) == a.n)
			a.model[a.n++] = x->model;
	}
	if (a.n) {
		err = pc_scan_buffer(c->m, f->path, f->data, f->len, NULL, 0, false, count_cb, &a);
		a.side = 1;
		if (err >= 0 && f->old_data)
			err = pc_scan_buffer(c->m, f->old_path ? f->old_path : f->path, f->old_data,
					     f->old_len, NULL, 0, false, count_cb, &a);
	}
	/* each finding's alias, before any is freed (a.model borrows their
	 * strings) */
	for (i = first; i < out->n; i++)
		idx[i - first] = out->items[i].kind == PC_KIND_ALIAS
					 ? alias_index(&a, out->items[i].model,
						       strlen(out->items[i].model))
					 : a.n;
	for (i = first; i < out->n; i++) {
		pc_finding *x = &out->items[i];
		if (err >= 0 && (k = idx[i - first]) < a.n) {
			if (a.count[0][k] > a.count[1][k]) {
				a.count[0][k]--; /* one more new reference kept */
			} else {
				pc_findings_item_free(x);
				continue;
			}
		}
		out->items[kept++] = *x;
	}
	out->n = kept;
	free(idx);
	free(a.model);
	free(a.count[0]);
	free(a.count[1]);
	return err;
}

/* A baseline is pincheck's own record of findings, not a use of the models
 * it names: the file the config names, or one that starts as
 * pc_baseline_write writes it (one given with --baseline). */
static bool is_baseline_file(const pc_config *cfg, const pc_file *f)
{
	static const char *const heads[] = { "{\"version\": 2, \"findings\": [",
					     "{\"version\": 1, \"fingerprints\": [" };
	const char *p = cfg->baseline;
	size_t i;
	while (p && p[0] == '.' && p[1] == '/')
		p += 2;
	if (p && !strcmp(p, f->path))
		return true;
	for (i = 0; i < 2; i++)
		if (f->data && f->len >= strlen(heads[i]) &&
		    !memcmp(f->data, heads[i], strlen(heads[i])))
			return true;
	return false;
}

static int file_cb(const pc_file *f, void *payload)
{
	pc_check *c = payload;
	const pc_check_opts *o = c->o;
	pc_pin_changes *pins = c->at ? c->at->pins : NULL;
	size_t first;
	int err;
	if ((o->what & PC_CHECK_EVERY_REF) && is_config_path(f->path))
		return 0; /* the approved list is policy, not use */
	if ((o->what & PC_CHECK_SKIP_EVAL_DIR) && pc_in_eval_dir(o->cfg, f->path))
		return 0;
	if (f->submodule) {
		c->out->submodules_skipped++;
		return 0;
	}
	/* recorded data chooses nothing: skipped and counted; inventories
	 * still list what it names. Eval results record which models were
	 * evaluated against which baseline: data too. */
	c->in_data = pc_config_is_data(o->cfg, f->path) || pc_in_eval_dir(o->cfg, f->path);
	if (c->in_data && !(o->what & PC_CHECK_EVERY_REF)) {
		c->out->data_skipped++;
		return 0;
	}
	if (f->too_large) {
		char why[128];
		c->out->large_skipped++;
		snprintf(why, sizeof(why), "it is %zu bytes, larger than the size limit of %zu bytes",
			 f->len, o->max_size ? o->max_size : PC_MAX_FILE_SIZE);
		return skipped(c, f, why);
	}
	if (pc_is_binary(f->data, f->len)) {
		c->out->binary_skipped++;
		return skipped(c, f, "it has a NUL byte in its first 8000 bytes, so it counts as binary");
	}
	c->out->files++;
	if (is_baseline_file(o->cfg, f))
		return 0;
	/* The configuration is pincheck's own file: its rule tests and
	 * approved list are not model choices, but approving is a pin change. */
	if (is_config_path(f->path)) {
		if (!pins || !f->lines)
			return 0;
		return pc_pin_changes_add_config(pins, c->m, f->path, f->old_data, f->old_len,
						 f->data, f->len);
	}
	first = c->out->n;
	pc_role_file_init(&c->roles);
	if ((o->what & PC_CHECK_REFS) &&
	    (err = pc_scan_buffer(c->m, f->path, f->data, f->len, f->lines, f->nlines,
				  (o->what & PC_CHECK_PROSE) != 0, hit_cb, c)) < 0)
		return err;
	if (c->at && f->lines && c->out->n > first && (err = only_new_aliases(c, f, first)) < 0)
		return err;
	if (pins && f->lines && !pc_in_eval_dir(o->cfg, f->path))
		return pc_pin_changes_add_file(pins, c->m, f);
	return 0;
}

pc_visitor pc_check_visitor(pc_check *c, const pc_change_at *at)
{
	pc_visitor v;
	c->at = at;
	v.want = want_cb;
	v.file = file_cb;
	v.payload = c;
	v.max_size = c->o->max_size;
	v.defer_blobs = false;
	return v;
}
