/*
 * report_table.c: findings as a table: CSV (RFC 4180) for spreadsheets and
 * audits, Markdown for reports and pull-request comments. `pins` uses the
 * same cell helpers for its inventory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/report.h"
#include "report_internal.h"

/* One CSV field, quoted when it needs to be. */
static void csv_field(pc_buf *b, const char *s)
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

/* GitHub-flavoured Markdown splits a row at every '|' not escaped by a
 * backslash, and a backslash escapes the next character: so both are
 * escaped (`a\|b` must not end the cell after `a\\`). A newline would end
 * the row: it becomes a space. `<` would open HTML: `&lt;`. */
static void md_cell(pc_buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|' || *s == '\\')
			pc_buf_putc(b, '\\');
		if (*s == '\n' || *s == '\r')
			pc_buf_putc(b, ' ');
		else if (*s == '<')
			pc_buf_puts(b, "&lt;");
		else
			pc_buf_putc(b, *s);
	}
}

/* Characters a terminal shows for UTF-8 text (continuation bytes do not count). */
static size_t width(const pc_buf *c)
{
	size_t i, n = 0;
	for (i = 0; i < c->len; i++)
		n += ((unsigned char)c->ptr[i] & 0xc0) != 0x80;
	return n;
}

static void text_cells(pc_buf *b, const char *const *cells, size_t ncols, size_t nrows,
		       unsigned right)
{
	pc_buf *shown = pc_calloc(ncols * nrows + 1, sizeof(*shown));
	size_t *w = pc_calloc(ncols + 1, sizeof(*w)), r, k, i, n;
	for (i = 0; i < ncols * nrows; i++) {
		if (cells[i])
			pc_buf_put_visible(&shown[i], cells[i], strlen(cells[i]));
		if ((n = width(&shown[i])) > w[i % ncols])
			w[i % ncols] = n;
	}
	for (r = 0; r < nrows; r++) {
		for (k = 0; k < ncols; k++) {
			const pc_buf *c = &shown[r * ncols + k];
			bool is_right = k < 32 && (right >> k & 1);
			size_t pad = w[k] - width(c);
			if (k)
				pc_buf_putc(b, ' ');
			for (i = 0; is_right && i < pad; i++)
				pc_buf_putc(b, ' ');
			pc_buf_put(b, c->ptr ? c->ptr : "", c->len);
			for (i = 0; !is_right && k + 1 < ncols && i < pad; i++)
				pc_buf_putc(b, ' ');
		}
		pc_buf_putc(b, '\n');
	}
	for (i = 0; i < ncols * nrows; i++)
		pc_buf_free(&shown[i]);
	free(shown);
	free(w);
}

void pc_report_cells(pc_buf *b, pc_format fmt, const char *const *cells, size_t ncols,
		     size_t nrows, unsigned right)
{
	size_t r, k;
	if (fmt == PC_FORMAT_TEXT) {
		text_cells(b, cells, ncols, nrows, right);
		return;
	}
	if (fmt != PC_FORMAT_CSV && fmt != PC_FORMAT_MARKDOWN)
		return;
	for (r = 0; r < nrows; r++) {
		for (k = 0; k < ncols; k++) {
			if (fmt == PC_FORMAT_CSV) {
				if (k)
					pc_buf_putc(b, ',');
				csv_field(b, cells[r * ncols + k]);
			} else {
				pc_buf_puts(b, "| ");
				md_cell(b, cells[r * ncols + k]);
				pc_buf_putc(b, ' ');
			}
		}
		pc_buf_puts(b, fmt == PC_FORMAT_CSV ? "\n" : "|\n");
		for (k = 0; fmt == PC_FORMAT_MARKDOWN && r == 0 && k < ncols; k++)
			pc_buf_puts(b, k + 1 < ncols ? "|---" : "|---|\n");
	}
}

void pc_report_table(pc_buf *b, const pc_findings *f, bool csv)
{
	static const char *const cols[] = { "kind", "severity", "rule", "provider", "model",
					    "suggest", "path", "line", "column", "commit",
					    "message" };
	enum { NCOLS = sizeof(cols) / sizeof(cols[0]) };
	const char **cells = pc_calloc((f->n + 1) * NCOLS, sizeof(*cells));
	char (*num)[2][24] = pc_calloc(f->n + 1, sizeof(*num));
	size_t i, rows = 1;

	memcpy(cells, cols, sizeof(cols));
	for (i = 0; i < f->n; i++) {
		const pc_finding *x = &f->items[i];
		const char **v = cells + rows * NCOLS;
		if (x->suppressed)
			continue;
		if (x->line) {
			snprintf(num[rows][0], sizeof(num[rows][0]), "%zu", x->line);
			snprintf(num[rows][1], sizeof(num[rows][1]), "%zu", x->col);
		}
		v[0] = pc_kind_name(x->kind), v[1] = pc_severity_name(x->severity), v[2] = x->rule;
		v[3] = x->provider, v[4] = x->model, v[5] = x->suggest, v[6] = x->path;
		v[7] = num[rows][0], v[8] = num[rows][1], v[9] = x->commit, v[10] = x->message;
		rows++;
	}
	pc_report_cells(b, csv ? PC_FORMAT_CSV : PC_FORMAT_MARKDOWN, cells, NCOLS, rows, 0);
	free(cells);
	free(num);
}
