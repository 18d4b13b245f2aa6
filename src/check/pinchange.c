/*
 * pinchange.c: pin changes in a change (see pinchange.h). Both versions of
 * a changed file are scanned whole (code only, never prose), so a pinned id
 * counts as introduced only when the old version did not mention it.
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/config.h"
#include "pincheck/pinchange.h"
#include "pincheck/role.h"
#include "pincheck/scan.h"

/* The pinned ids one version of a file mentions, with where. */
typedef struct {
	char *model;
	const pc_rule *rule;
	size_t line, col, span;
	char *source;
	size_t source_col;
	bool added;      /* seen on an added line */
	bool suppressed;
} seen_id;

typedef struct {
	seen_id *ids;
	size_t n, alloc;
	const size_t *added; /* sorted added lines, or NULL */
	size_t nadded;
	pc_role_file roles;
} id_set;

static seen_id *set_find(const id_set *s, const char *model)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->ids[i].model, model))
			return &s->ids[i];
	return NULL;
}

static bool is_added(const id_set *s, size_t line)
{
	size_t lo = 0, hi = s->nadded;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->added[mid] == line)
			return true;
		if (s->added[mid] < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static int collect(const pc_hit *h, void *payload)
{
	id_set *s = payload;
	size_t len = h->ref->end - h->ref->start;
	char *model;
	seen_id *e;
	bool added;
	/* only a choice takes part in a pin change (a price table's new row
	 * is no bump) */
	if (h->ref->rule->cls != PC_CLASS_PINNED || pc_role_of(h, &s->roles) != PC_ROLE_CHOICE)
		return 0;
	model = pc_strndup(h->text + h->ref->start, len);
	added = s->added && is_added(s, h->line);
	if ((e = set_find(s, model))) {
		free(model);
		if (added && !e->added) { /* report where it was added */
			free(e->source);
			e->line = h->line, e->col = h->col, e->span = len;
			e->source = pc_source_excerpt(h->text, h->text_len, h->ref->start, &e->source_col);
			e->added = true;
			e->suppressed = h->suppressed;
		}
		return 0;
	}
	PC_GROW(s->ids, s->alloc, s->n + 1);
	e = &s->ids[s->n++];
	e->model = model;
	e->rule = h->ref->rule;
	e->line = h->line;
	e->col = h->col;
	e->span = len;
	e->source = pc_source_excerpt(h->text, h->text_len, h->ref->start, &e->source_col);
	e->added = added;
	e->suppressed = h->suppressed;
	return 0;
}

static void set_free(id_set *s)
{
	size_t i;
	for (i = 0; i < s->n; i++) {
		free(s->ids[i].model);
		free(s->ids[i].source);
	}
	free(s->ids);
}

static void add_gone(pc_pin_changes *pc, const char *model)
{
	size_t i;
	for (i = 0; i < pc->ngone; i++)
		if (!strcmp(pc->gone[i], model))
			return;
	PC_GROW(pc->gone, pc->agone, pc->ngone + 1);
	pc->gone[pc->ngone++] = pc_strdup(model);
}

static pc_pin_change *change_add(pc_pin_changes *pc)
{
	pc_pin_change *x;
	PC_GROW(pc->items, pc->alloc, pc->n + 1);
	x = &pc->items[pc->n++];
	memset(x, 0, sizeof(*x));
	return x;
}

int pc_pin_changes_add_file(pc_pin_changes *pc, pc_matcher *m, const pc_file *f)
{
	id_set now = { NULL, 0, 0, f->lines, f->nlines, { 0 } }, before = { NULL, 0, 0, NULL, 0, { 0 } };
	size_t i, j;
	int err;

	pc_role_file_init(&now.roles);
	pc_role_file_init(&before.roles);
	if (!f->lines || !f->data)
		return 0; /* binary or too large: no lines to judge */
	if ((err = pc_scan_buffer(m, f->path, f->data, f->len, NULL, 0, false, collect, &now)) < 0)
		goto out;
	if (f->old_data && !pc_is_binary(f->old_data, f->old_len) &&
	    (err = pc_scan_buffer(m, f->old_path ? f->old_path : f->path, f->old_data, f->old_len,
				  NULL, 0, false, collect, &before)) < 0)
		goto out;
	for (i = 0; i < before.n; i++)
		if (!set_find(&now, before.ids[i].model))
			add_gone(pc, before.ids[i].model);
	for (i = 0; i < now.n; i++) {
		const seen_id *e = &now.ids[i];
		pc_pin_change *x;
		if (!e->added || set_find(&before, e->model))
			continue;
		x = change_add(pc);
		x->how = PC_PIN_INTRODUCED;
		x->model = pc_strdup(e->model);
		x->provider = pc_strdup(e->rule->provider);
		x->rule = pc_strdup(e->rule->id);
		x->path = pc_strdup(f->path);
		x->line = e->line;
		x->col = e->col;
		x->span = e->span;
		x->source = pc_strdup(e->source);
		x->source_col = e->source_col;
		x->suppressed = e->suppressed;
		/* A bump: another pinned id of the provider left this file. */
		for (j = 0; j < before.n; j++) {
			const seen_id *old = &before.ids[j];
			if (!strcmp(old->rule->provider, e->rule->provider) &&
			    !set_find(&now, old->model)) {
				x->replaces = pc_strdup(old->model);
				break;
			}
		}
	}
	err = 0;
out:
	set_free(&now);
	set_free(&before);
	return err;
}

/* The `approved` list of a config text, with the line of each item. */
static int approved_list(pc_config *cfg, const char *path, const char *data, size_t len)
{
	pc_config_init(cfg);
	if (!data)
		return 0;
	return pc_config_parse(cfg, path, data, len);
}

int pc_pin_changes_add_config(pc_pin_changes *pc, pc_matcher *m, const char *path,
			      const char *old_data, size_t old_len, const char *new_data,
			      size_t new_len)
{
	pc_config before, now;
	const pc_node *list;
	size_t i, j;
	int err;

	if ((err = approved_list(&before, path, old_data, old_len)) < 0) {
		/* An old config git already accepted may not parse with this
		 * version: then every approved id counts as new. */
		pc_config_free(&before);
		pc_config_init(&before);
	}
	if ((err = approved_list(&now, path, new_data, new_len)) < 0) {
		pc_config_free(&before);
		pc_config_free(&now);
		return err;
	}
	list = now.doc && now.doc->root ? pc_map_get(now.doc->root, "approved") : NULL;
	for (i = 0; i < now.napproved; i++) {
		const char *id = now.approved[i];
		const pc_node *at = list && list->type == PC_NODE_SEQ ? list->items[i] : list;
		const pc_ref *refs;
		pc_pin_change *x;
		int n;
		for (j = 0; j < before.napproved; j++)
			if (!strcmp(before.approved[j], id))
				break;
		if (j < before.napproved)
			continue;
		x = change_add(pc);
		x->how = PC_PIN_APPROVED;
		x->model = pc_strdup(id);
		n = pc_match_line(m, id, strlen(id), &refs);
		if (n > 0) {
			x->provider = pc_strdup(refs[0].rule->provider);
			x->rule = pc_strdup(refs[0].rule->id);
		}
		x->new_config = old_data == NULL;
		x->path = pc_strdup(path);
		x->line = at ? (size_t)at->line : 0;
		x->col = at ? (size_t)at->col : 0;
		x->span = strlen(id);
	}
	pc_config_free(&before);
	pc_config_free(&now);
	return 0;
}

void pc_pin_changes_finish(pc_pin_changes *pc)
{
	size_t i, j, k = 0;
	for (i = 0; i < pc->n; i++) {
		pc_pin_change *x = &pc->items[i];
		bool moved = false;
		if (x->how == PC_PIN_INTRODUCED)
			for (j = 0; j < pc->ngone && !moved; j++)
				moved = !strcmp(pc->gone[j], x->model);
		if (moved) {
			free(x->model), free(x->provider), free(x->rule), free(x->replaces);
			free(x->path), free(x->source);
			continue;
		}
		pc->items[k++] = *x;
	}
	pc->n = k;
}

void pc_pin_changes_free(pc_pin_changes *pc)
{
	size_t i;
	for (i = 0; i < pc->n; i++) {
		pc_pin_change *x = &pc->items[i];
		free(x->model), free(x->provider), free(x->rule), free(x->replaces);
		free(x->path), free(x->source);
	}
	free(pc->items);
	for (i = 0; i < pc->ngone; i++)
		free(pc->gone[i]);
	free(pc->gone);
	memset(pc, 0, sizeof(*pc));
}
