/*
 * keywords.c: Aho-Corasick over bytes, compiled to a full transition table
 * (a DFA), so the scan is one table lookup per byte. Keyword sets are small
 * (a few hundred states), so 1 KiB per state is cheap.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"
#include "pincheck/keywords.h"

typedef struct {
	int32_t next[256]; /* -1 in the trie; every entry set after build */
	int32_t fail;
	size_t *out;       /* rules reported when this state is reached */
	size_t nout, aout;
} state;

/* After build, a transition into a state that reports rules carries this
 * bit, so the scan loop touches a state's output list only then (one
 * memory access per byte, not two). */
#define HAS_OUT 0x40000000
#define TARGET(t) ((t) & ~HAS_OUT)

/* With this few keywords, searching each with memchr + memcmp (SIMD in
 * libc) beats walking the automaton byte by byte. */
#define FEW_KEYWORDS 4

typedef struct {
	char *word;
	size_t len, rule;
} keyword;

struct pc_keywords {
	state *s;
	size_t n, alloc;
	keyword *kw;
	size_t nkw, akw;
	int built;
};

static int32_t state_new(pc_keywords *kw)
{
	state *st;
	PC_GROW(kw->s, kw->alloc, kw->n + 1);
	st = &kw->s[kw->n];
	memset(st->next, 0xff, sizeof(st->next));
	st->fail = 0;
	st->out = NULL;
	st->nout = st->aout = 0;
	return (int32_t)kw->n++;
}

static void out_add(state *st, size_t rule)
{
	size_t i;
	for (i = 0; i < st->nout; i++)
		if (st->out[i] == rule)
			return;
	PC_GROW(st->out, st->aout, st->nout + 1);
	st->out[st->nout++] = rule;
}

pc_keywords *pc_keywords_new(void)
{
	pc_keywords *kw = pc_calloc(1, sizeof(*kw));
	state_new(kw);
	return kw;
}

void pc_keywords_free(pc_keywords *kw)
{
	size_t i;
	if (!kw)
		return;
	for (i = 0; i < kw->n; i++)
		free(kw->s[i].out);
	free(kw->s);
	for (i = 0; i < kw->nkw; i++)
		free(kw->kw[i].word);
	free(kw->kw);
	free(kw);
}

void pc_keywords_add(pc_keywords *kw, const char *word, size_t len, size_t rule)
{
	int32_t cur = 0;
	size_t i;
	PC_GROW(kw->kw, kw->akw, kw->nkw + 1);
	kw->kw[kw->nkw].word = pc_strndup(word, len);
	kw->kw[kw->nkw].len = len;
	kw->kw[kw->nkw++].rule = rule;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)word[i];
		if (kw->s[cur].next[c] < 0) {
			int32_t nx = state_new(kw);
			kw->s[cur].next[c] = nx;
		}
		cur = kw->s[cur].next[c];
	}
	out_add(&kw->s[cur], rule);
}

void pc_keywords_build(pc_keywords *kw)
{
	int32_t *queue = pc_malloc(kw->n * sizeof(*queue));
	size_t head = 0, tail = 0, i;
	int c;

	for (c = 0; c < 256; c++) {
		int32_t nx = kw->s[0].next[c];
		if (nx < 0) {
			kw->s[0].next[c] = 0;
		} else {
			kw->s[nx].fail = 0;
			queue[tail++] = nx;
		}
	}
	/* Breadth first: a state's fail target is shallower, so already done. */
	while (head < tail) {
		int32_t u = queue[head++];
		for (i = 0; i < kw->s[kw->s[u].fail].nout; i++)
			out_add(&kw->s[u], kw->s[kw->s[u].fail].out[i]);
		for (c = 0; c < 256; c++) {
			int32_t v = kw->s[u].next[c];
			if (v < 0) {
				kw->s[u].next[c] = kw->s[kw->s[u].fail].next[c];
			} else {
				kw->s[v].fail = kw->s[kw->s[u].fail].next[c];
				queue[tail++] = v;
			}
		}
	}
	free(queue);
	for (i = 0; i < kw->n; i++)
		for (c = 0; c < 256; c++)
			if (kw->s[kw->s[i].next[c]].nout)
				kw->s[i].next[c] |= HAS_OUT;
	kw->built = 1;
}

static bool contains(const char *text, size_t len, const char *word, size_t n)
{
	const char *p = text, *end = text + len;
	while ((size_t)(end - p) >= n && (p = memchr(p, word[0], (size_t)(end - p) - n + 1))) {
		if (!memcmp(p, word, n))
			return true;
		p++;
	}
	return false;
}

size_t pc_keywords_scan(const pc_keywords *kw, const char *text, size_t len, unsigned char *hits,
			size_t *list)
{
	const state *s = kw->s;
	int32_t cur = 0;
	size_t i, j, n = 0;
	if (kw->nkw <= FEW_KEYWORDS) {
		for (i = 0; i < kw->nkw; i++) {
			size_t r = kw->kw[i].rule;
			if (!hits[r] && contains(text, len, kw->kw[i].word, kw->kw[i].len)) {
				hits[r] = 1;
				list[n++] = r;
			}
		}
		return n;
	}
	for (i = 0; i < len; i++) {
		int32_t t = s[cur].next[(unsigned char)text[i]];
		cur = TARGET(t);
		if (!(t & HAS_OUT))
			continue;
		for (j = 0; j < s[cur].nout; j++) {
			size_t r = s[cur].out[j];
			if (!hits[r]) {
				hits[r] = 1;
				list[n++] = r;
			}
		}
	}
	return n;
}
