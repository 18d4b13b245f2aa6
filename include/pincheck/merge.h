/*
 * merge.h: many repositories' inventories as one (SPEC section 9). Each
 * input is the JSON `pincheck --format json pins` wrote in one repository
 * (it names its repository and revision); the merge is, per model id, the
 * repositories that use it and how (references by role, drill status), its
 * class and lifecycle. It reads nothing but its inputs: lifecycle and drill
 * status are what each pins run recorded, so that a CI matrix (one job a
 * repository) and one merging job agree without sharing a checkout.
 */
#ifndef PINCHECK_MERGE_H
#define PINCHECK_MERGE_H

#include <stddef.h>
#include "role.h"

#define PC_MERGE_ROLES 4 /**< choice, mention, data, prose (pc_role) */

/** One input: a repository at a revision. */
typedef struct {
	char *path;       /**< the file it was read from */
	char *repository;
	char *revision;   /**< or NULL (unborn branch, outside git) */
	char *today;      /**< the day its drill status is of, or NULL */
} pc_merge_input;

/** A model id's use in one input. */
typedef struct {
	const pc_merge_input *in;
	size_t count;
	size_t roles[PC_MERGE_ROLES];
	const char *drill; /**< the status its pins run recorded, or NULL */
} pc_merge_use;

/** One model id (of a provider, with a class) across the inputs. */
typedef struct {
	char *model, *provider, *cls;
	size_t count;
	size_t roles[PC_MERGE_ROLES];
	/** the earliest of the inputs' dates (a later catalog may have moved
	 * one; the earlier warns sooner), or NULL */
	char *deprecated, *retires;
	char *replacement;  /**< the first input's that names one, or NULL */
	const char *drill;  /**< the gravest of its uses' statuses, or NULL */
	pc_merge_use *uses; /**< by repository, then revision */
	size_t nuses;
} pc_merge_row;

typedef struct pc_merge_rec pc_merge_rec;

typedef struct {
	pc_merge_input *inputs; /**< in the order given */
	size_t ninputs, ainputs;
	pc_merge_row *rows;     /**< by provider, model, class (pc_merge_finish) */
	size_t nrows;
	pc_merge_rec *recs;     /* while adding: one per model of each input */
	size_t nrecs, arecs;
} pc_merge;

#define PC_MERGE_INIT { NULL, 0, 0, NULL, 0, NULL, 0, 0 }

/**
 * Add the pins JSON `data` (`len` bytes) read from `path`. An input that
 * is not one (not JSON, no repository, a model without id or class, an
 * unknown role or drill status, a date that is not YYYY-MM-DD) is
 * PC_EUSAGE naming path:line:col.
 */
int pc_merge_add(pc_merge *m, const char *path, const char *data, size_t len);

/** Group what was added into rows. The same repository and revision given
 * twice is PC_EUSAGE naming both files. */
int pc_merge_finish(pc_merge *m);

void pc_merge_free(pc_merge *m);

/** How grave a drill status is: retired > retiring > overdue > no-eval >
 * ok; -1 for anything else. */
int pc_drill_status_rank(const char *status);

#endif
