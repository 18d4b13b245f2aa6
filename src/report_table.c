/*
 * report_table.c: findings as a table: CSV (RFC 4180) for spreadsheets and
 * audits, Markdown for reports and pull-request comments. `pins` uses the
 * same cell helpers for its inventory.
 */
#include <stdio.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/report.h"
#include "report_internal.h"

void pc_report_csv_field(pc_buf *b, const char *s)
{
	if (!s)
		return;
	if (!s[strcspn(s, ",\"\r\n")]) {
		pc_buf_puts(b, s);
		return;
	}
	pc_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			pc_buf_putc(b, '"');
		pc_buf_putc(b, *s);
	}
	pc_buf_putc(b, '"');
}

void pc_report_md_cell(pc_buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			pc_buf_puts(b, "\\|");
		else if (*s == '\n' || *s == '\r')
			pc_buf_putc(b, ' ');
		else
			pc_buf_putc(b, *s);
	}
}

void pc_report_table(pc_buf *b, const pc_findings *f, bool csv)
{
	static const char *const cols[] = { "kind", "severity", "rule", "provider", "model",
					    "suggest", "path", "line", "column", "commit",
					    "message" };
	const size_t ncols = sizeof(cols) / sizeof(cols[0]);
	size_t i, k;

	for (k = 0; k < ncols; k++)
		pc_buf_printf(b, csv ? "%s%s" : "| %s ", csv && k ? "," : "", cols[k]);
	pc_buf_puts(b, csv ? "\n" : "|\n");
	for (k = 0; !csv && k < ncols; k++)
		pc_buf_puts(b, "|---");
	if (!csv)
		pc_buf_puts(b, "|\n");
	for (i = 0; i < f->n; i++) {
		const pc_finding *x = &f->items[i];
		char line[32] = "", col[32] = "";
		const char *v[11];
		if (x->suppressed)
			continue;
		if (x->line) {
			snprintf(line, sizeof(line), "%zu", x->line);
			snprintf(col, sizeof(col), "%zu", x->col);
		}
		v[0] = pc_kind_name(x->kind), v[1] = pc_severity_name(x->severity), v[2] = x->rule;
		v[3] = x->provider, v[4] = x->model, v[5] = x->suggest, v[6] = x->path;
		v[7] = line, v[8] = col, v[9] = x->commit, v[10] = x->message;
		for (k = 0; k < ncols; k++) {
			if (csv) {
				if (k)
					pc_buf_putc(b, ',');
				pc_report_csv_field(b, v[k]);
			} else {
				pc_buf_puts(b, "| ");
				pc_report_md_cell(b, v[k]);
				pc_buf_putc(b, ' ');
			}
		}
		pc_buf_puts(b, csv ? "\n" : "|\n");
	}
}
