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

/* `, "deprecated": D, "retires": R, "replacement": P` (null for NULL):
 * the lifecycle members of pins, drill and merge JSON. */
void pc_report_lifecycle_json(pc_buf *b, const char *deprecated, const char *retires,
			      const char *replacement);

/* The pieces of a CycloneDX BOM (report_cyclonedx.c), for the inventory of
 * one repository and for a merged one. */
void pc_bom_open(pc_buf *b, const char *name, long long time, const char *tool_version);
void pc_bom_prop(pc_buf *b, bool *first, const char *name, const char *value);
void pc_bom_prop_count(pc_buf *b, bool *first, const char *name, size_t n);
void pc_bom_component_open(pc_buf *b, size_t i, const char *model, const char *provider,
			   const char *key);
void pc_bom_common_props(pc_buf *b, bool *first, const char *cls, size_t count,
			 const size_t roles[4], const char *deprecated, const char *retires,
			 const char *replacement, const char *drill);

#endif
