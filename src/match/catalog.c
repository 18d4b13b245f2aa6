/*
 * catalog.c: providers' saved model lists to lifecycle facts (see
 * catalog.h). Each list is recognised by its content, never its name, and
 * read by its documented shape; what a fact means in pincheck's terms:
 *
 *   list          file                           deprecated            retires
 *   Anthropic     GET /v1/models                 deprecated_at,        retires_at,
 *                 {data: [{id, lifecycle, ...}]} lifecycle deprecated  lifecycle retired
 *   AWS Bedrock   ListFoundationModels           legacyTime,           endOfLifeTime
 *                 {modelSummaries: [{modelId,    status LEGACY
 *                  modelLifecycle: {...}}]}
 *   Azure OpenAI  GET /openai/models             lifecycle_status      deprecation.inference,
 *                 {data: [{id, lifecycle_status, deprecating, legacy   lifecycle_status
 *                  deprecation: {inference}}]}                         deprecated, retired
 *   OpenRouter    GET /api/v1/models             -                     expiration_date
 *                 {data: [{id, expiration_date}]}
 *   LiteLLM       model_prices_and_context_      -                     deprecation_date
 *                 window.json {ID: {...}}
 *
 * A status without its date counts from the day of the import. Dates may
 * be written YYYY-MM-DD, as an ISO 8601 time (its UTC day), or as seconds
 * since 1970 (Azure, the AWS CLI's default); null means none. Ids are kept
 * as each list spells them: Bedrock's anthropic.claude-...-v1:0,
 * OpenRouter's openai/gpt-4o-2024-08-06, LiteLLM's keys with their route
 * prefix (azure/gpt-4o-2024-08-06 is Azure's model as LiteLLM calls it,
 * with Azure's dates: dropping the prefix would give them to OpenAI's id).
 * None of the lists names a replacement, so the built-in one is kept.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "pincheck/catalog.h"
#include "pincheck/common.h"
#include "pincheck/date.h"
#include "pincheck/doc.h"

/* One list being read. */
typedef struct {
	pc_catalog *cat;
	const pc_doc *doc;
	const char *today;
	const char *provider;
	size_t listed, dated;
} reader;

/* ---- dates ---- */

static int two_digits(const char *p, int *out)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return 0;
	*out = (p[0] - '0') * 10 + (p[1] - '0');
	return 1;
}

/* The UTC day of YYYY-MM-DD, or of an ISO 8601 time that starts with it
 * (THH:MM[:SS[.fff]] then Z, +HH:MM, +HHMM or nothing for UTC); -1. */
static long time_day(const char *s)
{
	long day = pc_days_from_date(s), secs;
	int h, m, sec = 0, oh = 0, om = 0, sign = 0;
	const char *p = s + 10;
	if (day < 0)
		return -1;
	if (!*p)
		return day;
	if ((*p != 'T' && *p != 't' && *p != ' ') || !two_digits(p + 1, &h) || p[3] != ':' ||
	    !two_digits(p + 4, &m))
		return -1;
	p += 6;
	if (*p == ':') {
		if (!two_digits(p + 1, &sec))
			return -1;
		p += 3;
		if (*p == '.' && p[1] >= '0' && p[1] <= '9')
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		if (!two_digits(p + 1, &oh))
			return -1;
		p += 3;
		if (*p == ':')
			p++;
		if (!two_digits(p, &om))
			return -1;
		p += 2;
	}
	if (*p || h > 23 || m > 59 || sec > 60 || oh > 23 || om > 59)
		return -1;
	secs = (long)h * 3600 + m * 60 + sec - sign * ((long)oh * 3600 + om * 60);
	return pc_days_from_time((long long)day * 86400 + secs, 0);
}

/* The UTC day of a time in seconds since 1970 (a JSON number); -1. */
static long epoch_day(const char *s)
{
	char *end;
	double v;
	if (*s < '0' || *s > '9')
		return -1;
	v = strtod(s, &end);
	if (*end || !(v >= 0 && v < 253402300800.0)) /* before the year 10000 */
		return -1;
	return pc_days_from_time((long long)v, 0);
}

/*
 * The date `key` of mapping `map` holds: 1 and YYYY-MM-DD in out; 0 when it
 * has none (missing, null, empty); PC_EUSAGE at the value when it is no date.
 */
static int list_date(char out[11], const reader *r, const pc_node *map, const char *key)
{
	const pc_node *v = map ? pc_map_get(map, key) : NULL;
	long day;
	if (!v)
		return 0;
	if (v->type != PC_NODE_SCALAR)
		return pc_doc_error(r->doc, v, "%s must be a date, not %s", key, pc_node_kind(v));
	if (!*v->value || (v->plain && (!strcmp(v->value, "null") || !strcmp(v->value, "~"))))
		return 0;
	if ((day = time_day(v->value)) < 0 && (day = epoch_day(v->value)) < 0)
		return pc_doc_error(r->doc, v, "%s '%s' is not a date (YYYY-MM-DD, an ISO 8601 time "
				    "or seconds since 1970)", key, v->value);
	pc_date_from_days(day, out);
	return 1;
}

/* ---- fields ---- */

/* The id `key` of a model entry: printable text, not empty. */
static int entry_id(const char **out, const reader *r, const pc_node *entry, const char *key)
{
	const pc_node *v = pc_map_get(entry, key);
	int err;
	if (!v)
		return pc_doc_error(r->doc, entry, "a model entry has no '%s'", key);
	if ((err = pc_doc_scalar(out, r->doc, v, key)) < 0)
		return err;
	if (!**out || !pc_buf_is_visible(*out, v->len))
		return pc_doc_error(r->doc, v, "%s must be a model id (printable text), not '%s'", key,
				    *out);
	return 0;
}

/* A status word of `map`, or NULL when it has none. */
static int status_of(const char **out, const reader *r, const pc_node *map, const char *key)
{
	const pc_node *v = map ? pc_map_get(map, key) : NULL;
	*out = NULL;
	if (!v || (v->plain && !strcmp(v->value, "null")))
		return 0;
	return pc_doc_scalar(out, r->doc, v, key);
}

/* A mapping inside an entry (Bedrock's modelLifecycle, Azure's
 * deprecation), or NULL when it has none. */
static int sub_map(const pc_node **out, const reader *r, const pc_node *entry, const char *key)
{
	const pc_node *v = pc_map_get(entry, key);
	*out = NULL;
	if (!v || (v->type == PC_NODE_SCALAR && v->plain && !strcmp(v->value, "null")))
		return 0;
	if (v->type != PC_NODE_MAP)
		return pc_doc_error(r->doc, v, "%s must be a mapping, not %s", key, pc_node_kind(v));
	*out = v;
	return 0;
}

static bool is(const char *status, const char *word)
{
	return status && !strcasecmp(status, word);
}

/* Keep the earlier of two dates: the conservative one when lists differ. */
static void keep_earlier(char **held, const char *day)
{
	if (day && (!*held || strcmp(day, *held) < 0)) {
		free(*held);
		*held = pc_strdup(day);
	}
}

/* The facts of one id (dep, ret: a date or NULL). */
static void add_fact(reader *r, const char *id, const char *dep, const char *ret)
{
	pc_catalog *cat = r->cat;
	pc_model *m = NULL;
	size_t i;
	if (!dep && !ret)
		return;
	r->dated++;
	for (i = 0; i < cat->nmodels && !m; i++)
		if (!strcmp(cat->models[i].id, id))
			m = &cat->models[i];
	if (!m) {
		PC_GROW(cat->models, cat->amodels, cat->nmodels + 1);
		m = &cat->models[cat->nmodels++];
		memset(m, 0, sizeof(*m));
		m->id = pc_strdup(id);
		m->provider = pc_strdup(r->provider);
	}
	keep_earlier(&m->deprecated, dep);
	keep_earlier(&m->retires, ret);
}

/* ---- the lists ---- */

static int anthropic_entry(reader *r, const pc_node *e)
{
	const pc_node *life = pc_map_get(e, "lifecycle"), *in = NULL;
	const char *id, *status = NULL;
	char dep[11], ret[11];
	int hd, hr, err;
	if ((err = entry_id(&id, r, e, "id")) < 0)
		return err;
	/* lifecycle: a status word, or a mapping of status and dates */
	if (life && life->type == PC_NODE_MAP)
		in = life;
	if ((err = status_of(&status, r, in ? in : e, in ? "status" : "lifecycle")) < 0)
		return err;
	if ((hd = list_date(dep, r, e, "deprecated_at")) == 0)
		hd = list_date(dep, r, in, "deprecated_at");
	if ((hr = list_date(ret, r, e, "retires_at")) == 0)
		hr = list_date(ret, r, in, "retires_at");
	if (hd < 0 || hr < 0)
		return hd < 0 ? hd : hr;
	add_fact(r, id, hd ? dep : is(status, "deprecated") ? r->today : NULL,
		 hr ? ret : is(status, "retired") ? r->today : NULL);
	return 0;
}

static int bedrock_entry(reader *r, const pc_node *e)
{
	const pc_node *life;
	const char *id, *status;
	char dep[11], ret[11];
	int hd, hr, err;
	if ((err = entry_id(&id, r, e, "modelId")) < 0 ||
	    (err = sub_map(&life, r, e, "modelLifecycle")) < 0 ||
	    (err = status_of(&status, r, life, "status")) < 0)
		return err;
	if ((hd = list_date(dep, r, life, "legacyTime")) < 0)
		return hd;
	if ((hr = list_date(ret, r, life, "endOfLifeTime")) < 0)
		return hr;
	/* LEGACY is Bedrock's word for deprecated */
	add_fact(r, id, hd ? dep : is(status, "LEGACY") ? r->today : NULL, hr ? ret : NULL);
	return 0;
}

static int azure_entry(reader *r, const pc_node *e)
{
	const pc_node *dep_map;
	const char *id, *status;
	char ret[11];
	int hr, err;
	if ((err = entry_id(&id, r, e, "id")) < 0 ||
	    (err = status_of(&status, r, e, "lifecycle_status")) < 0 ||
	    (err = sub_map(&dep_map, r, e, "deprecation")) < 0)
		return err;
	/* deprecation.inference: deployments fail after it (fine_tune only
	 * ends training) */
	if ((hr = list_date(ret, r, dep_map, "inference")) < 0)
		return hr;
	add_fact(r, id, is(status, "deprecating") || is(status, "legacy") ? r->today : NULL,
		 hr ? ret : NULL);
	/* Azure's "deprecated" is retired: calls return errors */
	if (is(status, "deprecated") || is(status, "retired"))
		add_fact(r, id, NULL, r->today);
	return 0;
}

static int openrouter_entry(reader *r, const pc_node *e)
{
	const char *id;
	char ret[11];
	int hr, err;
	if ((err = entry_id(&id, r, e, "id")) < 0)
		return err;
	/* "the date after which the model may be removed" */
	if ((hr = list_date(ret, r, e, "expiration_date")) < 0)
		return hr;
	add_fact(r, id, NULL, hr ? ret : NULL);
	return 0;
}

/* Each entry of the list `key` of the root. */
static int read_entries(reader *r, const char *key, int (*one)(reader *, const pc_node *))
{
	const pc_node *list = pc_map_get(r->doc->root, key);
	size_t i;
	int err;
	for (i = 0; i < list->n; i++) {
		const pc_node *e = list->items[i];
		if (e->type != PC_NODE_MAP)
			return pc_doc_error(r->doc, e, "%s[%zu] must be a model (a mapping), not %s",
					    key, i, pc_node_kind(e));
		r->listed++;
		if ((err = one(r, e)) < 0)
			return err;
	}
	return 0;
}

static int read_anthropic(reader *r)
{
	return read_entries(r, "data", anthropic_entry);
}

static int read_bedrock(reader *r)
{
	return read_entries(r, "modelSummaries", bedrock_entry);
}

static int read_azure(reader *r)
{
	return read_entries(r, "data", azure_entry);
}

static int read_openrouter(reader *r)
{
	return read_entries(r, "data", openrouter_entry);
}

/* LiteLLM: the keys are the ids; "sample_spec" documents the fields. */
static int read_litellm(reader *r)
{
	const pc_node *root = r->doc->root;
	size_t i;
	for (i = 0; i < pc_map_size(root); i++) {
		const pc_node *k = pc_map_key(root, i), *e = pc_map_value(root, i);
		char ret[11];
		int hr;
		if (!strcmp(k->value, "sample_spec"))
			continue;
		if (e->type != PC_NODE_MAP)
			return pc_doc_error(r->doc, e, "'%s' must be a model (a mapping), not %s",
					    k->value, pc_node_kind(e));
		if (!*k->value || !pc_buf_is_visible(k->value, strlen(k->value)))
			return pc_doc_error(r->doc, k, "a model id must be printable text");
		r->listed++;
		if ((hr = list_date(ret, r, e, "deprecation_date")) < 0)
			return hr;
		add_fact(r, k->value, NULL, hr ? ret : NULL);
	}
	return 0;
}

/* ---- recognising a list ---- */

/* Does some mapping of the list `list` have key `key` (with `value`)? */
static bool some_entry_has(const pc_node *list, const char *key, const char *value)
{
	size_t i;
	for (i = 0; list && list->type == PC_NODE_SEQ && i < list->n; i++) {
		const pc_node *v = pc_map_get(list->items[i], key);
		if (v && (!value || (v->type == PC_NODE_SCALAR && !strcmp(v->value, value))))
			return true;
	}
	return false;
}

static const pc_node *list_at(const pc_node *root, const char *key)
{
	const pc_node *v = pc_map_get(root, key);
	return v && v->type == PC_NODE_SEQ ? v : NULL;
}

static bool is_bedrock(const pc_node *root)
{
	return list_at(root, "modelSummaries") != NULL;
}

static bool is_azure(const pc_node *root)
{
	const pc_node *d = list_at(root, "data");
	return some_entry_has(d, "lifecycle_status", NULL) || some_entry_has(d, "deprecation", NULL);
}

static bool is_openrouter(const pc_node *root)
{
	const pc_node *d = list_at(root, "data");
	return some_entry_has(d, "canonical_slug", NULL) ||
	       some_entry_has(d, "expiration_date", NULL) ||
	       some_entry_has(d, "context_length", NULL);
}

static bool is_anthropic(const pc_node *root)
{
	const pc_node *d = list_at(root, "data");
	return d && (pc_map_get(root, "has_more") || pc_map_get(root, "first_id") ||
		     some_entry_has(d, "type", "model"));
}

static bool is_litellm(const pc_node *root)
{
	size_t i;
	if (pc_map_get(root, "sample_spec"))
		return true;
	for (i = 0; i < pc_map_size(root); i++)
		if (pc_map_get(pc_map_value(root, i), "litellm_provider"))
			return true;
	return false;
}

static const struct list_format {
	const char *provider; /* the rule file's provider */
	const char *what;
	bool (*recognise)(const pc_node *root);
	int (*read)(reader *r);
} formats[] = {
	/* most specific first: Azure and OpenRouter entries may look like
	 * Anthropic's, never the other way round */
	{ "bedrock", "the AWS Bedrock ListFoundationModels list", is_bedrock, read_bedrock },
	{ "azure-openai", "the Azure OpenAI models list", is_azure, read_azure },
	{ "openrouter", "the OpenRouter models list", is_openrouter, read_openrouter },
	{ "anthropic", "the Anthropic models list", is_anthropic, read_anthropic },
	{ "litellm", "LiteLLM's model_prices_and_context_window.json", is_litellm, read_litellm },
};

/* A file name in a comment line: no line breaks or control bytes. */
static void put_name(pc_buf *b, const char *name)
{
	for (; *name; name++)
		pc_buf_putc(b, (unsigned char)*name < 0x20 || *name == 0x7f ? '?' : *name);
}

int pc_catalog_read(pc_catalog *cat, const char *name, const char *buf, size_t len,
		    const char *today)
{
	pc_doc *doc;
	const struct list_format *f = NULL;
	reader r;
	size_t i;
	int err;

	if ((err = pc_doc_parse(&doc, name, buf, len)) < 0)
		return err;
	for (i = 0; doc->root && doc->root->type == PC_NODE_MAP && !f &&
		    i < sizeof(formats) / sizeof(formats[0]); i++)
		if (formats[i].recognise(doc->root))
			f = &formats[i];
	if (!f) {
		pc_doc_free(doc);
		return pc_error_set(PC_EUSAGE, "%s: not a model list pincheck reads (the Anthropic, "
				    "AWS Bedrock, Azure OpenAI or OpenRouter models list, or LiteLLM's "
				    "model_prices_and_context_window.json, as JSON)", name);
	}
	memset(&r, 0, sizeof(r));
	r.cat = cat;
	r.doc = doc;
	r.today = today;
	r.provider = f->provider;
	if ((err = f->read(&r)) >= 0) {
		if (!cat->provider)
			cat->provider = f->provider;
		else if (strcmp(cat->provider, f->provider))
			cat->provider = "imported";
		pc_buf_puts(&cat->sources, "#   ");
		put_name(&cat->sources, name);
		pc_buf_printf(&cat->sources, ": %s, %zu models, %zu with lifecycle dates\n", f->what,
			      r.listed, r.dated);
	}
	pc_doc_free(doc);
	return err;
}

static int by_id(const void *a, const void *b)
{
	return strcmp((*(const pc_model *const *)a)->id, (*(const pc_model *const *)b)->id);
}

void pc_catalog_write(pc_buf *out, const pc_catalog *cat, const char *today)
{
	const pc_model **v = pc_calloc(cat->nmodels + 1, sizeof(*v));
	size_t i;
	for (i = 0; i < cat->nmodels; i++)
		v[i] = &cat->models[i];
	if (cat->nmodels)
		qsort(v, cat->nmodels, sizeof(*v), by_id);
	pc_buf_printf(out, "# Lifecycle facts from the providers' own model lists, written by\n"
		      "# `pincheck catalog import` on %s from:\n", today);
	if (cat->sources.len)
		pc_buf_put(out, cat->sources.ptr, cat->sources.len);
	pc_buf_puts(out, "# A config lists this file under `catalogs:`; each date below then\n"
		    "# replaces the built-in catalog's for its id.\n");
	pc_buf_printf(out, "provider: %s\ncatalog_date: %s\nmodels:%s\n",
		      cat->provider ? cat->provider : "imported", today, cat->nmodels ? "" : " []");
	for (i = 0; i < cat->nmodels; i++) {
		pc_buf_puts(out, "  - id: ");
		pc_buf_put_json(out, v[i]->id, strlen(v[i]->id));
		pc_buf_putc(out, '\n');
		if (v[i]->deprecated)
			pc_buf_printf(out, "    deprecated: %s\n", v[i]->deprecated);
		if (v[i]->retires)
			pc_buf_printf(out, "    retires: %s\n", v[i]->retires);
	}
	free(v);
}

void pc_catalog_free(pc_catalog *cat)
{
	size_t i;
	for (i = 0; i < cat->nmodels; i++)
		pc_model_clear(&cat->models[i]);
	free(cat->models);
	pc_buf_free(&cat->sources);
	memset(cat, 0, sizeof(*cat));
}
