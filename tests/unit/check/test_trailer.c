/*
 * test_trailer.c: pc_trailers_parse (trailer.c) against git 2.39.5.
 *
 * Every expected string below is what `git interpret-trailers --parse` printed
 * for the same message on this machine (with `-c core.commentChar=;` or
 * `--no-divider` where a test says so), unless the test says it documents one
 * of pincheck's own choices. The rows of LIBS.md section 3 come first.
 *
 * Each message is copied into an exactly-sized heap buffer, not
 * NUL-terminated, and freed before the results are read, so ASan and
 * valgrind catch any over-read or any pointer kept into the input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "pincheck/buf.h"
#include "pincheck/trailer.h"

/* `git interpret-trailers --parse` on a file: '#' comments, scissors, divider. */
static const pc_trailer_opts GIT = { '#', false, true, true };
/* The same with --no-divider. */
static const pc_trailer_opts NODIV = { '#', false, true, false };
/* The commit-msg stage when git opened an editor (cleanup=strip). */
static const pc_trailer_opts STRIP = { '#', true, true, true };
/* A stored commit message, like %(trailers). */
static const pc_trailer_opts STORED = PC_TRAILER_OPTS_STORED;

static pc_trailers parse_n(const char *msg, size_t len, const pc_trailer_opts *o)
{
	pc_trailers t = PC_TRAILERS_INIT;
	char *copy = len ? malloc(len) : NULL;
	if (len)
		memcpy(copy, msg, len);
	pc_trailers_parse(&t, copy, len, o);
	free(copy);
	return t;
}

/* String literals keep their embedded NULs: sizeof, not strlen. */
#define PARSE(lit, o) parse_n((lit), sizeof(lit) - 1, (o))

/* The trailers printed as git --parse prints them: "key: value\n" each. */
static char *render(const pc_trailers *t)
{
	pc_buf b = PC_BUF_INIT;
	size_t i;
	for (i = 0; i < t->n; i++)
		pc_buf_printf(&b, "%s: %s\n", t->items[i].key, t->items[i].value);
	return pc_buf_detach(&b);
}

static void check_n(const char *msg, size_t len, const pc_trailer_opts *o, const char *want)
{
	pc_trailers t = parse_n(msg, len, o);
	char *got = render(&t);
	assert_string_equal(got, want);
	free(got);
	pc_trailers_free(&t);
}

#define CHECK(lit, o, want) check_n((lit), sizeof(lit) - 1, (o), (want))

/* ---- LIBS.md section 3 table ---- */

static void test_basic_with_signed_off_by(void **state)
{
	(void)state;
	CHECK("Pin gpt-4o\n\nBody.\n\nEval-Result: evals/r1.json\nSigned-off-by: A <a@b>\n", &GIT,
	      "Eval-Result: evals/r1.json\nSigned-off-by: A <a@b>\n");
}

static void test_continuation_with_space_is_unfolded(void **state)
{
	(void)state;
	CHECK("title\n\nEval-Result: x.yaml\n  continued here\nSigned-off-by: A\n", &GIT,
	      "Eval-Result: x.yaml continued here\nSigned-off-by: A\n");
}

static void test_continuation_with_tab_is_unfolded(void **state)
{
	(void)state;
	CHECK("title\n\nEval-Result: x.yaml\n\tcontinued here\n", &GIT,
	      "Eval-Result: x.yaml continued here\n");
}

static void test_four_dashes_in_body_are_prose(void **state)
{
	(void)state;
	CHECK("title\n\nbody\n----\n\nEval-Result: x\n", &GIT, "Eval-Result: x\n");
}

static void test_three_dashes_in_body_end_the_message(void **state)
{
	(void)state;
	CHECK("Pin model\n\nbody\n---\n\nEval-Result: x\n", &GIT, "");
	CHECK("Pin model\n\nbody\n---\n\nEval-Result: x\n", &NODIV, "Eval-Result: x\n");
}

/* The commit-msg file of a real `git commit -v` (hook input, captured). */
static const char commit_v[] =
	"Pin gpt-4o\n"
	"\n"
	"Body text.\n"
	"\n"
	"Eval-Result: evals/run-1.json\n"
	"Signed-off-by: T <a@b>\n"
	"\n"
	"# Please enter the commit message for your changes. Lines starting\n"
	"# with '#' will be ignored, and an empty message aborts the commit.\n"
	"#\n"
	"# On branch master\n"
	"# Changes to be committed:\n"
	"#\tmodified:   cfg.yaml\n"
	"#\n"
	"# ------------------------ >8 ------------------------\n"
	"# Do not modify or remove the line above.\n"
	"# Everything below it will be ignored.\n"
	"diff --git a/cfg.yaml b/cfg.yaml\n"
	"index 549fff0..490e0b8 100644\n"
	"--- a/cfg.yaml\n"
	"+++ b/cfg.yaml\n"
	"@@ -1 +1,2 @@\n"
	"-model: gpt-4o\n"
	"+model: gpt-4o-2024-08-06\n"
	"+Eval-Result: fake-in-diff\n";

static void test_commit_v_file_cuts_at_scissors(void **state)
{
	(void)state;
	CHECK(commit_v, &GIT, "Eval-Result: evals/run-1.json\nSigned-off-by: T <a@b>\n");
	CHECK(commit_v, &NODIV, "Eval-Result: evals/run-1.json\nSigned-off-by: T <a@b>\n");
	CHECK(commit_v, &STRIP, "Eval-Result: evals/run-1.json\nSigned-off-by: T <a@b>\n");
}

static void test_commit_v_trailer_look_alike_after_scissors_is_ignored(void **state)
{
	pc_buf b = PC_BUF_INIT;
	(void)state;
	pc_buf_puts(&b, commit_v);
	pc_buf_puts(&b, "\nEval-Result: fake-after-scissors\n");
	check_n(b.ptr, b.len, &GIT, "Eval-Result: evals/run-1.json\nSigned-off-by: T <a@b>\n");
	check_n(b.ptr, b.len, &NODIV, "Eval-Result: evals/run-1.json\nSigned-off-by: T <a@b>\n");
	pc_buf_free(&b);
}

static void test_commit_v_without_scissors_cut_finds_nothing(void **state)
{
	pc_trailer_opts o = { '#', false, false, true };
	(void)state;
	/* pincheck's option: the diff's lines make the last paragraph prose. */
	CHECK(commit_v, &o, "");
}

static void test_crlf_values_are_clean(void **state)
{
	pc_trailers t;
	(void)state;
	CHECK("title\r\n\r\nA: b\r\nB: c\r\n", &GIT, "A: b\nB: c\n");
	CHECK("title\n\nA: b\r\n\r\n", &GIT, "A: b\n");
	t = PARSE("title\r\n\r\nEval-Result: x\r\n  more\r\n", &STORED);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.items[0].value, "x more");
	assert_int_equal(t.items[0].line, 3);
	pc_trailers_free(&t);
}

static void test_crlf_scissors_line_cuts(void **state)
{
	pc_trailer_opts o = { ';', false, true, true };
	(void)state;
	/* pincheck's choice: CRLF read as LF. git 2.39 misses a CRLF
	 * scissors line and prints "A: b\nB: c\n". */
	CHECK("title\n\nA: b\n; ------------------------ >8 ------------------------\r\nB: c\n", &o,
	      "A: b\n");
}

static void test_empty_value_then_another_trailer(void **state)
{
	pc_trailers t;
	(void)state;
	CHECK("title\n\nEval-Result:\nReviewed-by: B\n", &GIT, "Eval-Result: \nReviewed-by: B\n");
	t = PARSE("title\n\nEval-Result:   \nReviewed-by: B\n", &STORED);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.items[0].value, "");
	assert_string_equal(t.items[1].value, "B");
	pc_trailers_free(&t);
}

static void test_free_text_and_trailers_without_sign_off(void **state)
{
	(void)state;
	CHECK("title\n\nsome text\nEval-Result: x\nReviewed-by: B\n", &GIT, "");
}

static void test_free_text_and_trailers_with_sign_off(void **state)
{
	(void)state;
	CHECK("title\n\nsome text\nEval-Result: x\nSigned-off-by: A <a@b>\n", &GIT,
	      "Eval-Result: x\nSigned-off-by: A <a@b>\n");
}

static void test_title_only_has_no_trailers(void **state)
{
	(void)state;
	CHECK("Eval-Result: x\n", &GIT, "");
	CHECK("Eval-Result: x", &GIT, "");
	CHECK("title\nEval-Result: x\n", &GIT, "");
	CHECK("# comment\ntitle\nA: b\n", &GIT, "");
}

static void test_underscore_and_space_keys_are_not_trailers(void **state)
{
	(void)state;
	CHECK("title\n\nEval_Result: x\n", &GIT, "");
	CHECK("title\n\nEval Result: x\n", &GIT, "");
}

static void test_duplicate_and_mixed_case_keys_are_kept(void **state)
{
	pc_trailers t;
	(void)state;
	CHECK("title\n\nEval-Result : x\nreviewed-BY: a\nReviewed-by: b\nEval-Result: y\n", &GIT,
	      "Eval-Result: x\nreviewed-BY: a\nReviewed-by: b\nEval-Result: y\n");
	t = PARSE("title\n\nEval-Result : x\nreviewed-BY: a\n", &STORED);
	assert_int_equal(t.n, 2);
	assert_true(pc_trailer_key_is(&t.items[0], "eval-result"));
	assert_true(pc_trailer_key_is(&t.items[0], "EVAL-RESULT"));
	assert_false(pc_trailer_key_is(&t.items[0], "Eval-Result "));
	assert_false(pc_trailer_key_is(&t.items[0], "Eval-Resul"));
	assert_false(pc_trailer_key_is(&t.items[0], "Eval-Results"));
	assert_false(pc_trailer_key_is(&t.items[0], NULL));
	assert_false(pc_trailer_key_is(NULL, "x"));
	assert_true(pc_trailer_key_is(&t.items[1], "Reviewed-By"));
	pc_trailers_free(&t);
}

/* ---- block detection ---- */

static void test_quarter_rule_with_git_generated_line(void **state)
{
	(void)state;
	/* 1 trailer of 4 lines is enough, 1 of 5 is not. */
	CHECK("title\n\nx1\nx2\nx3\nSigned-off-by: A\n", &GIT, "Signed-off-by: A\n");
	CHECK("title\n\nx1\nx2\nx3\nx4\nSigned-off-by: A\n", &GIT, "");
	CHECK("title\n\nx1\nx2\nx3\nx4\nx5\nx6\nA: b\nSigned-off-by: A\n", &GIT,
	      "A: b\nSigned-off-by: A\n");
	/* "Signed-off-by:" without the space is an ordinary trailer. */
	CHECK("title\n\nx1\nSigned-off-by:A\n", &GIT, "");
}

static void test_cherry_pick_note_counts_but_is_not_returned(void **state)
{
	(void)state;
	CHECK("title\n\nfree\n(cherry picked from commit abc)\nA: b\n", &GIT, "A: b\n");
	CHECK("title\n\nx1\nx2\nx3\n(cherry picked from commit 1)\n", &GIT, "");
}

static void test_stray_continuation_counts_as_prose(void **state)
{
	(void)state;
	CHECK("title\n\n  cont\nA: b\n", &GIT, "");
	CHECK("title\n\nx1\n  c1\nA: b\nSigned-off-by: A\n", &GIT, "A: b\nSigned-off-by: A\n");
	CHECK("title\n\n A: b\n", &GIT, "");
}

static void test_key_forms(void **state)
{
	(void)state;
	CHECK("title\n\nA\t: b\nKey :v\n", &GIT, "A: b\nKey: v\n");
	/* A URL starts with a valid key: git reads it as a trailer. */
	CHECK("title\n\nhttp://x.y\nB: c\n", &GIT, "http: //x.y\nB: c\n");
	CHECK("title\n\n-: x\n:y\n", &GIT, "");
}

static void test_continuation_keeps_inner_spaces(void **state)
{
	(void)state;
	CHECK("title\n\nA: a   \n  b  \n\tc\n", &GIT, "A: a    b   c\n");
	CHECK("title\n\nA: b\n\rc\n", &GIT, "A: b c\n");
}

static void test_last_paragraph_only(void **state)
{
	(void)state;
	CHECK("A: b\n\nB: c\n", &GIT, "B: c\n");
	CHECK("title\n\nA: b\n   \n\nB: c\n", &GIT, "B: c\n");
	CHECK("title\n\nA: b\n   \nB: c\n", &GIT, "B: c\n");
	CHECK("title\n   \nA: b\n", &GIT, "A: b\n");
}

static void test_message_starting_with_blank_or_comment(void **state)
{
	(void)state;
	CHECK("\n\nA: b\n", &GIT, "A: b\n");
	CHECK("# comment\n\nA: b\n", &GIT, "A: b\n");
}

static void test_trailing_blank_and_whitespace_lines_are_ignored(void **state)
{
	(void)state;
	CHECK("title\n\nA: b\n   \n", &GIT, "A: b\n");
	CHECK("title\n\nA: b\n   ", &GIT, "A: b\n");
	CHECK("title\n\nA: b\n\n\n\n", &GIT, "A: b\n");
	CHECK("title\n\nA: b\n#\n\n# x\n\n", &GIT, "A: b\n");
}

static void test_vertical_tab_is_not_whitespace(void **state)
{
	(void)state;
	CHECK("title\n\nA: b\n\v\n", &GIT, "");
	CHECK("title\n\nA: b\n\fc\n", &GIT, "");
	CHECK("title\n\nA: \vb\v\n", &GIT, "A: \vb\v\n");
}

static void test_old_conflicts_block_is_ignored(void **state)
{
	(void)state;
	CHECK("title\n\nSigned-off-by: A\n\nConflicts:\n\tfile.c\n", &GIT, "Signed-off-by: A\n");
	CHECK("title\n\nA: b\nConflicts:\n\tf\n", &GIT, "A: b\n");
	CHECK("title\n\nA: b\n\nConflicts:\n\tf\nx\n", &GIT, "");
	/* Without its newline it is an ordinary trailer. */
	CHECK("\nConflicts:", &GIT, "Conflicts: \n");
	/* A whitespace-only line ends the ignored run. */
	CHECK("title\n\n  \nx2\nSigned-off-by: A <a@b>\nConflicts:\n  \n\tcont tab\n", &GIT, "");
	CHECK("title\n\nA:  \n\tpath.c\nConflicts:\n  \n", &GIT, "A: path.c\nConflicts: \n");
}

/* ---- divider and scissors ---- */

static void test_divider_after_trailers(void **state)
{
	(void)state;
	CHECK("title\n\nA: b\n--- x\nB: c\n", &GIT, "A: b\n");
	CHECK("title\n\nA: b\n--- x\nB: c\n", &NODIV, "");
	CHECK("title\n\nA: b\n---\t\nB: c\n", &GIT, "A: b\n");
	CHECK("title\n\nA: b\n---\n", &GIT, "A: b\n");
	CHECK("title\n\nA: b\n---x\n", &GIT, "");
}

static void test_three_dashes_ending_the_message_are_prose(void **state)
{
	(void)state;
	CHECK("title\n\nA: b\n---", &GIT, "");
	/* Prose, but one line of two: Signed-off-by carries the block. */
	CHECK("title\n\nSigned-off-by: A\n---", &GIT, "Signed-off-by: A\n");
	CHECK("title\n\nA: b\n---\r", &GIT, "A: b\n");
}

static void test_divider_before_scissors(void **state)
{
	(void)state;
	/* pincheck's choice: the first wins. git 2.39.5 never returns. */
	CHECK("title\n\nA: b\n---\nnotes\n# ------------------------ >8 ------------------------\nB: c\n",
	      &GIT, "A: b\n");
}

static void test_scissors_variants(void **state)
{
	static const pc_trailer_opts semi = { ';', false, true, true };
	(void)state;
	CHECK("title\n\nA: b\n# ------------------------ >8 ------------------------\nB: c\n", &GIT, "A: b\n");
	CHECK("title\n\nA: b\n; ------------------------ >8 ------------------------\nB: c\n", &semi, "A: b\n");
	/* git -c core.commentChar=';': a '#' scissors line is prose. */
	CHECK("title\n\nA: b\n# ------------------------ >8 ------------------------\nB: c\n", &semi, "");
	/* Not exactly the line: a comment inside the block. */
	CHECK("title\n\nA: b\n# ------------------------ >8 ------------------------ \nB: c\n", &GIT,
	      "A: b\nB: c\n");
	CHECK("title\n\nA: b\n# ------------------------ >8 ------------------------", &GIT, "A: b\n");
	CHECK("# ------------------------ >8 ------------------------\ntitle\n\nB: c\n", &GIT, "");
}

static void test_scissors_needs_the_option_and_a_comment_char(void **state)
{
	static const pc_trailer_opts off = { '#', false, false, false };
	static const pc_trailer_opts nocc = { 0, false, true, false };
	(void)state;
	CHECK("title\n\nA: b\n# ------------------------ >8 ------------------------\nB: c\n", &off,
	      "A: b\nB: c\n");
	CHECK("title\n\nA: b\n# ------------------------ >8 ------------------------\nB: c\n", &nocc, "");
}

/* ---- comments ---- */

static void test_comment_inside_block(void **state)
{
	(void)state;
	CHECK("title\n\nA: b\n# c\nB: d\n", &GIT, "A: b\nB: d\n");
	CHECK("title\n\nA: b\n# c\nB: d\n", &STRIP, "A: b\nB: d\n");
}

static void test_comment_between_trailer_and_continuation(void **state)
{
	(void)state;
	/* Kept, the comment orphans the continuation line: prose. */
	CHECK("title\n\nA: b\n# c\n  d\n", &GIT, "");
	/* Stripped first, as git commit does (git on "title\n\nA: b\n  d\n"). */
	CHECK("title\n\nA: b\n# c\n  d\n", &STRIP, "A: b d\n");
}

static void test_comment_lines_after_block(void **state)
{
	(void)state;
	CHECK("title\n\nA: b\n#  c\n", &GIT, "A: b\n");
	CHECK("title\n\nA: b\n#  c\n", &STRIP, "A: b\n");
	CHECK("# only\n# comments\n", &GIT, "");
}

static void test_custom_comment_char(void **state)
{
	static const pc_trailer_opts semi = { ';', false, true, true };
	static const pc_trailer_opts semi_strip = { ';', true, true, true };
	(void)state;
	CHECK("title\n\nA: b\n; c\n", &GIT, "");
	CHECK("title\n\nA: b\n; c\n", &semi, "A: b\n");
	CHECK("title\n\nA: b\n; c\n  d\n", &semi_strip, "A: b d\n");
	CHECK("title\n\nA: b\n# c\n", &semi, "");
}

static void test_stored_message_has_no_comments(void **state)
{
	(void)state;
	CHECK("title\n\nA: b\n# c\n", &STORED, "");
	CHECK("title\n\nA: b\n---\nB: c\n", &STORED, "");
	CHECK("title\n\nA: b\n--- x\n", &STORED, "");
	CHECK("title\n\nA: b\nB: c\n", NULL, "A: b\nB: c\n");
}

/* ---- line numbers ---- */

static void test_line_numbers(void **state)
{
	pc_trailers t;
	(void)state;
	t = PARSE("title\n\n# a\n\n# b\nA: 1\n  cont\n# c\nB: 2\n", &STRIP);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.items[0].line, 6);
	assert_string_equal(t.items[0].value, "1 cont");
	assert_int_equal(t.items[1].line, 9);
	pc_trailers_free(&t);
	t = PARSE(commit_v, &STRIP);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.items[0].line, 5);
	assert_int_equal(t.items[1].line, 6);
	pc_trailers_free(&t);
}

/* ---- hostile input ---- */

static void test_empty_and_blank_input(void **state)
{
	pc_trailers t = PC_TRAILERS_INIT;
	(void)state;
	pc_trailers_parse(&t, NULL, 0, &GIT);
	assert_int_equal(t.n, 0);
	pc_trailers_free(&t);
	pc_trailers_free(&t);
	CHECK("", &GIT, "");
	CHECK("\n", &GIT, "");
	CHECK("\n\n\n", &GIT, "");
	CHECK("  \n\t\n \r\n", &GIT, "");
	CHECK(":", &GIT, "");
	CHECK("\n:", &GIT, "");
	CHECK("\nA:", &GIT, "A: \n");
}

static void test_nul_byte_ends_the_message(void **state)
{
	(void)state;
	/* git reads the message as a C string. */
	CHECK("title\n\nA: b\0junk\nB: c\n", &GIT, "A: b\n");
	CHECK("t\0itle\n\nA: b\n", &GIT, "");
	CHECK("\0", &GIT, "");
}

static void test_invalid_utf8_is_kept_as_bytes(void **state)
{
	(void)state;
	CHECK("title\n\nA: b\xff\xfe\nB: \xe9t\xe9\n", &GIT, "A: b\xff\xfe\nB: \xe9t\xe9\n");
	CHECK("title\n\nA: b\xff\xfe\n\xc3\x28: x\nB: \xe9t\xe9\n", &GIT, "");
}

static void test_very_long_lines(void **state)
{
	size_t big = 1 << 20;
	pc_buf b = PC_BUF_INIT;
	pc_trailers t;
	size_t i;
	(void)state;
	pc_buf_puts(&b, "title\n\nEval-Result: ");
	for (i = 0; i < big; i++)
		pc_buf_putc(&b, (char)('a' + i % 26));
	pc_buf_puts(&b, "\nSigned-off-by: A\n");
	t = parse_n(b.ptr, b.len, &GIT);
	assert_int_equal(t.n, 2);
	assert_int_equal(strlen(t.items[0].value), big);
	pc_trailers_free(&t);

	/* One long prose line without a newline; one long blank line. */
	pc_buf_clear(&b);
	pc_buf_puts(&b, "title\n\nA: b\n");
	for (i = 0; i < big; i++)
		pc_buf_putc(&b, 'x');
	check_n(b.ptr, b.len, &GIT, "");
	pc_buf_clear(&b);
	pc_buf_puts(&b, "title\n\nA: b\n");
	for (i = 0; i < big; i++)
		pc_buf_putc(&b, ' ');
	check_n(b.ptr, b.len, &GIT, "A: b\n");
	pc_buf_free(&b);
}

static void test_ten_thousand_trailers(void **state)
{
	pc_buf b = PC_BUF_INIT;
	pc_trailers t;
	clock_t t0 = clock();
	size_t i, n = 10000;
	(void)state;
	pc_buf_puts(&b, "title\n\n");
	for (i = 0; i < n; i++)
		pc_buf_printf(&b, "Eval-Result: evals/%zu.json\n", i);
	t = parse_n(b.ptr, b.len, &GIT);
	assert_int_equal(t.n, n);
	assert_string_equal(t.items[n - 1].value, "evals/9999.json");
	assert_int_equal(t.items[n - 1].line, n + 2);
	pc_trailers_free(&t);

	/* One trailer folded from 200,000 continuation lines. */
	pc_buf_clear(&b);
	pc_buf_puts(&b, "title\n\nA: b\n");
	for (i = 0; i < 200000; i++)
		pc_buf_puts(&b, " c\n");
	t = parse_n(b.ptr, b.len, &GIT);
	assert_int_equal(t.n, 1);
	assert_int_equal(strlen(t.items[0].value), 1 + 2 * 200000);
	pc_trailers_free(&t);

	/* 200,000 short paragraphs. */
	pc_buf_clear(&b);
	for (i = 0; i < 200000; i++)
		pc_buf_puts(&b, "x\n\n");
	pc_buf_puts(&b, "A: b");
	check_n(b.ptr, b.len, &GIT, "A: b\n");
	pc_buf_free(&b);
	/* Linear: well under a second natively, still fine under valgrind. */
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0);
}

static void test_parse_appends(void **state)
{
	pc_trailers t = PC_TRAILERS_INIT;
	static const char m1[] = "t\n\nA: 1\n", m2[] = "t\n\nB: 2\n";
	(void)state;
	pc_trailers_parse(&t, m1, sizeof(m1) - 1, &GIT);
	pc_trailers_parse(&t, m2, sizeof(m2) - 1, &GIT);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.items[1].key, "B");
	pc_trailers_free(&t);
	assert_int_equal(t.n, 0);
	assert_null(t.items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic_with_signed_off_by),
		cmocka_unit_test(test_continuation_with_space_is_unfolded),
		cmocka_unit_test(test_continuation_with_tab_is_unfolded),
		cmocka_unit_test(test_four_dashes_in_body_are_prose),
		cmocka_unit_test(test_three_dashes_in_body_end_the_message),
		cmocka_unit_test(test_commit_v_file_cuts_at_scissors),
		cmocka_unit_test(test_commit_v_trailer_look_alike_after_scissors_is_ignored),
		cmocka_unit_test(test_commit_v_without_scissors_cut_finds_nothing),
		cmocka_unit_test(test_crlf_values_are_clean),
		cmocka_unit_test(test_crlf_scissors_line_cuts),
		cmocka_unit_test(test_empty_value_then_another_trailer),
		cmocka_unit_test(test_free_text_and_trailers_without_sign_off),
		cmocka_unit_test(test_free_text_and_trailers_with_sign_off),
		cmocka_unit_test(test_title_only_has_no_trailers),
		cmocka_unit_test(test_underscore_and_space_keys_are_not_trailers),
		cmocka_unit_test(test_duplicate_and_mixed_case_keys_are_kept),
		cmocka_unit_test(test_quarter_rule_with_git_generated_line),
		cmocka_unit_test(test_cherry_pick_note_counts_but_is_not_returned),
		cmocka_unit_test(test_stray_continuation_counts_as_prose),
		cmocka_unit_test(test_key_forms),
		cmocka_unit_test(test_continuation_keeps_inner_spaces),
		cmocka_unit_test(test_last_paragraph_only),
		cmocka_unit_test(test_message_starting_with_blank_or_comment),
		cmocka_unit_test(test_trailing_blank_and_whitespace_lines_are_ignored),
		cmocka_unit_test(test_vertical_tab_is_not_whitespace),
		cmocka_unit_test(test_old_conflicts_block_is_ignored),
		cmocka_unit_test(test_divider_after_trailers),
		cmocka_unit_test(test_three_dashes_ending_the_message_are_prose),
		cmocka_unit_test(test_divider_before_scissors),
		cmocka_unit_test(test_scissors_variants),
		cmocka_unit_test(test_scissors_needs_the_option_and_a_comment_char),
		cmocka_unit_test(test_comment_inside_block),
		cmocka_unit_test(test_comment_between_trailer_and_continuation),
		cmocka_unit_test(test_comment_lines_after_block),
		cmocka_unit_test(test_custom_comment_char),
		cmocka_unit_test(test_stored_message_has_no_comments),
		cmocka_unit_test(test_line_numbers),
		cmocka_unit_test(test_empty_and_blank_input),
		cmocka_unit_test(test_nul_byte_ends_the_message),
		cmocka_unit_test(test_invalid_utf8_is_kept_as_bytes),
		cmocka_unit_test(test_very_long_lines),
		cmocka_unit_test(test_ten_thousand_trailers),
		cmocka_unit_test(test_parse_appends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
