/*
 * report.h: printing findings (SPEC section 3): `text` for people and
 * editors, `json` for tools, `sarif` for code scanning, `github` for
 * GitHub Actions annotations.
 */
#ifndef PINCHECK_REPORT_H
#define PINCHECK_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "buf.h"
#include "config.h"
#include "finding.h"
#include "fix.h"
#include "inventory.h"
#include "merge.h"

typedef enum {
	PC_FORMAT_TEXT = 0,
	PC_FORMAT_JSON,
	PC_FORMAT_SARIF,  /**< SARIF 2.1.0, for code-scanning uploads */
	PC_FORMAT_GITHUB, /**< GitHub Actions workflow commands */
	PC_FORMAT_CSV,      /**< RFC 4180 rows, for spreadsheets */
	PC_FORMAT_MARKDOWN, /**< a Markdown table, for reports and PR comments */
	PC_FORMAT_CYCLONEDX, /**< a CycloneDX 1.6 BOM of an inventory (pins, merge) */
} pc_format;

typedef struct {
	pc_format format;
	bool color;
	bool quiet;   /**< text: no source and caret lines */
} pc_report_opts;

/** Parse a --format value; PC_EUSAGE if unknown. */
int pc_format_parse(pc_format *out, const char *s);

/** The --format value that names `f` ("text", "json", ...). */
const char *pc_format_name(pc_format f);

void pc_report(FILE *out, const pc_findings *f, const pc_report_opts *o);


/**
 * Append a table of `nrows` rows of `ncols` cells (row-major; the first row
 * is the header) as `fmt`: TEXT sizes each column to its longest cell (none
 * is cut; control characters shown as pc_buf_put_visible does; bit k of
 * `right` right-aligns column k),
 * CSV quotes fields, MARKDOWN writes a GitHub-flavoured table (header,
 * delimiter row, rows). A NULL cell is empty. Other formats: nothing.
 */
void pc_report_cells(pc_buf *b, pc_format fmt, const char *const *cells, size_t ncols,
		     size_t nrows, unsigned right);

/** Append the inventory as `fmt` (text, json, csv or markdown; anything
 * else: text); text lists each id's locations when `verbose`. JSON has
 * each id's lifecycle and drill status when pc_inventory_lifecycle gave
 * them. */
void pc_report_pins(pc_buf *b, const pc_inventory *inv, pc_format fmt, bool verbose);

/** Append the inventory as a CycloneDX 1.6 BOM (SPEC section 9), made by
 * pincheck `tool_version`: its serial number derived from the repository
 * and revision, its timestamp the revision's commit time. */
void pc_report_pins_bom(pc_buf *b, const pc_inventory *inv, const char *tool_version);

/** Append a merged inventory (`pincheck merge`) as `fmt` (text, json,
 * csv or markdown; anything else: text): one row a model with the
 * repositories that use it. */
void pc_report_merge(pc_buf *b, const pc_merge *m, pc_format fmt);

/** Append a merged inventory as a CycloneDX 1.6 BOM: one component a row,
 * each repository that uses it a `pincheck:repository` property; its
 * serial number derived from every input's repository and revision. */
void pc_report_merge_bom(pc_buf *b, const pc_merge *m, const char *tool_version);

/** Append the drill as `fmt` (text, json, csv or markdown). */
void pc_report_drill(pc_buf *b, const pc_drill *d, pc_format fmt);

/** Append what rule `r` of `rs` means (`rules show ID`): provider and catalog
 * date, class, severity under `cfg`, where it is defined, message, pattern,
 * keywords, suggestions with their lifecycle facts, its tests' examples. */
void pc_report_rule(pc_buf *b, const pc_ruleset *rs, const pc_rule *r, const pc_config *cfg);

/** Append what `pincheck fix` did (`dry`: would do, with --diff): for
 * each alias and pin, how many were fixed; each finding left, and why; a
 * summary line. */
void pc_report_fix(pc_buf *b, const pc_fix_result *res, bool dry);

/** Append what `pincheck bump OLD NEW` did (`dry`: would do): the choices
 * of OLD that became NEW, the approved list that gained it, each edit left
 * and why, and a summary line. */
void pc_report_bump(pc_buf *b, const pc_fix_result *res, const char *old, const char *new,
		    bool dry);

/** Append `s` to b as a path a terminal shows safely (C-quoted if needed). */
void pc_report_quote_path(pc_buf *b, const char *s);

#endif
