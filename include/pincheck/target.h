/*
 * target.h: what `scan`, `pins`, `drill` and `baseline` look at, as the
 * user names it: a revision's tree, the index, or the working tree,
 * limited to PATHs given relative to the current directory; outside git,
 * plain directories.
 */
#ifndef PINCHECK_TARGET_H
#define PINCHECK_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include "source.h"

typedef struct {
	const char *rev;           /**< a revision's tree, or */
	bool staged;               /**< the index, or else the working tree */
	const char *const *paths;  /**< repository paths to limit to (outside git:
					the directories to walk; none: ".") */
	size_t npaths;
	size_t jobs;               /**< threads for checking (0: one per processor) */
	/** Called on the walking thread after each file, or NULL. */
	void (*progress)(size_t files, void *payload);
	void *payload;
} pc_target;

/** `path` (relative to the current directory, or absolute) as a path of
 * the repository's work tree; NULL when it lies outside. */
char *pc_target_path(const pc_repo *repo, const char *path);

/** Walk what `t` names with `v` (repo NULL: plain directories). The
 * visitor filters paths itself (t->paths are pathspecs to it). */
int pc_target_walk(pc_repo *repo, const pc_target *t, const pc_visitor *v);

#endif
