/*
 * cmd_eval.c: `pincheck eval check FILE... [--model ID] [--replaces OLD]`:
 * what the eval gate understands of a result before it is linked: its
 * format, each model with the tool's numbers, its date, the verdict, and
 * every problem at once, worded as the commit-msg hook words them
 * (check/evalref.c, check/verdict.c). Several files are several links: a
 * second result may score the model being replaced.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"
#include "pincheck/date.h"
#include "pincheck/target.h"
#include "pincheck/verdict.h"
#include "cli.h"

enum { EVAL_MODEL, EVAL_REPLACES };

static const cli_option eval_options[] = {
	[EVAL_MODEL] = { "--model", NULL, "ID", "the model the bump introduces: its verdict only" },
	[EVAL_REPLACES] = { "--replaces", NULL, "OLD",
			    "the pinned model it replaces: eval.max_regression against its scores" },
	{ NULL, NULL, NULL, NULL }
};

/* At most this many metrics a model are printed; the rest are counted. */
#define SHOWN_METRICS 20

static void print_result(const pc_eval *e)
{
	const pc_eval_result *r = e->result;
	char day[11];
	size_t i, j;

	if (!r) {
		printf("%s: not read\n", e->ref);
		return;
	}
	if (r->day >= 0)
		pc_date_from_days(r->day, day);
	printf("%s: %s result, dated %s (%s)\n", e->ref, pc_eval_format_name(r->format),
	       r->day >= 0 ? day : "unknown", r->date_field ? r->date_field : "no date field");
	for (i = 0; i < r->nmodels; i++) {
		const pc_eval_model *m = &r->models[i];
		printf("  %s", *m->id ? m->id : "(no model)");
		if (strcmp(m->id, m->raw))
			printf(" (%s)", m->raw);
		if (m->baseline)
			printf(" [baseline]");
		printf(":");
		if (m->has_tests && m->passed + m->failed)
			printf(" %ld of %ld tests passed (%.1f%%)%s", m->passed, m->passed + m->failed,
			       100.0 * (double)m->passed / (double)(m->passed + m->failed),
			       m->nmetrics ? ";" : "");
		else if (m->has_tests)
			printf(" no tests%s", m->nmetrics ? ";" : "");
		for (j = 0; j < m->nmetrics && j < SHOWN_METRICS; j++) {
			printf("%s %s ", j ? "," : "", m->metrics[j].name);
			if (isnan(m->metrics[j].value))
				printf("NaN");
			else
				printf("%g", m->metrics[j].value);
		}
		if (m->nmetrics > SHOWN_METRICS)
			printf(" and %zu more", m->nmetrics - SHOWN_METRICS);
		if (!m->has_tests && !m->nmetrics)
			printf(" no numbers");
		printf("\n");
	}
}

/* Print file `i` and its problems, then the verdict of each model it is
 * asked about (--model, else every model it evaluated): the count of
 * problems. */
static size_t report(const pc_cli *cli, const pc_eval *ev, size_t n, size_t i, const char *model,
		     const char *replaces)
{
	const pc_eval *e = &ev[i];
	size_t j, k, bad = e->nproblems;

	print_result(e);
	for (j = 0; j < e->nproblems; j++)
		printf("  problem: %s\n", e->problems[j]);
	for (k = 0; k < e->nmodels; k++) {
		const char *m = model ? model : e->models[k];
		pc_verdict v = { NULL, 0 };
		if (model && k)
			break;
		if (model && !pc_eval_names(e, model)) {
			if (e->nmodels)
				printf("  problem: %s evaluates %s%s, not %s\n", e->ref, e->models[0],
				       e->nmodels > 1 ? " and others" : "", model);
			bad += e->nmodels > 0;
			break;
		}
		pc_verdict_judge(&v, &cli->cfg, e, m, replaces, ev, n);
		for (j = 0; j < v.n; j++)
			printf("  problem: %s\n", v.items[j]);
		bad += v.n;
		printf("  verdict for %s: %s\n", m, e->nproblems || v.n ? "refused" : "pass");
		pc_verdict_free(&v);
	}
	return bad;
}

/* The repository path of `file`, or NULL outside the work tree. */
static char *repo_path(const pc_cli *cli, const char *file)
{
	return cli->repo && cli->repo->workdir ? pc_target_path(cli->repo, file) : NULL;
}

static int run_eval(pc_cli *cli, const cli_args *a)
{
	const char *model = a->opt[EVAL_MODEL], *replaces = a->opt[EVAL_REPLACES];
	pc_eval_ctx ctx;
	pc_eval *ev;
	git_index *index = NULL;
	size_t i, n, bad = 0;
	int err = 0;

	if (a->npos < 2 || strcmp(a->pos[0], "check"))
		return cli_usage("eval: use `eval check FILE... [--model ID] [--replaces OLD]`");
	if (replaces && !model)
		return cli_usage("eval check: --replaces needs --model, the model replacing it");
	if ((err = cli_setup(cli, false)) < 0)
		return cli_fail(err);
	memset(&ctx, 0, sizeof(ctx));
	ctx.cfg = &cli->cfg;
	ctx.commit_day = pc_days_from_date(cli->today);
	if (cli->repo && cli->repo->workdir) {
		if ((err = pc_repo_index(&index, cli->repo)) < 0)
			return cli_fail(err);
		ctx.repo = cli->repo->repo;
		ctx.index = index;
	}
	n = (size_t)a->npos - 1;
	ev = pc_calloc(n, sizeof(*ev));
	for (i = 0; err >= 0 && i < n; i++) {
		const char *file = a->pos[i + 1];
		char *path = repo_path(cli, file);
		pc_eval_ctx one = ctx;
		if (!path) /* outside the work tree: no trailer could link it */
			one.index = NULL;
		err = pc_eval_check_file(&ev[i], &one, file, path ? path : file);
		free(path);
	}
	for (i = 0; err >= 0 && i < n; i++)
		bad += report(cli, ev, n, i, model, replaces);
	if (err >= 0)
		printf("verdict: %s", bad ? "refused" : "pass");
	if (err >= 0 && bad)
		printf(" (%zu problem%s)", bad, bad == 1 ? "" : "s");
	if (err >= 0)
		printf("\n");
	for (i = 0; i < n; i++)
		pc_eval_free(&ev[i]);
	free(ev);
	git_index_free(index);
	return err < 0 ? cli_fail(err) : bad ? EXIT_FINDINGS : EXIT_CLEAN;
}

const cli_command cmd_eval = {
	"eval", "check FILE... [--model ID] [--replaces OLD]",
	"what the eval gate reads in a result: format, models, numbers, date, verdict, problems",
	eval_options, run_eval, false
};
