/*
 * verdict.h: what an eval result's numbers are worth for one bump (SPEC
 * section 5). A file can be sound (it parses, is recent, names the model:
 * evalref.h) and still not pass: a per-test tool's share of passing tests
 * must reach eval.min_pass_rate; a score-only tool's metrics named in
 * eval.metrics must reach their minimums; and when the result (or another
 * linked one) also scores the model being replaced, the new one may trail
 * it by at most eval.max_regression.
 */
#ifndef PINCHECK_VERDICT_H
#define PINCHECK_VERDICT_H

#include <stddef.h>
#include "config.h"
#include "evalref.h"

/** Problems of a verdict, each one failed condition, worded for the
 * committer. */
typedef struct {
	char **items;
	size_t n;
} pc_verdict;

/**
 * Judge the linked result `e` (which names `model`) for a change that
 * introduces `model`, replacing `replaced` (NULL: nothing, or unknown).
 * The model being replaced is looked for in `e` first, then in the other
 * linked results `links` (n of them; `e` may be one). Appends to `out`.
 */
void pc_verdict_judge(pc_verdict *out, const pc_config *cfg, const pc_eval *e, const char *model,
		      const char *replaced, const pc_eval *links, size_t n);

void pc_verdict_free(pc_verdict *v);

/** pc_verdict_judge of `e` alone (no other links), its problems appended
 * to e->problems: for a result checked before it is linked (`bump --eval`,
 * `eval check`). */
void pc_verdict_add(pc_eval *e, const pc_config *cfg, const char *model, const char *replaced);

#endif
