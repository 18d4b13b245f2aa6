/*
 * policy.h: the server's policy (SPEC section 4). A config that lands on
 * HEAD is trusted by later pushes, so in `hook pre-receive` a pushed change
 * to .pincheck.yml may tighten the policy but never relax it (unless the
 * server's own config allows policy changes).
 *
 * Flow: for each pushed commit, the config of its first parent and its own
 * (pc_config_read_tree) → pc_policy_compare → one callback per relaxation
 * → `policy` findings (check.c's caller).
 */
#ifndef PINCHECK_POLICY_H
#define PINCHECK_POLICY_H

#include <git2.h>
#include "config.h"

/**
 * Read the repository config committed in `tree` (.pincheck.yml, else
 * .pincheck.yaml) into `cfg` (initialised here), naming it LABEL:FILE in
 * messages. Returns 1 when the tree has none (cfg holds the defaults),
 * 0 when read, PC_EUSAGE when it does not parse or is over 1 MiB,
 * PC_ERUNTIME when it cannot be read. `*path` is set to the file's name in
 * the tree, or NULL.
 */
int pc_config_read_tree(pc_config *cfg, const char **path, git_repository *repo, git_tree *tree,
			const char *label);

/** One relaxation: where in the new config (line 0: the file as a whole). */
typedef int (*pc_policy_cb)(int line, int col, const char *what, void *payload);

/**
 * Call `cb` for each way `now` relaxes `before`: rules disabled, removed,
 * changed, or added with a class or severity that can hide a finding;
 * default_rules turned off; excludes added or includes narrowed; a
 * severity lowered; an eval: or drill: setting weakened; the approved list
 * emptied. Approving more ids is not a relaxation (the eval gate checks
 * it). Stops at the first negative return of `cb`, and returns it.
 */
int pc_policy_compare(const pc_config *before, const pc_config *now, pc_policy_cb cb,
		      void *payload);

/**
 * Call `cb` (line 0) for each way the lifecycle facts of `now` are weaker
 * than those of `before` (the same rule set before and after a pushed
 * change to a catalog file): an id's retirement or deprecation date
 * dropped or moved later. Earlier dates and new ids tighten and pass.
 */
int pc_policy_compare_facts(const pc_ruleset *before, const pc_ruleset *now, pc_policy_cb cb,
			    void *payload);

#endif
