/*
 * test_report_text.c: the text reporter's summary line (report_text.c,
 * SPEC section 3): it names the pin for each alias, at most a few, and
 * stays within PC_MAX_SUMMARY bytes however many aliases or however long
 * their ids, saying how many more there are.
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
#include "pincheck/finding.h"
#include "pincheck/limits.h"
#include "pincheck/report.h"

static void add_alias(pc_findings *f, const char *model, const char *suggest)
{
	pc_finding *x = pc_findings_add(f);
	x->kind = PC_KIND_ALIAS;
	x->severity = PC_SEV_ERROR;
	x->rule = pc_strdup("acme-alias");
	x->model = pc_strdup(model);
	x->suggest = suggest ? pc_strdup(suggest) : NULL;
	x->path = pc_strdup("app.py");
	x->line = 1;
	x->col = 10;
	x->message = pc_strdup("a floating alias");
}

/* The last line of the text report of f, without its newline. */
static char *summary_of(const pc_findings *f)
{
	pc_report_opts o = { PC_FORMAT_TEXT, false, true };
	char *text = NULL, *last, *line;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	pc_report(out, f, &o);
	assert_int_equal(fclose(out), 0);
	assert_true(len > 0 && text[len - 1] == '\n');
	text[len - 1] = '\0';
	last = strrchr(text, '\n');
	line = pc_strdup(last ? last + 1 : text);
	free(text);
	return line;
}

static void test_few_aliases_are_all_named(void **state)
{
	pc_findings f = PC_FINDINGS_INIT;
	char *s;
	(void)state;
	f.files = 1;
	add_alias(&f, "gpt-4o", "gpt-4o-2024-08-06");
	add_alias(&f, "gpt-4o", "gpt-4o-2024-08-06"); /* named once */
	add_alias(&f, "gemini-1.5-pro", "gemini-1.5-pro-002");
	add_alias(&f, "claude-3-5-sonnet-latest", NULL); /* nothing to pin to */
	s = summary_of(&f);
	assert_string_equal(s, "pincheck: 4 errors, 0 warnings in 1 file; pin gpt-4o as "
			    "gpt-4o-2024-08-06, gemini-1.5-pro as gemini-1.5-pro-002");
	free(s);
	pc_findings_free(&f);
}

static void test_many_aliases_are_counted(void **state)
{
	pc_findings f = PC_FINDINGS_INIT;
	char model[32], pin[48], *s;
	int i;
	(void)state;
	f.files = 40;
	for (i = 0; i < 40; i++) {
		snprintf(model, sizeof(model), "acme-%d-latest", i);
		snprintf(pin, sizeof(pin), "acme-%d-2024-08-06", i);
		add_alias(&f, model, pin);
	}
	s = summary_of(&f);
	assert_true(strlen(s) <= PC_MAX_SUMMARY);
	assert_string_equal(s, "pincheck: 40 errors, 0 warnings in 40 files; pin acme-0-latest as "
			    "acme-0-2024-08-06, acme-1-latest as acme-1-2024-08-06, acme-2-latest "
			    "as acme-2-2024-08-06 and 37 more");
	free(s);
	pc_findings_free(&f);
}

static void test_long_ids_never_overrun_the_line(void **state)
{
	pc_findings f = PC_FINDINGS_INIT;
	char model[160], pin[170], *s;
	(void)state;
	memset(model, 'a', sizeof(model) - 1);
	model[sizeof(model) - 1] = '\0';
	snprintf(pin, sizeof(pin), "%s-1", model);
	f.files = 1;
	f.binary_skipped = 12345;
	f.data_skipped = 67890;
	add_alias(&f, "gpt-4o", "gpt-4o-2024-08-06");
	add_alias(&f, model, pin);
	s = summary_of(&f);
	assert_true(strlen(s) <= PC_MAX_SUMMARY);
	assert_non_null(strstr(s, "; pin gpt-4o as gpt-4o-2024-08-06 and 1 more"));
	free(s);
	/* not even one fits: the count alone */
	pc_findings_free(&f);
	add_alias(&f, model, pin);
	f.files = 1;
	s = summary_of(&f);
	assert_true(strlen(s) <= PC_MAX_SUMMARY);
	assert_string_equal(s, "pincheck: 1 error, 0 warnings in 1 file; 1 alias to pin");
	free(s);
	pc_findings_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_few_aliases_are_all_named),
		cmocka_unit_test(test_many_aliases_are_counted),
		cmocka_unit_test(test_long_ids_never_overrun_the_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
