/*
 * test_buf.c: pc_buf (buf.c), the growable string, its JSON escaping and
 * whole-file reads; plus the error convention of common.c it relies on.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fail_msg("'%s' does not contain '%s'", haystack, needle);
}

/* ---- growth ---- */

static void test_init_is_empty(void **state)
{
	pc_buf b = PC_BUF_INIT;
	(void)state;
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	pc_buf_free(&b);
}

static void test_put_appends_and_terminates(void **state)
{
	pc_buf b = PC_BUF_INIT;
	(void)state;
	pc_buf_put(&b, "abcdef", 3);
	pc_buf_puts(&b, "xyz");
	pc_buf_putc(&b, '!');
	assert_int_equal(b.len, 7);
	assert_string_equal(b.ptr, "abcxyz!");
	assert_true(b.alloc > b.len);
	pc_buf_free(&b);
}

static void test_put_of_nothing_allocates_terminated_string(void **state)
{
	pc_buf b = PC_BUF_INIT;
	(void)state;
	pc_buf_put(&b, "", 0);
	assert_non_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.ptr, "");
	pc_buf_free(&b);
}

static void test_put_keeps_embedded_nul(void **state)
{
	pc_buf b = PC_BUF_INIT;
	(void)state;
	pc_buf_put(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.ptr, "a\0b", 4);
	pc_buf_free(&b);
}

static void test_growth_keeps_every_byte(void **state)
{
	pc_buf b = PC_BUF_INIT;
	size_t i, n = 100000;
	(void)state;
	for (i = 0; i < n; i++)
		pc_buf_putc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, n);
	assert_true(b.alloc > n);
	assert_int_equal(b.ptr[n], '\0');
	for (i = 0; i < n; i++)
		if (b.ptr[i] != (char)('a' + i % 26))
			fail_msg("byte %zu lost", i);
	pc_buf_free(&b);
}

static void test_grow_reserves_room(void **state)
{
	pc_buf b = PC_BUF_INIT;
	(void)state;
	pc_buf_grow(&b, 1000);
	assert_true(b.alloc >= 1001);
	assert_int_equal(b.len, 0);
	pc_buf_puts(&b, "x");
	pc_buf_grow(&b, 0);
	assert_string_equal(b.ptr, "x");
	pc_buf_free(&b);
}

static void test_large_single_put(void **state)
{
	pc_buf b = PC_BUF_INIT;
	size_t n = 3 * 1024 * 1024 + 7;
	char *big = malloc(n);
	(void)state;
	assert_non_null(big);
	memset(big, 'q', n);
	pc_buf_puts(&b, "<");
	pc_buf_put(&b, big, n);
	assert_int_equal(b.len, n + 1);
	assert_int_equal(b.ptr[n], 'q');
	assert_int_equal(b.ptr[n + 1], '\0');
	free(big);
	pc_buf_free(&b);
}

static void test_printf_appends_formatted_text(void **state)
{
	pc_buf b = PC_BUF_INIT;
	(void)state;
	pc_buf_puts(&b, "x=");
	pc_buf_printf(&b, "%d,%s,%zu", 42, "abc", (size_t)7);
	assert_string_equal(b.ptr, "x=42,abc,7");
	assert_int_equal(b.len, 10);
	pc_buf_free(&b);
}

static void test_printf_longer_than_first_allocation(void **state)
{
	pc_buf b = PC_BUF_INIT;
	char want[501];
	(void)state;
	memset(want, 'z', 500);
	want[500] = '\0';
	pc_buf_printf(&b, "%s", want);
	pc_buf_printf(&b, "%s", want);
	assert_int_equal(b.len, 1000);
	assert_int_equal(strspn(b.ptr, "z"), 1000);
	pc_buf_free(&b);
}

static void test_printf_of_empty_string(void **state)
{
	pc_buf b = PC_BUF_INIT;
	(void)state;
	pc_buf_printf(&b, "%s", "");
	assert_int_equal(b.len, 0);
	assert_string_equal(b.ptr, "");
	pc_buf_free(&b);
}

static void vformat(pc_buf *b, const char *fmt, ...) PC_PRINTF(2, 3);
static void vformat(pc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pc_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

static void test_vprintf_takes_a_va_list(void **state)
{
	pc_buf b = PC_BUF_INIT;
	(void)state;
	vformat(&b, "%s:%d:%d: %s", "f.yml", 3, 9, "bad");
	assert_string_equal(b.ptr, "f.yml:3:9: bad");
	pc_buf_free(&b);
}

static void test_clear_keeps_allocation(void **state)
{
	pc_buf b = PC_BUF_INIT;
	size_t alloc;
	(void)state;
	pc_buf_clear(&b); /* on an empty buffer: nothing to do */
	assert_null(b.ptr);
	pc_buf_puts(&b, "hello");
	alloc = b.alloc;
	pc_buf_clear(&b);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, alloc);
	assert_string_equal(b.ptr, "");
	pc_buf_puts(&b, "again");
	assert_string_equal(b.ptr, "again");
	pc_buf_free(&b);
}

static void test_detach_hands_over_the_string(void **state)
{
	pc_buf b = PC_BUF_INIT;
	char *s;
	(void)state;
	pc_buf_puts(&b, "mine");
	s = pc_buf_detach(&b);
	assert_string_equal(s, "mine");
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	pc_buf_puts(&b, "reuse");
	assert_string_equal(b.ptr, "reuse");
	pc_buf_free(&b);
	free(s);
}

static void test_detach_of_empty_buffer_is_empty_string(void **state)
{
	pc_buf b = PC_BUF_INIT;
	char *s;
	(void)state;
	s = pc_buf_detach(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void test_free_resets_and_is_repeatable(void **state)
{
	pc_buf b = PC_BUF_INIT;
	(void)state;
	pc_buf_puts(&b, "x");
	pc_buf_free(&b);
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	pc_buf_free(&b);
}

/* ---- text for a terminal ---- */

static char *visible_n(const char *s, size_t len)
{
	pc_buf b = PC_BUF_INIT;
	char *copy = malloc(len ? len : 1), *out;
	assert_non_null(copy);
	if (len)
		memcpy(copy, s, len);
	pc_buf_put_visible(&b, copy, len);
	assert_int_equal(pc_buf_is_visible(copy, len), b.len == len && (!len || !memcmp(b.ptr, copy, len)));
	free(copy);
	out = pc_buf_detach(&b);
	return out ? out : strdup("");
}

#define VISIBLE(in, want)                                       \
	do {                                                    \
		char *got_ = visible_n(in, sizeof(in) - 1);     \
		assert_string_equal(got_, want);                \
		free(got_);                                     \
	} while (0)

static void test_visible_controls_as_hex(void **state)
{
	(void)state;
	VISIBLE("", "");
	VISIBLE("plain \\ text", "plain \\ text");
	VISIBLE("a\tb", "a\tb");
	VISIBLE("\033]0;t\007\033[2J", "\\x1b]0;t\\x07\\x1b[2J");
	VISIBLE("x\ny\r\x7f", "x\\x0ay\\x0d\\x7f");
	VISIBLE("n\0ul", "n\\x00ul");
	/* C1 controls in UTF-8 (U+009B CSI, U+0085 NEL) */
	VISIBLE("\xc2\x9b" "6n \xc2\x85", "\\xc2\\x9b6n \\xc2\\x85");
	/* invalid UTF-8: a lone 0x9b (CSI in 8-bit terminals), a cut sequence */
	VISIBLE("a\x9b" "b\xe2\x9c", "a\\x9bb\\xe2\\x9c");
	/* valid UTF-8 stays as it is, U+00A0 and beyond */
	VISIBLE("caf\xc3\xa9 \xc2\xa0 \xe2\x9c\x93 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xc2\xa0 \xe2\x9c\x93 \xf0\x9f\x98\x80");
}

/* ---- JSON strings ---- */

static char *json_n(const char *s, size_t len)
{
	pc_buf b = PC_BUF_INIT;
	char *copy = malloc(len ? len : 1);
	assert_non_null(copy);
	if (len)
		memcpy(copy, s, len);
	pc_buf_put_json(&b, copy, len);
	free(copy);
	return pc_buf_detach(&b);
}

#define JSON(in, want)                                          \
	do {                                                    \
		char *got_ = json_n(in, sizeof(in) - 1);        \
		assert_string_equal(got_, want);                \
		free(got_);                                     \
	} while (0)

static void test_json_plain_text_is_quoted(void **state)
{
	(void)state;
	JSON("gpt-4o", "\"gpt-4o\"");
	JSON("", "\"\"");
}

static void test_json_escapes_quote_and_backslash(void **state)
{
	(void)state;
	JSON("say \"hi\" \\ bye", "\"say \\\"hi\\\" \\\\ bye\"");
}

static void test_json_escapes_common_controls(void **state)
{
	(void)state;
	JSON("a\nb\rc\td", "\"a\\nb\\rc\\td\"");
}

static void test_json_escapes_other_controls_as_u(void **state)
{
	(void)state;
	JSON("\x01\x1f\x7f\b\f", "\"\\u0001\\u001f\\u007f\\u0008\\u000c\"");
}

static void test_json_escapes_nul(void **state)
{
	(void)state;
	JSON("a\0b", "\"a\\u0000b\"");
}

static void test_json_keeps_valid_multibyte_utf8(void **state)
{
	(void)state;
	JSON("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf",
	     "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf\"");
}

static void test_json_replaces_invalid_bytes(void **state)
{
	(void)state;
	JSON("a\xff" "b", "\"a\\ufffdb\"");
	JSON("\x80", "\"\\ufffd\"");
	JSON("\xf5\x80\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
}

static void test_json_replaces_overlong_encodings(void **state)
{
	(void)state;
	JSON("\xc0\xaf", "\"\\ufffd\\ufffd\"");
	JSON("\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"");
	JSON("\xf0\x80\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
}

static void test_json_replaces_surrogates_and_beyond_unicode(void **state)
{
	(void)state;
	JSON("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
	JSON("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
}

static void test_json_replaces_truncated_sequence_at_end(void **state)
{
	(void)state;
	JSON("x\xe2\x82", "\"x\\ufffd\\ufffd\"");
	JSON("\xf0\x9f\x98", "\"\\ufffd\\ufffd\\ufffd\"");
}

static void test_json_replaces_sequence_cut_by_ascii(void **state)
{
	(void)state;
	JSON("\xe2\x82z", "\"\\ufffd\\ufffdz\"");
}

static void test_json_appends_to_existing_text(void **state)
{
	pc_buf b = PC_BUF_INIT;
	(void)state;
	pc_buf_puts(&b, "{\"k\": ");
	pc_buf_put_json(&b, "v", 1);
	pc_buf_putc(&b, '}');
	assert_string_equal(b.ptr, "{\"k\": \"v\"}");
	pc_buf_free(&b);
}

/* ---- whole-file reads ---- */

/* A temporary file holding data[0..len); the caller unlinks and frees it. */
static char *temp_file(const char *data, size_t len)
{
	char *path = strdup("/tmp/pincheck-test-buf-XXXXXX");
	int fd;
	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	if (len)
		assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

static void test_read_file_reads_everything(void **state)
{
	char *path = temp_file("line 1\nline\0 2\n", 15);
	pc_buf b = PC_BUF_INIT;
	(void)state;
	assert_int_equal(pc_buf_read_file(&b, path, 0), 0);
	assert_int_equal(b.len, 15);
	assert_memory_equal(b.ptr, "line 1\nline\0 2\n", 16);
	pc_buf_free(&b);
	unlink(path);
	free(path);
}

static void test_read_file_larger_than_one_chunk(void **state)
{
	size_t n = 200000, i;
	char *data = malloc(n), *path;
	pc_buf b = PC_BUF_INIT;
	(void)state;
	assert_non_null(data);
	for (i = 0; i < n; i++)
		data[i] = (char)(i * 7 + 3);
	path = temp_file(data, n);
	assert_int_equal(pc_buf_read_file(&b, path, 0), 0);
	assert_int_equal(b.len, n);
	assert_memory_equal(b.ptr, data, n);
	pc_buf_free(&b);
	unlink(path);
	free(path);
	free(data);
}

static void test_read_empty_file_gives_empty_string(void **state)
{
	char *path = temp_file("", 0);
	pc_buf b = PC_BUF_INIT;
	int err = pc_buf_read_file(&b, path, 100);
	char first;
	(void)state;
	unlink(path);
	free(path);
	assert_int_equal(err, 0);
	assert_int_equal(b.len, 0);
	assert_non_null(b.ptr);
	first = b.ptr[0]; /* buf.h: ptr is always NUL-terminated */
	pc_buf_free(&b);
	assert_int_equal(first, '\0');
}

static void test_read_missing_file_is_runtime_error_naming_path(void **state)
{
	pc_buf b = PC_BUF_INIT;
	(void)state;
	pc_error_clear();
	assert_int_equal(pc_buf_read_file(&b, "/nonexistent/pincheck/none.yml", 0), PC_ERUNTIME);
	assert_contains(pc_error_last(), "/nonexistent/pincheck/none.yml: cannot open");
	assert_contains(pc_error_last(), "No such file");
	pc_buf_free(&b);
}

static void test_read_directory_is_runtime_error(void **state)
{
	pc_buf b = PC_BUF_INIT;
	(void)state;
	assert_int_equal(pc_buf_read_file(&b, "/tmp", 0), PC_ERUNTIME);
	assert_contains(pc_error_last(), "/tmp");
	pc_buf_free(&b);
}

static void test_read_file_over_max_size_is_refused(void **state)
{
	char *path = temp_file("0123456789", 10);
	pc_buf b = PC_BUF_INIT;
	char want[256];
	(void)state;
	assert_int_equal(pc_buf_read_file(&b, path, 9), PC_ERUNTIME);
	snprintf(want, sizeof(want), "%s: larger than 9 bytes", path);
	assert_string_equal(pc_error_last(), want);
	pc_buf_free(&b);
	assert_int_equal(pc_buf_read_file(&b, path, 10), 0);
	assert_int_equal(b.len, 10);
	pc_buf_free(&b);
	unlink(path);
	free(path);
}

static void test_read_file_max_size_counts_big_files(void **state)
{
	size_t n = 150000;
	char *data = calloc(n, 1), *path;
	pc_buf b = PC_BUF_INIT;
	(void)state;
	assert_non_null(data);
	path = temp_file(data, n);
	assert_int_equal(pc_buf_read_file(&b, path, 100000), PC_ERUNTIME);
	pc_buf_free(&b);
	assert_int_equal(pc_buf_read_file(&b, path, n), 0);
	assert_int_equal(b.len, n);
	pc_buf_free(&b);
	unlink(path);
	free(path);
	free(data);
}

/* ---- the error convention (common.c) ---- */

static void test_error_set_returns_code_and_keeps_message(void **state)
{
	(void)state;
	assert_int_equal(pc_error_set(PC_EUSAGE, "%s:%d:%d: %s", "f", 1, 2, "x"), PC_EUSAGE);
	assert_string_equal(pc_error_last(), "f:1:2: x");
	pc_error_clear();
	assert_string_equal(pc_error_last(), "");
}

static void test_error_message_is_truncated_not_overflowed(void **state)
{
	char big[5000];
	(void)state;
	memset(big, 'e', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(pc_error_set(PC_ERUNTIME, "%s", big), PC_ERUNTIME);
	assert_true(strlen(pc_error_last()) < sizeof(big) - 1);
	assert_true(strlen(pc_error_last()) > 1000);
}

static void test_allocation_helpers(void **state)
{
	char *s = pc_strdup("abc"), *t = pc_strndup("abcdef", 2);
	int *v = pc_calloc(4, sizeof(int));
	int *w = NULL;
	size_t alloc = 0;
	(void)state;
	assert_string_equal(s, "abc");
	assert_string_equal(t, "ab");
	assert_null(pc_strdup(NULL));
	assert_int_equal(v[3], 0);
	PC_GROW(w, alloc, 100);
	assert_true(alloc >= 100);
	w[99] = 7;
	PC_GROW(w, alloc, 10); /* never shrinks */
	assert_int_equal(w[99], 7);
	free(w);
	free(v);
	free(t);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_is_empty),
		cmocka_unit_test(test_put_appends_and_terminates),
		cmocka_unit_test(test_put_of_nothing_allocates_terminated_string),
		cmocka_unit_test(test_put_keeps_embedded_nul),
		cmocka_unit_test(test_growth_keeps_every_byte),
		cmocka_unit_test(test_grow_reserves_room),
		cmocka_unit_test(test_large_single_put),
		cmocka_unit_test(test_printf_appends_formatted_text),
		cmocka_unit_test(test_printf_longer_than_first_allocation),
		cmocka_unit_test(test_printf_of_empty_string),
		cmocka_unit_test(test_vprintf_takes_a_va_list),
		cmocka_unit_test(test_clear_keeps_allocation),
		cmocka_unit_test(test_detach_hands_over_the_string),
		cmocka_unit_test(test_detach_of_empty_buffer_is_empty_string),
		cmocka_unit_test(test_free_resets_and_is_repeatable),
		cmocka_unit_test(test_json_plain_text_is_quoted),
		cmocka_unit_test(test_json_escapes_quote_and_backslash),
		cmocka_unit_test(test_json_escapes_common_controls),
		cmocka_unit_test(test_json_escapes_other_controls_as_u),
		cmocka_unit_test(test_json_escapes_nul),
		cmocka_unit_test(test_json_keeps_valid_multibyte_utf8),
		cmocka_unit_test(test_json_replaces_invalid_bytes),
		cmocka_unit_test(test_json_replaces_overlong_encodings),
		cmocka_unit_test(test_json_replaces_surrogates_and_beyond_unicode),
		cmocka_unit_test(test_json_replaces_truncated_sequence_at_end),
		cmocka_unit_test(test_json_replaces_sequence_cut_by_ascii),
		cmocka_unit_test(test_json_appends_to_existing_text),
		cmocka_unit_test(test_read_file_reads_everything),
		cmocka_unit_test(test_read_file_larger_than_one_chunk),
		cmocka_unit_test(test_read_empty_file_gives_empty_string),
		cmocka_unit_test(test_read_missing_file_is_runtime_error_naming_path),
		cmocka_unit_test(test_read_directory_is_runtime_error),
		cmocka_unit_test(test_read_file_over_max_size_is_refused),
		cmocka_unit_test(test_read_file_max_size_counts_big_files),
		cmocka_unit_test(test_error_set_returns_code_and_keeps_message),
		cmocka_unit_test(test_error_message_is_truncated_not_overflowed),
		cmocka_unit_test(test_allocation_helpers),
		cmocka_unit_test(test_visible_controls_as_hex),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
