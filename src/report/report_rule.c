/*
 * report_rule.c: `pincheck rules show ID`: what one rule means, for a
 * person deciding whether a finding is right: where it comes from, what
 * it matches and how severe that is, what it suggests and the catalog
 * facts behind the suggestion, and the examples its tests prove.
 */
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/report.h"

/* "  LABEL      VALUE\n", the value's control characters made visible. */
static void field(pc_buf *b, const char *label, const char *value)
{
	pc_buf_printf(b, "  %-10s ", label);
	pc_buf_put_visible(b, value, strlen(value));
	pc_buf_putc(b, '\n');
}

static const pc_provider *provider_of(const pc_ruleset *rs, const pc_rule *r)
{
	size_t i, n;
	for (i = 0; i < rs->nproviders; i++) {
		n = strlen(rs->providers[i].where);
		if (!strncmp(r->where, rs->providers[i].where, n) && r->where[n] == ':')
			return &rs->providers[i];
	}
	return NULL;
}

static void provider_line(pc_buf *b, const pc_ruleset *rs, const pc_rule *r)
{
	const pc_provider *p = provider_of(rs, r);
	pc_buf line = PC_BUF_INIT;
	pc_buf_puts(&line, r->provider);
	if (p && p->catalog_date)
		pc_buf_printf(&line, " (catalog_date %s)", p->catalog_date);
	field(b, "provider", line.ptr);
	pc_buf_free(&line);
}

/* What a match of the rule is, and how severe: the rule's own severity, or
 * the default of the kind its class raises under this config. */
static void severity_line(pc_buf *b, const pc_rule *r, const pc_config *cfg)
{
	pc_buf line = PC_BUF_INIT;
	pc_kind kind = r->cls == PC_CLASS_ALIAS ? PC_KIND_ALIAS : PC_KIND_NO_SNAPSHOT;
	if (r->cls == PC_CLASS_PINNED) {
		pc_buf_printf(&line, "none for a pinned id; deprecated: %s, retired: %s (by the "
			      "catalog's dates)", pc_severity_name(cfg->severity[PC_KIND_DEPRECATED]),
			      pc_severity_name(cfg->severity[PC_KIND_RETIRED]));
	} else if (r->cls == PC_CLASS_MASK) {
		pc_buf_puts(&line, "none: a mask reports nothing, and drops the references inside "
			    "what it matches");
	} else if (r->severity != PC_SEV_DEFAULT) {
		pc_buf_printf(&line, "%s (the rule's own)", pc_severity_name(r->severity));
	} else {
		pc_buf_printf(&line, "%s (the default for %s)", pc_severity_name(cfg->severity[kind]),
			      pc_kind_name(kind));
	}
	field(b, "severity", line.ptr);
	pc_buf_free(&line);
}

static void keywords_line(pc_buf *b, const pc_rule *r)
{
	pc_buf line = PC_BUF_INIT;
	size_t i;
	for (i = 0; i < r->nkeywords; i++)
		pc_buf_printf(&line, "%s%s", i ? ", " : "", r->keywords[i]);
	if (!r->nkeywords)
		pc_buf_puts(&line, r->prefiltered ? "none: the pattern's literal prefix stands for them"
						  : "none: the rule runs on every line");
	field(b, "keywords", line.ptr);
	pc_buf_free(&line);
}

/* Each suggestion, with what the catalog knows of the pin it names. */
static void suggest_lines(pc_buf *b, const pc_ruleset *rs, const pc_rule *r)
{
	size_t i;
	for (i = 0; i < r->nsuggest; i++) {
		const pc_suggest *s = &r->suggest[i];
		const pc_model *m = pc_ruleset_model(rs, s->to);
		pc_buf line = PC_BUF_INIT;
		pc_buf_printf(&line, "%s%s%s", s->from ? s->from : "", s->from ? " -> " : "", s->to);
		if (m && (m->deprecated || m->retires)) {
			pc_buf_puts(&line, " (");
			if (m->deprecated)
				pc_buf_printf(&line, "deprecated %s%s", m->deprecated,
					      m->retires ? ", " : "");
			if (m->retires)
				pc_buf_printf(&line, "retires %s", m->retires);
			if (m->replacement)
				pc_buf_printf(&line, "; replacement %s", m->replacement);
			pc_buf_putc(&line, ')');
		}
		field(b, i ? "" : "suggest", line.ptr);
		pc_buf_free(&line);
	}
}

static void examples(pc_buf *b, const char *label, char *const *tests, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		field(b, i ? "" : label, tests[i]);
}

void pc_report_rule(pc_buf *b, const pc_ruleset *rs, const pc_rule *r, const pc_config *cfg)
{
	pc_buf_put_visible(b, r->id, strlen(r->id));
	pc_buf_puts(b, r->disabled ? "  (disabled by the config)\n" : "\n");
	provider_line(b, rs, r);
	field(b, "class", pc_class_name(r->cls));
	severity_line(b, r, cfg);
	field(b, "defined", r->where);
	if (r->message)
		field(b, "message", r->message);
	if (r->advice)
		field(b, "advice", r->advice);
	field(b, "pattern", r->pattern);
	keywords_line(b, r);
	if (r->context_key || r->context_value)
		field(b, "context", r->context_key ? "key: only a model key's value"
						    : "value: quoted, after '/', or a model key's value");
	if (r->multiline)
		field(b, "multiline", "the pattern runs over the whole file");
	suggest_lines(b, rs, r);
	examples(b, "matches", r->test_match, r->ntest_match);
	examples(b, "no match", r->test_no_match, r->ntest_no_match);
}
