/*
 * keywords.c: Aho-Corasick over bytes, compiled to a full transition table
 * (a DFA), so the scan is one table lookup per byte. Keyword sets are small
 * (a few hundred states), so 1 KiB per state is cheap.
 */
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

struct pc_keywords {
	state *s;
	size_t n, alloc;
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
	free(kw);
}

void pc_keywords_add(pc_keywords *kw, const char *word, size_t len, size_t rule)
{
	int32_t cur = 0;
	size_t i;
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
	kw->built = 1;
}

void pc_keywords_scan(const pc_keywords *kw, const char *text, size_t len, unsigned char *hits)
{
	const state *s = kw->s;
	int32_t cur = 0;
	size_t i, j;
	for (i = 0; i < len; i++) {
		cur = s[cur].next[(unsigned char)text[i]];
		for (j = 0; j < s[cur].nout; j++)
			hits[s[cur].out[j]] = 1;
	}
}
