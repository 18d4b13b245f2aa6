/*
 * fix.h: `pincheck fix` (issue 14): rewrite each alias a scan found as a
 * choice to the live pin its finding suggests, in the working tree. The
 * findings decide what is fixed (check.c: an alias with a suggestion);
 * this only edits bytes: exactly the finding's span, when the file still
 * holds the alias there (in a notebook or JSON string, maybe spelled with
 * needless escapes), and nothing else. Each file is written beside
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
			       (changed since) */
	PC_FIX_OVERLAP,   /**< overlaps another fix on the same line */
	PC_FIX_ESCAPE     /**< in a notebook or JSON string, the pin would
			       need escaping (a quote, a backslash) */
} pc_fix_outcome;

/**
 * One edit: at `path`, line `line` and byte column `col`, the `span` bytes
 * `old` (none: an insertion) become `pin`. The file must hold `old` there,
 * or the edit is left (PC_FIX_MOVED).
 */
typedef struct {
	const pc_finding *finding; /**< the finding it fixes, or NULL (another edit) */
	const char *path;          /**< repository path; borrowed */
	size_t line;               /**< 1-based */
	size_t col;                /**< 1-based, in bytes */
	const char *old;           /**< the bytes replaced; borrowed */
	size_t span;               /**< their length (0: insert `pin` at col) */
	char *pin;                 /**< what was (or would be) written; NULL when left */
	pc_fix_outcome outcome;
} pc_fix_item;

typedef struct {
	pc_fix_item *items; /**< by path, then line and column, once applied */
	size_t n, alloc;
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

/**
 * A new pending edit in *res (zeroed but for what is given): `pin` is
 * copied; `path` and `old` are borrowed and must outlive *res.
 */
pc_fix_item *pc_fix_add(pc_fix_result *res, const char *path, size_t line, size_t col,
			const char *old, size_t span, const char *pin);

/**
 * Apply the pending edits of *res (each with a pin) file by file, as
 * pc_fix_files does: the shared machinery of `fix` and `bump`. Sorts the
 * items by place. 0, or PC_ERUNTIME (the files before are written).
 */
int pc_fix_apply(pc_fix_result *res, pc_repo *repo, const pc_fix_opts *o);

/** The pin for a reference written `model` (its provider prefix kept, as
 * in `openai/gpt-4o`) when `pin` has no prefix of its own. */
char *pc_fix_pin_for(const char *model, const char *pin);

/** Why a finding was left, in a few words ("no live pin known"). */
const char *pc_fix_reason(pc_fix_outcome outcome);

/** The number of findings left (not fixed). */
size_t pc_fix_left(const pc_fix_result *res);

void pc_fix_result_free(pc_fix_result *res);

#endif
