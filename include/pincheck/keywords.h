/*
 * keywords.h: the matcher's literal prefilter. An Aho-Corasick automaton
 * over every rule's keywords finds, in one pass over a line, which rules can
 * match at all; only those run their regex (LIBS.md 4.5: one pass beats a
 * memmem per keyword, and most lines of a repository mention no model).
 */
#ifndef PINCHECK_KEYWORDS_H
#define PINCHECK_KEYWORDS_H

#include <stddef.h>

typedef struct pc_keywords pc_keywords;

pc_keywords *pc_keywords_new(void);
void pc_keywords_free(pc_keywords *kw);

/** Register literal `word` (len > 0 bytes) for rule number `rule`. */
void pc_keywords_add(pc_keywords *kw, const char *word, size_t len, size_t rule);

/** Finish the automaton; call once after every add. */
void pc_keywords_build(pc_keywords *kw);

/**
 * Set hits[rule] = 1 for every rule whose keyword occurs in text, and
 * append each such rule once to list[] (returning how many were added), so
 * a caller visits only the rules that can match.
 */
size_t pc_keywords_scan(const pc_keywords *kw, const char *text, size_t len, unsigned char *hits,
			size_t *list);

#endif
