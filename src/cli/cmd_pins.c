/*
 * cmd_pins.c: two views of the inventory of model ids in use. `pincheck
 * pins [--rev REV] [--include-prose] [PATH...]`: each id with provider,
 * class, count and locations (SPEC section 3). `pincheck drill [--rev REV]`:
 * the migration-drill report for each pinned id (SPEC section 6): snapshot
 * date and age, deprecation and retirement, the newest passing eval result
 * under eval.dir, and when the next drill is due.
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/doc.h"
#include "pincheck/evalref.h"
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

/* The newest passing eval result seen for a model (drill). */
typedef struct {
	char *model;
	char *path;
	long day;
} last_eval;

typedef struct {
	pc_check *c;
	bool prose;
	bool evals;       /* drill: read eval results under eval.dir */
	entry *e;
	size_t n, alloc;
	last_eval *ev;
	size_t nev, aev;
} inventory;

/* One reference (an every_ref finding) into the inventory. */
static void add_ref(inventory *inv, const pc_finding *x)
{
	const pc_rule *rule = pc_ruleset_find(inv->c->rs, x->rule);
	entry *e = NULL;
	location *l;
	size_t i;
	for (i = 0; i < inv->n; i++) {
		if (inv->e[i].rule == rule && !strcmp(inv->e[i].model, x->model)) {
			e = &inv->e[i];
			break;
		}
	}
	if (!e) {
		PC_GROW(inv->e, inv->alloc, inv->n + 1);
		e = &inv->e[inv->n++];
		memset(e, 0, sizeof(*e));
		e->model = pc_strdup(x->model);
		e->rule = rule;
	}
	PC_GROW(e->locs, e->alloc, e->n + 1);
	l = &e->locs[e->n++];
	l->path = pc_strdup(x->path);
	l->line = x->line;
	l->col = x->col;
	l->prose = x->prose;
}

static void note_eval(inventory *inv, const char *model, const char *path, long day)
{
	size_t i;
	for (i = 0; i < inv->nev; i++) {
		if (!strcmp(inv->ev[i].model, model)) {
			if (day > inv->ev[i].day) {
				free(inv->ev[i].path);
				inv->ev[i].path = pc_strdup(path);
				inv->ev[i].day = day;
			}
			return;
		}
	}
	PC_GROW(inv->ev, inv->aev, inv->nev + 1);
	inv->ev[inv->nev].model = pc_strdup(model);
	inv->ev[inv->nev].path = pc_strdup(path);
	inv->ev[inv->nev++].day = day;
}

/* An eval result under eval.dir: a passing one dates its models' drill.
 * A file that is not one is skipped here (the eval gate judges links). */
static void read_eval(inventory *inv, const pc_file *f)
{
	pc_doc *doc = NULL;
	const pc_node *root, *v;
	long day;
	size_t i;
	if (pc_doc_parse(&doc, f->path, f->data, f->len) < 0) {
		pc_error_clear();
		return;
	}
	root = doc->root;
	if (root && root->type == PC_NODE_MAP && (v = pc_map_get(root, "status")) &&
	    v->type == PC_NODE_SCALAR && !strcmp(v->value, "pass") &&
	    (v = pc_map_get(root, "date")) && v->type == PC_NODE_SCALAR &&
	    (day = pc_days_from_date(v->value)) >= 0) {
		if ((v = pc_map_get(root, "model")) && v->type == PC_NODE_SCALAR)
			note_eval(inv, v->value, f->path, day);
		if ((v = pc_map_get(root, "models")) && v->type == PC_NODE_SEQ)
			for (i = 0; i < v->n; i++)
				if (v->items[i]->type == PC_NODE_SCALAR)
					note_eval(inv, v->items[i]->value, f->path, day);
	}
	pc_doc_free(doc);
}

static int eval_file_cb(const pc_file *f, void *payload)
{
	if (f->data && !pc_is_binary(f->data, f->len))
		read_eval(payload, f);
	return 0;
}

static bool eval_want_cb(const char *path, void *payload)
{
	inventory *inv = payload;
	return pc_in_eval_dir(inv->c, path) && pc_check_want(inv->c, path);
}

/*
 * Fill the inventory from what `rev` / the PATHs name: every reference, on
 * -j threads (cli_scan), then for a drill the eval results under eval.dir,
 * which name models as records of a test, not as use.
 */
static int inventory_walk(pc_cli *cli, inventory *inv, pc_check *c, const char *rev, char **args,
			  int nargs)
{
	size_t i;
	int err;
	inv->c = c;
	c->every_ref = true;
	c->want_prose = inv->prose;
	c->skip_eval_dir = inv->evals;
	if ((err = cli_scan(cli, c, rev, false, args, nargs)) < 0)
		return err;
	for (i = 0; i < c->out->n; i++)
		add_ref(inv, &c->out->items[i]);
	if (inv->evals) {
		pc_visitor v = { eval_want_cb, eval_file_cb, inv, c->max_size, false };
		err = cli_walk(cli, c, rev, false, args, nargs, &v);
	}
	return err;
}

static void inventory_free(inventory *inv)
{
	size_t i, j;
	for (i = 0; i < inv->n; i++) {
		for (j = 0; j < inv->e[i].n; j++)
			free(inv->e[i].locs[j].path);
		free(inv->e[i].locs);
		free(inv->e[i].model);
	}
	free(inv->e);
	for (i = 0; i < inv->nev; i++) {
		free(inv->ev[i].model);
		free(inv->ev[i].path);
	}
	free(inv->ev);
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
	pc_findings f = PC_FINDINGS_INIT;
	pc_check c;
	inventory inv;
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
	if ((err = cli_check_init(cli, &c, &f, today)) >= 0)
		err = inventory_walk(cli, &inv, &c, rev, argv + argi, argc - argi);
	if (err >= 0) {
		if (inv.n > 1)
			qsort(inv.e, inv.n, sizeof(*inv.e), cmp_entry);
		print(cli, &inv);
	}
	inventory_free(&inv);
	pc_matcher_free(c.m);
	pc_findings_free(&f);
	return err < 0 ? cli_fail(err) : EXIT_CLEAN;
}

/* The snapshot date an id carries, by its provider's convention; "" if none
 * (an -MMDD id names no year). */
static void snapshot_date(const char *model, const char *provider, char out[11])
{
	size_t n = strlen(model), i;
	out[0] = '\0';
	for (i = 0; i + 10 <= n; i++) {
		const char *p = model + i;
		char d[11];
		if (p[4] == '-' && p[7] == '-' && (p[0] == '1' || p[0] == '2')) {
			memcpy(d, p, 10);
			d[10] = '\0';
			if (pc_days_from_date(d) >= 0) {
				memcpy(out, d, 11);
				return;
			}
		}
	}
	for (i = 0; i + 8 <= n; i++) { /* Anthropic: YYYYMMDD */
		const char *p = model + i;
		char d[11];
		if (strspn(p, "0123456789") < 8 || (i && model[i - 1] >= '0' && model[i - 1] <= '9') ||
		    p[0] != '2')
			continue;
		snprintf(d, sizeof(d), "%.4s-%.2s-%.2s", p, p + 4, p + 6);
		if (pc_days_from_date(d) >= 0) {
			memcpy(out, d, 11);
			return;
		}
	}
	if (!strcmp(provider, "mistral") && n > 5 && model[n - 5] == '-' &&
	    strspn(model + n - 4, "0123456789") == 4) { /* -YYMM */
		char d[11];
		snprintf(d, sizeof(d), "20%.2s-%.2s-01", model + n - 4, model + n - 2);
		if (pc_days_from_date(d) >= 0)
			memcpy(out, d, 11);
	}
}

/* One row of the drill report. */
typedef struct {
	const entry *e;
	const pc_model *life;
	const last_eval *ev;
	char snap[11], age[24], evdate[11], next[11];
	const char *status;
} drill_row;

static void drill_json(pc_buf *b, const char *today, const drill_row *rows, size_t n, size_t bad)
{
	size_t i;
	pc_buf_printf(b, "{\"version\": 1, \"today\": \"%s\", \"models\": [", today);
	for (i = 0; i < n; i++) {
		const drill_row *r = &rows[i];
		pc_buf_puts(b, i ? ",\n  {\"model\": " : "\n  {\"model\": ");
		pc_buf_put_json(b, r->e->model, strlen(r->e->model));
		pc_buf_puts(b, ", \"provider\": ");
		pc_buf_put_json(b, r->e->rule->provider, strlen(r->e->rule->provider));
		pc_buf_puts(b, ", \"snapshot_date\": ");
		pc_buf_put_json_or_null(b, *r->snap ? r->snap : NULL);
		pc_buf_printf(b, ", \"age_days\": %s", *r->age ? r->age : "null");
		pc_buf_puts(b, ", \"deprecated\": ");
		pc_buf_put_json_or_null(b, r->life ? r->life->deprecated : NULL);
		pc_buf_puts(b, ", \"retires\": ");
		pc_buf_put_json_or_null(b, r->life ? r->life->retires : NULL);
		pc_buf_puts(b, ", \"replacement\": ");
		pc_buf_put_json_or_null(b, r->life ? r->life->replacement : NULL);
		pc_buf_puts(b, ", \"last_eval\": ");
		if (r->ev) {
			pc_buf_puts(b, "{\"path\": ");
			pc_buf_put_json(b, r->ev->path, strlen(r->ev->path));
			pc_buf_printf(b, ", \"date\": \"%s\"}", r->evdate);
		} else {
			pc_buf_puts(b, "null");
		}
		pc_buf_printf(b, ", \"next_drill\": \"%s\", \"status\": \"%s\", \"count\": %zu}",
			      r->ev ? r->next : today, r->status, r->e->n);
	}
	pc_buf_printf(b, "%s], \"summary\": {\"models\": %zu, \"needs_attention\": %zu}}\n",
		      n ? "\n" : "", n, bad);
}

/* Text, CSV and Markdown: one table. Text keeps its column titles, "-" for
 * an unknown date and "now" for a drill due today; CSV and Markdown have
 * the fields and values of the JSON (an unknown value is an empty cell). */
static void drill_table(pc_buf *b, pc_format fmt, const char *today, const drill_row *rows,
			size_t n)
{
	static const char *const titles[] = { "MODEL", "PROVIDER", "SNAPSHOT", "AGE",
					       "DEPRECATED", "RETIRES", "LAST EVAL", "NEXT DRILL",
					       "STATUS" };
	static const char *const names[] = { "model", "provider", "snapshot_date", "age_days",
					      "deprecated", "retires", "replacement", "last_eval",
					      "last_eval_path", "next_drill", "status", "count" };
	bool text = fmt == PC_FORMAT_TEXT;
	size_t ncols = text ? sizeof(titles) / sizeof(titles[0]) : sizeof(names) / sizeof(names[0]);
	const char **cells = pc_calloc((n + 1) * ncols, sizeof(*cells));
	char (*count)[24] = pc_calloc(n + 1, sizeof(*count));
	const char *none = text ? "-" : NULL;
	size_t i;

	memcpy(cells, text ? titles : names, ncols * sizeof(*cells));
	for (i = 0; i < n; i++) {
		const drill_row *r = &rows[i];
		const char **v = cells + (i + 1) * ncols, *dep = r->life ? r->life->deprecated : NULL;
		const char *ret = r->life ? r->life->retires : NULL;
		v[0] = r->e->model, v[1] = r->e->rule->provider;
		v[2] = *r->snap ? r->snap : none, v[3] = r->age;
		v[4] = dep ? dep : none, v[5] = ret ? ret : none;
		if (text) {
			v[6] = r->ev ? r->evdate : none, v[7] = r->next, v[8] = r->status;
			continue;
		}
		snprintf(count[i], sizeof(count[i]), "%zu", r->e->n);
		v[6] = r->life ? r->life->replacement : NULL;
		v[7] = r->ev ? r->evdate : NULL, v[8] = r->ev ? r->ev->path : NULL;
		v[9] = r->ev ? r->next : today, v[10] = r->status, v[11] = count[i];
	}
	pc_report_cells(b, fmt, cells, ncols, n + 1, text ? 1u << 3 : 0);
	free(cells);
	free(count);
}

int cmd_drill(pc_cli *cli, int argc, char **argv)
{
	const char *rev = NULL;
	pc_findings f = PC_FINDINGS_INIT;
	pc_check c;
	inventory inv;
	pc_buf b = PC_BUF_INIT;
	pc_format fmt = cli->report.format;
	drill_row *rows = NULL;
	char today[11];
	long now;
	size_t i, j, shown = 0, bad = 0;
	int argi, err;

	memset(&inv, 0, sizeof(inv));
	inv.evals = true;
	for (argi = 1; argi < argc; argi++) {
		if (!strcmp(argv[argi], "--rev") && argi + 1 < argc)
			rev = argv[++argi];
		else
			return cli_usage("drill: unknown argument '%s'", argv[argi]);
	}
	/* A drill is a table of models, not findings in files: no SARIF result
	 * or workflow annotation has a place for it. */
	if (fmt != PC_FORMAT_TEXT && fmt != PC_FORMAT_JSON && fmt != PC_FORMAT_CSV &&
	    fmt != PC_FORMAT_MARKDOWN)
		return cli_usage("drill: --format %s is not supported; use text, json, csv or markdown",
				 pc_format_name(fmt));
	if ((err = cli_setup(cli, rev != NULL)) < 0)
		return cli_fail(err);
	if ((err = cli_check_init(cli, &c, &f, today)) >= 0)
		err = inventory_walk(cli, &inv, &c, rev, NULL, 0);
	now = pc_days_from_date(today);
	if (err >= 0 && inv.n > 1)
		qsort(inv.e, inv.n, sizeof(*inv.e), cmp_entry);
	rows = pc_calloc(inv.n + 1, sizeof(*rows));
	for (i = 0; err >= 0 && i < inv.n; i++) {
		const entry *e = &inv.e[i];
		drill_row *r = &rows[shown];
		const char *slash;
		long age = -1, retires = -1, due;

		if (e->rule->cls != PC_CLASS_PINNED)
			continue;
		for (j = 0; j < e->n && e->locs[j].prose; j++)
			;
		if (j == e->n)
			continue; /* only mentioned in prose: not in use */
		r->e = e;
		r->life = pc_ruleset_model(cli->rs, e->model);
		if (!r->life && (slash = strrchr(e->model, '/')))
			r->life = pc_ruleset_model(cli->rs, slash + 1);
		snapshot_date(e->model, e->rule->provider, r->snap);
		if (*r->snap) {
			age = now - pc_days_from_date(r->snap);
			snprintf(r->age, sizeof(r->age), "%ld", age);
		}
		for (j = 0; j < inv.nev; j++) {
			const char *m = inv.ev[j].model;
			slash = strrchr(e->model, '/');
			if (!strcmp(m, e->model) || (slash && !strcmp(m, slash + 1)))
				r->ev = &inv.ev[j];
		}
		due = r->ev ? r->ev->day + cli->cfg.drill_every_days : now;
		strcpy(r->next, "now");
		if (r->ev) {
			pc_date_from_days(r->ev->day, r->evdate);
			pc_date_from_days(due, r->next);
		}
		if (r->life && r->life->retires)
			retires = pc_days_from_date(r->life->retires);
		if (retires >= 0 && retires <= now)
			r->status = "retired";
		else if (retires >= 0 && retires - now <= cli->cfg.drill_warn_days)
			r->status = "retiring";
		else if (!r->ev)
			r->status = "no-eval";
		else if (due < now)
			r->status = "overdue";
		else
			r->status = "ok";
		bad += strcmp(r->status, "ok") != 0;
		shown++;
	}
	if (fmt == PC_FORMAT_JSON)
		drill_json(&b, today, rows, shown, bad);
	else
		drill_table(&b, fmt, today, rows, shown);
	if (fmt == PC_FORMAT_TEXT)
		pc_buf_printf(&b, "pincheck: %zu pinned model%s; %zu need%s attention "
			      "(retired, retiring within %ld days, or drill overdue)\n",
			      shown, shown == 1 ? "" : "s", bad, bad == 1 ? "s" : "", cli->cfg.drill_warn_days);
	if (err >= 0)
		fwrite(b.ptr, 1, b.len, stdout);
	pc_buf_free(&b);
	free(rows);
	inventory_free(&inv);
	pc_matcher_free(c.m);
	pc_findings_free(&f);
	if (err < 0)
		return cli_fail(err);
	return bad ? EXIT_FINDINGS : EXIT_CLEAN;
}
