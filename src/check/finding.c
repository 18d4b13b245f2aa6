/*
 * finding.c: the list of findings that checks fill and reporters print.
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"
#include "pincheck/finding.h"

pc_finding *pc_findings_add(pc_findings *f)
{
	pc_finding *x;
	PC_GROW(f->items, f->alloc, f->n + 1);
	x = &f->items[f->n++];
	memset(x, 0, sizeof(*x));
	return x;
}

size_t pc_findings_count(const pc_findings *f, pc_severity sev)
{
	size_t i, n = 0;
	for (i = 0; i < f->n; i++)
		if (!f->items[i].suppressed && f->items[i].severity == sev)
			n++;
	return n;
}

size_t pc_findings_suppressed(const pc_findings *f)
{
	size_t i, n = 0;
	for (i = 0; i < f->n; i++)
		n += f->items[i].suppressed;
	return n;
}

void pc_findings_free(pc_findings *f)
{
	size_t i;
	for (i = 0; i < f->n; i++)
		pc_findings_item_free(&f->items[i]);
	free(f->items);
	memset(f, 0, sizeof(*f));
}

void pc_findings_item_free(pc_finding *x)
{
	free(x->rule);
	free(x->provider);
	free(x->model);
	free(x->suggest);
	free(x->path);
	free(x->commit);
	free(x->subject);
	free(x->ref);
	free(x->message);
	free(x->source);
}
