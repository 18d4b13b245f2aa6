/*
 * report_inventory.c: the inventory (`pins`) and the drill (`drill`) in
 * every format they have: tables, not findings in files, so SARIF and
 * workflow annotations have no place for them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/report.h"
#include "report_internal.h"

void pc_report_lifecycle_json(pc_buf *b, const char *deprecated, const char *retires,
			      const char *replacement)
{
	pc_buf_puts(b, ", \"deprecated\": ");
	pc_buf_put_json_or_null(b, deprecated);
	pc_buf_puts(b, ", \"retires\": ");
	pc_buf_put_json_or_null(b, retires);
	pc_buf_puts(b, ", \"replacement\": ");
	pc_buf_put_json_or_null(b, replacement);
}

/* One model per line, so line tools can read it too. What it looked at
 * (repository, revision) comes first, so that `merge` can tell inventories
 * apart; each id's lifecycle and drill status, when known, come before its
 * locations. */
static void pins_json(pc_buf *b, const pc_inventory *inv)
{
	size_t i, j;
	pc_buf_puts(b, "{\"version\": 1, \"repository\": ");
	pc_buf_put_json_or_null(b, inv->id.repository);
	pc_buf_puts(b, ", \"revision\": ");
	pc_buf_put_json_or_null(b, inv->id.revision);
	pc_buf_puts(b, ", \"today\": ");
	pc_buf_put_json_or_null(b, *inv->today ? inv->today : NULL);
	pc_buf_puts(b, ", \"models\": [");
	for (i = 0; i < inv->n; i++) {
		const pc_inventory_entry *e = &inv->e[i];
		pc_buf_puts(b, i ? ",\n  " : "\n  ");
		pc_buf_puts(b, "{\"model\": ");
		pc_buf_put_json(b, e->model, strlen(e->model));
		pc_buf_puts(b, ", \"provider\": ");
		pc_buf_put_json(b, e->rule->provider, strlen(e->rule->provider));
		pc_buf_printf(b, ", \"class\": \"%s\", \"rule\": ", pc_class_name(e->rule->cls));
		pc_buf_put_json(b, e->rule->id, strlen(e->rule->id));
		pc_buf_printf(b, ", \"count\": %zu", e->n);
		if (*inv->today) {
			pc_report_lifecycle_json(b, e->life ? e->life->deprecated : NULL,
						 e->life ? e->life->retires : NULL,
						 e->life ? e->life->replacement : NULL);
			pc_buf_puts(b, ", \"drill\": ");
			pc_buf_put_json_or_null(b, e->drill);
		}
		pc_buf_puts(b, ", \"locations\": [");
		for (j = 0; j < e->n; j++) {
			pc_buf_puts(b, j ? ", {\"path\": " : "{\"path\": ");
			pc_buf_put_json(b, e->locs[j].path, strlen(e->locs[j].path));
			pc_buf_printf(b, ", \"line\": %zu, \"column\": %zu, \"prose\": %s, "
				      "\"role\": \"%s\"}", e->locs[j].line, e->locs[j].col,
				      e->locs[j].prose ? "true" : "false", pc_role_name(e->locs[j].role));
		}
		pc_buf_puts(b, "]}");
	}
	pc_buf_puts(b, inv->n ? "\n]}\n" : "]}\n");
}

static void pins_rows(pc_buf *b, const pc_inventory *inv, pc_format fmt)
{
	static const char *const names[] = { "model", "provider", "class", "rule", "count",
					      "locations" };
	const char **cells = pc_calloc((inv->n + 1) * 6, sizeof(*cells));
	pc_buf *locs = pc_calloc(inv->n + 1, sizeof(*locs));
	char (*count)[24] = pc_calloc(inv->n + 1, sizeof(*count));
	size_t i, j;

	memcpy(cells, names, sizeof(names));
	for (i = 0; i < inv->n; i++) {
		const pc_inventory_entry *e = &inv->e[i];
		const char **v = cells + (i + 1) * 6;
		for (j = 0; j < e->n; j++)
			pc_buf_printf(&locs[i], "%s%s:%zu:%zu", j ? " " : "", e->locs[j].path,
				      e->locs[j].line, e->locs[j].col);
		snprintf(count[i], sizeof(count[i]), "%zu", e->n);
		v[0] = e->model, v[1] = e->rule->provider, v[2] = pc_class_name(e->rule->cls);
		v[3] = e->rule->id, v[4] = count[i], v[5] = locs[i].ptr ? locs[i].ptr : "";
	}
	pc_report_cells(b, fmt, cells, 6, inv->n + 1, 0);
	for (i = 0; i < inv->n; i++)
		pc_buf_free(&locs[i]);
	free(locs);
	free(count);
	free(cells);
}

static size_t max_len(size_t w, const char *s)
{
	size_t n = strlen(s);
	return n > w ? n : w;
}

/* One line a model, its columns as wide as their longest cell (no id is
 * ever cut), then with -v its locations. */
static void pins_text(pc_buf *b, const pc_inventory *inv, bool verbose)
{
	size_t i, j, wm = 0, wc = 0, wp = 0;
	for (i = 0; i < inv->n; i++) {
		wm = max_len(wm, inv->e[i].model);
		wc = max_len(wc, pc_class_name(inv->e[i].rule->cls));
		wp = max_len(wp, inv->e[i].rule->provider);
	}
	for (i = 0; i < inv->n; i++) {
		const pc_inventory_entry *e = &inv->e[i];
		pc_buf_printf(b, "%-*s %-*s %-*s %zu\n", (int)wm, e->model, (int)wc,
			      pc_class_name(e->rule->cls), (int)wp, e->rule->provider, e->n);
		for (j = 0; verbose && j < e->n; j++) {
			pc_buf_puts(b, "    ");
			pc_report_quote_path(b, e->locs[j].path);
			pc_buf_printf(b, ":%zu:%zu", e->locs[j].line, e->locs[j].col);
			if (e->locs[j].role != PC_ROLE_CHOICE)
				pc_buf_printf(b, " (%s)", pc_role_name(e->locs[j].role));
			pc_buf_putc(b, '\n');
		}
	}
	pc_buf_printf(b, "pincheck: %zu model id%s in %zu file%s\n", inv->n, inv->n == 1 ? "" : "s",
		      inv->files, inv->files == 1 ? "" : "s");
}

void pc_report_pins(pc_buf *b, const pc_inventory *inv, pc_format fmt, bool verbose)
{
	if (fmt == PC_FORMAT_JSON)
		pins_json(b, inv);
	else if (fmt == PC_FORMAT_CSV || fmt == PC_FORMAT_MARKDOWN)
		pins_rows(b, inv, fmt);
	else
		pins_text(b, inv, verbose);
}

static void drill_json(pc_buf *b, const pc_drill *d)
{
	size_t i;
	pc_buf_printf(b, "{\"version\": 1, \"today\": \"%s\", \"models\": [", d->today);
	for (i = 0; i < d->n; i++) {
		const pc_drill_row *r = &d->rows[i];
		pc_buf_puts(b, i ? ",\n  {\"model\": " : "\n  {\"model\": ");
		pc_buf_put_json(b, r->e->model, strlen(r->e->model));
		pc_buf_puts(b, ", \"provider\": ");
		pc_buf_put_json(b, r->e->rule->provider, strlen(r->e->rule->provider));
		pc_buf_puts(b, ", \"snapshot_date\": ");
		pc_buf_put_json_or_null(b, *r->snap ? r->snap : NULL);
		if (r->age >= 0)
			pc_buf_printf(b, ", \"age_days\": %ld", r->age);
		else
			pc_buf_puts(b, ", \"age_days\": null");
		pc_report_lifecycle_json(b, r->life ? r->life->deprecated : NULL,
					 r->life ? r->life->retires : NULL,
					 r->life ? r->life->replacement : NULL);
		pc_buf_puts(b, ", \"candidate\": ");
		pc_buf_put_json_or_null(b, r->candidate);
		pc_buf_puts(b, ", \"last_eval\": ");
		if (r->ev) {
			pc_buf_puts(b, "{\"path\": ");
			pc_buf_put_json(b, r->ev->path, strlen(r->ev->path));
			pc_buf_printf(b, ", \"date\": \"%s\"}", r->evdate);
		} else {
			pc_buf_puts(b, "null");
		}
		pc_buf_printf(b, ", \"next_drill\": \"%s\", \"status\": \"%s\", \"count\": %zu}",
			      r->ev ? r->next : d->today, r->status, r->e->n);
	}
	pc_buf_printf(b, "%s], \"summary\": {\"models\": %zu, \"needs_attention\": %zu}}\n",
		      d->n ? "\n" : "", d->n, d->attention);
}

/* Rows of the drill whose status is `status`. */
static size_t rows_with(const pc_drill *d, const char *status)
{
	size_t i, n = 0;
	for (i = 0; i < d->n; i++)
		n += !strcmp(d->rows[i].status, status);
	return n;
}

/* ", N WHAT" when N is not 0; the first one opens with " (". */
static void count_part(pc_buf *b, bool *first, size_t n, const char *what)
{
	if (!n)
		return;
	pc_buf_printf(b, "%s%zu %s", *first ? " (" : ", ", n, what);
	*first = false;
}

/* What the drill counts, in the words of its STATUS column: the models
 * that need attention (and fail it) by status, then the no-eval ones,
 * reported but failing no drill (SPEC section 6). */
static void drill_summary(pc_buf *b, const pc_drill *d)
{
	size_t no_eval = rows_with(d, "no-eval");
	bool first = true;
	char retiring[64];

	snprintf(retiring, sizeof(retiring), "retiring within %ld days", d->warn_days);
	pc_buf_printf(b, "pincheck: %zu pinned model%s; %zu need%s attention", d->n,
		      d->n == 1 ? "" : "s", d->attention, d->attention == 1 ? "s" : "");
	count_part(b, &first, rows_with(d, "retired"), "retired");
	count_part(b, &first, rows_with(d, "retiring"), retiring);
	count_part(b, &first, rows_with(d, "overdue"), "overdue");
	if (!first)
		pc_buf_putc(b, ')');
	if (no_eval)
		pc_buf_printf(b, "; %zu no-eval (no passing eval on record, which fails no drill)",
			      no_eval);
	pc_buf_putc(b, '\n');
}

/* Text, CSV and Markdown: one table. Text keeps its column titles, "-" for
 * an unknown date and "now" for a drill due today; CSV and Markdown have
 * the fields and values of the JSON (an unknown value is an empty cell). */
static void drill_table(pc_buf *b, const pc_drill *d, pc_format fmt)
{
	static const char *const titles[] = { "MODEL", "PROVIDER", "SNAPSHOT", "AGE",
					       "DEPRECATED", "RETIRES", "LAST EVAL", "NEXT DRILL",
					       "CANDIDATE", "STATUS" };
	static const char *const names[] = { "model", "provider", "snapshot_date", "age_days",
					      "deprecated", "retires", "replacement", "candidate",
					      "last_eval", "last_eval_path", "next_drill", "status",
					      "count" };
	bool text = fmt == PC_FORMAT_TEXT;
	size_t ncols = text ? sizeof(titles) / sizeof(titles[0]) : sizeof(names) / sizeof(names[0]);
	const char **cells = pc_calloc((d->n + 1) * ncols, sizeof(*cells));
	char (*count)[24] = pc_calloc(d->n + 1, sizeof(*count));
	char (*age)[24] = pc_calloc(d->n + 1, sizeof(*age));
	const char *none = text ? "-" : NULL;
	size_t i;

	memcpy(cells, text ? titles : names, ncols * sizeof(*cells));
	for (i = 0; i < d->n; i++) {
		const pc_drill_row *r = &d->rows[i];
		const char **v = cells + (i + 1) * ncols, *dep = r->life ? r->life->deprecated : NULL;
		const char *ret = r->life ? r->life->retires : NULL;
		if (r->age >= 0)
			snprintf(age[i], sizeof(age[i]), "%ld", r->age);
		v[0] = r->e->model, v[1] = r->e->rule->provider;
		v[2] = *r->snap ? r->snap : none, v[3] = r->age >= 0 ? age[i] : none;
		v[4] = dep ? dep : none, v[5] = ret ? ret : none;
		if (text) {
			v[6] = r->ev ? r->evdate : none, v[7] = r->ev ? r->next : "now";
			v[8] = r->candidate ? r->candidate : none, v[9] = r->status;
			continue;
		}
		snprintf(count[i], sizeof(count[i]), "%zu", r->e->n);
		v[6] = r->life ? r->life->replacement : NULL, v[7] = r->candidate;
		v[8] = r->ev ? r->evdate : NULL, v[9] = r->ev ? r->ev->path : NULL;
		v[10] = r->ev ? r->next : d->today, v[11] = r->status, v[12] = count[i];
	}
	pc_report_cells(b, fmt, cells, ncols, d->n + 1, text ? 1u << 3 : 0);
	free(cells);
	free(count);
	free(age);
	if (text)
		drill_summary(b, d);
}

void pc_report_drill(pc_buf *b, const pc_drill *d, pc_format fmt)
{
	if (fmt == PC_FORMAT_JSON)
		drill_json(b, d);
	else
		drill_table(b, d, fmt);
}
