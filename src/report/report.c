/*
 * report.c: choosing a reporter, and what reporters share. Each format is
 * one file: report_text.c, report_json.c, report_sarif.c, report_github.c.
 */
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/report.h"
#include "report_internal.h"

static const char *const format_names[] = { "text", "json", "sarif", "github", "csv",
					    "markdown", "cyclonedx" };

int pc_format_parse(pc_format *out, const char *s)
{
	size_t i;
	for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++) {
		if (!strcmp(s, format_names[i])) {
			*out = (pc_format)i;
			return 0;
		}
	}
	return pc_error_set(PC_EUSAGE, "unknown format '%s' (text, json, sarif, github, csv, "
			    "markdown or cyclonedx)", s);
}

const char *pc_format_name(pc_format f)
{
	return (size_t)f < sizeof(format_names) / sizeof(format_names[0]) ? format_names[f] : "?";
}

void pc_report_quote_path(pc_buf *b, const char *s)
{
	size_t n = strlen(s), i, run;
	if (!s[strcspn(s, "\"\\\t")] && pc_buf_is_visible(s, n)) {
		pc_buf_puts(b, s);
		return;
	}
	/* Like git's quoted paths: a newline in a name must not forge a line,
	 * and other control bytes are shown as \xHH (pc_buf_put_visible). */
	pc_buf_putc(b, '"');
	for (i = 0; i < n; i += run) {
		run = strcspn(s + i, "\"\\\n\t\r");
		if (run) {
			pc_buf_put_visible(b, s + i, run);
			continue;
		}
		run = 1;
		switch (s[i]) {
		case '\n': pc_buf_puts(b, "\\n"); break;
		case '\t': pc_buf_puts(b, "\\t"); break;
		case '\r': pc_buf_puts(b, "\\r"); break;
		case '"': pc_buf_puts(b, "\\\""); break;
		default: pc_buf_puts(b, "\\\\"); break;
		}
	}
	pc_buf_putc(b, '"');
}

void pc_report(FILE *out, const pc_findings *f, const pc_report_opts *o)
{
	pc_buf b = PC_BUF_INIT;
	switch (o->format) {
	case PC_FORMAT_JSON: pc_report_json(&b, f); break;
	case PC_FORMAT_SARIF: pc_report_sarif(&b, f); break;
	case PC_FORMAT_GITHUB: pc_report_github(&b, f); break;
	case PC_FORMAT_CSV: pc_report_table(&b, f, true); break;
	case PC_FORMAT_MARKDOWN: pc_report_table(&b, f, false); break;
	default: pc_report_text(&b, f, o); break;
	}
	if (b.len) /* an empty report (github, no findings) has no buffer: ptr is NULL */
		fwrite(b.ptr, 1, b.len, out);
	fflush(out);
	pc_buf_free(&b);
}
