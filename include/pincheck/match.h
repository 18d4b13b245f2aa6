/*
 * match.h: finds model references in one line of code.
 *
 * One pass of a keyword automaton over the line selects the rules that can
 * match at all; only those run their JIT-compiled pattern. Token boundaries
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

int pc_matcher_new(pc_matcher **out, const pc_ruleset *rs);
void pc_matcher_free(pc_matcher *m);

/**
 * Find the references in `line` (len bytes, no terminator needed, may hold
 * NULs or invalid UTF-8). *refs points into the matcher and stays valid
 * until the next call. Returns the count, or PC_ERUNTIME if a pattern
 * failed on this input (match limit), with the rule named in the message.
 */
int pc_match_line(pc_matcher *m, const char *line, size_t len, const pc_ref **refs);

/**
 * The references of `multiline` rules in a whole file (offsets into buf),
 * sorted by start. pc_match_line never runs those rules. This also looks
 * for every rule's keywords once in the file: if none of a line rule is
 * there, pc_match_line finds nothing (without looking) until
 * pc_match_file_done() is called after the file's lines.
 */
int pc_match_file(pc_matcher *m, const char *buf, size_t len, const pc_ref **refs);

/** The file of the last pc_match_file is done: lines are matched again. */
void pc_match_file_done(pc_matcher *m);

/** After pc_match_file: can any line of that file hold a reference? */
bool pc_match_lines_possible(const pc_matcher *m);

#endif
