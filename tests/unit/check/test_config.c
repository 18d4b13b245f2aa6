/*
 * test_config.c: .pincheck.yml (config.c): the defaults of SPEC section 4,
 * strict validation with FILE:LINE:COL messages, the active rule set and
 * the path filters.
 *
 * Configs are parsed from heap copies of exactly their length, so
 * AddressSanitizer and valgrind catch any read past the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"
#include "pincheck/config.h"
#include "pincheck/rules.h"

#define NAME ".pincheck.yml"

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fail_msg("'%s' does not contain '%s'", haystack, needle);
}

static int parse(pc_config *cfg, const char *text)
{
	size_t len = strlen(text);
	char *buf = malloc(len ? len : 1);
	int err;
	assert_non_null(buf);
	memcpy(buf, text, len);
	pc_config_init(cfg);
	pc_error_clear();
	err = pc_config_parse(cfg, NAME, buf, len);
	free(buf);
	return err;
}

static void parse_ok(pc_config *cfg, const char *text)
{
	if (parse(cfg, text) < 0)
		fail_msg("unexpected config error: %s", pc_error_last());
}

/* Parsing must fail with PC_EUSAGE and exactly message `want`. */
static void parse_fails(const char *text, const char *want)
{
	pc_config cfg;
	int err = parse(&cfg, text);
	pc_config_free(&cfg);
	assert_int_equal(err, PC_EUSAGE);
	assert_string_equal(pc_error_last(), want);
}

/* Parsing must fail with PC_EUSAGE and a message starting with `prefix`. */
static void parse_fails_at(const char *text, const char *prefix)
{
	pc_config cfg;
	int err = parse(&cfg, text);
	pc_config_free(&cfg);
	assert_int_equal(err, PC_EUSAGE);
	if (strncmp(pc_error_last(), prefix, strlen(prefix)))
		fail_msg("'%s' does not start with '%s'", pc_error_last(), prefix);
}

/* The first built-in rule's id, so tests do not depend on rule wording. */
static char *first_builtin_id(void)
{
	pc_ruleset *rs = pc_ruleset_new();
	char *id;
	assert_int_equal(pc_ruleset_add_builtin(rs), 0);
	assert_true(rs->nrules > 0);
	id = strdup(rs->rules[0].id);
	pc_ruleset_free(rs);
	assert_non_null(id);
	return id;
}

static size_t count_origin(const pc_ruleset *rs, pc_origin origin)
{
	size_t i, n = 0;
	for (i = 0; i < rs->nrules; i++)
		n += rs->rules[i].origin == origin;
	return n;
}

/* ---- defaults ---- */

static void test_defaults_are_those_of_the_spec(void **state)
{
	pc_config cfg;
	(void)state;
	pc_config_init(&cfg);
	assert_null(cfg.path);
	assert_null(cfg.doc);
	assert_true(cfg.default_rules);
	assert_int_equal(cfg.ndisable, 0);
	assert_int_equal(cfg.nexclude, 0);
	assert_int_equal(cfg.ninclude, 0);
	assert_int_equal(cfg.napproved, 0);
	assert_true(cfg.eval_for_bump);
	assert_false(cfg.eval_for_new);
	assert_string_equal(cfg.eval_dir, "evals/results");
	assert_int_equal(cfg.neval_allow_urls, 0);
	assert_int_equal(cfg.eval_max_age_days, 90);
	assert_int_equal(cfg.severity[PC_KIND_ALIAS], PC_SEV_ERROR);
	assert_int_equal(cfg.severity[PC_KIND_UNAPPROVED], PC_SEV_ERROR);
	assert_int_equal(cfg.severity[PC_KIND_MISSING_EVAL], PC_SEV_ERROR);
	assert_int_equal(cfg.severity[PC_KIND_BAD_EVAL], PC_SEV_ERROR);
	assert_int_equal(cfg.severity[PC_KIND_NO_SNAPSHOT], PC_SEV_WARNING);
	assert_int_equal(cfg.severity[PC_KIND_DEPRECATED], PC_SEV_WARNING);
	assert_int_equal(cfg.drill_every_days, 90);
	assert_int_equal(cfg.drill_warn_days, 60);
	pc_config_free(&cfg);
}

static void test_empty_file_keeps_defaults(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "");
	assert_string_equal(cfg.path, NAME);
	assert_true(cfg.default_rules);
	assert_int_equal(cfg.eval_max_age_days, 90);
	pc_config_free(&cfg);
}

static void test_comment_only_file_keeps_defaults(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "# nothing configured yet\n");
	assert_true(cfg.default_rules);
	assert_int_equal(cfg.drill_warn_days, 60);
	pc_config_free(&cfg);
}

static void test_free_twice_is_harmless(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "version: 1\n");
	pc_config_free(&cfg);
	pc_config_free(&cfg);
}

static void test_kind_names(void **state)
{
	(void)state;
	assert_string_equal(pc_kind_name(PC_KIND_ALIAS), "alias");
	assert_string_equal(pc_kind_name(PC_KIND_UNAPPROVED), "unapproved");
	assert_string_equal(pc_kind_name(PC_KIND_MISSING_EVAL), "missing-eval");
	assert_string_equal(pc_kind_name(PC_KIND_BAD_EVAL), "bad-eval");
	assert_string_equal(pc_kind_name(PC_KIND_NO_SNAPSHOT), "no-snapshot");
	assert_string_equal(pc_kind_name(PC_KIND_DEPRECATED), "deprecated");
	assert_string_equal(pc_kind_name(PC_KIND_RETIRED), "retired");
}

/* ---- the full example of SPEC section 4 ---- */

static const char spec_example[] =
	"version: 1\n"
	"default_rules: true          # use the built-in catalog\n"
	"rules:                       # more rules, same schema as rule files (section 7)\n"
	"  - id: acme-gateway-alias\n"
	"    provider: acme\n"
	"    class: alias\n"
	"    pattern: 'acme-(?:fast|smart)-latest'\n"
	"    message: Use a dated acme model.\n"
	"disable: [deepseek-chat-alias]   # rule ids turned off\n"
	"paths:\n"
	"  exclude: [\"vendor/**\"]              # git-style globs\n"
	"  include: []                         # when non-empty, only these\n"
	"approved:                    # pinned ids that may be introduced\n"
	"  - gpt-4o-2024-08-06\n"
	"  - claude-opus-4-6\n"
	"eval:\n"
	"  require_for: [bump]        # or [bump, new]\n"
	"  trailer: Eval-Result       # commit-message trailer key(s)\n"
	"  dir: evals/results         # linked files must live under this path\n"
	"  allow_urls: []             # PCRE2 patterns\n"
	"  max_age_days: 90           # an eval older than this is bad-eval\n"
	"  min_pass_rate: 1.0         # tools with per-test verdicts (promptfoo)\n"
	"  metrics: {}                # score-only tools (inspect_ai, lm-eval)\n"
	"  max_regression: 0.0        # how far the new model may trail the one it replaces\n"
	"severity: {alias: error, unapproved: error, missing-eval: error, bad-eval: error, "
	"no-snapshot: warning, deprecated: warning}\n"
	"drill: {every_days: 90, warn_before_retirement_days: 60}\n";

static void test_spec_example_parses(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, spec_example);
	assert_true(cfg.default_rules);
	assert_int_equal(cfg.ndisable, 1);
	assert_string_equal(cfg.disable[0], "deepseek-chat-alias");
	assert_null(cfg.disable[1]);
	assert_int_equal(cfg.nexclude, 1);
	assert_string_equal(cfg.exclude[0], "vendor/**");
	assert_int_equal(cfg.ninclude, 0);
	assert_int_equal(cfg.napproved, 2);
	assert_string_equal(cfg.approved[1], "claude-opus-4-6");
	assert_true(cfg.eval_for_bump);
	assert_false(cfg.eval_for_new);
	assert_int_equal(cfg.neval_trailers, 1);
	assert_string_equal(cfg.eval_trailers[0], "Eval-Result");
	assert_string_equal(cfg.eval_dir, "evals/results");
	assert_int_equal(cfg.neval_allow_urls, 0);
	assert_int_equal(cfg.eval_max_age_days, 90);
	assert_true(cfg.eval_min_pass_rate == 1.0);
	assert_int_equal(cfg.neval_metrics, 0);
	assert_true(cfg.eval_max_regression == 0.0);
	assert_int_equal(cfg.severity[PC_KIND_NO_SNAPSHOT], PC_SEV_WARNING);
	assert_int_equal(cfg.severity[PC_KIND_BAD_EVAL], PC_SEV_ERROR);
	assert_int_equal(cfg.drill_every_days, 90);
	assert_int_equal(cfg.drill_warn_days, 60);
	pc_config_free(&cfg);
}

static void test_spec_example_rule_builds_without_default_rules(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = NULL;
	int err;
	(void)state;
	/* the example's disable names a catalog rule: keep only its own rule */
	parse_ok(&cfg, "rules:\n  - id: acme-gateway-alias\n    provider: acme\n    class: alias\n"
		       "    pattern: 'acme-(?:fast|smart)-latest'\n    message: Use a dated acme model.\n");
	err = pc_config_rules(&rs, &cfg, true);
	if (err < 0)
		fail_msg("%s", pc_error_last());
	assert_int_equal(rs->nrules, 1);
	assert_string_equal(rs->rules[0].message, "Use a dated acme model.");
	pc_ruleset_free(rs);
	pc_config_free(&cfg);
}

static void test_config_rule_takes_advice(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = NULL;
	(void)state;
	/* .pincheck.yml rules go through the rule-file parser: same keys */
	parse_ok(&cfg, "rules:\n  - id: acme-gateway-alias\n    provider: acme\n    class: alias\n"
		       "    pattern: 'acme-(?:fast|smart)-latest'\n"
		       "    message: acme moves its -latest models to each release.\n"
		       "    advice: Use acme-fast-2026-01.\n");
	if (pc_config_rules(&rs, &cfg, false) < 0)
		fail_msg("%s", pc_error_last());
	assert_string_equal(pc_ruleset_find(rs, "acme-gateway-alias")->advice, "Use acme-fast-2026-01.");
	pc_ruleset_free(rs);
	pc_config_free(&cfg);
}

static void test_config_rule_advice_must_be_a_string(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = NULL;
	int err;
	(void)state;
	parse_ok(&cfg, "rules:\n  - id: acme-gateway-alias\n    provider: acme\n    class: alias\n"
		       "    pattern: 'acme-latest'\n    advice: [a]\n");
	err = pc_config_rules(&rs, &cfg, false);
	if (err >= 0)
		pc_ruleset_free(rs);
	assert_int_equal(err, PC_EUSAGE);
	assert_string_equal(pc_error_last(), NAME ":6:13: advice must be a scalar, not a list");
	pc_config_free(&cfg);
}

/* ---- top-level keys ---- */

static void test_version_1_is_accepted_plain_or_quoted(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "version: 1\n");
	pc_config_free(&cfg);
	parse_ok(&cfg, "version: '1'\n");
	pc_config_free(&cfg);
}

static void test_version_2_is_refused(void **state)
{
	(void)state;
	parse_fails("# config\nversion: 2\n",
		    NAME ":2:10: unsupported version (this pincheck reads version: 1)");
}

static void test_version_of_wrong_type_is_refused(void **state)
{
	(void)state;
	parse_fails_at("version: [1]\n", NAME ":1:10: ");
	parse_fails_at("version: 1.0\n", NAME ":1:10: ");
}

static void test_unknown_top_key(void **state)
{
	(void)state;
	parse_fails("version: 1\n\ncolour: red\n",
		    NAME ":3:1: unknown key 'colour' in the configuration (expected one of: version, "
		    "default_rules, rules, disable, paths, approved, eval, severity, drill, server, baseline, catalogs)");
}

static void test_config_that_is_not_a_mapping(void **state)
{
	(void)state;
	parse_fails("- a\n", NAME ":1:1: the configuration must be a mapping, not a list");
}

static void test_yaml_error_names_config_file(void **state)
{
	(void)state;
	parse_fails_at("paths:\n  exclude: [a\n", NAME ":3:1: ");
}

static void test_duplicate_key_is_refused(void **state)
{
	(void)state;
	parse_fails_at("approved: [a]\napproved: [b]\n", NAME ":2:1: duplicate key 'approved'");
}

static void test_default_rules_false(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "default_rules: false\n");
	assert_false(cfg.default_rules);
	pc_config_free(&cfg);
}

static void test_default_rules_must_be_boolean(void **state)
{
	(void)state;
	parse_fails("default_rules: yes\n", NAME ":1:16: default_rules must be true or false");
	parse_fails("default_rules: 'false'\n", NAME ":1:16: default_rules must be true or false");
}

static void test_rules_must_be_a_list(void **state)
{
	(void)state;
	parse_fails("rules: {id: x}\n", NAME ":1:8: rules must be a list, not a mapping");
}

static void test_disable_may_be_a_scalar(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "disable: some-rule\n");
	assert_int_equal(cfg.ndisable, 1);
	assert_string_equal(cfg.disable[0], "some-rule");
	pc_config_free(&cfg);
}

static void test_disable_of_wrong_type(void **state)
{
	(void)state;
	parse_fails("disable: {a: b}\n", NAME ":1:10: disable must be a list, not a mapping");
}

static void test_approved_of_wrong_type(void **state)
{
	(void)state;
	parse_fails("approved:\n  - [a]\n", NAME ":2:5: approved must be a scalar, not a list");
}

/* ---- paths ---- */

static void test_paths_unknown_key(void **state)
{
	(void)state;
	parse_fails_at("paths:\n  excludes: [a]\n", NAME ":2:3: unknown key 'excludes' in paths");
}

static void test_paths_must_be_a_mapping(void **state)
{
	(void)state;
	parse_fails("paths: [a]\n", NAME ":1:8: paths must be a mapping, not a list");
}

static void test_paths_exclude_of_wrong_type(void **state)
{
	(void)state;
	parse_fails("paths:\n  exclude: {a: b}\n", NAME ":2:12: paths.exclude must be a list, not a mapping");
}

static void test_paths_include_of_wrong_type(void **state)
{
	(void)state;
	parse_fails("paths:\n  include: [[a]]\n", NAME ":2:13: paths.include must be a scalar, not a list");
}

/* ---- eval ---- */

static void test_eval_unknown_key(void **state)
{
	(void)state;
	parse_fails_at("eval:\n  require_for: [bump]\n  requires: [new]\n",
		       NAME ":3:3: unknown key 'requires' in eval");
}

static void test_eval_must_be_a_mapping(void **state)
{
	(void)state;
	parse_fails("eval: on\n", NAME ":1:7: eval must be a mapping, not a scalar");
}

static void test_eval_require_for_bump_and_new(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "eval:\n  require_for: [bump, new]\n");
	assert_true(cfg.eval_for_bump);
	assert_true(cfg.eval_for_new);
	pc_config_free(&cfg);
	parse_ok(&cfg, "eval:\n  require_for: new\n");
	assert_false(cfg.eval_for_bump);
	assert_true(cfg.eval_for_new);
	pc_config_free(&cfg);
	parse_ok(&cfg, "eval:\n  require_for: []\n");
	assert_false(cfg.eval_for_bump);
	assert_false(cfg.eval_for_new);
	pc_config_free(&cfg);
}

static void test_eval_require_for_unknown_value(void **state)
{
	(void)state;
	parse_fails("eval:\n  require_for: [bump, later]\n",
		    NAME ":2:16: eval.require_for takes bump and new, not 'later'");
}

static void test_eval_trailers(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "eval:\n  trailer: [Eval-Result, Benchmark-2]\n");
	assert_int_equal(cfg.neval_trailers, 2);
	assert_string_equal(cfg.eval_trailers[1], "Benchmark-2");
	pc_config_free(&cfg);
}

static void test_eval_trailer_must_be_a_trailer_key(void **state)
{
	(void)state;
	parse_fails("eval:\n  trailer: 'Eval Result'\n",
		    NAME ":2:12: eval.trailer 'Eval Result' is not a git trailer key (letters, digits, '-')");
	parse_fails("eval:\n  trailer: [ok, 'a:b']\n",
		    NAME ":2:12: eval.trailer 'a:b' is not a git trailer key (letters, digits, '-')");
	parse_fails("eval:\n  trailer: ''\n", NAME ":2:12: eval.trailer may not be empty");
}

static void test_eval_dir(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "eval:\n  dir: qa/evals\n");
	assert_string_equal(cfg.eval_dir, "qa/evals");
	pc_config_free(&cfg);
}

static void test_eval_dir_may_not_escape(void **state)
{
	static const char *const bad[] = { "../x", "/abs", "''", "a/../../b" };
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[64];
		snprintf(text, sizeof(text), "eval:\n  dir: %s\n", bad[i]);
		parse_fails(text, NAME ":2:8: eval.dir must be a relative repository path without '..'");
	}
}

static void test_eval_dir_of_wrong_type(void **state)
{
	(void)state;
	parse_fails("eval:\n  dir: [a]\n", NAME ":2:8: eval.dir must be a scalar, not a list");
}

static void test_eval_allow_urls(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "eval:\n  allow_urls: ['^https://ci\\.example\\.com/']\n");
	assert_int_equal(cfg.neval_allow_urls, 1);
	assert_string_equal(cfg.eval_allow_urls[0], "^https://ci\\.example\\.com/");
	pc_config_free(&cfg);
	parse_fails("eval:\n  allow_urls: {a: b}\n", NAME ":2:15: eval.allow_urls must be a list, not a mapping");
}

static void test_eval_allow_urls_bad_regex_is_refused(void **state)
{
	/* SPEC section 4: allow_urls are PCRE2 patterns, and a bad regex is a
	 * configuration error naming FILE:LINE:COL (not a surprise at the
	 * first commit that links a URL). */
	(void)state;
	parse_fails_at("eval:\n  allow_urls: ['^https://ok/', 'https://(ci']\n", NAME ":2:32: ");
}

static void test_eval_max_age_days(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "eval:\n  max_age_days: 30\n");
	assert_int_equal(cfg.eval_max_age_days, 30);
	pc_config_free(&cfg);
	parse_ok(&cfg, "eval:\n  max_age_days: 100000\n");
	assert_int_equal(cfg.eval_max_age_days, 100000);
	pc_config_free(&cfg);
}

static void test_eval_max_age_days_must_be_a_whole_number_in_range(void **state)
{
	static const char *const bad[] = { "ten", "0", "-5", "100001", "'30'", "30.5", "0x10",
					   "99999999999999999999999", "[30]" };
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[96];
		snprintf(text, sizeof(text), "eval:\n  max_age_days: %s\n", bad[i]);
		parse_fails_at(text, NAME ":2:17: eval.max_age_days must be ");
	}
}

static void test_eval_verdict_keys(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "eval:\n  min_pass_rate: 0.95\n  max_regression: 0.02\n  metrics:\n"
		       "    accuracy: 0.9\n    'acc,none': 0.8\n    match/accuracy: 1\n");
	assert_true(cfg.eval_min_pass_rate == 0.95);
	assert_true(cfg.eval_max_regression == 0.02);
	assert_int_equal(cfg.neval_metrics, 3);
	assert_string_equal(cfg.eval_metrics[1].name, "acc,none");
	assert_true(cfg.eval_metrics[1].min == 0.8);
	assert_string_equal(cfg.eval_metrics[2].name, "match/accuracy");
	pc_config_free(&cfg);
	pc_config_init(&cfg);
	assert_true(cfg.eval_min_pass_rate == 1.0);
	assert_true(cfg.eval_max_regression == 0.0);
}

static void test_eval_verdict_keys_refuse_bad_values(void **state)
{
	(void)state;
	parse_fails("eval:\n  min_pass_rate: 1.5\n",
		    NAME ":2:18: eval.min_pass_rate must be a number from 0 to 1, not '1.5'");
	parse_fails("eval:\n  min_pass_rate: nan\n",
		    NAME ":2:18: eval.min_pass_rate must be a number from 0 to 1, not 'nan'");
	parse_fails("eval:\n  min_pass_rate: '0.9'\n",
		    NAME ":2:18: eval.min_pass_rate must be a number from 0 to 1, not '0.9'");
	parse_fails("eval:\n  max_regression: -0.1\n",
		    NAME ":2:19: eval.max_regression must be a number of 0 or more, not '-0.1'");
	parse_fails("eval:\n  metrics: [accuracy]\n",
		    NAME ":2:12: eval.metrics must be a mapping of metric names to minimums (such "
			 "as {accuracy: 0.9}), not a list");
	parse_fails("eval:\n  metrics: {accuracy: high}\n",
		    NAME ":2:23: eval.metrics.accuracy must be a number of 0 or more, not 'high'");
	parse_fails("eval:\n  metrics: {accuracy: 0x10}\n",
		    NAME ":2:23: eval.metrics.accuracy must be a number of 0 or more, not '0x10'");
}

/* ---- severity ---- */

static void test_severity_overrides(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "severity:\n  alias: warning\n  deprecated: off\n  no-snapshot: note\n");
	assert_int_equal(cfg.severity[PC_KIND_ALIAS], PC_SEV_WARNING);
	assert_int_equal(cfg.severity[PC_KIND_DEPRECATED], PC_SEV_OFF);
	assert_int_equal(cfg.severity[PC_KIND_NO_SNAPSHOT], PC_SEV_NOTE);
	assert_int_equal(cfg.severity[PC_KIND_UNAPPROVED], PC_SEV_ERROR);
	pc_config_free(&cfg);
}

static void test_severity_unknown_kind(void **state)
{
	(void)state;
	parse_fails("severity:\n  aliases: error\n", NAME ":2:3: unknown finding kind 'aliases' in severity");
}

static void test_severity_unknown_value(void **state)
{
	(void)state;
	parse_fails("severity: {alias: fatal}\n",
		    NAME ":1:19: unknown severity 'fatal' (expected error, warning, note or off)");
}

static void test_severity_value_of_wrong_type(void **state)
{
	(void)state;
	parse_fails("severity: {alias: [error]}\n", NAME ":1:19: severity must be a scalar, not a list");
}

static void test_severity_must_be_a_mapping(void **state)
{
	(void)state;
	parse_fails("severity: [alias]\n", NAME ":1:11: severity must be a mapping, not a list");
}

/* ---- drill ---- */

static void test_drill_values(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "drill:\n  every_days: 30\n  warn_before_retirement_days: 0\n");
	assert_int_equal(cfg.drill_every_days, 30);
	assert_int_equal(cfg.drill_warn_days, 0);
	pc_config_free(&cfg);
}

static void test_drill_every_days_must_be_positive(void **state)
{
	(void)state;
	parse_fails("drill:\n  every_days: 0\n",
		    NAME ":2:15: drill.every_days must be a whole number from 1 to 100000, not '0'");
}

static void test_drill_warn_days_may_not_be_negative(void **state)
{
	(void)state;
	parse_fails_at("drill: {warn_before_retirement_days: -1}\n",
		       NAME ":1:38: drill.warn_before_retirement_days must be a whole number from 0");
}

static void test_drill_unknown_key(void **state)
{
	(void)state;
	parse_fails_at("drill: {every: 3}\n", NAME ":1:9: unknown key 'every' in drill");
}

static void test_drill_must_be_a_mapping(void **state)
{
	(void)state;
	parse_fails("drill: 90\n", NAME ":1:8: drill must be a mapping, not a scalar");
}

/* ---- the active rule set ---- */

static const char acme_rule[] =
	"rules:\n"
	"  - id: acme-gateway-alias\n"
	"    provider: acme\n"
	"    class: alias\n"
	"    pattern: 'acme-(?:fast|smart)-latest'\n";

static void test_rules_without_config_file_are_the_builtins(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = NULL;
	(void)state;
	pc_config_init(&cfg);
	assert_int_equal(pc_config_rules(&rs, &cfg, false), 0);
	assert_true(rs->nrules > 0);
	assert_int_equal(count_origin(rs, PC_ORIGIN_BUILTIN), rs->nrules);
	assert_non_null(rs->prefilter);
	pc_ruleset_free(rs);
	pc_config_free(&cfg);
}

/* How many rules carry JIT code once compiled (built-in ones are compiled
 * when first needed: here). */
static size_t jitted(const pc_ruleset *rs)
{
	size_t i, n = 0, size;
	void *re;
	for (i = 0; i < rs->nrules; i++)
		if (!rs->rules[i].disabled && pc_rule_code(rs, &rs->rules[i], &re) == 0 &&
		    pcre2_pattern_info(re, PCRE2_INFO_JITSIZE, &size) == 0 && size)
			n++;
	return n;
}

static void test_no_jit_reaches_the_rule_set(void **state)
{
	uint32_t have_jit = 0;
	pc_config cfg;
	pc_ruleset *rs = NULL;
	(void)state;
	pc_config_init(&cfg);
	assert_false(cfg.no_jit);
	cfg.no_jit = true;
	assert_int_equal(pc_config_rules(&rs, &cfg, false), 0);
	assert_true(rs->no_jit); /* for a later pc_ruleset_compile (rules test) */
	assert_true(rs->nrules > 0);
	assert_int_equal(jitted(rs), 0);
	pc_ruleset_free(rs);
	/* the environment decides nothing here */
	pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
	cfg.no_jit = false;
	setenv("PINCHECK_NO_JIT", "1", 1);
	assert_int_equal(pc_config_rules(&rs, &cfg, false), 0);
	unsetenv("PINCHECK_NO_JIT");
	assert_false(rs->no_jit);
	if (have_jit)
		assert_true(jitted(rs) > 0);
	pc_ruleset_free(rs);
	pc_config_free(&cfg);
}

static void test_default_rules_false_gives_only_config_rules(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = NULL;
	char text[512];
	(void)state;
	snprintf(text, sizeof(text), "default_rules: false\n%s", acme_rule);
	parse_ok(&cfg, text);
	assert_int_equal(pc_config_rules(&rs, &cfg, false), 0);
	assert_int_equal(rs->nrules, 1);
	assert_string_equal(rs->rules[0].id, "acme-gateway-alias");
	assert_int_equal(rs->rules[0].origin, PC_ORIGIN_CONFIG);
	assert_string_equal(rs->rules[0].provider, "acme");
	assert_non_null(rs->rules[0].re);
	pc_ruleset_free(rs);
	pc_config_free(&cfg);
}

static void test_no_default_rules_flag_gives_only_config_rules(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = NULL;
	(void)state;
	parse_ok(&cfg, acme_rule);
	assert_true(cfg.default_rules);
	assert_int_equal(pc_config_rules(&rs, &cfg, true), 0);
	assert_int_equal(rs->nrules, 1);
	pc_ruleset_free(rs);
	pc_config_free(&cfg);
}

static void test_default_rules_false_and_no_rules_is_empty(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = NULL;
	(void)state;
	parse_ok(&cfg, "default_rules: false\n");
	assert_int_equal(pc_config_rules(&rs, &cfg, false), 0);
	assert_int_equal(rs->nrules, 0);
	pc_ruleset_free(rs);
	pc_config_free(&cfg);
}

static void test_config_rules_join_the_builtins(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = NULL;
	pc_rule *r;
	(void)state;
	parse_ok(&cfg, acme_rule);
	assert_int_equal(pc_config_rules(&rs, &cfg, false), 0);
	assert_true(count_origin(rs, PC_ORIGIN_BUILTIN) > 0);
	assert_int_equal(count_origin(rs, PC_ORIGIN_CONFIG), 1);
	r = pc_ruleset_find(rs, "acme-gateway-alias");
	assert_non_null(r);
	assert_string_equal(r->where, NAME ":5:14");
	pc_ruleset_free(rs);
	pc_config_free(&cfg);
}

static void test_config_rule_overrides_builtin_id(void **state)
{
	char *id = first_builtin_id();
	char text[512];
	pc_config cfg;
	pc_ruleset *rs = NULL;
	pc_rule *r;
	size_t nbuiltin_before;
	(void)state;
	snprintf(text, sizeof(text),
		 "rules:\n  - id: '%s'\n    provider: acme\n    class: pinned\n    pattern: zz-top\n", id);
	parse_ok(&cfg, text);
	assert_int_equal(pc_config_rules(&rs, &cfg, false), 0);
	r = pc_ruleset_find(rs, id);
	assert_non_null(r);
	assert_int_equal(r->origin, PC_ORIGIN_CONFIG);
	assert_string_equal(r->pattern, "zz-top");
	assert_int_equal(r->cls, PC_CLASS_PINNED);
	nbuiltin_before = count_origin(rs, PC_ORIGIN_BUILTIN);
	assert_int_equal(nbuiltin_before + 1, rs->nrules);
	pc_ruleset_free(rs);
	pc_config_free(&cfg);
	free(id);
}

static void test_disable_turns_a_builtin_rule_off(void **state)
{
	char *id = first_builtin_id();
	char text[256];
	pc_config cfg;
	pc_ruleset *rs = NULL;
	(void)state;
	snprintf(text, sizeof(text), "disable: ['%s']\n", id);
	parse_ok(&cfg, text);
	assert_int_equal(pc_config_rules(&rs, &cfg, false), 0);
	assert_true(pc_ruleset_find(rs, id)->disabled);
	pc_ruleset_free(rs);
	pc_config_free(&cfg);
	free(id);
}

static void test_disable_turns_a_config_rule_off(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = NULL;
	char text[512];
	(void)state;
	snprintf(text, sizeof(text), "%sdisable: acme-gateway-alias\n", acme_rule);
	parse_ok(&cfg, text);
	assert_int_equal(pc_config_rules(&rs, &cfg, true), 0);
	assert_true(rs->rules[0].disabled);
	pc_ruleset_free(rs);
	pc_config_free(&cfg);
}

static void test_disable_of_unknown_rule_names_its_position(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = (pc_ruleset *)1;
	int err;
	(void)state;
	parse_ok(&cfg, "default_rules: false\ndisable:\n  - nope-one\n  - no-such-rule\n");
	err = pc_config_rules(&rs, &cfg, false);
	pc_config_free(&cfg);
	assert_int_equal(err, PC_EUSAGE);
	assert_null(rs);
	assert_string_equal(pc_error_last(), NAME ":3:5: unknown rule id 'nope-one' in disable");
}

static void test_disable_scalar_of_unknown_rule_names_its_position(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = NULL;
	int err;
	(void)state;
	parse_ok(&cfg, "default_rules: false\ndisable: ghost\n");
	err = pc_config_rules(&rs, &cfg, false);
	pc_config_free(&cfg);
	assert_int_equal(err, PC_EUSAGE);
	assert_string_equal(pc_error_last(), NAME ":2:10: unknown rule id 'ghost' in disable");
}

static void test_bad_regex_in_config_rule(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = NULL;
	int err;
	(void)state;
	parse_ok(&cfg, "rules:\n  - id: broken\n    provider: acme\n    class: alias\n"
		       "    pattern: 'acme-(fast'\n");
	err = pc_config_rules(&rs, &cfg, false);
	pc_config_free(&cfg);
	assert_int_equal(err, PC_EUSAGE);
	assert_null(rs);
	assert_contains(pc_error_last(), NAME ":5:14: ");
	assert_contains(pc_error_last(), "'broken'");
}

static void test_config_rule_without_provider(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = NULL;
	int err;
	(void)state;
	parse_ok(&cfg, "rules:\n  - id: mine\n    class: alias\n    pattern: zz-top\n");
	err = pc_config_rules(&rs, &cfg, true);
	pc_config_free(&cfg);
	assert_int_equal(err, PC_EUSAGE);
	assert_contains(pc_error_last(), NAME ":2:5: rule 'mine' needs a 'provider'");
}

static void test_config_rule_with_unknown_key(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = NULL;
	int err;
	(void)state;
	parse_ok(&cfg, "rules:\n  - id: mine\n    provider: acme\n    class: alias\n"
		       "    pattern: zz-top\n    sugest: x\n");
	err = pc_config_rules(&rs, &cfg, true);
	pc_config_free(&cfg);
	assert_int_equal(err, PC_EUSAGE);
	assert_contains(pc_error_last(), NAME ":6:5: unknown key 'sugest' in a rule");
}

static void test_two_config_rules_with_one_id(void **state)
{
	pc_config cfg;
	pc_ruleset *rs = NULL;
	int err;
	(void)state;
	parse_ok(&cfg, "rules:\n"
		       "  - {id: twin, provider: acme, class: alias, pattern: zz-one}\n"
		       "  - {id: twin, provider: acme, class: alias, pattern: zz-two}\n");
	err = pc_config_rules(&rs, &cfg, true);
	pc_config_free(&cfg);
	assert_int_equal(err, PC_EUSAGE);
	assert_contains(pc_error_last(), NAME ":3:");
	assert_contains(pc_error_last(), "first defined at " NAME ":2:");
}

/* ---- path filters ---- */

static void test_nothing_is_excluded_by_default(void **state)
{
	pc_config cfg;
	(void)state;
	pc_config_init(&cfg);
	assert_false(pc_config_excluded(&cfg, "src/a.py"));
	assert_false(pc_config_excluded(&cfg, "vendor/x.go"));
	pc_config_free(&cfg);
}

static void test_exclude_globs(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "paths:\n  exclude: ['vendor/**', '*.lock']\n");
	assert_true(pc_config_excluded(&cfg, "vendor/a/b.go"));
	assert_true(pc_config_excluded(&cfg, "web/yarn.lock"));
	assert_false(pc_config_excluded(&cfg, "src/vendor.py"));
	pc_config_free(&cfg);
}

static void test_include_limits_to_listed_paths(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "paths:\n  include: [src/**, config/*.yml]\n");
	assert_false(pc_config_excluded(&cfg, "src/a/b.py"));
	assert_false(pc_config_excluded(&cfg, "config/app.yml"));
	assert_true(pc_config_excluded(&cfg, "docs/a.md"));
	assert_true(pc_config_excluded(&cfg, "config/sub/app.yml"));
	pc_config_free(&cfg);
}

static void test_exclude_wins_over_include(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "paths:\n  include: ['src/**']\n  exclude: ['src/gen/**']\n");
	assert_false(pc_config_excluded(&cfg, "src/app.py"));
	assert_true(pc_config_excluded(&cfg, "src/gen/x.py"));
	assert_true(pc_config_excluded(&cfg, "lib/x.py"));
	pc_config_free(&cfg);
}

/* Recorded and generated data by the conventions of the tools that write
 * it; code beside it is still code. */
static void test_data_paths_by_convention(void **state)
{
	static const char *const data[] = {
		"tests/cassettes/test_chat.yaml", "cassettes/a.json", "x/y/__snapshots__/App.test.js.snap",
		"src/__snapshots__/z.txt", "a.snap", "tests/snapshots/test_x.ambr",
		"tests/__fixtures__/resp.js", "tests/fixtures/chat/response.json",
		"fixtures/one.yaml", "pkg/testdata/golden.json", "recording.har", "package-lock.json",
		"web/pnpm-lock.yaml", "poetry.lock", "uv.lock", "deps.lock.yml",
		"tests/fixtures/chat-history.md", "logs/run.jsonl", "site/_data/leaderboard.yml",
		/* tables anywhere, and eval or benchmark results */
		"scores.csv", "eval/csvs/detailed.csv", "data/prompts.tsv", "bench/results/run-3.json",
		"results/summary.json", "runs/outputs/q1.json", "rag/data/retrieval_results.json",
		"mmlu_results.json", "eval/model_output_2024.json",
		/* fixture folders by other names, and generated schemas */
		"extensions/cli/test-fixtures/switch.yaml", "a/test_fixtures/b.json",
		"tests/test-data/agent.yml", "test_data/x.txt", "evals/datasets/run_v1_schema.json",
		"api/openapi.schema.json",
		/* JSON beside tests: a recorded call, an expected payload */
		"tests/teleprompt/dummy_lm.json", "pkg/src/__tests__/body.json", "test/a.json",
		"spec/reply.json", NULL
	};
	static const char *const code[] = {
		"tests/fixtures/conftest.py", "tests/fixtures/factory.ts", "src/app.py",
		"config/models.yaml", "pkg/testdata/gen.go", "snapshots.py", "locker.yml",
		/* code beside results, and results-like names that are not JSON */
		"bench/results/plot.py", "results/config.yaml", "outputs.py", "src/results.ts",
		"csv_loader.py",
		/* code in fixture folders; folders whose names only contain the word */
		"cli/test-fixtures/helper.ts", "my-fixtures/a.yaml", "fixturesx/a.json",
		"schema.json.py",
		/* a test's settings in YAML, and JSON in folders only named like tests */
		"tests/reliability/conf.yaml", "tests/conftest.py", "latest/a.json",
		"contests/b.json", NULL
	};
	pc_config cfg;
	size_t i;
	(void)state;
	pc_config_init(&cfg);
	for (i = 0; data[i]; i++)
		if (!pc_config_is_data(&cfg, data[i]))
			fail_msg("%s should be data", data[i]);
	for (i = 0; code[i]; i++)
		if (pc_config_is_data(&cfg, code[i]))
			fail_msg("%s should not be data", code[i]);
	pc_config_free(&cfg);
}

static void test_data_paths_from_the_config(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "paths:\n  data: ['recorded/**']\n");
	assert_true(pc_config_is_data(&cfg, "recorded/run1/out.py"));
	assert_true(pc_config_is_data(&cfg, "tests/cassettes/a.yaml")); /* defaults stay */
	pc_config_free(&cfg);
	parse_ok(&cfg, "paths:\n  data_defaults: false\n  data: ['recorded/**']\n");
	assert_true(pc_config_is_data(&cfg, "recorded/x.json"));
	assert_false(pc_config_is_data(&cfg, "tests/cassettes/a.yaml"));
	pc_config_free(&cfg);
	assert_true(parse(&cfg, "paths:\n  data_defaults: maybe\n") < 0);
	pc_config_free(&cfg);
	assert_true(parse(&cfg, "paths:\n  data: {a: b}\n") < 0);
	pc_config_free(&cfg);
}

static void test_empty_include_list_includes_everything(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "paths:\n  include: []\n  exclude: []\n");
	assert_false(pc_config_excluded(&cfg, "anything/at/all.txt"));
	pc_config_free(&cfg);
}

/* baseline: names the file every command and hook uses (SPEC section 4). */
static void test_baseline_key(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "baseline: .pincheck-baseline.json\n");
	assert_string_equal(cfg.baseline, ".pincheck-baseline.json");
	pc_config_free(&cfg);
	parse_ok(&cfg, "version: 1\n");
	assert_null(cfg.baseline);
	pc_config_free(&cfg);
	parse_fails_at("baseline: \"\"\n", NAME ":1:11: baseline must name a file");
	parse_fails_at("baseline: [a, b]\n", NAME ":1:11: ");
}

static void test_catalogs_key(void **state)
{
	pc_config cfg;
	(void)state;
	parse_ok(&cfg, "catalogs: [.pincheck/lifecycle.yml, more.yml]\n");
	assert_int_equal((int)cfg.ncatalogs, 2);
	assert_string_equal(cfg.catalogs[1], "more.yml");
	/* a catalog lists ids as facts: data, never scanned */
	assert_true(pc_config_is_data(&cfg, ".pincheck/lifecycle.yml"));
	assert_false(pc_config_is_data(&cfg, "lifecycle.yml"));
	pc_config_free(&cfg);
	parse_ok(&cfg, "catalogs: facts.yml\n");
	assert_int_equal((int)cfg.ncatalogs, 1);
	pc_config_free(&cfg);
	parse_fails_at("catalogs: [a.yml, ../b.yml]\n", NAME ":1:19: catalogs: '../b.yml' must be a relative repository path");
	parse_fails_at("catalogs: [/etc/facts.yml]\n", NAME ":1:12: catalogs: '/etc/facts.yml' must be");
	parse_fails_at("catalogs: [\"\"]\n", NAME ":1:12: catalogs: '' must be");
	parse_fails_at("catalogs: {a: b}\n", NAME ":1:11: ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_are_those_of_the_spec),
		cmocka_unit_test(test_empty_file_keeps_defaults),
		cmocka_unit_test(test_comment_only_file_keeps_defaults),
		cmocka_unit_test(test_free_twice_is_harmless),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_spec_example_parses),
		cmocka_unit_test(test_spec_example_rule_builds_without_default_rules),
		cmocka_unit_test(test_config_rule_takes_advice),
		cmocka_unit_test(test_config_rule_advice_must_be_a_string),
		cmocka_unit_test(test_version_1_is_accepted_plain_or_quoted),
		cmocka_unit_test(test_version_2_is_refused),
		cmocka_unit_test(test_version_of_wrong_type_is_refused),
		cmocka_unit_test(test_unknown_top_key),
		cmocka_unit_test(test_config_that_is_not_a_mapping),
		cmocka_unit_test(test_yaml_error_names_config_file),
		cmocka_unit_test(test_duplicate_key_is_refused),
		cmocka_unit_test(test_baseline_key),
		cmocka_unit_test(test_default_rules_false),
		cmocka_unit_test(test_default_rules_must_be_boolean),
		cmocka_unit_test(test_rules_must_be_a_list),
		cmocka_unit_test(test_disable_may_be_a_scalar),
		cmocka_unit_test(test_disable_of_wrong_type),
		cmocka_unit_test(test_approved_of_wrong_type),
		cmocka_unit_test(test_paths_unknown_key),
		cmocka_unit_test(test_paths_must_be_a_mapping),
		cmocka_unit_test(test_paths_exclude_of_wrong_type),
		cmocka_unit_test(test_paths_include_of_wrong_type),
		cmocka_unit_test(test_eval_unknown_key),
		cmocka_unit_test(test_eval_must_be_a_mapping),
		cmocka_unit_test(test_eval_require_for_bump_and_new),
		cmocka_unit_test(test_eval_trailers),
		cmocka_unit_test(test_eval_trailer_must_be_a_trailer_key),
		cmocka_unit_test(test_eval_dir),
		cmocka_unit_test(test_eval_dir_may_not_escape),
		cmocka_unit_test(test_eval_dir_of_wrong_type),
		cmocka_unit_test(test_eval_allow_urls),
		cmocka_unit_test(test_eval_allow_urls_bad_regex_is_refused),
		cmocka_unit_test(test_eval_max_age_days),
		cmocka_unit_test(test_eval_max_age_days_must_be_a_whole_number_in_range),
		cmocka_unit_test(test_eval_verdict_keys),
		cmocka_unit_test(test_eval_verdict_keys_refuse_bad_values),
		cmocka_unit_test(test_severity_overrides),
		cmocka_unit_test(test_severity_unknown_kind),
		cmocka_unit_test(test_severity_unknown_value),
		cmocka_unit_test(test_severity_value_of_wrong_type),
		cmocka_unit_test(test_severity_must_be_a_mapping),
		cmocka_unit_test(test_drill_values),
		cmocka_unit_test(test_drill_every_days_must_be_positive),
		cmocka_unit_test(test_drill_warn_days_may_not_be_negative),
		cmocka_unit_test(test_drill_unknown_key),
		cmocka_unit_test(test_drill_must_be_a_mapping),
		cmocka_unit_test(test_rules_without_config_file_are_the_builtins),
		cmocka_unit_test(test_no_jit_reaches_the_rule_set),
		cmocka_unit_test(test_default_rules_false_gives_only_config_rules),
		cmocka_unit_test(test_no_default_rules_flag_gives_only_config_rules),
		cmocka_unit_test(test_default_rules_false_and_no_rules_is_empty),
		cmocka_unit_test(test_config_rules_join_the_builtins),
		cmocka_unit_test(test_config_rule_overrides_builtin_id),
		cmocka_unit_test(test_disable_turns_a_builtin_rule_off),
		cmocka_unit_test(test_disable_turns_a_config_rule_off),
		cmocka_unit_test(test_disable_of_unknown_rule_names_its_position),
		cmocka_unit_test(test_disable_scalar_of_unknown_rule_names_its_position),
		cmocka_unit_test(test_bad_regex_in_config_rule),
		cmocka_unit_test(test_config_rule_without_provider),
		cmocka_unit_test(test_config_rule_with_unknown_key),
		cmocka_unit_test(test_two_config_rules_with_one_id),
		cmocka_unit_test(test_nothing_is_excluded_by_default),
		cmocka_unit_test(test_exclude_globs),
		cmocka_unit_test(test_include_limits_to_listed_paths),
		cmocka_unit_test(test_exclude_wins_over_include),
		cmocka_unit_test(test_data_paths_by_convention),
		cmocka_unit_test(test_data_paths_from_the_config),
		cmocka_unit_test(test_empty_include_list_includes_everything),
		/* last: under AddressSanitizer it aborts the run (use after free) */
		cmocka_unit_test(test_eval_require_for_unknown_value),
		cmocka_unit_test(test_catalogs_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
