/*
 * test_catalog.c: `catalog import` (catalog.c), one reader a provider, and
 * the layering of an imported catalog over held facts (rules.c,
 * PC_ORIGIN_CATALOG).
 *
 * The lists are small inline documents in each provider's documented
 * shape. Each is copied into a heap buffer of exactly its length, so
 * AddressSanitizer and valgrind catch any read past the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/catalog.h"
#include "pincheck/common.h"

#define TODAY "2026-12-01"

/* Read `text` as the list `name` into *cat. */
static int read_list(pc_catalog *cat, const char *name, const char *text)
{
	size_t n = strlen(text);
	char *buf = malloc(n ? n : 1);
	int err;
	memcpy(buf, text, n);
	err = pc_catalog_read(cat, name, buf, n, TODAY);
	free(buf);
	return err;
}

static const pc_model *fact(const pc_catalog *cat, const char *id)
{
	size_t i;
	for (i = 0; i < cat->nmodels; i++)
		if (!strcmp(cat->models[i].id, id))
			return &cat->models[i];
	return NULL;
}

/* The fact of `id` has these dates (NULL: none). */
static void assert_fact(const pc_catalog *cat, const char *id, const char *dep, const char *ret)
{
	const pc_model *m = fact(cat, id);
	assert_non_null(m);
	if (dep)
		assert_string_equal(m->deprecated, dep);
	else
		assert_null(m->deprecated);
	if (ret)
		assert_string_equal(m->retires, ret);
	else
		assert_null(m->retires);
}

static void assert_refused(const char *name, const char *text, const char *msg)
{
	pc_catalog cat = PC_CATALOG_INIT;
	assert_int_equal(read_list(&cat, name, text), PC_EUSAGE);
	if (!strstr(pc_error_last(), msg))
		fail_msg("'%s' not in '%s'", msg, pc_error_last());
	pc_catalog_free(&cat);
}

static void test_anthropic(void **state)
{
	pc_catalog cat = PC_CATALOG_INIT;
	(void)state;
	assert_int_equal(read_list(&cat, "a.json",
		"{\"data\": [\n"
		" {\"type\": \"model\", \"id\": \"claude-x-20250101\", \"created_at\": \"2025-01-01T00:00:00Z\",\n"
		"  \"lifecycle\": \"deprecated\", \"deprecated_at\": \"2026-03-01T10:00:00Z\",\n"
		"  \"retires_at\": \"2026-09-30T23:30:00-02:00\"},\n"
		" {\"type\": \"model\", \"id\": \"claude-y-20250101\", \"lifecycle\": \"retired\"},\n"
		" {\"type\": \"model\", \"id\": \"claude-z\", \"lifecycle\": {\"status\": \"deprecated\",\n"
		"  \"retires_at\": \"2027-01-02\"}},\n"
		" {\"type\": \"model\", \"id\": \"claude-active\", \"lifecycle\": \"active\",\n"
		"  \"deprecated_at\": null, \"retires_at\": null}\n"
		"], \"has_more\": false}\n"), 0);
	/* 23:30 at -02:00 is the next day in UTC */
	assert_fact(&cat, "claude-x-20250101", "2026-03-01", "2026-10-01");
	assert_fact(&cat, "claude-y-20250101", NULL, TODAY);
	assert_fact(&cat, "claude-z", TODAY, "2027-01-02");
	assert_null(fact(&cat, "claude-active"));
	assert_string_equal(cat.provider, "anthropic");
	pc_catalog_free(&cat);
}

static void test_bedrock(void **state)
{
	pc_catalog cat = PC_CATALOG_INIT;
	(void)state;
	assert_int_equal(read_list(&cat, "b.json",
		"{\"modelSummaries\": [\n"
		" {\"modelId\": \"anthropic.claude-x-v1:0\", \"modelLifecycle\": {\"status\": \"LEGACY\",\n"
		"   \"legacyTime\": \"2026-05-20T00:00:00+00:00\", \"endOfLifeTime\": 1795132800.0}},\n"
		" {\"modelId\": \"meta.llama-x-v1:0\", \"modelLifecycle\": {\"status\": \"LEGACY\"}},\n"
		" {\"modelId\": \"amazon.nova-x-v1:0\", \"modelLifecycle\": {\"status\": \"ACTIVE\"}},\n"
		" {\"modelId\": \"cohere.x-v1:0\"}\n"
		"]}\n"), 0);
	assert_fact(&cat, "anthropic.claude-x-v1:0", "2026-05-20", "2026-11-20");
	assert_fact(&cat, "meta.llama-x-v1:0", TODAY, NULL);
	assert_null(fact(&cat, "amazon.nova-x-v1:0"));
	assert_null(fact(&cat, "cohere.x-v1:0"));
	pc_catalog_free(&cat);
}

static void test_azure(void **state)
{
	pc_catalog cat = PC_CATALOG_INIT;
	(void)state;
	assert_int_equal(read_list(&cat, "z.json",
		"{\"object\": \"list\", \"data\": [\n"
		" {\"id\": \"gpt-x-2024-11-20\", \"lifecycle_status\": \"generally-available\",\n"
		"  \"deprecation\": {\"fine_tune\": 1780272000, \"inference\": 1790812800}},\n"
		" {\"id\": \"gpt-y\", \"lifecycle_status\": \"deprecating\", \"deprecation\": {\"inference\": 1803859200}},\n"
		" {\"id\": \"gpt-z\", \"lifecycle_status\": \"deprecated\", \"deprecation\": {\"inference\": 1803859200}},\n"
		" {\"id\": \"gpt-ga\", \"lifecycle_status\": \"preview\"}\n"
		"]}\n"), 0);
	/* fine_tune ends training, not calls */
	assert_fact(&cat, "gpt-x-2024-11-20", NULL, "2026-10-01");
	assert_fact(&cat, "gpt-y", TODAY, "2027-03-01");
	/* Azure's "deprecated" is retired: today, before the stated date */
	assert_fact(&cat, "gpt-z", NULL, TODAY);
	assert_null(fact(&cat, "gpt-ga"));
	assert_string_equal(cat.provider, "azure-openai");
	pc_catalog_free(&cat);
}

static void test_openrouter(void **state)
{
	pc_catalog cat = PC_CATALOG_INIT;
	(void)state;
	assert_int_equal(read_list(&cat, "o.json",
		"{\"data\": [\n"
		" {\"id\": \"anthropic/claude-x.6\", \"canonical_slug\": \"anthropic/claude-x.6-2026\",\n"
		"  \"context_length\": 1000, \"expiration_date\": \"2026-11-30\"},\n"
		" {\"id\": \"mistralai/m-2411\", \"context_length\": 1000, \"expiration_date\": null}\n"
		"]}\n"), 0);
	assert_fact(&cat, "anthropic/claude-x.6", NULL, "2026-11-30");
	assert_null(fact(&cat, "mistralai/m-2411"));
	assert_string_equal(cat.provider, "openrouter");
	pc_catalog_free(&cat);
}

static void test_litellm(void **state)
{
	pc_catalog cat = PC_CATALOG_INIT;
	(void)state;
	assert_int_equal(read_list(&cat, "l.json",
		"{\"sample_spec\": {\"litellm_provider\": \"x\", \"deprecation_date\": \"YYYY-MM-DD\"},\n"
		" \"gpt-x-2024-08-06\": {\"litellm_provider\": \"openai\", \"deprecation_date\": \"2026-11-01\"},\n"
		" \"azure/gpt-x-2024-05-13\": {\"litellm_provider\": \"azure\", \"deprecation_date\": \"2026-09-30\"},\n"
		" \"m-2411\": {\"litellm_provider\": \"mistral\", \"input_cost_per_token\": 2e-06}\n"
		"}\n"), 0);
	assert_fact(&cat, "gpt-x-2024-08-06", NULL, "2026-11-01");
	/* the route prefix stays: Azure's dates are not OpenAI's */
	assert_fact(&cat, "azure/gpt-x-2024-05-13", NULL, "2026-09-30");
	assert_null(fact(&cat, "gpt-x-2024-05-13"));
	assert_null(fact(&cat, "m-2411"));
	assert_null(fact(&cat, "sample_spec"));
	pc_catalog_free(&cat);
}

static void test_two_lists_keep_the_earlier_date(void **state)
{
	pc_catalog cat = PC_CATALOG_INIT;
	pc_buf out = PC_BUF_INIT;
	(void)state;
	assert_int_equal(read_list(&cat, "o.json",
		"{\"data\": [{\"id\": \"x\", \"expiration_date\": \"2026-11-30\"},"
		" {\"id\": \"w\", \"expiration_date\": \"2026-01-01\"}]}"), 0);
	assert_int_equal(read_list(&cat, "l.json",
		"{\"x\": {\"litellm_provider\": \"o\", \"deprecation_date\": \"2026-11-10\"}}"), 0);
	assert_int_equal(read_list(&cat, "l2.json",
		"{\"x\": {\"litellm_provider\": \"o\", \"deprecation_date\": \"2026-12-10\"}}"), 0);
	assert_fact(&cat, "x", NULL, "2026-11-10");
	assert_string_equal(cat.provider, "imported");
	pc_catalog_write(&out, &cat, TODAY);
	/* sorted by id, quoted, dated today */
	assert_non_null(strstr(out.ptr, "provider: imported\ncatalog_date: " TODAY "\nmodels:\n"
				   "  - id: \"w\"\n    retires: 2026-01-01\n"
				   "  - id: \"x\"\n    retires: 2026-11-10\n"));
	assert_non_null(strstr(out.ptr, "#   o.json: the OpenRouter models list, 2 models, 2 with"));
	pc_buf_free(&out);
	pc_catalog_free(&cat);
}

static void test_written_file_loads_and_its_facts_win(void **state)
{
	pc_catalog cat = PC_CATALOG_INIT;
	pc_ruleset *rs = pc_ruleset_new();
	pc_buf out = PC_BUF_INIT;
	const char *builtin = "provider: acme\nmodels:\n"
			      "  - id: acme-1\n    deprecated: 2026-01-01\n    retires: 2027-06-01\n"
			      "    replacement: acme-2\n"
			      "  - id: acme-9\n    retires: 2027-01-01\n";
	const pc_model *m;
	(void)state;
	assert_int_equal(read_list(&cat, "o.json",
		"{\"data\": [{\"id\": \"acme-1\", \"expiration_date\": \"2026-10-01\"},"
		" {\"id\": \"acme-3:0\", \"expiration_date\": \"2026-10-02\"}]}"), 0);
	pc_catalog_write(&out, &cat, TODAY);
	assert_int_equal(pc_ruleset_add_file(rs, "rules/acme.yml", builtin, strlen(builtin),
					     PC_ORIGIN_BUILTIN), 0);
	assert_int_equal(pc_ruleset_add_file(rs, "facts.yml", out.ptr, out.len, PC_ORIGIN_CATALOG), 0);
	/* the stated date replaces the held one; what it leaves unstated stays */
	m = pc_ruleset_model(rs, "acme-1");
	assert_string_equal(m->retires, "2026-10-01");
	assert_string_equal(m->deprecated, "2026-01-01");
	assert_string_equal(m->replacement, "acme-2");
	assert_string_equal(pc_ruleset_model(rs, "acme-3:0")->retires, "2026-10-02");
	assert_string_equal(pc_ruleset_model(rs, "acme-9")->retires, "2027-01-01");
	pc_buf_free(&out);
	pc_catalog_free(&cat);
	pc_ruleset_free(rs);
}

static void test_catalog_may_hold_no_rules(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	const char *text = "provider: acme\nrules:\n  - {id: a, class: pinned, pattern: a-1}\n";
	(void)state;
	assert_int_equal(pc_ruleset_add_file(rs, "facts.yml", text, strlen(text), PC_ORIGIN_CATALOG),
			 PC_EUSAGE);
	assert_non_null(strstr(pc_error_last(), "facts.yml:3:3: a catalog holds lifecycle facts"));
	assert_int_equal((int)rs->nrules, 0);
	pc_ruleset_free(rs);
}

static void test_unknown_lists_are_refused(void **state)
{
	(void)state;
	assert_refused("openai.json", "{\"object\": \"list\", \"data\": [{\"id\": \"gpt\", \"object\": \"model\"}]}",
		       "openai.json: not a model list pincheck reads");
	assert_refused("empty.json", "", "empty.json: not a model list");
	assert_refused("list.json", "[1, 2]", "list.json: not a model list");
	assert_refused("nodata.json", "{\"data\": 3}", "nodata.json: not a model list");
	assert_refused("bad.json", "{\"data\": [", "bad.json:2:1: ");
}

static void test_malformed_fields_are_refused_where_they_are(void **state)
{
	(void)state;
	assert_refused("d.json", "{\"data\": [\n {\"id\": \"m\", \"expiration_date\": \"soon\"}]}",
		       "d.json:2:33: expiration_date 'soon' is not a date");
	assert_refused("d.json", "{\"data\": [{\"id\": \"m\", \"expiration_date\": \"2026-02-30\"}]}",
		       "expiration_date '2026-02-30' is not a date");
	assert_refused("t.json", "{\"data\": [{\"id\": \"m\", \"expiration_date\": \"2026-02-03T25:00Z\"}]}",
		       "is not a date");
	assert_refused("n.json", "{\"data\": [{\"id\": \"m\", \"expiration_date\": -5}]}", "is not a date");
	assert_refused("i.json", "{\"data\": [{\"id\": [1], \"context_length\": 1}]}",
		       "i.json:1:18: id must be a scalar");
	assert_refused("i.json", "{\"data\": [{\"id\": \"\", \"context_length\": 1}]}",
		       "id must be a model id");
	assert_refused("i.json", "{\"data\": [{\"id\": \"a\\nb\", \"context_length\": 1}]}",
		       "id must be a model id");
	assert_refused("e.json", "{\"data\": [{\"context_length\": 1}, 3]}",
		       "e.json:1:11: a model entry has no 'id'");
	assert_refused("e.json", "{\"data\": [3, {\"context_length\": 1}]}",
		       "e.json:1:11: data[0] must be a model (a mapping), not a scalar");
	assert_refused("b.json", "{\"modelSummaries\": [{\"modelId\": \"x\", \"modelLifecycle\": \"LEGACY\"}]}",
		       "modelLifecycle must be a mapping");
	assert_refused("z.json", "{\"data\": [{\"id\": \"x\", \"deprecation\": {\"inference\": {}}}]}",
		       "inference must be a date, not a mapping");
	assert_refused("l.json", "{\"x\": {\"litellm_provider\": \"o\"}, \"y\": 3}",
		       "l.json:1:39: 'y' must be a model (a mapping), not a scalar");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_anthropic),
		cmocka_unit_test(test_bedrock),
		cmocka_unit_test(test_azure),
		cmocka_unit_test(test_openrouter),
		cmocka_unit_test(test_litellm),
		cmocka_unit_test(test_two_lists_keep_the_earlier_date),
		cmocka_unit_test(test_written_file_loads_and_its_facts_win),
		cmocka_unit_test(test_catalog_may_hold_no_rules),
		cmocka_unit_test(test_unknown_lists_are_refused),
		cmocka_unit_test(test_malformed_fields_are_refused_where_they_are),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
