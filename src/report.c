/*
 * report.c: the text and json reporters (see report.h).
 */
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/report.h"

int pc_format_parse(pc_format *out, const char *s)
{
	if (!strcmp(s, "text"))
		*out = PC_FORMAT_TEXT;
	else if (!strcmp(s, "json"))
		*out = PC_FORMAT_JSON;
	else
		return -1;
	return 0;
}

void pc_report_quote_path(pc_buf *b, const char *s)
{
	const char *p;
	for (p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '"' || *p == '\\' || *p == 0x7f)
			break;
	if (!*p) {
		pc_buf_puts(b, s);
		return;
	}
	/* Like git's quoted paths: a newline in a name must not forge a line. */
	pc_buf_putc(b, '"');
	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		switch (c) {
		case '\n': pc_buf_puts(b, "\\n"); break;
		case '\t': pc_buf_puts(b, "\\t"); break;
		case '\r': pc_buf_puts(b, "\\r"); break;
		case '"': pc_buf_puts(b, "\\\""); break;
		case '\\': pc_buf_puts(b, "\\\\"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				pc_buf_printf(b, "\\%03o", c);
			else
				pc_buf_putc(b, (char)c);
		}
	}
	pc_buf_putc(b, '"');
}

static const char *sev_color(pc_severity s)
{
	return s == PC_SEV_ERROR ? "\033[1;31m" : s == PC_SEV_WARNING ? "\033[1;33m" : "\033[1;36m";
}

/* The source line, with control characters made visible, and a caret line
 * under the match that keeps tabs so it lines up. */
static void source_lines(pc_buf *b, const pc_finding *x, bool color)
{
	const char *s = x->source;
	size_t i, n = strlen(s), col = x->col ? x->col - 1 : 0;
	if (n > 240 && col < n) { /* minified code: show the neighbourhood */
		size_t from = col > 80 ? col - 80 : 0;
		s += from;
		n -= from;
		col -= from;
		if (n > 200)
			n = 200;
	}
	pc_buf_puts(b, "    ");
	for (i = 0; i < n; i++)
		pc_buf_putc(b, (unsigned char)s[i] < 0x20 && s[i] != '\t' ? '?' : s[i]);
	pc_buf_puts(b, "\n    ");
	for (i = 0; i < col && i < n; i++)
		pc_buf_putc(b, s[i] == '\t' ? '\t' : ' ');
	if (color)
		pc_buf_puts(b, "\033[1;32m");
	pc_buf_putc(b, '^');
	for (i = 1; i < x->span; i++)
		pc_buf_putc(b, '~');
	if (color)
		pc_buf_puts(b, "\033[0m");
	pc_buf_putc(b, '\n');
}

static void plural(pc_buf *b, size_t n, const char *what)
{
	pc_buf_printf(b, "%zu %s%s", n, what, n == 1 ? "" : "s");
}

static void report_text(pc_buf *b, const pc_findings *f, const pc_report_opts *o)
{
	const char *last_commit = NULL;
	size_t i, j, npins = 0;

	for (i = 0; i < f->n; i++) {
		const pc_finding *x = &f->items[i];
		if (x->suppressed)
			continue;
		if (x->commit && (!last_commit || strcmp(last_commit, x->commit))) {
			pc_buf_printf(b, "%scommit %.12s%s %s\n", o->color ? "\033[33m" : "", x->commit,
				      o->color ? "\033[0m" : "", x->subject ? x->subject : "");
			last_commit = x->commit;
		}
		if (o->color)
			pc_buf_puts(b, "\033[1m");
		pc_report_quote_path(b, x->path ? x->path : "");
		if (x->line)
			pc_buf_printf(b, ":%zu:%zu", x->line, x->col);
		pc_buf_puts(b, ": ");
		if (o->color)
			pc_buf_printf(b, "\033[0m%s", sev_color(x->severity));
		pc_buf_printf(b, "%s[%s]", pc_severity_name(x->severity), pc_kind_name(x->kind));
		if (o->color)
			pc_buf_puts(b, "\033[0m");
		pc_buf_printf(b, " %s", x->message ? x->message : "");
		if (x->rule)
			pc_buf_printf(b, " [%s]", x->rule);
		pc_buf_putc(b, '\n');
		if (!o->quiet && x->source)
			source_lines(b, x, o->color);
	}

	pc_buf_puts(b, "pincheck: ");
	plural(b, pc_findings_count(f, PC_SEV_ERROR), "error");
	pc_buf_puts(b, ", ");
	plural(b, pc_findings_count(f, PC_SEV_WARNING), "warning");
	if (pc_findings_suppressed(f))
		pc_buf_printf(b, " (%zu suppressed)", pc_findings_suppressed(f));
	pc_buf_puts(b, " in ");
	if (f->commits) {
		plural(b, f->commits, "commit");
		pc_buf_puts(b, ", ");
	}
	plural(b, f->files, "file");
	if (f->binary_skipped) {
		pc_buf_puts(b, "; ");
		plural(b, f->binary_skipped, "binary file");
		pc_buf_puts(b, " skipped");
	}
	if (f->large_skipped) {
		pc_buf_puts(b, "; ");
		plural(b, f->large_skipped, "file");
		pc_buf_puts(b, " over 16 MiB skipped");
	}
	/* Name the fix once per alias: "pin gpt-4o as gpt-4o-2024-08-06". */
	for (i = 0; i < f->n; i++) {
		const pc_finding *x = &f->items[i];
		if (x->suppressed || x->kind != PC_KIND_ALIAS || !x->suggest)
			continue;
		for (j = 0; j < i; j++)
			if (!f->items[j].suppressed && f->items[j].suggest &&
			    f->items[j].kind == PC_KIND_ALIAS && !strcmp(f->items[j].model, x->model))
				break;
		if (j < i)
			continue;
		pc_buf_printf(b, "%s %s as %s", npins++ ? "," : "; pin", x->model, x->suggest);
	}
	pc_buf_putc(b, '\n');
}

static void json_str_or_null(pc_buf *b, const char *s)
{
	if (s)
		pc_buf_put_json(b, s, strlen(s));
	else
		pc_buf_puts(b, "null");
}

static void report_json(pc_buf *b, const pc_findings *f)
{
	size_t i, shown = 0;
	pc_buf_puts(b, "{\"version\": 1,\n \"findings\": [");
	for (i = 0; i < f->n; i++) {
		const pc_finding *x = &f->items[i];
		if (x->suppressed)
			continue;
		pc_buf_puts(b, shown++ ? ",\n  " : "\n  ");
		pc_buf_printf(b, "{\"kind\": \"%s\", \"severity\": \"%s\", \"rule\": ",
			      pc_kind_name(x->kind), pc_severity_name(x->severity));
		json_str_or_null(b, x->rule);
		pc_buf_puts(b, ", \"provider\": ");
		json_str_or_null(b, x->provider);
		pc_buf_puts(b, ", \"model\": ");
		json_str_or_null(b, x->model);
		pc_buf_puts(b, ", \"suggest\": ");
		json_str_or_null(b, x->suggest);
		pc_buf_puts(b, ", \"path\": ");
		json_str_or_null(b, x->path);
		if (x->line)
			pc_buf_printf(b, ", \"line\": %zu, \"column\": %zu", x->line, x->col);
		else
			pc_buf_puts(b, ", \"line\": null, \"column\": null");
		pc_buf_puts(b, ", \"commit\": ");
		json_str_or_null(b, x->commit);
		pc_buf_puts(b, ", \"message\": ");
		json_str_or_null(b, x->message);
		pc_buf_putc(b, '}');
	}
	pc_buf_printf(b, "%s],\n \"summary\": {\"errors\": %zu, \"warnings\": %zu, "
		      "\"suppressed\": %zu, \"files\": %zu, \"commits\": %zu, "
		      "\"binary_skipped\": %zu, \"large_skipped\": %zu}}\n",
		      shown ? "\n " : "", pc_findings_count(f, PC_SEV_ERROR),
		      pc_findings_count(f, PC_SEV_WARNING), pc_findings_suppressed(f), f->files,
		      f->commits, f->binary_skipped, f->large_skipped);
}

void pc_report(FILE *out, const pc_findings *f, const pc_report_opts *o)
{
	pc_buf b = PC_BUF_INIT;
	if (o->format == PC_FORMAT_JSON)
		report_json(&b, f);
	else
		report_text(&b, f, o);
	fwrite(b.ptr, 1, b.len, out);
	fflush(out);
	pc_buf_free(&b);
}
