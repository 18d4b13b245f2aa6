/*
 * keywords.h: the matcher's literal prefilter. One pass over a file finds
 * every rule's keywords, so only the rules that can match run their regex,
 * and only on the lines that hold their keywords (LIBS.md 4.5: one pass
 * beats a memmem per keyword, and most lines of a repository mention no
 * model).
 */
#ifndef PINCHECK_KEYWORDS_H
#define PINCHECK_KEYWORDS_H

#include <stddef.h>

typedef struct pc_keywords pc_keywords;

pc_keywords *pc_keywords_new(void);
void pc_keywords_free(pc_keywords *kw);

/** Register literal `word` (len > 0 bytes), reported with `value`. */
void pc_keywords_add(pc_keywords *kw, const char *word, size_t len, size_t value);

/** Finish the automaton; call once after every add. */
void pc_keywords_build(pc_keywords *kw);

/** Called for one occurrence: its first byte's offset and its value. A
 * negative return stops the scan and is returned. */
typedef int (*pc_keyword_cb)(void *payload, size_t start, size_t value);

/**
 * Call fn for every occurrence of every keyword in text (overlapping ones
 * too), in order of their start; keywords that start at the same byte in
 * no particular order.
 */
int pc_keywords_each(const pc_keywords *kw, const char *text, size_t len, pc_keyword_cb fn,
		     void *payload);

#endif
