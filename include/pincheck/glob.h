/*
 * glob.h: git-style path globs for `paths.exclude` / `paths.include`.
 * `*` matches within one path segment, `**` across segments, `?` one
 * character, `[...]` a class. A pattern without '/' matches the base name
 * at any depth (as in .gitignore); a trailing '/' matches a directory and
 * everything below it.
 */
#ifndef PINCHECK_GLOB_H
#define PINCHECK_GLOB_H

#include <stdbool.h>
#include <stddef.h>

/** Does repository path `path` (no leading "./") match `pattern`? */
bool pc_glob_match(const char *pattern, const char *path);

/**
 * pc_glob_match, adding to *steps the steps it took (at most about the
 * pattern's length times the path's, whatever the pattern), for tests.
 */
bool pc_glob_match_steps(const char *pattern, const char *path, size_t *steps);

#endif
