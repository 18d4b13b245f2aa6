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

/* The fingerprint of a finding, as 16 hex digits. */
static void fingerprint(const pc_finding *x, char out[17])
{
	uint64_t h = 0xcbf29ce484222325ULL;
	pc_buf line = PC_BUF_INIT;
	const char *p;
	bool space = false;

	/* The source line with whitespace collapsed: reindenting is no change. */
	for (p = x->source ? x->source : x->message; p && *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\r') {
			space = line.len > 0;
			continue;
		}
		if (space)
			pc_buf_putc(&line, ' ');
		space = false;
		pc_buf_putc(&line, *p);
	}
	h = fnv(h, pc_kind_name(x->kind));
	h = fnv(h, x->rule);
	h = fnv(h, x->path);
	h = fnv(h, x->model);
	h = fnv(h, line.ptr);
	pc_buf_free(&line);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

int pc_baseline_load(pc_baseline *b, const char *path)
{
	pc_buf text = PC_BUF_INIT;
	pc_doc *doc = NULL;
	const pc_node *list;
	size_t i;
	int err;

	if ((err = pc_buf_read_file(&text, path, PC_MAX_BASELINE)) < 0 ||
	    (err = pc_doc_parse(&doc, path, text.ptr ? text.ptr : "", text.len)) < 0)
		goto out;
	if (!doc->root || doc->root->type != PC_NODE_MAP ||
	    !(list = pc_map_get(doc->root, "fingerprints")) || list->type != PC_NODE_SEQ) {
		err = pc_doc_error(doc, doc->root, "not a pincheck baseline (expected {\"version\": 1, \"fingerprints\": [...]})");
		goto out;
	}
	for (i = 0; i < list->n; i++) {
		const pc_node *n = list->items[i];
		if (n->type != PC_NODE_SCALAR || n->len != 16 || strspn(n->value, "0123456789abcdef") != 16) {
			err = pc_doc_error(doc, n, "a fingerprint is 16 lower-case hex digits");
			goto out;
		}
		PC_GROW(b->fp, b->alloc, b->n + 1);
		memcpy(b->fp[b->n++], n->value, 17);
	}
	b->used = pc_calloc(b->n + 1, 1);
out:
	pc_doc_free(doc);
	pc_buf_free(&text);
	return err;
}

static int cmp_fp(const void *a, const void *b)
{
	return strcmp(a, b);
}

int pc_baseline_write(const pc_findings *f, const char *path)
{
	char (*fps)[17] = pc_calloc(f->n + 1, sizeof(*fps));
	size_t i, n = 0;
	pc_buf out = PC_BUF_INIT, tmp = PC_BUF_INIT;
	FILE *fp;
	int err = 0;

	for (i = 0; i < f->n; i++)
		if (!f->items[i].suppressed)
			fingerprint(&f->items[i], fps[n++]);
	/* sorted, so the file diffs well when the baseline is refreshed */
	if (n > 1)
		qsort(fps, n, sizeof(*fps), cmp_fp);
	pc_buf_puts(&out, "{\"version\": 1, \"fingerprints\": [");
	for (i = 0; i < n; i++)
		pc_buf_printf(&out, "%s\n  \"%s\"", i ? "," : "", fps[i]);
	pc_buf_puts(&out, n ? "\n]}\n" : "]}\n");
	pc_buf_printf(&tmp, "%s.tmp", path);
	if (!(fp = fopen(tmp.ptr, "wb")) || fwrite(out.ptr, 1, out.len, fp) != out.len ||
	    fclose(fp) != 0 || rename(tmp.ptr, path) < 0) {
		err = pc_error_set(PC_ERUNTIME, "%s: cannot write the baseline: %s", path, strerror(errno));
		remove(tmp.ptr);
	}
	pc_buf_free(&out);
	pc_buf_free(&tmp);
	free(fps);
	return err;
}

void pc_baseline_apply(pc_baseline *b, pc_findings *f)
{
	size_t i, j, keep = 0;
	for (i = 0; i < f->n; i++) {
		pc_finding *x = &f->items[i];
		char fp[17];
		bool known = false;
		fingerprint(x, fp);
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
