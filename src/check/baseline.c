/*
 * baseline.c: baseline files and finding fingerprints (see baseline.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/limits.h"
#include "pincheck/baseline.h"
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/doc.h"

static uint64_t fnv(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff; /* field separator: "ab","c" differs from "a","bc" */
	h *= 0x100000001b3ULL;
	return h;
}

/* The line's text as it is fingerprinted and written: runs of blanks
 * collapsed to one space, both ends trimmed (reindenting is no change). */
static void collapse(pc_buf *out, const char *s)
{
	bool space = false;
	for (; s && *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r') {
			space = out->len > 0;
			continue;
		}
		if (space)
			pc_buf_putc(out, ' ');
		space = false;
		pc_buf_putc(out, *s);
	}
}

/* The fingerprint of what a finding is; `text` is collapsed already. */
static void fingerprint_of(const char *kind, const char *rule, const char *path,
			   const char *model, const char *text, char out[17])
{
	uint64_t h = 0xcbf29ce484222325ULL;
	h = fnv(h, kind);
	h = fnv(h, rule);
	h = fnv(h, path);
	h = fnv(h, model);
	h = fnv(h, text);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

void pc_fingerprint(const pc_finding *x, char out[17])
{
	pc_buf line = PC_BUF_INIT;
	collapse(&line, x->source ? x->source : x->message);
	fingerprint_of(pc_kind_name(x->kind), x->rule, x->path, x->model, line.ptr, out);
	pc_buf_free(&line);
}

static bool is_fingerprint(const pc_node *n)
{
	return n->type == PC_NODE_SCALAR && n->len == 16 &&
	       strspn(n->value, "0123456789abcdef") == 16;
}

static void add_fp(pc_baseline *b, const char *fp)
{
	PC_GROW(b->fp, b->alloc, b->n + 1);
	memcpy(b->fp[b->n++], fp, 17);
}

/* A malformed file: where, what, and how to get a good one back. */
#define BAD(doc, node, what) \
	pc_doc_error(doc, node, "%s; regenerate it with `pincheck baseline create %s`", what, \
		     (doc)->name)

/* Version 1: {"version": 1, "fingerprints": ["0123456789abcdef", ...]}. */
static int load_v1(pc_baseline *b, const pc_doc *doc, const pc_node *list)
{
	size_t i;
	for (i = 0; i < list->n; i++) {
		if (!is_fingerprint(list->items[i]))
			return BAD(doc, list->items[i], "a fingerprint is 16 lower-case hex digits");
		add_fp(b, list->items[i]->value);
	}
	return 0;
}

/* One entry of version 2: what the finding is, beside its fingerprint,
 * which must be that of the entry's fields, so that what a reviewer reads
 * is what is exempted. */
static int load_entry(pc_baseline *b, const pc_doc *doc, const pc_node *e)
{
	static const char *const keys[] = { "path", "rule", "model", "kind", "text",
					    "fingerprint", NULL };
	const char *v[6];
	char fp[17];
	size_t k;
	int err;
	if (e->type != PC_NODE_MAP)
		return BAD(doc, e, "an entry is a mapping of path, rule, model, kind, text "
			   "and fingerprint");
	if ((err = pc_doc_check_keys(doc, e, "a baseline entry", keys)) < 0)
		return err;
	for (k = 0; k < 6; k++) {
		const pc_node *n = pc_map_get(e, keys[k]);
		if (!n)
			return BAD(doc, e, "an entry has no fingerprint, path, rule, model, kind or text");
		if ((err = pc_doc_scalar(&v[k], doc, n, keys[k])) < 0)
			return err;
	}
	if (!is_fingerprint(pc_map_get(e, "fingerprint")))
		return BAD(doc, pc_map_get(e, "fingerprint"),
			   "a fingerprint is 16 lower-case hex digits");
	/* A line with bytes JSON cannot carry (control characters, invalid
	 * UTF-8) is written with them made visible (\xHH): its fingerprint
	 * alone says what it was. Every other entry must agree with it. */
	fingerprint_of(v[3], v[1], v[0], v[2], v[4], fp);
	if (strcmp(fp, v[5]) && !strstr(v[4], "\\x"))
		return BAD(doc, e, "this entry's fingerprint is not that of its path, rule, model, "
			   "kind and text (edited by hand?)");
	add_fp(b, v[5]);
	return 0;
}

static bool is_version(const pc_node *n, const char *v)
{
	return n && n->type == PC_NODE_SCALAR && !strcmp(n->value, v);
}

int pc_baseline_parse(pc_baseline *b, const char *name, const char *buf, size_t len)
{
	pc_doc *doc = NULL;
	const pc_node *root, *version, *list;
	size_t i;
	int err;

	if ((err = pc_doc_parse(&doc, name, buf, len)) < 0)
		goto out;
	root = doc->root && doc->root->type == PC_NODE_MAP ? doc->root : NULL;
	version = root ? pc_map_get(root, "version") : NULL;
	if (root && (!version || is_version(version, "1")) &&
	    (list = pc_map_get(root, "fingerprints")) && list->type == PC_NODE_SEQ) {
		err = load_v1(b, doc, list);
	} else if (root && is_version(version, "2") &&
		   (list = pc_map_get(root, "findings")) && list->type == PC_NODE_SEQ) {
		for (i = 0; i < list->n && err >= 0; i++)
			err = load_entry(b, doc, list->items[i]);
	} else {
		err = BAD(doc, doc->root, "not a pincheck baseline (expected {\"version\": 2, "
			  "\"findings\": [...]}, or version 1 with \"fingerprints\")");
	}
	if (err >= 0) {
		free(b->used); /* loaded before: the marks cover every entry again */
		b->used = pc_calloc(b->n + 1, 1);
	}
out:
	if (err < 0) { /* nothing half-loaded is ever applied */
		free(b->fp);
		free(b->used);
		memset(b, 0, sizeof(*b));
	}
	pc_doc_free(doc);
	return err;
}

int pc_baseline_load(pc_baseline *b, const char *path)
{
	pc_buf text = PC_BUF_INIT;
	int err = pc_buf_read_file(&text, path, PC_MAX_BASELINE);
	if (err >= 0)
		err = pc_baseline_parse(b, path, text.ptr ? text.ptr : "", text.len);
	pc_buf_free(&text);
	return err;
}

/* An entry of the file as written: what a reviewer reads. */
typedef struct {
	const char *path, *rule, *model, *kind;
	char *text;
	char fp[17];
} entry;

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* By path, rule, model, text: a refreshed baseline diffs well. */
static int cmp_entry(const void *pa, const void *pb)
{
	const entry *a = pa, *b = pb;
	int c;
	if ((c = cmp_str(a->path, b->path)) || (c = cmp_str(a->rule, b->rule)) ||
	    (c = cmp_str(a->model, b->model)) || (c = cmp_str(a->kind, b->kind)) ||
	    (c = cmp_str(a->text, b->text)))
		return c;
	return strcmp(a->fp, b->fp);
}

static void put_field(pc_buf *out, const char *key, const char *value, bool first)
{
	pc_buf_printf(out, "%s\"%s\": ", first ? "{" : ", ", key);
	pc_buf_put_json(out, value ? value : "", value ? strlen(value) : 0);
}

static void put_entries(pc_buf *out, const entry *e, size_t n)
{
	size_t i;
	pc_buf_puts(out, "{\"version\": 2, \"findings\": [");
	for (i = 0; i < n; i++) {
		pc_buf_puts(out, i ? ",\n  " : "\n  ");
		put_field(out, "path", e[i].path, true);
		put_field(out, "rule", e[i].rule, false);
		put_field(out, "model", e[i].model, false);
		put_field(out, "kind", e[i].kind, false);
		put_field(out, "text", e[i].text, false);
		put_field(out, "fingerprint", e[i].fp, false);
		pc_buf_putc(out, '}');
	}
	pc_buf_puts(out, n ? "\n]}\n" : "]}\n");
}

int pc_baseline_write(const pc_findings *f, const char *path)
{
	entry *e = pc_calloc(f->n + 1, sizeof(*e));
	pc_buf out = PC_BUF_INIT;
	size_t i, n = 0;
	int err;

	for (i = 0; i < f->n; i++) {
		const pc_finding *x = &f->items[i];
		pc_buf line = PC_BUF_INIT, shown = PC_BUF_INIT;
		if (x->suppressed)
			continue;
		collapse(&line, x->source ? x->source : x->message);
		e[n].path = x->path, e[n].rule = x->rule, e[n].model = x->model;
		e[n].kind = pc_kind_name(x->kind);
		fingerprint_of(e[n].kind, e[n].rule, e[n].path, e[n].model, line.ptr, e[n].fp);
		pc_buf_put_visible(&shown, line.ptr ? line.ptr : "", line.len);
		e[n].text = shown.ptr ? pc_buf_detach(&shown) : pc_strdup("");
		pc_buf_free(&line);
		n++;
	}
	if (n > 1)
		qsort(e, n, sizeof(*e), cmp_entry);
	put_entries(&out, e, n);
	err = pc_buf_write_file(&out, path, "the baseline");
	for (i = 0; i < n; i++)
		free(e[i].text);
	free(e);
	pc_buf_free(&out);
	return err;
}

void pc_baseline_apply(pc_baseline *b, pc_findings *f)
{
	size_t i, j, keep = 0;
	for (i = 0; i < f->n; i++) {
		pc_finding *x = &f->items[i];
		char fp[17];
		bool known = false;
		pc_fingerprint(x, fp);
		for (j = 0; j < b->n && !known; j++) {
			if (!b->used[j] && !strcmp(b->fp[j], fp)) {
				b->used[j] = 1;
				known = true;
			}
		}
		if (known) {
			pc_findings_item_free(x);
			f->baselined++;
			continue;
		}
		f->items[keep++] = *x;
	}
	f->n = keep;
}

void pc_baseline_free(pc_baseline *b)
{
	free(b->fp);
	free(b->used);
	memset(b, 0, sizeof(*b));
}
