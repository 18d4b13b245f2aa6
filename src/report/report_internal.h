/*
 * report_internal.h: the reporters behind pc_report(), one file each.
 */
#ifndef PINCHECK_REPORT_INTERNAL_H
#define PINCHECK_REPORT_INTERNAL_H

#include "pincheck/buf.h"
#include "pincheck/report.h"

void pc_report_text(pc_buf *b, const pc_findings *f, const pc_report_opts *o);
void pc_report_json(pc_buf *b, const pc_findings *f);
void pc_report_sarif(pc_buf *b, const pc_findings *f);
void pc_report_github(pc_buf *b, const pc_findings *f);
void pc_report_table(pc_buf *b, const pc_findings *f, bool csv);

#endif
