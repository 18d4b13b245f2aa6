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
 * sorted by start. pc_match_line never runs those rules.
 */
int pc_match_file(pc_matcher *m, const char *buf, size_t len, const pc_ref **refs);

#endif
