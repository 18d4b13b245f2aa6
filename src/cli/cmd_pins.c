/*
 * cmd_pins.c: `pincheck pins [--rev REV] [--include-prose] [PATH...]`: the
 * inventory of model ids in use, each with provider, class, count and
 * locations (SPEC section 3 for the JSON).
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/scan.h"
#include "cli.h"

typedef struct {
	char *path;
	size_t line, col;
	bool prose;
} location;

typedef struct {
	char *model;
	const pc_rule *rule;
	location *locs;
	size_t n, alloc;
} entry;

typedef struct {
	pc_check *c;
	bool prose;
	entry *e;
	size_t n, alloc;
} inventory;

static int hit_cb(const pc_hit *h, void *payload)
{
	inventory *inv = payload;
	size_t len = h->ref->end - h->ref->start, i;
	const char *text = h->text + h->ref->start;
	entry *e = NULL;
	location *l;
	for (i = 0; i < inv->n; i++) {
		if (strlen(inv->e[i].model) == len && !memcmp(inv->e[i].model, text, len) &&
		    inv->e[i].rule == h->ref->rule) {
			e = &inv->e[i];
			break;
		}
	}
	if (!e) {
		PC_GROW(inv->e, inv->alloc, inv->n + 1);
		e = &inv->e[inv->n++];
		memset(e, 0, sizeof(*e));
		e->model = pc_strndup(text, len);
		e->rule = h->ref->rule;
	}
	PC_GROW(e->locs, e->alloc, e->n + 1);
	l = &e->locs[e->n++];
	l->path = pc_strdup(h->path);
	l->line = h->line;
	l->col = h->col;
	l->prose = h->prose;
	return 0;
}

static int file_cb(const pc_file *f, void *payload)
{
	inventory *inv = payload;
	if (f->too_large) {
		inv->c->out->large_skipped++;
		return 0;
	}
	if (pc_is_binary(f->data, f->len)) {
		inv->c->out->binary_skipped++;
		return 0;
	}
	inv->c->out->files++;
	return pc_scan_buffer(inv->c->m, f->path, f->data, f->len, NULL, 0, inv->prose, hit_cb, inv);
}

static bool want_cb(const char *path, void *payload)
{
	inventory *inv = payload;
	return pc_check_want(inv->c, path);
}

static int cmp_entry(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	int d = strcmp(x->rule->provider, y->rule->provider);
	return d ? d : strcmp(x->model, y->model);
}

static void print(pc_cli *cli, const inventory *inv)
{
	pc_buf b = PC_BUF_INIT;
	size_t i, j;
	if (cli->report.format == PC_FORMAT_JSON) {
		/* One model per line, so line tools can read it too. */
		pc_buf_puts(&b, "{\"version\": 1, \"models\": [");
		for (i = 0; i < inv->n; i++) {
			const entry *e = &inv->e[i];
			pc_buf_puts(&b, i ? ",\n  " : "\n  ");
			pc_buf_puts(&b, "{\"model\": ");
			pc_buf_put_json(&b, e->model, strlen(e->model));
			pc_buf_puts(&b, ", \"provider\": ");
			pc_buf_put_json(&b, e->rule->provider, strlen(e->rule->provider));
			pc_buf_printf(&b, ", \"class\": \"%s\", \"rule\": ", pc_class_name(e->rule->cls));
			pc_buf_put_json(&b, e->rule->id, strlen(e->rule->id));
			pc_buf_printf(&b, ", \"count\": %zu, \"locations\": [", e->n);
			for (j = 0; j < e->n; j++) {
				pc_buf_puts(&b, j ? ", {\"path\": " : "{\"path\": ");
				pc_buf_put_json(&b, e->locs[j].path, strlen(e->locs[j].path));
				pc_buf_printf(&b, ", \"line\": %zu, \"column\": %zu, \"prose\": %s}",
					      e->locs[j].line, e->locs[j].col,
					      e->locs[j].prose ? "true" : "false");
			}
			pc_buf_puts(&b, "]}");
		}
		pc_buf_puts(&b, inv->n ? "\n]}\n" : "]}\n");
	} else if (cli->report.format == PC_FORMAT_CSV || cli->report.format == PC_FORMAT_MARKDOWN) {
		bool csv = cli->report.format == PC_FORMAT_CSV;
		pc_buf_puts(&b, csv ? "model,provider,class,rule,count,locations\n"
				    : "| model | provider | class | rule | count | locations |\n"
				      "|---|---|---|---|---|---|\n");
		for (i = 0; i < inv->n; i++) {
			const entry *e = &inv->e[i];
			pc_buf locs = PC_BUF_INIT;
			char count[32];
			const char *cells[6];
			size_t k;
			for (j = 0; j < e->n; j++)
				pc_buf_printf(&locs, "%s%s:%zu:%zu", j ? " " : "", e->locs[j].path,
					      e->locs[j].line, e->locs[j].col);
			snprintf(count, sizeof(count), "%zu", e->n);
			cells[0] = e->model, cells[1] = e->rule->provider;
			cells[2] = pc_class_name(e->rule->cls), cells[3] = e->rule->id;
			cells[4] = count, cells[5] = locs.ptr ? locs.ptr : "";
			for (k = 0; k < 6; k++) {
				if (csv) {
					if (k)
						pc_buf_putc(&b, ',');
					pc_report_csv_field(&b, cells[k]);
				} else {
					pc_buf_puts(&b, "| ");
					pc_report_md_cell(&b, cells[k]);
					pc_buf_putc(&b, ' ');
				}
			}
			pc_buf_puts(&b, csv ? "\n" : "|\n");
			pc_buf_free(&locs);
		}
	} else if (cli->report.format != PC_FORMAT_TEXT) {
		fprintf(stderr, "pincheck: pins prints text, json, csv or markdown; using text\n");
		cli->report.format = PC_FORMAT_TEXT;
		pc_buf_free(&b);
		print(cli, inv);
		return;
	} else {
		for (i = 0; i < inv->n; i++) {
			const entry *e = &inv->e[i];
			pc_buf_printf(&b, "%-40s %-11s %-12s %zu\n", e->model, pc_class_name(e->rule->cls),
				      e->rule->provider, e->n);
			for (j = 0; cli->verbose && j < e->n; j++) {
				pc_buf_puts(&b, "    ");
				pc_report_quote_path(&b, e->locs[j].path);
				pc_buf_printf(&b, ":%zu:%zu%s\n", e->locs[j].line, e->locs[j].col,
					      e->locs[j].prose ? " (prose)" : "");
			}
		}
		pc_buf_printf(&b, "pincheck: %zu model id%s in %zu file%s\n", inv->n,
			      inv->n == 1 ? "" : "s", inv->c->out->files,
			      inv->c->out->files == 1 ? "" : "s");
	}
	fwrite(b.ptr, 1, b.len, stdout);
	pc_buf_free(&b);
}

int cmd_pins(pc_cli *cli, int argc, char **argv)
{
	const char *rev = NULL;
	size_t i, j;
	pc_findings f = PC_FINDINGS_INIT;
	pc_check c;
	inventory inv;
	pc_visitor v;
	char today[11];
	int argi, err;

	memset(&inv, 0, sizeof(inv));
	for (argi = 1; argi < argc; argi++) {
		if (!strcmp(argv[argi], "--rev") && argi + 1 < argc)
			rev = argv[++argi];
		else if (!strcmp(argv[argi], "--include-prose"))
			inv.prose = true;
		else if (argv[argi][0] == '-')
			return cli_usage("pins: unknown option or missing value '%s'", argv[argi]);
		else
			break;
	}
	if ((err = cli_setup(cli, rev != NULL)) < 0)
		return cli_fail(err);
	if ((err = cli_check_init(cli, &c, &f, today)) >= 0) {
		inv.c = &c;
		v.want = want_cb;
		v.file = file_cb;
		v.payload = &inv;
		err = cli_walk(cli, &c, rev, false, argv + argi, argc - argi, &v);
	}
	if (err >= 0) {
		if (inv.n > 1)
			qsort(inv.e, inv.n, sizeof(*inv.e), cmp_entry);
		print(cli, &inv);
	}
	for (i = 0; i < inv.n; i++) {
		for (j = 0; j < inv.e[i].n; j++)
			free(inv.e[i].locs[j].path);
		free(inv.e[i].locs);
		free(inv.e[i].model);
	}
	free(inv.e);
	pc_matcher_free(c.m);
	pc_findings_free(&f);
	return err < 0 ? cli_fail(err) : EXIT_CLEAN;
}
