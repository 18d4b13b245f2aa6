/*
 * inventory.c: the model ids in use and their drill (see inventory.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/bump.h"
#include "pincheck/date.h"
#include "pincheck/evalref.h"
#include "pincheck/inventory.h"
#include "pincheck/model.h"
#include "pincheck/pool.h"
#include "pincheck/verdict.h"

/* One reference (a finding of PC_CHECK_EVERY_REF) into the inventory. */
static void add_ref(pc_inventory *inv, const pc_ruleset *rs, const pc_finding *x)
{
	const pc_rule *rule = pc_ruleset_find(rs, x->rule);
	pc_inventory_entry *e = NULL;
	pc_location *l;
	size_t i;
	for (i = 0; i < inv->n; i++) {
		if (inv->e[i].rule == rule && !strcmp(inv->e[i].model, x->model)) {
			e = &inv->e[i];
			break;
		}
	}
	if (!e) {
		PC_GROW(inv->e, inv->alloc, inv->n + 1);
		e = &inv->e[inv->n++];
		memset(e, 0, sizeof(*e));
		e->model = pc_strdup(x->model);
		e->rule = rule;
	}
	PC_GROW(e->locs, e->alloc, e->n + 1);
	l = &e->locs[e->n++];
	l->path = pc_strdup(x->path);
	l->line = x->line;
	l->col = x->col;
	l->prose = x->prose;
	l->role = x->role;
}

static void note_eval(pc_inventory *inv, const char *model, const char *path, long day)
{
	size_t i;
	for (i = 0; i < inv->nev; i++) {
		if (!strcmp(inv->ev[i].model, model)) {
			if (day > inv->ev[i].day) {
				free(inv->ev[i].path);
				inv->ev[i].path = pc_strdup(path);
				inv->ev[i].day = day;
			}
			return;
		}
	}
	PC_GROW(inv->ev, inv->aev, inv->nev + 1);
	inv->ev[inv->nev].model = pc_strdup(model);
	inv->ev[inv->nev].path = pc_strdup(path);
	inv->ev[inv->nev++].day = day;
}

/* An eval result under eval.dir, in any format evalfmt.c reads: a sound
 * one dates the drill of each model it evaluated whose numbers pass (the
 * gate's verdict, with nothing replaced). A file that is none is skipped
 * here (the eval gate judges links). */
static void read_eval(pc_inventory *inv, const pc_file *f, const pc_config *cfg)
{
	pc_eval_result r;
	pc_eval e;
	size_t i;
	pc_eval_result_read(&r, f->path, f->data, f->len);
	memset(&e, 0, sizeof(e));
	e.ref = pc_strdup(f->path);
	e.result = &r;
	for (i = 0; !r.nproblems && r.day >= 0 && i < r.nmodels; i++) {
		pc_verdict v = { NULL, 0 };
		if (r.models[i].baseline || !*r.models[i].id)
			continue;
		pc_verdict_judge(&v, cfg, &e, r.models[i].id, NULL, &e, 1);
		if (!v.n)
			note_eval(inv, r.models[i].id, f->path, r.day);
		pc_verdict_free(&v);
	}
	pc_eval_free(&e);
	pc_eval_result_free(&r);
}

typedef struct {
	pc_inventory *inv;
	const pc_check_opts *o;
} eval_walk;

static int eval_file_cb(const pc_file *f, void *payload)
{
	eval_walk *w = payload;
	if (f->data) /* an inspect_ai .eval archive is binary */
		read_eval(w->inv, f, w->o->cfg);
	return 0;
}

static bool eval_want_cb(const char *path, void *payload)
{
	eval_walk *w = payload;
	return pc_in_eval_dir(w->o->cfg, path) && pc_check_want(w->o, path);
}

static int cmp_entry(const void *a, const void *b)
{
	const pc_inventory_entry *x = a, *y = b;
	int d = strcmp(x->rule->provider, y->rule->provider);
	return d ? d : strcmp(x->model, y->model);
}

int pc_inventory_build(pc_inventory *inv, pc_repo *repo, const pc_check_opts *o,
		       const pc_target *t, unsigned how)
{
	pc_findings refs = PC_FINDINGS_INIT;
	pc_check_opts lo = *o;
	size_t i;
	int err;

	memset(inv, 0, sizeof(*inv));
	if ((err = pc_repo_identity_get(&inv->id, repo, t->rev)) < 0)
		return err;
	lo.what |= PC_CHECK_REFS | PC_CHECK_EVERY_REF;
	if (how & PC_INVENTORY_NO_EVAL_REFS)
		lo.what |= PC_CHECK_SKIP_EVAL_DIR;
	err = pc_check_files(&refs, repo, &lo, t);
	for (i = 0; err >= 0 && i < refs.n; i++)
		add_ref(inv, o->rs, &refs.items[i]);
	inv->files = refs.files;
	pc_findings_free(&refs);
	if (err >= 0 && (how & PC_INVENTORY_EVALS)) {
		eval_walk w = { inv, &lo };
		pc_visitor v = { eval_want_cb, eval_file_cb, &w, o->max_size, false };
		if (repo) {
			lo.pathspecs = t->paths;
			lo.npathspecs = t->npaths;
		}
		err = pc_target_walk(repo, t, &v);
	}
	if (inv->n > 1)
		qsort(inv->e, inv->n, sizeof(*inv->e), cmp_entry);
	return err;
}

void pc_inventory_free(pc_inventory *inv)
{
	size_t i, j;
	for (i = 0; i < inv->n; i++) {
		for (j = 0; j < inv->e[i].n; j++)
			free(inv->e[i].locs[j].path);
		free(inv->e[i].locs);
		free(inv->e[i].model);
	}
	free(inv->e);
	for (i = 0; i < inv->nev; i++) {
		free(inv->ev[i].model);
		free(inv->ev[i].path);
	}
	free(inv->ev);
	pc_repo_identity_free(&inv->id);
	memset(inv, 0, sizeof(*inv));
}

/* Is the id used outside prose? Only mentioned in prose, or only in eval
 * results (which record tests): not in use. */
static bool in_use(const pc_inventory_entry *e, const pc_config *cfg)
{
	size_t j;
	for (j = 0; j < e->n; j++)
		if (!e->locs[j].prose && !pc_in_eval_dir(cfg, e->locs[j].path))
			return true;
	return false;
}

static const pc_eval_seen *last_eval(const pc_inventory *inv, const char *model)
{
	const pc_eval_seen *found = NULL;
	size_t j;
	for (j = 0; j < inv->nev; j++)
		if (pc_model_same(inv->ev[j].model, model))
			found = &inv->ev[j];
	return found;
}

static const char *drill_status(const pc_drill_row *r, long now, long due, const pc_config *cfg)
{
	long retires = r->life && r->life->retires ? pc_days_from_date(r->life->retires) : -1;
	if (retires >= 0 && retires <= now)
		return "retired";
	if (retires >= 0 && retires - now <= cfg->drill_warn_days)
		return "retiring";
	if (!r->ev)
		return "no-eval";
	return due < now ? "overdue" : "ok";
}

/* Would bump take `to` as the replacement of `model` on `today`? */
static bool bump_takes(const pc_ruleset *rs, const char *model, const char *to,
		       const char *today)
{
	if (pc_bump_check_ids(rs, model, to, today) < 0) {
		pc_error_clear();
		return false;
	}
	return true;
}

/* Is the catalog's `m` a newer snapshot of the family `fam` (of `flen`
 * bytes, the version `v`), live on `today` and outliving `retires`? Its
 * version into *mv. */
static bool newer_of_family(const pc_model *m, const char *fam, size_t flen,
			    const pc_model_version *v, const char *retires, const char *today,
			    pc_model_version *mv)
{
	if (pc_model_family(m->id, m->provider, mv) != flen ||
	    strncmp(pc_model_base(m->id), fam, flen) || mv->kind != v->kind ||
	    strcmp(mv->key, v->key) <= 0)
		return false;
	if (m->deprecated && strcmp(m->deprecated, today) <= 0)
		return false;
	return !(m->retires && (strcmp(m->retires, today) <= 0 ||
				(retires && strcmp(m->retires, retires) <= 0)));
}

const char *pc_drill_candidate(const pc_ruleset *rs, const char *model, const char *provider,
			       const char *today)
{
	const pc_model *life = pc_ruleset_model(rs, model), *best = NULL;
	const char *retires = life ? life->retires : NULL;
	pc_model_version v, mv, bv;
	size_t i, flen;
	if (life && life->replacement)
		return bump_takes(rs, model, life->replacement, today) ? life->replacement : NULL;
	if (!(flen = pc_model_family(model, provider, &v)))
		return NULL;
	memset(&bv, 0, sizeof(bv));
	for (i = 0; i < rs->nmodels; i++) {
		const pc_model *m = &rs->models[i];
		if (!newer_of_family(m, pc_model_base(model), flen, &v, retires, today, &mv) ||
		    (best && strcmp(mv.key, bv.key) <= 0) || !bump_takes(rs, model, m->id, today))
			continue;
		best = m;
		bv = mv;
	}
	return best ? best->id : NULL;
}

void pc_drill_build(pc_drill *d, const pc_inventory *inv, const pc_ruleset *rs,
		    const pc_config *cfg, const char *today)
{
	long now = pc_days_from_date(today);
	size_t i;

	memset(d, 0, sizeof(*d));
	snprintf(d->today, sizeof(d->today), "%s", today);
	d->warn_days = cfg->drill_warn_days;
	d->rows = pc_calloc(inv->n + 1, sizeof(*d->rows));
	for (i = 0; i < inv->n; i++) {
		const pc_inventory_entry *e = &inv->e[i];
		pc_drill_row *r = &d->rows[d->n];
		long due;

		if (e->rule->cls != PC_CLASS_PINNED || !in_use(e, cfg))
			continue;
		r->e = e;
		r->life = pc_ruleset_model(rs, e->model);
		pc_model_snapshot_date(e->model, e->rule->provider, r->snap);
		r->age = *r->snap ? now - pc_days_from_date(r->snap) : -1;
		r->ev = last_eval(inv, e->model);
		due = r->ev ? r->ev->day + cfg->drill_every_days : now;
		if (r->ev) {
			pc_date_from_days(r->ev->day, r->evdate);
			pc_date_from_days(due, r->next);
		}
		r->status = drill_status(r, now, due, cfg);
		r->candidate = pc_drill_candidate(rs, e->model, e->rule->provider, d->today);
		/* no-eval is reported, but does not by itself fail a drill */
		d->attention += strcmp(r->status, "ok") && strcmp(r->status, "no-eval");
		d->n++;
	}
}

void pc_drill_free(pc_drill *d)
{
	free(d->rows);
	memset(d, 0, sizeof(*d));
}

void pc_inventory_lifecycle(pc_inventory *inv, const pc_ruleset *rs, const pc_config *cfg,
			    const char *today)
{
	pc_drill d;
	size_t i;
	pc_drill_build(&d, inv, rs, cfg, today);
	for (i = 0; i < inv->n; i++) {
		inv->e[i].life = pc_ruleset_model(rs, inv->e[i].model);
		inv->e[i].drill = NULL;
	}
	for (i = 0; i < d.n; i++)
		inv->e[d.rows[i].e - inv->e].drill = d.rows[i].status;
	snprintf(inv->today, sizeof(inv->today), "%s", today);
	pc_drill_free(&d);
}
