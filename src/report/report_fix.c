/*
 * report_fix.c: what `pincheck fix` did: a line per alias and the pin it
 * became, with a count, then each finding left with its reason; and what
 * `pincheck bump` did, in the same words.
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/report.h"

static int by_change(const void *a, const void *b)
{
	const pc_fix_item *x = *(const pc_fix_item *const *)a, *y = *(const pc_fix_item *const *)b;
	int c = strcmp(x->old, y->old);
	return c ? c : strcmp(x->pin, y->pin);
}

/* `fixed N × ALIAS -> PIN`, one line per alias and pin, in their order. */
static void fixed_counts(pc_buf *b, const pc_fix_result *res, bool dry)
{
	const pc_fix_item **fixed = pc_calloc(res->n ? res->n : 1, sizeof(*fixed));
	size_t i, j, n = 0;
	for (i = 0; i < res->n; i++)
		if (res->items[i].outcome == PC_FIX_FIXED)
			fixed[n++] = &res->items[i];
	if (n > 1)
		qsort(fixed, n, sizeof(*fixed), by_change);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && !by_change(&fixed[i], &fixed[j]); j++)
			;
		pc_buf_printf(b, "%s %zu \xc3\x97 ", dry ? "would fix" : "fixed", j - i);
		pc_buf_put_visible(b, fixed[i]->old, fixed[i]->span);
		pc_buf_puts(b, " -> ");
		pc_buf_put_visible(b, fixed[i]->pin, strlen(fixed[i]->pin));
		pc_buf_putc(b, '\n');
	}
	free(fixed);
}

/* `left PATH:LINE:COL ALIAS: REASON`, in file order. */
static void left_items(pc_buf *b, const pc_fix_result *res)
{
	size_t i;
	for (i = 0; i < res->n; i++) {
		const pc_fix_item *it = &res->items[i];
		if (it->outcome == PC_FIX_FIXED)
			continue;
		pc_buf_puts(b, "left ");
		pc_report_quote_path(b, it->path);
		pc_buf_printf(b, ":%zu:%zu ", it->line, it->col);
		pc_buf_put_visible(b, it->old, it->span ? it->span : strlen(it->old));
		if (it->finding)
			pc_buf_printf(b, " [%s]", pc_kind_name(it->finding->kind));
		pc_buf_printf(b, ": %s\n", pc_fix_reason(it->outcome));
	}
}

void pc_report_fix(pc_buf *b, const pc_fix_result *res, bool dry)
{
	size_t left = pc_fix_left(res);
	fixed_counts(b, res, dry);
	left_items(b, res);
	pc_buf_printf(b, "pincheck: %zu %s in %zu file%s, %zu left\n", res->n - left,
		      dry ? "to fix" : "fixed", res->files, res->files == 1 ? "" : "s", left);
}

void pc_report_bump(pc_buf *b, const pc_fix_result *res, const char *old, const char *new,
		    bool dry)
{
	size_t i, bumped = 0, left = pc_fix_left(res);
	for (i = 0; i < res->n; i++) {
		const pc_fix_item *it = &res->items[i];
		if (it->outcome != PC_FIX_FIXED)
			continue;
		if (it->finding) {
			bumped++;
			continue;
		}
		pc_buf_printf(b, "%s ", dry ? "would approve" : "approved");
		pc_buf_put_visible(b, new, strlen(new));
		pc_buf_puts(b, " in ");
		pc_report_quote_path(b, it->path);
		pc_buf_putc(b, '\n');
	}
	pc_buf_printf(b, "%s %zu \xc3\x97 ", dry ? "would bump" : "bumped", bumped);
	pc_buf_put_visible(b, old, strlen(old));
	pc_buf_puts(b, " -> ");
	pc_buf_put_visible(b, new, strlen(new));
	pc_buf_putc(b, '\n');
	left_items(b, res);
	pc_buf_printf(b, "pincheck: %zu %s in %zu file%s, %zu left\n", res->n - left,
		      dry ? "edits to make" : "edits made", res->files,
		      res->files == 1 ? "" : "s", left);
}
