/*
 * test_evalref.c: the eval reader from memory (pc_eval_read, evalref.c):
 * each field of an eval result that is missing or wrong is its own
 * problem, and a result that is not a mapping or does not parse is one.
 * Reading from a tree or the index is tested end to end
 * (tests/e2e/t0010-eval-gate.sh).
 *
 * Results are read from heap copies of exactly their length, so
 * AddressSanitizer and valgrind catch any read past the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/config.h"
#include "pincheck/evalref.h"

#define REF "evals/results/r.yml"

static pc_config cfg;

static void read_eval(pc_eval *e, const char *text)
{
	const pc_eval_ctx ctx = { .cfg = &cfg, .commit_day = pc_days_from_date("2026-06-01") };
	size_t len = strlen(text);
	char *buf = malloc(len ? len : 1);
	assert_non_null(buf);
	memcpy(buf, text, len);
	pc_config_init(&cfg);
	pc_eval_read(e, &ctx, REF, buf, len);
	free(buf);
}

static void assert_problem(const pc_eval *e, const char *needle)
{
	size_t i;
	for (i = 0; i < e->nproblems; i++)
		if (strstr(e->problems[i], needle))
			return;
	fail_msg("no problem mentions '%s' (%zu problems)", needle, e->nproblems);
}

static void test_passing_result_has_no_problem(void **state)
{
	pc_eval e;
	(void)state;
	read_eval(&e, "model: gpt-4o-2024-08-06\nsuite: s\ndate: 2026-05-20\nstatus: pass\n");
	assert_int_equal(e.nproblems, 0);
	assert_int_equal(e.nmodels, 1);
	assert_string_equal(e.ref, REF);
	assert_string_equal(e.models[0], "gpt-4o-2024-08-06");
	pc_eval_free(&e);
}

static void test_json_result_with_models_list(void **state)
{
	pc_eval e;
	(void)state;
	read_eval(&e, "{\"models\": [\"a-1\", \"b-2\"], \"suite\": \"s\", "
		      "\"date\": \"2026-05-31T12:00:00Z\", \"status\": \"pass\"}");
	assert_int_equal(e.nproblems, 0);
	assert_int_equal(e.nmodels, 2);
	assert_string_equal(e.models[0], "a-1");
	assert_string_equal(e.models[1], "b-2");
	pc_eval_free(&e);
}

static void test_each_wrong_field_is_a_problem(void **state)
{
	pc_eval e;
	(void)state;
	read_eval(&e, "model: ''\ndate: 2026-13-01\nstatus: maybe\n");
	assert_int_equal(e.nproblems, 4);
	assert_problem(&e, "names no model");
	assert_problem(&e, "has no `suite`");
	assert_problem(&e, "status 'maybe'");
	assert_problem(&e, "not an ISO 8601 date");
	pc_eval_free(&e);
}

static void test_failing_future_and_stale_results(void **state)
{
	pc_eval e;
	(void)state;
	read_eval(&e, "model: m\nsuite: s\ndate: 2026-06-02\nstatus: fail\n");
	assert_problem(&e, "status: fail");
	assert_problem(&e, "after the commit's date");
	pc_eval_free(&e);
	read_eval(&e, "model: m\nsuite: s\ndate: 2020-01-01\nstatus: pass\n");
	assert_problem(&e, "eval.max_age_days");
	pc_eval_free(&e);
}

static void test_not_a_mapping_or_not_parsing(void **state)
{
	pc_eval e;
	(void)state;
	read_eval(&e, "- a list\n");
	assert_int_equal(e.nproblems, 1);
	assert_problem(&e, "is not a mapping");
	pc_eval_free(&e);
	read_eval(&e, "model: [unclosed\n");
	assert_int_equal(e.nproblems, 1);
	assert_problem(&e, "does not parse as YAML or JSON: " REF ":");
	pc_eval_free(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_passing_result_has_no_problem),
		cmocka_unit_test(test_json_result_with_models_list),
		cmocka_unit_test(test_each_wrong_field_is_a_problem),
		cmocka_unit_test(test_failing_future_and_stale_results),
		cmocka_unit_test(test_not_a_mapping_or_not_parsing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
