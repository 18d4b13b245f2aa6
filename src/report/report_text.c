/*
 * report_text.c: the text reporter, in the form compilers and editors parse:
 * PATH:LINE:COL: SEVERITY[KIND] MESSAGE [RULE], the source line and a caret
 * line, a commit header in commit checks, and a summary line that names the
 * pin to use for each alias (SPEC section 3).
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/limits.h"
#include "pincheck/report.h"
#include "report_internal.h"

static const char *sev_color(pc_severity s)
{
	return s == PC_SEV_ERROR ? "\033[1;31m" : s == PC_SEV_WARNING ? "\033[1;33m" : "\033[1;36m";
}

/* Text of a finding's field, control characters made visible. */
static void put_field(pc_buf *b, const char *s)
{
	if (s)
		pc_buf_put_visible(b, s, strlen(s));
}

/* The source line, with control characters made visible, and a caret line
 * under the match: a tab under a tab, a space under every other character
 * shown before the match (so four under a `\x1b`). */
static void source_lines(pc_buf *b, const pc_finding *x, bool color)
{
	const char *s = x->source;
	size_t i, n = strlen(s), col = x->source_col ? x->source_col - 1 : 0;
	pc_buf pre = PC_BUF_INIT;
	if (col > n)
		col = n;
	pc_buf_put_visible(&pre, s, col);
	pc_buf_puts(b, "    ");
	pc_buf_put(b, pre.ptr ? pre.ptr : "", pre.len);
	pc_buf_put_visible(b, s + col, n - col);
	pc_buf_puts(b, "\n    ");
	for (i = 0; i < pre.len; i++)
		if (((unsigned char)pre.ptr[i] & 0xc0) != 0x80) /* one per character */
			pc_buf_putc(b, pre.ptr[i] == '\t' ? '\t' : ' ');
	pc_buf_free(&pre);
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

/* "commit 1234567890ab (REF) SUBJECT" before a commit's first finding. */
static void commit_header(pc_buf *b, const pc_finding *x, bool color)
{
	pc_buf_printf(b, "%scommit %.12s%s", color ? "\033[33m" : "", x->commit,
		      color ? "\033[0m" : "");
	if (x->ref) {
		pc_buf_puts(b, " (");
		put_field(b, x->ref);
		pc_buf_putc(b, ')');
	}
	pc_buf_putc(b, ' ');
	put_field(b, x->subject);
	pc_buf_putc(b, '\n');
}

/* PATH:LINE:COL: SEVERITY[KIND] MESSAGE [RULE], then the source lines. */
static void finding(pc_buf *b, const pc_finding *x, const pc_report_opts *o)
{
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
	pc_buf_putc(b, ' ');
	put_field(b, x->message);
	if (x->rule) {
		pc_buf_puts(b, " [");
		put_field(b, x->rule);
		pc_buf_putc(b, ']');
	}
	pc_buf_putc(b, '\n');
	if (!o->quiet && x->source)
		source_lines(b, x, o->color);
}

/* "; N binary files skipped" and the like, when N is not 0. */
static void skipped(pc_buf *b, size_t n, const char *what, const char *rest)
{
	if (!n)
		return;
	pc_buf_puts(b, "; ");
	plural(b, n, what);
	pc_buf_puts(b, rest);
}

/* Is alias `model` among the first n of `named`? */
static bool named_before(const char *const *named, size_t n, const char *model)
{
	size_t j;
	for (j = 0; j < n; j++)
		if (!strcmp(named[j], model))
			return true;
	return false;
}

/* The fix, once per alias: "; pin gpt-4o as gpt-4o-2024-08-06, ...". The
 * summary line started at b->ptr + start stays within PC_MAX_SUMMARY bytes:
 * at most PC_SUMMARY_PINS suggestions are named, only those that fit, and
 * "and N more" counts the rest (the findings above name each). */
static void pins_to_use(pc_buf *b, size_t start, const pc_findings *f)
{
	const char **distinct = pc_calloc(f->n + 1, sizeof(*distinct));
	const char **suggest = pc_calloc(f->n + 1, sizeof(*suggest));
	size_t i, n = 0, shown = 0;
	char more[48];

	for (i = 0; i < f->n; i++) {
		const pc_finding *x = &f->items[i];
		if (x->suppressed || x->kind != PC_KIND_ALIAS || !x->suggest ||
		    named_before(distinct, n, x->model))
			continue;
		suggest[n] = x->suggest;
		distinct[n++] = x->model;
	}
	for (i = 0; i < n && shown < PC_SUMMARY_PINS; i++, shown++) {
		pc_buf item = PC_BUF_INIT;
		pc_buf_puts(&item, shown ? ", " : "; pin ");
		pc_buf_put_visible(&item, distinct[i], strlen(distinct[i]));
		pc_buf_puts(&item, " as ");
		pc_buf_put_visible(&item, suggest[i], strlen(suggest[i]));
		snprintf(more, sizeof(more), " and %zu more", n - i - 1);
		if (b->len - start + item.len + (i + 1 < n ? strlen(more) : 0) > PC_MAX_SUMMARY) {
			pc_buf_free(&item);
			break;
		}
		pc_buf_put(b, item.ptr, item.len);
		pc_buf_free(&item);
	}
	if (shown < n) {
		if (shown)
			snprintf(more, sizeof(more), " and %zu more", n - shown);
		else
			snprintf(more, sizeof(more), "; %zu alias%s to pin", n, n == 1 ? "" : "es");
		if (b->len - start + strlen(more) <= PC_MAX_SUMMARY)
			pc_buf_puts(b, more);
	}
	free(distinct);
	free(suggest);
}

static void summary(pc_buf *b, const pc_findings *f)
{
	size_t limit = f->max_size ? f->max_size : PC_MAX_FILE_SIZE;
	size_t start = b->len;
	char over[64];
	pc_buf_puts(b, "pincheck: ");
	plural(b, pc_findings_count(f, PC_SEV_ERROR), "error");
	pc_buf_puts(b, ", ");
	plural(b, pc_findings_count(f, PC_SEV_WARNING), "warning");
	if (pc_findings_suppressed(f))
		pc_buf_printf(b, " (%zu suppressed)", pc_findings_suppressed(f));
	if (f->baselined)
		pc_buf_printf(b, " (%zu in the baseline)", f->baselined);
	pc_buf_puts(b, " in ");
	if (f->commits || f->of_commits) {
		plural(b, f->commits, "commit");
		pc_buf_puts(b, ", ");
	}
	plural(b, f->files, "file");
	skipped(b, f->binary_skipped, "binary file", " skipped");
	if (limit % (1024 * 1024) == 0)
		snprintf(over, sizeof(over), " over %zu MiB skipped", limit / (1024 * 1024));
	else
		snprintf(over, sizeof(over), " over %zu bytes skipped", limit);
	skipped(b, f->large_skipped, "file", over);
	skipped(b, f->submodules_skipped, "submodule", " skipped");
	skipped(b, f->data_skipped, "data file", " skipped");
	pins_to_use(b, start, f);
	pc_buf_putc(b, '\n');
}

void pc_report_text(pc_buf *b, const pc_findings *f, const pc_report_opts *o)
{
	const char *last_commit = NULL;
	size_t i;
	for (i = 0; i < f->n; i++) {
		const pc_finding *x = &f->items[i];
		if (x->suppressed)
			continue;
		if (x->commit && (!last_commit || strcmp(last_commit, x->commit))) {
			commit_header(b, x, o->color);
			last_commit = x->commit;
		}
		finding(b, x, o);
	}
	summary(b, f);
}
