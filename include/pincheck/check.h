/*
 * check.h: turning model references into findings (SPEC section 1): alias
 * and no-snapshot references, deprecated pins, with severities from the
 * config, suggestions from the rules, inline suppressions honoured. The
 * same visitor serves `scan` (whole files) and change checks (added lines).
 */
#ifndef PINCHECK_CHECK_H
#define PINCHECK_CHECK_H

#include <stdbool.h>
#include "config.h"
#include "finding.h"
#include "match.h"
#include "pinchange.h"
#include "repo.h"
#include "scan.h"
#include "source.h"

typedef struct {
	const pc_config *cfg;
	const pc_ruleset *rs;
	pc_matcher *m;
	pc_findings *out;
	const char *const *pathspecs; /**< repository-relative paths to limit to */
	size_t npathspecs;
	const char *commit;   /**< set in commit checks */
	const char *subject;
	const char *ref;      /**< push hooks: the ref being checked */
	const char *today;    /**< YYYY-MM-DD, for lifecycle dates */
	bool no_refs;         /**< commit-msg stage: no reference findings */
	size_t max_size;      /**< larger files are skipped and counted (0: default) */
	pc_pin_changes *pins; /**< when set, pin changes are recorded here */
	/** The repository blobs are read from: pool workers (pool.h) each
	 * open their own handle on it, as it was opened. NULL: they share
	 * the walker's object database. */
	const pc_repo *repo;
	/* inventories (pins, drill): */
	bool every_ref;       /**< every reference is a finding, with no kind */
	bool want_prose;      /**< references in prose too (every_ref only) */
	bool skip_eval_dir;   /**< files under eval.dir are not looked at */
	bool warn_skipped;    /**< a skipped file of a source-like name is a
				   `skipped` finding (pre-receive) */
} pc_check;

/** Is `path` under eval.dir? Eval results name models as records, not choices. */
bool pc_in_eval_dir(const pc_check *c, const char *path);

/** Is `path` the repository's own pincheck configuration file? */
bool pc_is_config_path(const char *path);

/** Does `path` pass the config's path filters and the pathspecs? */
bool pc_check_want(const pc_check *c, const char *path);

/** A visitor that scans each file and appends findings to c->out. */
pc_visitor pc_check_visitor(pc_check *c);

/** Today's date as YYYY-MM-DD (PINCHECK_TODAY overrides, for tests). */
void pc_today(char out[11]);

#endif
