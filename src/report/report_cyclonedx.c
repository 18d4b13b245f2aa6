/*
 * report_cyclonedx.c: an inventory as a CycloneDX 1.6 JSON BOM (SPEC
 * section 9), for supply-chain tools such as OWASP Dependency-Track that
 * aggregate BOMs across an organisation's projects. One component of type
 * machine-learning-model per model id: `name` the id, `group` and
 * `supplier` the provider; what pincheck knows of it (class, references by
 * role, lifecycle dates, drill status) as `pincheck:` properties; where it
 * occurs as evidence.occurrences. Deterministic: the serial number is a
 * name-based UUID of what was looked at, the timestamp the revision's
 * commit time (none when there is no revision), never the clock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "pincheck/buf.h"
#include "pincheck/report.h"
#include "pincheck/uuid.h"
#include "report_internal.h"

static void str(pc_buf *b, const char *s)
{
	pc_buf_put_json(b, s, strlen(s));
}

/* The BOM's head up to the metadata's last member: format, serial number
 * (a version 5 UUID of `name`), timestamp (when time >= 0), the tool. */
void pc_bom_open(pc_buf *b, const char *name, long long time, const char *tool_version)
{
	char uuid[37];
	pc_uuid_v5(uuid, pc_uuid_ns_url, name, strlen(name));
	pc_buf_printf(b, "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",\n"
			 " \"serialNumber\": \"urn:uuid:%s\", \"version\": 1,\n \"metadata\": {", uuid);
	if (time >= 0) {
		time_t t = (time_t)time;
		struct tm tm;
		char stamp[32];
		gmtime_r(&t, &tm);
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
		pc_buf_printf(b, "\"timestamp\": \"%s\", ", stamp);
	}
	pc_buf_puts(b, "\"tools\": {\"components\": [{\"type\": \"application\", "
		       "\"name\": \"pincheck\", \"version\": ");
	str(b, tool_version);
	pc_buf_puts(b, "}]}");
}

/* One property; `first` opens the list. A NULL value is left out. */
void pc_bom_prop(pc_buf *b, bool *first, const char *name, const char *value)
{
	if (!value)
		return;
	pc_buf_puts(b, *first ? "\"properties\": [" : ", ");
	*first = false;
	pc_buf_puts(b, "{\"name\": ");
	str(b, name);
	pc_buf_puts(b, ", \"value\": ");
	str(b, value);
	pc_buf_putc(b, '}');
}

void pc_bom_prop_count(pc_buf *b, bool *first, const char *name, size_t n)
{
	char v[24];
	snprintf(v, sizeof(v), "%zu", n);
	pc_bom_prop(b, first, name, v);
}

/* A component's head: type, bom-ref (unique: PROVIDER/MODEL and `key`),
 * name, group and supplier. */
void pc_bom_component_open(pc_buf *b, size_t i, const char *model, const char *provider,
			   const char *key)
{
	pc_buf b_ref = PC_BUF_INIT;
	pc_buf_puts(b, i ? ",\n  " : "\n  ");
	pc_buf_printf(&b_ref, "model:%s/%s:%s", provider, model, key);
	pc_buf_puts(b, "{\"type\": \"machine-learning-model\", \"bom-ref\": ");
	str(b, b_ref.ptr);
	pc_buf_puts(b, ", \"name\": ");
	str(b, model);
	pc_buf_puts(b, ", \"group\": ");
	str(b, provider);
	pc_buf_puts(b, ", \"supplier\": {\"name\": ");
	str(b, provider);
	pc_buf_puts(b, "},\n   ");
	pc_buf_free(&b_ref);
}

/* The properties every component has: class, references (all, by role),
 * lifecycle facts and drill status where known. */
void pc_bom_common_props(pc_buf *b, bool *first, const char *cls, size_t count,
			 const size_t roles[4], const char *deprecated, const char *retires,
			 const char *replacement, const char *drill)
{
	static const char *const role_props[] = { "pincheck:references:choice",
						  "pincheck:references:mention",
						  "pincheck:references:data",
						  "pincheck:references:prose" };
	size_t k;
	pc_bom_prop(b, first, "pincheck:class", cls);
	pc_bom_prop_count(b, first, "pincheck:references", count);
	for (k = 0; k < 4; k++)
		pc_bom_prop_count(b, first, role_props[k], roles[k]);
	pc_bom_prop(b, first, "pincheck:lifecycle:deprecated", deprecated);
	pc_bom_prop(b, first, "pincheck:lifecycle:retires", retires);
	pc_bom_prop(b, first, "pincheck:lifecycle:replacement", replacement);
	pc_bom_prop(b, first, "pincheck:drill:status", drill);
}

void pc_report_pins_bom(pc_buf *b, const pc_inventory *inv, const char *tool_version)
{
	pc_buf name = PC_BUF_INIT;
	size_t i, j;
	bool first = true;

	pc_buf_printf(&name, "%s@%s", inv->id.repository ? inv->id.repository : "",
		      inv->id.revision ? inv->id.revision : "");
	pc_bom_open(b, name.ptr, inv->id.time, tool_version);
	pc_buf_free(&name);
	if (inv->id.repository) {
		pc_buf_puts(b, ",\n  \"component\": {\"type\": \"application\", "
			       "\"bom-ref\": \"repository\", \"name\": ");
		str(b, inv->id.repository);
		if (inv->id.revision) {
			pc_buf_puts(b, ", \"version\": ");
			str(b, inv->id.revision);
		}
		pc_buf_putc(b, '}');
	}
	pc_buf_puts(b, ",\n  ");
	pc_bom_prop(b, &first, "pincheck:repository", inv->id.repository);
	pc_bom_prop(b, &first, "pincheck:revision", inv->id.revision);
	pc_bom_prop(b, &first, "pincheck:drill:date", *inv->today ? inv->today : NULL);
	pc_buf_puts(b, first ? "\"properties\": []},\n \"components\": [" : "]},\n \"components\": [");
	for (i = 0; i < inv->n; i++) {
		const pc_inventory_entry *e = &inv->e[i];
		size_t roles[4] = { 0, 0, 0, 0 };
		for (j = 0; j < e->n; j++)
			roles[e->locs[j].role]++;
		pc_bom_component_open(b, i, e->model, e->rule->provider, e->rule->id);
		first = true;
		pc_bom_common_props(b, &first, pc_class_name(e->rule->cls), e->n, roles,
				    e->life ? e->life->deprecated : NULL,
				    e->life ? e->life->retires : NULL,
				    e->life ? e->life->replacement : NULL, e->drill);
		pc_bom_prop(b, &first, "pincheck:rule", e->rule->id);
		pc_buf_puts(b, "],\n   \"evidence\": {\"occurrences\": [");
		for (j = 0; j < e->n; j++) {
			pc_buf_puts(b, j ? ", {\"location\": " : "{\"location\": ");
			str(b, e->locs[j].path);
			pc_buf_printf(b, ", \"line\": %zu, \"offset\": %zu, \"additionalContext\": ",
				      e->locs[j].line, e->locs[j].col);
			str(b, pc_role_name(e->locs[j].role));
			pc_buf_putc(b, '}');
		}
		pc_buf_puts(b, "]}}");
	}
	pc_buf_puts(b, inv->n ? "\n ]}\n" : "]}\n");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void pc_report_merge_bom(pc_buf *b, const pc_merge *m, const char *tool_version)
{
	pc_buf name = PC_BUF_INIT, *pairs = pc_calloc(m->ninputs + 1, sizeof(*pairs));
	const char **sorted = pc_calloc(m->ninputs + 1, sizeof(*sorted));
	size_t i, j;
	bool first = true;

	/* The serial number is of the set of inputs, whatever their order. */
	for (i = 0; i < m->ninputs; i++) {
		pc_buf_printf(&pairs[i], "%s@%s", m->inputs[i].repository,
			      m->inputs[i].revision ? m->inputs[i].revision : "");
		sorted[i] = pairs[i].ptr;
	}
	if (m->ninputs > 1)
		qsort(sorted, m->ninputs, sizeof(*sorted), cmp_str);
	for (i = 0; i < m->ninputs; i++)
		pc_buf_printf(&name, "%s\n", sorted[i]);
	pc_bom_open(b, name.ptr ? name.ptr : "", -1, tool_version);
	pc_buf_puts(b, ",\n  ");
	for (i = 0; i < m->ninputs; i++)
		pc_bom_prop(b, &first, "pincheck:inventory", sorted[i]);
	pc_buf_puts(b, first ? "\"properties\": []},\n \"components\": [" : "]},\n \"components\": [");
	for (i = 0; i < m->nrows; i++) {
		const pc_merge_row *r = &m->rows[i];
		pc_bom_component_open(b, i, r->model, r->provider, r->cls);
		first = true;
		pc_bom_common_props(b, &first, r->cls, r->count, r->roles, r->deprecated, r->retires,
				    r->replacement, r->drill);
		pc_bom_prop_count(b, &first, "pincheck:repositories", r->nuses);
		for (j = 0; j < r->nuses; j++)
			pc_bom_prop(b, &first, "pincheck:repository", r->uses[j].in->repository);
		pc_buf_puts(b, "]}");
	}
	pc_buf_puts(b, m->nrows ? "\n ]}\n" : "]}\n");
	for (i = 0; i < m->ninputs; i++)
		pc_buf_free(&pairs[i]);
	free(pairs);
	free(sorted);
	pc_buf_free(&name);
}
