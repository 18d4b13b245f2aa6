/*
 * hooks.h: the git hooks pincheck installs (pre-commit, pre-merge-commit,
 * commit-msg, pre-push; templates in hooks/, compiled in) in a
 * repository's hooks directory, honouring core.hooksPath, which libgit2
 * 1.5 ignores (LIBS.md 6.4). A foreign hook already there is kept as
 * NAME.pincheck-chained and run first, never silently overwritten;
 * uninstalling puts it back.
 */
#ifndef PINCHECK_HOOKS_H
#define PINCHECK_HOOKS_H

#include <stdbool.h>
#include "buf.h"
#include "repo.h"

/** Told each thing done, as one line without end of line. */
typedef void (*pc_hooks_say)(const char *line, void *payload);

/** The directory git runs hooks from: core.hooksPath, else GIT_DIR/hooks. */
int pc_hooks_dir(pc_buf *out, pc_repo *r);

/** Write the hooks into `dir` (created if missing), each running `exe`;
 * `force` replaces a foreign hook instead of chaining it. */
int pc_hooks_install(const char *dir, const char *exe, bool force, pc_hooks_say say,
		     void *payload);

/** Remove the hooks pincheck wrote, restoring chained ones. */
int pc_hooks_uninstall(const char *dir, pc_hooks_say say, void *payload);

#endif
