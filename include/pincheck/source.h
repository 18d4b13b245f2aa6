/*
 * source.h: where text comes from. Each source walks its files and hands
 * each one, with its content, to a visitor: the working tree (tracked and
 * untracked-not-ignored files), a plain directory outside git, the tree of
 * a revision, the index, or the staged change (index against HEAD, with the
 * added line numbers of each file).
 */
#ifndef PINCHECK_SOURCE_H
#define PINCHECK_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <git2.h>
#include "limits.h"
#include "repo.h"

typedef struct {
	const char *path;     /**< repository-relative (or as given, outside git) */
	const char *data;     /**< content; NULL when too large */
	size_t len;           /**< content length (the size, when too large) */
	bool too_large;       /**< over the visitor's max_size: not read */
	bool submodule;       /**< a gitlink: nothing to read, listed as skipped */
	const size_t *lines;  /**< added lines (sorted, 1-based), or NULL: all */
	size_t nlines;
	const char *old_data; /**< the file before the change, or NULL */
	size_t old_len;
	const char *old_path; /**< the path before a rename, or NULL */
	git_odb *odb;         /**< set for a visitor that defers blobs: data is */
	const git_oid *blob;  /**< NULL, read this blob with pc_source_blob */
} pc_file;

typedef struct {
	/** Should `path` be read at all? NULL: every file. */
	bool (*want)(const char *path, void *payload);
	/** Called for each wanted file; a negative return stops the walk. */
	int (*file)(const pc_file *f, void *payload);
	void *payload;
	/** Larger files are reported too_large, not read (0: PC_MAX_FILE_SIZE). */
	size_t max_size;
	/**
	 * Hand over blobs unread (pc_file.blob): the visitor reads them, on
	 * whatever thread it likes, with pc_source_blob. Inflating is most of
	 * the cost of reading a tree, and git_odb reads are thread-safe.
	 */
	bool defer_blobs;
} pc_visitor;

/**
 * Read one blob through `odb` (safe on any thread) and visit it as `path`:
 * too_large when over the visitor's max_size, without inflating it.
 */
int pc_source_blob(git_odb *odb, const char *path, const git_oid *id, const pc_visitor *v);

int pc_source_workdir(pc_repo *r, const pc_visitor *v);
int pc_source_dir(const char *root, const pc_visitor *v);
int pc_source_tree(git_repository *repo, git_tree *tree, const pc_visitor *v);
int pc_source_index(git_repository *repo, git_index *index, const pc_visitor *v);

/** The staged change: `index` against `head` (NULL: the empty tree). */
int pc_source_staged(git_repository *repo, git_tree *head, git_index *index,
		     const pc_visitor *v);

/**
 * The staged change of r's index (pc_repo_index's file) against `head`,
 * the same as pc_source_staged with it, at the cost of the change rather
 * than of the repository: the index is read by index.c, and only the
 * subtrees its cache-tree does not vouch for are compared with HEAD's,
 * as `git diff --cached` does. An index that reader leaves to libgit2 is
 * read by pc_repo_index, with its errors.
 */
int pc_source_staged_repo(pc_repo *r, git_tree *head, const pc_visitor *v);

/** `now` against `old` (NULL: the empty tree). */
int pc_source_trees(git_repository *repo, git_tree *old, git_tree *now, const pc_visitor *v);

/**
 * One commit against its first parent (a root commit: the empty tree). For
 * a merge, only lines added relative to every parent count.
 */
int pc_source_commit(git_repository *repo, git_commit *commit, const pc_visitor *v);

#endif
