/*
 * lexer_notebook.c: which bytes of a Jupyter notebook (.ipynb) are prose.
 * Part of the lexer (lexer.c): the JSON is walked with a bounded explicit
 * stack; only the strings of code cells' `source` are code, and within them
 * a Python comment is prose again. A cell is decided when its object
 * closes, so `cell_type` may come before or after `source`.
 *
 * The notebook is read as Jupyter reads it, as JSON: keys and the
 * `cell_type` value are compared after decoding their escapes
 * (`"cell_typ\u0065"` is `cell_type`), and Python comments and strings are
 * found in the decoded text of a source string (`\u0022` opens a string,
 * `\u0023` a comment), each decoded character marking the raw bytes that
 * spell it. So an id spelled with escapes in a code cell (`gpt-4\u006f`)
 * lies in code, never in prose; the scanner (scan.c) then matches ids in a
 * copy of the notebook with such needless escapes decoded, so that it is
 * found as gpt-4o. Broken escapes stand for themselves; every string is
 * decoded once, front to back.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/limits.h"
#include "pincheck/lexer.h"
#include "lexer_internal.h"

/* ---- Jupyter notebooks ---- */

enum { NB_OTHER, NB_CELLS, NB_CELL_TYPE, NB_SOURCE };     /* object keys */
enum { NB_NONE, NB_CELL_LIST, NB_CELL, NB_SOURCE_LIST }; /* container roles */

struct nb_frame {
	size_t start;              /* offset of the '{' or '[' */
	size_t src_start, src_end; /* a cell's source, once seen */
	unsigned char kind, role, key;
	bool want_key, is_code, is_markdown, has_src;
};

struct nb {
	struct nb_frame f[PC_NOTEBOOK_MAX_DEPTH];
	size_t depth, overflow; /* overflow: containers past PC_NOTEBOOK_MAX_DEPTH, left prose */
	unsigned char *mask;
	const char *buf;
	size_t len;
};

/* Python lexing state across the JSON string elements of one cell's source. */
struct nb_py {
	unsigned char quote; /* 0 outside a Python string */
	bool triple, esc;
	int run;             /* quotes in a row, to close a triple */
};

/* Where the content of the JSON string opening at buf[i] ends: its closing
 * quote, or a raw newline (never valid inside) or `end` when it is broken. */
static size_t json_str_end(const char *buf, size_t end, size_t i)
{
	for (i++; i < end && buf[i] != '"' && buf[i] != '\n'; i++)
		if (buf[i] == '\\')
			i++;
	return i < end ? i : end;
}

/* The value of the 4 hex digits at buf[i] (before `end`), or -1. */
static int hex4(const char *buf, size_t i, size_t end)
{
	int v = 0, k;
	if (end - i < 4)
		return -1;
	for (k = 0; k < 4; k++) {
		char c = buf[i + k];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/*
 * Decode one JSON string character at buf[i] (before `end`) into the code
 * point *cp, as Jupyter's JSON reader sees it; returns the next index.
 * \uXXXX is decoded, a surrogate pair as one character. A broken escape
 * (`\x`, `\u12`) makes the file invalid JSON, which Jupyter does not run:
 * it is read as the bytes it is, one at a time.
 */
static size_t nb_decode(const char *buf, size_t i, size_t end, uint32_t *cp)
{
	int hi, lo;
	if (buf[i] != '\\' || i + 1 >= end) {
		*cp = (unsigned char)buf[i];
		return i + 1;
	}
	switch (buf[i + 1]) {
	case 'n': *cp = '\n'; break;
	case 't': *cp = '\t'; break;
	case 'r': *cp = '\r'; break;
	case 'b': *cp = '\b'; break;
	case 'f': *cp = '\f'; break;
	case 'u':
		if ((hi = hex4(buf, i + 2, end)) < 0) {
			*cp = '\\';
			return i + 1;
		}
		*cp = (uint32_t)hi;
		if (hi >= 0xd800 && hi < 0xdc00 && end - i >= 12 && buf[i + 6] == '\\' &&
		    buf[i + 7] == 'u' && (lo = hex4(buf, i + 8, end)) >= 0xdc00 && lo < 0xe000) {
			*cp = 0x10000 + (((uint32_t)hi - 0xd800) << 10) + ((uint32_t)lo - 0xdc00);
			return i + 12;
		}
		return i + 6;
	default: *cp = (unsigned char)buf[i + 1]; break; /* \" \\ \/ */
	}
	return i + 2;
}

/* Is the JSON string content [s, e) the ASCII text `lit`, once decoded? */
static bool nb_str_eq(const char *buf, size_t s, size_t e, const char *lit)
{
	uint32_t cp;
	while (s < e && *lit) {
		s = nb_decode(buf, s, e, &cp);
		if (cp != (unsigned char)*lit++)
			return false;
	}
	return s == e && !*lit;
}

/* A line end for Python (universal newlines: \n, \r). */
static bool py_eol(uint32_t ch)
{
	return ch == '\n' || ch == '\r';
}

/*
 * One JSON string element [a, e) of a code cell's source: code, except that
 * a Python `#` comment outside a Python string makes the rest of the element
 * (or of the line, for a source written as one string) prose. Python is
 * lexed on the decoded text (`\u0023` is a `#`, `\u0022` a quote); each
 * decoded character marks the raw bytes that spell it.
 */
static void nb_code_line(unsigned char *mask, const char *buf, size_t a, size_t e, struct nb_py *py)
{
	bool comment = false;
	uint32_t ch, c2, c3;
	size_t i = a, nx, n2, n3;

	while (i < e) {
		nx = nb_decode(buf, i, e, &ch);
		fill(mask, i, nx, comment || (!py->quote && ch == '#'));
		if (comment) {
			comment = !py_eol(ch);
		} else if (py->quote) {
			if (py->esc) {
				py->esc = false;
				py->run = 0;
			} else if (ch == '\\') {
				py->esc = true;
				py->run = 0;
			} else if (ch == py->quote) {
				if (!py->triple || ++py->run == 3)
					py->quote = 0;
			} else {
				py->run = 0;
				if (py_eol(ch) && !py->triple)
					py->quote = 0;
			}
		} else if (ch == '#') {
			comment = true;
		} else if (ch == '"' || ch == '\'') {
			py->quote = (unsigned char)ch;
			py->run = 0;
			py->triple = false;
			if (nx < e && (n2 = nb_decode(buf, nx, e, &c2)) < e && c2 == ch) {
				n3 = nb_decode(buf, n2, e, &c3);
				if (c3 == ch) {
					py->triple = true;
					fill(mask, nx, n3, 0);
					nx = n3;
				}
			}
		}
		i = nx;
	}
	if (py->quote && !py->triple)
		py->quote = 0; /* an element is one line: a one-line string ends */
	py->esc = false;
}

/* Mark the JSON strings in a code cell's source [s, e) as code. */
static void nb_code_source(struct nb *nb, size_t s, size_t e)
{
	struct nb_py py = { 0, false, false, 0 };
	size_t i = s, ce;
	while (i < e) {
		if (nb->buf[i] != '"') {
			i++;
			continue;
		}
		ce = json_str_end(nb->buf, e, i);
		nb->mask[i] = 0;
		nb_code_line(nb->mask, nb->buf, i + 1, ce, &py);
		if (ce < e && nb->buf[ce] == '"')
			nb->mask[ce++] = 0;
		i = ce;
	}
}

/*
 * Each decoded character of the JSON strings in [s, e), in order: `emit`
 * gets its raw bytes [i, nx) and its index among the decoded characters.
 * A character above ASCII decoded from an escape stands as one byte 0x80
 * (not an id's byte); raw bytes stand for themselves.
 */
static size_t nb_decode_strings(const struct nb *nb, size_t s, size_t e, char *out,
				const unsigned char *dmask)
{
	size_t i = s, ce, nx, d = 0;
	uint32_t cp;
	while (i < e) {
		if (nb->buf[i] != '"') {
			i++;
			continue;
		}
		ce = json_str_end(nb->buf, e, i);
		for (i++; i < ce; i = nx, d++) {
			nx = nb_decode(nb->buf, i, ce, &cp);
			if (out)
				out[d] = cp < 0x80 ? (char)cp : nx - i == 1 ? nb->buf[i] : (char)0x80;
			else
				fill(nb->mask, i, nx, dmask[d]);
		}
		i = ce < e && nb->buf[ce] == '"' ? ce + 1 : ce;
	}
	return d;
}

/*
 * A Markdown cell's source [s, e): its decoded text (the strings joined,
 * as Jupyter joins them) is lexed as Markdown, so that a fenced block in
 * it is code of its language as in a .md file; each decoded character
 * marks the raw bytes that spell it. If there is no memory for the copy,
 * the cell stays prose.
 */
static void nb_markdown_source(struct nb *nb, size_t s, size_t e)
{
	char *text = malloc(e - s + 1);
	unsigned char *dmask = malloc(e - s + 1);
	size_t n;
	if (text && dmask) {
		n = nb_decode_strings(nb, s, e, text, NULL);
		pc_lex_prose(dmask, PC_LANG_MARKDOWN, text, n);
		nb_decode_strings(nb, s, e, NULL, dmask);
	}
	free(text);
	free(dmask);
}

/* Keys are compared decoded: `"cell_typ\u0065"` is "cell_type" to Jupyter. */
static unsigned char nb_key(const char *buf, size_t s, size_t e)
{
	if (nb_str_eq(buf, s, e, "cells"))
		return NB_CELLS;
	if (nb_str_eq(buf, s, e, "cell_type"))
		return NB_CELL_TYPE;
	/* nbformat 3 called a code cell's source "input". */
	if (nb_str_eq(buf, s, e, "source") || nb_str_eq(buf, s, e, "input"))
		return NB_SOURCE;
	return NB_OTHER;
}

static void nb_push(struct nb *nb, unsigned char kind, size_t at)
{
	struct nb_frame *up, *f;
	if (nb->overflow || nb->depth == PC_NOTEBOOK_MAX_DEPTH) {
		nb->overflow++;
		return;
	}
	up = nb->depth ? &nb->f[nb->depth - 1] : NULL;
	f = &nb->f[nb->depth++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->start = at;
	f->want_key = kind == '{';
	if (up && up->kind == '{' && kind == '[' && up->key == NB_CELLS)
		f->role = NB_CELL_LIST;
	else if (up && up->kind == '{' && kind == '[' && up->key == NB_SOURCE && up->role == NB_CELL)
		f->role = NB_SOURCE_LIST;
	else if (up && up->kind == '[' && up->role == NB_CELL_LIST && kind == '{')
		f->role = NB_CELL;
}

/* Close the innermost container at `end`. A cell is decided only when it
 * closes, since "cell_type" may come after "source". */
static void nb_pop(struct nb *nb, size_t end)
{
	struct nb_frame *f, *up;
	if (nb->overflow) {
		nb->overflow--;
		return;
	}
	if (!nb->depth)
		return;
	f = &nb->f[--nb->depth];
	up = nb->depth ? &nb->f[nb->depth - 1] : NULL;
	if (f->role == NB_SOURCE_LIST && up) {
		up->src_start = f->start;
		up->src_end = end;
		up->has_src = true;
	} else if (f->role == NB_CELL && f->is_code && f->has_src) {
		nb_code_source(nb, f->src_start, f->src_end);
	} else if (f->role == NB_CELL && f->is_markdown && f->has_src) {
		nb_markdown_source(nb, f->src_start, f->src_end);
	}
}

/* A JSON string [s, ce) (ce: its closing quote or where it broke). */
static void nb_string(struct nb *nb, size_t s, size_t ce)
{
	struct nb_frame *f = nb->depth ? &nb->f[nb->depth - 1] : NULL;
	if (nb->overflow || !f || f->kind != '{')
		return;
	if (f->want_key) {
		f->key = nb_key(nb->buf, s + 1, ce);
		f->want_key = false;
	} else if (f->role == NB_CELL && f->key == NB_CELL_TYPE) {
		f->is_code = nb_str_eq(nb->buf, s + 1, ce, "code");
		f->is_markdown = nb_str_eq(nb->buf, s + 1, ce, "markdown");
	} else if (f->role == NB_CELL && f->key == NB_SOURCE) {
		f->src_start = s;
		f->src_end = ce < nb->len ? ce + 1 : ce;
		f->has_src = true;
	}
}

/*
 * .ipynb: all prose (Markdown and raw cells, outputs, metadata) but the
 * source strings of code cells, and the fenced code blocks of Markdown
 * cells. The JSON is walked with an explicit, bounded stack: no
 * recursion, deeper nesting stays prose; a Markdown cell's text is copied
 * once to be lexed.
 */
void pc_lex_notebook(unsigned char *mask, const char *buf, size_t len)
{
	struct nb nb;
	size_t i = 0, ce;

	memset(&nb, 0, sizeof(nb));
	nb.mask = mask;
	nb.buf = buf;
	nb.len = len;
	fill(mask, 0, len, 1);
	while (i < len) {
		char c = buf[i];
		if (c == '"') {
			ce = json_str_end(buf, len, i);
			nb_string(&nb, i, ce);
			i = ce < len && buf[ce] == '"' ? ce + 1 : ce;
		} else {
			if (c == '{' || c == '[')
				nb_push(&nb, (unsigned char)c, i);
			else if (c == '}' || c == ']')
				nb_pop(&nb, i + 1);
			else if (c == ',' && !nb.overflow && nb.depth && nb.f[nb.depth - 1].kind == '{')
				nb.f[nb.depth - 1].want_key = true;
			i++;
		}
	}
	while (nb.depth || nb.overflow) /* truncated file: close what is open */
		nb_pop(&nb, len);
}

