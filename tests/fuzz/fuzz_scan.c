/*
 * fuzz_scan: hostile content scanned with hostile rules, the way every
 * source feeds a file to pc_scan_buffer (lexer, keyword prefilter, line and
 * multiline rules, masks, suppressions), and the hits used as check.c and
 * the reports use them (the role of each, in bounded steps).
 *
 * Input: a rule file, a line "%%", then the file: its first line is its
 * path (which picks the lexer), the rest its bytes. The rule file goes
 * through the real loader and compiler; a bad rule file ends the run for
 * that input, as it ends pincheck. Without a "%%" line the whole input is
 * the file, scanned with the built-in catalog (compiled once).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/limits.h"
#include "pincheck/match.h"
#include "pincheck/role.h"
#include "pincheck/rules.h"
#include "pincheck/scan.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pc_ruleset *builtin;
static pc_matcher *builtin_matcher;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	builtin = pc_ruleset_new();
	if (pc_ruleset_add_builtin(builtin) < 0 || pc_ruleset_compile(builtin) < 0 ||
	    pc_matcher_new(&builtin_matcher, builtin) < 0)
		abort();
	return 0;
}

/* What check.c and a report do with a hit: its role, the matched text
 * and an excerpt. */
static int hit(const pc_hit *h, void *payload)
{
	size_t col, steps;
	char *s;

	(void)payload;
	/* col counts the file's bytes; in a JSON file or notebook the line is
	 * the decoded copy, shorter by the escapes before the match, never
	 * longer. */
	if (h->line < 1 || h->ref->start > h->ref->end || h->ref->end > h->text_len ||
	    h->col < h->ref->start + 1 || !h->ref->rule)
		abort();
	if (pc_role_of_steps(h, &steps) > PC_ROLE_PROSE || steps > PC_ROLE_STEPS)
		abort();
	s = pc_strndup(h->text + h->ref->start, h->ref->end - h->ref->start);
	free(s);
	s = pc_source_excerpt(h->text, h->text_len, h->ref->start, &col);
	free(s);
	(void)pc_rule_suggest(h->ref->rule, h->text + h->ref->start, h->ref->end - h->ref->start);
	return 0;
}

/* The line "%%" (at the start of the input or after a newline), or NULL. */
static const char *separator(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	while (p && end - p >= 2) {
		if (p[0] == '%' && p[1] == '%' && (end - p == 2 || p[2] == '\n'))
			return p;
		if ((p = memchr(p, '\n', (size_t)(end - p))))
			p++;
	}
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t some_lines[] = { 1, 2, 3, 5, 8 };
	const char *buf = (const char *)data, *sep = separator(buf, size), *file = buf, *nl;
	pc_ruleset *rs = NULL;
	pc_matcher *m = builtin_matcher;
	size_t flen = size;
	char *path;

	if (sep) {
		rs = pc_ruleset_new();
		if (pc_ruleset_add_file(rs, "fuzz-rules.yml", buf, (size_t)(sep - buf), PC_ORIGIN_FILE) < 0 ||
		    pc_ruleset_compile(rs) < 0 || pc_matcher_new(&m, rs) < 0) {
			pc_ruleset_free(rs);
			return 0;
		}
		file = sep + 2 + (sep + 2 < buf + size);
		flen = size - (size_t)(file - buf);
	}
	nl = memchr(file, '\n', flen);
	path = pc_strndup(file, nl ? (size_t)(nl - file) : flen);
	if (nl) {
		flen -= (size_t)(nl + 1 - file);
		file = nl + 1;
	} else {
		flen = 0;
	}
	/* As every source does: binary files are not scanned. */
	if (!pc_is_binary(file, flen)) {
		/* Whole file with prose, then only some lines without (a change). */
		(void)pc_scan_buffer(m, path, file, flen, NULL, 0, true, hit, NULL);
		(void)pc_scan_buffer(m, path, file, flen, some_lines, 5, false, hit, NULL);
	}
	free(path);
	if (rs) {
		pc_matcher_free(m);
		pc_ruleset_free(rs);
	}
	return 0;
}
