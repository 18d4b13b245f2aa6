/*
 * change_internal.h: what change.c (staged, commits, ranges) shares with
 * push.c (what a push brings): one run of the engine, and the check of one
 * commit.
 */
#ifndef PINCHECK_CHANGE_INTERNAL_H
#define PINCHECK_CHANGE_INTERNAL_H

#include "pincheck/change.h"

typedef struct {
	pc_repo *repo;
	const pc_change_opts *o;
	pc_check c;           /* the matcher, and the findings list */
	pc_eval_cache *evals; /* eval files and URL patterns, once per run */
	git_tree *parent;     /* the change's parent tree (require_for: new) */
} pc_change_run;

int pc_change_run_init(pc_change_run *r, pc_findings *out, pc_repo *repo,
		       const pc_change_opts *o);
void pc_change_run_free(pc_change_run *r);

/** Every check of one commit against its first parent, attributed to
 * `ref` (NULL outside push hooks). */
int pc_change_commit(pc_change_run *r, const git_oid *id, const char *ref);

/** git_revwalk_next, where an error is a runtime error that names what is
 * missing (never the end of history): 0, GIT_ITEROVER or PC_ERUNTIME. */
int pc_change_walk_next(git_oid *id, git_revwalk *walk, pc_repo *repo);

#endif
