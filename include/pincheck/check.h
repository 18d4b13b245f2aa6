/*
 * check.h: turning model references into findings (SPEC section 1): alias
 * and no-snapshot references, deprecated pins, with severities from the
 * config, suggestions from the rules, inline suppressions honoured. The
 * same visitor serves `scan` (whole files) and change checks (added lines):
 * a run's options are fixed (pc_check_opts), and each change's visitor is
 * told which change it walks (pc_change_at).
 */
#ifndef PINCHECK_CHECK_H
#define PINCHECK_CHECK_H

#include <stdbool.h>
#include "config.h"
#include "finding.h"
#include "match.h"
#include "pinchange.h"
#include "role.h"
#include "scan.h"
#include "source.h"
#include "target.h"

/** What the checks of a run look for (pc_check_opts.what). */
enum {
	PC_CHECK_REFS = 1 << 0,          /**< reference findings (not commit-msg) */
	PC_CHECK_EVERY_REF = 1 << 1,     /**< inventories: every reference, no kind */
	PC_CHECK_PROSE = 1 << 2,         /**< with EVERY_REF: references in prose too */
	PC_CHECK_SKIP_EVAL_DIR = 1 << 3, /**< files under eval.dir are not looked at */
	PC_CHECK_WARN_SKIPPED = 1 << 4   /**< a skipped file of a source-like name is
					      a `skipped` finding (pre-receive) */
};

/** The options of a run: set up once, never changed while it runs, shared
 * by every thread. */
typedef struct {
	const pc_config *cfg;
	const pc_ruleset *rs;
	const char *today;            /**< YYYY-MM-DD, for lifecycle dates */
	size_t max_size;              /**< larger files are skipped and counted (0: default) */
	const char *const *pathspecs; /**< repository-relative paths to limit to */
	size_t npathspecs;
	unsigned what;                /**< PC_CHECK_* */
} pc_check_opts;

/** Where the findings of one change belong, and where its pin changes go:
 * passed to each change's visitor (pc_check_visitor). */
typedef struct {
	const char *commit;   /**< full id, or NULL for the staged change */
	const char *subject;
	const char *ref;      /**< push hooks: the ref that brings the change */
	pc_pin_changes *pins; /**< pin changes are recorded here, when set */
} pc_change_at;

/** One checker: a run's options, a matcher of its own (one per thread),
 * and where its findings go. */
typedef struct {
	const pc_check_opts *o;
	const pc_change_at *at; /**< the change being visited; NULL: whole files */
	pc_matcher *m;
	pc_findings *out;
	bool in_data;           /**< the file being read is data (role.h) */
	pc_role_file roles;     /**< what is known of the file's roles */
} pc_check;

/** A checker for `o` (which must outlive it) writing to `out`. */
int pc_check_init(pc_check *c, const pc_check_opts *o, pc_findings *out);
void pc_check_free(pc_check *c);

/** A visitor that scans each file and appends findings to c->out, as part
 * of the change `at` (NULL: files, not a change). */
pc_visitor pc_check_visitor(pc_check *c, const pc_change_at *at);

/** Is `path` under eval.dir? Eval results name models as records, not choices. */
bool pc_in_eval_dir(const pc_config *cfg, const char *path);

/** Does `path` pass the config's path filters and the pathspecs? */
bool pc_check_want(const pc_check_opts *o, const char *path);

#endif
