/*
 * rules.c: loading rules (built-in rule files, rule files given on the
 * command line, .pincheck.yml `rules:`) into a pc_ruleset, and compiling
 * them once: PCRE2 with JIT, token boundaries wrapped around each pattern,
 * and the keyword prefilter. Built-in rules are compiled when first needed
 * (pc_rule_code). Matching itself is match.c.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/limits.h"
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/date.h"
#include "pincheck/embedded.h"
#include "pincheck/keywords.h"
#include "pincheck/match.h"
#include "pincheck/model.h"
#include "pincheck/rules.h"

/*
 * SPEC section 1: an id may not start or end inside a run of [A-Za-z0-9._-].
 * A '.' followed by a letter or digit continues the id (gpt-4.1); a final '.'
 * ends a sentence ("we call gpt-4o."). '@' continues it too: it starts a
 * Vertex version or a digest (claude-3-haiku@20240307), a different id.
 * Fixed-length look-behind only: PCRE2 10.42 has no variable-length one.
 */
#define BOUNDARY_BEFORE "(?<![A-Za-z0-9._-])"
#define BOUNDARY_AFTER "(?![A-Za-z0-9_@-]|\\.[A-Za-z0-9_-])"

static const char *const class_names[] = { "alias", "pinned", "no-snapshot", "mask" };

const char *pc_class_name(pc_class cls)
{
	return class_names[cls];
}

const char *pc_severity_name(pc_severity sev)
{
	switch (sev) {
	case PC_SEV_ERROR: return "error";
	case PC_SEV_WARNING: return "warning";
	case PC_SEV_NOTE: return "note";
	case PC_SEV_OFF: return "off";
	default: return "default";
	}
}

int pc_severity_parse(pc_severity *out, const char *s)
{
	static const struct { const char *name; pc_severity sev; } names[] = {
		{ "error", PC_SEV_ERROR }, { "warning", PC_SEV_WARNING },
		{ "note", PC_SEV_NOTE }, { "off", PC_SEV_OFF },
	};
	size_t i;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(s, names[i].name)) {
			*out = names[i].sev;
			return 0;
		}
	}
	return pc_error_set(PC_EUSAGE, "unknown severity '%s' (error, warning, note or off)", s);
}

pc_ruleset *pc_ruleset_new(void)
{
	return pc_calloc(1, sizeof(pc_ruleset));
}

static void free_strings(char **v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void rule_clear(pc_rule *r)
{
	size_t i;
	free(r->id);
	free(r->provider);
	free(r->pattern);
	free(r->message);
	free(r->advice);
	free(r->where);
	free_strings(r->keywords, r->nkeywords);
	for (i = 0; i < r->nsuggest; i++) {
		free(r->suggest[i].from);
		free(r->suggest[i].to);
	}
	free(r->suggest);
	free_strings(r->test_match, r->ntest_match);
	free_strings(r->test_no_match, r->ntest_no_match);
	pcre2_code_free(r->re);
	memset(r, 0, sizeof(*r));
}

void pc_model_clear(pc_model *m)
{
	free(m->id);
	free(m->provider);
	free(m->deprecated);
	free(m->retires);
	free(m->replacement);
	memset(m, 0, sizeof(*m));
}

void pc_ruleset_free(pc_ruleset *rs)
{
	size_t i;
	if (!rs)
		return;
	for (i = 0; i < rs->nrules; i++)
		rule_clear(&rs->rules[i]);
	free(rs->rules);
	for (i = 0; i < rs->nmodels; i++)
		pc_model_clear(&rs->models[i]);
	free(rs->models);
	for (i = 0; i < rs->nproviders; i++) {
		free(rs->providers[i].name);
		free(rs->providers[i].catalog_date);
		free(rs->providers[i].where);
	}
	free(rs->providers);
	pc_keywords_free(rs->prefilter);
	free(rs->always);
	free(rs->budget);
	free(rs);
}

pc_rule *pc_ruleset_find(const pc_ruleset *rs, const char *id)
{
	size_t i;
	for (i = 0; i < rs->nrules; i++)
		if (!strcmp(rs->rules[i].id, id))
			return &rs->rules[i];
	return NULL;
}

static const pc_model *model_exact(const pc_ruleset *rs, const char *id)
{
	size_t i;
	for (i = 0; i < rs->nmodels; i++)
		if (!strcmp(rs->models[i].id, id))
			return &rs->models[i];
	return NULL;
}

const pc_model *pc_ruleset_model(const pc_ruleset *rs, const char *id)
{
	const pc_model *m = model_exact(rs, id);
	const char *base = pc_model_base(id);
	return m || base == id ? m : model_exact(rs, base);
}

static char *where_of(const pc_doc *doc, const pc_node *n)
{
	pc_buf b = PC_BUF_INIT;
	pc_buf_printf(&b, "%s:%d:%d", doc->name, n->line, n->col);
	return pc_buf_detach(&b);
}

/* A rule id or provider name: letters, digits, '.', '_', '-'. */
static int valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!(('a' <= *s && *s <= 'z') || ('A' <= *s && *s <= 'Z') ||
		      ('0' <= *s && *s <= '9') || *s == '.' || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

static int get_strings(char ***out, size_t *n, const pc_doc *doc, const pc_node *node,
		       const char *what)
{
	const char **v;
	size_t i;
	int err;
	if ((err = pc_doc_strings(&v, n, doc, node, what)) < 0)
		return err;
	*out = pc_calloc(*n + 1, sizeof(char *));
	for (i = 0; i < *n; i++)
		(*out)[i] = pc_strdup(v[i]);
	free(v);
	return 0;
}

static int load_suggest(pc_rule *r, const pc_doc *doc, const pc_node *node)
{
	size_t i;
	const char *s;
	int err;
	if (node->type == PC_NODE_SCALAR) {
		if ((err = pc_doc_scalar(&s, doc, node, "suggest")) < 0)
			return err;
		r->suggest = pc_calloc(1, sizeof(*r->suggest));
		r->suggest[0].to = pc_strdup(s);
		r->nsuggest = 1;
		return 0;
	}
	if (node->type != PC_NODE_MAP)
		return pc_doc_error(doc, node, "suggest must be an id or a mapping of matched text to id");
	r->suggest = pc_calloc(pc_map_size(node) + 1, sizeof(*r->suggest));
	for (i = 0; i < pc_map_size(node); i++) {
		const char *to;
		if ((err = pc_doc_scalar(&to, doc, pc_map_value(node, i), "suggest target")) < 0)
			return err;
		r->suggest[i].from = pc_strdup(pc_map_key(node, i)->value);
		r->suggest[i].to = pc_strdup(to);
		r->nsuggest++;
	}
	return 0;
}

static int load_tests(pc_rule *r, const pc_doc *doc, const pc_node *node)
{
	static const char *const keys[] = { "match", "no_match", NULL };
	const pc_node *v;
	int err;
	if ((err = pc_doc_check_keys(doc, node, "tests", keys)) < 0)
		return err;
	if ((v = pc_map_get(node, "match")) &&
	    (err = get_strings(&r->test_match, &r->ntest_match, doc, v, "tests.match")) < 0)
		return err;
	if ((v = pc_map_get(node, "no_match")) &&
	    (err = get_strings(&r->test_no_match, &r->ntest_no_match, doc, v, "tests.no_match")) < 0)
		return err;
	return 0;
}

static int parse_rule(pc_rule *r, const pc_doc *doc, const pc_node *node, const char *provider)
{
	static const char *const keys[] = { "id", "provider", "class", "severity", "pattern",
					    "keywords", "context", "multiline", "suggest", "message",
					    "advice", "tests", NULL };
	const pc_node *v;
	const char *s;
	int err;
	size_t i;

	if ((err = pc_doc_check_keys(doc, node, "a rule", keys)) < 0)
		return err;
	r->where = where_of(doc, node);
	r->severity = PC_SEV_DEFAULT;
	if (!(v = pc_map_get(node, "id")))
		return pc_doc_error(doc, node, "rule has no 'id'");
	if ((err = pc_doc_scalar(&s, doc, v, "id")) < 0)
		return err;
	if (!valid_name(s))
		return pc_doc_error(doc, v, "rule id '%s' may only contain letters, digits, '.', '_' and '-'", s);
	r->id = pc_strdup(s);

	if ((v = pc_map_get(node, "provider"))) {
		if ((err = pc_doc_scalar(&s, doc, v, "provider")) < 0)
			return err;
		provider = s;
	}
	if (!provider || !valid_name(provider))
		return pc_doc_error(doc, v ? v : node, "rule '%s' needs a 'provider' (letters, digits, '.', '_', '-')", r->id);
	r->provider = pc_strdup(provider);

	if (!(v = pc_map_get(node, "class")))
		return pc_doc_error(doc, node, "rule '%s' has no 'class' (alias, pinned, no-snapshot or mask)", r->id);
	if ((err = pc_doc_scalar(&s, doc, v, "class")) < 0)
		return err;
	for (i = 0; i < 4; i++)
		if (!strcmp(s, class_names[i]))
			break;
	if (i == 4)
		return pc_doc_error(doc, v, "unknown class '%s' (expected alias, pinned, no-snapshot or mask)", s);
	r->cls = (pc_class)i;

	if ((v = pc_map_get(node, "severity"))) {
		if ((err = pc_doc_scalar(&s, doc, v, "severity")) < 0)
			return err;
		if (pc_severity_parse(&r->severity, s) < 0)
			return pc_doc_error(doc, v, "unknown severity '%s' (expected error, warning, note or off)", s);
	}

	if (!(v = pc_map_get(node, "pattern")))
		return pc_doc_error(doc, node, "rule '%s' has no 'pattern'", r->id);
	if ((err = pc_doc_scalar(&s, doc, v, "pattern")) < 0)
		return err;
	if (!*s)
		return pc_doc_error(doc, v, "rule '%s' has an empty pattern", r->id);
	if (strlen(s) > PC_MAX_PATTERN_LEN)
		return pc_doc_error(doc, v, "pattern of rule '%s' is longer than %d bytes", r->id, PC_MAX_PATTERN_LEN);
	r->pattern = pc_strdup(s);
	free(r->where);
	r->where = where_of(doc, v); /* regex errors point at the pattern */

	if ((v = pc_map_get(node, "keywords"))) {
		if ((err = get_strings(&r->keywords, &r->nkeywords, doc, v, "keywords")) < 0)
			return err;
		for (i = 0; i < r->nkeywords; i++)
			if (!*r->keywords[i])
				return pc_doc_error(doc, v, "keywords may not be empty");
	}
	if ((v = pc_map_get(node, "context"))) {
		if ((err = pc_doc_scalar(&s, doc, v, "context")) < 0)
			return err;
		if (!strcmp(s, "value"))
			r->context_value = true;
		else if (!strcmp(s, "key"))
			r->context_key = true;
		else if (strcmp(s, "any"))
			return pc_doc_error(doc, v, "unknown context '%s' (expected any, value or key)", s);
	}
	if ((v = pc_map_get(node, "multiline")) &&
	    (err = pc_doc_bool(&r->multiline, doc, v, "multiline")) < 0)
		return err;
	if (r->cls == PC_CLASS_MASK && !r->multiline)
		return pc_doc_error(doc, pc_map_get(node, "class"),
				    "rule '%s': class mask needs multiline: true (it masks a span of the file)", r->id);
	if ((v = pc_map_get(node, "suggest")) && (err = load_suggest(r, doc, v)) < 0)
		return err;
	if ((v = pc_map_get(node, "message"))) {
		if ((err = pc_doc_scalar(&s, doc, v, "message")) < 0)
			return err;
		r->message = pc_strdup(s);
	}
	if ((v = pc_map_get(node, "advice"))) {
		/* what to do about a finding, which only alias and no-snapshot
		 * rules raise (a pinned one's lifecycle finding names its
		 * replacement) */
		if ((err = pc_doc_scalar(&s, doc, v, "advice")) < 0)
			return err;
		if (!*s)
			return pc_doc_error(doc, v, "rule '%s' has an empty advice", r->id);
		if (r->cls != PC_CLASS_ALIAS && r->cls != PC_CLASS_NO_SNAPSHOT)
			return pc_doc_error(doc, v, "rule '%s': advice is only for alias and no-snapshot rules "
					    "(a %s rule raises no finding that uses it)", r->id,
					    class_names[r->cls]);
		r->advice = pc_strdup(s);
	}
	if ((v = pc_map_get(node, "tests")) && (err = load_tests(r, doc, v)) < 0)
		return err;
	return 0;
}

int pc_ruleset_add_rule(pc_ruleset *rs, const pc_doc *doc, const pc_node *node,
			const char *provider, pc_origin origin)
{
	pc_rule r, *old;
	int err;

	memset(&r, 0, sizeof(r));
	if ((err = parse_rule(&r, doc, node, provider)) < 0) {
		rule_clear(&r);
		return err;
	}
	r.origin = origin;
	if ((old = pc_ruleset_find(rs, r.id))) {
		/* A repository may override a built-in rule by reusing its id;
		 * the same id twice in one layer is a mistake. */
		if (old->origin < origin) {
			r.index = old->index;
			rule_clear(old);
			*old = r;
			return 0;
		}
		err = pc_error_set(PC_EUSAGE, "%s: duplicate rule id '%s' (first defined at %s)",
				   r.where, r.id, old->where);
		rule_clear(&r);
		return err;
	}
	r.index = rs->nrules;
	PC_GROW(rs->rules, rs->arules, rs->nrules + 1);
	rs->rules[rs->nrules++] = r;
	return 0;
}

/* An imported catalog's entry for an id the set already holds (dates
 * checked by the caller): each fact it states replaces the held one. */
static int layer_facts(pc_model *m, const pc_doc *doc, const pc_node *node)
{
	static const char *const keys[] = { "deprecated", "retires", "replacement" };
	char **fields[] = { &m->deprecated, &m->retires, &m->replacement };
	const pc_node *v;
	const char *s;
	size_t i;
	int err;
	for (i = 0; i < 3; i++) {
		if (!(v = pc_map_get(node, keys[i])))
			continue;
		if ((err = pc_doc_scalar(&s, doc, v, keys[i])) < 0)
			return err;
		free(*fields[i]);
		*fields[i] = pc_strdup(s);
	}
	return 0;
}

static int add_model(pc_ruleset *rs, const pc_doc *doc, const pc_node *node, const char *provider,
		     pc_origin origin)
{
	static const char *const keys[] = { "id", "deprecated", "retires", "replacement", NULL };
	static const char *const dates[] = { "deprecated", "retires" };
	pc_model m, *held;
	const pc_node *v;
	const char *s;
	int err;
	size_t i;

	if ((err = pc_doc_check_keys(doc, node, "a model", keys)) < 0)
		return err;
	memset(&m, 0, sizeof(m));
	if (!(v = pc_map_get(node, "id")))
		return pc_doc_error(doc, node, "model entry has no 'id'");
	if ((err = pc_doc_scalar(&s, doc, v, "id")) < 0)
		return err;
	for (i = 0; i < 2; i++) {
		const char *d;
		if (!(v = pc_map_get(node, dates[i])))
			continue;
		if ((err = pc_doc_scalar(&d, doc, v, dates[i])) < 0)
			return err;
		if (!pc_date_valid(d))
			return pc_doc_error(doc, v, "%s must be a date YYYY-MM-DD, not '%s'", dates[i], d);
	}
	if ((held = (pc_model *)model_exact(rs, s))) {
		/* A rule file given to `rules test` restates built-in facts;
		 * within the built-in catalog an id is listed once. An imported
		 * catalog's facts are newer than what is held. */
		if (origin == PC_ORIGIN_BUILTIN)
			return pc_doc_error(doc, node, "duplicate model entry '%s'", s);
		if (origin == PC_ORIGIN_CATALOG)
			return layer_facts(held, doc, node);
		return 0;
	}
	m.id = pc_strdup(s);
	m.provider = pc_strdup(provider);
	if ((v = pc_map_get(node, "deprecated")))
		m.deprecated = pc_strdup(v->value);
	if ((v = pc_map_get(node, "retires")))
		m.retires = pc_strdup(v->value);
	if ((v = pc_map_get(node, "replacement"))) {
		if ((err = pc_doc_scalar(&s, doc, v, "replacement")) < 0) {
			pc_model_clear(&m);
			return err;
		}
		m.replacement = pc_strdup(s);
	}
	PC_GROW(rs->models, rs->amodels, rs->nmodels + 1);
	rs->models[rs->nmodels++] = m;
	return 0;
}

/* The rules and models of one parsed rule file. */
static int add_doc(pc_ruleset *rs, const pc_doc *doc, pc_origin origin)
{
	static const char *const keys[] = { "provider", "catalog_date", "rules", "models", NULL };
	const pc_node *root = doc->root, *v;
	const char *provider, *date = NULL;
	pc_provider *p;
	size_t i;
	int err;

	if ((err = pc_doc_check_keys(doc, root, "a rule file", keys)) < 0)
		goto out;
	if (!(v = pc_map_get(root, "provider"))) {
		err = pc_doc_error(doc, root, "rule file has no 'provider'");
		goto out;
	}
	if ((err = pc_doc_scalar(&provider, doc, v, "provider")) < 0)
		goto out;
	if (!valid_name(provider)) {
		err = pc_doc_error(doc, v, "provider '%s' may only contain letters, digits, '.', '_' and '-'", provider);
		goto out;
	}
	if ((v = pc_map_get(root, "catalog_date"))) {
		if ((err = pc_doc_scalar(&date, doc, v, "catalog_date")) < 0)
			goto out;
		if (!pc_date_valid(date)) {
			err = pc_doc_error(doc, v, "catalog_date must be a date YYYY-MM-DD, not '%s'", date);
			goto out;
		}
	}
	PC_GROW(rs->providers, rs->aproviders, rs->nproviders + 1);
	p = &rs->providers[rs->nproviders++];
	p->name = pc_strdup(provider);
	p->catalog_date = pc_strdup(date);
	p->where = pc_strdup(doc->name);

	if ((v = pc_map_get(root, "rules")) && origin == PC_ORIGIN_CATALOG) {
		/* a catalog names facts, never what is matched or how it counts */
		err = pc_doc_error(doc, v, "a catalog holds lifecycle facts (models:) only, not rules; "
				   "rules belong in .pincheck.yml");
		goto out;
	}
	if ((v = pc_map_get(root, "rules"))) {
		if (v->type != PC_NODE_SEQ) {
			err = pc_doc_error(doc, v, "rules must be a list, not %s", pc_node_kind(v));
			goto out;
		}
		for (i = 0; i < v->n; i++)
			if ((err = pc_ruleset_add_rule(rs, doc, v->items[i], provider, origin)) < 0)
				goto out;
	}
	if ((v = pc_map_get(root, "models"))) {
		if (v->type != PC_NODE_SEQ) {
			err = pc_doc_error(doc, v, "models must be a list, not %s", pc_node_kind(v));
			goto out;
		}
		for (i = 0; i < v->n; i++)
			if ((err = add_model(rs, doc, v->items[i], provider, origin)) < 0)
				goto out;
	}
out:
	return err;
}

int pc_ruleset_add_file(pc_ruleset *rs, const char *name, const char *buf, size_t len,
			pc_origin origin)
{
	pc_doc *doc;
	int err;
	if ((err = pc_doc_parse(&doc, name, buf, len)) < 0)
		return err;
	err = add_doc(rs, doc, origin);
	pc_doc_free(doc);
	return err;
}

int pc_ruleset_add_builtin(pc_ruleset *rs)
{
	const pc_doc *const *d;
	int err;
	size_t i, first = rs->nrules;
	/* parsed at build time (tools/docgen.c): no YAML at start-up */
	for (d = pc_builtin_rule_docs; *d; d++)
		if ((err = add_doc(rs, *d, PC_ORIGIN_BUILTIN)) < 0)
			return err;
	/* tested at build time (`pincheck rules test` in tests/e2e) */
	for (i = first; i < rs->nrules; i++)
		rs->rules[i].lazy = true;
	return 0;
}

int pc_ruleset_disable(pc_ruleset *rs, const char *id, const char *where)
{
	pc_rule *r = pc_ruleset_find(rs, id);
	if (!r)
		return pc_error_set(PC_EUSAGE, "%s: unknown rule id '%s' in disable", where, id);
	r->disabled = true;
	return 0;
}

const char *pc_rule_suggest(const pc_rule *rule, const char *text, size_t len)
{
	const char *slash = NULL, *p;
	size_t i, seg_len;
	for (p = text; p < text + len; p++)
		if (*p == '/')
			slash = p;
	seg_len = slash ? len - (size_t)(slash + 1 - text) : len;
	for (i = 0; i < rule->nsuggest; i++) {
		const char *from = rule->suggest[i].from;
		if (!from)
			return rule->suggest[i].to;
		if (strlen(from) == len && !memcmp(from, text, len))
			return rule->suggest[i].to;
	}
	for (i = 0; slash && i < rule->nsuggest; i++) {
		const char *from = rule->suggest[i].from;
		if (strlen(from) == seg_len && !memcmp(from, slash + 1, seg_len))
			return rule->suggest[i].to;
	}
	return NULL;
}

/*
 * The literal every match of `pattern` starts with, when the pattern makes
 * that obvious (no top-level '|', no leading group or option); else 0.
 * Rules may name their keywords explicitly instead.
 */
static size_t literal_prefix(const char *pat, char *out, size_t cap)
{
	size_t n = 0, depth = 0;
	const char *p;
	int in_class = 0;

	for (p = pat; *p; p++) {
		if (*p == '\\' && p[1] == 'Q') {
			/* \Q...\E quotes everything up to \E */
			const char *e = strstr(p + 2, "\\E");
			if (!e)
				return 0;
			p = e + 1;
		} else if (*p == '\\' && p[1]) {
			p++;
		} else if (in_class) {
			if (*p == ']')
				in_class = 0;
		} else if (*p == '[') {
			/* a ']' right after '[' or '[^' is a literal member */
			in_class = 1;
			if (p[1] == '^')
				p++;
			if (p[1] == ']')
				p++;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			if (depth)
				depth--;
		} else if (*p == '|' && depth == 0) {
			return 0;
		}
	}
	for (p = pat; *p && n < cap; p++) {
		char c = *p;
		if (c == '\\' && p[1] && strchr(".-/:@~_", p[1])) {
			c = *++p;
		} else if (!(('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') ||
			     ('0' <= c && c <= '9') || strchr("-_/:@~=\"'", c))) {
			if ((c == '?' || c == '*' || c == '{') && n)
				n--;
			break;
		}
		out[n++] = c;
	}
	return n >= 2 ? n : 0;
}

int pc_regex_check(const char *pattern, char *msg, size_t msgsize)
{
	pcre2_compile_context *cctx = pcre2_compile_context_create(NULL);
	pcre2_code *re;
	int errcode;
	PCRE2_SIZE erroff;
	pcre2_set_max_pattern_length(cctx, PC_MAX_PATTERN_LEN);
	pcre2_set_parens_nest_limit(cctx, PC_MAX_PARENS_NEST);
	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_NEVER_BACKSLASH_C,
			   &errcode, &erroff, cctx);
	pcre2_compile_context_free(cctx);
	if (!re) {
		PCRE2_UCHAR emsg[200];
		pcre2_get_error_message(errcode, emsg, sizeof(emsg));
		snprintf(msg, msgsize, "%s at pattern offset %zu", (const char *)emsg, (size_t)erroff);
		return -1;
	}
	pcre2_code_free(re);
	if (strstr(pattern, "(*NO_JIT)")) {
		snprintf(msg, msgsize, "(*NO_JIT) is not allowed");
		return -1;
	}
	return 0;
}

/* Compile r's pattern and publish it in r->re (with r->id_group). */
static int compile_rule(pc_rule *r, bool no_jit)
{
	pcre2_compile_context *cctx;
	pcre2_code *re;
	pc_buf wrapped = PC_BUF_INIT;
	PCRE2_SIZE erroff;
	int errcode, err = 0;
	char msg[256];

	/* The pattern must stand on its own: compiled inside the wrapper, an
	 * unbalanced ')' could escape the group and its token boundaries. */
	if (pc_regex_check(r->pattern, msg, sizeof(msg)) < 0)
		return pc_error_set(PC_EUSAGE, "%s: bad pattern in rule '%s': %s", r->where, r->id, msg);
	/* With an `id` group the boundaries belong to the id, not to the
	 * call around it (AutoModel.from_pretrained("org/model")): the
	 * matcher checks them there; otherwise they wrap the pattern. */
	if (strstr(r->pattern, "(?<id>") || strstr(r->pattern, "(?P<id>") || strstr(r->pattern, "(?'id'"))
		pc_buf_puts(&wrapped, r->pattern);
	else
		pc_buf_printf(&wrapped, BOUNDARY_BEFORE "(?:%s)" BOUNDARY_AFTER, r->pattern);
	cctx = pcre2_compile_context_create(NULL);
	pcre2_set_max_pattern_length(cctx, PC_MAX_PATTERN_LEN + 128);
	pcre2_set_parens_nest_limit(cctx, PC_MAX_PARENS_NEST);
	/* A rule from outside the binary may be written to hang the hooks:
	 * with a callout at every step, the matcher counts its work and stops
	 * it at a budget (match.c). Built-in rules are reviewed: no cost. */
	r->metered = r->origin != PC_ORIGIN_BUILTIN;
	re = pcre2_compile((PCRE2_SPTR)wrapped.ptr, wrapped.len,
			   PCRE2_NEVER_BACKSLASH_C | (r->metered ? PCRE2_AUTO_CALLOUT : 0),
			   &errcode, &erroff, cctx);
	pcre2_compile_context_free(cctx);
	if (!re) {
		PCRE2_UCHAR emsg[256];
		pcre2_get_error_message(errcode, emsg, sizeof(emsg));
		err = pc_error_set(PC_EUSAGE, "%s: bad pattern in rule '%s': %s", r->where, r->id,
				   (const char *)emsg);
	} else {
		int g = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "id");
		r->id_group = g > 0 ? g : 0;
		/* Without JIT (no executable memory, or rs->no_jit for
		 * valgrind, which cannot see into JIT code) the interpreter
		 * gives the same answers, more slowly: not an error. */
		if (!no_jit)
			pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
		/* after id_group: a thread that sees re sees it too */
		atomic_store_explicit(&r->re, re, memory_order_release);
	}
	pc_buf_free(&wrapped);
	return err;
}

/* Lazy rules are compiled by the first matcher thread that needs one. */
static pthread_mutex_t compiling = PTHREAD_MUTEX_INITIALIZER;

int pc_rule_code(const pc_ruleset *rs, const pc_rule *r, void **out)
{
	int err = 0;
	*out = atomic_load_explicit(&r->re, memory_order_acquire);
	if (*out)
		return 0;
	pthread_mutex_lock(&compiling);
	/* the rule set is shared, not constant: its rules are its own */
	if (!atomic_load_explicit(&r->re, memory_order_acquire))
		err = compile_rule((pc_rule *)r, rs->no_jit);
	pthread_mutex_unlock(&compiling);
	*out = atomic_load_explicit(&r->re, memory_order_acquire);
	return err;
}

int pc_ruleset_compile(pc_ruleset *rs)
{
	pc_keywords *kw = pc_keywords_new();
	size_t i, j;
	int err = 0;

	for (i = 0; i < rs->nrules; i++) {
		pc_rule *r = &rs->rules[i];
		char prefix[128];
		size_t n;
		if (r->disabled)
			continue;
		if (!r->lazy && !r->re && (err = compile_rule(r, rs->no_jit)) < 0)
			break;
		r->prefiltered = true;
		if (r->nkeywords) {
			for (j = 0; j < r->nkeywords; j++)
				pc_keywords_add(kw, r->keywords[j], strlen(r->keywords[j]), i);
		} else if ((n = literal_prefix(r->pattern, prefix, sizeof(prefix))) > 0) {
			pc_keywords_add(kw, prefix, n, i);
		} else {
			r->prefiltered = false; /* nothing literal to look for */
		}
	}
	if (err < 0) {
		pc_keywords_free(kw);
		return err;
	}
	pc_keywords_build(kw);
	if (!rs->budget)
		rs->budget = pc_match_budget_new();
	pc_keywords_free(rs->prefilter);
	rs->prefilter = kw;
	/* the rules that run on every line (no keyword), kept apart so a
	 * line with no keyword costs one pass and nothing more */
	free(rs->always);
	rs->always = pc_calloc(rs->nrules + 1, sizeof(*rs->always));
	rs->nalways = rs->nmultiline = rs->nalways_line = 0;
	for (i = 0; i < rs->nrules; i++) {
		const pc_rule *r = &rs->rules[i];
		if (r->disabled)
			continue;
		if (!r->prefiltered) {
			rs->always[rs->nalways++] = i;
			rs->nalways_line += !r->multiline;
		}
		rs->nmultiline += r->multiline;
	}
	return 0;
}
