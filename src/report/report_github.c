/*
 * report_github.c: GitHub Actions workflow commands, so a CI job annotates
 * the pull request: `::error file=PATH,line=L,col=C::MESSAGE` (SPEC section 3).
 */
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/report.h"
#include "report_internal.h"

/* Workflow command escaping: data escapes %, CR, LF; properties also
 * ':' and ',' which separate them. So no newline in a path or a message
 * can start a command of its own. Other control bytes (ESC: the log
 * viewer reads colours) are shown as %XX too, which the runner leaves
 * as they are. */
static void escape(pc_buf *b, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': pc_buf_puts(b, "%25"); break;
		case '\r': pc_buf_puts(b, "%0D"); break;
		case '\n': pc_buf_puts(b, "%0A"); break;
		case ':': pc_buf_puts(b, property ? "%3A" : ":"); break;
		case ',': pc_buf_puts(b, property ? "%2C" : ","); break;
		default:
			if ((unsigned char)*s < 0x20 || *s == 0x7f)
				pc_buf_printf(b, "%%%02X", (unsigned char)*s);
			else
				pc_buf_putc(b, *s);
		}
	}
}

void pc_report_github(pc_buf *b, const pc_findings *f)
{
	size_t i;
	for (i = 0; i < f->n; i++) {
		const pc_finding *x = &f->items[i];
		const char *cmd = x->severity == PC_SEV_ERROR ? "error"
				  : x->severity == PC_SEV_WARNING ? "warning" : "notice";
		if (x->suppressed)
			continue;
		pc_buf_printf(b, "::%s file=", cmd);
		escape(b, x->path ? x->path : "", true);
		if (x->line)
			pc_buf_printf(b, ",line=%zu,col=%zu", x->line, x->col);
		pc_buf_puts(b, "::");
		if (x->commit)
			pc_buf_printf(b, "commit %.12s: ", x->commit);
		pc_buf_printf(b, "%s[%s] ", pc_severity_name(x->severity), pc_kind_name(x->kind));
		escape(b, x->message ? x->message : "", false);
		if (x->rule) {
			pc_buf_puts(b, " [");
			escape(b, x->rule, false);
			pc_buf_putc(b, ']');
		}
		pc_buf_putc(b, '\n');
	}
}
