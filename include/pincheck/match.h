/*
 * match.h: finds model references in a file or one line of code.
 *
 * One keyword pass over the text selects the rules that can match at all,
 * and where; only those run their JIT-compiled pattern. Token boundaries
 * (SPEC section 1) are part of each compiled pattern; overlapping matches
 * are resolved here: the longest span wins, then a config rule over a
 * built-in one, then load order.
 */
#ifndef PINCHECK_MATCH_H
#define PINCHECK_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include "rules.h"

/** One model reference in a line: bytes [start, end). */
typedef struct {
	const pc_rule *rule;
	size_t start;
	size_t end;
} pc_ref;

/** Per-thread matching state (PCRE2 match data, scratch arrays). */
typedef struct pc_matcher pc_matcher;

/** What every matcher of a rule set has spent in a run (match.c). */
typedef struct pc_match_budget pc_match_budget;

/** A budget with nothing spent; free() frees it. */
pc_match_budget *pc_match_budget_new(void);

/**
 * The work a matcher has done since it was made: so that tests can show
 * it grows with the text, not faster, whatever the text holds.
 */
typedef struct {
	size_t calls;      /**< pcre2_match calls */
	size_t bytes;      /**< subject bytes from each call's start to where it stopped */
	size_t line_bytes; /**< bytes read to find the lines of keyword hits */
	unsigned long long units; /**< metered rules' work (auto-callouts and bytes moved) */
} pc_match_work;

int pc_matcher_new(pc_matcher **out, const pc_ruleset *rs);
void pc_matcher_free(pc_matcher *m);

/** The work done so far (see pc_match_work). */
void pc_matcher_work(const pc_matcher *m, pc_match_work *out);

/**
 * Find the references in `line` (len bytes, no terminator needed, may hold
 * NULs or invalid UTF-8). *refs points into the matcher and stays valid
 * until the next call. Returns the count, or PC_ERUNTIME if a pattern
 * failed on this input (match limit, or a rule from outside the binary
 * that spent its budget of work on the text or the run), with the rule
 * named in the message.
 */
int pc_match_line(pc_matcher *m, const char *line, size_t len, const pc_ref **refs);

/**
 * Start on a whole file: returns the references of `multiline` rules
 * (offsets into buf, sorted by start), and finds every rule's keywords in
 * one pass, so that pc_match_file_line then looks only at the lines that
 * hold one. buf must stay valid until pc_match_file_done().
 */
int pc_match_file(pc_matcher *m, const char *buf, size_t len, const pc_ref **refs);

/** The spans of the file's `mask` rules (rules.h), sorted by start; valid
 * until pc_match_file_done (line matching leaves them alone). */
size_t pc_match_file_masks(const pc_matcher *m, const pc_ref **masks);

/**
 * The references in bytes [off, off + len) of the file, a line of it
 * without its terminator; as pc_match_line, but only the rules whose
 * keywords the file pass found there run. Lines are taken in order, and
 * may be skipped.
 */
int pc_match_file_line(pc_matcher *m, size_t off, size_t len, const pc_ref **refs);

/**
 * Where the next line that can hold a reference starts to hold one: the
 * first keyword at or after `off` (SIZE_MAX: none; `off` itself when rules
 * without keywords must see every line). Lines before it need no look.
 */
size_t pc_match_file_next(pc_matcher *m, size_t off);

/** The file of pc_match_file is done. */
void pc_match_file_done(pc_matcher *m);

#endif
