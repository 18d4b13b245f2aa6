/*
 * glob.c: git-style globs for the config's path filters (see glob.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"
#include "pincheck/glob.h"

/*
 * A pattern is compiled to tokens and run as a non-deterministic automaton
 * over the path, all its states at once (as Thompson's construction does
 * for regexes): O(pattern x path) steps whatever the pattern, where trying
 * each way a '*' can match in turn is exponential in the number of stars
 * ("*a*a*a*a*a*a*a*a*a*a*b" against a 40-byte name took minutes).
 */
typedef enum {
	TOK_CHAR,     /* one byte, '/' included */
	TOK_ONE,      /* '?': one byte but '/' */
	TOK_CLASS,    /* [...]: one byte of the class, never '/' */
	TOK_NEVER,    /* an unterminated class: matches nothing */
	TOK_STAR,     /* '*': any bytes within one segment */
	TOK_SEGMENTS, /* "**" or "**" "/": nothing, or anything that ends with '/' */
} tok_kind;

typedef struct {
	tok_kind kind;
	char c;
	bool neg;           /* TOK_CLASS */
	const char *set;    /* TOK_CLASS: the members, up to the closing ']' */
	size_t set_len;
} tok;

/* Is c in the class tok t (the [...] syntax of glob.h)? */
static bool class_has(const tok *t, char c)
{
	const char *p = t->set, *end = t->set + t->set_len;
	bool hit = false;
	if (p < end && *p == ']') { /* a leading ']' is literal */
		hit = c == ']';
		p++;
	}
	for (; p < end; p++) {
		if (p + 2 < end && p[1] == '-') {
			if (*p <= c && c <= p[2])
				hit = true;
			p += 2;
		} else if (*p == c) {
			hit = true;
		}
	}
	return hit != t->neg;
}

/* Tokens of pattern p (n bytes); the count. *all_from is the count too
 * when a trailing "**" makes whatever follows match, else SIZE_MAX. */
static size_t compile(tok *out, const char *p, size_t n, size_t *all_from)
{
	size_t i = 0, k = 0;
	*all_from = SIZE_MAX;
	while (i < n) {
		tok *t = &out[k];
		memset(t, 0, sizeof(*t));
		if (p[i] == '*' && i + 1 < n && p[i + 1] == '*') {
			i += 2;
			if (i < n && p[i] == '/')
				i++;
			if (i == n) {
				*all_from = k; /* "**" at the end: everything below */
				return k;
			}
			t->kind = TOK_SEGMENTS;
		} else if (p[i] == '*') {
			t->kind = TOK_STAR;
			i++;
		} else if (p[i] == '?') {
			t->kind = TOK_ONE;
			i++;
		} else if (p[i] == '[') {
			size_t j = i + 1;
			t->kind = TOK_CLASS;
			if (j < n && (p[j] == '!' || p[j] == '^')) {
				t->neg = true;
				j++;
			}
			t->set = p + j;
			if (j < n && p[j] == ']')
				j++;
			while (j < n && p[j] != ']') {
				if (j + 2 < n && p[j + 1] == '-' && p[j + 2] != ']')
					j += 2;
				j++;
			}
			if (j >= n) {
				t->kind = TOK_NEVER; /* unterminated */
				i = n;
			} else {
				t->set_len = (size_t)(p + j - t->set);
				i = j + 1;
			}
		} else {
			if (p[i] == '\\' && i + 1 < n)
				i++;
			t->kind = TOK_CHAR;
			t->c = p[i++];
		}
		k++;
	}
	return k;
}

/* The automaton's states: at[i], token i is next to match; mid[i], inside
 * a "**" of token i, past its last '/'. at[n]: the pattern is done. */
typedef struct {
	const tok *t;
	size_t n, all_from;
	unsigned char *at, *mid, *nat, *nmid;
	size_t *steps;
} nfa;

/* Follow the tokens that may match nothing; true if "**" at the end was
 * reached (then anything that follows matches). */
static bool closure(nfa *a, unsigned char *at)
{
	size_t i;
	for (i = 0; i < a->n; i++)
		if (at[i] && (a->t[i].kind == TOK_STAR || a->t[i].kind == TOK_SEGMENTS))
			at[i + 1] = 1;
	return a->all_from != SIZE_MAX && at[a->n];
}

static void start(nfa *a)
{
	memset(a->at, 0, a->n + 1);
	memset(a->mid, 0, a->n + 1);
	a->at[0] = 1;
}

/* One byte of input; false when no state is left. */
static bool step(nfa *a, char c)
{
	size_t i;
	bool any = false;
	unsigned char *swap;
	memset(a->nat, 0, a->n + 1);
	memset(a->nmid, 0, a->n + 1);
	for (i = 0; i < a->n; i++) {
		const tok *t = &a->t[i];
		if (a->steps)
			(*a->steps)++;
		if (a->mid[i]) { /* inside "**": a '/' ends a whole segment */
			if (c == '/')
				a->nat[i] = 1;
			else
				a->nmid[i] = 1;
		}
		if (!a->at[i])
			continue;
		switch (t->kind) {
		case TOK_CHAR:
			a->nat[i + 1] |= c == t->c;
			break;
		case TOK_ONE:
			a->nat[i + 1] |= c != '/';
			break;
		case TOK_CLASS:
			a->nat[i + 1] |= c != '/' && class_has(t, c);
			break;
		case TOK_NEVER:
			break;
		case TOK_STAR:
			a->nat[i] |= c != '/';
			break;
		case TOK_SEGMENTS:
			if (c == '/')
				a->nat[i] = 1;
			else
				a->nmid[i] = 1;
			break;
		}
	}
	swap = a->at, a->at = a->nat, a->nat = swap;
	swap = a->mid, a->mid = a->nmid, a->nmid = swap;
	for (i = 0; i <= a->n && !any; i++)
		any = a->at[i] || a->mid[i];
	return any;
}

/* Run the automaton over path[from, to): does the pattern match the whole
 * of path[from, e) for some e of `ends` (a bitmap over the path's bytes,
 * the candidate ends)? */
static bool run(nfa *a, const char *path, size_t from, size_t to, const unsigned char *ends)
{
	size_t e;
	bool all;
	start(a);
	all = closure(a, a->at);
	if (ends[from] && (all || a->at[a->n]))
		return true; /* an empty candidate (ends[0] never is one) */
	for (e = from + 1; e <= to; e++) {
		if (!all && !step(a, path[e - 1]))
			return false; /* no state left: nothing longer matches */
		if (!all)
			all = closure(a, a->at);
		if (ends[e] && (all || a->at[a->n]))
			return true;
	}
	return false;
}

/*
 * Consecutive plain characters of the pattern match as many consecutive
 * bytes of a candidate, which is part of the path: a path without the
 * pattern's longest such run cannot match. Most paths a config's globs
 * are tried on fail here, by one memmem, instead of an automaton run per
 * candidate (`scan` tries ~50 data globs on every file: 85% of its time
 * on 10,000 small files, bench/README.md).
 */
static bool longest_run_in(const tok *t, size_t n, const char *path, size_t len)
{
	size_t i, run = 0, best = 0, best_end = 0;
	char lit[128];
	for (i = 0; i <= n; i++) {
		if (i < n && t[i].kind == TOK_CHAR) {
			run++;
			continue;
		}
		if (run > best)
			best = run, best_end = i;
		run = 0;
	}
	if (best > sizeof(lit))
		best = sizeof(lit); /* its end is a run too */
	for (i = 0; i < best; i++)
		lit[i] = t[best_end - best + i].c;
	for (i = 0; best && i + best <= len; i++) {
		const char *at = memchr(path + i, lit[0], len - best + 1 - i);
		if (!at)
			return false;
		i = (size_t)(at - path);
		if (!memcmp(at, lit, best))
			return true;
	}
	return !best;
}

/*
 * As .gitignore: the pattern is tried against the file and each directory
 * above it, so a directory pattern covers everything below. With a '/'
 * inside, it matches from the top; without, against the last segment.
 * A trailing '/' matches directories only.
 */
bool pc_glob_match_steps(const char *pattern, const char *path, size_t *steps)
{
	size_t n = strlen(pattern), len = strlen(path), end, from, ntok;
	bool dir_only = false, anchored, hit = false;
	const char *p = pattern;
	unsigned char *mem, *ends;
	tok *toks;
	nfa a;

	if (n && pattern[n - 1] == '/') {
		dir_only = true;
		n--;
	}
	if (n && p[0] == '/') {
		p++;
		n--;
		anchored = true;
	} else {
		anchored = memchr(p, '/', n) != NULL;
	}
	if (!n)
		return false;
	toks = pc_calloc(n + 1, sizeof(*toks));
	ntok = compile(toks, p, n, &a.all_from);
	/* (not when counting steps: those measure the automaton) */
	if (!steps && !longest_run_in(toks, ntok, path, len)) {
		free(toks);
		return false;
	}
	a.t = toks;
	a.n = ntok;
	a.steps = steps;
	mem = pc_calloc(4 * (ntok + 1) + len + 1, 1);
	a.at = mem;
	a.mid = a.at + (ntok + 1);
	a.nat = a.mid + (ntok + 1);
	a.nmid = a.nat + (ntok + 1);
	/* The candidates (as .gitignore): the path up to each '/', and the
	 * whole path unless the pattern names a directory. */
	ends = a.nmid + (ntok + 1);
	for (end = 1; end <= len; end++)
		ends[end] = end < len ? path[end] == '/' : !dir_only;
	if (anchored) {
		hit = run(&a, path, 0, len, ends);
	} else {
		/* the last segment of each candidate, each segment once */
		for (from = 0; from <= len && !hit; from = end + 1) {
			end = from;
			while (end < len && path[end] != '/')
				end++;
			if (ends[end])
				hit = run(&a, path, from, end, ends);
		}
	}
	free(mem);
	free(toks);
	return hit;
}

bool pc_glob_match(const char *pattern, const char *path)
{
	return pc_glob_match_steps(pattern, path, NULL);
}
