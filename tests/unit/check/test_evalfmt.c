/*
 * test_evalfmt.c: the readers of eval tools' results (evalfmt.c) and the
 * verdict on their numbers (verdict.c). Each format is read from the
 * fixtures in tests/data/evals/ (written after each tool's documented
 * output: promptfoo's OutputFile, inspect_ai's EvalLog and .eval archive,
 * lm-evaluation-harness's results JSON, the OpenAI Evals run object), and
 * from small documents built here for the edges: provider prefixes, a
 * provider with no model, metric names, hostile sizes and shapes.
 *
 * Run from the top of the repository (as `make check` does). Every buffer
 * is a heap copy of exactly its length, so AddressSanitizer and valgrind
 * see any read past its end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/config.h"
#include "pincheck/date.h"
#include "pincheck/evalfmt.h"
#include "pincheck/evalref.h"
#include "pincheck/limits.h"
#include "pincheck/verdict.h"

#define DATA "tests/data/evals/"
#define NEW "gpt-4o-2024-08-06"
#define OLD "gpt-4o-mini-2024-07-18"

static void read_buf(pc_eval_result *r, const char *name, const char *text, size_t len)
{
	char *buf = malloc(len ? len : 1);
	assert_non_null(buf);
	memcpy(buf, text, len);
	pc_eval_result_read(r, name, buf, len);
	free(buf);
}

static void read_text(pc_eval_result *r, const char *text)
{
	read_buf(r, "t.json", text, strlen(text));
}

static void read_fixture(pc_eval_result *r, const char *name)
{
	pc_buf path = PC_BUF_INIT, b = PC_BUF_INIT;
	pc_buf_printf(&path, DATA "%s", name);
	if (pc_buf_read_file(&b, path.ptr, PC_MAX_EVAL_FILE) < 0)
		fail_msg("%s (run from the top of the repository)", pc_error_last());
	read_buf(r, name, b.ptr ? b.ptr : "", b.len);
	pc_buf_free(&b);
	pc_buf_free(&path);
}

static void assert_problem(const pc_eval_result *r, const char *needle)
{
	size_t i;
	for (i = 0; i < r->nproblems; i++)
		if (strstr(r->problems[i], needle))
			return;
	fail_msg("no problem mentions '%s' (%zu problems%s%s)", needle, r->nproblems,
		 r->nproblems ? ", first: " : "", r->nproblems ? r->problems[0] : "");
}

static const pc_eval_model *model(const pc_eval_result *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->nmodels; i++)
		if (!strcmp(r->models[i].id, id))
			return &r->models[i];
	fail_msg("no model %s among %zu", id, r->nmodels);
	return NULL;
}

static double metric(const pc_eval_model *m, const char *name)
{
	size_t i;
	for (i = 0; i < m->nmetrics; i++)
		if (!strcmp(m->metrics[i].name, name))
			return m->metrics[i].value;
	fail_msg("%s has no metric %s", m->id, name);
	return 0;
}

static void assert_day(const pc_eval_result *r, const char *day, const char *field)
{
	assert_int_equal(r->day, pc_days_from_date(day));
	assert_string_equal(r->date_field, field);
}

/* ---- readers ---- */

static void test_promptfoo_json_and_yaml(void **state)
{
	const char *files[] = { "promptfoo-pass.json", "promptfoo-pass.yaml" };
	size_t i;
	(void)state;
	for (i = 0; i < 2; i++) {
		pc_eval_result r;
		const pc_eval_model *m;
		read_fixture(&r, files[i]);
		assert_int_equal(r.format, PC_EVAL_PROMPTFOO);
		assert_int_equal(r.nproblems, 0);
		assert_int_equal(r.nmodels, 2);
		m = model(&r, NEW); /* openai:chat: stripped */
		assert_string_equal(m->raw, "openai:chat:" NEW);
		assert_true(m->has_tests);
		assert_int_equal(m->passed, 4);
		assert_int_equal(m->failed, 0);
		m = model(&r, OLD);
		assert_int_equal(m->passed, 3);
		assert_int_equal(m->failed, 1);
		assert_day(&r, "2026-11-28", "results.timestamp");
		pc_eval_result_free(&r);
	}
}

static void test_promptfoo_provider_prefixes(void **state)
{
	static const struct {
		const char *id, *model;
	} cases[] = {
		{ "openai:gpt-4o-2024-08-06", "gpt-4o-2024-08-06" },
		{ "openai:chat:gpt-4o-2024-08-06", "gpt-4o-2024-08-06" },
		{ "anthropic:messages:claude-3-5-sonnet-20241022", "claude-3-5-sonnet-20241022" },
		{ "bedrock:anthropic.claude-3-5-sonnet-20240620-v1:0",
		  "anthropic.claude-3-5-sonnet-20240620-v1:0" },
		{ "ollama:chat:llama3:latest", "llama3:latest" },
		{ "openai:chatgpt-4o-latest", "chatgpt-4o-latest" },
		{ "vertex:gemini-1.5-pro-002", "gemini-1.5-pro-002" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pc_buf doc = PC_BUF_INIT;
		pc_eval_result r;
		pc_buf_printf(&doc, "{\"results\": {\"timestamp\": \"2026-11-28T10:00:00Z\", "
				    "\"results\": [{\"provider\": {\"id\": \"%s\"}, \"success\": true}]}}",
			      cases[i].id);
		read_text(&r, doc.ptr);
		assert_int_equal(r.nproblems, 0);
		assert_int_equal(r.nmodels, 1);
		assert_string_equal(r.models[0].id, cases[i].model);
		pc_eval_result_free(&r);
		pc_buf_free(&doc);
	}
}

static void test_promptfoo_provider_without_model(void **state)
{
	pc_eval_result r;
	(void)state;
	read_fixture(&r, "promptfoo-no-model.json");
	assert_problem(&r, "has results of the provider 'openai:chat', which names no model");
	assert_int_equal(r.nproblems, 1); /* once, not once a row */
	pc_eval_result_free(&r);
	read_text(&r, "{\"results\": {\"timestamp\": \"2026-11-28\", \"results\": ["
		      "{\"provider\": {\"id\": \"file://provider.js\"}, \"success\": true},"
		      "{\"provider\": {}, \"success\": true}]}}");
	assert_problem(&r, "'file://provider.js', which names no model");
	assert_problem(&r, "1 test result with no provider id");
	pc_eval_result_free(&r);
	read_text(&r, "{\"results\": {\"results\": []}}");
	assert_problem(&r, "has no test results");
	assert_problem(&r, "has no `results.timestamp`");
	pc_eval_result_free(&r);
}

static void test_inspect_json_and_archives(void **state)
{
	const char *files[] = { "inspect-pass.json", "inspect-pass.eval", "inspect-pass-zstd.eval" };
	size_t i;
	(void)state;
	for (i = 0; i < 3; i++) {
		pc_eval_result r;
		const pc_eval_model *m;
		read_fixture(&r, files[i]);
		assert_int_equal(r.format, PC_EVAL_INSPECT);
		if (r.nproblems)
			fail_msg("%s: %s", files[i], r.problems[0]);
		assert_int_equal(r.nmodels, 1);
		m = model(&r, NEW); /* openai/ stripped */
		assert_string_equal(m->raw, "openai/" NEW);
		assert_false(m->has_tests);
		assert_true(fabs(metric(m, "match/accuracy") - 0.92) < 1e-9);
		assert_true(isnan(metric(m, "match/stderr"))); /* a bare NaN */
		assert_day(&r, "2026-11-28", "eval.created");
		pc_eval_result_free(&r);
	}
}

static void test_inspect_refusals(void **state)
{
	pc_eval_result r;
	(void)state;
	read_fixture(&r, "inspect-error.json");
	assert_problem(&r, "has status 'error'; an inspect_ai log is accepted with status success");
	pc_eval_result_free(&r);
	read_fixture(&r, "not-inspect.eval");
	assert_problem(&r, "without header.json");
	assert_problem(&r, "inspect log dump");
	pc_eval_result_free(&r);
	read_text(&r, "{\"version\": 2, \"status\": \"success\", \"eval\": {\"task\": \"t\", "
		      "\"model\": \"openai/" NEW "\"}}");
	assert_problem(&r, "has no scores (results.scores)");
	assert_problem(&r, "has no `eval.created`");
	pc_eval_result_free(&r);
}

static void test_truncated_archive(void **state)
{
	pc_buf b = PC_BUF_INIT;
	pc_eval_result r;
	(void)state;
	assert_int_equal(pc_buf_read_file(&b, DATA "inspect-pass.eval", 1 << 20), 0);
	read_buf(&r, "cut.eval", b.ptr, b.len / 2);
	assert_int_equal(r.format, PC_EVAL_INSPECT);
	assert_true(r.nproblems >= 1);
	assert_problem(&r, "inspect log dump");
	assert_int_equal(r.nmodels, 0);
	pc_eval_result_free(&r);
	pc_buf_free(&b);
}

static void test_lm_eval(void **state)
{
	pc_eval_result r;
	const pc_eval_model *m;
	(void)state;
	read_fixture(&r, "lm-eval-pass.json");
	assert_int_equal(r.format, PC_EVAL_LM_EVAL);
	assert_int_equal(r.nproblems, 0);
	m = model(&r, NEW);
	assert_true(fabs(metric(m, "arc_easy/acc,none") - 0.91) < 1e-9);
	assert_true(fabs(metric(m, "arc_challenge/acc,none") - 0.84) < 1e-9);
	assert_day(&r, "2026-11-28", "date"); /* epoch seconds, a UTC day */
	pc_eval_result_free(&r);
	/* no model_name: lm-eval's own model_args keys */
	read_fixture(&r, "lm-eval-model-args.json");
	assert_int_equal(r.nproblems, 0);
	model(&r, NEW);
	pc_eval_result_free(&r);
	read_text(&r, "{\"results\": {\"arc_easy\": {\"acc,none\": 0.5}}, \"config\": "
		      "{\"model\": \"hf\", \"model_args\": \"dtype=bfloat16,pretrained=org/m-7b\"}, "
		      "\"date\": 1795867200}");
	assert_int_equal(r.nproblems, 0);
	assert_string_equal(r.models[0].id, "org/m-7b");
	pc_eval_result_free(&r);
	read_text(&r, "{\"results\": {}, \"config\": {\"model\": \"hf\"}, \"date\": \"soon\"}");
	assert_problem(&r, "names no model");
	assert_problem(&r, "has no task results");
	assert_problem(&r, "has date 'soon', which is not a date");
	pc_eval_result_free(&r);
}

static void test_openai_run(void **state)
{
	pc_eval_result r;
	const pc_eval_model *m;
	(void)state;
	read_fixture(&r, "openai-fail.json");
	assert_int_equal(r.format, PC_EVAL_OPENAI);
	assert_int_equal(r.nproblems, 0);
	m = model(&r, NEW);
	assert_int_equal(m->passed, 45);
	assert_int_equal(m->failed, 5);
	assert_day(&r, "2026-11-28", "created_at");
	pc_eval_result_free(&r);
	read_fixture(&r, "openai-in-progress.json");
	assert_problem(&r, "has status 'in_progress'; an OpenAI eval run is accepted with status "
			   "completed only");
	pc_eval_result_free(&r);
	read_text(&r, "{\"object\": \"eval.run\", \"status\": \"completed\", \"model\": \"o3\", "
		      "\"created_at\": 1795867200, \"result_counts\": {\"passed\": 3, \"total\": 2}}");
	assert_problem(&r, "counts more passed tests than tests");
	pc_eval_result_free(&r);
}

static void test_own_format_and_its_baseline(void **state)
{
	pc_eval_result r;
	const pc_eval_model *m;
	(void)state;
	read_text(&r, "model: " NEW "\nbaseline: " OLD "\nsuite: s\ndate: 2026-11-28\n"
		      "status: pass\nscore: 0.93\nbaseline_score: 0.91\n");
	assert_int_equal(r.format, PC_EVAL_PINCHECK);
	assert_int_equal(r.nproblems, 0);
	assert_int_equal(r.nmodels, 2);
	m = model(&r, OLD);
	assert_true(m->baseline);
	assert_true(fabs(metric(m, "score") - 0.91) < 1e-9);
	assert_false(model(&r, NEW)->baseline);
	pc_eval_result_free(&r);
	read_text(&r, "model: " NEW "\nsuite: s\ndate: 2026-11-28\nstatus: passed\n");
	assert_problem(&r, "has status 'passed'; the accepted values are pass and fail");
	pc_eval_result_free(&r);
}

static void test_metric_names(void **state)
{
	(void)state;
	assert_true(pc_eval_metric_matches("accuracy", "match/accuracy"));
	assert_true(pc_eval_metric_matches("match/accuracy", "match/accuracy"));
	assert_false(pc_eval_metric_matches("includes/accuracy", "match/accuracy"));
	assert_true(pc_eval_metric_matches("acc", "arc_easy/acc,none"));
	assert_true(pc_eval_metric_matches("acc,none", "arc_easy/acc,none"));
	assert_true(pc_eval_metric_matches("arc_easy/acc", "arc_easy/acc,none"));
	assert_false(pc_eval_metric_matches("acc", "arc_easy/acc_norm,none"));
	assert_false(pc_eval_metric_matches("acc", "arc_easy/acc_stderr,none"));
	assert_false(pc_eval_metric_matches("arc_challenge/acc", "arc_easy/acc,none"));
	assert_false(pc_eval_metric_matches("accuracy", "match/stderr"));
}

/* ---- hostile results ---- */

static void test_hostile_sizes_and_shapes(void **state)
{
	pc_buf b = PC_BUF_INIT;
	pc_eval_result r;
	size_t i;
	(void)state;
	/* larger than the limit: refused by its length, never read */
	pc_eval_result_read(&r, "huge.json", NULL, (size_t)50 << 20);
	assert_problem(&r, "is larger than 16 MiB");
	pc_eval_result_free(&r);
	/* deep nesting where the reader skips (samples) is still refused */
	pc_buf_puts(&b, "{\"samples\": ");
	for (i = 0; i < 10000; i++)
		pc_buf_putc(&b, '[');
	read_buf(&r, "deep.json", b.ptr, b.len);
	assert_problem(&r, "nested deeper than");
	pc_eval_result_free(&r);
	/* an alias bomb, skipped subtree or not */
	pc_buf_clear(&b);
	pc_buf_puts(&b, "eval: {model: openai/x, created: 2026-11-28}\nsamples:\n  a: &a [x, x]\n"
			"  b: &b [*a, *a]\n  c: [*b, *b]\n");
	read_buf(&r, "bomb.yaml", b.ptr, b.len);
	assert_problem(&r, "YAML anchors (&name) are not supported here");
	pc_eval_result_free(&r);
	/* samples past the node limit are read past, not kept */
	pc_buf_clear(&b);
	pc_buf_puts(&b, "{\"status\": \"success\", \"eval\": {\"task\": \"t\", \"created\": "
			"\"2026-11-28\", \"model\": \"openai/" NEW "\"}, \"results\": {\"scores\": "
			"[{\"name\": \"m\", \"metrics\": {\"accuracy\": {\"value\": 0.9}}}]}, "
			"\"samples\": [");
	for (i = 0; i < PC_DOC_MAX_NODES; i++)
		pc_buf_puts(&b, i ? ",1" : "1");
	pc_buf_puts(&b, "]}");
	read_buf(&r, "long.json", b.ptr, b.len);
	assert_int_equal(r.nproblems, 0);
	assert_true(fabs(metric(model(&r, NEW), "m/accuracy") - 0.9) < 1e-9);
	pc_eval_result_free(&r);
	pc_buf_free(&b);
}

static void test_json_surrogate_escapes(void **state)
{
	pc_eval_result r;
	(void)state;
	/* Python's json.dumps escapes an emoji as a surrogate pair */
	read_text(&r, "{\"object\": \"eval.run\", \"status\": \"completed\", \"model\": \"" NEW
		      "\", \"name\": \"\\ud83d\\ude00 \\ud800 \\\\ud83d\", \"created_at\": "
		      "1795867200, \"result_counts\": {\"passed\": 1, \"total\": 1}}");
	assert_int_equal(r.nproblems, 0);
	assert_int_equal(r.nmodels, 1);
	pc_eval_result_free(&r);
}

/* ---- verdicts ---- */

static pc_config cfg;

/* The linked results `files` (n), as the gate holds them. */
static void link_all(pc_eval *ev, const char *const *files, size_t n)
{
	const pc_eval_ctx ctx = { .cfg = &cfg, .commit_day = pc_days_from_date("2026-12-01") };
	size_t i;
	for (i = 0; i < n; i++) {
		pc_buf path = PC_BUF_INIT, b = PC_BUF_INIT;
		pc_buf_printf(&path, DATA "%s", files[i]);
		assert_int_equal(pc_buf_read_file(&b, path.ptr, PC_MAX_EVAL_FILE), 0);
		pc_eval_read(&ev[i], &ctx, files[i], b.ptr, b.len);
		pc_buf_free(&b);
		pc_buf_free(&path);
	}
}

static void judge(pc_verdict *v, const char *const *files, size_t n, const char *replaced)
{
	pc_eval ev[4];
	size_t i;
	memset(v, 0, sizeof(*v));
	link_all(ev, files, n);
	pc_verdict_judge(v, &cfg, &ev[0], NEW, replaced, ev, n);
	for (i = 0; i < n; i++)
		pc_eval_free(&ev[i]);
}

static void assert_says(const pc_verdict *v, const char *needle)
{
	size_t i;
	for (i = 0; i < v->n; i++)
		if (strstr(v->items[i], needle))
			return;
	fail_msg("no verdict problem mentions '%s' (%zu%s%s)", needle, v->n, v->n ? ", first: " : "",
		 v->n ? v->items[0] : "");
}

static void test_pass_rate(void **state)
{
	const char *pass[] = { "promptfoo-pass.json" }, *fail[] = { "promptfoo-fail.json" };
	const char *oa[] = { "openai-fail.json" };
	pc_verdict v;
	(void)state;
	pc_config_init(&cfg);
	judge(&v, pass, 1, OLD); /* 4/4, and the old model's 3/4 trails it */
	assert_int_equal(v.n, 0);
	judge(&v, fail, 1, OLD);
	assert_says(&v, "promptfoo-fail.json: " NEW " passed 3 of 4 tests (75.0%), below "
			"eval.min_pass_rate (1)");
	pc_verdict_free(&v);
	judge(&v, oa, 1, NULL);
	assert_says(&v, "passed 45 of 50 tests (90.0%)");
	pc_verdict_free(&v);
	cfg.eval_min_pass_rate = 0.9;
	judge(&v, oa, 1, NULL);
	assert_int_equal(v.n, 0);
}

static void test_regression(void **state)
{
	const char *pf[] = { "promptfoo-regression.json" };
	const char *oa[] = { "openai-regression-new.json", "openai-regression-old.json" };
	pc_verdict v;
	(void)state;
	pc_config_init(&cfg);
	cfg.eval_min_pass_rate = 0.75;
	judge(&v, pf, 1, OLD); /* the same result scores both */
	assert_int_equal(v.n, 1);
	assert_says(&v, NEW " passed 75.0% of its tests, " OLD " 100.0%: it trails by more than "
			"eval.max_regression (0)");
	pc_verdict_free(&v);
	judge(&v, pf, 1, NULL); /* nothing replaced: nothing to trail */
	assert_int_equal(v.n, 0);
	cfg.eval_max_regression = 0.25;
	judge(&v, pf, 1, OLD);
	assert_int_equal(v.n, 0);
	cfg.eval_max_regression = 0;
	cfg.eval_min_pass_rate = 0.9;
	judge(&v, oa, 2, OLD); /* a second linked result scores the old model */
	assert_says(&v, "in openai-regression-old.json");
	pc_verdict_free(&v);
}

static void test_metrics(void **state)
{
	const char *pass[] = { "inspect-pass.json" }, *fail[] = { "inspect-fail.json" };
	const char *reg[] = { "inspect-pass.json", "inspect-regression-old.json" };
	const char *lm[] = { "lm-eval-fail.json" }, *lmreg[] = { "lm-eval-pass.json",
								  "lm-eval-regression-old.json" };
	pc_eval_minimum acc = { "accuracy", 0.9 }, other = { "f1", 0.5 }, lmacc = { "acc", 0.8 };
	pc_verdict v;
	(void)state;
	pc_config_init(&cfg);
	judge(&v, pass, 1, NULL); /* no eval.metrics: the config to write, and what it has */
	assert_says(&v, "is an inspect_ai result, which has scores but no verdict");
	assert_says(&v, "`eval: {metrics: {accuracy: 0.9}}`");
	assert_says(&v, "this result has match/accuracy, match/stderr");
	pc_verdict_free(&v);
	cfg.eval_metrics = &acc;
	cfg.neval_metrics = 1;
	judge(&v, pass, 1, NULL);
	assert_int_equal(v.n, 0);
	judge(&v, fail, 1, NULL);
	assert_says(&v, NEW "'s match/accuracy is 0.7, below eval.metrics.accuracy (0.9)");
	pc_verdict_free(&v);
	judge(&v, reg, 2, OLD);
	assert_says(&v, NEW "'s match/accuracy is 0.92, " OLD "'s is 0.97 in "
			"inspect-regression-old.json: it trails by more than eval.max_regression");
	pc_verdict_free(&v);
	cfg.eval_metrics = &other;
	judge(&v, pass, 1, NULL);
	assert_says(&v, "reports none of the metrics eval.metrics names (f1); it has "
			"match/accuracy, match/stderr");
	pc_verdict_free(&v);
	cfg.eval_metrics = &lmacc; /* acc: every task's acc,none, not acc_norm */
	judge(&v, lm, 1, NULL);
	assert_int_equal(v.n, 1);
	assert_says(&v, "arc_challenge/acc,none is 0.62, below eval.metrics.acc (0.8)");
	pc_verdict_free(&v);
	judge(&v, lmreg, 2, OLD);
	assert_int_equal(v.n, 2); /* both tasks trail */
	pc_verdict_free(&v);
	cfg.eval_metrics = NULL;
	cfg.neval_metrics = 0;
}

static void test_own_format_regression(void **state)
{
	const pc_eval_ctx ctx = { .cfg = &cfg, .commit_day = pc_days_from_date("2026-12-01") };
	const char *text = "model: " NEW "\nbaseline: " OLD "\nsuite: s\ndate: 2026-11-28\n"
			   "status: pass\nscore: 0.88\nbaseline_score: 0.91\n";
	pc_verdict v = { NULL, 0 };
	pc_eval e;
	(void)state;
	pc_config_init(&cfg);
	pc_eval_read(&e, &ctx, "own.yaml", text, strlen(text));
	assert_int_equal(e.nproblems, 0);
	assert_int_equal(e.nmodels, 1); /* the baseline is compared, not evaluated */
	pc_verdict_judge(&v, &cfg, &e, NEW, OLD, &e, 1);
	assert_says(&v, "own.yaml: " NEW "'s score is 0.88, " OLD "'s is 0.91: it trails");
	pc_verdict_free(&v);
	pc_verdict_judge(&v, &cfg, &e, NEW, NULL, &e, 1);
	assert_int_equal(v.n, 0);
	pc_eval_free(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_promptfoo_json_and_yaml),
		cmocka_unit_test(test_promptfoo_provider_prefixes),
		cmocka_unit_test(test_promptfoo_provider_without_model),
		cmocka_unit_test(test_inspect_json_and_archives),
		cmocka_unit_test(test_inspect_refusals),
		cmocka_unit_test(test_truncated_archive),
		cmocka_unit_test(test_lm_eval),
		cmocka_unit_test(test_openai_run),
		cmocka_unit_test(test_own_format_and_its_baseline),
		cmocka_unit_test(test_metric_names),
		cmocka_unit_test(test_hostile_sizes_and_shapes),
		cmocka_unit_test(test_json_surrogate_escapes),
		cmocka_unit_test(test_pass_rate),
		cmocka_unit_test(test_regression),
		cmocka_unit_test(test_metrics),
		cmocka_unit_test(test_own_format_regression),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
