/*
 * test_scan.c: one file through the lexer and the matcher (scan.c): line
 * and column of each reference, CRLF, the added-lines filter, prose, inline
 * `pincheck:allow` suppression and the binary test.
 *
 * Files are scanned from heap copies of exactly their length, so
 * AddressSanitizer and valgrind catch any read past the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/match.h"
#include "pincheck/rules.h"
#include "pincheck/scan.h"

static const char rules_text[] =
	"provider: acme\n"
	"rules:\n"
	"  - id: acme-fast-alias\n"
	"    class: alias\n"
	"    pattern: 'acme-fast'\n"
	"  - id: acme-slow-alias\n"
	"    class: alias\n"
	"    pattern: 'acme-slow'\n";

/* What the callback saw, copied out of the scanner's memory. */
typedef struct {
	size_t line, col;
	char rule[64];
	char text[128];
	size_t text_len;
	bool prose, suppressed;
	char path[64];
	size_t start; /* the ref's start in text */
} seen;

typedef struct {
	seen hits[64];
	size_t n;
	int stop_after; /* return -99 after this many hits (0: never) */
	bool decoded;   /* a JSON file or notebook whose escapes are decoded */
} collector;

static int collect(const pc_hit *h, void *payload)
{
	collector *c = payload;
	seen *s;
	assert_true(c->n < 64);
	s = &c->hits[c->n++];
	s->line = h->line;
	s->col = h->col;
	snprintf(s->rule, sizeof(s->rule), "%s", h->ref->rule->id);
	memcpy(s->text, h->text, h->text_len < sizeof(s->text) ? h->text_len : sizeof(s->text) - 1);
	s->text[h->text_len < sizeof(s->text) ? h->text_len : sizeof(s->text) - 1] = '\0';
	s->text_len = h->text_len;
	s->prose = h->prose;
	s->suppressed = h->suppressed;
	snprintf(s->path, sizeof(s->path), "%s", h->path);
	/* the ref's span lies inside the line */
	assert_true(h->ref->start <= h->ref->end);
	assert_true(h->ref->end <= h->text_len);
	s->start = h->ref->start;
	if (!c->decoded) /* else text is the decoded line, col counts raw bytes */
		assert_int_equal(h->col, h->ref->start + 1);
	if (c->stop_after && (int)c->n >= c->stop_after)
		return -99;
	return 0;
}

typedef struct {
	pc_ruleset *rs;
	pc_matcher *m;
} fixture;

static int setup_text(void **state, const char *text)
{
	fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	f->rs = pc_ruleset_new();
	if (pc_ruleset_add_file(f->rs, "t.yml", text, strlen(text), PC_ORIGIN_BUILTIN) < 0 ||
	    pc_ruleset_compile(f->rs) < 0 || pc_matcher_new(&f->m, f->rs) < 0) {
		fprintf(stderr, "setup: %s\n", pc_error_last());
		pc_ruleset_free(f->rs);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return setup_text(state, rules_text);
}

/* A mask over "block { ... }", and a multiline rule reporting "block". */
static int setup_mask(void **state)
{
	return setup_text(state, "provider: acme\n"
				 "rules:\n"
				 "  - id: acme-fast-alias\n"
				 "    class: alias\n"
				 "    pattern: 'acme-fast'\n"
				 "  - id: infra-block\n"
				 "    provider: infra\n"
				 "    class: mask\n"
				 "    multiline: true\n"
				 "    pattern: 'block \\{[^}]*\\}'\n"
				 "  - id: infra-block-alias\n"
				 "    provider: infra\n"
				 "    class: alias\n"
				 "    multiline: true\n"
				 "    pattern: 'block(?= \\{[^}]*floating)'\n"
				 "  - id: infra-option-alias\n"
				 "    provider: infra\n"
				 "    class: alias\n"
				 "    pattern: 'AutoUpdate'\n");
}

/* A multiline rule whose match holds a line rule's id, and one shorter. */
static int setup_cross(void **state)
{
	return setup_text(state, "provider: acme\n"
				 "rules:\n"
				 "  - id: acme-fast-alias\n"
				 "    class: alias\n"
				 "    pattern: 'acme-fast(?:-[a-z]+)?'\n"
				 "  - id: hub-repo-alias\n"
				 "    provider: hub\n"
				 "    class: alias\n"
				 "    multiline: true\n"
				 "    pattern: '(?<=load\\(\\n\\s{4}\")[a-z]+/acme-fast'\n"
				 "  - id: hub-short-alias\n"
				 "    provider: hub\n"
				 "    class: alias\n"
				 "    multiline: true\n"
				 "    pattern: '(?<=pick\\(\\n\\s{4}\")acme'\n");
}

static int teardown(void **state)
{
	fixture *f = *state;
	pc_matcher_free(f->m);
	pc_ruleset_free(f->rs);
	free(f);
	return 0;
}

/* Scan text[0..len) as `path` from an exactly-sized copy. */
static int scan_n(void **state, collector *c, const char *path, const char *text, size_t len,
		  const size_t *lines, size_t nlines, bool want_prose)
{
	fixture *f = *state;
	char *buf = malloc(len ? len : 1);
	int err;
	assert_non_null(buf);
	if (len)
		memcpy(buf, text, len);
	err = pc_scan_buffer(f->m, path, buf, len, lines, nlines, want_prose, collect, c);
	free(buf);
	return err;
}

static int scan(void **state, collector *c, const char *path, const char *text)
{
	return scan_n(state, c, path, text, strlen(text), NULL, 0, false);
}

/* ---- positions ---- */

static void test_reports_line_and_column(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py", "import x\n\ny = 'acme-fast'\n"), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.hits[0].line, 3);
	assert_int_equal(c.hits[0].col, 6);
	assert_string_equal(c.hits[0].rule, "acme-fast-alias");
	assert_string_equal(c.hits[0].text, "y = 'acme-fast'");
	assert_string_equal(c.hits[0].path, "a.py");
	assert_false(c.hits[0].prose);
	assert_false(c.hits[0].suppressed);
}

static void test_reports_every_reference_in_order(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py", "a = ['acme-slow', 'acme-fast']\nb = 'acme-fast'\n"), 0);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.hits[0].line, 1);
	assert_int_equal(c.hits[0].col, 7);
	assert_string_equal(c.hits[0].rule, "acme-slow-alias");
	assert_int_equal(c.hits[1].line, 1);
	assert_int_equal(c.hits[1].col, 20);
	assert_int_equal(c.hits[2].line, 2);
}

static void test_last_line_without_newline(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py", "x = 1\nm = \"acme-fast\""), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.hits[0].line, 2);
	assert_string_equal(c.hits[0].text, "m = \"acme-fast\"");
}

static void test_column_counts_bytes(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py", "\xc3\xa9 = 'acme-fast'\n"), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.hits[0].col, 7);
}

static void test_crlf_lines(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py", "x = 1\r\nm = \"acme-fast\"\r\nz = 'acme-slow'\r\n"), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.hits[0].line, 2);
	assert_int_equal(c.hits[0].col, 6);
	assert_int_equal(c.hits[0].text_len, 15);
	assert_string_equal(c.hits[0].text, "m = \"acme-fast\"");
	assert_null(strchr(c.hits[0].text, '\r'));
	assert_int_equal(c.hits[1].line, 3);
	assert_int_equal(c.hits[1].col, 6);
}

static void test_id_right_before_crlf_is_found(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "c.env", "MODEL=acme-fast\r\n"), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.hits[0].col, 7);
	assert_string_equal(c.hits[0].text, "MODEL=acme-fast");
}

/* The file pass finds keywords once; lines without one are only counted.
 * Far-apart references, two on one line, one in the last bytes of a file
 * without a final newline. */
static void test_references_far_apart_keep_their_lines(void **state)
{
	collector c = { .n = 0 };
	char text[4096];
	size_t used = 0;
	int i;
	for (i = 1; i <= 200; i++) {
		const char *line = i == 3     ? "a = 'acme-fast'\n"
				   : i == 150 ? "b = ['acme-slow', 'acme-fast']\n"
				   : i == 200 ? "acme-slow"
					      : "x = 1\n";
		used += (size_t)snprintf(text + used, sizeof(text) - used, "%s", line);
	}
	assert_int_equal(scan(state, &c, "a.py", text), 0);
	assert_int_equal(c.n, 4);
	assert_int_equal(c.hits[0].line, 3);
	assert_int_equal(c.hits[1].line, 150);
	assert_int_equal(c.hits[1].col, 7);
	assert_string_equal(c.hits[1].rule, "acme-slow-alias");
	assert_int_equal(c.hits[2].line, 150);
	assert_int_equal(c.hits[2].col, 20);
	assert_int_equal(c.hits[3].line, 200);
	assert_int_equal(c.hits[3].col, 1);
	assert_string_equal(c.hits[3].text, "acme-slow");
}

/* Line references of other providers inside a mask's span are dropped;
 * the mask's own provider's references (line or multiline) inside it and
 * every reference outside it are not. */
static void test_mask_drops_line_references_inside_its_span(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.tf",
			      "m = 'acme-fast'\n"
			      "block {\n  name = 'acme-fast'\n}\n"
			      "block {\n  name = 'acme-fast' # floating\n  o = 'AutoUpdate'\n}\n"
			      "n = 'acme-fast'\n"),
			 0);
	assert_int_equal(c.n, 4);
	assert_int_equal(c.hits[0].line, 1);
	assert_string_equal(c.hits[0].rule, "acme-fast-alias");
	assert_int_equal(c.hits[1].line, 5);
	assert_string_equal(c.hits[1].rule, "infra-block-alias");
	assert_int_equal(c.hits[2].line, 7);
	assert_string_equal(c.hits[2].rule, "infra-option-alias");
	assert_int_equal(c.hits[3].line, 9);
	assert_string_equal(c.hits[3].rule, "acme-fast-alias");
}

/* Line and multiline rules compete as one: the longest overlapping match
 * wins, whichever pass found it (one reference for one id, not two). */
static void test_longest_match_wins_across_passes(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py",
			      "m = load(\n    \"org/acme-fast\")\n"
			      "n = pick(\n    \"acme-fast-mini\")\n"),
			 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.hits[0].line, 2);
	assert_string_equal(c.hits[0].rule, "hub-repo-alias");
	assert_int_equal(c.hits[1].line, 4);
	assert_string_equal(c.hits[1].rule, "acme-fast-alias");
}

static void test_empty_buffer_reports_nothing(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan_n(state, &c, "a.py", "", 0, NULL, 0, false), 0);
	assert_int_equal(c.n, 0);
}

static void test_line_with_nul_byte(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan_n(state, &c, "data.txt", "a\0acme-fast\nacme-slow", 21, NULL, 0, false), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.hits[0].line, 1);
	assert_int_equal(c.hits[0].col, 3);
	assert_int_equal(c.hits[1].line, 2);
}

static void test_reference_far_into_a_long_line_is_found(void **state)
{
	/* minified code: the whole line is scanned, however long */
	size_t n = 200000, len;
	char *text = malloc(n + 64);
	collector c = { .n = 0 };
	assert_non_null(text);
	memcpy(text, "acme-slow ", 10);
	memset(text + 10, ' ', n - 10);
	memcpy(text + n, "acme-fast\nnext = 'acme-fast'\n", 29);
	len = n + 29;
	assert_int_equal(scan_n(state, &c, "big.js", text, len, NULL, 0, false), 0);
	free(text);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.hits[0].rule, "acme-slow-alias");
	assert_int_equal(c.hits[1].line, 1);
	assert_int_equal(c.hits[1].col, n + 1);
	assert_int_equal(c.hits[1].text_len, n + 9);
	assert_int_equal(c.hits[2].line, 2);
}

/* ---- added lines ---- */

static const char five_lines[] =
	"a = 'acme-fast'\n"
	"b = 'acme-fast'\n"
	"c = 'acme-fast'\n"
	"d = 'acme-fast'\n"
	"e = 'acme-fast'\n";

static void test_only_listed_lines_are_reported(void **state)
{
	static const size_t lines[] = { 2, 4 };
	collector c = { .n = 0 };
	assert_int_equal(scan_n(state, &c, "a.py", five_lines, sizeof(five_lines) - 1, lines, 2, false), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.hits[0].line, 2);
	assert_string_equal(c.hits[0].text, "b = 'acme-fast'");
	assert_int_equal(c.hits[1].line, 4);
}

static void test_listed_lines_past_the_end_are_ignored(void **state)
{
	static const size_t lines[] = { 5, 6, 100 };
	collector c = { .n = 0 };
	assert_int_equal(scan_n(state, &c, "a.py", five_lines, sizeof(five_lines) - 1, lines, 3, false), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.hits[0].line, 5);
}

static void test_repeated_listed_line_is_reported_once(void **state)
{
	static const size_t lines[] = { 1, 1, 3 };
	collector c = { .n = 0 };
	assert_int_equal(scan_n(state, &c, "a.py", five_lines, sizeof(five_lines) - 1, lines, 3, false), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.hits[0].line, 1);
	assert_int_equal(c.hits[1].line, 3);
}

static void test_empty_line_list_reports_nothing(void **state)
{
	static const size_t lines[] = { 1 };
	collector c = { .n = 0 };
	assert_int_equal(scan_n(state, &c, "a.py", five_lines, sizeof(five_lines) - 1, lines, 0, false), 0);
	assert_int_equal(c.n, 0);
}

static void test_added_line_inside_docstring_is_still_prose(void **state)
{
	/* prose is decided from the whole file, not from the added line */
	static const char text[] = "def f():\n    \"\"\"Calls\n    acme-fast for x.\n    \"\"\"\n";
	static const size_t lines[] = { 3 };
	collector c = { .n = 0 };
	assert_int_equal(scan_n(state, &c, "a.py", text, sizeof(text) - 1, lines, 1, false), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(scan_n(state, &c, "a.py", text, sizeof(text) - 1, lines, 1, true), 0);
	assert_int_equal(c.n, 1);
	assert_true(c.hits[0].prose);
	assert_int_equal(c.hits[0].line, 3);
}

/* ---- prose ---- */

static void test_prose_in_python_comment_is_skipped(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py", "# we moved off acme-fast\nm = 'acme-slow'  # not acme-fast\n"), 0);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.hits[0].rule, "acme-slow-alias");
	assert_int_equal(c.hits[0].line, 2);
}

static void test_prose_is_reported_when_wanted(void **state)
{
	static const char text[] = "# we moved off acme-fast\nm = 'acme-slow'\n";
	collector c = { .n = 0 };
	assert_int_equal(scan_n(state, &c, "a.py", text, sizeof(text) - 1, NULL, 0, true), 0);
	assert_int_equal(c.n, 2);
	assert_true(c.hits[0].prose);
	assert_int_equal(c.hits[0].line, 1);
	assert_int_equal(c.hits[0].col, 16);
	assert_false(c.hits[1].prose);
}

static void test_markdown_paragraph_is_prose_and_fence_is_code(void **state)
{
	static const char text[] = "We use acme-fast.\n\n```python\nm = 'acme-slow'\n```\n";
	collector c = { .n = 0 };
	assert_int_equal(scan_n(state, &c, "README.md", text, sizeof(text) - 1, NULL, 0, false), 0);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.hits[0].rule, "acme-slow-alias");
	assert_int_equal(c.hits[0].line, 4);
}

/* ---- inline suppression ---- */

static void test_allow_suppresses_every_rule_on_the_line(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py",
			      "m = ['acme-fast', 'acme-slow']  # pincheck:allow\nn = 'acme-fast'\n"), 0);
	assert_int_equal(c.n, 3);
	assert_true(c.hits[0].suppressed);
	assert_true(c.hits[1].suppressed);
	assert_false(c.hits[2].suppressed);
}

static void test_allow_with_other_rule_id_does_not_suppress(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py", "m = 'acme-fast'  # pincheck:allow[acme-slow-alias]\n"), 0);
	assert_int_equal(c.n, 1);
	assert_false(c.hits[0].suppressed);
}

static void test_allow_with_this_rule_id_suppresses(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py",
			      "m = ['acme-fast', 'acme-slow']  # pincheck:allow[acme-fast-alias]\n"), 0);
	assert_int_equal(c.n, 2);
	assert_true(c.hits[0].suppressed);
	assert_false(c.hits[1].suppressed);
}

static void test_allow_with_list_of_ids(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py",
			      "m = ['acme-fast', 'acme-slow']  # pincheck:allow[other, acme-slow-alias,acme-fast-alias]\n"), 0);
	assert_int_equal(c.n, 2);
	assert_true(c.hits[0].suppressed);
	assert_true(c.hits[1].suppressed);
}

static void test_allow_needs_the_whole_rule_id(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py",
			      "m = 'acme-fast'  # pincheck:allow[acme-fast] pincheck:allow[acme-fast-alias-x]\n"), 0);
	assert_int_equal(c.n, 1);
	assert_false(c.hits[0].suppressed);
}

static void test_allow_on_another_line_does_not_suppress(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py", "# pincheck:allow\nm = 'acme-fast'\n"), 0);
	assert_int_equal(c.n, 1);
	assert_false(c.hits[0].suppressed);
}

static void test_unterminated_allow_list_is_safe(void **state)
{
	collector c = { .n = 0 };
	/* whatever they decide, a tag cut off at the end of the file is read
	 * within bounds (the scan copies are exactly sized) */
	assert_int_equal(scan(state, &c, "a.py", "m = 'acme-fast'  # pincheck:allow[acme-fast-alias"), 0);
	assert_int_equal(scan(state, &c, "a.py", "m = 'acme-fast'  # pincheck:allow["), 0);
	assert_int_equal(scan(state, &c, "a.py", "m = 'acme-fast'  # pincheck:allow[a, "), 0);
	assert_int_equal(scan(state, &c, "a.py", "m = 'acme-fast'  # pincheck:allo"), 0);
	assert_int_equal(c.n, 4);
}

static void test_allow_in_crlf_file(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py", "m = 'acme-fast'  # pincheck:allow[acme-fast-alias]\r\n"), 0);
	assert_int_equal(c.n, 1);
	assert_true(c.hits[0].suppressed);
}

/* ---- callback and matcher errors ---- */

static void test_negative_callback_result_stops_the_scan(void **state)
{
	collector c = { .n = 0, .stop_after = 2 };
	assert_int_equal(scan(state, &c, "a.py", five_lines), -99);
	assert_int_equal(c.n, 2);
}

static int setup_slow(void **state)
{
	return setup_text(state, "provider: acme\nrules:\n  - id: slow-rule\n    class: alias\n"
				 "    pattern: '(a+)+$'\n");
}

static void test_matcher_failure_names_path_line_and_rule(void **state)
{
	size_t n = 5000;
	char *text = malloc(n + 8);
	collector c = { .n = 0 };
	int err;
	assert_non_null(text);
	memcpy(text, "x\n", 2);
	memset(text + 2, 'a', n);
	memcpy(text + 2 + n, "!\n", 2);
	err = scan_n(state, &c, "src/a.py", text, n + 4, NULL, 0, false);
	free(text);
	assert_int_equal(err, PC_ERUNTIME);
	if (strncmp(pc_error_last(), "src/a.py:2: ", 12) || !strstr(pc_error_last(), "slow-rule") ||
	    strstr(pc_error_last() + 12, "src/a.py:2:"))
		fail_msg("message '%s' should be 'src/a.py:2: ' + the matcher's message naming "
			 "rule 'slow-rule'", pc_error_last());
}

/* ---- binary files ---- */

/* ---- multiline rules ---- */

static int setup_multiline(void **state)
{
	return setup_text(state,
			  "provider: acme\n"
			  "rules:\n"
			  "  - id: acme-call\n"
			  "    class: alias\n"
			  "    multiline: true\n"
			  "    pattern: 'load\\(\\s*\"(?<id>acme-[a-z]+)\"\\s*\\)'\n");
}

static void test_multiline_reference_is_reported_on_its_own_line(void **state)
{
	static const char text[] = "x = 1\nm = load(\n    \"acme-big\"\n)\n";
	static const size_t only2[] = { 2 }, only3[] = { 3 };
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py", text), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.hits[0].line, 3);
	assert_int_equal(c.hits[0].col, 6);
	assert_string_equal(c.hits[0].text, "    \"acme-big\"");
	/* in a change, the id's own line must be an added line */
	c.n = 0;
	assert_int_equal(scan_n(state, &c, "a.py", text, strlen(text), only2, 1, false), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(scan_n(state, &c, "a.py", text, strlen(text), only3, 1, false), 0);
	assert_int_equal(c.n, 1);
}

static void test_multiline_reference_in_a_comment_is_prose(void **state)
{
	collector c = { .n = 0 };
	static const char doc[] = "def f():\n    \"\"\"Call load(\n    \"acme-big\")\"\"\"\n";
	assert_int_equal(scan(state, &c, "a.py", doc), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(scan_n(state, &c, "a.py", doc, strlen(doc), NULL, 0, true), 0);
	assert_int_equal(c.n, 1);
	assert_true(c.hits[0].prose);
}

/* A multiline match may start in a CRLF terminator (fuzz_scan found it):
 * its span is clipped to the line, never ends before it starts. */
static int setup_newline_start(void **state)
{
	return setup_text(state, "provider: acme\n"
				 "rules:\n"
				 "  - id: acme-after-newline\n"
				 "    class: alias\n"
				 "    multiline: true\n"
				 "    pattern: '\\nacme'\n");
}

static void test_multiline_match_from_a_crlf_terminator(void **state)
{
	collector c = { .n = 0 };
	assert_int_equal(scan(state, &c, "a.py", "x = 1\r\nacme\r\n"), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.hits[0].line, 1);
	assert_int_equal(c.hits[0].col, 6); /* just past "x = 1" */
}

static void test_is_binary(void **state)
{
	char *buf = calloc(9000, 1);
	(void)state;
	assert_non_null(buf);
	assert_false(pc_is_binary("", 0));
	assert_false(pc_is_binary("plain text\n", 11));
	assert_true(pc_is_binary("a\0b", 3));
	memset(buf, 'x', 9000);
	buf[7999] = '\0';
	assert_true(pc_is_binary(buf, 9000));
	buf[7999] = 'x';
	buf[8000] = '\0';
	assert_false(pc_is_binary(buf, 9000));
	assert_false(pc_is_binary(buf, 8000));
	free(buf);
}

/* An excerpt is a C string: around a NUL it is the NUL-free part that
 * holds the match, and its column says where the match is in it. */
static void test_excerpt_keeps_to_the_nuls_around_the_match(void **state)
{
	static const char line[] = "ab\0cd = m(\"gpt-4o\")\0tail";
	size_t col;
	char *e;
	(void)state;
	e = pc_source_excerpt(line, sizeof(line) - 1, 11, &col);
	assert_string_equal(e, "cd = m(\"gpt-4o\")");
	assert_int_equal(col, 9);
	assert_memory_equal(e + col - 1, "gpt-4o", 6);
	free(e);
	e = pc_source_excerpt("gpt-4o\0x", 8, 0, &col);
	assert_string_equal(e, "gpt-4o");
	assert_int_equal(col, 1);
	free(e);
	e = pc_source_excerpt("plain gpt-4o", 12, 6, &col);
	assert_string_equal(e, "plain gpt-4o");
	assert_int_equal(col, 7);
	free(e);
}

/* ---- JSON escapes (notebooks and JSON files are read decoded) ---- */

static void test_notebook_id_spelled_with_escapes_is_found(void **state)
{
	static const char nb[] = "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\n"
				 "\"x = 1\\n\",\n"
				 "\"m('acme-fas\\u0074') + \\u0022acme-\\u0073low\\u0022\\n\"]}]}\n";
	collector c = { .n = 0, .decoded = true };
	assert_int_equal(scan(state, &c, "a.ipynb", nb), 0);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.hits[0].rule, "acme-fast-alias");
	assert_int_equal(c.hits[0].line, 3);
	/* the column counts the file's bytes; the text is the decoded line */
	assert_int_equal(c.hits[0].col, strlen("\"m('") + 1);
	assert_memory_equal(c.hits[0].text + c.hits[0].start, "acme-fast')", 11);
	assert_string_equal(c.hits[1].rule, "acme-slow-alias");
	assert_int_equal(c.hits[1].col, strlen("\"m('acme-fas\\u0074') + \\u0022") + 1);
	assert_memory_equal(c.hits[1].text + c.hits[1].start, "acme-slow\\\"", 11);
	assert_false(c.hits[0].prose);
}

static void test_escaped_id_in_a_markdown_cell_stays_prose(void **state)
{
	static const char nb[] = "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": [\"acme-fas\\u0074\"]},"
				 "{\"cell_type\": \"code\", \"source\": [\"x = 1 # acme-\\u0073low\"]}]}";
	collector c = { .n = 0, .decoded = true };
	assert_int_equal(scan(state, &c, "a.ipynb", nb), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(scan_n(state, &c, "a.ipynb", nb, strlen(nb), NULL, 0, true), 0);
	assert_int_equal(c.n, 2);
	assert_true(c.hits[0].prose && c.hits[1].prose);
}

static void test_json_file_is_read_decoded(void **state)
{
	static const char js[] = "{\"a\": \"x\\/y\", \"b\": \"\\\\u0061\", \"model\": \"acme-f\\u0061st\"}";
	collector c = { .n = 0, .decoded = true };
	assert_int_equal(scan(state, &c, "conf.json", js), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.hits[0].col, (size_t)(strstr(js, "acme-f") - js) + 1);
	/* an escaped backslash is not an escape: "\\u0061" stays as it is */
	assert_non_null(strstr(c.hits[0].text, "\"b\": \"\\\\u0061\""));
	/* other languages are not decoded */
	c.n = 0;
	c.decoded = false;
	assert_int_equal(scan(state, &c, "conf.py", js), 0);
	assert_int_equal(c.n, 0);
}

static void test_escapes_at_the_end_of_a_broken_file(void **state)
{
	collector c = { .n = 0, .decoded = true };
	assert_int_equal(scan(state, &c, "a.json", "[\"acme-fast\\u00"), 0);
	assert_int_equal(scan(state, &c, "a.json", "[\"acme-fast\\"), 0);
	assert_int_equal(scan(state, &c, "a.json", "[\"acme-fast\\/"), 0);
	assert_int_equal(scan(state, &c, "a.json", "[\"x\ny\\u0061 acme-fast\\u0020"), 0);
	assert_int_equal(c.n, 4);
	assert_int_equal(c.hits[3].line, 2);
	assert_int_equal(c.hits[3].col, strlen("y\\u0061 ") + 1);
}

#define WITH(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		WITH(test_reports_line_and_column),
		WITH(test_reports_every_reference_in_order),
		WITH(test_last_line_without_newline),
		WITH(test_column_counts_bytes),
		WITH(test_crlf_lines),
		WITH(test_id_right_before_crlf_is_found),
		WITH(test_references_far_apart_keep_their_lines),
		cmocka_unit_test_setup_teardown(test_mask_drops_line_references_inside_its_span,
						setup_mask, teardown),
		cmocka_unit_test_setup_teardown(test_longest_match_wins_across_passes, setup_cross,
						teardown),
		WITH(test_empty_buffer_reports_nothing),
		WITH(test_line_with_nul_byte),
		WITH(test_reference_far_into_a_long_line_is_found),
		WITH(test_only_listed_lines_are_reported),
		WITH(test_listed_lines_past_the_end_are_ignored),
		WITH(test_repeated_listed_line_is_reported_once),
		WITH(test_empty_line_list_reports_nothing),
		WITH(test_added_line_inside_docstring_is_still_prose),
		WITH(test_prose_in_python_comment_is_skipped),
		WITH(test_prose_is_reported_when_wanted),
		WITH(test_markdown_paragraph_is_prose_and_fence_is_code),
		WITH(test_allow_suppresses_every_rule_on_the_line),
		WITH(test_allow_with_other_rule_id_does_not_suppress),
		WITH(test_allow_with_this_rule_id_suppresses),
		WITH(test_allow_with_list_of_ids),
		WITH(test_allow_needs_the_whole_rule_id),
		WITH(test_allow_on_another_line_does_not_suppress),
		WITH(test_unterminated_allow_list_is_safe),
		WITH(test_allow_in_crlf_file),
		WITH(test_negative_callback_result_stops_the_scan),
		cmocka_unit_test_setup_teardown(test_matcher_failure_names_path_line_and_rule, setup_slow,
						teardown),
		cmocka_unit_test(test_is_binary),
		cmocka_unit_test(test_excerpt_keeps_to_the_nuls_around_the_match),
		WITH(test_notebook_id_spelled_with_escapes_is_found),
		WITH(test_escaped_id_in_a_markdown_cell_stays_prose),
		WITH(test_json_file_is_read_decoded),
		WITH(test_escapes_at_the_end_of_a_broken_file),
		cmocka_unit_test_setup_teardown(test_multiline_reference_is_reported_on_its_own_line,
						setup_multiline, teardown),
		cmocka_unit_test_setup_teardown(test_multiline_reference_in_a_comment_is_prose,
						setup_multiline, teardown),
		cmocka_unit_test_setup_teardown(test_multiline_match_from_a_crlf_terminator,
						setup_newline_start, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
