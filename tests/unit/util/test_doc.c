/*
 * test_doc.c: YAML/JSON documents (doc.c): the node tree with 1-based
 * positions, the limits that make hostile input fail fast, and the schema
 * helpers every loader uses.
 *
 * Every document is parsed from a heap copy of exactly its length, so
 * AddressSanitizer and valgrind catch any read past the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "pincheck/common.h"
#include "pincheck/doc.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parse text[0..len) from an exactly-sized heap copy. */
static int parse_n(pc_doc **out, const char *text, size_t len)
{
	char *buf = malloc(len ? len : 1);
	int err;
	assert_non_null(buf);
	if (len)
		memcpy(buf, text, len);
	pc_error_clear();
	err = pc_doc_parse(out, "t.yml", buf, len);
	free(buf);
	return err;
}

static pc_doc *parse_ok(const char *text)
{
	pc_doc *doc = NULL;
	int err = parse_n(&doc, text, strlen(text));
	if (err < 0)
		fail_msg("unexpected parse error: %s", pc_error_last());
	assert_non_null(doc);
	return doc;
}

/* Parse must fail with PC_EUSAGE; the message must start with `prefix`. */
static void parse_fails_n(const char *text, size_t len, const char *prefix)
{
	pc_doc *doc = (pc_doc *)1;
	int err = parse_n(&doc, text, len);
	assert_int_equal(err, PC_EUSAGE);
	assert_null(doc);
	if (strncmp(pc_error_last(), prefix, strlen(prefix)))
		fail_msg("message '%s' does not start with '%s'", pc_error_last(), prefix);
}

#define PARSE_FAILS(text, prefix) parse_fails_n(text, sizeof(text) - 1, prefix)

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fail_msg("'%s' does not contain '%s'", haystack, needle);
}

/* ---- the node tree ---- */

static void test_scalar_root_has_value_and_position(void **state)
{
	pc_doc *doc = parse_ok("hello\n");
	(void)state;
	assert_string_equal(doc->name, "t.yml");
	assert_int_equal(doc->root->type, PC_NODE_SCALAR);
	assert_string_equal(doc->root->value, "hello");
	assert_int_equal(doc->root->len, 5);
	assert_int_equal(doc->root->line, 1);
	assert_int_equal(doc->root->col, 1);
	assert_true(doc->root->plain);
	pc_doc_free(doc);
}

static void test_quoted_scalar_is_not_plain(void **state)
{
	pc_doc *doc = parse_ok("'true'\n");
	(void)state;
	assert_false(doc->root->plain);
	assert_string_equal(doc->root->value, "true");
	pc_doc_free(doc);
}

static void test_scalar_length_counts_escaped_nul(void **state)
{
	pc_doc *doc = parse_ok("\"a\\0b\"\n");
	(void)state;
	assert_int_equal(doc->root->len, 3);
	assert_int_equal(doc->root->value[1], '\0');
	assert_int_equal(doc->root->value[2], 'b');
	pc_doc_free(doc);
}

static void test_block_list_items_have_positions(void **state)
{
	pc_doc *doc = parse_ok("- a\n- bb\n-   c\n");
	(void)state;
	assert_int_equal(doc->root->type, PC_NODE_SEQ);
	assert_int_equal(doc->root->n, 3);
	assert_int_equal(doc->root->line, 1);
	assert_int_equal(doc->root->col, 1);
	assert_string_equal(doc->root->items[1]->value, "bb");
	assert_int_equal(doc->root->items[1]->line, 2);
	assert_int_equal(doc->root->items[1]->col, 3);
	assert_int_equal(doc->root->items[2]->line, 3);
	assert_int_equal(doc->root->items[2]->col, 5);
	pc_doc_free(doc);
}

static void test_map_keys_and_values_have_positions(void **state)
{
	pc_doc *doc = parse_ok("a: 1\nb:\n  c: xyz\n");
	const pc_node *b, *c;
	(void)state;
	assert_int_equal(doc->root->type, PC_NODE_MAP);
	assert_int_equal(pc_map_size(doc->root), 2);
	assert_string_equal(pc_map_key(doc->root, 0)->value, "a");
	assert_string_equal(pc_map_value(doc->root, 0)->value, "1");
	assert_int_equal(pc_map_value(doc->root, 0)->col, 4);
	b = pc_map_get(doc->root, "b");
	assert_non_null(b);
	assert_int_equal(b->type, PC_NODE_MAP);
	assert_int_equal(pc_map_key(b, 0)->line, 3);
	assert_int_equal(pc_map_key(b, 0)->col, 3);
	c = pc_map_get(b, "c");
	assert_non_null(c);
	assert_string_equal(c->value, "xyz");
	assert_int_equal(c->line, 3);
	assert_int_equal(c->col, 6);
	pc_doc_free(doc);
}

static void test_flow_collections_parse(void **state)
{
	pc_doc *doc = parse_ok("{a: [1, 2], b: {c: d}}");
	const pc_node *a;
	(void)state;
	a = pc_map_get(doc->root, "a");
	assert_int_equal(a->type, PC_NODE_SEQ);
	assert_int_equal(a->n, 2);
	assert_int_equal(a->items[1]->col, 9);
	assert_string_equal(pc_map_get(pc_map_get(doc->root, "b"), "c")->value, "d");
	pc_doc_free(doc);
}

static void test_positions_count_bytes_not_characters(void **state)
{
	/* "é" is two bytes: x is at byte column 8 (character column 7). SPEC
	 * section 3 counts columns in bytes, and so do this file's reader
	 * errors (test_invalid_utf8_column_counts_bytes). */
	pc_doc *doc = parse_ok("[\"\xc3\xa9\", x]\n");
	int col = doc->root->items[1]->col;
	(void)state;
	assert_string_equal(doc->root->items[0]->value, "\xc3\xa9");
	pc_doc_free(doc);
	assert_int_equal(col, 8);
}

static void test_crlf_line_endings_keep_positions(void **state)
{
	pc_doc *doc = parse_ok("a: 1\r\nb: [x,\r\n  y]\r\n");
	const pc_node *b;
	(void)state;
	b = pc_map_get(doc->root, "b");
	assert_int_equal(b->items[1]->line, 3);
	assert_int_equal(b->items[1]->col, 3);
	assert_string_equal(b->items[1]->value, "y");
	pc_doc_free(doc);
}

static void test_empty_input_has_null_root(void **state)
{
	pc_doc *doc = NULL;
	(void)state;
	assert_int_equal(parse_n(&doc, "", 0), 0);
	assert_non_null(doc);
	assert_null(doc->root);
	pc_doc_free(doc);
}

static void test_comment_only_document_has_null_root(void **state)
{
	pc_doc *doc = parse_ok("# nothing here\n\n   # still nothing\n");
	(void)state;
	assert_null(doc->root);
	pc_doc_free(doc);
}

static void test_explicit_document_markers_are_one_document(void **state)
{
	pc_doc *doc = parse_ok("---\na: 1\n...\n");
	(void)state;
	assert_string_equal(pc_map_get(doc->root, "a")->value, "1");
	pc_doc_free(doc);
}

static void test_json_input_parses(void **state)
{
	pc_doc *doc = parse_ok("{\"model\": \"claude-opus-4-6\", \"score\": 0.93,\n"
			       " \"tags\": [\"a\", \"b\"], \"ok\": true, \"none\": null}\n");
	const pc_node *tags;
	(void)state;
	assert_string_equal(pc_map_get(doc->root, "model")->value, "claude-opus-4-6");
	assert_false(pc_map_get(doc->root, "model")->plain);
	assert_string_equal(pc_map_get(doc->root, "score")->value, "0.93");
	tags = pc_map_get(doc->root, "tags");
	assert_int_equal(tags->type, PC_NODE_SEQ);
	assert_int_equal(tags->n, 2);
	assert_int_equal(tags->line, 2);
	assert_int_equal(tags->col, 10);
	assert_string_equal(pc_map_get(doc->root, "ok")->value, "true");
	assert_true(pc_map_get(doc->root, "ok")->plain);
	pc_doc_free(doc);
}

static void test_utf8_bom_is_accepted(void **state)
{
	pc_doc *doc = parse_ok("\xef\xbb\xbf" "a: 1\n");
	(void)state;
	assert_string_equal(pc_map_get(doc->root, "a")->value, "1");
	pc_doc_free(doc);
}

static void test_free_null_is_harmless(void **state)
{
	(void)state;
	pc_doc_free(NULL);
}

/* ---- parse errors: NAME:LINE:COL: ---- */

static void test_broken_flow_sequence_names_line_and_col(void **state)
{
	(void)state;
	PARSE_FAILS("a: [1, 2\n", "t.yml:2:1: ");
	assert_contains(pc_error_last(), "line 1");
}

static void test_unterminated_quote_is_an_error(void **state)
{
	(void)state;
	PARSE_FAILS("key: 'unterminated\n", "t.yml:2:1: ");
	assert_contains(pc_error_last(), "quoted scalar");
}

static void test_missing_space_after_colon_hint(void **state)
{
	(void)state;
	PARSE_FAILS("a: b: c\n", "t.yml:1:5: ");
	assert_contains(pc_error_last(), "mapping values are not allowed");
}

static void test_bad_indentation_is_an_error(void **state)
{
	(void)state;
	PARSE_FAILS("a:\n  - b\n - c\n", "t.yml:3:2: ");
}

static void test_tab_indentation_is_an_error(void **state)
{
	(void)state;
	PARSE_FAILS("a:\n\tb: 1\n", "t.yml:2:1: ");
	assert_contains(pc_error_last(), "cannot start any token");
}

static void test_invalid_utf8_position_from_byte_offset(void **state)
{
	(void)state;
	PARSE_FAILS("a: 1\nb: x\xff\n", "t.yml:2:5: ");
	assert_contains(pc_error_last(), "0xff");
	assert_contains(pc_error_last(), "UTF-8");
}

static void test_invalid_utf8_first_byte_is_1_1(void **state)
{
	(void)state;
	PARSE_FAILS("\xfe", "t.yml:1:1: ");
}

static void test_invalid_utf8_column_counts_bytes(void **state)
{
	(void)state;
	/* "a: " is 3 bytes, "é" 2 more: the bad byte is byte 6. */
	PARSE_FAILS("a: \xc3\xa9\xff\n", "t.yml:1:6: ");
}

static void test_truncated_utf8_sequence_is_an_error(void **state)
{
	(void)state;
	PARSE_FAILS("a: 1\nb: \xe2\x82", "t.yml:2:4: ");
}

static void test_invalid_utf8_far_into_file_has_right_line(void **state)
{
	/* Beyond libyaml's first input chunk: the offset must still map. */
	size_t lines = 20000, i, k = 0;
	char *buf = malloc(lines * 5 + 5);
	(void)state;
	assert_non_null(buf);
	for (i = 0; i < lines; i++, k += 5)
		memcpy(buf + k, "- ab\n", 5);
	memcpy(buf + k, "- a\xff\n", 5);
	k += 5;
	parse_fails_n(buf, k, "t.yml:20001:4: ");
	free(buf);
}

static void test_invalid_utf8_after_crlf(void **state)
{
	(void)state;
	PARSE_FAILS("a: 1\r\nb: \xff\r\n", "t.yml:2:4: ");
}

static void test_control_character_is_an_error(void **state)
{
	(void)state;
	PARSE_FAILS("a: \x01\n", "t.yml:1:4: ");
	assert_contains(pc_error_last(), "0x01");
}

static void test_nul_byte_is_an_error_at_its_position(void **state)
{
	(void)state;
	PARSE_FAILS("a: 1\nb: \0\n", "t.yml:2:4: ");
	assert_contains(pc_error_last(), "NUL");
}

static void test_nul_byte_first_is_1_1(void **state)
{
	(void)state;
	PARSE_FAILS("\0a: 1\n", "t.yml:1:1: ");
}

static void test_duplicate_key_names_both_lines(void **state)
{
	(void)state;
	PARSE_FAILS("a: 1\nb: 2\na: 3\n", "t.yml:3:1: ");
	assert_contains(pc_error_last(), "duplicate key 'a'");
	assert_contains(pc_error_last(), "first at line 1");
}

static void test_duplicate_key_in_nested_map(void **state)
{
	(void)state;
	PARSE_FAILS("top:\n  x: 1\n  x: 2\n", "t.yml:3:3: ");
}

static void test_duplicate_key_in_json(void **state)
{
	(void)state;
	PARSE_FAILS("{\"a\": 1, \"a\": 2}", "t.yml:1:10: ");
}

static void test_same_key_in_different_maps_is_fine(void **state)
{
	pc_doc *doc = parse_ok("- a: 1\n- a: 2\n");
	(void)state;
	assert_int_equal(doc->root->n, 2);
	pc_doc_free(doc);
}

static void test_keys_with_escaped_nul_are_refused(void **state)
{
	/* "a\0b" and "a\0c" must not both be taken as the key "a": keys with
	 * a NUL are refused outright (no pincheck key needs one). */
	pc_doc *doc = NULL;
	int err;
	(void)state;
	err = parse_n(&doc, "\"a\\0b\": 1\n\"a\\0c\": 2\n", 20);
	assert_int_equal(err, PC_EUSAGE);
	assert_null(doc);
	assert_contains(pc_error_last(), "t.yml:1:1: ");
	assert_contains(pc_error_last(), "NUL");
}

static void test_scalar_anchor_is_refused(void **state)
{
	(void)state;
	PARSE_FAILS("a: &x 1\nb: *x\n", "t.yml:1:4: ");
	assert_contains(pc_error_last(), "anchors");
}

static void test_sequence_anchor_is_refused(void **state)
{
	(void)state;
	PARSE_FAILS("a: &x [1]\n", "t.yml:1:4: ");
	assert_contains(pc_error_last(), "anchors");
}

static void test_mapping_anchor_is_refused(void **state)
{
	(void)state;
	PARSE_FAILS("a: &x {b: 1}\n", "t.yml:1:4: ");
	assert_contains(pc_error_last(), "anchors");
}

static void test_alias_is_refused(void **state)
{
	(void)state;
	PARSE_FAILS("a: 1\nb: *x\n", "t.yml:2:4: ");
	assert_contains(pc_error_last(), "aliases");
}

static void test_billion_laughs_fails_fast(void **state)
{
	static const char lol[] =
		"a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
		"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
		"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
		"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
		"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
		"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
		"i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
	double t0 = now();
	(void)state;
	PARSE_FAILS(lol, "t.yml:1:4: ");
	assert_true(now() - t0 < 2.0);
}

static void test_nesting_at_max_depth_is_accepted(void **state)
{
	char buf[2 * PC_DOC_MAX_DEPTH];
	pc_doc *doc = NULL;
	(void)state;
	memset(buf, '[', PC_DOC_MAX_DEPTH);
	memset(buf + PC_DOC_MAX_DEPTH, ']', PC_DOC_MAX_DEPTH);
	assert_int_equal(parse_n(&doc, buf, sizeof(buf)), 0);
	pc_doc_free(doc);
}

static void test_nesting_one_past_max_depth_is_refused(void **state)
{
	char buf[2 * PC_DOC_MAX_DEPTH + 2];
	(void)state;
	memset(buf, '[', PC_DOC_MAX_DEPTH + 1);
	memset(buf + PC_DOC_MAX_DEPTH + 1, ']', PC_DOC_MAX_DEPTH + 1);
	parse_fails_n(buf, sizeof(buf), "t.yml:1:65: ");
	assert_contains(pc_error_last(), "nested deeper than 64");
}

static void test_100000_open_brackets_fail_quickly(void **state)
{
	size_t n = 100000;
	char *buf = malloc(n);
	double t0;
	(void)state;
	assert_non_null(buf);
	memset(buf, '[', n);
	t0 = now();
	parse_fails_n(buf, n, "t.yml:1:65: ");
	assert_true(now() - t0 < 2.0);
	memset(buf, '{', n);
	parse_fails_n(buf, n, "t.yml:1:65: ");
	assert_true(now() - t0 < 4.0);
	free(buf);
}

static void test_deep_block_nesting_fails_quickly(void **state)
{
	size_t n = 100000, i;
	char *buf = malloc(3 * n);
	double t0;
	(void)state;
	assert_non_null(buf);
	for (i = 0; i < n; i++)
		memcpy(buf + 3 * i, "-  ", 3);
	t0 = now();
	parse_fails_n(buf, 3 * n, "t.yml:1:");
	assert_contains(pc_error_last(), "nested deeper");
	assert_true(now() - t0 < 2.0);
	free(buf);
}

static void test_too_many_nodes_is_refused(void **state)
{
	size_t m = PC_DOC_MAX_NODES + 1, i;
	char *buf = malloc(2 * m + 1);
	(void)state;
	assert_non_null(buf);
	buf[0] = '[';
	for (i = 0; i < m; i++) {
		buf[1 + 2 * i] = '0';
		buf[2 + 2 * i] = ',';
	}
	buf[2 * m] = ']';
	parse_fails_n(buf, 2 * m + 1, "t.yml:1:");
	assert_contains(pc_error_last(), "too many nodes");
	free(buf);
}

static void test_second_document_is_refused(void **state)
{
	(void)state;
	PARSE_FAILS("a: 1\n---\nb: 2\n", "t.yml:2:1: ");
	assert_contains(pc_error_last(), "more than one YAML document");
}

static void test_second_empty_document_is_refused(void **state)
{
	(void)state;
	PARSE_FAILS("---\na: 1\n---\n", "t.yml:3:1: ");
}

static void test_sequence_as_key_is_refused(void **state)
{
	(void)state;
	PARSE_FAILS("? [a]\n: 1\n", "t.yml:1:3: ");
	assert_contains(pc_error_last(), "keys must be scalars");
}

static void test_mapping_as_key_is_refused(void **state)
{
	(void)state;
	PARSE_FAILS("{{a: 1}: 2}", "t.yml:1:2: ");
	assert_contains(pc_error_last(), "keys must be scalars");
}

static void test_message_uses_given_name(void **state)
{
	pc_doc *doc = NULL;
	(void)state;
	assert_int_equal(pc_doc_parse(&doc, "dir/.pincheck.yml", "a: [1,\n  2,\n  [", 15),
			 PC_EUSAGE);
	assert_null(doc);
	assert_int_equal(strncmp(pc_error_last(), "dir/.pincheck.yml:", 18), 0);
}

/* ---- lookups ---- */

static void test_map_get_missing_key_is_null(void **state)
{
	pc_doc *doc = parse_ok("a: 1\n");
	(void)state;
	assert_null(pc_map_get(doc->root, "b"));
	assert_null(pc_map_get(doc->root, "1"));
	pc_doc_free(doc);
}

static void test_map_get_on_non_map_is_null(void **state)
{
	pc_doc *doc = parse_ok("[a, b]\n");
	(void)state;
	assert_null(pc_map_get(doc->root, "a"));
	assert_null(pc_map_get(NULL, "a"));
	pc_doc_free(doc);
}

static void test_node_kind_names(void **state)
{
	pc_doc *doc = parse_ok("{s: x, l: [], m: {}}");
	(void)state;
	assert_string_equal(pc_node_kind(pc_map_get(doc->root, "s")), "a scalar");
	assert_string_equal(pc_node_kind(pc_map_get(doc->root, "l")), "a list");
	assert_string_equal(pc_node_kind(pc_map_get(doc->root, "m")), "a mapping");
	assert_string_equal(pc_node_kind(NULL), "nothing");
	pc_doc_free(doc);
}

/* ---- schema helpers ---- */

static void test_doc_error_points_at_node(void **state)
{
	pc_doc *doc = parse_ok("a: 1\nb: two\n");
	(void)state;
	assert_int_equal(pc_doc_error(doc, pc_map_get(doc->root, "b"), "bad %s", "b"), PC_EUSAGE);
	assert_string_equal(pc_error_last(), "t.yml:2:4: bad b");
	pc_doc_free(doc);
}

static void test_doc_error_without_node_points_at_start(void **state)
{
	pc_doc *doc = parse_ok("a: 1\n");
	(void)state;
	assert_int_equal(pc_doc_error(doc, NULL, "missing %d", 7), PC_EUSAGE);
	assert_string_equal(pc_error_last(), "t.yml:1:1: missing 7");
	pc_doc_free(doc);
}

static void test_doc_scalar_returns_value(void **state)
{
	pc_doc *doc = parse_ok("a: 'x y'\n");
	const char *s = NULL;
	(void)state;
	assert_int_equal(pc_doc_scalar(&s, doc, pc_map_get(doc->root, "a"), "a"), 0);
	assert_string_equal(s, "x y");
	pc_doc_free(doc);
}

static void test_doc_scalar_rejects_list(void **state)
{
	pc_doc *doc = parse_ok("a:\n  - x\n");
	const char *s = NULL;
	(void)state;
	assert_int_equal(pc_doc_scalar(&s, doc, pc_map_get(doc->root, "a"), "thing"), PC_EUSAGE);
	assert_string_equal(pc_error_last(), "t.yml:2:3: thing must be a scalar, not a list");
	assert_null(s);
	pc_doc_free(doc);
}

static void test_doc_scalar_rejects_missing_node(void **state)
{
	pc_doc *doc = parse_ok("a: 1\n");
	const char *s = NULL;
	(void)state;
	assert_int_equal(pc_doc_scalar(&s, doc, NULL, "thing"), PC_EUSAGE);
	assert_string_equal(pc_error_last(), "t.yml:1:1: thing must be a scalar, not nothing");
	pc_doc_free(doc);
}

static void test_doc_scalar_rejects_embedded_nul(void **state)
{
	pc_doc *doc = parse_ok("a: \"x\\0y\"\n");
	const char *s = NULL;
	(void)state;
	assert_int_equal(pc_doc_scalar(&s, doc, pc_map_get(doc->root, "a"), "a"), PC_EUSAGE);
	assert_contains(pc_error_last(), "t.yml:1:4: ");
	assert_contains(pc_error_last(), "NUL");
	pc_doc_free(doc);
}

static void test_doc_bool_accepts_true_and_false(void **state)
{
	pc_doc *doc = parse_ok("t: true\nf: false\n");
	bool v = false;
	(void)state;
	assert_int_equal(pc_doc_bool(&v, doc, pc_map_get(doc->root, "t"), "t"), 0);
	assert_true(v);
	assert_int_equal(pc_doc_bool(&v, doc, pc_map_get(doc->root, "f"), "f"), 0);
	assert_false(v);
	pc_doc_free(doc);
}

static void test_doc_bool_rejects_yaml11_booleans(void **state)
{
	static const char *const words[] = { "yes", "no", "on", "off", "y", "1", "0", "True",
					     "FALSE", "tru", "" };
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		char text[64];
		pc_doc *doc;
		bool v = true;
		snprintf(text, sizeof(text), "flag: %s\n", words[i]);
		doc = parse_ok(text);
		assert_int_equal(pc_doc_bool(&v, doc, pc_map_get(doc->root, "flag"), "flag"),
				 PC_EUSAGE);
		assert_contains(pc_error_last(), "flag must be true or false");
		assert_true(v);
		pc_doc_free(doc);
	}
}

static void test_doc_bool_rejects_quoted_true(void **state)
{
	pc_doc *doc = parse_ok("flag: 'true'\n");
	bool v = false;
	(void)state;
	assert_int_equal(pc_doc_bool(&v, doc, pc_map_get(doc->root, "flag"), "flag"), PC_EUSAGE);
	assert_string_equal(pc_error_last(), "t.yml:1:7: flag must be true or false");
	pc_doc_free(doc);
}

static void test_doc_bool_rejects_list_and_missing(void **state)
{
	pc_doc *doc = parse_ok("flag: [true]\n");
	bool v = false;
	(void)state;
	assert_int_equal(pc_doc_bool(&v, doc, pc_map_get(doc->root, "flag"), "flag"), PC_EUSAGE);
	assert_int_equal(pc_doc_bool(&v, doc, NULL, "flag"), PC_EUSAGE);
	assert_string_equal(pc_error_last(), "t.yml:1:1: flag must be true or false");
	pc_doc_free(doc);
}

static void test_doc_strings_scalar_is_one_item_list(void **state)
{
	pc_doc *doc = parse_ok("x: only\n");
	const char **v = NULL;
	size_t n = 99;
	(void)state;
	assert_int_equal(pc_doc_strings(&v, &n, doc, pc_map_get(doc->root, "x"), "x"), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0], "only");
	assert_null(v[1]);
	free(v);
	pc_doc_free(doc);
}

static void test_doc_strings_list_keeps_order(void **state)
{
	pc_doc *doc = parse_ok("x: [b, a, 'c d']\n");
	const char **v = NULL;
	size_t n = 0;
	(void)state;
	assert_int_equal(pc_doc_strings(&v, &n, doc, pc_map_get(doc->root, "x"), "x"), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0], "b");
	assert_string_equal(v[1], "a");
	assert_string_equal(v[2], "c d");
	assert_null(v[3]);
	free(v);
	pc_doc_free(doc);
}

static void test_doc_strings_empty_list(void **state)
{
	pc_doc *doc = parse_ok("x: []\n");
	const char **v = NULL;
	size_t n = 5;
	(void)state;
	assert_int_equal(pc_doc_strings(&v, &n, doc, pc_map_get(doc->root, "x"), "x"), 0);
	assert_int_equal(n, 0);
	assert_non_null(v);
	assert_null(v[0]);
	free(v);
	pc_doc_free(doc);
}

static void test_doc_strings_rejects_nested_list_item(void **state)
{
	pc_doc *doc = parse_ok("x:\n  - a\n  - [b]\n");
	const char **v = (const char **)1;
	size_t n = 5;
	(void)state;
	assert_int_equal(pc_doc_strings(&v, &n, doc, pc_map_get(doc->root, "x"), "x"), PC_EUSAGE);
	assert_string_equal(pc_error_last(), "t.yml:3:5: x must be a scalar, not a list");
	assert_null(v);
	assert_int_equal(n, 0);
	pc_doc_free(doc);
}

static void test_doc_strings_rejects_mapping(void **state)
{
	pc_doc *doc = parse_ok("x: {a: b}\n");
	const char **v = NULL;
	size_t n = 0;
	(void)state;
	assert_int_equal(pc_doc_strings(&v, &n, doc, pc_map_get(doc->root, "x"), "x"), PC_EUSAGE);
	assert_string_equal(pc_error_last(), "t.yml:1:4: x must be a list, not a mapping");
	assert_null(v);
	pc_doc_free(doc);
}

static void test_doc_strings_rejects_scalar_with_nul(void **state)
{
	pc_doc *doc = parse_ok("x: \"a\\0\"\n");
	const char **v = NULL;
	size_t n = 0;
	(void)state;
	assert_int_equal(pc_doc_strings(&v, &n, doc, pc_map_get(doc->root, "x"), "x"), PC_EUSAGE);
	assert_null(v);
	pc_doc_free(doc);
}

static void test_doc_strings_rejects_missing(void **state)
{
	pc_doc *doc = parse_ok("x: 1\n");
	const char **v = NULL;
	size_t n = 0;
	(void)state;
	assert_int_equal(pc_doc_strings(&v, &n, doc, NULL, "things"), PC_EUSAGE);
	assert_string_equal(pc_error_last(), "t.yml:1:1: things must be a list, not nothing");
	pc_doc_free(doc);
}

static void test_check_keys_accepts_known_keys(void **state)
{
	static const char *const keys[] = { "a", "b", NULL };
	pc_doc *doc = parse_ok("b: 1\na: 2\n");
	(void)state;
	assert_int_equal(pc_doc_check_keys(doc, doc->root, "thing", keys), 0);
	pc_doc_free(doc);
}

static void test_check_keys_names_unknown_key_and_choices(void **state)
{
	static const char *const keys[] = { "a", "b", NULL };
	pc_doc *doc = parse_ok("a: 1\n  # comment\nbogus: 2\n");
	(void)state;
	assert_int_equal(pc_doc_check_keys(doc, doc->root, "thing", keys), PC_EUSAGE);
	assert_string_equal(pc_error_last(),
			    "t.yml:3:1: unknown key 'bogus' in thing (expected one of: a, b)");
	pc_doc_free(doc);
}

static void test_check_keys_rejects_non_mapping(void **state)
{
	static const char *const keys[] = { "a", NULL };
	pc_doc *doc = parse_ok("[a]\n");
	(void)state;
	assert_int_equal(pc_doc_check_keys(doc, doc->root, "thing", keys), PC_EUSAGE);
	assert_string_equal(pc_error_last(), "t.yml:1:1: thing must be a mapping, not a list");
	assert_int_equal(pc_doc_check_keys(doc, NULL, "thing", keys), PC_EUSAGE);
	assert_string_equal(pc_error_last(), "t.yml:1:1: thing must be a mapping, not nothing");
	pc_doc_free(doc);
}

static void test_check_keys_on_empty_mapping(void **state)
{
	static const char *const keys[] = { NULL };
	pc_doc *doc = parse_ok("{}\n");
	(void)state;
	assert_int_equal(pc_doc_check_keys(doc, doc->root, "thing", keys), 0);
	pc_doc_free(doc);
}

/* JSON's surrogate-pair escapes (json.dumps' default for an emoji), which
 * libyaml refuses, read as the character; a lone one as U+FFFD; an escaped
 * backslash before `ud83d` is text. YAML documents are left alone. */
static void test_json_surrogate_pairs(void **state)
{
	pc_doc *doc;
	(void)state;
	doc = parse_ok("{\"a\": \"x\\ud83d\\ude00y\", \"b\": \"\\udc00\", \"c\": \"\\\\ud83d\"}");
	assert_string_equal(pc_map_get(doc->root, "a")->value, "x\xf0\x9f\x98\x80y");
	assert_string_equal(pc_map_get(doc->root, "b")->value, "\xef\xbf\xbd");
	assert_string_equal(pc_map_get(doc->root, "c")->value, "\\ud83d");
	pc_doc_free(doc);
	parse_fails_n("a: \"\\ud83d\\ude00\"\n", 17, "t.yml:1:7: found invalid Unicode");
}

/* pc_doc_parse_skipping: the values of the named keys are read past, at
 * any depth, and absent from the tree; the rest is kept. */
static void test_skipping_keys(void **state)
{
	const char *const skip[] = { "samples", NULL };
	const char *text = "{\"a\": 1, \"samples\": [[1, {\"x\": 2}], 3], \"b\": "
			   "{\"samples\": 4, \"c\": 5}}";
	pc_doc *doc;
	(void)state;
	assert_int_equal(pc_doc_parse_skipping(&doc, "t.json", text, strlen(text), skip), 0);
	assert_int_equal(pc_map_size(doc->root), 2);
	assert_null(pc_map_get(doc->root, "samples"));
	assert_int_equal(pc_map_size(pc_map_get(doc->root, "b")), 1);
	assert_string_equal(pc_map_get(pc_map_get(doc->root, "b"), "c")->value, "5");
	pc_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalar_root_has_value_and_position),
		cmocka_unit_test(test_quoted_scalar_is_not_plain),
		cmocka_unit_test(test_scalar_length_counts_escaped_nul),
		cmocka_unit_test(test_block_list_items_have_positions),
		cmocka_unit_test(test_map_keys_and_values_have_positions),
		cmocka_unit_test(test_flow_collections_parse),
		cmocka_unit_test(test_positions_count_bytes_not_characters),
		cmocka_unit_test(test_crlf_line_endings_keep_positions),
		cmocka_unit_test(test_empty_input_has_null_root),
		cmocka_unit_test(test_comment_only_document_has_null_root),
		cmocka_unit_test(test_explicit_document_markers_are_one_document),
		cmocka_unit_test(test_json_input_parses),
		cmocka_unit_test(test_utf8_bom_is_accepted),
		cmocka_unit_test(test_free_null_is_harmless),
		cmocka_unit_test(test_broken_flow_sequence_names_line_and_col),
		cmocka_unit_test(test_unterminated_quote_is_an_error),
		cmocka_unit_test(test_missing_space_after_colon_hint),
		cmocka_unit_test(test_bad_indentation_is_an_error),
		cmocka_unit_test(test_tab_indentation_is_an_error),
		cmocka_unit_test(test_invalid_utf8_position_from_byte_offset),
		cmocka_unit_test(test_invalid_utf8_first_byte_is_1_1),
		cmocka_unit_test(test_invalid_utf8_column_counts_bytes),
		cmocka_unit_test(test_truncated_utf8_sequence_is_an_error),
		cmocka_unit_test(test_invalid_utf8_far_into_file_has_right_line),
		cmocka_unit_test(test_invalid_utf8_after_crlf),
		cmocka_unit_test(test_control_character_is_an_error),
		cmocka_unit_test(test_nul_byte_is_an_error_at_its_position),
		cmocka_unit_test(test_nul_byte_first_is_1_1),
		cmocka_unit_test(test_duplicate_key_names_both_lines),
		cmocka_unit_test(test_duplicate_key_in_nested_map),
		cmocka_unit_test(test_duplicate_key_in_json),
		cmocka_unit_test(test_same_key_in_different_maps_is_fine),
		cmocka_unit_test(test_keys_with_escaped_nul_are_refused),
		cmocka_unit_test(test_scalar_anchor_is_refused),
		cmocka_unit_test(test_sequence_anchor_is_refused),
		cmocka_unit_test(test_mapping_anchor_is_refused),
		cmocka_unit_test(test_alias_is_refused),
		cmocka_unit_test(test_billion_laughs_fails_fast),
		cmocka_unit_test(test_nesting_at_max_depth_is_accepted),
		cmocka_unit_test(test_nesting_one_past_max_depth_is_refused),
		cmocka_unit_test(test_100000_open_brackets_fail_quickly),
		cmocka_unit_test(test_deep_block_nesting_fails_quickly),
		cmocka_unit_test(test_too_many_nodes_is_refused),
		cmocka_unit_test(test_second_document_is_refused),
		cmocka_unit_test(test_second_empty_document_is_refused),
		cmocka_unit_test(test_sequence_as_key_is_refused),
		cmocka_unit_test(test_mapping_as_key_is_refused),
		cmocka_unit_test(test_message_uses_given_name),
		cmocka_unit_test(test_map_get_missing_key_is_null),
		cmocka_unit_test(test_map_get_on_non_map_is_null),
		cmocka_unit_test(test_node_kind_names),
		cmocka_unit_test(test_doc_error_points_at_node),
		cmocka_unit_test(test_doc_error_without_node_points_at_start),
		cmocka_unit_test(test_doc_scalar_returns_value),
		cmocka_unit_test(test_doc_scalar_rejects_list),
		cmocka_unit_test(test_doc_scalar_rejects_missing_node),
		cmocka_unit_test(test_doc_scalar_rejects_embedded_nul),
		cmocka_unit_test(test_doc_bool_accepts_true_and_false),
		cmocka_unit_test(test_doc_bool_rejects_yaml11_booleans),
		cmocka_unit_test(test_doc_bool_rejects_quoted_true),
		cmocka_unit_test(test_doc_bool_rejects_list_and_missing),
		cmocka_unit_test(test_doc_strings_scalar_is_one_item_list),
		cmocka_unit_test(test_doc_strings_list_keeps_order),
		cmocka_unit_test(test_doc_strings_empty_list),
		cmocka_unit_test(test_doc_strings_rejects_nested_list_item),
		cmocka_unit_test(test_doc_strings_rejects_mapping),
		cmocka_unit_test(test_doc_strings_rejects_scalar_with_nul),
		cmocka_unit_test(test_doc_strings_rejects_missing),
		cmocka_unit_test(test_check_keys_accepts_known_keys),
		cmocka_unit_test(test_check_keys_names_unknown_key_and_choices),
		cmocka_unit_test(test_check_keys_rejects_non_mapping),
		cmocka_unit_test(test_check_keys_on_empty_mapping),
		cmocka_unit_test(test_json_surrogate_pairs),
		cmocka_unit_test(test_skipping_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
