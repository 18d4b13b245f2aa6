/*
 * report_merge.c: a merged inventory (`pincheck merge`, merge.h) in every
 * format `pins` has: a table (text, CSV, Markdown) of one row a model with
 * the repositories that use it, JSON with each repository's use, and a
 * CycloneDX BOM (report_cyclonedx.c's pieces).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/report.h"
#include "report_internal.h"

static void str(pc_buf *b, const char *s)
{
	pc_buf_put_json(b, s, strlen(s));
}

static void roles_json(pc_buf *b, const size_t roles[PC_MERGE_ROLES])
{
	size_t k;
	pc_buf_puts(b, "\"roles\": {");
	for (k = 0; k < PC_MERGE_ROLES; k++)
		pc_buf_printf(b, "%s\"%s\": %zu", k ? ", " : "", pc_role_name((pc_role)k), roles[k]);
	pc_buf_putc(b, '}');
}

static void merge_json(pc_buf *b, const pc_merge *m)
{
	size_t i, j;
	pc_buf_puts(b, "{\"version\": 1, \"inputs\": [");
	for (i = 0; i < m->ninputs; i++) {
		const pc_merge_input *in = &m->inputs[i];
		pc_buf_puts(b, i ? ",\n  {\"path\": " : "\n  {\"path\": ");
		str(b, in->path);
		pc_buf_puts(b, ", \"repository\": ");
		str(b, in->repository);
		pc_buf_puts(b, ", \"revision\": ");
		pc_buf_put_json_or_null(b, in->revision);
		pc_buf_puts(b, ", \"today\": ");
		pc_buf_put_json_or_null(b, in->today);
		pc_buf_putc(b, '}');
	}
	pc_buf_puts(b, m->ninputs ? "\n ],\n \"models\": [" : "],\n \"models\": [");
	for (i = 0; i < m->nrows; i++) {
		const pc_merge_row *r = &m->rows[i];
		pc_buf_puts(b, i ? ",\n  {\"model\": " : "\n  {\"model\": ");
		str(b, r->model);
		pc_buf_puts(b, ", \"provider\": ");
		str(b, r->provider);
		pc_buf_puts(b, ", \"class\": ");
		str(b, r->cls);
		pc_buf_printf(b, ", \"count\": %zu, ", r->count);
		roles_json(b, r->roles);
		pc_report_lifecycle_json(b, r->deprecated, r->retires, r->replacement);
		pc_buf_puts(b, ", \"drill\": ");
		pc_buf_put_json_or_null(b, r->drill);
		pc_buf_puts(b, ", \"repositories\": [");
		for (j = 0; j < r->nuses; j++) {
			const pc_merge_use *u = &r->uses[j];
			pc_buf_puts(b, j ? ", {\"repository\": " : "{\"repository\": ");
			str(b, u->in->repository);
			pc_buf_puts(b, ", \"revision\": ");
			pc_buf_put_json_or_null(b, u->in->revision);
			pc_buf_printf(b, ", \"count\": %zu, ", u->count);
			roles_json(b, u->roles);
			pc_buf_puts(b, ", \"drill\": ");
			pc_buf_put_json_or_null(b, u->drill);
			pc_buf_putc(b, '}');
		}
		pc_buf_puts(b, "]}");
	}
	pc_buf_printf(b, "%s],\n \"summary\": {\"models\": %zu, \"inputs\": %zu}}\n",
		      m->nrows ? "\n " : "", m->nrows, m->ninputs);
}

enum { NCOLS = 14 };

/* One row a model. Text has titles, "-" for what is unknown and leaves out
 * the replacement; CSV and Markdown have the JSON's field names and an
 * empty cell for what is unknown. The repositories are the last column,
 * separated by spaces. */
static void merge_table(pc_buf *b, const pc_merge *m, pc_format fmt)
{
	static const char *const titles[NCOLS] = { "MODEL", "PROVIDER", "CLASS", "REPOS", "REFS",
						   "CHOICE", "MENTION", "DATA", "PROSE",
						   "DEPRECATED", "RETIRES", "DRILL", "REPOSITORIES",
						   NULL };
	static const char *const names[NCOLS] = { "model", "provider", "class", "inputs", "count",
						  "choice", "mention", "data", "prose",
						  "deprecated", "retires", "replacement", "drill",
						  "repositories" };
	bool text = fmt == PC_FORMAT_TEXT;
	size_t ncols = text ? NCOLS - 1 : NCOLS, i, j, k;
	const char **cells = pc_calloc((m->nrows + 1) * ncols, sizeof(*cells));
	char (*num)[7][24] = pc_calloc(m->nrows + 1, sizeof(*num));
	pc_buf *repos = pc_calloc(m->nrows + 1, sizeof(*repos));
	const char *none = text ? "-" : NULL;

	memcpy(cells, text ? titles : names, ncols * sizeof(*cells));
	for (i = 0; i < m->nrows; i++) {
		const pc_merge_row *r = &m->rows[i];
		const char **v = cells + (i + 1) * ncols;
		for (j = 0; j < r->nuses; j++)
			pc_buf_printf(&repos[i], "%s%s", j ? " " : "", r->uses[j].in->repository);
		snprintf(num[i][0], sizeof(num[i][0]), "%zu", r->nuses);
		snprintf(num[i][1], sizeof(num[i][1]), "%zu", r->count);
		for (k = 0; k < PC_MERGE_ROLES; k++)
			snprintf(num[i][2 + k], sizeof(num[i][2 + k]), "%zu", r->roles[k]);
		v[0] = r->model, v[1] = r->provider, v[2] = r->cls;
		for (k = 0; k < 6; k++)
			v[3 + k] = num[i][k];
		v[9] = r->deprecated ? r->deprecated : none, v[10] = r->retires ? r->retires : none;
		k = 11;
		if (!text)
			v[k++] = r->replacement;
		v[k++] = r->drill ? r->drill : none;
		v[k] = repos[i].ptr ? repos[i].ptr : "";
	}
	/* the counts right-aligned in text */
	pc_report_cells(b, fmt, cells, ncols, m->nrows + 1, text ? 0x1f8u : 0);
	if (text)
		pc_buf_printf(b, "pincheck: %zu model id%s in %zu inventor%s\n", m->nrows,
			      m->nrows == 1 ? "" : "s", m->ninputs, m->ninputs == 1 ? "y" : "ies");
	for (i = 0; i < m->nrows; i++)
		pc_buf_free(&repos[i]);
	free(repos);
	free(num);
	free(cells);
}

void pc_report_merge(pc_buf *b, const pc_merge *m, pc_format fmt)
{
	if (fmt == PC_FORMAT_JSON)
		merge_json(b, m);
	else
		merge_table(b, m, fmt);
}
