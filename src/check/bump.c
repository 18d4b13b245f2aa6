/*
 * bump.c: `pincheck bump OLD NEW` (bump.h). What may replace what is the
 * rule set's word: the rule that matches each id whole, its class and
 * provider, and the catalog's retirement date. The config's `approved`
 * list is edited as text, one insertion, so its comments and layout stay.
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/bump.h"
#include "pincheck/common.h"
#include "pincheck/match.h"
#include "pincheck/model.h"
#include "pincheck/verdict.h"

/* The rule that matches all of `id`, or NULL. */
static const pc_rule *rule_of(pc_matcher *m, const char *id)
{
	const pc_ref *refs;
	size_t len = strlen(id);
	int i, n = pc_match_line(m, id, len, &refs);
	for (i = 0; i < n; i++)
		if (refs[i].start == 0 && refs[i].end == len && refs[i].rule->cls != PC_CLASS_MASK)
			return refs[i].rule;
	return NULL;
}

static int check_rules(const pc_ruleset *rs, const pc_rule *o, const pc_rule *n, const char *old,
		       const char *new, const char *today)
{
	const pc_model *life = pc_ruleset_model(rs, new);
	if (!o)
		return pc_error_set(PC_EUSAGE, "bump: no rule knows %s as a model id", old);
	if (!n)
		return pc_error_set(PC_EUSAGE, "bump: no rule knows %s as a model id", new);
	if (n->cls != PC_CLASS_PINNED)
		return pc_error_set(PC_EUSAGE, "bump: %s is %s (rule %s), not a pinned snapshot",
				    new, n->cls == PC_CLASS_ALIAS ? "an alias" : "not pinned",
				    n->id);
	if (strcmp(o->provider, n->provider))
		return pc_error_set(PC_EUSAGE,
				    "bump: %s is a %s model and %s a %s one; a bump stays with "
				    "one provider", old, o->provider, new, n->provider);
	if (life && life->retires && strcmp(life->retires, today) <= 0)
		return pc_error_set(PC_EUSAGE, "bump: %s retired on %s%s%s", new, life->retires,
				    life->replacement ? "; its replacement is " : "",
				    life->replacement ? life->replacement : "");
	return 0;
}

int pc_bump_check_ids(const pc_ruleset *rs, const char *old, const char *new, const char *today)
{
	pc_matcher *m = NULL;
	const pc_rule *o, *n;
	int err;
	if (pc_model_same(old, new))
		return pc_error_set(PC_EUSAGE, "bump: %s and %s are the same model", old, new);
	if ((err = pc_matcher_new(&m, rs)) < 0)
		return err;
	o = rule_of(m, old);
	n = rule_of(m, new);
	err = check_rules(rs, o, n, old, new, today);
	pc_matcher_free(m);
	return err;
}

void pc_bump_collect(pc_fix_result *res, const pc_findings *f, const char *old, const char *new)
{
	size_t i;
	for (i = 0; i < f->n; i++) {
		const pc_finding *x = &f->items[i];
		pc_fix_item *it;
		if (x->suppressed || !x->path || !x->line || !x->model || x->role != PC_ROLE_CHOICE ||
		    !pc_model_same(x->model, old) || x->span != strlen(x->model))
			continue;
		it = pc_fix_add(res, x->path, x->line, x->col, x->model, x->span, NULL);
		it->finding = x;
		it->pin = pc_fix_pin_for(x->model, new);
	}
}

/* The byte offset of 1-based (line, col) in buf, or SIZE_MAX. */
static size_t offset_of(const char *buf, size_t len, size_t line, size_t col)
{
	size_t pos = 0;
	const char *nl;
	while (--line && (nl = memchr(buf + pos, '\n', len - pos)))
		pos = (size_t)(nl + 1 - buf);
	if (line || col < 1 || pos + col - 1 > len)
		return SIZE_MAX;
	return pos + col - 1;
}

/* The 1-based line and column of byte offset `off`. */
static void place_of(const char *buf, size_t off, size_t *line, size_t *col)
{
	size_t i, start = 0;
	*line = 1;
	for (i = 0; i < off; i++)
		if (buf[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	*col = off - start + 1;
}

static bool plain_safe(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("._/-", *s)))
			return false;
	return true;
}

/* `id` as the list writes its items: in the last item's quotes, else
 * plain when that is safe, else double-quoted. */
static void put_item(pc_buf *b, const char *id, char quote)
{
	const char *s;
	if (!quote && plain_safe(id)) {
		pc_buf_puts(b, id);
		return;
	}
	if (quote != '\'')
		quote = '"';
	pc_buf_putc(b, quote);
	for (s = id; *s; s++) {
		if (quote == '\'' && *s == '\'')
			pc_buf_putc(b, '\'');
		else if (quote == '"' && (*s == '"' || *s == '\\'))
			pc_buf_putc(b, '\\');
		pc_buf_putc(b, *s);
	}
	pc_buf_putc(b, quote);
}

/* The quote the item at `off` opens with, or 0 (plain). */
static char quote_at(const char *buf, size_t len, size_t off)
{
	return off < len && (buf[off] == '"' || buf[off] == '\'') ? buf[off] : 0;
}

/* Past a quoted scalar that opens at buf[i]; len when it does not close. */
static size_t skip_quoted(const char *buf, size_t len, size_t i)
{
	char q = buf[i++];
	while (i < len) {
		if (q == '"' && buf[i] == '\\')
			i += 2;
		else if (buf[i] == q && q == '\'' && i + 1 < len && buf[i + 1] == '\'')
			i += 2;
		else if (buf[i] == q)
			return i + 1;
		else
			i++;
	}
	return len;
}

/* Where a flow list that opens at buf[open] takes one more item: just after
 * its last significant byte before the closing ']' (comments and blanks
 * skipped), into *at; that byte into *last. SIZE_MAX when it does not close. */
static size_t flow_end(const char *buf, size_t len, size_t open, char *last)
{
	size_t i = open + 1, at = open + 1;
	int depth = 0;
	*last = '[';
	while (i < len) {
		char c = buf[i];
		if (c == '"' || c == '\'') {
			i = skip_quoted(buf, len, i);
			at = i;
			*last = c;
			continue;
		}
		if (c == '#' && (buf[i - 1] == ' ' || buf[i - 1] == '\t' || buf[i - 1] == '\n')) {
			while (i < len && buf[i] != '\n')
				i++;
			continue;
		}
		if (c == ']' && depth == 0)
			return at;
		if (c == '[' || c == '{')
			depth++;
		else if ((c == ']' || c == '}') && depth > 0)
			depth--;
		if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
			at = i + 1;
			*last = c;
		}
		i++;
	}
	return SIZE_MAX;
}

static int flow_edit(pc_buf *text, size_t *at, const char *buf, size_t len, size_t open,
		     const pc_node *list, const char *new)
{
	char last, quote = 0;
	if ((*at = flow_end(buf, len, open, &last)) == SIZE_MAX)
		return pc_error_set(PC_EUSAGE, "the approved list does not close with ']'");
	if (list->n) {
		const pc_node *item = list->items[list->n - 1];
		size_t off = offset_of(buf, len, (size_t)item->line, (size_t)item->col);
		quote = off == SIZE_MAX ? 0 : quote_at(buf, len, off);
	}
	pc_buf_puts(text, last == '[' ? "" : last == ',' ? " " : ", ");
	put_item(text, new, quote);
	return 0;
}

/* Are the lines around buf[off] ended with CRLF? The ending of its line,
 * or, on a last line that has none, of the line before. */
static bool crlf_at(const char *buf, size_t len, size_t off)
{
	const char *nl = memchr(buf + off, '\n', len - off);
	if (nl)
		return nl > buf && nl[-1] == '\r';
	while (off && buf[off - 1] != '\n')
		off--;
	return off >= 2 && buf[off - 2] == '\r';
}

/* A block list whose first '-' is at buf[dash]: a new line after its last
 * item's, indented alike, with the line ending the file uses there (also
 * when the last item's line, the file's last, has none). */
static int block_edit(pc_buf *text, size_t *at, const char *buf, size_t len, size_t dash,
		      const pc_node *list, const char *new)
{
	const pc_node *item = list->items[list->n - 1];
	size_t start = dash, off, eol;
	const char *nl;
	while (start && buf[start - 1] != '\n')
		start--;
	off = offset_of(buf, len, (size_t)item->line, (size_t)item->col);
	if (off == SIZE_MAX)
		return pc_error_set(PC_EUSAGE, "the approved list's last item is not where it was read");
	if (strspn(buf + start, " \t") < dash - start)
		return pc_error_set(PC_EUSAGE, "the approved list does not start its own line");
	eol = (nl = memchr(buf + off, '\n', len - off)) ? (size_t)(nl - buf) : len;
	*at = eol && eol < len && buf[eol - 1] == '\r' ? eol - 1 : eol;
	pc_buf_puts(text, crlf_at(buf, len, off) ? "\r\n" : "\n");
	pc_buf_put(text, buf + start, dash - start);
	pc_buf_puts(text, "- ");
	put_item(text, new, quote_at(buf, len, off));
	return 0;
}

int pc_bump_approve(pc_fix_result *res, const char *path, const char *buf, size_t len,
		    const pc_node *list, const char *new)
{
	pc_buf text = PC_BUF_INIT;
	size_t i, open, at = 0, line, col;
	int err;
	if (list->type != PC_NODE_SEQ)
		return pc_error_set(PC_EUSAGE, "%s: approved is not a list; add %s to it by hand",
				    path, new);
	for (i = 0; i < list->n; i++)
		if (list->items[i]->type == PC_NODE_SCALAR && pc_model_same(list->items[i]->value, new))
			return 0;
	open = offset_of(buf, len, (size_t)list->line, (size_t)list->col);
	if (open != SIZE_MAX && open < len && buf[open] == '[')
		err = flow_edit(&text, &at, buf, len, open, list, new);
	else if (open != SIZE_MAX && open < len && buf[open] == '-' && list->n)
		err = block_edit(&text, &at, buf, len, open, list, new);
	else
		err = pc_error_set(PC_EUSAGE, "the approved list is in no style bump can edit");
	if (err < 0) {
		char *why = pc_strdup(pc_error_last()); /* not formatted into itself */
		pc_buf_free(&text);
		err = pc_error_set(PC_EUSAGE, "%s: %s; add %s to it by hand", path, why, new);
		free(why);
		return err;
	}
	place_of(buf, at, &line, &col);
	pc_fix_add(res, path, line, col, "", 0, text.ptr);
	pc_buf_free(&text);
	return 1;
}

static void add_problem(pc_eval *e, char *text)
{
	e->problems = pc_realloc(e->problems, (e->nproblems + 1) * sizeof(char *));
	e->problems[e->nproblems++] = text;
}

int pc_bump_eval(pc_eval *out, const pc_eval_ctx *ctx, const char *ref, const char *old,
		 const char *new)
{
	pc_buf b = PC_BUF_INIT;
	size_t k;
	int err = pc_eval_check(out, ctx, ref);
	if (err < 0 || out->is_url || !out->nmodels)
		return err;
	for (k = 0; k < out->nmodels; k++) {
		if (pc_model_same(out->models[k], new)) {
			pc_verdict_add(out, ctx->cfg, new, old); /* its numbers, as the gate weighs them */
			return 0;
		}
	}
	pc_buf_printf(&b, "%s evaluates ", ref);
	for (k = 0; k < out->nmodels; k++)
		pc_buf_printf(&b, "%s%s", k ? ", " : "", out->models[k]);
	pc_buf_printf(&b, ", not %s, which this bump introduces", new);
	add_problem(out, pc_buf_detach(&b));
	return 0;
}
