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
#include "pincheck/verdict.h"

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

/* The eval results a message links, each checked once. */
typedef struct {
	pc_eval *evals;
	const pc_trailer **refs; /* the trailer of each */
	size_t n;
} links;

/* Does the change itself add `model` to `approved`? That addition is gated
 * on its eval in the same run, so the id it approves is approved for the
 * change: a bump that approves NEW and uses it passes a server whose
 * trusted config (HEAD's, before the push) does not list NEW yet. */
static bool approved_here(const pc_pin_changes *pc, const char *model)
{
	size_t i;
	for (i = 0; i < pc->n; i++)
		if (pc->items[i].how == PC_PIN_APPROVED && pc_model_same(pc->items[i].model, model))
			return true;
	return false;
}

static void unapproved(pc_gate *g, const pc_pin_changes *pc)
{
	size_t i;
	for (i = 0; i < pc->n; i++) {
		const pc_pin_change *x = &pc->items[i];
		if (x->how != PC_PIN_INTRODUCED || approved(g->cfg, x->model) ||
		    approved_here(pc, x->model))
			continue;
		add(g, PC_KIND_UNAPPROVED, x,
		    fmt("%s is not on the approved list (`approved` in .pincheck.yml); "
			"a team approves a model with an eval, see README \"Bumping a model\".",
			x->model));
	}
}

/* A finding about a trailer: at its line of the message file, when the
 * message is a file; else at `path`. */
static void at_trailer(pc_gate *g, pc_finding *x, const pc_trailer *t, const char *path)
{
	if (!x)
		return;
	x->path = pc_strdup(g->message_path ? g->message_path : path);
	x->line = g->message_path ? t->line : 0;
	x->col = g->message_path ? 1 : 0;
}

/* Check every linked eval once; a broken link is a finding even when
 * nothing in the change needed it. More links than the limit refuse the
 * message. */
static int read_links(pc_gate *g, const pc_trailers *trailers, links *l)
{
	size_t i, j, k = 0;
	int err;
	l->refs = pc_calloc(PC_MAX_EVAL_TRAILERS + 1, sizeof(*l->refs));
	l->evals = pc_calloc(PC_MAX_EVAL_TRAILERS + 1, sizeof(*l->evals));
	for (i = 0; i < trailers->n; i++) {
		const pc_trailer *t = &trailers->items[i];
		if (!is_eval_key(g->cfg, t))
			continue;
		if (++k == PC_MAX_EVAL_TRAILERS + 1)
			at_trailer(g, add(g, PC_KIND_BAD_EVAL, NULL,
					  fmt("%s: more than %d eval trailers; only the first %d "
					      "are checked, so this message is refused: link fewer "
					      "eval results", t->key, PC_MAX_EVAL_TRAILERS,
					      PC_MAX_EVAL_TRAILERS)), t, "");
		if (k > PC_MAX_EVAL_TRAILERS)
			continue;
		if ((err = pc_eval_check(&l->evals[l->n], g->ectx, t->value)) < 0)
			return err;
		l->refs[l->n++] = t;
	}
	for (i = 0; i < l->n; i++)
		for (j = 0; j < l->evals[i].nproblems; j++)
			at_trailer(g, add(g, PC_KIND_BAD_EVAL, NULL,
					  fmt("%s: %s", l->refs[i]->key, l->evals[i].problems[j])),
				   l->refs[i], l->evals[i].is_url ? "" : l->evals[i].ref);
	return 0;
}

/* Does a sound linked result cover the change `x`: a URL (its content
 * cannot be checked), or a file that names the model and whose numbers
 * pass (verdict.h)? */
static bool covered(pc_gate *g, const pc_pin_change *x, const links *l)
{
	size_t j;
	for (j = 0; j < l->n; j++) {
		const pc_eval *e = &l->evals[j];
		pc_verdict v = { NULL, 0 };
		bool pass;
		if (e->nproblems)
			continue;
		if (e->is_url)
			return true;
		if (!pc_eval_names(e, x->model))
			continue;
		pc_verdict_judge(&v, g->cfg, e, x->model, x->replaces, l->evals, l->n);
		pass = !v.n;
		pc_verdict_free(&v);
		if (pass)
			return true;
	}
	return false;
}

/* The gate for one pin change that needs an eval (`why`): when no linked
 * result covers it, every reason of every link at once. */
static void gate_change(pc_gate *g, const pc_pin_change *x, const char *why, const links *l)
{
	size_t j, k;
	if (covered(g, x, l))
		return;
	for (j = 0; j < l->n; j++) {
		const pc_eval *e = &l->evals[j];
		pc_verdict v = { NULL, 0 };
		pc_buf list = PC_BUF_INIT;
		if (e->is_url || !e->nmodels)
			continue; /* its problems are reported at the trailer */
		if (pc_eval_names(e, x->model)) {
			pc_verdict_judge(&v, g->cfg, e, x->model, x->replaces, l->evals, l->n);
			for (k = 0; k < v.n; k++)
				add(g, PC_KIND_BAD_EVAL, x, fmt("%s (%s).", v.items[k], why));
			pc_verdict_free(&v);
			continue;
		}
		/* Naming another model is one more failed condition, whatever
		 * else is wrong with the file. */
		for (k = 0; k < e->nmodels; k++)
			pc_buf_printf(&list, "%s%s", k ? ", " : "", e->models[k]);
		add(g, PC_KIND_BAD_EVAL, x,
		    fmt("%s evaluates %s, not %s, which this change introduces (%s).", e->ref,
			list.ptr, x->model, why));
		pc_buf_free(&list);
	}
	if (l->n)
		return; /* the broken links above say what is wrong */
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

int pc_gate_run(pc_gate *g, const pc_pin_changes *pc)
{
	static const pc_trailers none = PC_TRAILERS_INIT;
	links l = { NULL, NULL, 0 };
	size_t i;
	int err = 0;

	if (g->report_unapproved && g->cfg->napproved)
		unapproved(g, pc);
	if (!g->report_eval)
		return 0;
	/* no message: no links, so every bump that needs one is refused */
	if ((err = read_links(g, g->trailers ? g->trailers : &none, &l)) < 0)
		goto out;
	for (i = 0; i < pc->n; i++) {
		const char *why = needs_eval(g, &pc->items[i], &err);
		if (err < 0)
			goto out;
		if (why)
			gate_change(g, &pc->items[i], why, &l);
	}
out:
	for (i = 0; i < l.n; i++)
		pc_eval_free(&l.evals[i]);
	free(l.evals);
	free(l.refs);
	return err;
}
