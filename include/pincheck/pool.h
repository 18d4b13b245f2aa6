/*
 * pool.h: checking whole files, on several threads. The source walk stays on the
 * calling thread and hands files over in batches through a bounded queue;
 * worker threads, each with its own matcher, run the lexer and matcher and
 * collect findings. Blobs of a tree or the index are handed over unread,
 * and each worker inflates them through its own handle on the repository:
 * one shared git_odb serialises pack reads on its locks (LIBS.md 1.8).
 * The findings are merged in the order the files were walked, so the
 * output is the same for any number of threads.
 */
#ifndef PINCHECK_POOL_H
#define PINCHECK_POOL_H

#include <stddef.h>
#include "check.h"

typedef struct pc_pool pc_pool;

/**
 * Start `nthreads` (at least 1) workers that check files with the options
 * `o` (which must outlive the pool); each worker gets its own matcher, and
 * its own handle on `repo` for blobs, opened as `repo` was (its env), when
 * given.
 */
int pc_pool_new(pc_pool **out, size_t nthreads, const pc_check_opts *o, const pc_repo *repo);

/** The visitor a source walks with: files are queued for the workers. */
pc_visitor pc_pool_visitor(pc_pool *p);

/**
 * Wait for the workers and append their findings and counts to `out`, in
 * walk order. Returns the first worker error, if any. Frees the pool.
 */
int pc_pool_finish(pc_pool *p, pc_findings *out);

/** Check every file `t` names as whole files (no change), on t->jobs
 * threads (0: one per processor); the findings are the same for any
 * number. */
int pc_check_files(pc_findings *out, pc_repo *repo, const pc_check_opts *o, const pc_target *t);

/** The number of online processors (at least 1). */
size_t pc_ncpus(void);

#endif
