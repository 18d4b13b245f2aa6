/*
 * index.h: git's index file read the way git reads it for `git diff
 * --cached`: mapped, its entries walked in place, its cache-tree extension
 * kept, its trailing checksum not recomputed (git verifies it only in
 * fsck). libgit2 1.5 has no such reader: git_repository_index hashes the
 * whole file with collision-detecting SHA-1 and allocates, validates and
 * hashes every entry, which was most of a pre-commit hook's time on a
 * 100,000-file repository (bench/README.md). The staged change
 * (source.h, pc_source_staged_repo) uses it to read only what differs
 * from HEAD.
 *
 * Only what that needs is read; anything else is left to libgit2, whose
 * reader then gives the same answer or error as before: a missing index,
 * a version other than 2, 3 or 4, an extension git requires readers to
 * understand (split index `link`, sparse index `sdir`), an index written
 * without a checksum (index.skipHash), or a file that does not parse.
 */
#ifndef PINCHECK_INDEX_H
#define PINCHECK_INDEX_H

#include <stddef.h>
#include <git2.h>

/** A directory of the cache-tree extension (the index's own tree cache). */
typedef struct pc_cache_tree pc_cache_tree;
struct pc_cache_tree {
	const char *name;  /**< one path component; "" for the root */
	size_t namelen;
	long entries;      /**< index entries below it; -1: invalidated */
	git_oid id;        /**< the tree those entries make, when entries >= 0 */
	pc_cache_tree *sub;
	size_t nsub;
};

typedef struct {
	git_index_entry *entries; /**< in index order; paths point into the map or arena */
	size_t n;
	pc_cache_tree *tree;      /**< NULL when the index has none */
	void *map;
	size_t map_len;
	char *arena;              /**< version 4: the expanded paths */
	size_t conflicts;         /**< entries of stage 1-3 */
} pc_index;

/**
 * Read the index file at `path`. Returns 0; 1 when it is one to leave to
 * libgit2 (see above), with *ix cleared; PC_ERUNTIME only when it cannot
 * be mapped for another reason than its absence.
 */
int pc_index_read(pc_index *ix, const char *path);

/**
 * Read an index file's bytes, data[0..len), which must outlive *ix (its
 * paths point into them). Returns 0, or 1 as pc_index_read does, with *ix
 * cleared. pc_index_read maps the file and calls it.
 */
int pc_index_parse(pc_index *ix, const void *data, size_t len);

/** The child of `t` named name[0..len), or NULL. */
const pc_cache_tree *pc_cache_tree_sub(const pc_cache_tree *t, const char *name, size_t len);

void pc_index_free(pc_index *ix);

#endif
