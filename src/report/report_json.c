/*
 * report_json.c: the json reporter: one object, stable for tools
 * ({"version": 1, "findings": [...], "summary": {...}}, SPEC section 3).
 */
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/report.h"
#include "report_internal.h"

void pc_report_json(pc_buf *b, const pc_findings *f)
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
		pc_buf_put_json_or_null(b, x->rule);
		pc_buf_puts(b, ", \"provider\": ");
		pc_buf_put_json_or_null(b, x->provider);
		pc_buf_puts(b, ", \"model\": ");
		pc_buf_put_json_or_null(b, x->model);
		pc_buf_puts(b, ", \"suggest\": ");
		pc_buf_put_json_or_null(b, x->suggest);
		pc_buf_puts(b, ", \"path\": ");
		pc_buf_put_json_or_null(b, x->path);
		if (x->line)
			pc_buf_printf(b, ", \"line\": %zu, \"column\": %zu", x->line, x->col);
		else
			pc_buf_puts(b, ", \"line\": null, \"column\": null");
		pc_buf_puts(b, ", \"commit\": ");
		pc_buf_put_json_or_null(b, x->commit);
		if (x->ref) {
			pc_buf_puts(b, ", \"ref\": ");
			pc_buf_put_json_or_null(b, x->ref);
		}
		pc_buf_puts(b, ", \"message\": ");
		pc_buf_put_json_or_null(b, x->message);
		pc_buf_putc(b, '}');
	}
	pc_buf_printf(b, "%s],\n \"summary\": {\"errors\": %zu, \"warnings\": %zu, "
		      "\"suppressed\": %zu, \"files\": %zu, \"commits\": %zu, "
		      "\"binary_skipped\": %zu, \"large_skipped\": %zu, \"submodules_skipped\": %zu, \"data_skipped\": %zu, \"baselined\": %zu}}\n",
		      shown ? "\n " : "", pc_findings_count(f, PC_SEV_ERROR),
		      pc_findings_count(f, PC_SEV_WARNING), pc_findings_suppressed(f), f->files,
		      f->commits, f->binary_skipped, f->large_skipped, f->submodules_skipped, f->data_skipped,
		      f->baselined);
}

