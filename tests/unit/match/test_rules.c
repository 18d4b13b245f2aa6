/*
 * test_rules.c: the rule set (rules.c), the matcher (match.c) and the
 * keyword prefilter (keywords.c).
 *
 * Rules come from inline rule files, so the tests do not depend on the
 * wording of the built-in catalog. Every rule file and every matched line
 * is copied into a heap buffer of exactly its length, so AddressSanitizer and
 * valgrind catch any read past the end.
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
#include <time.h>
#include "pincheck/common.h"
#include "pincheck/doc.h"
#include "pincheck/keywords.h"
#include "pincheck/match.h"
#include "pincheck/rules.h"

/* Rule files start with this; the first rule's "- id:" is on line 3. */
#define HEAD "provider: acme\nrules:\n"
/* One alias rule: the pattern value sits at line 5, column 14. */
#define RULE(id, pat) "  - id: " id "\n    class: alias\n    pattern: '" pat "'\n"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fail_msg("'%s' does not contain '%s'", haystack, needle);
}

static int add_n(pc_ruleset *rs, const char *name, const char *text, size_t len, pc_origin origin)
{
	char *buf = malloc(len ? len : 1);
	int err;
	assert_non_null(buf);
	if (len)
		memcpy(buf, text, len);
	pc_error_clear();
	err = pc_ruleset_add_file(rs, name, buf, len, origin);
	free(buf);
	return err;
}

static int add(pc_ruleset *rs, const char *text, pc_origin origin)
{
	return add_n(rs, "t.yml", text, strlen(text), origin);
}

static void add_ok(pc_ruleset *rs, const char *name, const char *text, pc_origin origin)
{
	int err = add_n(rs, name, text, strlen(text), origin);
	if (err < 0)
		fail_msg("unexpected error adding %s: %s", name, pc_error_last());
}

static void compile_ok(pc_ruleset *rs)
{
	int err = pc_ruleset_compile(rs);
	if (err < 0)
		fail_msg("unexpected compile error: %s", pc_error_last());
}

static pc_ruleset *compiled(const char *text)
{
	pc_ruleset *rs = pc_ruleset_new();
	add_ok(rs, "t.yml", text, PC_ORIGIN_BUILTIN);
	compile_ok(rs);
	return rs;
}

/* Adding and compiling `text` must fail with PC_EUSAGE; returns the message. */
static const char *load_fails(const char *text)
{
	pc_ruleset *rs = pc_ruleset_new();
	int err = add(rs, text, PC_ORIGIN_BUILTIN);
	if (err == 0)
		err = pc_ruleset_compile(rs);
	pc_ruleset_free(rs);
	if (err != PC_EUSAGE)
		fail_msg("expected PC_EUSAGE, got %d (%s)", err, pc_error_last());
	return pc_error_last();
}

/*
 * The references in line[0..len) as "ID@START-END ..." (or "ERROR"), from an
 * exactly-sized copy of the line.
 */
static const char *refs_n(pc_matcher *m, const char *line, size_t len)
{
	static char out[1024];
	char *copy = malloc(len ? len : 1);
	const pc_ref *found = NULL;
	size_t used = 0;
	int n, i;
	assert_non_null(copy);
	if (len)
		memcpy(copy, line, len);
	n = pc_match_line(m, copy, len, &found);
	free(copy);
	out[0] = '\0';
	if (n < 0)
		return "ERROR";
	for (i = 0; i < n; i++)
		used += (size_t)snprintf(out + used, sizeof(out) - used, "%s%s@%zu-%zu", i ? " " : "",
					 found[i].rule->id, found[i].start, found[i].end);
	return out;
}

static const char *refs(pc_matcher *m, const char *line)
{
	return refs_n(m, line, strlen(line));
}

static pc_matcher *matcher(const pc_ruleset *rs)
{
	pc_matcher *m = NULL;
	assert_int_equal(pc_matcher_new(&m, rs), 0);
	assert_non_null(m);
	return m;
}

/* The references of one line under the rules of `text`, everything freed
 * before the caller asserts (so a failing test leaks nothing). */
static const char *match_once(const char *text, const char *line)
{
	pc_ruleset *rs = compiled(text);
	pc_matcher *m = matcher(rs);
	const char *out = refs(m, line);
	pc_matcher_free(m);
	pc_ruleset_free(rs);
	return out;
}

/* A compiled rule set and its matcher, torn down by the fixture. */
typedef struct {
	pc_ruleset *rs;
	pc_matcher *m;
} fixture;

static int setup_rules(void **state, const char *text)
{
	fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	f->rs = compiled(text);
	f->m = matcher(f->rs);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	pc_matcher_free(f->m);
	pc_ruleset_free(f->rs);
	free(f);
	return 0;
}

#define M(state) (((fixture *)*(state))->m)
#define RS(state) (((fixture *)*(state))->rs)

/* ---- context: key, the id group ---- */

static int setup_command(void **state)
{
	return setup_rules(state, HEAD RULE("command", "command") "    context: key\n");
}

static void test_context_key_accepts_model_keys_and_flags(void **state)
{
	assert_string_equal(refs(M(state), "co.chat(model=\"command\")"), "command@15-22");
	assert_string_equal(refs(M(state), "\"model\": \"command\","), "command@10-17");
	assert_string_equal(refs(M(state), "model: command"), "command@7-14");
	assert_string_equal(refs(M(state), "COHERE_MODEL=command"), "command@13-20");
	assert_string_equal(refs(M(state), "run --model command"), "command@12-19");
}

static void test_context_key_refuses_mere_quotes_and_slashes(void **state)
{
	/* unlike context: value, quoting alone is not enough */
	assert_string_equal(refs(M(state), "subprocess.run([\"command\"])"), "");
	assert_string_equal(refs(M(state), "x = 'command'"), "");
	assert_string_equal(refs(M(state), "see docs/command"), "");
	assert_string_equal(refs(M(state), "command = parse(argv)"), "");
}

static void test_id_group_is_the_reported_span(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("hf", "from_pretrained\\([\"''](?<id>[a-z]+/[a-z]+)[\"'']\\)")
				  "    keywords: [from_pretrained]\n");
	pc_matcher *m;
	(void)state;
	assert_int_equal(pc_matcher_new(&m, rs), 0);
	assert_int_equal(rs->rules[0].id_group, 1);
	assert_string_equal(refs(m, "x = AutoModel.from_pretrained('org/model')"), "hf@31-40");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_multiline_rules_run_on_files_not_lines(void **state)
{
	static const char text[] = "f(\n  'acme-x'\n)\n";
	pc_ruleset *rs = compiled(HEAD RULE("ml", "f\\(\\s*[''](?<id>acme-x)['']") "    multiline: true\n");
	pc_matcher *m;
	const pc_ref *found;
	char *buf = malloc(sizeof(text) - 1);
	(void)state;
	assert_non_null(buf);
	memcpy(buf, text, sizeof(text) - 1);
	assert_int_equal(pc_matcher_new(&m, rs), 0);
	assert_true(rs->rules[0].multiline);
	/* a line alone never runs a multiline rule */
	assert_int_equal(pc_match_line(m, buf, sizeof(text) - 1, &found), 0);
	assert_int_equal(pc_match_file(m, buf, sizeof(text) - 1, &found), 1);
	assert_int_equal(found[0].start, 6);
	assert_int_equal(found[0].end, 12);
	free(buf);
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_multiline_must_be_boolean(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD RULE("x", "x") "    multiline: yes\n"), "t.yml:6:16: ");
}

static void test_unknown_context_is_refused(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD RULE("x", "x") "    context: nearby\n"), "unknown context");
}

/* ---- token boundaries (SPEC section 1) ---- */

static int setup_gpt(void **state)
{
	return setup_rules(state, HEAD RULE("gpt", "gpt-4o"));
}

static void test_id_at_end_of_sentence_matches(void **state)
{
	assert_string_equal(refs(M(state), "we call gpt-4o."), "gpt@8-14");
}

static void test_id_followed_by_extension_does_not_match(void **state)
{
	assert_string_equal(refs(M(state), "gpt-4o.txt"), "");
	assert_string_equal(refs(M(state), "gpt-4o.5"), "");
}

static void test_id_followed_by_at_sign_does_not_match(void **state)
{
	assert_string_equal(refs(M(state), "gpt-4o@x"), "");
}

static void test_id_after_slash_matches(void **state)
{
	assert_string_equal(refs(M(state), "openai/gpt-4o"), "gpt@7-13");
}

static void test_id_inside_longer_id_does_not_match(void **state)
{
	assert_string_equal(refs(M(state), "gpt-4o-2024-08-06"), "");
	assert_string_equal(refs(M(state), "my-gpt-4o-proxy"), "");
	assert_string_equal(refs(M(state), "xgpt-4o"), "");
	assert_string_equal(refs(M(state), "gpt-4o_x"), "");
	assert_string_equal(refs(M(state), "v.gpt-4o"), "");
	assert_string_equal(refs(M(state), "gpt-4oo"), "");
}

static void test_id_between_punctuation_matches(void **state)
{
	assert_string_equal(refs(M(state), "gpt-4o"), "gpt@0-6");
	assert_string_equal(refs(M(state), "(gpt-4o)"), "gpt@1-7");
	assert_string_equal(refs(M(state), "m=\"gpt-4o\","), "gpt@3-9");
	assert_string_equal(refs(M(state), "gpt-4o:latest"), "gpt@0-6");
	assert_string_equal(refs(M(state), "a gpt-4o, b"), "gpt@2-8");
}

static void test_every_occurrence_in_a_line_is_found(void **state)
{
	assert_string_equal(refs(M(state), "gpt-4o,gpt-4o gpt-4o."), "gpt@0-6 gpt@7-13 gpt@14-20");
}

static void test_empty_line_has_no_refs(void **state)
{
	assert_string_equal(refs_n(M(state), "", 0), "");
}

static void test_line_with_nul_bytes_matches(void **state)
{
	assert_string_equal(refs_n(M(state), "\0gpt-4o\0x", 9), "gpt@1-7");
}

static void test_line_with_invalid_utf8_matches(void **state)
{
	assert_string_equal(refs_n(M(state), "\xffgpt-4o\xfe\xc3", 9), "gpt@1-7");
	assert_string_equal(refs(M(state), "\xc3\xa9 gpt-4o \xe2\x82"), "gpt@3-9");
}

static void test_line_length_is_respected(void **state)
{
	/* Only the first 5 bytes are the line: "gpt-4" is not "gpt-4o". */
	assert_string_equal(refs_n(M(state), "gpt-4o", 5), "");
}

/* ---- overlaps: longest wins, then origin, then load order ---- */

static void test_longest_match_wins_across_rules(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("short", "gpt-4o") RULE("long", "openai/gpt-4o"));
	pc_matcher *m = matcher(rs);
	(void)state;
	assert_string_equal(refs(m, "x = \"openai/gpt-4o\""), "long@5-18");
	assert_string_equal(refs(m, "gpt-4o openai/gpt-4o"), "short@0-6 long@7-20");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_longest_match_wins_when_shorter_starts_first(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("head", "acme/x") RULE("whole", "x/acme-fast"));
	pc_matcher *m = matcher(rs);
	(void)state;
	/* "acme/x" (0-6) and "x/acme-fast" (5-16) share the 'x' */
	assert_string_equal(refs(m, "acme/x/acme-fast"), "whole@5-16");
	assert_string_equal(refs(m, "acme/x"), "head@0-6");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_equal_span_config_rule_beats_builtin(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	pc_matcher *m;
	(void)state;
	add_ok(rs, "b.yml", HEAD RULE("builtin-rule", "gpt-4o"), PC_ORIGIN_BUILTIN);
	add_ok(rs, "c.yml", HEAD RULE("config-rule", "gpt-4o"), PC_ORIGIN_CONFIG);
	compile_ok(rs);
	m = matcher(rs);
	assert_string_equal(refs(m, "gpt-4o"), "config-rule@0-6");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_equal_span_config_rule_wins_whatever_the_load_order(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	pc_matcher *m;
	(void)state;
	add_ok(rs, "c.yml", HEAD RULE("config-rule", "gpt-4o"), PC_ORIGIN_CONFIG);
	add_ok(rs, "b.yml", HEAD RULE("builtin-rule", "gpt-4o"), PC_ORIGIN_BUILTIN);
	compile_ok(rs);
	m = matcher(rs);
	assert_string_equal(refs(m, "gpt-4o"), "config-rule@0-6");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_equal_span_file_rule_beats_builtin(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	pc_matcher *m;
	(void)state;
	add_ok(rs, "b.yml", HEAD RULE("builtin-rule", "gpt-4o"), PC_ORIGIN_BUILTIN);
	add_ok(rs, "f.yml", HEAD RULE("file-rule", "gpt-4o"), PC_ORIGIN_FILE);
	compile_ok(rs);
	m = matcher(rs);
	assert_string_equal(refs(m, "gpt-4o"), "file-rule@0-6");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_equal_span_same_origin_earlier_rule_wins(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("first", "gpt-4o") RULE("second", "gpt-4o"));
	pc_matcher *m = matcher(rs);
	(void)state;
	assert_string_equal(refs(m, "gpt-4o"), "first@0-6");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_longer_builtin_beats_shorter_config_rule(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	pc_matcher *m;
	(void)state;
	add_ok(rs, "b.yml", HEAD RULE("builtin-long", "openai/gpt-4o"), PC_ORIGIN_BUILTIN);
	add_ok(rs, "c.yml", HEAD RULE("config-short", "gpt-4o"), PC_ORIGIN_CONFIG);
	compile_ok(rs);
	m = matcher(rs);
	assert_string_equal(refs(m, "openai/gpt-4o"), "builtin-long@0-13");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

/* ---- context: value ---- */

static int setup_o1(void **state)
{
	return setup_rules(state, HEAD RULE("o1", "o1") "    context: value\n");
}

static void test_context_value_quoted_both_sides(void **state)
{
	assert_string_equal(refs(M(state), "x = \"o1\""), "o1@5-7");
	assert_string_equal(refs(M(state), "x = 'o1'"), "o1@5-7");
	assert_string_equal(refs(M(state), "x = `o1`"), "o1@5-7");
}

static void test_context_value_after_slash(void **state)
{
	assert_string_equal(refs(M(state), "openai/o1"), "o1@7-9");
}

static void test_context_value_model_keys(void **state)
{
	assert_string_equal(refs(M(state), "model=o1"), "o1@6-8");
	assert_string_equal(refs(M(state), "MODEL=o1"), "o1@6-8");
	assert_string_equal(refs(M(state), "model: o1"), "o1@7-9");
	assert_string_equal(refs(M(state), "  default_model = o1"), "o1@18-20");
	assert_string_equal(refs(M(state), "engine=o1"), "o1@7-9");
}

static void test_context_value_model_flag(void **state)
{
	assert_string_equal(refs(M(state), "run --model o1"), "o1@12-14");
	assert_string_equal(refs(M(state), "run --model=o1"), "o1@12-14");
}

static void test_context_value_rejects_ordinary_code(void **state)
{
	assert_string_equal(refs(M(state), "o1 = f()"), "");
	assert_string_equal(refs(M(state), "foo(o1)"), "");
	assert_string_equal(refs(M(state), "x = o1"), "");
	assert_string_equal(refs(M(state), "see o1 here"), "");
	assert_string_equal(refs(M(state), "model o1"), "");
	assert_string_equal(refs(M(state), "x = \"o1'"), "");
}

static void test_context_any_is_accepted(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("o1", "o1") "    context: any\n");
	pc_matcher *m = matcher(rs);
	(void)state;
	assert_false(rs->rules[0].context_value);
	assert_string_equal(refs(m, "foo(o1)"), "o1@4-6");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

/* ---- keyword prefilter ---- */

static void test_rule_without_its_keyword_never_matches(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("kw", "gpt-4o") "    keywords: [zzz, yyy]\n");
	pc_matcher *m = matcher(rs);
	(void)state;
	assert_true(rs->rules[0].prefiltered);
	assert_int_equal(rs->rules[0].nkeywords, 2);
	assert_string_equal(refs(m, "gpt-4o"), "");
	assert_string_equal(refs(m, "zzz gpt-4o"), "kw@4-10");
	assert_string_equal(refs(m, "gpt-4o yyy"), "kw@0-6");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_keywords_may_be_a_single_scalar(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("kw", "gpt-4o") "    keywords: gpt\n");
	pc_matcher *m = matcher(rs);
	(void)state;
	assert_int_equal(rs->rules[0].nkeywords, 1);
	assert_string_equal(rs->rules[0].keywords[0], "gpt");
	assert_string_equal(refs(m, "gpt-4o"), "kw@0-6");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_derived_literal_prefix_prefilters_alternation_in_group(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("acme", "acme-(?:fast|smart)-latest"));
	pc_matcher *m = matcher(rs);
	(void)state;
	assert_true(rs->rules[0].prefiltered);
	assert_string_equal(refs(m, "acme-fast-latest"), "acme@0-16");
	assert_string_equal(refs(m, "use 'acme-smart-latest'."), "acme@5-22");
	assert_string_equal(refs(m, "acme-slow-latest"), "");
	assert_string_equal(refs(m, "nothing here"), "");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_top_level_alternation_runs_on_every_line(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("either", "foo-one|bar-two"));
	pc_matcher *m = matcher(rs);
	(void)state;
	assert_false(rs->rules[0].prefiltered);
	assert_string_equal(refs(m, "x foo-one"), "either@2-9");
	assert_string_equal(refs(m, "x bar-two"), "either@2-9");
	/* the boundaries wrap the whole alternation */
	assert_string_equal(refs(m, "xbar-two foo-onex"), "");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_prefix_drops_char_made_optional(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("q", "gpt-4o?") RULE("star", "abc*d")
				  RULE("brace", "xyz{0,2}w") RULE("esc", "pq\\-?rs"));
	pc_matcher *m = matcher(rs);
	(void)state;
	assert_string_equal(refs(m, "gpt-4"), "q@0-5");
	assert_string_equal(refs(m, "abd"), "star@0-3");
	assert_string_equal(refs(m, "xyw"), "brace@0-3");
	assert_string_equal(refs(m, "pqrs"), "esc@0-4");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_escaped_literal_chars_join_the_prefix(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("dot", "gpt\\-3\\.5-turbo"));
	pc_matcher *m = matcher(rs);
	(void)state;
	assert_true(rs->rules[0].prefiltered);
	assert_string_equal(refs(m, "gpt-3.5-turbo"), "dot@0-13");
	assert_string_equal(refs(m, "gpt-3x5-turbo"), "");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_leading_class_or_caseless_flag_is_not_prefiltered(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("cls", "[Gg]pt-4o") RULE("ci", "(?i)claude-x"));
	pc_matcher *m = matcher(rs);
	(void)state;
	assert_false(rs->rules[0].prefiltered);
	assert_false(rs->rules[1].prefiltered);
	assert_string_equal(refs(m, "Gpt-4o"), "cls@0-6");
	assert_string_equal(refs(m, "CLAUDE-X"), "ci@0-8");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_alternation_after_class_starting_with_bracket(void **state)
{
	/* In PCRE2 "[](]" is a class of ']' and '(': the '|' after it is top
	 * level, so "zz-top" alone must match; no literal prefix applies. */
	(void)state;
	assert_string_equal(match_once(HEAD RULE("br", "ab[](]|zz-top"), "zz-top"), "br@0-6");
}

static void test_alternation_after_quoted_paren(void **state)
{
	/* "\Q(\E" is a literal '(': the '|' after it is top level. */
	(void)state;
	assert_string_equal(match_once(HEAD RULE("q", "ab\\Q(\\E|zz-top"), "zz-top"), "q@0-6");
}

static void test_pattern_matching_empty_yields_no_refs(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("opt", "(?:zq)?"));
	pc_matcher *m = matcher(rs);
	(void)state;
	assert_string_equal(refs(m, "  , ;"), "");
	assert_string_equal(refs(m, "zq"), "opt@0-2");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

/* ---- keyword automaton, directly ---- */

/* Occurrences reported by pc_keywords_each, as "value@start" sorted by
 * start then value (the order of the calls is not part of the contract). */
typedef struct {
	unsigned char *hits;
	size_t n;
	size_t at[64][2];
	size_t nat;
} kwlog;

static int on_keyword(void *payload, size_t start, size_t value)
{
	kwlog *l = payload;
	assert_true(value < l->n);
	l->hits[value] = 1;
	if (l->nat < 64) {
		l->at[l->nat][0] = start;
		l->at[l->nat++][1] = value;
	}
	return 0;
}

static void kwscan(const pc_keywords *kw, const char *text, size_t len, unsigned char *hits,
		   size_t n, kwlog *l)
{
	l->hits = hits;
	l->n = n;
	l->nat = 0;
	assert_int_equal(pc_keywords_each(kw, text, len, on_keyword, l), 0);
}

static int cmp_at(const void *pa, const void *pb)
{
	const size_t *a = pa, *b = pb;
	return a[0] != b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1];
}

/* "value@start ..." of every occurrence in text (NUL-free) */
static const char *occurrences(const pc_keywords *kw, const char *text)
{
	static char out[1024];
	unsigned char hits[64] = { 0 };
	kwlog l;
	size_t i, used = 0;
	kwscan(kw, text, strlen(text), hits, 64, &l);
	qsort(l.at, l.nat, sizeof(l.at[0]), cmp_at);
	out[0] = '\0';
	for (i = 0; i < l.nat; i++)
		used += (size_t)snprintf(out + used, sizeof(out) - used, "%s%zu@%zu", i ? " " : "",
					 l.at[i][1], l.at[i][0]);
	return out;
}

static void scan(const pc_keywords *kw, const char *text, unsigned char *hits, size_t n)
{
	size_t len = strlen(text);
	char *copy = malloc(len ? len : 1);
	kwlog l;
	assert_non_null(copy);
	memcpy(copy, text, len); /* no terminator: the scan must not read past len */
	memset(hits, 0, n);
	kwscan(kw, copy, len, hits, n, &l);
	free(copy);
}

static void test_keywords_report_every_occurrence_and_its_start(void **state)
{
	pc_keywords *few = pc_keywords_new(), *many = pc_keywords_new();
	const char *words[] = { "gpt-4o", "4o", "o-", "claude-", "aude", "-latest" };
	size_t i;
	(void)state;
	for (i = 0; i < 2; i++)
		pc_keywords_add(few, words[i], strlen(words[i]), i);
	for (i = 0; i < 6; i++)
		pc_keywords_add(many, words[i], strlen(words[i]), i);
	pc_keywords_build(few);
	pc_keywords_build(many);
	/* a few keywords and more, long ones and short ones */
	assert_string_equal(occurrences(few, "gpt-4o gpt-4o-mini 4o"),
			    "0@0 1@4 0@7 1@11 1@19");
	assert_string_equal(occurrences(many, "gpt-4o gpt-4o-mini 4o"),
			    "0@0 1@4 0@7 1@11 2@12 1@19");
	assert_string_equal(occurrences(many, "claude-latest claude-"),
			    "3@0 4@2 5@6 3@14 4@16");
	assert_string_equal(occurrences(many, "nothing here"), "");
	pc_keywords_free(few);
	pc_keywords_free(many);
}

static int stop_at_first(void *payload, size_t start, size_t value)
{
	(void)start;
	*(size_t *)payload = value;
	return -7;
}

static void test_keywords_callback_error_stops_the_scan(void **state)
{
	pc_keywords *kw = pc_keywords_new();
	size_t got = 99, i;
	(void)state;
	for (i = 0; i < 6; i++) {
		char w[2] = { 'w', (char)('0' + i) };
		pc_keywords_add(kw, w, 2, i);
	}
	pc_keywords_build(kw);
	assert_int_equal(pc_keywords_each(kw, "w3 w4", 5, stop_at_first, &got), -7);
	assert_int_equal(got, 3);
	pc_keywords_free(kw);
}

static void test_keywords_overlapping_words_both_hit(void **state)
{
	pc_keywords *kw = pc_keywords_new();
	unsigned char hits[2];
	(void)state;
	pc_keywords_add(kw, "abc", 3, 0);
	pc_keywords_add(kw, "bcd", 3, 1);
	pc_keywords_build(kw);
	scan(kw, "xabcd", hits, 2);
	assert_int_equal(hits[0], 1);
	assert_int_equal(hits[1], 1);
	scan(kw, "xabcx", hits, 2);
	assert_int_equal(hits[0], 1);
	assert_int_equal(hits[1], 0);
	scan(kw, "ab cd", hits, 2);
	assert_int_equal(hits[0], 0);
	assert_int_equal(hits[1], 0);
	pc_keywords_free(kw);
}

static void test_keywords_suffix_of_another_word_hits(void **state)
{
	pc_keywords *kw = pc_keywords_new();
	unsigned char hits[2];
	(void)state;
	pc_keywords_add(kw, "gpt-4o", 6, 0);
	pc_keywords_add(kw, "4o", 2, 1);
	pc_keywords_build(kw);
	scan(kw, "gpt-4o", hits, 2);
	assert_int_equal(hits[0], 1);
	assert_int_equal(hits[1], 1);
	scan(kw, "x4o", hits, 2);
	assert_int_equal(hits[0], 0);
	assert_int_equal(hits[1], 1);
	pc_keywords_free(kw);
}

static void test_keywords_prefix_of_another_word_hits_alone(void **state)
{
	pc_keywords *kw = pc_keywords_new();
	unsigned char hits[2];
	(void)state;
	pc_keywords_add(kw, "gpt", 3, 0);
	pc_keywords_add(kw, "gpt-4o", 6, 1);
	pc_keywords_build(kw);
	scan(kw, "gpt-4", hits, 2);
	assert_int_equal(hits[0], 1);
	assert_int_equal(hits[1], 0);
	scan(kw, "ggpt-4o", hits, 2);
	assert_int_equal(hits[0], 1);
	assert_int_equal(hits[1], 1);
	pc_keywords_free(kw);
}

static void test_keywords_failure_links_restart_mid_word(void **state)
{
	pc_keywords *kw = pc_keywords_new();
	unsigned char hits[1];
	(void)state;
	pc_keywords_add(kw, "aab", 3, 0);
	pc_keywords_build(kw);
	scan(kw, "aaab", hits, 1);
	assert_int_equal(hits[0], 1);
	scan(kw, "abaab", hits, 1);
	assert_int_equal(hits[0], 1);
	scan(kw, "aaba", hits, 1);
	assert_int_equal(hits[0], 1);
	scan(kw, "abab", hits, 1);
	assert_int_equal(hits[0], 0);
	pc_keywords_free(kw);
}

static void test_keywords_one_word_many_rules_and_many_words_one_rule(void **state)
{
	pc_keywords *kw = pc_keywords_new();
	unsigned char hits[3];
	(void)state;
	pc_keywords_add(kw, "shared", 6, 0);
	pc_keywords_add(kw, "shared", 6, 1);
	pc_keywords_add(kw, "one", 3, 2);
	pc_keywords_add(kw, "two", 3, 2);
	pc_keywords_build(kw);
	scan(kw, "a shared b", hits, 3);
	assert_int_equal(hits[0], 1);
	assert_int_equal(hits[1], 1);
	assert_int_equal(hits[2], 0);
	scan(kw, "two", hits, 3);
	assert_int_equal(hits[2], 1);
	pc_keywords_free(kw);
}

static void test_keywords_high_bytes_and_nul(void **state)
{
	pc_keywords *kw = pc_keywords_new();
	unsigned char hits[2] = { 0, 0 };
	kwlog l;
	(void)state;
	pc_keywords_add(kw, "\xff\xfe", 2, 0);
	pc_keywords_add(kw, "a\0b", 3, 1);
	pc_keywords_build(kw);
	kwscan(kw, "x\xff\xfey", 4, hits, 2, &l);
	assert_int_equal(hits[0], 1);
	assert_int_equal(hits[1], 0);
	kwscan(kw, "za\0bz", 5, hits, 2, &l);
	assert_int_equal(hits[1], 1);
	pc_keywords_free(kw);
}

static void test_keywords_many_rules(void **state)
{
	enum { N = 2000 };
	pc_keywords *kw = pc_keywords_new();
	unsigned char *hits = calloc(N, 1);
	size_t i, nhit = 0;
	kwlog l;
	(void)state;
	assert_non_null(hits);
	for (i = 0; i < N; i++) {
		char w[32];
		int len = snprintf(w, sizeof(w), "kw%zu-", i);
		pc_keywords_add(kw, w, (size_t)len, i);
	}
	pc_keywords_build(kw);
	kwscan(kw, "xx kw1517- kw7- yy", 18, hits, N, &l);
	for (i = 0; i < N; i++)
		nhit += hits[i];
	assert_int_equal(nhit, 2);
	assert_int_equal(hits[1517], 1);
	assert_int_equal(hits[7], 1);
	pc_keywords_free(kw);
	free(hits);
}

static void test_keywords_empty_automaton_and_text(void **state)
{
	pc_keywords *kw = pc_keywords_new();
	unsigned char hits[1] = { 0 };
	kwlog l;
	(void)state;
	pc_keywords_build(kw);
	kwscan(kw, "anything", 8, hits, 1, &l);
	kwscan(kw, "", 0, hits, 1, &l);
	assert_int_equal(hits[0], 0);
	pc_keywords_free(kw);
	pc_keywords_free(NULL);
}

static void test_many_prefiltered_rules_each_find_their_id(void **state)
{
	enum { N = 300 };
	size_t cap = N * 80 + 64, used, i;
	char *text = malloc(cap);
	pc_ruleset *rs;
	pc_matcher *m;
	(void)state;
	assert_non_null(text);
	used = (size_t)snprintf(text, cap, HEAD);
	for (i = 0; i < N; i++)
		used += (size_t)snprintf(text + used, cap - used,
					 "  - id: r%zu\n    class: alias\n    pattern: 'model-%zu-x'\n", i, i);
	rs = compiled(text);
	m = matcher(rs);
	assert_string_equal(refs(m, "model-7-x and model-299-x"), "r7@0-9 r299@14-25");
	assert_string_equal(refs(m, "model-300-x"), "");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
	free(text);
}

/* ---- ids: duplicates and overrides ---- */

static void test_duplicate_id_in_one_file_names_both_places(void **state)
{
	const char *msg = load_fails(HEAD RULE("dup", "a1") RULE("dup", "a2"));
	(void)state;
	assert_string_equal(msg, "t.yml:8:14: duplicate rule id 'dup' (first defined at t.yml:5:14)");
}

static void test_duplicate_id_across_files_of_one_origin(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	(void)state;
	add_ok(rs, "a.yml", HEAD RULE("dup", "a1"), PC_ORIGIN_BUILTIN);
	assert_int_equal(add_n(rs, "b.yml", HEAD RULE("dup", "a2"), strlen(HEAD RULE("dup", "a2")),
			       PC_ORIGIN_BUILTIN),
			 PC_EUSAGE);
	assert_contains(pc_error_last(), "b.yml:5:14");
	assert_contains(pc_error_last(), "a.yml:5:14");
	assert_int_equal(rs->nrules, 1);
	pc_ruleset_free(rs);
}

static void test_config_rule_overrides_builtin_with_same_id(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	pc_matcher *m;
	pc_rule *r;
	(void)state;
	add_ok(rs, "b.yml", HEAD RULE("other", "zz-top") RULE("shared", "gpt-4o"), PC_ORIGIN_BUILTIN);
	add_ok(rs, "c.yml", HEAD RULE("shared", "acme-1"), PC_ORIGIN_CONFIG);
	compile_ok(rs);
	assert_int_equal(rs->nrules, 2);
	r = pc_ruleset_find(rs, "shared");
	assert_non_null(r);
	assert_int_equal(r->origin, PC_ORIGIN_CONFIG);
	assert_string_equal(r->pattern, "acme-1");
	assert_int_equal(r->index, 1);
	assert_string_equal(r->where, "c.yml:5:14");
	m = matcher(rs);
	assert_string_equal(refs(m, "gpt-4o"), "");
	assert_string_equal(refs(m, "acme-1"), "shared@0-6");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_two_config_rules_with_a_builtins_id_are_duplicates(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	const char *c = HEAD RULE("shared", "acme-1") RULE("shared", "acme-2");
	(void)state;
	add_ok(rs, "b.yml", HEAD RULE("shared", "gpt-4o"), PC_ORIGIN_BUILTIN);
	assert_int_equal(add_n(rs, "c.yml", c, strlen(c), PC_ORIGIN_CONFIG), PC_EUSAGE);
	assert_contains(pc_error_last(), "duplicate rule id 'shared'");
	pc_ruleset_free(rs);
}

static void test_find_returns_null_for_unknown_id(void **state)
{
	(void)state;
	assert_null(pc_ruleset_find(RS(state), "nope"));
	assert_non_null(pc_ruleset_find(RS(state), "gpt"));
}

/* ---- rule schema errors: FILE:LINE:COL ---- */

static void test_bad_regex_names_file_position_and_rule(void **state)
{
	const char *msg = load_fails(HEAD RULE("broken", "gpt-(4o"));
	(void)state;
	assert_contains(msg, "t.yml:5:14: ");
	assert_contains(msg, "'broken'");
	assert_contains(msg, "missing closing parenthesis");
}

static void test_bad_regex_offset_lies_within_the_pattern(void **state)
{
	/* The wrapper pincheck adds must not leak into the offset shown. */
	const char *msg = load_fails(HEAD RULE("broken", "gpt-(4o"));
	const char *at = strstr(msg, "pattern offset ");
	(void)state;
	assert_non_null(at);
	assert_true(atoi(at + strlen("pattern offset ")) <= 7);
}

static void test_unbalanced_close_paren_is_a_bad_regex(void **state)
{
	/* On its own "a)|(?:b" is not a valid regex; it must not slip out of
	 * the group pincheck wraps it in (and out of the token boundaries). */
	pc_ruleset *rs = pc_ruleset_new();
	int err;
	(void)state;
	err = add(rs, HEAD RULE("escape", "a)|(?:b"), PC_ORIGIN_CONFIG);
	if (err == 0)
		err = pc_ruleset_compile(rs);
	pc_ruleset_free(rs);
	assert_int_equal(err, PC_EUSAGE);
}

static void test_unmatched_close_paren_is_a_bad_regex(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD RULE("broken", "ab)")), "t.yml:5:14: ");
}

static void test_no_jit_verb_is_refused(void **state)
{
	const char *msg = load_fails(HEAD RULE("nojit", "(*NO_JIT)gpt-4o"));
	(void)state;
	assert_contains(msg, "t.yml:5:14: ");
	assert_contains(msg, "'nojit'");
}

/* How many of the compiled rules carry JIT code. */
static size_t jitted(const pc_ruleset *rs)
{
	size_t i, n = 0, size;
	for (i = 0; i < rs->nrules; i++)
		if (rs->rules[i].re &&
		    pcre2_pattern_info(rs->rules[i].re, PCRE2_INFO_JITSIZE, &size) == 0 && size)
			n++;
	return n;
}

static pc_ruleset *two_rules(bool no_jit)
{
	pc_ruleset *rs = pc_ruleset_new();
	rs->no_jit = no_jit;
	add_ok(rs, "b.yml", HEAD RULE("built-in", "acme-a"), PC_ORIGIN_BUILTIN);
	add_ok(rs, "c.yml", HEAD RULE("metered", "acme-b"), PC_ORIGIN_CONFIG);
	compile_ok(rs);
	return rs;
}

static void test_no_jit_is_the_callers_choice(void **state)
{
	uint32_t have_jit = 0;
	pc_ruleset *rs;
	pc_matcher *m;
	(void)state;
	/* rs->no_jit: the interpreter only, with the same answers */
	rs = two_rules(true);
	assert_int_equal(jitted(rs), 0);
	m = matcher(rs);
	assert_string_equal(refs(m, "x = 'acme-a' + 'acme-b'"), "built-in@5-11 metered@16-22");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
	/* not the environment's: the CLI reads PINCHECK_NO_JIT, not rules.c */
	pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
	if (!have_jit)
		skip();
	setenv("PINCHECK_NO_JIT", "1", 1);
	rs = two_rules(false);
	unsetenv("PINCHECK_NO_JIT");
	assert_int_equal(jitted(rs), 2);
	m = matcher(rs);
	assert_string_equal(refs(m, "x = 'acme-a' + 'acme-b'"), "built-in@5-11 metered@16-22");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_pattern_nesting_limit(void **state)
{
	char pat[200], text[400];
	(void)state;
	memset(pat, '(', 70);
	pat[70] = 'a';
	memset(pat + 71, ')', 70);
	pat[141] = '\0';
	snprintf(text, sizeof(text), HEAD RULE("deep", "%s"), pat);
	assert_contains(load_fails(text), "t.yml:5:14: ");
}

static void test_pattern_longer_than_limit(void **state)
{
	size_t n = 4097;
	char *text = malloc(n + 100);
	(void)state;
	assert_non_null(text);
	strcpy(text, HEAD "  - id: long\n    class: alias\n    pattern: ");
	memset(text + strlen(text), 'a', n);
	strcpy(text + strlen(HEAD "  - id: long\n    class: alias\n    pattern: ") + n, "\n");
	assert_contains(load_fails(text), "t.yml:5:14: pattern of rule 'long' is longer than 4096");
	free(text);
}

static void test_unknown_rule_key(void **state)
{
	const char *msg = load_fails(HEAD "  - id: r\n    class: alias\n    patern: 'x'\n");
	(void)state;
	assert_contains(msg, "t.yml:5:5: unknown key 'patern' in a rule");
}

static void test_pattern_of_wrong_type(void **state)
{
	(void)state;
	assert_string_equal(load_fails(HEAD "  - id: r\n    class: alias\n    pattern: [a]\n"),
			    "t.yml:5:14: pattern must be a scalar, not a list");
}

static void test_unknown_class(void **state)
{
	const char *msg = load_fails(HEAD "  - id: r\n    class: floating\n    pattern: x1\n");
	(void)state;
	assert_contains(msg, "t.yml:4:12: unknown class 'floating'");
}

static void test_mask_class_needs_multiline(void **state)
{
	const char *msg = load_fails(HEAD "  - id: r\n    class: mask\n    pattern: x1\n");
	(void)state;
	assert_contains(msg, "t.yml:4:12: rule 'r': class mask needs multiline: true");
}

static void test_unknown_severity(void **state)
{
	const char *msg = load_fails(HEAD RULE("r", "x1") "    severity: fatal\n");
	(void)state;
	assert_contains(msg, "t.yml:6:15: unknown severity 'fatal'");
}

static void test_severity_is_loaded(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("r", "x1") "    severity: warning\n" RULE("d", "x2"));
	(void)state;
	assert_int_equal(rs->rules[0].severity, PC_SEV_WARNING);
	assert_int_equal(rs->rules[1].severity, PC_SEV_DEFAULT);
	pc_ruleset_free(rs);
}

static void test_empty_pattern(void **state)
{
	(void)state;
	assert_string_equal(load_fails(HEAD RULE("r", "")), "t.yml:5:14: rule 'r' has an empty pattern");
}

static void test_missing_id(void **state)
{
	(void)state;
	assert_string_equal(load_fails(HEAD "  - class: alias\n    pattern: x1\n"),
			    "t.yml:3:5: rule has no 'id'");
}

static void test_bad_id_characters(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD "  - id: 'a b'\n    class: alias\n    pattern: x1\n"),
			"t.yml:3:9: rule id 'a b'");
}

static void test_missing_class(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD "  - id: r\n    pattern: x1\n"), "t.yml:3:5: rule 'r' has no 'class'");
}

static void test_missing_pattern(void **state)
{
	(void)state;
	assert_string_equal(load_fails(HEAD "  - id: r\n    class: pinned\n"),
			    "t.yml:3:5: rule 'r' has no 'pattern'");
}

static void test_missing_provider_in_rule_file(void **state)
{
	(void)state;
	assert_string_equal(load_fails("rules:\n" RULE("r", "x1")), "t.yml:1:1: rule file has no 'provider'");
}

static void test_bad_provider_name_in_rule_file(void **state)
{
	(void)state;
	assert_contains(load_fails("provider: 'ac me'\nrules: []\n"), "t.yml:1:11: provider 'ac me'");
}

static void test_rule_provider_overrides_file_provider(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("r", "x1") "    provider: other\n" RULE("s", "x2"));
	(void)state;
	assert_string_equal(rs->rules[0].provider, "other");
	assert_string_equal(rs->rules[1].provider, "acme");
	pc_ruleset_free(rs);
}

static void test_bad_provider_name_in_rule(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD RULE("r", "x1") "    provider: 'a/b'\n"),
			"t.yml:6:15: rule 'r' needs a 'provider'");
}

static void test_missing_provider_for_a_config_rule(void **state)
{
	pc_doc *doc = NULL;
	pc_ruleset *rs = pc_ruleset_new();
	static const char text[] = "id: mine\nclass: alias\npattern: 'zz-top'\n";
	(void)state;
	assert_int_equal(pc_doc_parse(&doc, ".pincheck.yml", text, sizeof(text) - 1), 0);
	assert_int_equal(pc_ruleset_add_rule(rs, doc, doc->root, NULL, PC_ORIGIN_CONFIG), PC_EUSAGE);
	assert_string_equal(pc_error_last(),
			    ".pincheck.yml:1:1: rule 'mine' needs a 'provider' (letters, digits, '.', '_', '-')");
	assert_int_equal(rs->nrules, 0);
	assert_int_equal(pc_ruleset_add_rule(rs, doc, doc->root, "acme", PC_ORIGIN_CONFIG), 0);
	assert_int_equal(rs->nrules, 1);
	assert_int_equal(rs->rules[0].origin, PC_ORIGIN_CONFIG);
	assert_string_equal(rs->rules[0].provider, "acme");
	pc_ruleset_free(rs);
	pc_doc_free(doc);
}

static void test_rule_that_is_not_a_mapping(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD "  - just-a-string\n"), "t.yml:3:5: a rule must be a mapping");
}

static void test_unknown_context(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD RULE("r", "x1") "    context: code\n"),
			"t.yml:6:14: unknown context 'code'");
}

static void test_empty_keyword(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD RULE("r", "x1") "    keywords: [a, '']\n"),
			"t.yml:6:15: keywords may not be empty");
}

static void test_keywords_of_wrong_type(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD RULE("r", "x1") "    keywords: {a: b}\n"),
			"t.yml:6:15: keywords must be a list");
}

static void test_message_of_wrong_type(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD RULE("r", "x1") "    message: [a]\n"),
			"t.yml:6:14: message must be a scalar");
}

static void test_message_and_tests_are_loaded(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("r", "x1") "    message: Use a dated id.\n"
				  "    tests:\n      match: ['a x1']\n      no_match: [x12, 'yx1']\n");
	const pc_rule *r = &rs->rules[0];
	(void)state;
	assert_string_equal(r->message, "Use a dated id.");
	assert_int_equal(r->ntest_match, 1);
	assert_string_equal(r->test_match[0], "a x1");
	assert_int_equal(r->ntest_no_match, 2);
	assert_string_equal(r->test_no_match[1], "yx1");
	assert_string_equal(r->where, "t.yml:5:14");
	pc_ruleset_free(rs);
}

static void test_advice_is_loaded(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("r", "x1") "    message: x1 moves.\n"
				  "    advice: Use x1-2026.\n"
				  "  - id: s\n    class: no-snapshot\n    pattern: 'y1'\n"
				  "    advice: Record it.\n"
				  "  - id: t\n    class: alias\n    pattern: 'z1'\n");
	(void)state;
	assert_string_equal(rs->rules[0].message, "x1 moves.");
	assert_string_equal(rs->rules[0].advice, "Use x1-2026.");
	assert_string_equal(rs->rules[1].advice, "Record it.");
	assert_null(rs->rules[2].advice);
	pc_ruleset_free(rs);
}

static void test_advice_must_be_a_string(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD RULE("r", "x1") "    advice: [a, b]\n"),
			"t.yml:6:13: advice must be a scalar");
	assert_contains(load_fails(HEAD RULE("r", "x1") "    advice: {do: it}\n"),
			"t.yml:6:13: advice must be a scalar");
	assert_contains(load_fails(HEAD RULE("r", "x1") "    advice: ''\n"),
			"t.yml:6:13: rule 'r' has an empty advice");
}

static void test_advice_only_where_a_finding_uses_it(void **state)
{
	(void)state;
	/* a pinned rule's lifecycle findings name the catalog's replacement */
	assert_contains(load_fails(HEAD "  - id: p\n    class: pinned\n    pattern: 'x1-2026'\n"
				   "    advice: Keep it.\n"),
			"t.yml:6:13: rule 'p': advice is only for alias and no-snapshot rules");
}

static void test_unknown_tests_key(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD RULE("r", "x1") "    tests:\n      matches: [a]\n"),
			"t.yml:7:7: unknown key 'matches' in tests");
}

static void test_tests_match_of_wrong_type(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD RULE("r", "x1") "    tests:\n      no_match: {a: b}\n"),
			"t.yml:7:17: tests.no_match must be a list");
}

static void test_unknown_top_level_key(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD RULE("r", "x1") "modles: []\n"),
			"t.yml:6:1: unknown key 'modles' in a rule file");
}

static void test_rule_file_that_is_not_a_mapping(void **state)
{
	(void)state;
	assert_contains(load_fails("- provider: acme\n"), "t.yml:1:1: a rule file must be a mapping");
}

static void test_empty_rule_file(void **state)
{
	(void)state;
	assert_contains(load_fails(""), "t.yml:1:1: a rule file must be a mapping, not nothing");
}

static void test_rules_not_a_list(void **state)
{
	(void)state;
	assert_string_equal(load_fails("provider: acme\nrules: {a: b}\n"),
			    "t.yml:2:8: rules must be a list, not a mapping");
}

static void test_models_not_a_list(void **state)
{
	(void)state;
	assert_string_equal(load_fails("provider: acme\nmodels: x\n"),
			    "t.yml:2:9: models must be a list, not a scalar");
}

static void test_bad_catalog_date(void **state)
{
	(void)state;
	assert_contains(load_fails("provider: acme\ncatalog_date: 2026-13-01\n"),
			"t.yml:2:15: catalog_date must be a date YYYY-MM-DD");
}

static void test_yaml_error_in_rule_file(void **state)
{
	(void)state;
	assert_contains(load_fails("provider: acme\nrules: [\n"), "t.yml:3:1: ");
}

static void test_providers_are_recorded(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	(void)state;
	add_ok(rs, "rules/acme.yml", "provider: acme\ncatalog_date: 2026-01-31\nrules: []\n",
	       PC_ORIGIN_BUILTIN);
	add_ok(rs, "rules/zeta.yml", "provider: zeta\n", PC_ORIGIN_BUILTIN);
	assert_int_equal(rs->nproviders, 2);
	assert_string_equal(rs->providers[0].name, "acme");
	assert_string_equal(rs->providers[0].catalog_date, "2026-01-31");
	assert_string_equal(rs->providers[0].where, "rules/acme.yml");
	assert_null(rs->providers[1].catalog_date);
	pc_ruleset_free(rs);
}

/* ---- match limit ---- */

static void test_catastrophic_pattern_hits_match_limit_quickly(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("slow", "(a+)+$"));
	pc_matcher *m = matcher(rs);
	size_t n = 5000;
	char *line = malloc(n + 1);
	const pc_ref *out = NULL;
	double t0;
	(void)state;
	assert_non_null(line);
	memset(line, 'a', n);
	line[n] = '!';
	t0 = now();
	assert_int_equal(pc_match_line(m, line, n + 1, &out), PC_ERUNTIME);
	assert_true(now() - t0 < 5.0);
	assert_contains(pc_error_last(), "'slow'");
	assert_contains(pc_error_last(), "t.yml:5:14");
	/* the matcher stays usable */
	assert_string_equal(refs(m, "aaa"), "slow@0-3");
	free(line);
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

/* ---- suggestions ---- */

static void test_suggest_scalar_applies_to_every_match(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("r", "gpt-4o(?:-mini)?") "    suggest: gpt-4o-2024-08-06\n");
	(void)state;
	assert_string_equal(pc_rule_suggest(&rs->rules[0], "gpt-4o", 6), "gpt-4o-2024-08-06");
	assert_string_equal(pc_rule_suggest(&rs->rules[0], "gpt-4o-mini", 11), "gpt-4o-2024-08-06");
	pc_ruleset_free(rs);
}

static void test_suggest_map_by_matched_text(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("r", "gpt-4o(?:-mini)?")
				  "    suggest:\n      gpt-4o: gpt-4o-2024-08-06\n"
				  "      gpt-4o-mini: gpt-4o-mini-2024-07-18\n");
	const pc_rule *r = &rs->rules[0];
	(void)state;
	assert_int_equal(r->nsuggest, 2);
	assert_string_equal(pc_rule_suggest(r, "gpt-4o", 6), "gpt-4o-2024-08-06");
	assert_string_equal(pc_rule_suggest(r, "gpt-4o-mini", 11), "gpt-4o-mini-2024-07-18");
	/* only `len` bytes are the text */
	assert_string_equal(pc_rule_suggest(r, "gpt-4o-mini", 6), "gpt-4o-2024-08-06");
	assert_null(pc_rule_suggest(r, "gpt-4", 5));
	assert_null(pc_rule_suggest(r, "", 0));
	pc_ruleset_free(rs);
}

static void test_suggest_map_falls_back_to_last_path_segment(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("r", "gpt-4o")
				  "    suggest: {gpt-4o: gpt-4o-2024-08-06, 'azure/gpt-4o': special}\n");
	const pc_rule *r = &rs->rules[0];
	(void)state;
	assert_string_equal(pc_rule_suggest(r, "openai/gpt-4o", 13), "gpt-4o-2024-08-06");
	assert_string_equal(pc_rule_suggest(r, "a/b/gpt-4o", 10), "gpt-4o-2024-08-06");
	/* the whole text is tried first */
	assert_string_equal(pc_rule_suggest(r, "azure/gpt-4o", 12), "special");
	assert_null(pc_rule_suggest(r, "openai/", 7));
	assert_null(pc_rule_suggest(r, "gpt-4o/x", 8));
	pc_ruleset_free(rs);
}

static void test_no_suggest_gives_null(void **state)
{
	(void)state;
	assert_null(pc_rule_suggest(&RS(state)->rules[0], "gpt-4o", 6));
}

static void test_suggest_list_is_refused(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD RULE("r", "x1") "    suggest: [a, b]\n"),
			"t.yml:6:14: suggest must be an id or a mapping");
}

static void test_suggest_map_target_must_be_scalar(void **state)
{
	(void)state;
	assert_contains(load_fails(HEAD RULE("r", "x1") "    suggest: {x1: ok, x2: [a]}\n"),
			"t.yml:6:27: suggest target must be a scalar");
}

/* ---- models: lifecycle facts ---- */

static const char models_file[] =
	"provider: acme\n"
	"models:\n"
	"  - id: acme-fast-2024-01-01\n"
	"    deprecated: 2024-06-01\n"
	"    retires: '2025-01-01'\n"
	"    replacement: acme-fast-2025-01-01\n"
	"  - id: acme-slow-2024-01-01\n";

static void test_model_lifecycle_lookup(void **state)
{
	pc_ruleset *rs = compiled(models_file);
	const pc_model *m;
	(void)state;
	assert_int_equal(rs->nmodels, 2);
	m = pc_ruleset_model(rs, "acme-fast-2024-01-01");
	assert_non_null(m);
	assert_string_equal(m->provider, "acme");
	assert_string_equal(m->deprecated, "2024-06-01");
	assert_string_equal(m->retires, "2025-01-01");
	assert_string_equal(m->replacement, "acme-fast-2025-01-01");
	m = pc_ruleset_model(rs, "acme-slow-2024-01-01");
	assert_non_null(m);
	assert_null(m->deprecated);
	assert_null(m->retires);
	assert_null(m->replacement);
	assert_null(pc_ruleset_model(rs, "acme-fast"));
	pc_ruleset_free(rs);
}

static void test_model_bad_month_is_refused(void **state)
{
	(void)state;
	assert_string_equal(load_fails("provider: acme\nmodels:\n  - id: m\n    retires: 2024-13-01\n"),
			    "t.yml:4:14: retires must be a date YYYY-MM-DD, not '2024-13-01'");
}

static void test_model_words_are_not_a_date(void **state)
{
	(void)state;
	assert_string_equal(load_fails("provider: acme\nmodels:\n  - id: m\n    deprecated: soon\n"),
			    "t.yml:4:17: deprecated must be a date YYYY-MM-DD, not 'soon'");
}

static void test_model_short_date_is_refused(void **state)
{
	(void)state;
	assert_contains(load_fails("provider: acme\nmodels:\n  - id: m\n    retires: 2024-1-01\n"),
			"t.yml:4:14: ");
	assert_contains(load_fails("provider: acme\nmodels:\n  - id: m\n    retires: 2024-01-00\n"),
			"t.yml:4:14: ");
	assert_contains(load_fails("provider: acme\nmodels:\n  - id: m\n    retires: 20240101xx\n"),
			"t.yml:4:14: ");
}

static void test_model_date_with_signs_is_refused(void **state)
{
	/* sscanf's %d takes "+1" and " 1": ten characters with '-' in the
	 * right places are not enough. */
	(void)state;
	assert_contains(load_fails("provider: acme\nmodels:\n  - id: m\n    retires: 2024-+1-+1\n"),
			"t.yml:4:14: ");
	assert_contains(load_fails("provider: acme\nmodels:\n  - id: m\n    retires: '+024-01-01'\n"),
			"t.yml:4:14: ");
}

static void test_model_impossible_day_is_refused(void **state)
{
	(void)state;
	assert_contains(load_fails("provider: acme\nmodels:\n  - id: m\n    retires: 2025-02-30\n"),
			"t.yml:4:14: ");
}

static void test_model_without_id(void **state)
{
	(void)state;
	assert_string_equal(load_fails("provider: acme\nmodels:\n  - retires: 2024-01-01\n"),
			    "t.yml:3:5: model entry has no 'id'");
}

static void test_model_unknown_key(void **state)
{
	(void)state;
	assert_contains(load_fails("provider: acme\nmodels:\n  - id: m\n    retired: 2024-01-01\n"),
			"t.yml:4:5: unknown key 'retired' in a model");
}

static void test_model_duplicate_entry(void **state)
{
	(void)state;
	assert_contains(load_fails("provider: acme\nmodels:\n  - id: m\n  - id: m\n"),
			"t.yml:4:5: duplicate model entry 'm'");
}

static void test_model_replacement_must_be_scalar(void **state)
{
	(void)state;
	assert_contains(load_fails("provider: acme\nmodels:\n  - id: m\n    retires: 2024-01-01\n"
				   "    replacement: [a]\n"),
			"t.yml:5:18: replacement must be a scalar");
}

/* ---- disable, compile, names ---- */

static void test_disable_before_compile_skips_rule(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	pc_matcher *m;
	(void)state;
	add_ok(rs, "t.yml", HEAD RULE("a", "gpt-4o") RULE("b", "zz-top"), PC_ORIGIN_BUILTIN);
	assert_int_equal(pc_ruleset_disable(rs, "a", "here"), 0);
	assert_true(rs->rules[0].disabled);
	compile_ok(rs);
	assert_null(rs->rules[0].re);
	m = matcher(rs);
	assert_string_equal(refs(m, "gpt-4o zz-top"), "b@7-13");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_disable_after_compile_skips_rule(void **state)
{
	assert_int_equal(pc_ruleset_disable(RS(state), "gpt", "x.yml:1:1"), 0);
	assert_string_equal(refs(M(state), "gpt-4o"), "");
}

static void test_disable_unknown_id_is_usage_error(void **state)
{
	assert_int_equal(pc_ruleset_disable(RS(state), "nope", "x.yml:3:4"), PC_EUSAGE);
	assert_string_equal(pc_error_last(), "x.yml:3:4: unknown rule id 'nope' in disable");
}

static void test_disabled_rule_with_bad_regex_is_not_compiled(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	(void)state;
	add_ok(rs, "t.yml", HEAD RULE("bad", "gpt-(4o") RULE("good", "x1"), PC_ORIGIN_BUILTIN);
	assert_int_equal(pc_ruleset_disable(rs, "bad", "cfg"), 0);
	compile_ok(rs);
	pc_ruleset_free(rs);
}

static void test_compile_twice_is_harmless(void **state)
{
	pc_ruleset *rs = compiled(HEAD RULE("a", "gpt-4o"));
	pc_matcher *m;
	(void)state;
	compile_ok(rs);
	m = matcher(rs);
	assert_string_equal(refs(m, "gpt-4o"), "a@0-6");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
}

static void test_empty_rule_set_matches_nothing(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	pc_matcher *m;
	(void)state;
	compile_ok(rs);
	m = matcher(rs);
	assert_string_equal(refs(m, "gpt-4o"), "");
	pc_matcher_free(m);
	pc_ruleset_free(rs);
	pc_ruleset_free(NULL);
	pc_matcher_free(NULL);
}

static void test_builtin_rules_load_and_compile(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	size_t i;
	(void)state;
	assert_int_equal(pc_ruleset_add_builtin(rs), 0);
	compile_ok(rs);
	assert_true(rs->nrules > 0);
	assert_true(rs->nproviders > 0);
	for (i = 0; i < rs->nrules; i++) {
		void *re = NULL;
		assert_int_equal(rs->rules[i].origin, PC_ORIGIN_BUILTIN);
		assert_int_equal(strncmp(rs->rules[i].where, "rules/", 6), 0);
		/* compiled when first needed, and every one compiles */
		assert_true(rs->rules[i].lazy);
		assert_null(rs->rules[i].re);
		if (pc_rule_code(rs, &rs->rules[i], &re) < 0)
			fail_msg("%s", pc_error_last());
		assert_non_null(re);
		assert_ptr_equal(rs->rules[i].re, re);
	}
	pc_ruleset_free(rs);
}

static void test_class_names(void **state)
{
	(void)state;
	assert_string_equal(pc_class_name(PC_CLASS_ALIAS), "alias");
	assert_string_equal(pc_class_name(PC_CLASS_PINNED), "pinned");
	assert_string_equal(pc_class_name(PC_CLASS_NO_SNAPSHOT), "no-snapshot");
}

static void test_class_values_are_loaded(void **state)
{
	pc_ruleset *rs = compiled(HEAD "  - id: p\n    class: pinned\n    pattern: x1\n"
				  "  - id: n\n    class: no-snapshot\n    pattern: x2\n");
	(void)state;
	assert_int_equal(rs->rules[0].cls, PC_CLASS_PINNED);
	assert_int_equal(rs->rules[1].cls, PC_CLASS_NO_SNAPSHOT);
	pc_ruleset_free(rs);
}

static void test_severity_names_round_trip(void **state)
{
	static const pc_severity all[] = { PC_SEV_OFF, PC_SEV_NOTE, PC_SEV_WARNING, PC_SEV_ERROR };
	size_t i;
	(void)state;
	for (i = 0; i < 4; i++) {
		pc_severity s = PC_SEV_DEFAULT;
		assert_int_equal(pc_severity_parse(&s, pc_severity_name(all[i])), 0);
		assert_int_equal(s, all[i]);
	}
	assert_string_equal(pc_severity_name(PC_SEV_DEFAULT), "default");
	assert_string_equal(pc_severity_name(PC_SEV_WARNING), "warning");
}

static void test_severity_parse_rejects_unknown(void **state)
{
	pc_severity s = PC_SEV_NOTE;
	(void)state;
	assert_true(pc_severity_parse(&s, "default") < 0);
	assert_true(pc_severity_parse(&s, "Error") < 0);
	assert_true(pc_severity_parse(&s, "") < 0);
	assert_int_equal(s, PC_SEV_NOTE);
}

#define WITH(t, setup) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		WITH(test_id_at_end_of_sentence_matches, setup_gpt),
		WITH(test_id_followed_by_extension_does_not_match, setup_gpt),
		WITH(test_id_followed_by_at_sign_does_not_match, setup_gpt),
		WITH(test_id_after_slash_matches, setup_gpt),
		WITH(test_id_inside_longer_id_does_not_match, setup_gpt),
		WITH(test_id_between_punctuation_matches, setup_gpt),
		WITH(test_every_occurrence_in_a_line_is_found, setup_gpt),
		WITH(test_empty_line_has_no_refs, setup_gpt),
		WITH(test_line_with_nul_bytes_matches, setup_gpt),
		WITH(test_line_with_invalid_utf8_matches, setup_gpt),
		WITH(test_line_length_is_respected, setup_gpt),
		cmocka_unit_test(test_longest_match_wins_across_rules),
		cmocka_unit_test(test_longest_match_wins_when_shorter_starts_first),
		cmocka_unit_test(test_equal_span_config_rule_beats_builtin),
		cmocka_unit_test(test_equal_span_config_rule_wins_whatever_the_load_order),
		cmocka_unit_test(test_equal_span_file_rule_beats_builtin),
		cmocka_unit_test(test_equal_span_same_origin_earlier_rule_wins),
		cmocka_unit_test(test_longer_builtin_beats_shorter_config_rule),
		WITH(test_context_key_accepts_model_keys_and_flags, setup_command),
		WITH(test_context_key_refuses_mere_quotes_and_slashes, setup_command),
		cmocka_unit_test(test_id_group_is_the_reported_span),
		cmocka_unit_test(test_multiline_rules_run_on_files_not_lines),
		cmocka_unit_test(test_multiline_must_be_boolean),
		cmocka_unit_test(test_unknown_context_is_refused),
		WITH(test_context_value_quoted_both_sides, setup_o1),
		WITH(test_context_value_after_slash, setup_o1),
		WITH(test_context_value_model_keys, setup_o1),
		WITH(test_context_value_model_flag, setup_o1),
		WITH(test_context_value_rejects_ordinary_code, setup_o1),
		cmocka_unit_test(test_context_any_is_accepted),
		cmocka_unit_test(test_rule_without_its_keyword_never_matches),
		cmocka_unit_test(test_keywords_may_be_a_single_scalar),
		cmocka_unit_test(test_derived_literal_prefix_prefilters_alternation_in_group),
		cmocka_unit_test(test_top_level_alternation_runs_on_every_line),
		cmocka_unit_test(test_prefix_drops_char_made_optional),
		cmocka_unit_test(test_escaped_literal_chars_join_the_prefix),
		cmocka_unit_test(test_leading_class_or_caseless_flag_is_not_prefiltered),
		cmocka_unit_test(test_alternation_after_class_starting_with_bracket),
		cmocka_unit_test(test_alternation_after_quoted_paren),
		cmocka_unit_test(test_pattern_matching_empty_yields_no_refs),
		cmocka_unit_test(test_keywords_report_every_occurrence_and_its_start),
		cmocka_unit_test(test_keywords_callback_error_stops_the_scan),
		cmocka_unit_test(test_keywords_overlapping_words_both_hit),
		cmocka_unit_test(test_keywords_suffix_of_another_word_hits),
		cmocka_unit_test(test_keywords_prefix_of_another_word_hits_alone),
		cmocka_unit_test(test_keywords_failure_links_restart_mid_word),
		cmocka_unit_test(test_keywords_one_word_many_rules_and_many_words_one_rule),
		cmocka_unit_test(test_keywords_high_bytes_and_nul),
		cmocka_unit_test(test_keywords_many_rules),
		cmocka_unit_test(test_keywords_empty_automaton_and_text),
		cmocka_unit_test(test_many_prefiltered_rules_each_find_their_id),
		cmocka_unit_test(test_duplicate_id_in_one_file_names_both_places),
		cmocka_unit_test(test_duplicate_id_across_files_of_one_origin),
		cmocka_unit_test(test_config_rule_overrides_builtin_with_same_id),
		cmocka_unit_test(test_two_config_rules_with_a_builtins_id_are_duplicates),
		WITH(test_find_returns_null_for_unknown_id, setup_gpt),
		cmocka_unit_test(test_bad_regex_names_file_position_and_rule),
		cmocka_unit_test(test_bad_regex_offset_lies_within_the_pattern),
		cmocka_unit_test(test_unbalanced_close_paren_is_a_bad_regex),
		cmocka_unit_test(test_unmatched_close_paren_is_a_bad_regex),
		cmocka_unit_test(test_no_jit_verb_is_refused),
		cmocka_unit_test(test_no_jit_is_the_callers_choice),
		cmocka_unit_test(test_pattern_nesting_limit),
		cmocka_unit_test(test_pattern_longer_than_limit),
		cmocka_unit_test(test_unknown_rule_key),
		cmocka_unit_test(test_pattern_of_wrong_type),
		cmocka_unit_test(test_unknown_class),
		cmocka_unit_test(test_mask_class_needs_multiline),
		cmocka_unit_test(test_unknown_severity),
		cmocka_unit_test(test_severity_is_loaded),
		cmocka_unit_test(test_empty_pattern),
		cmocka_unit_test(test_missing_id),
		cmocka_unit_test(test_bad_id_characters),
		cmocka_unit_test(test_missing_class),
		cmocka_unit_test(test_missing_pattern),
		cmocka_unit_test(test_missing_provider_in_rule_file),
		cmocka_unit_test(test_bad_provider_name_in_rule_file),
		cmocka_unit_test(test_rule_provider_overrides_file_provider),
		cmocka_unit_test(test_bad_provider_name_in_rule),
		cmocka_unit_test(test_missing_provider_for_a_config_rule),
		cmocka_unit_test(test_rule_that_is_not_a_mapping),
		cmocka_unit_test(test_unknown_context),
		cmocka_unit_test(test_empty_keyword),
		cmocka_unit_test(test_keywords_of_wrong_type),
		cmocka_unit_test(test_message_of_wrong_type),
		cmocka_unit_test(test_message_and_tests_are_loaded),
		cmocka_unit_test(test_advice_is_loaded),
		cmocka_unit_test(test_advice_must_be_a_string),
		cmocka_unit_test(test_advice_only_where_a_finding_uses_it),
		cmocka_unit_test(test_unknown_tests_key),
		cmocka_unit_test(test_tests_match_of_wrong_type),
		cmocka_unit_test(test_unknown_top_level_key),
		cmocka_unit_test(test_rule_file_that_is_not_a_mapping),
		cmocka_unit_test(test_empty_rule_file),
		cmocka_unit_test(test_rules_not_a_list),
		cmocka_unit_test(test_models_not_a_list),
		cmocka_unit_test(test_bad_catalog_date),
		cmocka_unit_test(test_yaml_error_in_rule_file),
		cmocka_unit_test(test_providers_are_recorded),
		cmocka_unit_test(test_catastrophic_pattern_hits_match_limit_quickly),
		cmocka_unit_test(test_suggest_scalar_applies_to_every_match),
		cmocka_unit_test(test_suggest_map_by_matched_text),
		cmocka_unit_test(test_suggest_map_falls_back_to_last_path_segment),
		WITH(test_no_suggest_gives_null, setup_gpt),
		cmocka_unit_test(test_suggest_list_is_refused),
		cmocka_unit_test(test_suggest_map_target_must_be_scalar),
		cmocka_unit_test(test_model_lifecycle_lookup),
		cmocka_unit_test(test_model_bad_month_is_refused),
		cmocka_unit_test(test_model_words_are_not_a_date),
		cmocka_unit_test(test_model_short_date_is_refused),
		cmocka_unit_test(test_model_date_with_signs_is_refused),
		cmocka_unit_test(test_model_impossible_day_is_refused),
		cmocka_unit_test(test_model_without_id),
		cmocka_unit_test(test_model_unknown_key),
		cmocka_unit_test(test_model_duplicate_entry),
		cmocka_unit_test(test_model_replacement_must_be_scalar),
		cmocka_unit_test(test_disable_before_compile_skips_rule),
		WITH(test_disable_after_compile_skips_rule, setup_gpt),
		WITH(test_disable_unknown_id_is_usage_error, setup_gpt),
		cmocka_unit_test(test_disabled_rule_with_bad_regex_is_not_compiled),
		cmocka_unit_test(test_compile_twice_is_harmless),
		cmocka_unit_test(test_empty_rule_set_matches_nothing),
		cmocka_unit_test(test_builtin_rules_load_and_compile),
		cmocka_unit_test(test_class_names),
		cmocka_unit_test(test_class_values_are_loaded),
		cmocka_unit_test(test_severity_names_round_trip),
		cmocka_unit_test(test_severity_parse_rejects_unknown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
