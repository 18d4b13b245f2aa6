/*
 * change.h: the change-check engine, what every hook and `check` call
 * (SPEC sections 1, 2, 4). A change is the staged change (index against
 * HEAD), one commit (against its first parent), a range (each commit, or
 * its overall diff once), or what a push brings. For each change:
 * references on the lines it adds (prose decided from whole files), its
 * pin changes through the eval gate with the eval trailers of its message,
 * and on the server the policy its config may not relax. Findings go to
 * one list, attributed to commit and ref.
 */
#ifndef PINCHECK_CHANGE_H
#define PINCHECK_CHANGE_H

#include <stdbool.h>
#include <stdio.h>
#include "check.h"
#include "evalref.h"
#include "repo.h"
#include "trailer.h"

/** What a change check looks at; never changed while it runs. */
typedef struct {
	pc_check_opts check; /**< what & PC_CHECK_REFS: reference findings */
	bool unapproved;     /**< pins not in the approved list are findings */
	bool eval;           /**< the eval gate runs (a message is known) */
	bool policy;         /**< server: a commit's config may not relax the policy */
	/** server: the baseline file the trusted config names in the
	 * repository's tree (read from HEAD); a commit may not add to it */
	const char *policy_baseline;
	/** server: the catalog files the trusted config lists (read from
	 * HEAD); a commit may not weaken the lifecycle facts they hold */
	const char *const *policy_catalogs;
	size_t npolicy_catalogs;
	long eval_day;       /**< eval ages from this day (days since 1970); 0: the
				  commit's date (the staged change: today) */
} pc_change_opts;

/** The commit message of a staged change (commit-msg): its file, and how
 * git will clean it (pc_change_message_opts). */
typedef struct {
	const char *path;
	pc_trailer_opts opts;
} pc_message;

/**
 * How git cleans a commit-msg file before it becomes the message
 * (git-commit(1) --cleanup, core.commentChar): from the repository's
 * config; `editing` is false when git runs no editor (GIT_EDITOR=:).
 */
void pc_change_message_opts(pc_trailer_opts *o, pc_repo *repo, bool editing);

/** The staged change; `msg` NULL before a message exists (pre-commit). */
int pc_change_staged(pc_findings *out, pc_repo *repo, const pc_change_opts *o,
		     const pc_message *msg);

/** REV (that commit) or A..B (each commit reachable from B and not from A,
 * oldest first); `squash`: the range's overall diff once, with the
 * trailers of every commit in it. */
int pc_change_range(pc_findings *out, pc_repo *repo, const pc_change_opts *o, const char *range,
		    bool squash);

/** One ref update a push hook reads from git. */
typedef struct {
	char *ref;
	git_oid tip;
} pc_push_update;

/** What a push hook is told on stdin. */
typedef struct {
	pc_push_update *u;      /**< refs that get a new tip (deletions left out) */
	size_t n, alloc;
	pc_push_update *remote; /**< pre-push: the remote's current tips */
	size_t nremote, aremote;
	bool pre_push;
} pc_push;

/** Read a hook's stdin: "OLD NEW REF" lines (pre-receive) or "LOCAL-REF
 * LOCAL-SHA REMOTE-REF REMOTE-SHA" (pre-push). Bad input is PC_ERUNTIME
 * naming the line (a hook fails closed). */
int pc_push_read(pc_push *p, FILE *in, bool pre_push);
void pc_push_free(pc_push *p);

/**
 * Every commit the push brings that the other side does not have (the
 * server: no ref reaches it; pre-push: the remote's refs `remote`'s
 * tracking refs and tips do not reach it), each checked once and
 * attributed to the first ref that brings it; a tag of a tree or blob is
 * checked as it is. Anything unreadable is an error naming the ref.
 */
int pc_change_push(pc_findings *out, pc_repo *repo, const pc_change_opts *o, const pc_push *p,
		   const char *remote);

#endif
