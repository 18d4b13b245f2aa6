/*
 * lexer_notebook.c: which bytes of a Jupyter notebook (.ipynb) are prose.
 * Part of the lexer (lexer.c): the JSON is walked with a bounded explicit
 * stack; only the strings of code cells' `source` are code, and within them
 * a Python comment is prose again. A cell is decided when its object
 * closes, so `cell_type` may come before or after `source`.
 */
#include <stdbool.h>
#include <string.h>
#include "pincheck/lexer.h"
#include "lexer_internal.h"

/* ---- Jupyter notebooks ---- */

#define NB_MAX_DEPTH 256

enum { NB_OTHER, NB_CELLS, NB_CELL_TYPE, NB_SOURCE };     /* object keys */
enum { NB_NONE, NB_CELL_LIST, NB_CELL, NB_SOURCE_LIST }; /* container roles */

struct nb_frame {
	size_t start;              /* offset of the '{' or '[' */
	size_t src_start, src_end; /* a cell's source, once seen */
	unsigned char kind, role, key;
	bool want_key, is_code, has_src;
};

struct nb {
	struct nb_frame f[NB_MAX_DEPTH];
	size_t depth, overflow; /* overflow: containers past NB_MAX_DEPTH, left prose */
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

/* Decode one JSON string character at buf[i] (before `end`); returns the next index. */
static size_t nb_decode(const char *buf, size_t i, size_t end, unsigned char *ch)
{
	if (buf[i] != '\\' || i + 1 >= end) {
		*ch = (unsigned char)buf[i];
		return i + 1;
	}
	switch (buf[i + 1]) {
	case 'n': *ch = '\n'; break;
	case 't': *ch = '\t'; break;
	case 'u': /* \uXXXX: never a quote, '#' or newline as nbformat writes it */
		*ch = 'u';
		return i + 6 < end ? i + 6 : end;
	default: *ch = (unsigned char)buf[i + 1]; break;
	}
	return i + 2;
}

/*
 * One JSON string element [a, e) of a code cell's source: code, except that
 * a Python `#` comment outside a Python string makes the rest of the element
 * (or of the line, for a source written as one string) prose.
 */
static void nb_code_line(unsigned char *mask, const char *buf, size_t a, size_t e, struct nb_py *py)
{
	bool comment = false;
	unsigned char ch, c2, c3;
	size_t i = a, nx, n2, n3;

	while (i < e) {
		nx = nb_decode(buf, i, e, &ch);
		fill(mask, i, nx, comment || (!py->quote && ch == '#'));
		if (comment) {
			comment = ch != '\n';
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
				if (ch == '\n' && !py->triple)
					py->quote = 0;
			}
		} else if (ch == '#') {
			comment = true;
		} else if (ch == '"' || ch == '\'') {
			py->quote = ch;
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

static unsigned char nb_key(const char *k, size_t n)
{
	if (n == 5 && !memcmp(k, "cells", 5))
		return NB_CELLS;
	if (n == 9 && !memcmp(k, "cell_type", 9))
		return NB_CELL_TYPE;
	/* nbformat 3 called a code cell's source "input". */
	if ((n == 6 && !memcmp(k, "source", 6)) || (n == 5 && !memcmp(k, "input", 5)))
		return NB_SOURCE;
	return NB_OTHER;
}

static void nb_push(struct nb *nb, unsigned char kind, size_t at)
{
	struct nb_frame *up, *f;
	if (nb->overflow || nb->depth == NB_MAX_DEPTH) {
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
	}
}

/* A JSON string [s, ce) (ce: its closing quote or where it broke). */
static void nb_string(struct nb *nb, size_t s, size_t ce)
{
	struct nb_frame *f = nb->depth ? &nb->f[nb->depth - 1] : NULL;
	if (nb->overflow || !f || f->kind != '{')
		return;
	if (f->want_key) {
		f->key = nb_key(nb->buf + s + 1, ce - s - 1);
		f->want_key = false;
	} else if (f->role == NB_CELL && f->key == NB_CELL_TYPE) {
		f->is_code = ce - s - 1 == 4 && !memcmp(nb->buf + s + 1, "code", 4);
	} else if (f->role == NB_CELL && f->key == NB_SOURCE) {
		f->src_start = s;
		f->src_end = ce < nb->len ? ce + 1 : ce;
		f->has_src = true;
	}
}

/*
 * .ipynb: all prose (Markdown and raw cells, outputs, metadata) but the
 * source strings of code cells. The JSON is walked with an explicit,
 * bounded stack: no recursion, no allocation, deeper nesting stays prose.
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

