/*
 * lexer_internal.h: the lexer's families that live in files of their own.
 */
#ifndef PINCHECK_LEXER_INTERNAL_H
#define PINCHECK_LEXER_INTERNAL_H

#include <stddef.h>
#include <string.h>
#include "pincheck/lexer.h"

/** Mark mask[from, to) as v (1 prose, 0 code). */
static inline void fill(unsigned char *mask, size_t from, size_t to, unsigned char v)
{
	if (to > from)
		memset(mask + from, v, to - from);
}

/** mask[0, len) cleared to code, then `buf` lexed as `lang` (lexer.c). */
void pc_lex_lang(unsigned char *mask, pc_lang lang, const char *buf, size_t len);

/** A fenced code block's content, by its info string (```bash, or a
 * markup <code class="language-bash">): lexer.c. Markup and unknown
 * languages are prose here. */
void pc_lex_fenced(unsigned char *mask, const char *buf, size_t len, const char *info, size_t ilen);

/** HTML, XML, SVG, Vue and Svelte: see lexer_markup.c. */
void pc_lex_markup(unsigned char *mask, const char *buf, size_t len);

/** Notebook (.ipynb) prose mask: see lexer_notebook.c. */
void pc_lex_notebook(unsigned char *mask, const char *buf, size_t len);

#endif
