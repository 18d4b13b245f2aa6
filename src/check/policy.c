/*
 * policy.c: whether a pushed config relaxes the trusted one (see policy.h).
 * The comparison is of meaning, not text: each setting is compared in the
 * direction that makes checks weaker, so reordering, comments and tightening
 * pass, and anything this file does not know how to rank counts as a
 * relaxation (fail closed).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/policy.h"
#include "pincheck/repo.h"

int pc_config_read_tree(pc_config *cfg, const char **path, git_repository *repo, git_tree *tree,
			const char *label)
{
	static const char *const names[] = { ".pincheck.yml", ".pincheck.yaml" };
	size_t i;
	int err = 1;

	pc_config_init(cfg);
	*path = NULL;
	for (i = 0; tree && i < 2 && err == 1; i++) {
		const git_tree_entry *te = git_tree_entry_byname(tree, names[i]);
		git_odb *odb = NULL;
		git_odb_object *obj = NULL;
		git_object_t type;
		size_t size;
		char name[256];
		if (!te)
			continue;
		*path = names[i];
		snprintf(name, sizeof(name), "%s%s%s", label ? label : "", label ? ":" : "", names[i]);
		if (git_tree_entry_type(te) != GIT_OBJECT_BLOB)
			return pc_error_set(PC_EUSAGE, "%s: not a file", name);
		if (git_repository_odb(&odb, repo) < 0)
			return pc_git_error(name);
		if (git_odb_read_header(&size, &type, odb, git_tree_entry_id(te)) < 0) {
			err = pc_git_error(name);
		} else if (size > PC_MAX_CONFIG) {
			err = pc_error_set(PC_EUSAGE, "%s: larger than 1 MiB", name);
		} else if (git_odb_read(&obj, odb, git_tree_entry_id(te)) < 0) {
			err = pc_git_error(name);
		} else {
			err = pc_config_parse(cfg, name, git_odb_object_data(obj),
					      git_odb_object_size(obj));
		}
		git_odb_object_free(obj);
		git_odb_free(odb);
	}
	return err;
}

/* What a compare step needs: both configs and the report callback. */
typedef struct {
	const pc_config *before, *now;
	pc_policy_cb cb;
	void *payload;
	int err;
} cmp;

static const pc_node *root_get(const pc_config *cfg, const char *key)
{
	return cfg->doc && cfg->doc->root ? pc_map_get(cfg->doc->root, key) : NULL;
}

static const pc_node *path_get(const pc_config *cfg, const char *key, const char *sub)
{
	const pc_node *n = root_get(cfg, key);
	return n && n->type == PC_NODE_MAP ? pc_map_get(n, sub) : n;
}

static void relaxed(cmp *c, const pc_node *at, const char *fmt, ...) PC_PRINTF(3, 4);

static void relaxed(cmp *c, const pc_node *at, const char *fmt, ...)
{
	pc_buf b = PC_BUF_INIT;
	va_list ap;
	if (c->err < 0)
		return;
	va_start(ap, fmt);
	pc_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	c->err = c->cb(at ? at->line : 0, at ? at->col : 0, b.ptr, c->payload);
	pc_buf_free(&b);
}

static bool has(const char *const *list, size_t n, const char *s)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

/* Each of `now`'s items that `before` lacks (additions). */
static void added(cmp *c, const char *const *before, size_t nb, const char *const *now, size_t nn,
		  const pc_node *at, const char *what)
{
	size_t i;
	for (i = 0; i < nn; i++)
		if (!has(before, nb, now[i]))
			relaxed(c, at && at->type == PC_NODE_SEQ && i < at->n ? at->items[i] : at,
				"%s '%s' added", what, now[i]);
}

static bool node_equal(const pc_node *a, const pc_node *b)
{
	size_t i;
	if (!a || !b)
		return a == b;
	if (a->type != b->type || a->n != b->n)
		return false;
	if (a->type == PC_NODE_SCALAR)
		return a->len == b->len && !memcmp(a->value, b->value, a->len);
	for (i = 0; i < a->n; i++)
		if (!node_equal(a->items[i], b->items[i]))
			return false;
	return true;
}

/* Keys of a rule that change only what a finding says, or its tests. */
static bool wording_key(const char *k)
{
	return !strcmp(k, "message") || !strcmp(k, "advice") || !strcmp(k, "tests");
}

/* A rule's meaning: every key but its wording and tests. */
static bool rule_equal(const pc_node *a, const pc_node *b)
{
	size_t i;
	if (a->type != PC_NODE_MAP || b->type != PC_NODE_MAP)
		return node_equal(a, b);
	for (i = 0; i < pc_map_size(a); i++) {
		const char *k = pc_map_key(a, i)->value;
		if (wording_key(k))
			continue;
		if (!node_equal(pc_map_value(a, i), pc_map_get(b, k)))
			return false;
	}
	for (i = 0; i < pc_map_size(b); i++) {
		const char *k = pc_map_key(b, i)->value;
		if (!wording_key(k) && !pc_map_get(a, k))
			return false;
	}
	return true;
}

static const char *rule_field(const pc_node *rule, const char *key)
{
	const pc_node *v = rule->type == PC_NODE_MAP ? pc_map_get(rule, key) : NULL;
	return v && v->type == PC_NODE_SCALAR ? v->value : NULL;
}

static const pc_node *rule_by_id(const pc_node *rules, const char *id)
{
	size_t i;
	for (i = 0; rules && rules->type == PC_NODE_SEQ && i < rules->n; i++) {
		const char *rid = rule_field(rules->items[i], "id");
		if (rid && !strcmp(rid, id))
			return rules->items[i];
	}
	return NULL;
}

/*
 * A rule of the repository wins ties over a built-in one, so a new rule
 * that reports less than an alias at error severity can hide one.
 */
static void compare_rules(cmp *c)
{
	const pc_node *old = root_get(c->before, "rules"), *now = root_get(c->now, "rules");
	size_t i;
	for (i = 0; now && now->type == PC_NODE_SEQ && i < now->n; i++) {
		const pc_node *r = now->items[i], *was;
		const char *id = rule_field(r, "id"), *cls = rule_field(r, "class");
		const char *sev = rule_field(r, "severity");
		if (!id)
			continue; /* pc_config_rules refuses it */
		if ((was = rule_by_id(old, id))) {
			if (!rule_equal(was, r))
				relaxed(c, r, "rule '%s' changed", id);
		} else if (!cls || strcmp(cls, "alias")) {
			relaxed(c, r, "rule '%s' added with class %s, which can take ids from the "
				"built-in alias rules", id, cls ? cls : "(none)");
		} else if (sev && strcmp(sev, "error")) {
			relaxed(c, r, "rule '%s' added with severity %s", id, sev);
		}
	}
	for (i = 0; old && old->type == PC_NODE_SEQ && i < old->n; i++) {
		const char *id = rule_field(old->items[i], "id");
		if (id && !rule_by_id(now, id))
			relaxed(c, now, "rule '%s' removed", id);
	}
}

/*
 * A catalog's facts replace the built-in ones (rules.h), in the order
 * listed: another file, one fewer or a new order can each move a
 * retirement later or drop it.
 */
static void compare_catalogs(cmp *c)
{
	const pc_config *b = c->before, *n = c->now;
	const pc_node *at = root_get(n, "catalogs");
	size_t i;
	added(c, b->catalogs, b->ncatalogs, n->catalogs, n->ncatalogs, at, "catalog file");
	for (i = 0; i < b->ncatalogs; i++)
		if (!has(n->catalogs, n->ncatalogs, b->catalogs[i]))
			relaxed(c, at, "catalog file '%s' removed: the lifecycle facts it holds would "
				"no longer apply", b->catalogs[i]);
	if (b->ncatalogs == n->ncatalogs) {
		for (i = 0; i < n->ncatalogs && !strcmp(b->catalogs[i], n->catalogs[i]); i++)
			;
		if (i < n->ncatalogs && has(b->catalogs, b->ncatalogs, n->catalogs[i]))
			relaxed(c, at, "catalogs reordered: a later file's facts win");
	}
}

/* One kind of date of an id, before and now: dropped or later relaxes. */
static int weaker_date(const char *id, const char *what, const char *was, const char *is,
		       pc_policy_cb cb, void *payload)
{
	pc_buf b = PC_BUF_INIT;
	int err;
	if (!was || (is && strcmp(is, was) <= 0))
		return 0;
	if (is)
		pc_buf_printf(&b, "the %s of %s moved from %s to %s", what, id, was, is);
	else
		pc_buf_printf(&b, "the %s of %s on %s dropped", what, id, was);
	err = cb(0, 0, b.ptr, payload);
	pc_buf_free(&b);
	return err;
}

int pc_policy_compare_facts(const pc_ruleset *before, const pc_ruleset *now, pc_policy_cb cb,
			    void *payload)
{
	size_t i;
	int err = 0;
	for (i = 0; i < before->nmodels && err >= 0; i++) {
		const pc_model *was = &before->models[i], *is = NULL;
		size_t j;
		for (j = 0; j < now->nmodels && !is; j++)
			if (!strcmp(now->models[j].id, was->id))
				is = &now->models[j];
		err = weaker_date(was->id, "retirement", was->retires, is ? is->retires : NULL, cb,
				  payload);
		if (err >= 0)
			err = weaker_date(was->id, "deprecation", was->deprecated,
					  is ? is->deprecated : NULL, cb, payload);
	}
	return err;
}

/* eval.metrics: a minimum removed or lowered lets a weaker score-only
 * result pass (one added is stricter). */
static void compare_metrics(cmp *c)
{
	const pc_config *b = c->before, *n = c->now;
	size_t i, j;
	for (i = 0; i < b->neval_metrics; i++) {
		for (j = 0; j < n->neval_metrics; j++)
			if (!strcmp(b->eval_metrics[i].name, n->eval_metrics[j].name))
				break;
		if (j == n->neval_metrics)
			relaxed(c, path_get(n, "eval", "metrics"), "eval.metrics.%s removed",
				b->eval_metrics[i].name);
		else if (n->eval_metrics[j].min < b->eval_metrics[i].min)
			relaxed(c, path_get(n, "eval", "metrics"), "eval.metrics.%s lowered from %g to %g",
				b->eval_metrics[i].name, b->eval_metrics[i].min, n->eval_metrics[j].min);
	}
}

int pc_policy_compare(const pc_config *before, const pc_config *now, pc_policy_cb cb,
		      void *payload)
{
	const pc_config *b = before, *n = now;
	cmp c = { before, now, cb, payload, 0 };
	size_t i;

	if (b->default_rules && !n->default_rules)
		relaxed(&c, root_get(n, "default_rules"), "default_rules turned off");
	added(&c, b->disable, b->ndisable, n->disable, n->ndisable, root_get(n, "disable"),
	      "disabled rule");
	compare_rules(&c);
	added(&c, b->exclude, b->nexclude, n->exclude, n->nexclude, path_get(n, "paths", "exclude"),
	      "paths.exclude glob");
	/* data files are skipped: more of them is less checked */
	added(&c, b->data, b->ndata, n->data, n->ndata, path_get(n, "paths", "data"),
	      "paths.data glob");
	if (!b->ninclude && n->ninclude)
		relaxed(&c, path_get(n, "paths", "include"),
			"paths.include set: files outside it are no longer checked");
	for (i = 0; b->ninclude && i < b->ninclude; i++)
		if (!has(n->include, n->ninclude, b->include[i]))
			relaxed(&c, path_get(n, "paths", "include"), "paths.include glob '%s' removed",
				b->include[i]);
	for (i = 0; i < PC_KIND__COUNT; i++)
		if (n->severity[i] < b->severity[i])
			relaxed(&c, path_get(n, "severity", pc_kind_name((pc_kind)i)),
				"severity of %s lowered to %s", pc_kind_name((pc_kind)i),
				pc_severity_name(n->severity[i]));
	if (b->napproved && !n->napproved)
		relaxed(&c, root_get(n, "approved"),
			"approved list emptied: any pinned id could be introduced");
	if (b->eval_for_bump && !n->eval_for_bump)
		relaxed(&c, path_get(n, "eval", "require_for"), "eval.require_for no longer has bump");
	if (b->eval_for_new && !n->eval_for_new)
		relaxed(&c, path_get(n, "eval", "require_for"), "eval.require_for no longer has new");
	if (strcmp(b->eval_dir, n->eval_dir))
		relaxed(&c, path_get(n, "eval", "dir"), "eval.dir moved from '%s' to '%s'", b->eval_dir,
			n->eval_dir);
	added(&c, b->eval_allow_urls, b->neval_allow_urls, n->eval_allow_urls, n->neval_allow_urls,
	      path_get(n, "eval", "allow_urls"), "eval.allow_urls pattern");
	if (n->eval_max_age_days > b->eval_max_age_days)
		relaxed(&c, path_get(n, "eval", "max_age_days"), "eval.max_age_days raised from %ld to %ld",
			b->eval_max_age_days, n->eval_max_age_days);
	if (n->eval_min_pass_rate < b->eval_min_pass_rate)
		relaxed(&c, path_get(n, "eval", "min_pass_rate"),
			"eval.min_pass_rate lowered from %g to %g", b->eval_min_pass_rate,
			n->eval_min_pass_rate);
	if (n->eval_max_regression > b->eval_max_regression)
		relaxed(&c, path_get(n, "eval", "max_regression"),
			"eval.max_regression raised from %g to %g", b->eval_max_regression,
			n->eval_max_regression);
	compare_metrics(&c);
	/* a baseline exempts findings: a new one, or another file, relaxes */
	if (n->baseline && (!b->baseline || strcmp(b->baseline, n->baseline)))
		relaxed(&c, root_get(n, "baseline"), "baseline '%s' set: the findings it holds "
			"would no longer be reported", n->baseline);
	compare_catalogs(&c);
	if (n->drill_every_days > b->drill_every_days)
		relaxed(&c, path_get(n, "drill", "every_days"), "drill.every_days raised from %ld to %ld",
			b->drill_every_days, n->drill_every_days);
	if (n->drill_warn_days < b->drill_warn_days)
		relaxed(&c, path_get(n, "drill", "warn_before_retirement_days"),
			"drill.warn_before_retirement_days lowered from %ld to %ld", b->drill_warn_days,
			n->drill_warn_days);
	return c.err;
}
