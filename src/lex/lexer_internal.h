/*
 * lexer_internal.h: the lexer's families that live in files of their own.
 */
#ifndef PINCHECK_LEXER_INTERNAL_H
#define PINCHECK_LEXER_INTERNAL_H

#include <stddef.h>
#include <string.h>

/** Mark mask[from, to) as v (1 prose, 0 code). */
static inline void fill(unsigned char *mask, size_t from, size_t to, unsigned char v)
{
	if (to > from)
		memset(mask + from, v, to - from);
}

/** Notebook (.ipynb) prose mask: see lexer_notebook.c. */
void pc_lex_notebook(unsigned char *mask, const char *buf, size_t len);

#endif
