/*
 * match.c: model references in a file's lines. One keyword pass over the
 * file (keywords.c) finds which rules can match on which lines; each
 * candidate's JIT-compiled pattern (token boundaries included, see rules.c)
 * finds its spans; overlaps are resolved longest-first (SPEC section 1).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/limits.h"
#include "pincheck/common.h"
#include "pincheck/keywords.h"
#include "pincheck/match.h"

/* What every matcher of a rule set spends, together (all threads). */
struct pc_match_budget {
	atomic_uint_least64_t spent;
	atomic_uint_least64_t bytes;
};

/* A keyword occurrence of a line rule in the current file. */
typedef struct {
	size_t start, rule;
} line_hit;

struct pc_matcher {
	const pc_ruleset *rs;
	pc_match_work work;
	pc_match_budget *budget; /* the rule set's, shared by every matcher */
	/* metering of the current text (see PC_FILE_BUDGET_BASE) */
	uint64_t file_limit, file_spent, unflushed;
	size_t meter_pos;
	bool over_run;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit;
	unsigned char *hits; /* rules in todo, by rule number */
	size_t *todo;        /* rules to run: keyword hits, each once */
	size_t ntodo;
	/* the file of pc_match_file: its line rules' keyword occurrences,
	 * at most one per rule and line, sorted by start */
	const char *file;
	size_t file_len;
	size_t hit_eol;      /* end of the line of the last keyword hit */
	size_t hit_line;     /* that line's number among lines with a hit, from 1 */
	line_hit *lh;
	size_t nlh, alh, next_lh;
	size_t *last;        /* per rule: hit_line of its last entry in lh, 0: none */
	pc_ref *masks;       /* spans of mask rules in the file, by start */
	size_t nmasks, amasks;
	pc_ref *cand;
	size_t ncand, acand;
	pc_ref *out;
	size_t nout, aout;
	unsigned char *taken; /* select_refs: bytes of chosen spans */
	size_t ataken;
};

pc_match_budget *pc_match_budget_new(void)
{
	pc_match_budget *b = pc_malloc(sizeof(*b));
	atomic_init(&b->spent, 0);
	atomic_init(&b->bytes, 0);
	return b;
}

/* Start metering a text of len bytes (a file, or one line on its own). */
static void meter_begin(pc_matcher *m, size_t len)
{
	m->file_spent = 0;
	m->file_limit = PC_FILE_BUDGET_BASE + (uint64_t)PC_FILE_BUDGET_PER_BYTE * len;
	m->over_run = false;
	if (m->budget)
		atomic_fetch_add_explicit(&m->budget->bytes, len, memory_order_relaxed);
}

/* Add what this matcher spent since the last flush to the run's total:
 * is the run over its budget? */
static bool meter_flush(pc_matcher *m)
{
	uint64_t spent, bytes;
	if (!m->budget)
		return false;
	spent = atomic_fetch_add_explicit(&m->budget->spent, m->unflushed, memory_order_relaxed) +
		m->unflushed;
	bytes = atomic_load_explicit(&m->budget->bytes, memory_order_relaxed);
	m->unflushed = 0;
	return spent > PC_RUN_BUDGET_BASE + PC_RUN_BUDGET_PER_BYTE * bytes;
}

/* The callout of metered patterns: one unit per step of the engine, plus
 * the distance it moved in the subject since its last step. */
static int meter(pcre2_callout_block *cb, void *payload)
{
	pc_matcher *m = payload;
	size_t pos = cb->current_position;
	uint64_t units = 1 + (pos > m->meter_pos ? pos - m->meter_pos : m->meter_pos - pos);
	m->meter_pos = pos;
	m->file_spent += units;
	m->unflushed += units;
	m->work.units += units;
	if (m->file_spent > m->file_limit)
		return PCRE2_ERROR_CALLOUT;
	/* the shared total is updated now and then, not at every step */
	if (m->unflushed >= 65536 && meter_flush(m)) {
		m->over_run = true;
		return PCRE2_ERROR_CALLOUT;
	}
	return 0;
}

int pc_matcher_new(pc_matcher **out, const pc_ruleset *rs)
{
	pc_matcher *m = pc_calloc(1, sizeof(*m));
	m->rs = rs;
	m->md = pcre2_match_data_create(4, NULL);
	m->mctx = pcre2_match_context_create(NULL);
	m->jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (!m->md || !m->mctx || !m->jit) {
		pc_matcher_free(m);
		return pc_error_set(PC_ERUNTIME, "out of memory creating the matcher");
	}
	pcre2_set_match_limit(m->mctx, PC_MATCH_LIMIT);
	pcre2_set_heap_limit(m->mctx, PC_MATCH_HEAP_LIMIT);
	pcre2_jit_stack_assign(m->mctx, NULL, m->jit);
	/* only patterns compiled with callouts call it: built-in rules pay nothing */
	pcre2_set_callout(m->mctx, meter, m);
	m->budget = rs->budget;
	m->hits = pc_calloc(rs->nrules ? rs->nrules : 1, 1);
	m->todo = pc_calloc(rs->nrules + 1, sizeof(*m->todo));
	m->last = pc_calloc(rs->nrules + 1, sizeof(*m->last));
	*out = m;
	return 0;
}

void pc_matcher_free(pc_matcher *m)
{
	if (!m)
		return;
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mctx);
	pcre2_jit_stack_free(m->jit);
	free(m->hits);
	free(m->todo);
	free(m->last);
	free(m->lh);
	free(m->masks);
	free(m->cand);
	free(m->out);
	free(m->taken);
	free(m);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

static int is_ident(char c)
{
	return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') ||
	       c == '_' || c == '-';
}

static int has_word(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word), i, j;
	for (i = 0; i + w <= n; i++) {
		for (j = 0; j < w; j++) {
			char c = s[i + j];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != word[j])
				break;
		}
		if (j == w)
			return 1;
	}
	return 0;
}

/*
 * For short ids that are also ordinary text (o1, o3, command): is a model
 * clearly meant here? Quoted on both sides, right after '/' or a quoted
 * `provider:`, or the value of
 * a key or flag named like a model (model="o1", MODEL=o1, model: o1,
 * --model o1). `key_only` (context: key) accepts only the last form.
 */
static int route_ok(const char *line, size_t len, size_t s, size_t e);

/* "openai:o1", 'anthropic:claude-...': a quoted provider:model string, as
 * pydantic-ai and promptfoo name a model. */
static int quoted_route(const char *line, size_t len, size_t s, size_t e)
{
	size_t k = s - 1;
	while (k > 0 && ((line[k - 1] >= 'a' && line[k - 1] <= 'z') || line[k - 1] == '-' ||
			 line[k - 1] == '_'))
		k--;
	return s - 1 - k >= 2 && k > 0 && (line[k - 1] == '"' || line[k - 1] == '\'') && e < len &&
	       line[e] == line[k - 1];
}

static int context_ok(const char *line, size_t len, size_t s, size_t e, bool key_only)
{
	size_t j = s, k;
	int sep = 0;

	if (!key_only && s > 0 && e < len &&
	    (line[s - 1] == '"' || line[s - 1] == '\'' || line[s - 1] == '`') && line[e] == line[s - 1])
		return 1;
	if (!key_only && s > 0 && line[s - 1] == '/' && route_ok(line, len, s, e))
		return 1;
	if (!key_only && s > 0 && line[s - 1] == ':' && quoted_route(line, len, s, e))
		return 1;
	while (j > 0 && (is_space(line[j - 1]) || line[j - 1] == '"' || line[j - 1] == '\''))
		j--;
	if (j > 0 && (line[j - 1] == '=' || line[j - 1] == ':')) {
		sep = 1;
		j--;
		while (j > 0 && (is_space(line[j - 1]) || line[j - 1] == '"' || line[j - 1] == '\''))
			j--;
	}
	k = j;
	while (k > 0 && is_ident(line[k - 1]))
		k--;
	if (k == j || (!sep && line[k] != '-') || (!sep && j == s))
		return 0;
	return has_word(line + k, j - k, "model") || has_word(line + k, j - k, "engine");
}

/*
 * "openai/o1", "openrouter/auto": after '/', a model is meant only in a
 * route: the segment before is a lower-case name and the id ends the token
 * (not base64 such as "Jw3/o1+fS18" in a lockfile's integrity hash).
 */
static int route_ok(const char *line, size_t len, size_t s, size_t e)
{
	size_t k = s - 1;
	if (e < len && !strchr("\"'` \t,;)]}:\r\n", line[e]))
		return 0;
	while (k > 0 && ((line[k - 1] >= 'a' && line[k - 1] <= 'z') ||
			 (line[k - 1] >= '0' && line[k - 1] <= '9') || line[k - 1] == '-' ||
			 line[k - 1] == '_' || line[k - 1] == '.'))
		k--;
	if (s - 1 - k < 2)
		return 0;
	return k == 0 || !((line[k - 1] >= 'A' && line[k - 1] <= 'Z') || line[k - 1] == '+' ||
			   line[k - 1] == '/' || line[k - 1] == '=');
}

static int ref_better(const pc_ref *a, const pc_ref *b)
{
	size_t la = a->end - a->start, lb = b->end - b->start;
	if (la != lb)
		return la > lb;
	if (a->rule->origin != b->rule->origin)
		return a->rule->origin > b->rule->origin;
	return a->rule->index < b->rule->index;
}

static int cmp_start(const void *pa, const void *pb)
{
	const pc_ref *a = pa, *b = pb;
	return a->start < b->start ? -1 : a->start > b->start;
}

static int tok(char c)
{
	return is_ident(c) || c == '.';
}

/* SPEC section 1's boundaries, as rules.c compiles them around patterns:
 * not inside a run of [A-Za-z0-9._-]; '@' and a '.' that continues the
 * token also extend it. */
static bool token_edges(const char *t, size_t len, size_t s, size_t e)
{
	if (s > 0 && tok(t[s - 1]))
		return false;
	if (e < len && (is_ident(t[e]) || t[e] == '@'))
		return false;
	if (e + 1 < len && t[e] == '.' && is_ident(t[e + 1]))
		return false;
	return true;
}

/* How far context is looked for around a match: a key and its quotes are
 * near, and a bound keeps a long line of matches linear. */
#define CONTEXT_REACH 256

/* Context is judged on the line around the match, also in a whole file. */
static bool in_context(const pc_rule *r, const char *text, size_t len, size_t s, size_t e)
{
	size_t ls = s, le = e;
	if (!r->context_value && !r->context_key)
		return true;
	while (ls > 0 && s - ls < CONTEXT_REACH && text[ls - 1] != '\n')
		ls--;
	while (le < len && le - e < CONTEXT_REACH && text[le] != '\n')
		le++;
	return context_ok(text + ls, le - ls, s - ls, e - ls, r->context_key);
}

/* Why a metered pattern was stopped, for the message. */
static int budget_error(pc_matcher *m, const pc_rule *r)
{
	const char *hint = r->prefiltered ? "" : ", or give it `keywords:` so that it runs only "
						 "where it can match";
	if (m->over_run)
		return pc_error_set(PC_ERUNTIME, "rule '%s' (%s) was stopped: the rules of the "
				    "configuration have spent the budget of this run (%llu units "
				    "of work); simplify the rule%s",
				    r->id, r->where,
				    (unsigned long long)atomic_load(&m->budget->spent), hint);
	return pc_error_set(PC_ERUNTIME, "rule '%s' (%s) was stopped: it needs more than its "
			    "budget of %llu units of work for this file (nested or unbounded "
			    "repeats?); simplify it%s",
			    r->id, r->where, (unsigned long long)m->file_limit, hint);
}

static int run_rule(pc_matcher *m, const pc_rule *r, const pcre2_code *re, const char *line,
		    size_t len)
{
	size_t off = 0;
	while (off <= len) {
		PCRE2_SIZE *ov;
		int rc;
		size_t s, e, next;

		m->meter_pos = off;
		rc = pcre2_match(re, (PCRE2_SPTR)line, len, off, 0, m->md, m->mctx);
		m->work.calls++;
		if (rc != PCRE2_ERROR_CALLOUT && m->unflushed && meter_flush(m)) {
			m->over_run = true;
			rc = PCRE2_ERROR_CALLOUT;
		}
		if (rc == PCRE2_ERROR_CALLOUT)
			return budget_error(m, r);
		if (rc == PCRE2_ERROR_NOMATCH) {
			m->work.bytes += len - off;
			return 0;
		}
		if (rc < 0) {
			PCRE2_UCHAR msg[128];
			pcre2_get_error_message(rc, msg, sizeof(msg));
			return pc_error_set(PC_ERUNTIME, "rule '%s' (%s) failed on this line: %s",
					    r->id, r->where, (const char *)msg);
		}
		ov = pcre2_get_ovector_pointer(m->md);
		s = ov[0];
		e = ov[1];
		if ((e > s ? e : s) > off)
			m->work.bytes += (e > s ? e : s) - off;
		if (e < s) /* \K tricks can report end before start */
			e = s;
		next = e > s ? e : s + 1;
		if (r->id_group) {
			/* The reported span is the id, not the call around it,
			 * and the token boundaries are checked on it here. */
			if (rc <= r->id_group || ov[2 * r->id_group] == PCRE2_UNSET) {
				off = next;
				continue;
			}
			s = ov[2 * r->id_group];
			e = ov[2 * r->id_group + 1];
			if (!token_edges(line, len, s, e)) {
				off = ov[0] + 1;
				continue;
			}
		}
		if (e > s && in_context(r, line, len, s, e)) {
			PC_GROW(m->cand, m->acand, m->ncand + 1);
			m->cand[m->ncand].rule = r;
			m->cand[m->ncand].start = s;
			m->cand[m->ncand].end = e;
			m->ncand++;
		}
		off = next;
	}
	return 0;
}

static int select_refs(pc_matcher *m, const pc_ref **refs);

static void todo_add(pc_matcher *m, size_t rule)
{
	if (!m->hits[rule]) {
		m->hits[rule] = 1;
		m->todo[m->ntodo++] = rule;
	}
}

/* Run the rules in todo, and those of this kind with no keyword, on text;
 * todo is empty after. */
static int run_todo(pc_matcher *m, bool multiline, const char *text, size_t len)
{
	const pc_ruleset *rs = m->rs;
	size_t i, n = m->ntodo;
	int err = 0;

	for (i = 0; i < n; i++)
		m->hits[m->todo[i]] = 0; /* reset for the next call: O(hits), not O(rules) */
	m->ntodo = 0;
	for (i = 0; i < rs->nalways; i++)
		if (rs->rules[rs->always[i]].multiline == multiline)
			m->todo[n++] = rs->always[i];
	for (i = 0; i < n && err >= 0; i++) {
		const pc_rule *r = &rs->rules[m->todo[i]];
		void *re;
		if (r->disabled || r->multiline != multiline)
			continue;
		/* a built-in rule is compiled the first time it is needed */
		if ((err = pc_rule_code(rs, r, &re)) >= 0)
			err = run_rule(m, r, re, text, len);
	}
	return err;
}

static int line_rule_hit(void *payload, size_t start, size_t rule)
{
	pc_matcher *m = payload;
	(void)start;
	if (!m->rs->rules[rule].multiline)
		todo_add(m, rule);
	return 0;
}

int pc_match_line(pc_matcher *m, const char *line, size_t len, const pc_ref **refs)
{
	int err;
	m->ncand = m->nout = 0;
	*refs = NULL;
	meter_begin(m, len); /* a line on its own is a text of its own */
	pc_keywords_each(m->rs->prefilter, line, len, line_rule_hit, m);
	if ((err = run_todo(m, false, line, len)) < 0)
		return err;
	return select_refs(m, refs);
}

/* The file pass: multiline rules go to todo; a line rule's occurrence is
 * kept unless the rule already has one on the same line, so lh stays
 * sorted by start and bounded by lines times rules. Keywords come in order
 * of their start (keywords.h), so the end of the line of the last one is
 * all there is to remember: each byte is looked at once to find the lines,
 * however many keywords a line holds. */
static int file_hit(void *payload, size_t start, size_t rule)
{
	pc_matcher *m = payload;
	if (m->rs->rules[rule].multiline) {
		todo_add(m, rule);
		return 0;
	}
	if (!m->hit_line || start > m->hit_eol) {
		const char *nl = memchr(m->file + start, '\n', m->file_len - start);
		m->hit_eol = nl ? (size_t)(nl - m->file) : m->file_len;
		m->work.line_bytes += m->hit_eol - start;
		m->hit_line++;
	}
	if (m->last[rule] == m->hit_line)
		return 0;
	PC_GROW(m->lh, m->alh, m->nlh + 1);
	m->lh[m->nlh].start = start;
	m->lh[m->nlh++].rule = rule;
	m->last[rule] = m->hit_line;
	return 0;
}

int pc_match_file(pc_matcher *m, const char *buf, size_t len, const pc_ref **refs)
{
	size_t i, k;
	int err;

	m->ncand = m->nout = 0;
	*refs = NULL;
	m->file = buf;
	m->file_len = len;
	m->hit_line = 0;
	m->nlh = m->next_lh = 0;
	meter_begin(m, len);
	/* One pass of every rule's keywords over the whole file: most files
	 * mention no model, and then no line is looked at again. */
	pc_keywords_each(m->rs->prefilter, buf, len, file_hit, m);
	for (i = 0; i < m->nlh; i++)
		m->last[m->lh[i].rule] = 0;
	if ((err = run_todo(m, true, buf, len)) < 0)
		return err;
	/* Masks are spans, not references: they compete with no one. */
	m->nmasks = 0;
	for (i = 0, k = 0; i < m->ncand; i++) {
		if (m->cand[i].rule->cls == PC_CLASS_MASK) {
			PC_GROW(m->masks, m->amasks, m->nmasks + 1);
			m->masks[m->nmasks++] = m->cand[i];
		} else {
			m->cand[k++] = m->cand[i];
		}
	}
	m->ncand = k;
	if (m->nmasks > 1)
		qsort(m->masks, m->nmasks, sizeof(*m->masks), cmp_start);
	return select_refs(m, refs);
}

size_t pc_match_file_masks(const pc_matcher *m, const pc_ref **masks)
{
	*masks = m->masks;
	return m->nmasks;
}

int pc_match_file_line(pc_matcher *m, size_t off, size_t len, const pc_ref **refs)
{
	int err;
	m->ncand = m->nout = 0;
	*refs = NULL;
	while (m->next_lh < m->nlh && m->lh[m->next_lh].start < off)
		m->next_lh++; /* lines the caller skipped */
	for (; m->next_lh < m->nlh && m->lh[m->next_lh].start < off + len; m->next_lh++)
		todo_add(m, m->lh[m->next_lh].rule);
	if (!m->ntodo && !m->rs->nalways_line)
		return 0;
	if ((err = run_todo(m, false, m->file + off, len)) < 0)
		return err;
	return select_refs(m, refs);
}

size_t pc_match_file_next(pc_matcher *m, size_t off)
{
	if (m->rs->nalways_line)
		return off;
	while (m->next_lh < m->nlh && m->lh[m->next_lh].start < off)
		m->next_lh++;
	return m->next_lh < m->nlh ? m->lh[m->next_lh].start : SIZE_MAX;
}

void pc_match_file_done(pc_matcher *m)
{
	m->file = NULL;
	m->nlh = m->next_lh = m->nmasks = 0;
}

/* The order in which candidates are chosen: longest first, then a config
 * rule over a built-in one, then load order, then the leftmost. */
static int cmp_better(const void *pa, const void *pb)
{
	const pc_ref *a = pa, *b = pb;
	if (ref_better(a, b))
		return -1;
	if (ref_better(b, a))
		return 1;
	return a->start < b->start ? -1 : a->start > b->start;
}

/*
 * Longest first; a chosen span excludes every span it overlaps. Taking the
 * candidates in that order, a candidate is free unless a chosen span covers
 * its first or its last byte: a chosen span is at least as long, so it
 * cannot overlap the candidate strictly inside it. The chosen spans are
 * disjoint, so marking their bytes costs the length of the text at most:
 * O(n log n) in the candidates, however they overlap (a chain of
 * overlapping spans used to be chosen from in quadratic time).
 */
static int select_refs(pc_matcher *m, const pc_ref **refs)
{
	size_t i, from, to;
	if (m->ncand == 0) {
		*refs = m->out;
		return 0;
	}
	from = m->cand[0].start;
	to = m->cand[0].end;
	for (i = 1; i < m->ncand; i++) {
		if (m->cand[i].start < from)
			from = m->cand[i].start;
		if (m->cand[i].end > to)
			to = m->cand[i].end;
	}
	PC_GROW(m->taken, m->ataken, to - from);
	memset(m->taken, 0, to - from);
	if (m->ncand > 1)
		qsort(m->cand, m->ncand, sizeof(*m->cand), cmp_better);
	for (i = 0; i < m->ncand; i++) {
		const pc_ref *c = &m->cand[i];
		if (m->taken[c->start - from] || m->taken[c->end - 1 - from])
			continue;
		memset(m->taken + (c->start - from), 1, c->end - c->start);
		PC_GROW(m->out, m->aout, m->nout + 1);
		m->out[m->nout++] = *c;
	}
	if (m->nout > 1)
		qsort(m->out, m->nout, sizeof(*m->out), cmp_start);
	*refs = m->out;
	return (int)m->nout;
}

void pc_matcher_work(const pc_matcher *m, pc_match_work *out)
{
	*out = m->work;
}
