/*
 * evalfmt.c: the readers of eval results (see evalfmt.h), one small
 * function a format, and what they share: numbers, dates, model ids with
 * their provider prefixes. A reader records what the tool wrote; whether
 * it passes a bump is decided later, from these numbers (evalref.c).
 *
 * Tools' logs can be large (an inspect_ai JSON log holds every sample), so
 * documents are parsed reading past the bulk no reader needs
 * (pc_doc_parse_skipping), and an inspect_ai `.eval` archive is opened
 * with libarchive, which reads zip members stored, deflated or zstd, to
 * take its header.json alone.
 *
 * libarchive is loaded when the first archive is read, not at start-up:
 * with the fifteen libraries it brings (ICU, libxml2, libstdc++ among them)
 * it doubled the time every process spent in the dynamic loader, and a
 * pre-commit hook almost never reads an archive.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/date.h"
#include "pincheck/doc.h"
#include "pincheck/evalfmt.h"
#include "pincheck/limits.h"

static const char *const format_names[] = {
	"pincheck", "promptfoo", "inspect_ai", "lm-evaluation-harness", "openai-evals",
};

const char *pc_eval_format_name(pc_eval_format f)
{
	return format_names[f];
}

bool pc_eval_format_scores_only(pc_eval_format f)
{
	return f == PC_EVAL_INSPECT || f == PC_EVAL_LM_EVAL;
}

#define problem(r, ...) pc_strs_addf(&(r)->problems, &(r)->nproblems, __VA_ARGS__)

/* ---- What every reader uses ---- */

static const char *scalar(const pc_node *n)
{
	return n && n->type == PC_NODE_SCALAR && strlen(n->value) == n->len ? n->value : NULL;
}

static const pc_node *get(const pc_node *map, const char *key)
{
	return pc_map_get(map, key);
}

static const pc_node *get_map(const pc_node *map, const char *key)
{
	const pc_node *v = pc_map_get(map, key);
	return v && v->type == PC_NODE_MAP ? v : NULL;
}

/* A number as tools write them, NaN and Infinity included (inspect_ai's
 * logs hold bare NaN). */
static bool number(const pc_node *n, double *out)
{
	const char *s = scalar(n);
	char *end;
	if (!s || !*s)
		return false;
	*out = strtod(s, &end);
	return !*end;
}

/* The model of id `raw`, `id` once its prefixes are stripped: found, or
 * added. */
static pc_eval_model *model_at(pc_eval_result *r, const char *raw, const char *id)
{
	size_t i;
	pc_eval_model *m;
	for (i = 0; i < r->nmodels; i++)
		if (!strcmp(r->models[i].raw, raw))
			return &r->models[i];
	r->models = pc_realloc(r->models, (r->nmodels + 1) * sizeof(*r->models));
	m = &r->models[r->nmodels++];
	memset(m, 0, sizeof(*m));
	m->raw = pc_strdup(raw);
	m->id = pc_strdup(id);
	return m;
}

static void add_metric(pc_eval_model *m, const char *name, double value)
{
	m->metrics = pc_realloc(m->metrics, (m->nmetrics + 1) * sizeof(*m->metrics));
	m->metrics[m->nmetrics].name = pc_strdup(name);
	m->metrics[m->nmetrics++].value = value;
}

/* The date of field `field` (node n): an ISO 8601 date or date-time (its
 * calendar day as written), or seconds since 1970 (a UTC day); `ms`: the
 * number counts milliseconds. */
static void read_date(pc_eval_result *r, const pc_node *n, const char *field, bool ms)
{
	const char *s = scalar(n);
	double secs;
	r->date_field = field;
	if (!s)
		return;
	r->date = pc_strdup(s);
	if (number(n, &secs)) {
		secs = ms ? secs / 1000 : secs;
		if (isfinite(secs) && fabs(secs) < 1e11)
			r->day = pc_days_from_time((long long)floor(secs), 0);
	} else if (pc_days_from_date(s) >= 0 && (!s[10] || s[10] == 'T' || s[10] == ' ')) {
		r->day = pc_days_from_date(s);
	}
	if (r->day < 0)
		problem(r, "has %s '%s', which is not a date (YYYY-MM-DD, an ISO 8601 time, or "
			   "seconds since 1970)", field, s);
}

static void need_date(pc_eval_result *r, const char *field)
{
	if (!r->date) {
		r->date_field = field;
		problem(r, "has no `%s` (the date the eval ran)", field);
	}
}

/* ---- pincheck's own summary (SPEC section 5) ---- */

static void read_pincheck(pc_eval_result *r, const pc_node *root)
{
	const pc_node *v;
	const char *s, *base;
	size_t i, nmodels = 0;
	double score, bscore;
	bool has_score;

	r->format = PC_EVAL_PINCHECK;
	if (!root || root->type != PC_NODE_MAP) {
		problem(r, "is not a mapping of fields (model, suite, date, status)");
		return;
	}
	has_score = number(get(root, "score"), &score);
	if ((s = scalar(get(root, "model"))) && *s)
		model_at(r, s, s);
	if ((v = get(root, "models")) && v->type == PC_NODE_SEQ)
		for (i = 0; i < v->n; i++)
			if ((s = scalar(v->items[i])) && *s)
				model_at(r, s, s);
	nmodels = r->nmodels;
	for (i = 0; has_score && i < nmodels; i++)
		add_metric(&r->models[i], "score", score);
	/* The model it was compared against: its score is baseline_score. */
	if ((base = scalar(get(root, "baseline"))) && *base &&
	    number(get(root, "baseline_score"), &bscore)) {
		pc_eval_model *m = model_at(r, base, base);
		if (m - r->models >= (ptrdiff_t)nmodels) {
			m->baseline = true;
			add_metric(m, "score", bscore);
		}
	}
	if (!nmodels)
		problem(r, "names no model: add `model: <pinned id>` (or `models: [...]`)");
	if (!((s = scalar(get(root, "suite"))) && *s))
		problem(r, "has no `suite`");
	if (!(s = scalar(get(root, "status"))))
		problem(r, "has no `status` (pass or fail)");
	else if (!strcmp(s, "fail"))
		problem(r, "records a failing eval (status: fail)");
	else if (strcmp(s, "pass"))
		problem(r, "has status '%s'; the accepted values are pass and fail, and only pass "
			   "passes", s);
	r->date_field = "date";
	if (!(s = scalar(get(root, "date")))) {
		problem(r, "has no `date` (YYYY-MM-DD)");
		return;
	}
	r->date = pc_strdup(s);
	if ((r->day = pc_days_from_date(s)) < 0 || (s[10] && s[10] != 'T' && s[10] != ' ')) {
		r->day = -1;
		problem(r, "has date '%s', which is not an ISO 8601 date (YYYY-MM-DD)", s);
	}
}

/* ---- promptfoo: `promptfoo eval -o results.json` (or .yaml) ---- */

/* The model of a promptfoo provider id (openai:gpt-4o, openai:chat:gpt-4o,
 * anthropic:messages:claude-..., bedrock:anthropic.claude-...-v1:0,
 * ollama:chat:llama3:latest): the id less its provider and API words; NULL
 * when none is left (openai:chat) or the provider is code (file://, exec:). */
static const char *promptfoo_model(const char *id)
{
	static const char *const apis[] = { "chat", "completion", "completions", "messages",
					    "responses", "assistant", "embedding", "embeddings",
					    "realtime", "converse", "invoke", NULL };
	const char *p = strchr(id, ':');
	size_t i;
	if (strstr(id, "://") || !strncmp(id, "exec:", 5) || !strncmp(id, "python:", 7))
		return NULL;
	if (!p)
		return id; /* no provider prefix to strip */
	p++;
	for (i = 0; apis[i]; i++) {
		size_t n = strlen(apis[i]);
		if (!strncmp(p, apis[i], n) && (p[n] == ':' || !p[n])) {
			p += n + (p[n] == ':');
			break;
		}
	}
	return *p ? p : NULL;
}

static void read_promptfoo(pc_eval_result *r, const pc_node *root, const pc_node *res)
{
	const pc_node *rows = get(res, "results"), *meta = get_map(root, "metadata");
	size_t i, unnamed = 0;

	r->format = PC_EVAL_PROMPTFOO;
	if (get(res, "timestamp"))
		read_date(r, get(res, "timestamp"), "results.timestamp", false);
	else if (meta && get(meta, "evaluationCreatedAt"))
		read_date(r, get(meta, "evaluationCreatedAt"), "metadata.evaluationCreatedAt", false);
	else
		need_date(r, "results.timestamp");
	for (i = 0; i < rows->n; i++) {
		const pc_node *row = rows->items[i], *prov = get(row, "provider");
		const char *raw = scalar(prov) ? scalar(prov) : scalar(get(prov, "id"));
		const char *ok = scalar(get(row, "success")), *id;
		pc_eval_model *m;
		if (!raw || !*raw) {
			unnamed++;
			continue;
		}
		if (!(id = promptfoo_model(raw))) {
			size_t before = r->nmodels;
			m = model_at(r, raw, "");
			if (r->nmodels > before)
				problem(r, "has results of the provider '%s', which names no model: "
					   "write the pinned id in the provider id (such as "
					   "openai:chat:gpt-4o-2024-08-06)", raw);
		} else {
			m = model_at(r, raw, id);
		}
		m->has_tests = true;
		if (ok && !strcmp(ok, "true"))
			m->passed++;
		else
			m->failed++; /* a failed assertion, or an error */
	}
	if (unnamed)
		problem(r, "has %zu test result%s with no provider id (results.results[*].provider.id)",
			unnamed, unnamed == 1 ? "" : "s");
	if (!rows->n)
		problem(r, "has no test results (results.results is empty)");
}

/* ---- inspect_ai: a log's header (JSON log, or an .eval's header.json) ---- */

static void read_inspect(pc_eval_result *r, const pc_node *root, const pc_node *eval)
{
	const char *raw = scalar(get(eval, "model")), *status = scalar(get(root, "status"));
	const pc_node *results = get_map(root, "results"), *scores;
	const char *slash;
	pc_eval_model *m = NULL;
	size_t i, j;

	r->format = PC_EVAL_INSPECT;
	if (get(eval, "created"))
		read_date(r, get(eval, "created"), "eval.created", false);
	else
		need_date(r, "eval.created");
	if (!status)
		problem(r, "has no `status`; an inspect_ai log is accepted with status success");
	else if (strcmp(status, "success"))
		problem(r, "has status '%s'; an inspect_ai log is accepted with status success "
			   "only (not started, error or cancelled)", status);
	if (!raw || !*raw) {
		problem(r, "names no model (eval.model)");
	} else {
		/* provider/model (openai/gpt-4o-2024-08-06, hf/org/name): the provider goes */
		slash = strchr(raw, '/');
		m = model_at(r, raw, slash && slash[1] ? slash + 1 : raw);
	}
	scores = results ? get(results, "scores") : NULL;
	if (!scores || scores->type != PC_NODE_SEQ || !scores->n) {
		if (status && !strcmp(status, "success"))
			problem(r, "has no scores (results.scores)");
		return;
	}
	for (i = 0; m && i < scores->n; i++) {
		const pc_node *sc = scores->items[i], *metrics = get_map(sc, "metrics");
		const char *name = scalar(get(sc, "name")) ? scalar(get(sc, "name"))
							   : scalar(get(sc, "scorer"));
		for (j = 0; metrics && j < pc_map_size(metrics); j++) {
			const pc_node *v = pc_map_value(metrics, j);
			pc_buf key = PC_BUF_INIT;
			double x;
			if (!number(v, &x) && !number(get(v, "value"), &x))
				continue;
			pc_buf_printf(&key, "%s/%s", name ? name : "score", pc_map_key(metrics, j)->value);
			add_metric(m, key.ptr, x);
			pc_buf_free(&key);
		}
	}
}

/* ---- lm-evaluation-harness: results_*.json ---- */

/* lm-eval's own model name from model_args ("pretrained=org/name,dtype=..."
 * or a mapping), the keys it tries in its order. */
static char *lm_eval_model_arg(const pc_node *args)
{
	static const char *const keys[] = { "peft", "delta", "pretrained", "model", "path",
					    "engine", NULL };
	const char *s = scalar(args);
	size_t i;
	for (i = 0; keys[i]; i++) {
		const char *v, *p;
		size_t n = strlen(keys[i]);
		if (!s) {
			if ((v = scalar(get(args, keys[i]))) && *v)
				return pc_strdup(v);
			continue;
		}
		for (p = s; (p = strstr(p, keys[i])); p += n)
			if ((p == s || p[-1] == ',') && p[n] == '=' && p[n + 1] && p[n + 1] != ',')
				return pc_strndup(p + n + 1, strcspn(p + n + 1, ","));
	}
	return NULL;
}

static void read_lm_eval(pc_eval_result *r, const pc_node *root, const pc_node *results)
{
	const char *name = scalar(get(root, "model_name"));
	const pc_node *config = get_map(root, "config");
	char *arg = NULL;
	pc_eval_model *m = NULL;
	size_t i, j;

	r->format = PC_EVAL_LM_EVAL;
	if (get(root, "date"))
		read_date(r, get(root, "date"), "date", false);
	else
		need_date(r, "date");
	if ((!name || !*name) && config)
		name = arg = lm_eval_model_arg(get(config, "model_args"));
	if (!name || !*name)
		problem(r, "names no model (model_name, or pretrained= or model= in "
			   "config.model_args)");
	else
		m = model_at(r, name, name);
	free(arg);
	if (!pc_map_size(results))
		problem(r, "has no task results (results is empty)");
	for (i = 0; m && i < pc_map_size(results); i++) {
		const pc_node *task = pc_map_value(results, i);
		if (task->type != PC_NODE_MAP)
			continue;
		for (j = 0; j < pc_map_size(task); j++) {
			pc_buf key = PC_BUF_INIT;
			double x;
			if (!number(pc_map_value(task, j), &x))
				continue; /* alias, name, "N/A" stderr */
			pc_buf_printf(&key, "%s/%s", pc_map_key(results, i)->value,
				      pc_map_key(task, j)->value);
			add_metric(m, key.ptr, x);
			pc_buf_free(&key);
		}
	}
}

/* ---- OpenAI Evals API: a run object (GET /v1/evals/{id}/runs/{run}) ---- */

static void read_openai(pc_eval_result *r, const pc_node *root)
{
	const char *raw = scalar(get(root, "model")), *status = scalar(get(root, "status"));
	const pc_node *counts = get_map(root, "result_counts");
	double passed, total, failed, errored;
	pc_eval_model *m = NULL;

	r->format = PC_EVAL_OPENAI;
	if (get(root, "created_at"))
		read_date(r, get(root, "created_at"), "created_at", false);
	else
		need_date(r, "created_at");
	if (!status)
		problem(r, "has no `status`; an OpenAI eval run is accepted with status completed");
	else if (strcmp(status, "completed"))
		problem(r, "has status '%s'; an OpenAI eval run is accepted with status completed "
			   "only (not queued, in_progress, failed or canceled)", status);
	if (!raw || !*raw)
		problem(r, "names no model (model)");
	else
		m = model_at(r, raw, raw);
	if (!counts || !number(get(counts, "passed"), &passed) || passed < 0 || passed > 1e12) {
		problem(r, "has no count of passed tests (result_counts.passed)");
		return;
	}
	if (!number(get(counts, "total"), &total)) {
		total = passed;
		if (number(get(counts, "failed"), &failed) && failed >= 0 && failed < 1e12)
			total += failed;
		if (number(get(counts, "errored"), &errored) && errored >= 0 && errored < 1e12)
			total += errored;
	}
	if (!(total >= passed && total < 1e12)) {
		problem(r, "counts more passed tests than tests (result_counts)");
		return;
	}
	if (m) {
		m->has_tests = true;
		m->passed = (long)passed;
		m->failed = (long)(total - passed); /* failed and errored */
	}
}

/* ---- Recognising the format ---- */

static void read_doc(pc_eval_result *r, const pc_doc *doc)
{
	const pc_node *root = doc->root, *res, *eval, *v;
	const char *obj;
	if (!root || root->type != PC_NODE_MAP) {
		read_pincheck(r, root);
		return;
	}
	res = get_map(root, "results");
	eval = get_map(root, "eval");
	obj = scalar(get(root, "object"));
	if ((obj && !strcmp(obj, "eval.run")) || (get_map(root, "result_counts") && !res))
		read_openai(r, root);
	else if (res && (v = get(res, "results")) && v->type == PC_NODE_SEQ)
		read_promptfoo(r, root, res);
	else if (eval && get(eval, "model") && (get(eval, "task") || get(eval, "created")))
		read_inspect(r, root, eval);
	else if (res && (get(root, "model_name") || get_map(root, "config") || get(root, "versions")))
		read_lm_eval(r, root, res);
	else
		read_pincheck(r, root);
}

/* What no reader needs and logs hold most of: samples and their messages,
 * promptfoo's responses and grading, lm-eval's task configs. */
static const char *const bulk[] = {
	"samples", "reductions", "sample_reductions", "plan", "events", "messages",
	"response", "gradingResult", "testCase", "vars", "prompt", "table", "tests",
	"configs", "pretty_env_info", "task_hashes", NULL
};

static void read_text(pc_eval_result *r, const char *name, const char *buf, size_t len)
{
	pc_doc *doc = NULL;
	if (pc_doc_parse_skipping(&doc, name, buf, len, bulk) < 0) {
		problem(r, "does not parse as YAML or JSON: %s", pc_error_last());
		pc_error_clear();
		return;
	}
	read_doc(r, doc);
	pc_doc_free(doc);
	if (r->format == PC_EVAL_PINCHECK && len > PC_MAX_EVAL_SUMMARY)
		problem(r, "is larger than 1 MiB; pincheck's own eval summary is a few lines");
}

#ifndef PC_LIBARCHIVE_SONAME
#define PC_LIBARCHIVE_SONAME "libarchive.so.13"
#endif

/* The libarchive functions read_zip calls, found once in the loaded library. */
static struct {
	struct archive *(*read_new)(void);
	int (*support_zip_seekable)(struct archive *);
	int (*open_memory)(struct archive *, const void *, size_t);
	int (*next_header)(struct archive *, struct archive_entry **);
	la_ssize_t (*read_data)(struct archive *, void *, size_t);
	const char *(*error_string)(struct archive *);
	int (*read_free)(struct archive *);
	const char *(*entry_pathname)(struct archive_entry *);
	char error[256];
	bool ok;
} la;
static pthread_once_t la_once = PTHREAD_ONCE_INIT;

#define LA_SYM(field, name) \
	(ok = ok && (la.field = (__typeof__(la.field))dlsym(h, name)) != NULL)

static void la_load(void)
{
	void *h = dlopen(PC_LIBARCHIVE_SONAME, RTLD_NOW | RTLD_LOCAL);
	bool ok = h != NULL;

	LA_SYM(read_new, "archive_read_new");
	LA_SYM(support_zip_seekable, "archive_read_support_format_zip_seekable");
	LA_SYM(open_memory, "archive_read_open_memory");
	LA_SYM(next_header, "archive_read_next_header");
	LA_SYM(read_data, "archive_read_data");
	LA_SYM(error_string, "archive_error_string");
	LA_SYM(read_free, "archive_read_free");
	LA_SYM(entry_pathname, "archive_entry_pathname");
	if (!ok) {
		const char *why = dlerror();
		snprintf(la.error, sizeof(la.error), "%s", why ? why : "a function is missing");
	}
	/* The handle stays open for the process: the pointers above live in it. */
	la.ok = ok;
}

/* An inspect_ai `.eval` log: a zip whose header.json is the log less its
 * samples. Only that member is inflated, and only so far. */
static void read_zip(pc_eval_result *r, const char *name, const char *buf, size_t len)
{
	struct archive *a;
	struct archive_entry *e;
	pc_buf hdr = PC_BUF_INIT;
	size_t n = 0;
	int rc = ARCHIVE_FATAL;
	bool found = false;

	r->format = PC_EVAL_INSPECT;
	pthread_once(&la_once, la_load);
	if (!la.ok) {
		problem(r, "is an inspect_ai archive, and libarchive (%s), which reads it, "
			   "cannot be loaded: %s; install it, or run `inspect log dump FILE > "
			   "FILE.json` and link the JSON log", PC_LIBARCHIVE_SONAME, la.error);
		return;
	}
	a = la.read_new();
	if (!a || la.support_zip_seekable(a) != ARCHIVE_OK ||
	    la.open_memory(a, buf, len) != ARCHIVE_OK)
		goto fail;
	while (!found && n++ < PC_MAX_EVAL_ZIP_ENTRIES &&
	       (rc = la.next_header(a, &e)) == ARCHIVE_OK) {
		la_ssize_t got;
		char chunk[16384];
		const char *path = la.entry_pathname(e);
		if (strcmp(path ? path : "", "header.json"))
			continue;
		found = true;
		while ((got = la.read_data(a, chunk, sizeof(chunk))) > 0) {
			if (hdr.len + (size_t)got > PC_MAX_EVAL_HEADER) {
				problem(r, "is an inspect_ai archive whose header.json is larger than "
					   "%d MiB", PC_MAX_EVAL_HEADER >> 20);
				goto out;
			}
			pc_buf_put(&hdr, chunk, (size_t)got);
		}
		if (got < 0)
			goto fail;
	}
	if (!found) {
		if (rc == ARCHIVE_OK || rc == ARCHIVE_EOF)
			problem(r, "is a zip archive without header.json, so no inspect_ai log; "
				   "`inspect log dump FILE > FILE.json` writes one pincheck reads");
		else
			goto fail;
		goto out;
	}
	read_text(r, name, hdr.ptr ? hdr.ptr : "", hdr.len);
	goto out;
fail:
	problem(r, "is a zip archive that cannot be read (%s); `inspect log dump FILE > "
		   "FILE.json` writes the log as JSON, which pincheck reads",
		a && la.error_string(a) ? la.error_string(a) : "libarchive failed");
out:
	pc_buf_free(&hdr);
	if (a)
		la.read_free(a);
}

void pc_eval_result_read(pc_eval_result *out, const char *name, const char *buf, size_t len)
{
	memset(out, 0, sizeof(*out));
	out->day = -1;
	if (len > PC_MAX_EVAL_FILE)
		problem(out, "is larger than %d MiB; link the log's summary (for inspect_ai, "
			     "`inspect log dump --header-only FILE`)", PC_MAX_EVAL_FILE >> 20);
	else if (len >= 4 && !memcmp(buf, "PK\x03\x04", 4))
		read_zip(out, name, buf, len);
	else
		read_text(out, name, buf, len);
}

void pc_eval_result_free(pc_eval_result *r)
{
	size_t i, j;
	for (i = 0; i < r->nmodels; i++) {
		for (j = 0; j < r->models[i].nmetrics; j++)
			free(r->models[i].metrics[j].name);
		free(r->models[i].metrics);
		free(r->models[i].id);
		free(r->models[i].raw);
	}
	free(r->models);
	free(r->date);
	for (i = 0; i < r->nproblems; i++)
		free(r->problems[i]);
	free(r->problems);
	memset(r, 0, sizeof(*r));
	r->day = -1;
}

/* `want` names `have` exactly, or without its filter (acc: acc,none). */
static bool same_metric(const char *want, const char *have)
{
	size_t n = strlen(want);
	return !strncmp(want, have, n) && (!have[n] || have[n] == ',');
}

bool pc_eval_metric_matches(const char *want, const char *have)
{
	const char *slash = strrchr(have, '/');
	return same_metric(want, have) || (slash && same_metric(want, slash + 1));
}
