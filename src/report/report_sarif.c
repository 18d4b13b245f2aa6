/*
 * report_sarif.c: SARIF 2.1.0 for code-scanning uploads: one run, the rules
 * that produced findings as tool.driver.rules (each once, in the order of
 * their first finding), one result per finding with its ruleIndex.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/report.h"
#include "report_internal.h"

/* Eval findings have no rule; SARIF wants an id: use the kind. */
static const char *rule_id(const pc_finding *x)
{
	return x->rule ? x->rule : pc_kind_name(x->kind);
}

static const char *level(pc_severity s)
{
	return s == PC_SEV_ERROR ? "error" : s == PC_SEV_WARNING ? "warning" : "note";
}

/* A relative URI reference: percent-encode all but unreserved and '/'. */
static void put_uri(pc_buf *b, const char *path)
{
	pc_buf u = PC_BUF_INIT;
	const unsigned char *p;
	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p))
			pc_buf_putc(&u, (char)*p);
		else
			pc_buf_printf(&u, "%%%02X", *p);
	}
	pc_buf_put_json(b, u.ptr ? u.ptr : "", u.len);
	pc_buf_free(&u);
}

/* SARIF columns count Unicode code points (columnKind below); ours count
 * bytes. Count the code points before the byte column. */
static size_t cp_col(const pc_finding *x, size_t byte_col)
{
	size_t i, n = 1;
	if (!x->source || x->source_col != x->col)
		return byte_col; /* an excerpt: the line's start is not known */
	for (i = 0; i + 1 < byte_col && x->source[i]; i++)
		if (((unsigned char)x->source[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/* The distinct rule ids of the shown findings, in a hash table (open
 * addressing), so that tens of thousands of findings stay linear. */
typedef struct {
	const char **id; /* NULL: an empty slot */
	size_t *index;   /* the rule's position in tool.driver.rules */
	size_t mask;
} rule_set;

static size_t hash(const char *s)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

/* The slot of `id`: where it is, or the empty one where it goes. */
static size_t slot(const rule_set *rs, const char *id)
{
	size_t i = hash(id) & rs->mask;
	while (rs->id[i] && strcmp(rs->id[i], id))
		i = (i + 1) & rs->mask;
	return i;
}

void pc_report_sarif(pc_buf *b, const pc_findings *f)
{
	size_t i, k, nrules = 0, shown = 0, size = 16;
	rule_set rs;
	while (size < 2 * f->n)
		size *= 2;
	rs.id = pc_calloc(size, sizeof(*rs.id));
	rs.index = pc_calloc(size, sizeof(*rs.index));
	rs.mask = size - 1;
	pc_buf_puts(b, "{\"version\": \"2.1.0\",\n"
		       " \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
		       " \"runs\": [{\"tool\": {\"driver\": {\"name\": \"pincheck\", "
		       "\"informationUri\": \"https://github.com/pincheck/pincheck\", \"rules\": [");
	for (i = 0; i < f->n; i++) {
		const pc_finding *x = &f->items[i];
		if (x->suppressed)
			continue;
		k = slot(&rs, rule_id(x));
		if (rs.id[k])
			continue;
		rs.id[k] = rule_id(x);
		rs.index[k] = nrules;
		pc_buf_puts(b, nrules++ ? ",\n   " : "\n   ");
		pc_buf_puts(b, "{\"id\": ");
		pc_buf_put_json_or_null(b, rule_id(x));
		pc_buf_printf(b, ", \"shortDescription\": {\"text\": \"pincheck %s finding\"}, "
			      "\"defaultConfiguration\": {\"level\": \"%s\"}, "
			      "\"properties\": {\"kind\": \"%s\"}}",
			      pc_kind_name(x->kind), level(x->severity), pc_kind_name(x->kind));
	}
	pc_buf_puts(b, "]}},\n  \"columnKind\": \"unicodeCodePoints\",\n  \"results\": [");
	for (i = 0; i < f->n; i++) {
		const pc_finding *x = &f->items[i];
		if (x->suppressed)
			continue;
		pc_buf_puts(b, shown++ ? ",\n   " : "\n   ");
		pc_buf_puts(b, "{\"ruleId\": ");
		pc_buf_put_json_or_null(b, rule_id(x));
		pc_buf_printf(b, ", \"level\": \"%s\", \"ruleIndex\": %zu, \"message\": {\"text\": ",
			      level(x->severity), rs.index[slot(&rs, rule_id(x))]);
		pc_buf_put_json_or_null(b, x->message);
		pc_buf_puts(b, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
		put_uri(b, x->path ? x->path : "");
		pc_buf_putc(b, '}');
		if (x->line)
			pc_buf_printf(b, ", \"region\": {\"startLine\": %zu, \"startColumn\": %zu, "
				      "\"endColumn\": %zu}",
				      x->line, cp_col(x, x->col), cp_col(x, x->col + x->span));
		pc_buf_puts(b, "}}], \"properties\": {\"model\": ");
		pc_buf_put_json_or_null(b, x->model);
		pc_buf_puts(b, ", \"suggest\": ");
		pc_buf_put_json_or_null(b, x->suggest);
		pc_buf_puts(b, ", \"commit\": ");
		pc_buf_put_json_or_null(b, x->commit);
		pc_buf_puts(b, "}}");
	}
	pc_buf_puts(b, shown ? "\n  ]}]}\n" : "]}]}\n");
	free(rs.id);
	free(rs.index);
}
