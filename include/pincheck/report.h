/*
 * report.h: printing findings (SPEC section 3): `text` for people and
 * editors (PATH:LINE:COL: SEVERITY[KIND] MESSAGE [RULE], source and caret
 * lines, a summary line) and `json` for tools.
 */
#ifndef PINCHECK_REPORT_H
#define PINCHECK_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "buf.h"
#include "finding.h"

typedef enum {
	PC_FORMAT_TEXT = 0,
	PC_FORMAT_JSON,
} pc_format;

typedef struct {
	pc_format format;
	bool color;
	bool quiet;   /**< text: no source and caret lines */
} pc_report_opts;

/** Parse a --format value; -1 if unknown. */
int pc_format_parse(pc_format *out, const char *s);

void pc_report(FILE *out, const pc_findings *f, const pc_report_opts *o);

/** Append `s` to b as a path a terminal shows safely (C-quoted if needed). */
void pc_report_quote_path(pc_buf *b, const char *s);

#endif
