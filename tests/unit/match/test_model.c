/*
 * test_model.c: model ids (model.c): the same pin with and without a
 * provider prefix, snapshot dates by each provider's convention, and the
 * rule set's lifecycle lookup of a prefixed id (rules.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"
#include "pincheck/model.h"
#include "pincheck/rules.h"

static void test_same_model_equal_ids(void **state)
{
	(void)state;
	assert_true(pc_model_same("gpt-4o-2024-08-06", "gpt-4o-2024-08-06"));
	assert_false(pc_model_same("gpt-4o-2024-08-06", "gpt-4o-2024-05-13"));
	assert_false(pc_model_same("gpt-4o", "gpt-4o-mini"));
	assert_false(pc_model_same("gpt-4o-mini", "gpt-4o"));
}

static void test_same_model_apart_from_a_prefix(void **state)
{
	(void)state;
	assert_true(pc_model_same("openai/gpt-4o-2024-08-06", "gpt-4o-2024-08-06"));
	assert_true(pc_model_same("gpt-4o-2024-08-06", "openai/gpt-4o-2024-08-06"));
	assert_true(pc_model_same("openai/gpt-4o-2024-08-06", "openai/gpt-4o-2024-08-06"));
	/* the prefix is what comes before the last '/' */
	assert_true(pc_model_same("openrouter/openai/gpt-4o-2024-08-06", "gpt-4o-2024-08-06"));
	assert_false(pc_model_same("openai/gpt-4o-2024-08-06", "gpt-4o-2024-05-13"));
	assert_false(pc_model_same("openai/gpt-4o-2024-08-06", "openai/gpt-4o-2024-05-13"));
	/* one side's prefix is dropped, not both: two routes stay apart */
	assert_false(pc_model_same("openai/gpt-4o-2024-08-06", "azure/gpt-4o-2024-08-06"));
	/* a prefix is not a suffix */
	assert_false(pc_model_same("gpt-4o-2024-08-06/openai", "gpt-4o-2024-08-06"));
}

static void test_model_base(void **state)
{
	const char *id = "gpt-4o-2024-08-06";
	(void)state;
	assert_ptr_equal(pc_model_base(id), id);
	assert_string_equal(pc_model_base("openai/gpt-4o-2024-08-06"), "gpt-4o-2024-08-06");
	assert_string_equal(pc_model_base("openrouter/openai/gpt-4o"), "gpt-4o");
	assert_string_equal(pc_model_base("openai/"), "");
	assert_string_equal(pc_model_base(""), "");
}

/* The snapshot date of `model` for `provider`, "" when none. */
static const char *snap(const char *model, const char *provider)
{
	static char out[11];
	bool found;
	memcpy(out, "garbage!!!", sizeof(out));
	found = pc_model_snapshot_date(model, provider, out);
	if (found != (*out != '\0'))
		fail_msg("%s: returned %d with '%s'", model, found, out);
	return out;
}

static void test_snapshot_iso_date_anywhere(void **state)
{
	(void)state;
	assert_string_equal(snap("gpt-4o-2024-08-06", "openai"), "2024-08-06");
	assert_string_equal(snap("openai/gpt-4o-2024-08-06", "openrouter"), "2024-08-06");
	assert_string_equal(snap("gpt-4o-2024-08-06", NULL), "2024-08-06");
	assert_string_equal(snap("2025-01-31-model", "acme"), "2025-01-31");
	assert_string_equal(snap("gpt-4o-mini-2024-07-18-ft", "azure-openai"), "2024-07-18");
	/* not a real date, or not a 1xxx/2xxx year */
	assert_string_equal(snap("gpt-4o-2024-02-30", "openai"), "");
	assert_string_equal(snap("gpt-4o-2024-13-01", "openai"), "");
	assert_string_equal(snap("model-3024-01-01", "openai"), "");
	/* the first date wins, before any YYYYMMDD */
	assert_string_equal(snap("m-20230101-2024-05-06", "acme"), "2024-05-06");
	assert_string_equal(snap("m-2024-05-06-2023-01-01", "acme"), "2024-05-06");
}

static void test_snapshot_anthropic_compact_date(void **state)
{
	(void)state;
	assert_string_equal(snap("claude-3-5-sonnet-20241022", "anthropic"), "2024-10-22");
	assert_string_equal(snap("anthropic.claude-3-5-sonnet-20241022-v2:0", "bedrock"),
			    "2024-10-22");
	assert_string_equal(snap("claude-3-opus@20240229", "google"), "2024-02-29");
	assert_string_equal(snap("claude-3-opus-20230229", "anthropic"), "");
	assert_string_equal(snap("claude-3-opus-20241322", "anthropic"), "");
	/* eight digits inside a longer number are not a date */
	assert_string_equal(snap("m-120241022", "anthropic"), "");
	/* a year that does not start with 2 */
	assert_string_equal(snap("m-19991231", "anthropic"), "");
	assert_string_equal(snap("m-2024102", "anthropic"), "");
}

static void test_snapshot_mistral_year_month(void **state)
{
	(void)state;
	assert_string_equal(snap("mistral-large-2407", "mistral"), "2024-07-01");
	assert_string_equal(snap("codestral-2501", "mistral"), "2025-01-01");
	/* only by Mistral's convention */
	assert_string_equal(snap("mistral-large-2407", "openai"), "");
	assert_string_equal(snap("mistral-large-2407", NULL), "");
	assert_string_equal(snap("mistral-large-2413", "mistral"), "");
	assert_string_equal(snap("mistral-large-24071", "mistral"), "");
	assert_string_equal(snap("mistral-large2407", "mistral"), "");
	assert_string_equal(snap("mistral-large-latest", "mistral"), "");
	/* a full date still wins */
	assert_string_equal(snap("mistral-2024-11-02-2407", "mistral"), "2024-11-02");
}

static void test_snapshot_none(void **state)
{
	(void)state;
	assert_string_equal(snap("gpt-4o", "openai"), "");
	assert_string_equal(snap("gemini-1.5-pro-002", "google"), "");
	assert_string_equal(snap("", "openai"), "");
	assert_string_equal(snap("x", "mistral"), "");
	assert_string_equal(snap("-2407", "mistral"), "");
}

static pc_ruleset *catalog(const char *text, pc_origin origin)
{
	pc_ruleset *rs = pc_ruleset_new();
	size_t len = strlen(text);
	char *buf = pc_malloc(len); /* exactly its length, for the sanitizers */
	memcpy(buf, text, len);
	if (pc_ruleset_add_file(rs, "t.yml", buf, len, origin) < 0)
		fail_msg("t.yml: %s", pc_error_last());
	free(buf);
	return rs;
}

static void test_ruleset_model_with_a_prefix(void **state)
{
	pc_ruleset *rs = catalog("provider: acme\n"
				 "models:\n"
				 "  - id: acme-fast-2024-01-01\n"
				 "    retires: 2025-01-01\n",
				 PC_ORIGIN_FILE);
	const pc_model *m;
	(void)state;
	m = pc_ruleset_model(rs, "acme-fast-2024-01-01");
	assert_non_null(m);
	assert_ptr_equal(pc_ruleset_model(rs, "acme/acme-fast-2024-01-01"), m);
	assert_ptr_equal(pc_ruleset_model(rs, "openrouter/acme/acme-fast-2024-01-01"), m);
	assert_string_equal(pc_ruleset_model(rs, "acme/acme-fast-2024-01-01")->retires,
			    "2025-01-01");
	assert_null(pc_ruleset_model(rs, "acme/acme-fast"));
	assert_null(pc_ruleset_model(rs, "acme-fast-2024-01-01/x"));
	assert_null(pc_ruleset_model(rs, "acme-fast"));
	pc_ruleset_free(rs);
}

/* The family of `model` for `provider` ("" when it has none), its
 * version's kind and key into kind_key ("d:2024-08-06", "v:002"). */
static const char *family(const char *model, const char *provider, const char **kind_key)
{
	static char fam[64], kk[16];
	pc_model_version v;
	size_t n = pc_model_family(model, provider, &v);
	assert_true(n < sizeof(fam));
	memcpy(fam, pc_model_base(model), n);
	fam[n] = '\0';
	snprintf(kk, sizeof(kk), "%c:%s", v.kind ? v.kind : '-', v.key);
	*kind_key = kk;
	return fam;
}

#define FAMILY(model, provider, want_family, want_kk)                       \
	do {                                                                \
		const char *kk_;                                            \
		assert_string_equal(family(model, provider, &kk_), want_family); \
		assert_string_equal(kk_, want_kk);                           \
	} while (0)

static void test_family_by_each_providers_suffix(void **state)
{
	(void)state;
	/* OpenAI -YYYY-MM-DD */
	FAMILY("gpt-4o-2024-08-06", "openai", "gpt-4o", "d:2024-08-06");
	FAMILY("gpt-4o-mini-2024-07-18", "openai", "gpt-4o-mini", "d:2024-07-18");
	FAMILY("o1-2024-12-17", NULL, "o1", "d:2024-12-17");
	FAMILY("openai/gpt-4o-2024-11-20", "openrouter", "gpt-4o", "d:2024-11-20");
	/* Anthropic -YYYYMMDD; Vertex @YYYYMMDD; Bedrock's -vN:M after it */
	FAMILY("claude-3-5-sonnet-20241022", "anthropic", "claude-3-5-sonnet", "d:2024-10-22");
	FAMILY("claude-sonnet-4-20250514", "anthropic", "claude-sonnet-4", "d:2025-05-14");
	FAMILY("claude-3-5-sonnet-v2@20241022", "anthropic", "claude-3-5-sonnet-v2",
	       "d:2024-10-22");
	FAMILY("anthropic.claude-3-5-sonnet-20240620-v1:0", "bedrock",
	       "anthropic.claude-3-5-sonnet", "d:2024-06-20");
	FAMILY("anthropic.claude-3-haiku-20240307-v1", "bedrock", "anthropic.claude-3-haiku",
	       "d:2024-03-07");
	/* Google -NNN, Vertex @NNN */
	FAMILY("gemini-1.5-pro-002", "google", "gemini-1.5-pro", "v:002");
	FAMILY("gemini-2.0-flash-lite-001", "google", "gemini-2.0-flash-lite", "v:001");
	FAMILY("textembedding-gecko@003", "google", "textembedding-gecko", "v:003");
	/* Mistral -YYMM and Cohere -MM-YYYY, for those providers only */
	FAMILY("mistral-large-2411", "mistral", "mistral-large", "d:2024-11-01");
	FAMILY("command-r-08-2024", "cohere", "command-r", "d:2024-08-01");
	FAMILY("mistral-large-2411", "openai", "", "-:");
	FAMILY("command-r-08-2024", "mistral", "", "-:");
}

static void test_family_none(void **state)
{
	(void)state;
	FAMILY("claude-opus-4-6", "anthropic", "", "-:");     /* dateless: its own snapshot */
	FAMILY("gpt-3.5-turbo-0613", "openai", "", "-:");     /* no year: no order */
	FAMILY("gpt-4o", "openai", "", "-:");
	FAMILY("gemini-2.5-pro-preview-05-06", "google", "", "-:");
	FAMILY("text-embedding-3-small", "openai", "", "-:");
	FAMILY("gpt-4o-2024-13-06", "openai", "", "-:");      /* not a date */
	FAMILY("claude-3-5-sonnet-20241322", "anthropic", "", "-:");
	FAMILY("model-1002", "google", "", "-:");             /* four digits, not -NNN */
	FAMILY("-001", "google", "", "-:");
	FAMILY("2024-08-06", "openai", "", "-:");
	FAMILY("", NULL, "", "-:");
	FAMILY("x-v1:0", "bedrock", "", "-:");
}

static void test_ruleset_model_exact_entry_wins(void **state)
{
	/* openrouter.yml lists openai/chatgpt-4o-latest apart from openai.yml's
	 * chatgpt-4o-latest: the built-in catalog keeps both (neither is a
	 * duplicate of the other) and each id finds its own entry */
	pc_ruleset *rs = catalog("provider: acme\n"
				 "models:\n"
				 "  - id: acme-x\n"
				 "    retires: 2025-01-01\n"
				 "  - id: route/acme-x\n"
				 "    retires: 2026-02-17\n",
				 PC_ORIGIN_BUILTIN);
	(void)state;
	assert_int_equal(rs->nmodels, 2);
	assert_string_equal(pc_ruleset_model(rs, "acme-x")->retires, "2025-01-01");
	assert_string_equal(pc_ruleset_model(rs, "route/acme-x")->retires, "2026-02-17");
	assert_string_equal(pc_ruleset_model(rs, "other/acme-x")->retires, "2025-01-01");
	pc_ruleset_free(rs);
}

static void test_builtin_catalog_prefixed_ids(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	const pc_model *m;
	(void)state;
	assert_int_equal(pc_ruleset_add_builtin(rs), 0);
	m = pc_ruleset_model(rs, "openai/chatgpt-4o-latest");
	assert_non_null(m);
	assert_string_equal(m->id, "openai/chatgpt-4o-latest");
	m = pc_ruleset_model(rs, "azure/chatgpt-4o-latest");
	assert_non_null(m);
	assert_string_equal(m->id, "chatgpt-4o-latest");
	pc_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_model_equal_ids),
		cmocka_unit_test(test_same_model_apart_from_a_prefix),
		cmocka_unit_test(test_model_base),
		cmocka_unit_test(test_snapshot_iso_date_anywhere),
		cmocka_unit_test(test_snapshot_anthropic_compact_date),
		cmocka_unit_test(test_snapshot_mistral_year_month),
		cmocka_unit_test(test_snapshot_none),
		cmocka_unit_test(test_family_by_each_providers_suffix),
		cmocka_unit_test(test_family_none),
		cmocka_unit_test(test_ruleset_model_with_a_prefix),
		cmocka_unit_test(test_ruleset_model_exact_entry_wins),
		cmocka_unit_test(test_builtin_catalog_prefixed_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
