/*
 * test_baseline.c: baseline files (baseline.c): a fingerprint hashes what
 * a finding is, never where it is; a written baseline loads back and drops
 * exactly the findings it recorded, each copy once; a malformed file is an
 * error naming the file and the line.
 */
#define _XOPEN_SOURCE 700 /* nftw, to remove the temporary directory */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "pincheck/baseline.h"
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/finding.h"
#include "../tmpdir.h"

typedef struct {
	char dir[64];
	pc_buf path; /* dir/baseline.json */
	pc_findings f;
	pc_baseline b;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	pc_findings f0 = PC_FINDINGS_INIT;
	pc_baseline b0 = PC_BASELINE_INIT;
	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/pc-baseline-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	pc_buf_printf(&f->path, "%s/baseline.json", f->dir);
	f->f = f0;
	f->b = b0;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	tmpdir_remove(f->dir);
	pc_buf_free(&f->path);
	pc_findings_free(&f->f);
	pc_baseline_free(&f->b);
	free(f);
	return 0;
}

static pc_finding *add(pc_findings *out, const char *path, size_t line, const char *model,
		       const char *source)
{
	pc_finding *x = pc_findings_add(out);
	x->kind = PC_KIND_ALIAS;
	x->severity = PC_SEV_ERROR;
	x->rule = pc_strdup("acme-alias");
	x->provider = pc_strdup("acme");
	x->model = pc_strdup(model);
	x->path = pc_strdup(path);
	x->line = line;
	x->col = 5;
	x->span = strlen(model);
	x->message = pc_strdup("a floating alias");
	x->source = pc_strdup(source);
	return x;
}

static void write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
}

static char *read_text(const char *path)
{
	pc_buf b = PC_BUF_INIT;
	assert_int_equal(pc_buf_read_file(&b, path, 1 << 20), 0);
	return pc_buf_detach(&b);
}

static void fp_of(const pc_finding *x, char out[17])
{
	pc_fingerprint(x, out);
	assert_int_equal(strlen(out), 16);
	assert_int_equal(strspn(out, "0123456789abcdef"), 16);
}

static void test_fingerprint_ignores_where(void **state)
{
	fixture *f = *state;
	char a[17], b[17];
	pc_finding *x = add(&f->f, "app.py", 3, "acme-fast", "m = 'acme-fast'");
	fp_of(x, a);
	/* lines move, columns shift, commits and messages differ */
	x->line = 300;
	x->col = 9;
	x->source_col = 9;
	x->commit = pc_strdup("0123456789abcdef0123456789abcdef01234567");
	x->subject = pc_strdup("Some commit");
	free(x->message);
	x->message = pc_strdup("another wording");
	x->severity = PC_SEV_WARNING;
	fp_of(x, b);
	assert_string_equal(a, b);
	/* reindenting is no change: runs of blanks count as one, ends trimmed */
	free(x->source);
	x->source = pc_strdup("\t\tm  =\t'acme-fast'   \r");
	fp_of(x, b);
	assert_string_equal(a, b);
}

static void test_fingerprint_depends_on_what(void **state)
{
	fixture *f = *state;
	char base[17], other[17];
	pc_finding *x = add(&f->f, "app.py", 3, "acme-fast", "m = 'acme-fast'");
	fp_of(x, base);
#define DIFFERS(field, value)                    \
	do {                                     \
		char *keep = x->field;           \
		x->field = value;                \
		fp_of(x, other);                 \
		assert_string_not_equal(base, other); \
		x->field = keep;                 \
	} while (0)
	DIFFERS(rule, "acme-other");
	DIFFERS(path, "lib.py");
	DIFFERS(model, "acme-slow");
	DIFFERS(source, "n = 'acme-fast'");
	DIFFERS(source, "m='acme-fast'"); /* removing a blank is a change */
#undef DIFFERS
	x->kind = PC_KIND_NO_SNAPSHOT;
	fp_of(x, other);
	assert_string_not_equal(base, other);
	x->kind = PC_KIND_ALIAS;
	fp_of(x, other);
	assert_string_equal(base, other);
}

static void test_fingerprint_fields_are_separated(void **state)
{
	fixture *f = *state;
	char a[17], b[17];
	pc_finding *x = add(&f->f, "bc", 1, "m", "s");
	pc_finding *y = add(&f->f, "c", 1, "m", "s");
	free(x->rule), free(y->rule);
	x->rule = pc_strdup("a");
	y->rule = pc_strdup("ab");
	fp_of(x, a);
	fp_of(y, b);
	assert_string_not_equal(a, b);
}

static void test_fingerprint_without_source_uses_message(void **state)
{
	fixture *f = *state;
	char a[17], b[17];
	pc_finding *x = add(&f->f, "app.py", 0, "acme-fast", NULL);
	fp_of(x, a);
	free(x->message);
	x->message = pc_strdup("a different message");
	fp_of(x, b);
	assert_string_not_equal(a, b);
}

static void test_write_load_apply_round_trip(void **state)
{
	fixture *f = *state;
	pc_findings later = PC_FINDINGS_INIT;
	char fp[3][17], *text;
	pc_buf want = PC_BUF_INIT;
	add(&f->f, "b.py", 7, "acme-slow", "n  =\t'acme-slow'  ");
	add(&f->f, "a.py", 1, "acme-fast", "m = 'acme-fast'");
	add(&f->f, "c.py", 2, "acme-fast", "s = 'acme-fast'  # pincheck:allow")->suppressed = true;
	assert_int_equal(pc_baseline_write(&f->f, f->path.ptr), 0);

	/* the unsuppressed findings, one a line, sorted by path, each with
	 * what a reviewer needs beside its fingerprint */
	fp_of(&f->f.items[1], fp[0]);
	fp_of(&f->f.items[0], fp[1]);
	pc_buf_printf(&want, "{\"version\": 2, \"findings\": [\n"
		      "  {\"path\": \"a.py\", \"rule\": \"acme-alias\", \"model\": \"acme-fast\", "
		      "\"kind\": \"alias\", \"text\": \"m = 'acme-fast'\", \"fingerprint\": \"%s\"},\n"
		      "  {\"path\": \"b.py\", \"rule\": \"acme-alias\", \"model\": \"acme-slow\", "
		      "\"kind\": \"alias\", \"text\": \"n = 'acme-slow'\", \"fingerprint\": \"%s\"}\n"
		      "]}\n", fp[0], fp[1]);
	text = read_text(f->path.ptr);
	assert_string_equal(text, want.ptr);
	free(text);
	pc_buf_free(&want);

	assert_int_equal(pc_baseline_load(&f->b, f->path.ptr), 0);
	assert_int_equal(f->b.n, 2);

	/* later: the same two, moved, plus a new one between them */
	add(&later, "a.py", 10, "acme-fast", "    m = 'acme-fast'");
	add(&later, "new.py", 1, "acme-fast", "m = 'acme-fast'");
	add(&later, "b.py", 70, "acme-slow", "n = 'acme-slow'");
	pc_baseline_apply(&f->b, &later);
	assert_int_equal(later.baselined, 2);
	assert_int_equal(later.n, 1);
	assert_string_equal(later.items[0].path, "new.py");
	pc_findings_free(&later);
}

static void test_copies_count_as_a_multiset(void **state)
{
	fixture *f = *state;
	pc_findings later = PC_FINDINGS_INIT;
	add(&f->f, "a.py", 1, "acme-fast", "m = 'acme-fast'");
	assert_int_equal(pc_baseline_write(&f->f, f->path.ptr), 0);
	assert_int_equal(pc_baseline_load(&f->b, f->path.ptr), 0);
	/* the line was copied: the second copy is new */
	add(&later, "a.py", 1, "acme-fast", "m = 'acme-fast'");
	add(&later, "a.py", 9, "acme-fast", "m = 'acme-fast'");
	pc_baseline_apply(&f->b, &later);
	assert_int_equal(later.baselined, 1);
	assert_int_equal(later.n, 1);
	assert_int_equal(later.items[0].line, 9);
	pc_findings_free(&later);
}

static void test_empty_baseline(void **state)
{
	fixture *f = *state;
	char *text;
	add(&f->f, "a.py", 1, "acme-fast", "m = 'acme-fast'")->suppressed = true;
	assert_int_equal(pc_baseline_write(&f->f, f->path.ptr), 0);
	text = read_text(f->path.ptr);
	assert_string_equal(text, "{\"version\": 2, \"findings\": []}\n");
	free(text);
	assert_int_equal(pc_baseline_load(&f->b, f->path.ptr), 0);
	assert_int_equal(f->b.n, 0);
	pc_baseline_apply(&f->b, &f->f);
	assert_int_equal(f->f.n, 1);
	assert_int_equal(f->f.baselined, 0);
}

static void test_hand_written_yaml_or_json_loads(void **state)
{
	fixture *f = *state;
	/* the loader reads any document of that shape */
	write_text(f->path.ptr, "fingerprints:\n  - 0123456789abcdef\n  - \"fedcba9876543210\"\n");
	assert_int_equal(pc_baseline_load(&f->b, f->path.ptr), 0);
	assert_int_equal(f->b.n, 2);
	assert_string_equal(f->b.fp[1], "fedcba9876543210");
}

/* Load `text` and expect an error mentioning the file and `where`. */
static void load_fails(fixture *f, const char *text, const char *where, const char *why)
{
	pc_buf want = PC_BUF_INIT;
	pc_baseline b = PC_BASELINE_INIT;
	write_text(f->path.ptr, text);
	assert_true(pc_baseline_load(&b, f->path.ptr) < 0);
	pc_buf_printf(&want, "%s%s", f->path.ptr, where);
	if (strncmp(pc_error_last(), want.ptr, want.len))
		fail_msg("'%s' does not start with '%s'", pc_error_last(), want.ptr);
	if (!strstr(pc_error_last(), why))
		fail_msg("'%s' does not say '%s'", pc_error_last(), why);
	pc_buf_free(&want);
	pc_baseline_free(&b);
}

static void test_malformed_files_name_file_and_line(void **state)
{
	fixture *f = *state;
	load_fails(f, "{\"version\": 1, \"fingerprints\": [\n  \"0123456789abcdef\",\n  \"0123\"\n]}\n",
		   ":3:3: ", "a fingerprint is 16 lower-case hex digits");
	load_fails(f, "{\"fingerprints\": [\n  \"0123456789ABCDEF\"]}\n", ":2:3: ", "16 lower-case hex");
	load_fails(f, "{\"fingerprints\": [\n  [\"0123456789abcdef\"]]}\n", ":2:", "16 lower-case hex");
	load_fails(f, "{\"version\": 1}\n", ":1:", "not a pincheck baseline");
	load_fails(f, "{\"fingerprints\": \"0123456789abcdef\"}\n", ":1:", "not a pincheck baseline");
	load_fails(f, "[]\n", ":1:", "not a pincheck baseline");
	load_fails(f, "", ":1:1: ", "not a pincheck baseline");
	load_fails(f, "{\"fingerprints\": [\n\n  \"0123456789abcdef\",,\n]}\n", ":3:22: ",
		   "did not find expected node content");
}

/* A failed load leaves the baseline empty, so applying it drops nothing
 * (and reads nothing half-built); a second load replaces the first. */
static void test_failed_load_leaves_nothing_to_apply(void **state)
{
	fixture *f = *state;
	add(&f->f, "a.py", 1, "acme-fast", "m = 'acme-fast'");
	write_text(f->path.ptr, "{\"fingerprints\": [\"0123456789abcdef\", \"bad\"]}\n");
	assert_true(pc_baseline_load(&f->b, f->path.ptr) < 0);
	assert_int_equal(f->b.n, 0);
	pc_baseline_apply(&f->b, &f->f);
	assert_int_equal(f->f.n, 1);
	assert_int_equal(pc_baseline_write(&f->f, f->path.ptr), 0);
	assert_int_equal(pc_baseline_load(&f->b, f->path.ptr), 0);
	assert_int_equal(pc_baseline_load(&f->b, f->path.ptr), 0);
	assert_int_equal(f->b.n, 2); /* loads add up; the marks cover both */
	pc_baseline_apply(&f->b, &f->f);
	assert_int_equal(f->f.n, 0);
	assert_int_equal(f->f.baselined, 1);
}

static void test_missing_file_and_unwritable_path(void **state)
{
	fixture *f = *state;
	pc_buf p = PC_BUF_INIT;
	struct stat st;
	pc_buf_printf(&p, "%s/none.json", f->dir);
	assert_true(pc_baseline_load(&f->b, p.ptr) < 0);
	assert_non_null(strstr(pc_error_last(), p.ptr));
	pc_buf_clear(&p);
	pc_buf_printf(&p, "%s/no/such/dir/b.json", f->dir);
	add(&f->f, "a.py", 1, "acme-fast", "m = 'acme-fast'");
	assert_int_equal(pc_baseline_write(&f->f, p.ptr), PC_ERUNTIME);
	assert_non_null(strstr(pc_error_last(), "cannot write the baseline"));
	assert_non_null(strstr(pc_error_last(), p.ptr));
	/* an existing baseline is replaced whole, and no temporary is left */
	write_text(f->path.ptr, "old");
	assert_int_equal(pc_baseline_write(&f->f, f->path.ptr), 0);
	pc_buf_clear(&p);
	pc_buf_printf(&p, "%s.tmp", f->path.ptr);
	assert_true(stat(p.ptr, &st) < 0);
	assert_int_equal(pc_baseline_load(&f->b, f->path.ptr), 0);
	assert_int_equal(f->b.n, 1);
	pc_buf_free(&p);
}

/* Version 1 files (a bare list of fingerprints) keep working. */
static void test_version_1_still_loads(void **state)
{
	fixture *f = *state;
	pc_buf text = PC_BUF_INIT;
	char fp[17];
	pc_finding *x = add(&f->f, "a.py", 1, "acme-fast", "m = 'acme-fast'");
	fp_of(x, fp);
	pc_buf_printf(&text, "{\"version\": 1, \"fingerprints\": [\n  \"%s\"\n]}\n", fp);
	write_text(f->path.ptr, text.ptr);
	assert_int_equal(pc_baseline_load(&f->b, f->path.ptr), 0);
	pc_baseline_apply(&f->b, &f->f);
	assert_int_equal(f->f.n, 0);
	assert_int_equal(f->f.baselined, 1);
	pc_buf_free(&text);
}

/* What a reviewer reads is what is exempted: an entry whose fields do not
 * give its fingerprint is refused, and the error says how to regenerate. */
static void test_edited_entry_is_refused(void **state)
{
	fixture *f = *state;
	char *text, *at;
	add(&f->f, "a.py", 1, "acme-fast", "m = 'acme-fast'");
	assert_int_equal(pc_baseline_write(&f->f, f->path.ptr), 0);
	text = read_text(f->path.ptr);
	at = strstr(text, "\"a.py\"");
	assert_non_null(at);
	at[1] = 'b'; /* the entry now claims b.py */
	load_fails(f, text, ":2:3: ", "is not that of its path, rule, model, kind and text");
	assert_non_null(strstr(pc_error_last(), "regenerate it with `pincheck baseline create "));
	free(text);
	load_fails(f, "{\"version\": 2, \"findings\": [\n  {\"path\": \"a.py\"}]}\n", ":2:3: ",
		   "an entry has no fingerprint");
	load_fails(f, "{\"version\": 2, \"findings\": [\n  {\"path\": \"a.py\", \"color\": 1}]}\n",
		   ":2:", "color");
	load_fails(f, "{\"version\": 3, \"findings\": []}\n", ":1:1: ", "not a pincheck baseline");
}

/* A line with bytes JSON cannot carry is written with them visible; its
 * fingerprint still drops the finding. */
static void test_control_characters_round_trip(void **state)
{
	fixture *f = *state;
	pc_findings later = PC_FINDINGS_INIT;
	char *text;
	add(&f->f, "a.py", 1, "acme-fast", "m = 'acme-fast' # \x1b[2J \xff");
	assert_int_equal(pc_baseline_write(&f->f, f->path.ptr), 0);
	text = read_text(f->path.ptr);
	assert_non_null(strstr(text, "# \\\\x1b[2J \\\\xff"));
	free(text);
	assert_int_equal(pc_baseline_load(&f->b, f->path.ptr), 0);
	add(&later, "a.py", 5, "acme-fast", "m = 'acme-fast' # \x1b[2J \xff");
	pc_baseline_apply(&f->b, &later);
	assert_int_equal(later.baselined, 1);
	pc_findings_free(&later);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_fingerprint_ignores_where),
		T(test_fingerprint_depends_on_what),
		T(test_fingerprint_fields_are_separated),
		T(test_fingerprint_without_source_uses_message),
		T(test_write_load_apply_round_trip),
		T(test_copies_count_as_a_multiset),
		T(test_empty_baseline),
		T(test_hand_written_yaml_or_json_loads),
		T(test_malformed_files_name_file_and_line),
		T(test_failed_load_leaves_nothing_to_apply),
		T(test_missing_file_and_unwritable_path),
		T(test_version_1_still_loads),
		T(test_edited_entry_is_refused),
		T(test_control_characters_round_trip),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
