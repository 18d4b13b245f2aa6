/*
 * doc.c: YAML/JSON documents for rule files, .pincheck.yml and eval results.
 *
 * libyaml's event API builds a small tree here, under limits, because
 * libyaml 0.2.5's loader offers no depth cap (deep flow nesting is quadratic)
 * and resolves aliases to shared nodes (a naive walk explodes). pincheck's
 * documents need neither anchors nor deep nesting, so both are refused.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/doc.h"

typedef struct {
	const char *name;
	const char *buf;
	size_t len;
	size_t nodes;
	const char *const *skip; /* keys whose values are read past, not kept */
	size_t *line_start; /* byte offset of each line, built on first use */
	size_t nlines;
	size_t last_line, last_chars, last_off; /* where byte_col stopped */
} parse_state;

/* libyaml counts columns in characters; SPEC section 3 counts bytes. */
static int byte_col(parse_state *st, const yaml_mark_t *m)
{
	size_t off, chars;
	if (!st->line_start) {
		size_t i, alloc = 0;
		PC_GROW(st->line_start, alloc, 1);
		st->line_start[st->nlines++] = 0;
		for (i = 0; i < st->len; i++) {
			if (st->buf[i] == '\n') {
				PC_GROW(st->line_start, alloc, st->nlines + 1);
				st->line_start[st->nlines++] = i + 1;
			}
		}
	}
	if (m->line >= st->nlines)
		return (int)m->column + 1;
	/* Events come in order: resume from the last position on a long line
	 * (a one-line flow list of 100,000 items must stay linear). */
	if (st->last_line == m->line && st->last_chars <= m->column) {
		chars = st->last_chars;
		off = st->last_off;
	} else {
		chars = 0;
		off = st->line_start[m->line];
	}
	for (; chars < m->column && off < st->len; chars++) {
		unsigned char c = (unsigned char)st->buf[off];
		off += c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	}
	st->last_line = m->line;
	st->last_chars = chars;
	st->last_off = off;
	return (int)(off - st->line_start[m->line]) + 1;
}

static void node_free(pc_node *n)
{
	size_t i;
	if (!n)
		return;
	for (i = 0; i < n->n; i++)
		node_free(n->items[i]);
	free(n->items);
	free(n->value);
	free(n);
}

void pc_doc_free(pc_doc *doc)
{
	if (!doc)
		return;
	node_free(doc->root);
	free(doc->name);
	free(doc);
}

/* libyaml reports reader errors (bad UTF-8) at mark 0:0 with only a byte
 * offset; turn any offset into a 1-based line and column ourselves. */
static void offset_to_pos(const parse_state *st, size_t off, int *line, int *col)
{
	size_t i;
	*line = 1;
	*col = 1;
	if (off > st->len)
		off = st->len;
	for (i = 0; i < off; i++) {
		if (st->buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static int parser_error(const parse_state *st, const yaml_parser_t *p)
{
	int line = (int)p->problem_mark.line + 1, col = (int)p->problem_mark.column + 1;
	const char *problem = p->problem ? p->problem : "invalid YAML";
	if (p->error == YAML_READER_ERROR) {
		offset_to_pos(st, p->problem_offset, &line, &col);
		return pc_error_set(PC_EUSAGE, "%s:%d:%d: %s (byte 0x%02x); files must be UTF-8",
				    st->name, line, col, problem, (unsigned)p->problem_value & 0xff);
	}
	if (p->error == YAML_SCANNER_ERROR && strstr(problem, "mapping values are not allowed"))
		return pc_error_set(PC_EUSAGE,
				    "%s:%d:%d: %s (a key longer than 1024 characters, or a "
				    "missing space after ':', can cause this)",
				    st->name, line, col, problem);
	if (p->context)
		return pc_error_set(PC_EUSAGE, "%s:%d:%d: %s (%s at line %d)", st->name, line, col,
				    problem, p->context, (int)p->context_mark.line + 1);
	return pc_error_set(PC_EUSAGE, "%s:%d:%d: %s", st->name, line, col, problem);
}

static pc_node *node_new(parse_state *st, pc_node_type type, const yaml_mark_t *m)
{
	pc_node *n = pc_calloc(1, sizeof(*n));
	n->type = type;
	n->line = (int)m->line + 1;
	n->col = byte_col(st, m);
	st->nodes++;
	return n;
}

static void node_add(pc_node *parent, pc_node *child, size_t *alloc)
{
	PC_GROW(parent->items, *alloc, parent->n + 1);
	parent->items[parent->n++] = child;
}

static int next_event(parse_state *st, yaml_parser_t *p, yaml_event_t *ev)
{
	if (!yaml_parser_parse(p, ev))
		return parser_error(st, p);
	return 0;
}

/* Parse one node whose first event is `ev` (consumed here). */
/* An error at the event's position; the event is consumed. */
static int event_error(parse_state *st, yaml_event_t *ev, int code, const char *what)
{
	int err = pc_error_set(code, "%s:%d:%d: %s", st->name, (int)ev->start_mark.line + 1,
			       (int)ev->start_mark.column + 1, what);
	yaml_event_delete(ev);
	return err;
}

/* May `key` be the next key of mapping `map`? Duplicates are found by
 * comparison, so the number of keys is bounded. */
static int check_key(parse_state *st, const pc_node *map, const pc_node *key)
{
	size_t i;
	if (map->n / 2 >= PC_DOC_MAX_KEYS)
		return pc_error_set(PC_EUSAGE, "%s:%d:%d: more than %d keys in one mapping", st->name,
				    key->line, key->col, PC_DOC_MAX_KEYS);
	if (key->type != PC_NODE_SCALAR)
		return pc_error_set(PC_EUSAGE, "%s:%d:%d: mapping keys must be scalars", st->name,
				    key->line, key->col);
	if (strlen(key->value) != key->len)
		return pc_error_set(PC_EUSAGE, "%s:%d:%d: mapping keys may not contain NUL", st->name,
				    key->line, key->col);
	for (i = 0; i < map->n; i += 2)
		if (!strcmp(map->items[i]->value, key->value))
			return pc_error_set(PC_EUSAGE, "%s:%d:%d: duplicate key '%s' (first at line %d)",
					    st->name, key->line, key->col, key->value,
					    map->items[i]->line);
	return 0;
}

static int parse_node(parse_state *st, yaml_parser_t *p, yaml_event_t *ev, int depth, pc_node **out);
static int parse(pc_doc **out, const char *name, const char *buf, size_t len,
		 const char *const *skip);

static bool skipped(const parse_state *st, const pc_node *key)
{
	size_t i;
	for (i = 0; st->skip && st->skip[i]; i++)
		if (!strcmp(key->value, st->skip[i]))
			return true;
	return false;
}

/* Read past the node whose first event is `ev` (consumed here), keeping
 * nothing: an eval log's samples are most of its bytes and none of its
 * verdict. The same refusals as parse_node (depth, anchors, aliases), so
 * what is skipped is still a document pincheck would read. */
static int skip_node(parse_state *st, yaml_parser_t *p, yaml_event_t *ev, int depth)
{
	int open = 0, err;
	char what[64];
	for (;;) {
		switch (ev->type) {
		case YAML_ALIAS_EVENT:
			return event_error(st, ev, PC_EUSAGE, "YAML aliases (*name) are not supported here");
		case YAML_SCALAR_EVENT:
			if (ev->data.scalar.anchor)
				return event_error(st, ev, PC_EUSAGE,
						   "YAML anchors (&name) are not supported here");
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (ev->type == YAML_MAPPING_START_EVENT ? ev->data.mapping_start.anchor != NULL
								 : ev->data.sequence_start.anchor != NULL)
				return event_error(st, ev, PC_EUSAGE,
						   "YAML anchors (&name) are not supported here");
			if (depth + open >= PC_DOC_MAX_DEPTH) {
				snprintf(what, sizeof(what), "nested deeper than %d levels",
					 PC_DOC_MAX_DEPTH);
				return event_error(st, ev, PC_EUSAGE, what);
			}
			open++;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			open--;
			break;
		default:
			snprintf(what, sizeof(what), "unexpected YAML event %d", (int)ev->type);
			return event_error(st, ev, PC_ERUNTIME, what);
		}
		yaml_event_delete(ev);
		if (!open)
			return 0;
		if ((err = next_event(st, p, ev)) < 0)
			return err;
	}
}

/* The children of a sequence or mapping, up to its end event. */
static int parse_children(parse_state *st, yaml_parser_t *p, pc_node *n, int depth)
{
	yaml_event_type_t end = n->type == PC_NODE_MAP ? YAML_MAPPING_END_EVENT
						       : YAML_SEQUENCE_END_EVENT;
	size_t alloc = 0;
	int err;
	for (;;) {
		yaml_event_t ev;
		pc_node *child;
		if ((err = next_event(st, p, &ev)) < 0)
			return err;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (n->type == PC_NODE_MAP && n->n % 2 == 1 && skipped(st, n->items[n->n - 1])) {
			if ((err = skip_node(st, p, &ev, depth + 1)) < 0)
				return err;
			node_free(n->items[--n->n]); /* the key goes with its value */
			continue;
		}
		if ((err = parse_node(st, p, &ev, depth + 1, &child)) < 0)
			return err;
		if (n->type == PC_NODE_MAP && n->n % 2 == 0 && (err = check_key(st, n, child)) < 0) {
			node_free(child);
			return err;
		}
		node_add(n, child, &alloc);
	}
}

static int parse_node(parse_state *st, yaml_parser_t *p, yaml_event_t *ev, int depth, pc_node **out)
{
	char what[64];
	pc_node *n;
	int err;

	*out = NULL;
	if (st->nodes >= PC_DOC_MAX_NODES) {
		snprintf(what, sizeof(what), "too many nodes (more than %d)", PC_DOC_MAX_NODES);
		return event_error(st, ev, PC_EUSAGE, what);
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return event_error(st, ev, PC_EUSAGE, "YAML aliases (*name) are not supported here");
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor)
			break;
		n = node_new(st, PC_NODE_SCALAR, &ev->start_mark);
		n->len = ev->data.scalar.length;
		n->value = pc_strndup((const char *)ev->data.scalar.value, n->len);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		yaml_event_delete(ev);
		*out = n;
		return 0;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (ev->type == YAML_MAPPING_START_EVENT ? ev->data.mapping_start.anchor != NULL
							 : ev->data.sequence_start.anchor != NULL)
			break;
		if (depth >= PC_DOC_MAX_DEPTH) {
			snprintf(what, sizeof(what), "nested deeper than %d levels", PC_DOC_MAX_DEPTH);
			return event_error(st, ev, PC_EUSAGE, what);
		}
		n = node_new(st, ev->type == YAML_MAPPING_START_EVENT ? PC_NODE_MAP : PC_NODE_SEQ,
			     &ev->start_mark);
		yaml_event_delete(ev);
		if ((err = parse_children(st, p, n, depth)) < 0) {
			node_free(n);
			return err;
		}
		*out = n;
		return 0;
	default:
		snprintf(what, sizeof(what), "unexpected YAML event %d", (int)ev->type);
		return event_error(st, ev, PC_ERUNTIME, what);
	}
	return event_error(st, ev, PC_EUSAGE, "YAML anchors (&name) are not supported here");
}

/* The value of four hex digits at s, or -1 when one is not a hex digit. */
static int hex4(const char *s)
{
	int v = 0, i, d;
	for (i = 0; i < 4; i++) {
		char c = s[i];
		d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* JSON writes a character beyond the Basic Multilingual Plane as a UTF-16
 * surrogate pair (`\ud83d\ude00`, Python's json.dumps by default), which
 * libyaml refuses: it takes whole code points only. For a JSON document
 * holding one, a copy with each pair written as YAML's `\U0001f600` and
 * each lone surrogate as `\ufffd` (what JSON parsers make of it); else
 * NULL. A backslash always escapes the next byte, so `\\ud83d` is text. */
static char *json_surrogates(const char *buf, size_t len, size_t *outlen)
{
	pc_buf b = PC_BUF_INIT;
	size_t i = 0, done = 0;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	if (i == len || (buf[i] != '{' && buf[i] != '['))
		return NULL;
	for (; i + 1 < len; i++) {
		int hi, lo;
		if (buf[i] != '\\')
			continue;
		if (buf[i + 1] != 'u' || i + 6 > len || (hi = hex4(buf + i + 2)) < 0xd800 ||
		    hi > 0xdfff) {
			i++;
			continue;
		}
		pc_buf_put(&b, buf + done, i - done);
		if (hi < 0xdc00 && i + 12 <= len && buf[i + 6] == '\\' && buf[i + 7] == 'u' &&
		    (lo = hex4(buf + i + 8)) >= 0xdc00 && lo <= 0xdfff) {
			pc_buf_printf(&b, "\\U%08x", 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00));
			i += 11;
		} else {
			pc_buf_puts(&b, "\\ufffd");
			i += 5;
		}
		done = i + 1;
	}
	if (!b.len)
		return NULL;
	pc_buf_put(&b, buf + done, len - done);
	*outlen = b.len;
	return pc_buf_detach(&b);
}

int pc_doc_parse(pc_doc **out, const char *name, const char *buf, size_t len)
{
	return pc_doc_parse_skipping(out, name, buf, len, NULL);
}

int pc_doc_parse_skipping(pc_doc **out, const char *name, const char *buf, size_t len,
			  const char *const *skip)
{
	size_t jlen = 0;
	char *json = memchr(buf, '\0', len) ? NULL : json_surrogates(buf, len, &jlen);
	int err = parse(out, name, json ? json : buf, json ? jlen : len, skip);
	free(json);
	return err;
}

static int parse(pc_doc **out, const char *name, const char *buf, size_t len,
		 const char *const *skip)
{
	yaml_parser_t p;
	yaml_event_t ev;
	parse_state st = { name, buf, len, 0, skip, NULL, 0, 0, 0, 0 };
	pc_doc *doc = pc_calloc(1, sizeof(*doc));
	int err, docs = 0;

	*out = NULL;
	doc->name = pc_strdup(name);
	if (memchr(buf, '\0', len)) {
		int line, col;
		offset_to_pos(&st, (size_t)((const char *)memchr(buf, '\0', len) - buf), &line, &col);
		pc_doc_free(doc);
		return pc_error_set(PC_EUSAGE, "%s:%d:%d: NUL byte: not a text file", name, line, col);
	}
	if (!yaml_parser_initialize(&p)) {
		pc_doc_free(doc);
		return pc_error_set(PC_ERUNTIME, "%s: cannot initialise the YAML parser", name);
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	for (;;) {
		if ((err = next_event(&st, &p, &ev)) < 0)
			goto fail;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			if (++docs > 1) {
				err = pc_error_set(PC_EUSAGE, "%s:%d:%d: more than one YAML document",
						   name, (int)ev.start_mark.line + 1,
						   (int)ev.start_mark.column + 1);
				yaml_event_delete(&ev);
				goto fail;
			}
			yaml_event_delete(&ev);
			continue;
		}
		if (ev.type == YAML_STREAM_START_EVENT || ev.type == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		if ((err = parse_node(&st, &p, &ev, 0, &doc->root)) < 0)
			goto fail;
	}
	yaml_parser_delete(&p);
	free(st.line_start);
	*out = doc;
	return 0;
fail:
	yaml_parser_delete(&p);
	free(st.line_start);
	pc_doc_free(doc);
	return err;
}

const pc_node *pc_map_get(const pc_node *map, const char *key)
{
	size_t i;
	if (!map || map->type != PC_NODE_MAP)
		return NULL;
	for (i = 0; i + 1 < map->n; i += 2)
		if (!strcmp(map->items[i]->value, key))
			return map->items[i + 1];
	return NULL;
}

const char *pc_node_kind(const pc_node *node)
{
	if (!node)
		return "nothing";
	switch (node->type) {
	case PC_NODE_SCALAR: return "a scalar";
	case PC_NODE_SEQ: return "a list";
	default: return "a mapping";
	}
}

int pc_doc_error(const pc_doc *doc, const pc_node *node, const char *fmt, ...)
{
	pc_buf b = PC_BUF_INIT;
	va_list ap;
	int err;
	pc_buf_printf(&b, "%s:%d:%d: ", doc->name, node ? node->line : 1, node ? node->col : 1);
	va_start(ap, fmt);
	pc_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	err = pc_error_set(PC_EUSAGE, "%s", b.ptr);
	pc_buf_free(&b);
	return err;
}

int pc_doc_scalar(const char **out, const pc_doc *doc, const pc_node *node, const char *what)
{
	if (!node || node->type != PC_NODE_SCALAR)
		return pc_doc_error(doc, node, "%s must be a scalar, not %s", what, pc_node_kind(node));
	if (strlen(node->value) != node->len)
		return pc_doc_error(doc, node, "%s contains a NUL character", what);
	*out = node->value;
	return 0;
}

int pc_doc_bool(bool *out, const pc_doc *doc, const pc_node *node, const char *what)
{
	if (node && node->type == PC_NODE_SCALAR && node->plain) {
		if (!strcmp(node->value, "true")) {
			*out = true;
			return 0;
		}
		if (!strcmp(node->value, "false")) {
			*out = false;
			return 0;
		}
	}
	return pc_doc_error(doc, node, "%s must be true or false", what);
}

int pc_doc_strings(const char ***out, size_t *n, const pc_doc *doc, const pc_node *node,
		   const char *what)
{
	const char **v;
	size_t i;
	int err;
	*out = NULL;
	*n = 0;
	if (node && node->type == PC_NODE_SCALAR) {
		v = pc_calloc(2, sizeof(*v));
		if ((err = pc_doc_scalar(&v[0], doc, node, what)) < 0) {
			free(v);
			return err;
		}
		*out = v;
		*n = 1;
		return 0;
	}
	if (!node || node->type != PC_NODE_SEQ)
		return pc_doc_error(doc, node, "%s must be a list, not %s", what, pc_node_kind(node));
	v = pc_calloc(node->n + 1, sizeof(*v));
	for (i = 0; i < node->n; i++) {
		if ((err = pc_doc_scalar(&v[i], doc, node->items[i], what)) < 0) {
			free(v);
			return err;
		}
	}
	*out = v;
	*n = node->n;
	return 0;
}

int pc_doc_check_keys(const pc_doc *doc, const pc_node *map, const char *what,
		      const char *const *allowed)
{
	size_t i, j;
	if (!map || map->type != PC_NODE_MAP)
		return pc_doc_error(doc, map, "%s must be a mapping, not %s", what, pc_node_kind(map));
	for (i = 0; i + 1 < map->n; i += 2) {
		const pc_node *k = map->items[i];
		for (j = 0; allowed[j]; j++)
			if (!strcmp(k->value, allowed[j]))
				break;
		if (!allowed[j]) {
			pc_buf b = PC_BUF_INIT;
			int err;
			for (j = 0; allowed[j]; j++)
				pc_buf_printf(&b, "%s%s", j ? ", " : "", allowed[j]);
			err = pc_doc_error(doc, k, "unknown key '%s' in %s (expected one of: %s)",
					   k->value, what, b.ptr);
			pc_buf_free(&b);
			return err;
		}
	}
	return 0;
}
