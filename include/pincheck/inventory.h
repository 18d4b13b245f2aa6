/*
 * inventory.h: the model ids in use (SPEC sections 3, 6). An inventory is
 * every reference of the files a target names, grouped by id, with the
 * passing eval results under eval.dir; a drill is its pinned ids with
 * their snapshot dates, lifecycle and the age of their last eval.
 */
#ifndef PINCHECK_INVENTORY_H
#define PINCHECK_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>
#include "check.h"
#include "repo.h"

typedef struct {
	char *path;
	size_t line, col;
	bool prose;
	pc_role role;
} pc_location;

/** One model id and where it occurs. */
typedef struct {
	char *model;
	const pc_rule *rule;
	pc_location *locs;
	size_t n, alloc;
	/* set by pc_inventory_lifecycle */
	const pc_model *life;   /**< the catalog's lifecycle facts, or NULL */
	const char *drill;      /**< its drill status (pc_drill_row), or NULL:
				     not drilled (not pinned, or not in use) */
} pc_inventory_entry;

/** The newest passing eval result seen for a model. */
typedef struct {
	char *model;
	char *path;
	long day;
} pc_eval_seen;

typedef struct {
	pc_inventory_entry *e; /**< by provider, then id */
	size_t n, alloc;
	pc_eval_seen *ev;
	size_t nev, aev;
	size_t files;          /**< files examined */
	pc_repo_identity id;   /**< what was looked at: repository, revision */
	char today[11];        /**< the drill's day (pc_inventory_lifecycle), or "" */
} pc_inventory;

/** What pc_inventory_build reads besides the references. */
enum {
	/** the passing eval results under eval.dir, for a drill */
	PC_INVENTORY_EVALS = 1 << 0,
	/** no references in eval.dir: they record tests, not use (drill) */
	PC_INVENTORY_NO_EVAL_REFS = 1 << 1,
};

/**
 * Every reference in what `t` names (`o`: the run's config and rules;
 * PC_CHECK_PROSE in o->what counts prose too), with the identity of what
 * it looked at, and what `how` (PC_INVENTORY_*) asks for.
 */
int pc_inventory_build(pc_inventory *inv, pc_repo *repo, const pc_check_opts *o,
		       const pc_target *t, unsigned how);
void pc_inventory_free(pc_inventory *inv);

/** One pinned id of a drill. */
typedef struct {
	const pc_inventory_entry *e;
	const pc_model *life;   /**< its lifecycle in the catalog, or NULL */
	const pc_eval_seen *ev; /**< its last passing eval, or NULL */
	char snap[11];          /**< the snapshot date its id carries, or "" */
	long age;               /**< days since the snapshot date; -1: unknown */
	char evdate[11];        /**< the last eval's date, or "" */
	char next[11];          /**< when the next drill is due ("" : now) */
	const char *status;     /**< ok, overdue, no-eval, retiring, retired */
	/** The next candidate (pc_drill_candidate), or NULL. */
	const char *candidate;
} pc_drill_row;

/**
 * The next target of a drill for the pinned id `model` (of `provider`) on
 * `today`: the catalog's documented replacement when `pincheck bump` would
 * take it (a pinned id of the same provider, not retired; an alias never
 * is); with no replacement documented, the newest snapshot of the same
 * family (pc_model_family) in the catalog's `models:` that bump would
 * take, is not deprecated, and outlives `model` (retires later, or is not
 * known to retire). NULL when there is none; the id is the catalog's.
 */
const char *pc_drill_candidate(const pc_ruleset *rs, const char *model, const char *provider,
			       const char *today);

typedef struct {
	pc_drill_row *rows;
	size_t n;
	size_t attention;       /**< rows retired, retiring or overdue (SPEC
				     section 6: no-eval alone fails no drill) */
	char today[11];
	long warn_days;         /**< drill.warn_days, for the summary */
} pc_drill;

/** The drill of an inventory's pinned ids (used outside prose), as of
 * `today` (YYYY-MM-DD) under `cfg`'s drill settings. */
void pc_drill_build(pc_drill *d, const pc_inventory *inv, const pc_ruleset *rs,
		    const pc_config *cfg, const char *today);
void pc_drill_free(pc_drill *d);

/** Give each entry of `inv` its lifecycle facts in `rs` and its drill
 * status as of `today` (the drill pc_drill_build makes; a model in use
 * only in eval.dir is not drilled). */
void pc_inventory_lifecycle(pc_inventory *inv, const pc_ruleset *rs, const pc_config *cfg,
			    const char *today);

#endif
