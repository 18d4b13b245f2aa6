/*
 * merge.c: many repositories' inventories as one (see merge.h). Every
 * model of every input becomes one record; one sort by provider, model,
 * class and repository then puts each row's records side by side, so that
 * a thousand inventories of two hundred models cost n log n, not a scan of
 * the rows for each record.
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/date.h"
#include "pincheck/doc.h"
#include "pincheck/merge.h"
#include "pincheck/rules.h"

struct pc_merge_rec {
	size_t in;                /* index in m->inputs */
	size_t rank;              /* its input's place by repository, revision */
	char *model, *provider;
	const char *cls;          /* pc_class_name's */
	const char *drill;        /* a name of statuses[], or NULL */
	char deprecated[11], retires[11];
	char *replacement;
	size_t count;
	size_t roles[PC_MERGE_ROLES];
};

/* Least grave first: pc_drill_status_rank is the index. */
static const char *const statuses[] = { "ok", "no-eval", "overdue", "retiring", "retired" };

int pc_drill_status_rank(const char *status)
{
	int i;
	for (i = 0; status && i < (int)(sizeof(statuses) / sizeof(statuses[0])); i++)
		if (!strcmp(status, statuses[i]))
			return i;
	return -1;
}

static bool is_null(const pc_node *n)
{
	return n && n->type == PC_NODE_SCALAR && n->plain && !strcmp(n->value, "null");
}

/* The string at `key` of `map`: NULL when absent or null (an error when
 * `required`), else it must be a scalar. */
static int string_at(const char **out, const pc_doc *doc, const pc_node *map, const char *key,
		     bool required)
{
	const pc_node *v = pc_map_get(map, key);
	*out = NULL;
	if (!v || is_null(v)) {
		if (!required)
			return 0;
		return pc_doc_error(doc, v ? v : map, "\"%s\" is missing: is this the output of "
				    "`pincheck --format json pins`?", key);
	}
	if (pc_doc_scalar(out, doc, v, key) < 0)
		return PC_EUSAGE;
	if (required && !**out)
		return pc_doc_error(doc, v, "\"%s\" is empty", key);
	return 0;
}

static int date_at(char out[11], const pc_doc *doc, const pc_node *map, const char *key)
{
	const char *s;
	*out = '\0';
	if (string_at(&s, doc, map, key, false) < 0)
		return PC_EUSAGE;
	if (!s)
		return 0;
	if (!pc_date_valid(s))
		return pc_doc_error(doc, pc_map_get(map, key), "\"%s\" is not a YYYY-MM-DD date: %s",
				    key, s);
	memcpy(out, s, 11);
	return 0;
}

static int class_at(const char **out, const pc_doc *doc, const pc_node *map)
{
	const char *s;
	int k;
	if (string_at(&s, doc, map, "class", true) < 0)
		return PC_EUSAGE;
	for (k = PC_CLASS_ALIAS; k <= PC_CLASS_NO_SNAPSHOT; k++) {
		if (!strcmp(s, pc_class_name((pc_class)k))) {
			*out = pc_class_name((pc_class)k);
			return 0;
		}
	}
	return pc_doc_error(doc, pc_map_get(map, "class"), "unknown class '%s' (alias, pinned or "
			    "no-snapshot)", s);
}

static int drill_at(const char **out, const pc_doc *doc, const pc_node *map)
{
	const char *s;
	int k;
	*out = NULL;
	if (string_at(&s, doc, map, "drill", false) < 0)
		return PC_EUSAGE;
	if (!s)
		return 0;
	if ((k = pc_drill_status_rank(s)) < 0)
		return pc_doc_error(doc, pc_map_get(map, "drill"), "unknown drill status '%s' "
				    "(ok, no-eval, overdue, retiring or retired)", s);
	*out = statuses[k];
	return 0;
}

/* Count the references of a model's "locations" by role. */
static int count_roles(pc_merge_rec *r, const pc_doc *doc, const pc_node *model)
{
	const pc_node *locs = pc_map_get(model, "locations");
	const char *role;
	size_t i;
	int k;
	if (!locs || locs->type != PC_NODE_SEQ)
		return pc_doc_error(doc, locs ? locs : model, "\"locations\" must be a list");
	for (i = 0; i < locs->n; i++) {
		if (locs->items[i]->type != PC_NODE_MAP)
			return pc_doc_error(doc, locs->items[i], "a location must be a mapping, not %s",
					    pc_node_kind(locs->items[i]));
		if (string_at(&role, doc, locs->items[i], "role", true) < 0)
			return PC_EUSAGE;
		for (k = 0; k < PC_MERGE_ROLES && strcmp(role, pc_role_name((pc_role)k)); k++)
			;
		if (k == PC_MERGE_ROLES)
			return pc_doc_error(doc, pc_map_get(locs->items[i], "role"), "unknown role '%s' "
					    "(choice, mention, data or prose)", role);
		r->roles[k]++;
	}
	r->count = locs->n;
	return 0;
}

static void rec_free(pc_merge_rec *r)
{
	free(r->model);
	free(r->provider);
	free(r->replacement);
}

static int add_model(pc_merge *m, const pc_doc *doc, const pc_node *model)
{
	pc_merge_rec r;
	const char *id, *provider, *replacement;
	memset(&r, 0, sizeof(r));
	r.in = m->ninputs - 1;
	if (model->type != PC_NODE_MAP)
		return pc_doc_error(doc, model, "a model must be a mapping, not %s",
				    pc_node_kind(model));
	if (string_at(&id, doc, model, "model", true) < 0 ||
	    string_at(&provider, doc, model, "provider", true) < 0 ||
	    class_at(&r.cls, doc, model) < 0 || drill_at(&r.drill, doc, model) < 0 ||
	    date_at(r.deprecated, doc, model, "deprecated") < 0 ||
	    date_at(r.retires, doc, model, "retires") < 0 ||
	    string_at(&replacement, doc, model, "replacement", false) < 0 ||
	    count_roles(&r, doc, model) < 0)
		return PC_EUSAGE;
	r.model = pc_strdup(id);
	r.provider = pc_strdup(provider);
	r.replacement = replacement ? pc_strdup(replacement) : NULL;
	PC_GROW(m->recs, m->arecs, m->nrecs + 1);
	m->recs[m->nrecs++] = r;
	return 0;
}

static int add_doc(pc_merge *m, const char *path, const pc_doc *doc)
{
	const pc_node *root = doc->root, *v, *models;
	const char *repository, *revision, *today;
	pc_merge_input *in;
	size_t i;

	if (!root || root->type != PC_NODE_MAP)
		return pc_doc_error(doc, root, "not the output of `pincheck --format json pins`: "
				    "the document must be a mapping");
	if (!(v = pc_map_get(root, "version")) || v->type != PC_NODE_SCALAR ||
	    strcmp(v->value, "1"))
		return pc_doc_error(doc, v ? v : root, "\"version\" must be 1");
	if (string_at(&repository, doc, root, "repository", true) < 0 ||
	    string_at(&revision, doc, root, "revision", false) < 0 ||
	    string_at(&today, doc, root, "today", false) < 0)
		return PC_EUSAGE;
	if (!(models = pc_map_get(root, "models")) || models->type != PC_NODE_SEQ)
		return pc_doc_error(doc, models ? models : root, "\"models\" must be a list");
	PC_GROW(m->inputs, m->ainputs, m->ninputs + 1);
	in = &m->inputs[m->ninputs++];
	in->path = pc_strdup(path);
	in->repository = pc_strdup(repository);
	in->revision = revision ? pc_strdup(revision) : NULL;
	in->today = today ? pc_strdup(today) : NULL;
	for (i = 0; i < models->n; i++)
		if (add_model(m, doc, models->items[i]) < 0)
			return PC_EUSAGE;
	return 0;
}

int pc_merge_add(pc_merge *m, const char *path, const char *data, size_t len)
{
	pc_doc *doc = NULL;
	int err = pc_doc_parse(&doc, path, data, len);
	if (err >= 0)
		err = add_doc(m, path, doc);
	pc_doc_free(doc);
	return err;
}

static int cmp_input(const pc_merge_input *x, const pc_merge_input *y)
{
	int d = strcmp(x->repository, y->repository);
	return d ? d : strcmp(x->revision ? x->revision : "", y->revision ? y->revision : "");
}

static int cmp_input_ptr(const void *a, const void *b)
{
	const pc_merge_input *const *x = a, *const *y = b;
	int d = cmp_input(*x, *y);
	return d ? d : (*x > *y) - (*x < *y);
}

static int cmp_rec(const void *a, const void *b)
{
	const pc_merge_rec *x = a, *y = b;
	int d = strcmp(x->provider, y->provider);
	if (!d)
		d = strcmp(x->model, y->model);
	if (!d)
		d = strcmp(x->cls, y->cls);
	return d ? d : (x->rank > y->rank) - (x->rank < y->rank);
}

/* Rank the inputs by repository and revision (each record takes its
 * input's rank); the same pair twice is an error naming both files. */
static int rank_inputs(pc_merge *m)
{
	const pc_merge_input **order = pc_calloc(m->ninputs + 1, sizeof(*order));
	size_t *rank = pc_calloc(m->ninputs + 1, sizeof(*rank));
	size_t i;
	int err = 0;

	for (i = 0; i < m->ninputs; i++)
		order[i] = &m->inputs[i];
	if (m->ninputs > 1)
		qsort(order, m->ninputs, sizeof(*order), cmp_input_ptr);
	for (i = 0; i < m->ninputs; i++) {
		rank[order[i] - m->inputs] = i;
		if (i && !err && !cmp_input(order[i - 1], order[i]))
			err = pc_error_set(PC_EUSAGE, "%s: the inventory of %s at %s again (first in "
					   "%s)", order[i]->path, order[i]->repository,
					   order[i]->revision ? order[i]->revision : "no revision",
					   order[i - 1]->path);
	}
	for (i = 0; i < m->nrecs; i++)
		m->recs[i].rank = rank[m->recs[i].in];
	free(order);
	free(rank);
	return err;
}

static bool same_row(const pc_merge_rec *x, const pc_merge_rec *y)
{
	return !strcmp(x->provider, y->provider) && !strcmp(x->model, y->model) && x->cls == y->cls;
}

/* The earlier of a row's date and a record's (either may be unknown). */
static void earliest(char **row, const char *rec)
{
	if (!*rec || (*row && strcmp(*row, rec) <= 0))
		return;
	free(*row);
	*row = pc_strdup(rec);
}

/* A row of `n` records, sorted: its uses, one per input, and its totals. */
static void make_row(pc_merge *m, pc_merge_row *row, pc_merge_rec *r, size_t n)
{
	pc_merge_use *u = NULL;
	size_t i, k;
	memset(row, 0, sizeof(*row));
	row->model = r[0].model;
	row->provider = r[0].provider;
	r[0].model = r[0].provider = NULL;
	row->cls = pc_strdup(r[0].cls);
	row->uses = pc_calloc(n, sizeof(*row->uses));
	for (i = 0; i < n; i++) {
		if (!u || u->in != &m->inputs[r[i].in]) {
			u = &row->uses[row->nuses++];
			u->in = &m->inputs[r[i].in];
		}
		u->count += r[i].count;
		row->count += r[i].count;
		for (k = 0; k < PC_MERGE_ROLES; k++) {
			u->roles[k] += r[i].roles[k];
			row->roles[k] += r[i].roles[k];
		}
		if (pc_drill_status_rank(r[i].drill) > pc_drill_status_rank(u->drill))
			u->drill = r[i].drill;
		if (pc_drill_status_rank(r[i].drill) > pc_drill_status_rank(row->drill))
			row->drill = r[i].drill;
		earliest(&row->deprecated, r[i].deprecated);
		earliest(&row->retires, r[i].retires);
		if (!row->replacement && r[i].replacement) {
			row->replacement = r[i].replacement;
			r[i].replacement = NULL;
		}
	}
}

int pc_merge_finish(pc_merge *m)
{
	size_t i, j, alloc = 0;
	int err = rank_inputs(m);

	if (!err && m->nrecs > 1)
		qsort(m->recs, m->nrecs, sizeof(*m->recs), cmp_rec);
	for (i = 0; !err && i < m->nrecs; i = j) {
		for (j = i + 1; j < m->nrecs && same_row(&m->recs[i], &m->recs[j]); j++)
			;
		PC_GROW(m->rows, alloc, m->nrows + 1);
		make_row(m, &m->rows[m->nrows++], &m->recs[i], j - i);
	}
	for (i = 0; i < m->nrecs; i++)
		rec_free(&m->recs[i]);
	free(m->recs);
	m->recs = NULL;
	m->nrecs = m->arecs = 0;
	return err;
}

void pc_merge_free(pc_merge *m)
{
	size_t i;
	for (i = 0; i < m->nrecs; i++)
		rec_free(&m->recs[i]);
	free(m->recs);
	for (i = 0; i < m->nrows; i++) {
		pc_merge_row *r = &m->rows[i];
		free(r->model);
		free(r->provider);
		free(r->cls);
		free(r->deprecated);
		free(r->retires);
		free(r->replacement);
		free(r->uses);
	}
	free(m->rows);
	for (i = 0; i < m->ninputs; i++) {
		free(m->inputs[i].path);
		free(m->inputs[i].repository);
		free(m->inputs[i].revision);
		free(m->inputs[i].today);
	}
	free(m->inputs);
	memset(m, 0, sizeof(*m));
}
