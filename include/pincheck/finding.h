/*
 * finding.h: what checks produce and reporters print (SPEC sections 1, 3).
 */
#ifndef PINCHECK_FINDING_H
#define PINCHECK_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include "config.h"
#include "role.h"
#include "rules.h"

typedef struct {
	pc_kind kind;
	pc_severity severity;
	char *rule;     /**< rule id, or NULL */
	char *provider; /**< or NULL */
	char *model;    /**< the matched text, prefixes included */
	char *suggest;  /**< a pinned id to use instead, or NULL */
	char *path;     /**< repository-relative */
	size_t line;    /**< 1-based; 0 when not about a line */
	size_t col;     /**< 1-based, in bytes */
	size_t span;    /**< length of the match, for the caret line */
	char *commit;   /**< full id in commit checks, else NULL */
	char *subject;  /**< the commit's subject line, or NULL */
	char *ref;      /**< push hooks: the ref that brings the commit, or NULL */
	char *message;
	char *source;   /**< the source line (an excerpt of a long one), no end of line */
	size_t source_col; /**< 1-based column of the match within `source` */
	bool suppressed;
	bool prose;     /**< in a comment or documentation (only inventories keep those) */
	pc_role role;   /**< inventories: what the code does with the id there */
} pc_finding;

typedef struct {
	pc_finding *items;
	size_t n, alloc;
	size_t files;          /**< text files examined */
	size_t binary_skipped; /**< binary files not examined */
	size_t large_skipped;  /**< files over the size limit, not examined */
	size_t submodules_skipped; /**< gitlinks: other repositories, not examined */
	size_t data_skipped;   /**< recorded or generated data (role `data`), not examined */
	size_t max_size;       /**< the size limit in force, for the summary */
	size_t commits;        /**< commits checked */
	bool of_commits;       /**< a commit check: the summary counts commits, even 0 */
	size_t baselined;      /**< findings dropped because the baseline has them */
} pc_findings;

#define PC_FINDINGS_INIT { NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0 }

/** A new zeroed finding appended to the list. */
pc_finding *pc_findings_add(pc_findings *f);

/** Unsuppressed findings of the given severity. */
size_t pc_findings_count(const pc_findings *f, pc_severity sev);
size_t pc_findings_suppressed(const pc_findings *f);

/** Free what one finding owns (not the finding itself). */
void pc_findings_item_free(pc_finding *x);

void pc_findings_free(pc_findings *f);

#endif
