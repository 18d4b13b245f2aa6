/*
 * keywords.c: many literals at once, the way multi-pattern searchers such
 * as Hyperscan's FDR do it: a filter that tests every position of the text
 * independently, then an exact check at the few positions it lets through.
 *
 * The filter is two bitmaps that stay in the first-level cache: one of the
 * hashed first four bytes of every keyword of four bytes or more, one of
 * the first two bytes of the shorter ones. Testing a position costs a load,
 * a multiply and a bit test, with no dependency between positions, so the
 * processor overlaps them: several times faster than an Aho-Corasick
 * automaton, whose every step waits for the previous one, and the reason a
 * scan is bound by reading files, not by finding keywords in them. The
 * check then compares the keywords that start with those four bytes (a
 * hash table) or the short keywords that start with that byte.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"
#include "pincheck/keywords.h"

/* The filter: 1 << FILTER_BITS bytes; bit 1 marks the hash of a long
 * keyword's first four bytes, bit 2 that of a short one's first two. A few
 * hundred keywords fill about 1%, so few positions pass by accident. */
#define FILTER_BITS 14
#define LONG_BIT 1
#define SHORT_BIT 2

typedef struct {
	char *word;
	size_t len, value;
} keyword;

typedef struct {
	uint32_t gram;       /* the first four bytes */
	uint32_t first, n;   /* its keywords: kw[first .. first + n) */
} bucket;

struct pc_keywords {
	keyword *kw;
	size_t nkw, akw;
	/* built: */
	unsigned char filter[1u << FILTER_BITS];
	bucket *tab;         /* open addressing on gram, mask + 1 slots */
	uint32_t mask;
	/* kw is sorted: keywords of 4+ bytes first, grouped by gram, then the
	 * shorter ones by first byte, kw[short_at[c] .. short_at[c + 1]) */
	size_t short_at[257];
};

pc_keywords *pc_keywords_new(void)
{
	return pc_calloc(1, sizeof(pc_keywords));
}

void pc_keywords_free(pc_keywords *kw)
{
	size_t i;
	if (!kw)
		return;
	for (i = 0; i < kw->nkw; i++)
		free(kw->kw[i].word);
	free(kw->kw);
	free(kw->tab);
	free(kw);
}

void pc_keywords_add(pc_keywords *kw, const char *word, size_t len, size_t value)
{
	PC_GROW(kw->kw, kw->akw, kw->nkw + 1);
	kw->kw[kw->nkw].word = pc_strndup(word, len);
	kw->kw[kw->nkw].len = len;
	kw->kw[kw->nkw++].value = value;
}

static uint32_t load4(const unsigned char *p)
{
	uint32_t w;
	memcpy(&w, p, 4); /* byte order does not matter: build and scan agree */
	return w;
}

static uint32_t load2(const unsigned char *p)
{
	uint16_t w;
	memcpy(&w, p, 2);
	return w;
}

static uint32_t long_hash(uint32_t w)
{
	return (w * 2654435761u) >> (32 - FILTER_BITS);
}

static uint32_t short_hash(uint32_t w)
{
	return ((w + 0x7f4a7c15u) * 0x9e3779b1u) >> (32 - FILTER_BITS);
}

static uint32_t slot_of(uint32_t w, uint32_t mask)
{
	return (w * 0x9e3779b1u ^ w >> 15) & mask;
}

/* a gram's bucket, or the empty slot where it goes */
static bucket *find(const pc_keywords *kw, uint32_t gram)
{
	uint32_t s = slot_of(gram, kw->mask);
	while (kw->tab[s].n && kw->tab[s].gram != gram)
		s = (s + 1) & kw->mask;
	return &kw->tab[s];
}

/* Long keywords first, grouped by their first four bytes, then the short
 * ones by their first byte. */
static int cmp_keyword(const void *pa, const void *pb)
{
	const keyword *a = pa, *b = pb;
	int la = a->len >= 4, lb = b->len >= 4;
	uint32_t x, y;
	if (la != lb)
		return la ? -1 : 1;
	x = la ? load4((const unsigned char *)a->word) : (unsigned char)a->word[0];
	y = lb ? load4((const unsigned char *)b->word) : (unsigned char)b->word[0];
	return x < y ? -1 : x > y;
}

void pc_keywords_build(pc_keywords *kw)
{
	size_t i, nlong = 0, slots = 16;
	uint32_t c;

	if (kw->nkw > 1)
		qsort(kw->kw, kw->nkw, sizeof(keyword), cmp_keyword);
	for (i = 0; i < kw->nkw; i++) {
		const keyword *k = &kw->kw[i];
		const unsigned char *w = (const unsigned char *)k->word;
		if (k->len >= 4) {
			nlong++;
			kw->filter[long_hash(load4(w))] |= LONG_BIT;
		} else if (k->len >= 2) {
			kw->filter[short_hash(load2(w))] |= SHORT_BIT;
		} else {
			unsigned char two[2];
			two[0] = w[0];
			for (c = 0; c < 256; c++) {
				two[1] = (unsigned char)c;
				kw->filter[short_hash(load2(two))] |= SHORT_BIT;
			}
		}
	}

	while (slots < 2 * nlong)
		slots *= 2;
	kw->mask = (uint32_t)slots - 1;
	kw->tab = pc_calloc(slots, sizeof(bucket));
	for (i = 0; i < nlong; i++) {
		uint32_t g = load4((const unsigned char *)kw->kw[i].word);
		bucket *b = find(kw, g);
		if (!b->n) {
			b->gram = g;
			b->first = (uint32_t)i;
		}
		b->n++;
	}
	for (c = 0, i = nlong; c < 256; c++) {
		kw->short_at[c] = i;
		while (i < kw->nkw && (unsigned char)kw->kw[i].word[0] == c)
			i++;
	}
	kw->short_at[256] = kw->nkw;
}

/* The keywords that occur at text[i], of the kinds the filter let pass. */
static int check(const pc_keywords *kw, const unsigned char *t, size_t len, size_t i,
		 unsigned pass, pc_keyword_cb fn, void *payload)
{
	size_t j, left = len - i;
	int err;
	if (pass & LONG_BIT) {
		const bucket *b = find(kw, load4(t + i));
		for (j = b->first; j < b->first + b->n; j++) {
			const keyword *k = &kw->kw[j];
			if (k->len <= left && !memcmp(t + i + 4, k->word + 4, k->len - 4) &&
			    (err = fn(payload, i, k->value)) < 0)
				return err;
		}
	}
	for (j = kw->short_at[t[i]]; pass & SHORT_BIT && j < kw->short_at[t[i] + 1]; j++) {
		const keyword *k = &kw->kw[j];
		if (k->len <= left && !memcmp(t + i, k->word, k->len) &&
		    (err = fn(payload, i, k->value)) < 0)
			return err;
	}
	return 0;
}

int pc_keywords_each(const pc_keywords *kw, const char *text, size_t len, pc_keyword_cb fn,
		     void *payload)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t i;
	int err;

	if (!kw->nkw)
		return 0;
	for (i = 0; i + 4 <= len; i++) {
		unsigned pass = (kw->filter[long_hash(load4(t + i))] & LONG_BIT) |
				(kw->filter[short_hash(load2(t + i))] & SHORT_BIT);
		if (pass && (err = check(kw, t, len, i, pass, fn, payload)) < 0)
			return err;
	}
	for (; i < len; i++) /* the last three positions: only shorter keywords fit */
		if ((err = check(kw, t, len, i, SHORT_BIT, fn, payload)) < 0)
			return err;
	return 0;
}
