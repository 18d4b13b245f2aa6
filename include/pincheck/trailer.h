/*
 * trailer.h: git trailers read from a commit message the way git reads
 * them (git-interpret-trailers(1)): the last paragraph of `Key: value`
 * lines, folded continuation lines, comment lines and the scissors line of
 * `git commit -v` handled per the commit-msg stage's cleanup, CRLF, NUL
 * bytes and very long lines tolerated. libgit2 1.5's git_message_trailers
 * disagrees with git on several of these (LIBS.md section 3), hence ours.
 */
#ifndef PINCHECK_TRAILER_H
#define PINCHECK_TRAILER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char *key;   /**< as written (case kept) */
	char *value; /**< trimmed; continuation lines unfolded with one space */
	size_t line; /**< 1-based line of the key in the message given */
} pc_trailer;

typedef struct {
	pc_trailer *items;
	size_t n, alloc;
} pc_trailers;

#define PC_TRAILERS_INIT { NULL, 0, 0 }

typedef struct {
	/** core.commentChar ('#' by default); 0: no comment handling. */
	char comment_char;
	/** Drop comment lines first (commit.cleanup=strip, the default
	 * when git opened an editor). */
	bool strip_comments;
	/** Cut the message at the scissors line "<cc> -------- >8 --------"
	 * (commit.cleanup=scissors, and always with `git commit -v`). */
	bool cut_at_scissors;
	/** A line starting with "---" ends the message, as for
	 * `git interpret-trailers` on a commit-msg file (patch divider).
	 * Off for stored commit messages (%(trailers) ignores it). */
	bool divider;
} pc_trailer_opts;

/** Options for a message stored in a commit: no comments, no divider. */
#define PC_TRAILER_OPTS_STORED { 0, false, false, false }

/**
 * Parse the trailers of `msg` (len bytes, may hold NULs and CRLFs).
 * Never fails on bad input: a message without a trailer block gives none.
 */
void pc_trailers_parse(pc_trailers *out, const char *msg, size_t len, const pc_trailer_opts *o);

/** Is `key` (case-insensitive, as git compares keys) one of the trailers? */
bool pc_trailer_key_is(const pc_trailer *t, const char *key);

void pc_trailers_free(pc_trailers *t);

#endif
