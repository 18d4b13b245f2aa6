/*
 * test_bounds.c: the work of matching is bounded by the size of what is
 * matched, whatever it holds. No test here reads a clock: each counts the
 * matcher's work (pc_matcher_work), or the bytes read deciding roles
 * (pc_role_file's steps), and compares it with the text's length.
 *
 * Texts are heap copies of exactly their length, so AddressSanitizer sees
 * any read past the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <git2.h>
#include "pincheck/common.h"
#include "pincheck/config.h"
#include "pincheck/evalref.h"
#include "pincheck/gate.h"
#include "pincheck/glob.h"
#include "pincheck/limits.h"
#include "pincheck/match.h"
#include "pincheck/role.h"
#include "pincheck/rules.h"
#include "pincheck/scan.h"

/* Two rules of the shape of the built-in OpenAI ones: the alias is a
 * prefix of every pinned id, so a line of pinned ids is a line of keyword
 * hits for both. */
static const char openai_rules[] =
	"provider: openai\n"
	"rules:\n"
	"  - id: t-gpt-4o-alias\n"
	"    class: alias\n"
	"    pattern: 'gpt-4o(?:-mini)?'\n"
	"  - id: t-gpt-4o-pinned\n"
	"    class: pinned\n"
	"    pattern: 'gpt-4o-\\d{4}-\\d\\d-\\d\\d'\n";

static pc_ruleset *ruleset(const char *text, pc_origin origin)
{
	pc_ruleset *rs = pc_ruleset_new();
	if (pc_ruleset_add_file(rs, "t.yml", text, strlen(text), origin) < 0 ||
	    pc_ruleset_compile(rs) < 0)
		fail_msg("rules: %s", pc_error_last());
	return rs;
}

/* `n` copies of `unit` on one line, then a newline, in an exact buffer. */
static char *repeated(const char *unit, size_t n, size_t *len)
{
	size_t u = strlen(unit), i;
	char *buf = malloc(u * n + 1);
	assert_non_null(buf);
	for (i = 0; i < n; i++)
		memcpy(buf + i * u, unit, u);
	buf[u * n] = '\n';
	*len = u * n + 1;
	return buf;
}

typedef struct {
	size_t pinned, alias;
} counts;

static int count_hit(const pc_hit *h, void *payload)
{
	counts *c = payload;
	if (h->ref->rule->cls == PC_CLASS_PINNED)
		c->pinned++;
	else
		c->alias++;
	return 0;
}

/* Scan one line of n ids in a fresh matcher; the work it took. */
static pc_match_work scan_ids(const pc_ruleset *rs, const char *unit, size_t n, size_t *len,
			      counts *c)
{
	pc_matcher *m = NULL;
	pc_match_work w;
	char *buf = repeated(unit, n, len);
	assert_int_equal(pc_matcher_new(&m, rs), 0);
	memset(c, 0, sizeof(*c));
	assert_int_equal(pc_scan_buffer(m, "ids.py", buf, *len, NULL, 0, false, count_hit, c), 0);
	pc_matcher_work(m, &w);
	pc_matcher_free(m);
	free(buf);
	return w;
}

static void test_line_of_pinned_ids_costs_linear_work(void **state)
{
	pc_ruleset *rs = ruleset(openai_rules, PC_ORIGIN_BUILTIN);
	size_t n = 20000, len, len2;
	counts c, c2;
	pc_match_work w, w2;
	(void)state;

	w = scan_ids(rs, "gpt-4o-2024-08-06 ", n, &len, &c);
	assert_int_equal(c.pinned, n);
	assert_int_equal(c.alias, 0);
	/* one call per reference and one that finds no more, per rule */
	assert_true(w.calls <= n + 4);
	/* the regex engine goes over the line once per rule that runs on it */
	assert_true(w.bytes <= 2 * len);
	/* finding the lines of the keywords reads each byte once at most,
	 * not once per keyword on the line */
	assert_true(w.line_bytes <= len);

	/* twice the ids, twice the work (not four times) */
	w2 = scan_ids(rs, "gpt-4o-2024-08-06 ", 2 * n, &len2, &c2);
	assert_int_equal(c2.pinned, 2 * n);
	assert_true(w2.calls <= 2 * w.calls + 4);
	assert_true(w2.bytes <= 2 * w.bytes + 64);
	assert_true(w2.line_bytes <= 2 * w.line_bytes + 64);
	pc_ruleset_free(rs);
}

static void test_line_of_aliases_costs_linear_work(void **state)
{
	pc_ruleset *rs = ruleset(openai_rules, PC_ORIGIN_BUILTIN);
	size_t n = 20000, len;
	counts c;
	pc_match_work w;
	(void)state;

	w = scan_ids(rs, "\"gpt-4o\", ", n, &len, &c);
	assert_int_equal(c.alias, n);
	assert_int_equal(c.pinned, 0);
	assert_true(w.calls <= n + 4);
	assert_true(w.bytes <= 2 * len);
	assert_true(w.line_bytes <= len);
	pc_ruleset_free(rs);
}

/*
 * Rules whose matches overlap in a chain as long as the line: each span
 * overlaps the next. The longest wins, then load order, and choosing stays
 * right (and fast) however long the chain.
 */
static void test_chain_of_overlapping_matches_resolves_longest_first(void **state)
{
	pc_ruleset *rs = ruleset("provider: acme\n"
				 "rules:\n"
				 "  - id: t-ab\n"
				 "    class: alias\n"
				 "    pattern: 'a b'\n"
				 "  - id: t-ba\n"
				 "    class: alias\n"
				 "    pattern: 'b a'\n"
				 "  - id: t-bab\n"
				 "    class: alias\n"
				 "    pattern: 'b a b'\n",
				 PC_ORIGIN_BUILTIN);
	pc_matcher *m = NULL;
	const pc_ref *refs = NULL;
	size_t n = 20000, len, i;
	char *buf = repeated("a b ", n, &len);
	int got;
	(void)state;

	assert_int_equal(pc_matcher_new(&m, rs), 0);
	/* "a b a b a b ...": "b a b" at 2, 10, 18, ... (the engine goes on
	 * after each match) is longest and wins; every "a b" and "b a"
	 * shares a byte with one of them. */
	got = pc_match_line(m, buf, len - 1, &refs);
	assert_int_equal(got, n / 2);
	for (i = 0; i < (size_t)got; i++) {
		assert_string_equal(refs[i].rule->id, "t-bab");
		assert_int_equal(refs[i].start, 2 + 8 * i);
		assert_int_equal(refs[i].end, 7 + 8 * i);
	}
	pc_matcher_free(m);
	pc_ruleset_free(rs);
	free(buf);
}

/* Lines of "aaaa...a" for `(a+)+$`: each line start costs 2^18 steps, under
 * PCRE2's limit of one start position, but there are 50,000 of them. */
static char *hostile_file(size_t *len)
{
	size_t lines = 50000, w = 19, i;
	char *buf = malloc(lines * w);
	assert_non_null(buf);
	for (i = 0; i < lines; i++) {
		memset(buf + i * w, 'a', w - 1);
		buf[i * w + w - 1] = '\n';
	}
	*len = lines * w;
	return buf;
}

static const char hostile_rule[] =
	"provider: evil\n"
	"rules:\n"
	"  - id: t-hostile\n"
	"    class: alias\n"
	"    multiline: true\n"
	"    pattern: '(a+)+$'\n";

static void test_hostile_rule_from_a_config_stops_at_the_file_budget(void **state)
{
	pc_ruleset *rs = ruleset(hostile_rule, PC_ORIGIN_CONFIG);
	pc_matcher *m = NULL;
	const pc_ref *refs = NULL;
	pc_match_work w;
	size_t len;
	char *buf = hostile_file(&len);
	(void)state;

	assert_int_equal(pc_matcher_new(&m, rs), 0);
	assert_int_equal(pc_match_file(m, buf, len, &refs), PC_ERUNTIME);
	assert_non_null(strstr(pc_error_last(), "'t-hostile'"));
	assert_non_null(strstr(pc_error_last(), "budget"));
	pc_matcher_work(m, &w);
	/* stopped at the budget: a few hundred units a byte at most, not the
	 * 2^18 per line that finishing would take */
	assert_true(w.units > 0);
	assert_true(w.units <= (16u << 20) + 128 * (unsigned long long)len);
	pc_match_file_done(m);

	/* the matcher is usable afterwards, on a file the rule can handle */
	assert_int_equal(pc_match_file(m, "x aaa", 5, &refs), 1);
	assert_int_equal(refs[0].start, 2);
	pc_match_file_done(m);
	pc_matcher_free(m);
	pc_ruleset_free(rs);
	free(buf);
}

static void test_hostile_rule_over_many_files_stops_at_the_run_budget(void **state)
{
	pc_ruleset *rs = ruleset(hostile_rule, PC_ORIGIN_CONFIG);
	pc_matcher *m = NULL;
	const pc_ref *refs = NULL;
	pc_match_work w;
	size_t lines = 200, i, files;
	/* small files that stay under the budget of one file each */
	char *buf = malloc(lines * 13);
	int rc = 0;
	(void)state;

	assert_non_null(buf);
	for (i = 0; i < lines; i++) {
		memset(buf + i * 13, 'a', 12);
		buf[i * 13 + 12] = '\n';
	}
	assert_int_equal(pc_matcher_new(&m, rs), 0);
	assert_true(pc_match_file(m, buf, lines * 13, &refs) >= 0);
	pc_match_file_done(m);
	pc_matcher_work(m, &w);
	assert_true(w.units > 0);
	for (files = 1; files < 1000 && rc >= 0; files++) {
		rc = pc_match_file(m, buf, lines * 13, &refs);
		pc_match_file_done(m);
	}
	assert_int_equal(rc, PC_ERUNTIME);
	assert_non_null(strstr(pc_error_last(), "'t-hostile'"));
	assert_non_null(strstr(pc_error_last(), "this run"));
	/* the run stopped once its budget was spent, not after every file */
	assert_true(files * w.units <= (96u << 20) + 2 * w.units);
	pc_matcher_free(m);
	pc_ruleset_free(rs);
	free(buf);
}

/* Built-in rules are not metered; their results do not change. */
static void test_builtin_rules_are_not_metered(void **state)
{
	pc_ruleset *rs = ruleset(openai_rules, PC_ORIGIN_BUILTIN);
	size_t len;
	counts c;
	pc_match_work w = scan_ids(rs, "gpt-4o ", 100, &len, &c);
	(void)state;
	assert_int_equal(c.alias, 100);
	assert_true(w.units == 0);
	pc_ruleset_free(rs);
}

/* A config rule is metered, and finds what it found before. */
static void test_config_rules_are_metered_and_match_the_same(void **state)
{
	pc_ruleset *rs = ruleset(openai_rules, PC_ORIGIN_CONFIG);
	size_t len;
	counts c;
	pc_match_work w = scan_ids(rs, "gpt-4o gpt-4o-2024-08-06 ", 1000, &len, &c);
	(void)state;
	assert_int_equal(c.alias, 1000);
	assert_int_equal(c.pinned, 1000);
	assert_true(w.units > 0);
	/* a sane rule spends a few units a byte */
	assert_true(w.units <= 16 * (unsigned long long)len);
	pc_ruleset_free(rs);
}

/* ---- roles: a line's roles cost work linear in it, whatever it holds ---- */

typedef struct {
	size_t len, hits;
	pc_role first, last;
	pc_role_file f; /* as check.c keeps it for a file; f.steps counts the bytes read */
} role_work;

static int role_hit(const pc_hit *h, void *payload)
{
	role_work *w = payload;
	pc_role role = pc_role_of(h, &w->f);
	if (!w->hits)
		w->first = role;
	w->last = role;
	w->hits++;
	return 0;
}

/* The roles of the ids of one line: `head`, `n` copies of `unit`, `tail`. */
static role_work roles_of_line(const pc_ruleset *rs, const char *head, const char *unit, size_t n,
			       const char *tail)
{
	pc_matcher *m = NULL;
	role_work w;
	size_t h = strlen(head), u = strlen(unit), t = strlen(tail), len = h + u * n + t + 1, i;
	char *buf = malloc(len);
	assert_non_null(buf);
	memcpy(buf, head, h);
	for (i = 0; i < n; i++)
		memcpy(buf + h + i * u, unit, u);
	memcpy(buf + h + u * n, tail, t);
	buf[len - 1] = '\n';
	memset(&w, 0, sizeof(w));
	pc_role_file_init(&w.f);
	w.len = len;
	assert_int_equal(pc_matcher_new(&m, rs), 0);
	assert_int_equal(pc_scan_buffer(m, "ids.py", buf, len, NULL, 0, false, role_hit, &w), 0);
	pc_matcher_free(m);
	free(buf);
	return w;
}

/* n ids were asked their role, and each read at most a few times
 * PC_ROLE_STEPS bytes of the line, whatever the line holds: bounded work
 * per id, so linear in the line. */
static void assert_bounded(const role_work *w, size_t n)
{
	assert_int_equal(w->hits, n);
	assert_true(w->f.steps > 0);
	if (w->f.steps > 4 * n * (size_t)PC_ROLE_STEPS)
		fail_msg("%zu ids read %zu bytes of a %zu-byte line", n, w->f.steps, w->len);
}

/* ... and together no more than a few readings of the line: what one id
 * learnt of it (its list, the list's name) served the next (a walk per id
 * to the list's bracket would read n * len / 2 bytes). */
static void assert_linear(const role_work *w, size_t n)
{
	assert_bounded(w, n);
	if (w->f.steps > 8 * w->len)
		fail_msg("%zu ids read %zu bytes of a %zu-byte line", n, w->f.steps, w->len);
}

static void test_line_of_ids_costs_linear_role_work(void **state)
{
	pc_ruleset *rs = ruleset(openai_rules, PC_ORIGIN_BUILTIN);
	size_t n = 20000; /* lines of 200 KB and more */
	role_work w;
	(void)state;

	/* ids in no literal: each would walk back to the line's start */
	w = roles_of_line(rs, "", "gpt-4o-2024-08-06 ", n, "");
	assert_bounded(&w, n);
	assert_int_equal(w.first, PC_ROLE_CHOICE);
	assert_int_equal(w.last, PC_ROLE_CHOICE);

	/* items of a compared list: each would walk back over every item
	 * before it to the bracket; what the last id found serves the next,
	 * so all are mentions, the last as the first */
	w = roles_of_line(rs, "if m in (", "\"gpt-4o\", ", n, "\"o3\"):");
	assert_linear(&w, n);
	assert_int_equal(w.first, PC_ROLE_MENTION);
	assert_int_equal(w.last, PC_ROLE_MENTION);

	/* a capability list bound to a name after a long run of spaces and a
	 * long name: the name is read once, not once per id */
	w = roles_of_line(rs, "                                                  VISION_MODELS = [",
			  "\"gpt-4o\", ", n, "]");
	assert_linear(&w, n);
	assert_int_equal(w.last, PC_ROLE_MENTION);

	/* ids among the words of one string: each would walk to its closing
	 * quote. Text for people in a short string (test_role.c); in one
	 * longer than PC_ROLE_STEPS either way, choices, reported unread. */
	w = roles_of_line(rs, "s = \"", "gpt-4o or ", n, "\"");
	assert_bounded(&w, n);
	assert_int_equal(w.first, PC_ROLE_CHOICE);
	assert_int_equal(w.last, PC_ROLE_CHOICE);
	w = roles_of_line(rs, "s = \"", "gpt-4o or ", 100, "\"");
	assert_bounded(&w, 100);
	assert_int_equal(w.first, PC_ROLE_PROSE);
	assert_int_equal(w.last, PC_ROLE_PROSE);
	pc_ruleset_free(rs);
}

/* ---- eval references: each file parsed once, each pattern compiled once ---- */

static const char eval_yaml[] =
	"model: gpt-4o-2024-08-06\n"
	"suite: smoke\n"
	"status: pass\n"
	"date: 2026-11-20\n";

typedef struct {
	char dir[64];
	git_repository *repo;
	git_index *index;
	git_tree *tree;
} scratch;

/* A scratch repository whose index holds `path` with `text`; tree is the
 * index written as a tree. */
static void scratch_add(scratch *s, const char *path, const char *text)
{
	git_index_entry e;
	git_oid id;
	memset(&e, 0, sizeof(e));
	e.path = path;
	e.mode = GIT_FILEMODE_BLOB;
	assert_int_equal(git_index_add_from_buffer(s->index, &e, text, strlen(text)), 0);
	assert_int_equal(git_index_write_tree(&id, s->index), 0);
	git_tree_free(s->tree);
	assert_int_equal(git_tree_lookup(&s->tree, s->repo, &id), 0);
}

static void scratch_open(scratch *s)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->dir, sizeof(s->dir), "/tmp/pincheck-bounds.XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	git_libgit2_init();
	assert_int_equal(git_repository_init(&s->repo, s->dir, true), 0);
	assert_int_equal(git_repository_index(&s->index, s->repo), 0);
}

static void scratch_close(scratch *s)
{
	char cmd[128];
	git_tree_free(s->tree);
	git_index_free(s->index);
	git_repository_free(s->repo);
	git_libgit2_shutdown();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", s->dir);
	assert_int_equal(system(cmd), 0);
}

static void test_eval_file_linked_many_times_is_parsed_once(void **state)
{
	scratch s;
	pc_config cfg;
	pc_eval_cache *cache;
	pc_eval_cache_stats st;
	pc_eval_ctx ctx;
	pc_eval e;
	int i;
	(void)state;

	scratch_open(&s);
	scratch_add(&s, "evals/results/a.yaml", eval_yaml);
	pc_config_init(&cfg);
	cache = pc_eval_cache_new(&cfg);
	memset(&ctx, 0, sizeof(ctx));
	ctx.repo = s.repo;
	ctx.tree = s.tree;
	ctx.cfg = &cfg;
	ctx.commit_day = pc_days_from_date("2026-11-25");
	ctx.cache = cache;
	for (i = 0; i < 1000; i++) {
		/* two spellings of one path: one file */
		assert_int_equal(pc_eval_check(&e, &ctx, i % 2 ? "evals/results/a.yaml"
							  : "./evals/results//a.yaml"), 0);
		assert_int_equal(e.nproblems, 0);
		assert_int_equal(e.nmodels, 1);
		assert_string_equal(e.models[0], "gpt-4o-2024-08-06");
		pc_eval_free(&e);
	}
	pc_eval_cache_stats_get(cache, &st);
	assert_int_equal(st.parses, 1);

	/* the date is judged per reference, not cached with the file */
	ctx.commit_day = pc_days_from_date("2026-11-01");
	assert_int_equal(pc_eval_check(&e, &ctx, "evals/results/a.yaml"), 0);
	assert_int_equal(e.nproblems, 1);
	assert_non_null(strstr(e.problems[0], "after the commit's date"));
	pc_eval_free(&e);

	/* another blob at the same path is another file */
	scratch_add(&s, "evals/results/a.yaml", "status: fail\n");
	ctx.tree = s.tree;
	assert_int_equal(pc_eval_check(&e, &ctx, "evals/results/a.yaml"), 0);
	assert_true(e.nproblems > 0);
	pc_eval_free(&e);
	pc_eval_cache_stats_get(cache, &st);
	assert_int_equal(st.parses, 2);

	pc_eval_cache_free(cache);
	pc_config_free(&cfg);
	scratch_close(&s);
}

static void test_allow_urls_are_compiled_once_and_bounded(void **state)
{
	const char *urls[] = { "https://evals\\.example\\.com/",
			       "https://(\\w+|\\w+\\.)*\\.example\\.org/", NULL };
	pc_config cfg;
	pc_eval_cache *cache;
	pc_eval_cache_stats st;
	pc_eval_ctx ctx;
	pc_eval e;
	char hostile[128];
	int i;
	(void)state;

	pc_config_init(&cfg);
	cfg.eval_allow_urls = urls;
	cfg.neval_allow_urls = 2;
	cache = pc_eval_cache_new(&cfg);
	memset(&ctx, 0, sizeof(ctx));
	ctx.cfg = &cfg;
	ctx.cache = cache;
	for (i = 0; i < 500; i++) {
		assert_int_equal(pc_eval_check(&e, &ctx, "https://evals.example.com/run/1"), 0);
		assert_int_equal(e.nproblems, 0);
		pc_eval_free(&e);
	}
	/* nested repeats on a URL that almost matches: the match limit
	 * stops the pattern, and the URL is refused, saying why */
	snprintf(hostile, sizeof(hostile), "https://%s!/x", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	assert_int_equal(pc_eval_check(&e, &ctx, hostile), 0);
	assert_int_equal(e.nproblems, 1);
	assert_non_null(strstr(e.problems[0], "match limit"));
	pc_eval_free(&e);
	pc_eval_cache_stats_get(cache, &st);
	assert_int_equal(st.compiles, 2);
	pc_eval_cache_free(cache);
	cfg.eval_allow_urls = NULL; /* not the config's to free */
	pc_config_free(&cfg);
}

/* JIT for eval.allow_urls is the caller's choice (cfg.no_jit), never the
 * environment's; the answers are the same. */
static size_t url_jits(bool no_jit)
{
	const char *urls[] = { "https://evals\\.example\\.com/", NULL };
	pc_config cfg;
	pc_eval_cache *cache;
	pc_eval_cache_stats st;
	pc_eval_ctx ctx;
	pc_eval e;

	pc_config_init(&cfg);
	cfg.eval_allow_urls = urls;
	cfg.neval_allow_urls = 1;
	cfg.no_jit = no_jit;
	cache = pc_eval_cache_new(&cfg);
	memset(&ctx, 0, sizeof(ctx));
	ctx.cfg = &cfg;
	ctx.cache = cache;
	assert_int_equal(pc_eval_check(&e, &ctx, "https://evals.example.com/run/1"), 0);
	assert_int_equal(e.nproblems, 0);
	pc_eval_free(&e);
	assert_int_equal(pc_eval_check(&e, &ctx, "https://evil.example.com/run/1"), 0);
	assert_int_equal(e.nproblems, 1);
	pc_eval_free(&e);
	pc_eval_cache_stats_get(cache, &st);
	assert_int_equal(st.compiles, 1);
	pc_eval_cache_free(cache);
	cfg.eval_allow_urls = NULL; /* not the config's to free */
	pc_config_free(&cfg);
	return st.jit_compiles;
}

static void test_allow_urls_jit_is_the_callers_choice(void **state)
{
	uint32_t have_jit = 0;
	size_t with_jit;
	(void)state;
	assert_int_equal(url_jits(true), 0);
	pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
	if (!have_jit)
		skip();
	setenv("PINCHECK_NO_JIT", "1", 1);
	with_jit = url_jits(false);
	unsetenv("PINCHECK_NO_JIT");
	assert_int_equal(with_jit, 1);
}

/* A message with thousands of eval trailers: a bounded number is looked
 * at, and the message is refused for the rest, not passed. */
static void test_eval_trailers_examined_are_bounded(void **state)
{
	pc_config cfg;
	pc_findings out = PC_FINDINGS_INIT;
	pc_pin_changes pins = PC_PIN_CHANGES_INIT;
	pc_trailers tr = PC_TRAILERS_INIT;
	pc_eval_ctx ctx;
	pc_gate g;
	size_t i, n = 5000, bounded = 0, empty = 0;
	(void)state;

	pc_config_init(&cfg);
	memset(&ctx, 0, sizeof(ctx));
	ctx.cfg = &cfg;
	for (i = 0; i < n; i++) {
		PC_GROW(tr.items, tr.alloc, tr.n + 1);
		tr.items[tr.n].key = pc_strdup("Eval-Result");
		tr.items[tr.n].value = pc_strdup(""); /* each one a problem */
		tr.items[tr.n++].line = i + 3;
	}
	memset(&g, 0, sizeof(g));
	g.cfg = &cfg;
	g.out = &out;
	g.report_eval = true;
	g.trailers = &tr;
	g.message_path = "MSG";
	g.ectx = &ctx;
	assert_int_equal(pc_gate_run(&g, &pins), 0);
	for (i = 0; i < out.n; i++) {
		assert_int_equal(out.items[i].kind, PC_KIND_BAD_EVAL);
		if (strstr(out.items[i].message, "eval trailers; only the first"))
			bounded++;
		else
			empty++;
	}
	assert_int_equal(bounded, 1);
	assert_true(empty >= 1 && empty <= 100);
	pc_findings_free(&out);
	pc_trailers_free(&tr);
	pc_config_free(&cfg);
}

/* ---- globs from a hostile config ---- */

static void test_exclude_glob_from_a_config_takes_polynomial_steps(void **state)
{
	char name[41];
	size_t steps = 0;
	(void)state;
	memset(name, 'a', 40);
	name[40] = '\0';
	assert_false(pc_glob_match_steps("*a*a*a*a*a*a*a*a*a*a*a*a*b", name, &steps));
	assert_true(steps <= 27 * 41);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_of_pinned_ids_costs_linear_work),
		cmocka_unit_test(test_line_of_aliases_costs_linear_work),
		cmocka_unit_test(test_chain_of_overlapping_matches_resolves_longest_first),
		cmocka_unit_test(test_hostile_rule_from_a_config_stops_at_the_file_budget),
		cmocka_unit_test(test_hostile_rule_over_many_files_stops_at_the_run_budget),
		cmocka_unit_test(test_builtin_rules_are_not_metered),
		cmocka_unit_test(test_config_rules_are_metered_and_match_the_same),
		cmocka_unit_test(test_line_of_ids_costs_linear_role_work),
		cmocka_unit_test(test_eval_file_linked_many_times_is_parsed_once),
		cmocka_unit_test(test_allow_urls_are_compiled_once_and_bounded),
		cmocka_unit_test(test_allow_urls_jit_is_the_callers_choice),
		cmocka_unit_test(test_eval_trailers_examined_are_bounded),
		cmocka_unit_test(test_exclude_glob_from_a_config_takes_polynomial_steps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
