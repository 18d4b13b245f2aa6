/*
 * fix.h: `pincheck fix` (issue 14): rewrite each alias a scan found as a
 * choice to the live pin its finding suggests, in the working tree. The
 * findings decide what is fixed (check.c: an alias with a suggestion);
 * this only edits bytes: exactly the finding's span, when the file still
 * holds the alias there, and nothing else. Each file is written beside
 * itself and renamed over (its mode kept); symlinks are never followed.
 */
#ifndef PINCHECK_FIX_H
#define PINCHECK_FIX_H

#include <stdbool.h>
#include <stdio.h>
#include "finding.h"
#include "repo.h"

/** What became of one finding. */
typedef enum {
	PC_FIX_FIXED = 0,
	PC_FIX_NO_PIN,    /**< an alias with no live pin known */
	PC_FIX_NOT_ALIAS, /**< another kind: no pin to write keeps behaviour */
	PC_FIX_DIRTY,     /**< the file has unstaged changes (no --force) */
	PC_FIX_UNTRACKED, /**< the file is not in the index (no --force) */
	PC_FIX_SYMLINK,   /**< the path is a symlink, not followed */
	PC_FIX_MOVED,     /**< the file does not hold the alias at that place
			       (changed since, or a decoded escape) */
	PC_FIX_OVERLAP    /**< overlaps another fix on the same line */
} pc_fix_outcome;

typedef struct {
	const pc_finding *finding; /**< into the findings given to pc_fix_files */
	char *pin;                 /**< what was (or would be) written; NULL when left */
	pc_fix_outcome outcome;
} pc_fix_item;

typedef struct {
	pc_fix_item *items; /**< by path, then line and column */
	size_t n;
	size_t files;       /**< files changed (or, with a diff, that would be) */
} pc_fix_result;

typedef struct {
	bool force;  /**< rewrite files with unstaged changes too */
	FILE *diff;  /**< set: print a unified diff (`git apply` takes it) here and
			  write nothing */
} pc_fix_opts;

/**
 * Fix the unsuppressed findings of `f` in the working tree of `repo`;
 * what became of each into *res (free with pc_fix_result_free). Returns 0,
 * or PC_ERUNTIME when a file cannot be read or written (the files before
 * it are fixed, none is half written).
 */
int pc_fix_files(pc_fix_result *res, pc_repo *repo, const pc_findings *f,
		 const pc_fix_opts *o);

/** Why a finding was left, in a few words ("no live pin known"). */
const char *pc_fix_reason(pc_fix_outcome outcome);

/** The number of findings left (not fixed). */
size_t pc_fix_left(const pc_fix_result *res);

void pc_fix_result_free(pc_fix_result *res);

#endif
