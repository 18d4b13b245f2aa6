/*
 * evalref.h: one eval reference from a commit message (SPEC section 5),
 * checked against the tree being committed: a path under `eval.dir` with no
 * `..` or symlink escape, a YAML or JSON file that parses and says which
 * model it evaluated, `status: pass`, a `date` neither after the commit nor
 * older than `eval.max_age_days`; or a URL that `eval.allow_urls` allows.
 * Every condition that fails is its own problem, worded for the committer.
 */
#ifndef PINCHECK_EVALREF_H
#define PINCHECK_EVALREF_H

#include <stdbool.h>
#include <git2.h>
#include "config.h"
#include "date.h" /* commit_day counts days as date.h does */
#include "evalfmt.h"

/**
 * What a check run learns about eval references once and uses for every
 * trailer and commit: eval.allow_urls compiled (JIT, tight limits), and
 * each eval file parsed once per blob (a message may repeat a trailer
 * thousands of times; a range may link the same file from every commit).
 */
typedef struct pc_eval_cache pc_eval_cache;

/** A cache for the eval settings of cfg (cfg->no_jit: no JIT), which must
 * outlive it. */
pc_eval_cache *pc_eval_cache_new(const pc_config *cfg);
void pc_eval_cache_free(pc_eval_cache *c);

/** How often the cache did the expensive things, for tests. */
typedef struct {
	size_t parses;   /**< eval files parsed */
	size_t compiles; /**< allow_urls patterns compiled */
	size_t jit_compiles; /**< of which JIT-compiled too (none if cfg->no_jit) */
} pc_eval_cache_stats;

void pc_eval_cache_stats_get(const pc_eval_cache *c, pc_eval_cache_stats *out);

typedef struct {
	git_repository *repo;
	git_tree *tree;     /**< the commit's tree, or NULL ... */
	git_index *index;   /**< ... the index being committed (commit-msg) */
	const pc_config *cfg;
	long commit_day;    /**< the commit's date, in days since 1970-01-01 */
	pc_eval_cache *cache; /**< the run's; NULL: one for this check alone */
} pc_eval_ctx;

typedef struct {
	char *ref;        /**< the trailer value as written */
	bool is_url;
	char **models;    /**< models it evaluated (file references) */
	size_t nmodels;
	char **problems;  /**< each failed condition, or none */
	size_t nproblems;
	const pc_eval_result *result; /**< what its reader understood (a file), or NULL */
	pc_eval_result *owned;        /**< result, when no cache holds it */
} pc_eval;

/**
 * Check the reference `ref`. Problems with the reference are recorded in
 * out->problems (never an error); PC_ERUNTIME only when git fails.
 */
int pc_eval_check(pc_eval *out, const pc_eval_ctx *ctx, const char *ref);

/**
 * Read the eval result `buf` (len bytes) that the reference `ref` names,
 * as pc_eval_check does once it has found the file: its fields, each
 * missing or wrong one a problem. Only ctx->cfg and ctx->commit_day are
 * used. For callers that hold the bytes already (and for the fuzzer).
 */
void pc_eval_read(pc_eval *out, const pc_eval_ctx *ctx, const char *ref, const char *buf,
		  size_t len);

/**
 * `pincheck eval check`: the eval result in the file `file` (a path of
 * the file system, not followed if it is a symlink) as the commit-msg gate
 * would read it, linked as `ref`: its reader's problems and its date
 * against ctx->commit_day; with ctx->index (in a repository, `ref` then
 * the repository path), also the path rules of a trailer and whether the
 * index holds these bytes ("git add it"). PC_EUSAGE when there is no such
 * file, PC_ERUNTIME when it cannot be read.
 */
int pc_eval_check_file(pc_eval *out, const pc_eval_ctx *ctx, const char *file, const char *ref);

/** Does the result evaluate `model` (pc_model_same)? */
bool pc_eval_names(const pc_eval *e, const char *model);

void pc_eval_free(pc_eval *e);

#endif
