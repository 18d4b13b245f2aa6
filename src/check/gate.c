/*
 * gate.c: the eval gate (see gate.h). "The bump is intentional, the eval
 * is the gate": a pin bump (or a first use, or an id newly approved) must
 * link an eval result that evaluated the new model and passed.
 */
#include <stdarg.h>
#include <stdlib.h>
#include "pincheck/limits.h"
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/gate.h"
#include "pincheck/model.h"

static bool approved(const pc_config *cfg, const char *model)
{
	size_t i;
	for (i = 0; i < cfg->napproved; i++)
		if (pc_model_same(cfg->approved[i], model))
			return true;
	return false;
}

static pc_finding *add(pc_gate *g, pc_kind kind, const pc_pin_change *at, char *message)
{
	pc_severity sev = g->cfg->severity[kind];
	pc_finding *x;
	if (sev == PC_SEV_OFF) {
		free(message);
		return NULL;
	}
	x = pc_findings_add(g->out);
	x->kind = kind;
	x->severity = sev;
	x->commit = pc_strdup(g->commit);
	x->subject = pc_strdup(g->subject);
	x->ref = pc_strdup(g->ref);
	x->message = message;
	if (at) {
		x->rule = pc_strdup(at->rule);
		x->provider = pc_strdup(at->provider);
		x->model = pc_strdup(at->model);
		x->path = pc_strdup(at->path);
		x->line = at->line;
		x->col = at->col;
		x->span = at->span;
		x->source = pc_strdup(at->source);
		x->source_col = at->source_col;
		x->suppressed = at->suppressed;
	}
	return x;
}

static char *fmt(const char *f, ...) PC_PRINTF(1, 2);

static char *fmt(const char *f, ...)
{
	pc_buf b = PC_BUF_INIT;
	va_list ap;
	va_start(ap, f);
	pc_buf_vprintf(&b, f, ap);
	va_end(ap);
	return pc_buf_detach(&b);
}

static const char *trailer_key(const pc_config *cfg)
{
	return cfg->neval_trailers ? cfg->eval_trailers[0] : "Eval-Result";
}

static bool is_eval_key(const pc_config *cfg, const pc_trailer *t)
{
	size_t i;
	if (!cfg->neval_trailers)
		return pc_trailer_key_is(t, "Eval-Result");
	for (i = 0; i < cfg->neval_trailers; i++)
		if (pc_trailer_key_is(t, cfg->eval_trailers[i]))
			return true;
	return false;
}

/* Why this change needs an eval, or NULL. */
static const char *needs_eval(pc_gate *g, const pc_pin_change *x, int *err)
{
	bool known = true;
	if (x->how == PC_PIN_APPROVED) {
		/* Adopting pincheck: a new configuration approving the pins
		 * already in use records the status quo; anything else new in
		 * it is a choice that needs its eval. */
		if (x->new_config && g->known) {
			if ((*err = g->known(&known, x->model, g->payload)) < 0)
				return NULL;
			if (known)
				return NULL;
		}
		return "approving it";
	}
	if (x->replaces && g->cfg->eval_for_bump)
		return "a pin bump";
	if (g->cfg->eval_for_new && g->known) {
		if ((*err = g->known(&known, x->model, g->payload)) < 0)
			return NULL;
		if (!known)
			return "the repository's first use of this model";
	}
	return NULL;
}

int pc_gate_run(pc_gate *g, const pc_pin_changes *pc)
{
	pc_eval *evals = NULL;
	const pc_trailer **refs = NULL;
	size_t nevals = 0, i, j, k;
	int err = 0;

	if (g->report_unapproved && g->cfg->napproved) {
		for (i = 0; i < pc->n; i++) {
			const pc_pin_change *x = &pc->items[i];
			if (x->how != PC_PIN_INTRODUCED || approved(g->cfg, x->model))
				continue;
			add(g, PC_KIND_UNAPPROVED, x,
			    fmt("%s is not on the approved list (`approved` in .pincheck.yml); "
				"a team approves a model with an eval, see README \"Bumping a model\".",
				x->model));
		}
	}
	if (!g->report_eval || !g->trailers)
		return 0;

	/* Check every linked eval once; a broken link is a finding even when
	 * nothing in the change needed it. */
	refs = pc_calloc(PC_MAX_EVAL_TRAILERS + 1, sizeof(*refs));
	evals = pc_calloc(PC_MAX_EVAL_TRAILERS + 1, sizeof(*evals));
	for (i = 0, k = 0; i < g->trailers->n; i++) {
		const pc_trailer *t = &g->trailers->items[i];
		if (!is_eval_key(g->cfg, t))
			continue;
		if (++k == PC_MAX_EVAL_TRAILERS + 1) {
			pc_finding *x = add(g, PC_KIND_BAD_EVAL, NULL,
					    fmt("%s: more than %d eval trailers; only the first %d "
						"are checked, so this message is refused: link fewer "
						"eval results", t->key, PC_MAX_EVAL_TRAILERS,
						PC_MAX_EVAL_TRAILERS));
			if (x) {
				x->path = pc_strdup(g->message_path ? g->message_path : "");
				x->line = g->message_path ? t->line : 0;
				x->col = g->message_path ? 1 : 0;
			}
		}
		if (k > PC_MAX_EVAL_TRAILERS)
			continue;
		if ((err = pc_eval_check(&evals[nevals], g->ectx, t->value)) < 0)
			goto out;
		refs[nevals++] = t;
	}
	for (i = 0; i < nevals; i++) {
		for (j = 0; j < evals[i].nproblems; j++) {
			pc_finding *x = add(g, PC_KIND_BAD_EVAL, NULL,
					    fmt("%s: %s", refs[i]->key, evals[i].problems[j]));
			if (!x)
				continue;
			if (g->message_path) {
				x->path = pc_strdup(g->message_path);
				x->line = refs[i]->line;
				x->col = 1;
			} else {
				x->path = pc_strdup(evals[i].is_url ? "" : evals[i].ref);
			}
		}
	}
	for (i = 0; i < pc->n; i++) {
		const pc_pin_change *x = &pc->items[i];
		const char *why = needs_eval(g, x, &err);
		bool covered = false, any_valid = false;
		if (err < 0)
			goto out;
		if (!why)
			continue;
		for (j = 0; j < nevals && !covered; j++) {
			for (k = 0; k < evals[j].nmodels && !covered; k++)
				covered = !evals[j].nproblems && pc_model_same(evals[j].models[k], x->model);
			covered = covered || (!evals[j].nproblems && evals[j].is_url);
		}
		if (covered)
			continue;
		for (j = 0; j < nevals; j++) {
			pc_buf names = PC_BUF_INIT;
			bool names_it = false;
			/* Naming another model is one more failed condition,
			 * whatever else is wrong with the file. */
			for (k = 0; k < evals[j].nmodels; k++)
				names_it = names_it || pc_model_same(evals[j].models[k], x->model);
			if (evals[j].is_url || !evals[j].nmodels || names_it)
				continue;
			any_valid = true;
			for (k = 0; k < evals[j].nmodels; k++)
				pc_buf_printf(&names, "%s%s", k ? ", " : "", evals[j].models[k]);
			add(g, PC_KIND_BAD_EVAL, x,
			    fmt("%s evaluates %s, not %s, which this change introduces (%s).",
				evals[j].ref, names.ptr ? names.ptr : "no model", x->model, why));
			pc_buf_free(&names);
		}
		if (any_valid || nevals)
			continue; /* the broken links above say what is wrong */
		if (x->replaces)
			add(g, PC_KIND_MISSING_EVAL, x,
			    fmt("%s replaces %s: %s needs a linked eval result. Add a trailer "
				"`%s: %s/<result>.yaml` naming %s with status: pass.",
				x->model, x->replaces, why, trailer_key(g->cfg), g->cfg->eval_dir, x->model));
		else
			add(g, PC_KIND_MISSING_EVAL, x,
			    fmt("%s is introduced here: %s needs a linked eval result. Add a trailer "
				"`%s: %s/<result>.yaml` naming %s with status: pass.",
				x->model, why, trailer_key(g->cfg), g->cfg->eval_dir, x->model));
	}
out:
	for (i = 0; i < nevals; i++)
		pc_eval_free(&evals[i]);
	free(evals);
	free(refs);
	return err;
}
