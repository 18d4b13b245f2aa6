/*
 * config.h: a repository's .pincheck.yml (SPEC section 4), validated
 * strictly: unknown keys, wrong types and bad values are configuration
 * errors naming FILE:LINE:COL.
 */
#ifndef PINCHECK_CONFIG_H
#define PINCHECK_CONFIG_H

#include <stdbool.h>
#include "doc.h"
#include "rules.h"
#include "limits.h"

/** Finding kinds (SPEC section 1). */
typedef enum {
	PC_KIND_ALIAS = 0,
	PC_KIND_UNAPPROVED,
	PC_KIND_MISSING_EVAL,
	PC_KIND_BAD_EVAL,
	PC_KIND_NO_SNAPSHOT,
	PC_KIND_DEPRECATED,
	PC_KIND_POLICY, /**< pre-receive: a pushed config relaxes the policy */
	PC_KIND_SKIPPED, /**< pre-receive: a file of a source-like name was not read */
	PC_KIND_RETIRED, /**< a pinned model past its retirement date: calls fail */
	PC_KIND__COUNT
} pc_kind;

const char *pc_kind_name(pc_kind kind);

/** One entry of eval.metrics: a metric name as the tool writes it, and the
 * least value a passing eval reports. */
typedef struct {
	const char *name; /**< borrowed from the config's document */
	double min;
} pc_eval_minimum;

typedef struct {
	char *path;             /**< the file it was read from, or NULL */
	pc_doc *doc;            /**< kept for the rules it defines */
	bool default_rules;
	const char **disable;   /**< NULL-terminated; borrowed from doc */
	size_t ndisable;
	const char **exclude;
	size_t nexclude;
	const char **include;
	size_t ninclude;
	/* recorded and generated data (role `data`), skipped by checks */
	const char **data;      /**< paths.data: more globs */
	size_t ndata;
	bool data_defaults;     /**< paths.data_defaults: the built-in globs too */
	const char **approved;
	size_t napproved;
	/* eval gate (SPEC section 5) */
	bool eval_for_bump, eval_for_new;
	const char **eval_trailers;
	size_t neval_trailers;
	const char *eval_dir;
	const char **eval_allow_urls;
	size_t neval_allow_urls;
	long eval_max_age_days;
	double eval_min_pass_rate;    /**< per-test tools: share of tests that must pass */
	pc_eval_minimum *eval_metrics; /**< score-only tools: metric minimums, in file order */
	size_t neval_metrics;
	double eval_max_regression;   /**< how far the new model may trail the replaced one */
	pc_severity severity[PC_KIND__COUNT];
	/** baseline: a baseline file (baseline.h) every command and hook uses,
	 * a path from the top of the work tree; borrowed from doc, or NULL. */
	const char *baseline;
	/** catalogs: rule files of lifecycle facts (`pincheck catalog
	 * import`), repository paths whose facts win over the built-in ones
	 * (pc_ruleset_add_file, PC_ORIGIN_CATALOG); borrowed from doc. */
	const char **catalogs;
	size_t ncatalogs;
	long drill_every_days;
	long drill_warn_days;
	/** server.allow_policy_changes: honoured only from the server's own
	 * config (--config, git config pincheck.config), never a pushed one. */
	bool allow_policy_changes;
	/** Not from the file but the caller's (pc_config_init: false): compile
	 * PCRE2 patterns without JIT, the rules (pc_config_rules) and
	 * eval.allow_urls (evalref.h), for valgrind. Same answers. */
	bool no_jit;
} pc_config;

/** Defaults of SPEC section 4 (no file). */
void pc_config_init(pc_config *cfg);

/** Parse and validate `buf` as a config named `name`. */
int pc_config_parse(pc_config *cfg, const char *name, const char *buf, size_t len);

/**
 * Build the active rule set: built-in rules unless disabled by the config
 * or `no_default_rules`, then the config's rules, then its `disable` list.
 * The set is compiled (without JIT if cfg->no_jit, and rs->no_jit says so
 * for a later pc_ruleset_compile) and ready for the matcher.
 */
int pc_config_rules(pc_ruleset **out, const pc_config *cfg, bool no_default_rules);

/** Is repository path `path` excluded by `paths`? */
bool pc_config_excluded(const pc_config *cfg, const char *path);

/** Is `path` recorded or generated data (SPEC section 1, role `data`): an
 * HTTP cassette, a snapshot, a test fixture's data file, a lock file, or a
 * glob of paths.data, or a file of `catalogs:`? Its ids record what was
 * called or what is known of them, they choose nothing. */
bool pc_config_is_data(const pc_config *cfg, const char *path);

void pc_config_free(pc_config *cfg);

#endif
