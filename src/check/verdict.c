/*
 * verdict.c: an eval result's numbers against the config (see verdict.h).
 * The numbers are the tool's own, read by evalfmt.c; nothing here reads a
 * file.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/model.h"
#include "pincheck/verdict.h"

#define fail(v, ...) pc_strs_addf(&(v)->items, &(v)->n, __VA_ARGS__)

void pc_verdict_free(pc_verdict *v)
{
	size_t i;
	for (i = 0; i < v->n; i++)
		free(v->items[i]);
	free(v->items);
	v->items = NULL;
	v->n = 0;
}

static const pc_eval_model *find(const pc_eval_result *r, const char *model, bool baselines)
{
	size_t i;
	for (i = 0; r && i < r->nmodels; i++)
		if (*r->models[i].id && (baselines || !r->models[i].baseline) &&
		    pc_model_same(r->models[i].id, model))
			return &r->models[i];
	return NULL;
}

static double rate(const pc_eval_model *m)
{
	return (double)m->passed / (double)(m->passed + m->failed);
}

/* Is the metric `name` one the verdict weighs: for pincheck's own format
 * its score, for a score-only tool a metric eval.metrics names. */
static bool weighed(const pc_config *cfg, pc_eval_format f, const char *name)
{
	size_t i;
	if (f == PC_EVAL_PINCHECK)
		return !strcmp(name, "score");
	for (i = 0; pc_eval_format_scores_only(f) && i < cfg->neval_metrics; i++)
		if (pc_eval_metric_matches(cfg->eval_metrics[i].name, name))
			return true;
	return false;
}

/* The metric names of `m`, for a message: "a, b, c" (at most 12). */
static void metric_names(pc_buf *b, const pc_eval_model *m)
{
	size_t i;
	for (i = 0; i < m->nmetrics && i < 12; i++)
		pc_buf_printf(b, "%s%s", i ? ", " : "", m->metrics[i].name);
	if (m->nmetrics > 12)
		pc_buf_printf(b, " and %zu more", m->nmetrics - 12);
}

/* A score-only result: every eval.metrics entry it reports reaches its
 * minimum, and it reports at least one. */
static void judge_metrics(pc_verdict *v, const pc_config *cfg, const pc_eval *e,
			  const pc_eval_model *m)
{
	const char *kind = pc_eval_format_name(e->result->format);
	pc_buf names = PC_BUF_INIT;
	size_t i, j, reported = 0;

	if (!m->nmetrics)
		return; /* its reader said why (no scores, a failed run) */
	metric_names(&names, m);
	if (!cfg->neval_metrics) {
		const char *eg = m->nmetrics ? strrchr(m->metrics[0].name, '/') : NULL;
		size_t len = eg ? strcspn(eg + 1, ",") : 0;
		fail(v, "%s is an %s result, which has scores but no verdict: say in .pincheck.yml "
			"which metrics must reach what, e.g. `eval: {metrics: {%.*s: 0.9}}` (this "
			"result has %s)", e->ref, kind, len ? (int)len : 8, len ? eg + 1 : "accuracy",
		     names.ptr);
		pc_buf_free(&names);
		return;
	}
	for (i = 0; i < cfg->neval_metrics; i++) {
		const pc_eval_minimum *want = &cfg->eval_metrics[i];
		for (j = 0; j < m->nmetrics; j++) {
			const pc_eval_metric *x = &m->metrics[j];
			if (!pc_eval_metric_matches(want->name, x->name))
				continue;
			reported++;
			if (isnan(x->value))
				fail(v, "%s: %s's %s is NaN, not a score; eval.metrics.%s needs %g",
				     e->ref, m->id, x->name, want->name, want->min);
			else if (x->value < want->min)
				fail(v, "%s: %s's %s is %g, below eval.metrics.%s (%g)", e->ref, m->id,
				     x->name, x->value, want->name, want->min);
		}
	}
	if (!reported) {
		pc_buf want = PC_BUF_INIT;
		for (i = 0; i < cfg->neval_metrics; i++)
			pc_buf_printf(&want, "%s%s", i ? ", " : "", cfg->eval_metrics[i].name);
		fail(v, "%s reports none of the metrics eval.metrics names (%s); it has %s", e->ref,
		     want.ptr, names.ptr);
		pc_buf_free(&want);
	}
	pc_buf_free(&names);
}

/* The new model against the one it replaces, where one result scores
 * both: pass rates, and the metrics the verdict weighs. */
static void judge_regression(pc_verdict *v, const pc_config *cfg, const pc_eval *e,
			     const pc_eval_model *m, const pc_eval *oe, const pc_eval_model *old)
{
	char where[64 + 16] = "";
	double max = cfg->eval_max_regression;
	size_t i, j;

	if (oe != e)
		snprintf(where, sizeof(where), " in %.64s", oe->ref);
	if (m->has_tests && old->has_tests && m->passed + m->failed && old->passed + old->failed &&
	    rate(old) - rate(m) > max + 1e-12)
		fail(v, "%s: %s passed %.1f%% of its tests, %s %.1f%%%s: it trails by more than "
			"eval.max_regression (%g)", e->ref, m->id, 100 * rate(m), old->id,
		     100 * rate(old), where, max);
	if (oe->result->format != e->result->format)
		return; /* scores of two tools are not comparable */
	for (i = 0; i < m->nmetrics; i++) {
		const pc_eval_metric *x = &m->metrics[i];
		if (!weighed(cfg, e->result->format, x->name))
			continue;
		for (j = 0; j < old->nmetrics; j++) {
			const pc_eval_metric *y = &old->metrics[j];
			if (strcmp(x->name, y->name) || !(y->value - x->value > max + 1e-12))
				continue;
			fail(v, "%s: %s's %s is %g, %s's is %g%s: it trails by more than "
				"eval.max_regression (%g)", e->ref, m->id, x->name, x->value, old->id,
			     y->value, where, max);
		}
	}
}

void pc_verdict_judge(pc_verdict *out, const pc_config *cfg, const pc_eval *e, const char *model,
		      const char *replaced, const pc_eval *links, size_t n)
{
	const pc_eval_model *m = e->result ? find(e->result, model, false) : NULL, *old = NULL;
	const pc_eval *oe = e;
	size_t i;

	if (!m)
		return; /* a URL, or another model: said elsewhere */
	if (m->has_tests) {
		long total = m->passed + m->failed;
		if (!total)
			fail(out, "%s has no test results of %s", e->ref, m->id);
		else if (rate(m) < cfg->eval_min_pass_rate - 1e-12)
			fail(out, "%s: %s passed %ld of %ld tests (%.1f%%), below eval.min_pass_rate "
				  "(%g)", e->ref, m->id, m->passed, total, 100 * rate(m),
			     cfg->eval_min_pass_rate);
	}
	if (pc_eval_format_scores_only(e->result->format))
		judge_metrics(out, cfg, e, m);
	if (!replaced)
		return;
	old = find(e->result, replaced, true);
	for (i = 0; !old && i < n; i++)
		if (&links[i] != e && (old = find(links[i].result, replaced, false)))
			oe = &links[i];
	if (old)
		judge_regression(out, cfg, e, m, oe, old);
}

void pc_verdict_add(pc_eval *e, const pc_config *cfg, const char *model, const char *replaced)
{
	pc_verdict v = { NULL, 0 };
	size_t i;
	pc_verdict_judge(&v, cfg, e, model, replaced, e, 1);
	e->problems = pc_realloc(e->problems, (e->nproblems + v.n + 1) * sizeof(char *));
	for (i = 0; i < v.n; i++)
		e->problems[e->nproblems++] = v.items[i];
	free(v.items);
}
