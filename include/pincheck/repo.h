/*
 * repo.h: opening the repository the way git's hooks see it. Every git
 * access in pincheck goes through libgit2; this is where git's environment
 * (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, quarantine object directories)
 * is honoured by hand, since libgit2 1.5's GIT_REPOSITORY_OPEN_FROM_ENV
 * refuses GIT_WORK_TREE (LIBS.md 2.2). The caller reads the environment
 * and passes it in a pc_repo_env: the library never calls getenv.
 */
#ifndef PINCHECK_REPO_H
#define PINCHECK_REPO_H

#include <git2.h>

/**
 * git's environment variables that say which repository, work tree, index
 * and object directories a hook is about (git(1) "ENVIRONMENT VARIABLES").
 * Each NULL (or "") when unset.
 */
typedef struct {
	const char *git_dir;          /**< GIT_DIR: no search from "." */
	const char *work_tree;        /**< GIT_WORK_TREE */
	const char *object_directory; /**< GIT_OBJECT_DIRECTORY: pre-receive's quarantine */
	const char *alternate_object_directories; /**< GIT_ALTERNATE_OBJECT_DIRECTORIES, ':'-separated */
	const char *ceiling_directories; /**< GIT_CEILING_DIRECTORIES: where the search stops */
	const char *index_file;       /**< GIT_INDEX_FILE: the index being committed */
} pc_repo_env;

typedef struct {
	git_repository *repo;
	char *workdir; /**< with a trailing '/', or NULL when bare */
	char *prefix;  /**< the current directory below workdir ("" or "sub/") */
	git_index *index;
	/** What it was opened with (copies, owned): pc_repo_index reads
	 * index_file, and another thread opens its own handle with it. */
	pc_repo_env env;
} pc_repo;

/** Set libgit2's global options once (extensions, owner validation). */
int pc_repo_global_init(void);

/**
 * Open the repository containing the current directory, honouring git's
 * environment `env` (NULL: none of it set). Returns 0, 1 when the
 * directory is not in a repository, or PC_ERUNTIME.
 */
int pc_repo_open(pc_repo **out, const pc_repo_env *env);

/**
 * The index being committed: env.index_file when set (a partial or
 * `commit -a` commit uses a temporary one), else the repository's. An index
 * libgit2 cannot read (split, sparse, skipHash) is a clear PC_ERUNTIME.
 */
int pc_repo_index(git_index **out, pc_repo *r);

/** HEAD's tree, or NULL on an unborn branch. */
int pc_repo_head_tree(git_tree **out, pc_repo *r);

/**
 * Put pincheck's own loose-object reader (loose.c) for `objects_dir` in
 * front of libgit2's, which spins forever on a truncated loose object and
 * overruns its buffer on one longer than its header says (libgit2 1.5).
 * pc_repo_open does it for the repository and every object directory a
 * hook is given.
 */
int pc_odb_add_loose(git_odb *odb, const char *objects_dir);

/** What a report says it describes (SPEC section 9). */
typedef struct {
	/** the origin remote's URL without user or password, else the
	 * absolute path of the work tree (of the git directory when bare,
	 * of the current directory outside git) */
	char *repository;
	char *revision;  /**< the full commit id, or NULL (unborn, outside git) */
	long long time;  /**< that commit's committer time (seconds), or -1 */
} pc_repo_identity;

/**
 * The identity of `r` (NULL: outside git) at `rev` (NULL: HEAD). A `rev`
 * that names no commit is PC_ERUNTIME naming it.
 */
int pc_repo_identity_get(pc_repo_identity *out, pc_repo *r, const char *rev);
void pc_repo_identity_free(pc_repo_identity *id);

/** `url` without the user and password of its authority
 * (https://user:token@host/p -> https://host/p); a new string. */
char *pc_url_without_credentials(const char *url);

/** Turn libgit2's last error into PC_ERUNTIME with `what` in front. */
int pc_git_error(const char *what);

void pc_repo_free(pc_repo *r);

#endif
