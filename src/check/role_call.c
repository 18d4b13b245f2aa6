/*
 * role_call.c: the calls a model id is an argument of, for role.c. Code
 * that builds a reply (`ModelResponse(model="gpt-4o", choices=[...])`, a
 * mocked `RateLimitError(..., model="o3")`) or asserts on a value
 * (`expect(body).toMatchInlineSnapshot(...)`, `toEqual({ model: "o3" })`,
 * `mock.assert_called_with(model="o3")`) names a model without choosing
 * one, however many lines the call spans.
 *
 * The brackets open at the id are found by reading the file forward from
 * at most CALL_WINDOW bytes before the id's line, past string literals
 * (quotes, Python's triple quotes, templates across lines) and comments,
 * keeping a stack of the brackets still open. A file's later hits resume
 * where the last one stopped, so a file is read once.
 */
#include <stdbool.h>
#include <string.h>
#include "role_internal.h"

#define CALL_WINDOW 8192
#define CALL_DEPTH 4   /* calls out */

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$';
}

/* What is open at s->pos: a literal or comment (s->q) and brackets. */
enum { Q_NONE = 0, Q_TRIPLE2 = 'T', Q_TRIPLE1 = 't', Q_BLOCK = 'B', Q_LINE = 'L' };

static void push(pc_role_calls *s, size_t at)
{
	if (s->depth < PC_ROLE_CALL_STACK)
		s->stack[s->depth] = at;
	s->depth++; /* past the stack's size only counted: those are lost */
}

/* Read f[s->pos, to) into the state. */
static void advance(pc_role_calls *s, const char *f, size_t to)
{
	size_t i = s->pos;
	char q = s->q;
	for (; i < to; i++) {
		char c = f[i];
		switch (q) {
		case Q_NONE:
			break;
		case Q_LINE:
			if (c == '\n')
				q = Q_NONE;
			continue;
		case Q_BLOCK:
			if (c == '*' && i + 1 < to && f[i + 1] == '/')
				q = Q_NONE, i++;
			continue;
		case Q_TRIPLE2:
		case Q_TRIPLE1: {
			char d = q == Q_TRIPLE2 ? '"' : '\'';
			if (c == '\\')
				i++;
			else if (c == d && i + 2 < to && f[i + 1] == d && f[i + 2] == d)
				q = Q_NONE, i += 2;
			continue;
		}
		default: /* a quote; only a template spans lines */
			if (c == '\\')
				i++;
			else if (c == q || (c == '\n' && q != '`'))
				q = Q_NONE;
			continue;
		}
		if (c == '"' || c == '\'') {
			if (i + 2 < to && f[i + 1] == c && f[i + 2] == c)
				q = c == '"' ? Q_TRIPLE2 : Q_TRIPLE1, i += 2;
			else
				q = c;
		} else if (c == '`') {
			q = c;
		} else if (c == '#' && (!i || f[i - 1] == ' ' || f[i - 1] == '\t' || f[i - 1] == '\n')) {
			q = Q_LINE;
		} else if (c == '/' && i + 1 < to && f[i + 1] == '/' && (!i || f[i - 1] != ':')) {
			q = Q_LINE;
		} else if (c == '/' && i + 1 < to && f[i + 1] == '*') {
			q = Q_BLOCK, i++;
		} else if (c == '(' || c == '[' || c == '{') {
			push(s, i);
		} else if ((c == ')' || c == ']' || c == '}') && s->depth) {
			s->depth--;
		}
	}
	s->pos = i < to ? to : i;
	s->q = q;
}

/* The name called at the bracket t[i] (`(`), its last part after `.`, in
 * *name and *n; false when none stands before it (a tuple). */
static bool callee(const char *t, size_t i, const char **name, size_t *n)
{
	size_t e;
	while (i && (t[i - 1] == ' ' || t[i - 1] == '\t'))
		i--;
	e = i;
	while (i && word_char(t[i - 1]))
		i--;
	*name = t + i;
	*n = e - i;
	return e > i;
}

static bool named(const char *s, size_t n, const char *const *names)
{
	size_t k;
	for (k = 0; names[k]; k++)
		if (strlen(names[k]) == n && !memcmp(s, names[k], n))
			return true;
	return false;
}

static bool suffixed(const char *s, size_t n, const char *const *ends)
{
	size_t k, m;
	for (k = 0; ends[k]; k++)
		if ((m = strlen(ends[k])) < n && !memcmp(s + n - m, ends[k], m))
			return true;
	return false;
}

/* A class that holds a reply or its failure (capitalised, named for it),
 * or a mock standing in for one. */
static bool reply_class(const char *s, size_t n)
{
	static const char *const ends[] = { "Response", "ResponseStream", "Chunk", "Delta",
					    "Usage", "Error", "Exception", NULL };
	static const char *const mocks[] = { "Mock", "MagicMock", "AsyncMock",
					     "NonCallableMock", NULL };
	return n && s[0] >= 'A' && s[0] <= 'Z' && (suffixed(s, n, ends) || named(s, n, mocks));
}

/* A test's assertion on a value, or a snapshot of the expected one. */
static bool assertion(const char *s, size_t n)
{
	static const char *const names[] = {
		"toEqual", "toStrictEqual", "toMatchObject", "toMatchInlineSnapshot",
		"toMatchSnapshot", "toHaveBeenCalledWith", "toHaveBeenLastCalledWith",
		"toHaveBeenNthCalledWith", "toContainEqual", "toThrowErrorMatchingInlineSnapshot",
		"assertEqual", "assertEquals", "assertDictEqual", "assert_called_with",
		"assert_called_once_with", "assert_any_call", "assert_awaited_with",
		"assert_awaited_once_with", "snapshot", NULL
	};
	return named(s, n, names);
}

int pc_role_call(const pc_hit *h, pc_role_calls *s, size_t *steps)
{
	pc_role_calls mine;
	const char *f = h->file, *name;
	size_t at, lo, n, from;
	int k, calls = 0;
	bool in_list = false;

	size_t line_pos = f ? h->line_pos : 0;
	if (!f) /* the line alone */
		f = h->text;
	/* the id, in the file: its column counts the file's bytes where the
	 * line was decoded (a JSON string's escapes) */
	at = h->file && h->col ? line_pos + h->col - 1 : line_pos + h->ref->start;
	lo = line_pos > CALL_WINDOW ? line_pos - CALL_WINDOW : 0;
	while (lo && f[lo - 1] != '\n')
		lo--;
	if (!s)
		s = &mine, s->known = false;
	if (!s->known || s->file != f || s->pos < lo || s->pos > at) {
		memset(s, 0, sizeof(*s));
		s->known = true;
		s->file = f;
		s->pos = lo;
	}
	from = s->pos;
	advance(s, f, at);
	if (steps)
		*steps += s->pos - from + 1;
	for (k = s->depth - 1; k >= 0 && calls < CALL_DEPTH; k--) {
		size_t b;
		if (k >= PC_ROLE_CALL_STACK)
			return -1; /* nested deeper than the stack: not known */
		b = s->stack[k];
		if (f[b] == '[')
			in_list = true;
		if (f[b] != '(')
			continue;
		if (!callee(f, b, &name, &n)) {
			calls++;
			continue;
		}
		/* the reply's own argument, or a key of an object passed to it
		 * (`new APICallError({ model: "x" })`), not an item of a list */
		if (!calls++ && !in_list && reply_class(name, n))
			return PC_ROLE_DATA;
		if (assertion(name, n))
			return PC_ROLE_MENTION;
	}
	return -1;
}
