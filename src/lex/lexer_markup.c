/*
 * lexer_markup.c: which bytes of HTML, XML, SVG and Vue/Svelte files are
 * prose. Part of the lexer (lexer.c).
 *
 * Markup is text for people: element text, comments, CDATA and `<style>`
 * are prose, and so is an attribute value (a title, an alt text, a link),
 * unless the attribute selects a model (`data-model`, `model=`, the
 * `value` of an input whose name or id is a model's) or is code (Vue's
 * `:prop`, `@event`, `v-*` and Svelte's `{...}` values are JavaScript).
 * The text of an element named after a model (`<model>gpt-4o</model>` in
 * an XML config) is a config value: code. An `<option>`'s value is one of
 * many offered, never the one chosen: prose. Code inside `<script>` is
 * code, lexed as JavaScript/TypeScript; a `<pre>` or `<code>` whose class
 * names a language (`language-bash`, `lang-py`) is a code block of that
 * language, as a fenced block in Markdown.
 *
 * One pass, front to back: each tag is read twice (once to learn what it
 * is, once to mark it) and each element's content once, so the work stays
 * linear in the file's length whatever its nesting or brokenness; an
 * unclosed tag, quote, comment or script runs to the end of the file.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include "pincheck/lexer.h"
#include "lexer_internal.h"

static bool m_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool m_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Does buf[i, len) start with `lit`, ignoring ASCII case? */
static bool starts_ci(const char *buf, size_t len, size_t i, const char *lit)
{
	size_t n = strlen(lit);
	return len - i >= n && !strncasecmp(buf + i, lit, n);
}

/* Does s[0, n) hold "model", ignoring case (data-model, modelName)? */
static bool names_model(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i + 5 <= n; i++)
		if (!strncasecmp(s + i, "model", 5))
			return true;
	return false;
}

static bool name_is(const char *buf, size_t s, size_t n, const char *lit)
{
	return strlen(lit) == n && !strncasecmp(buf + s, lit, n);
}

/* Where `lit` (ASCII, matched ignoring case) next starts at or after i; len if nowhere. */
static size_t find_ci(const char *buf, size_t len, size_t i, const char *lit)
{
	const char *p;
	while (i < len && (p = memchr(buf + i, lit[0], len - i))) {
		i = (size_t)(p - buf);
		if (starts_ci(buf, len, i, lit))
			return i;
		i++;
	}
	return len;
}

/* A tag's name and attributes, from the first reading. */
struct tag {
	size_t name, name_len, end; /* end: after the '>' (or len) */
	bool self_closing;
	bool model_value;           /* a model's input: its value is a choice */
	size_t lang, lang_len;      /* a language named by class="language-X" */
};

/* One attribute: name [ns, ne), value [vs, ve) (vs == ve: none), and
 * whether the value was quoted or braced ({...}). */
struct attr {
	size_t ns, ne, vs, ve;
	char open; /* '"', '\'', '{' or 0 */
};

/*
 * Read the attribute at or after *i (inside a tag, before len): skips
 * blanks, stops at '>' or "/>" (returns false there). A quoted value runs
 * to its closing quote; a braced one ({...}, Svelte and JSX) to its
 * matching brace; a bare one to a blank or '>'.
 */
static bool next_attr(const char *buf, size_t len, size_t *i, struct attr *a)
{
	size_t k = *i;
	while (k < len && (m_blank(buf[k]) || (buf[k] == '/' && k + 1 < len && buf[k + 1] != '>')))
		k++;
	if (k >= len || buf[k] == '>' || (buf[k] == '/' && k + 1 < len && buf[k + 1] == '>')) {
		*i = k;
		return false;
	}
	a->ns = k;
	if (buf[k] == '{') { /* Svelte's {shorthand} */
		a->ne = k;
	} else {
		while (k < len && !m_blank(buf[k]) && buf[k] != '=' && buf[k] != '>' &&
		       !(buf[k] == '/' && k + 1 < len && buf[k + 1] == '>'))
			k++;
		a->ne = k;
		while (k < len && m_blank(buf[k]))
			k++;
		if (k >= len || buf[k] != '=') {
			a->vs = a->ve = a->ne;
			a->open = 0;
			*i = a->ne > a->ns ? a->ne : a->ne + 1;
			return true;
		}
		k++;
		while (k < len && m_blank(buf[k]))
			k++;
	}
	a->open = 0;
	if (k < len && (buf[k] == '"' || buf[k] == '\'')) {
		const char *q = memchr(buf + k + 1, buf[k], len - k - 1);
		a->open = buf[k];
		a->vs = k + 1;
		a->ve = q ? (size_t)(q - buf) : len;
		*i = q ? a->ve + 1 : len;
	} else if (k < len && buf[k] == '{') {
		size_t depth = 0;
		a->open = '{';
		a->vs = k + 1;
		for (; k < len; k++) {
			if (buf[k] == '{')
				depth++;
			else if (buf[k] == '}' && !--depth)
				break;
		}
		a->ve = k;
		*i = k < len ? k + 1 : len;
	} else {
		a->vs = k;
		while (k < len && !m_blank(buf[k]) && buf[k] != '>')
			k++;
		a->ve = k;
		*i = k;
	}
	return true;
}

/* A class attribute's `language-X` or `lang-X` token, if any. */
static void class_lang(const char *buf, const struct attr *a, struct tag *t)
{
	size_t k = a->vs, w;
	while (k < a->ve) {
		while (k < a->ve && m_blank(buf[k]))
			k++;
		for (w = k; k < a->ve && !m_blank(buf[k]); k++)
			;
		if (k - w > 9 && !strncasecmp(buf + w, "language-", 9)) {
			t->lang = w + 9;
			t->lang_len = k - w - 9;
		} else if (k - w > 5 && !strncasecmp(buf + w, "lang-", 5)) {
			t->lang = w + 5;
			t->lang_len = k - w - 5;
		}
	}
}

/* Vue's bindings and events (`:prop`, `@click`, `v-if`, `#slot`): JavaScript. */
static bool attr_is_script(const char *buf, const struct attr *a)
{
	size_t n = a->ne - a->ns;
	return a->open == '{' || (n && (buf[a->ns] == ':' || buf[a->ns] == '@' || buf[a->ns] == '#')) ||
	       (n > 2 && !strncasecmp(buf + a->ns, "v-", 2));
}

/* First reading of the tag whose name starts at i: what it is, where it ends. */
static void read_tag(const char *buf, size_t len, size_t i, struct tag *t)
{
	struct attr a;
	bool option;
	memset(t, 0, sizeof(*t));
	t->name = i;
	while (i < len && !m_blank(buf[i]) && buf[i] != '>' && buf[i] != '/')
		i++;
	t->name_len = i - t->name;
	option = name_is(buf, t->name, t->name_len, "option");
	t->model_value = !option && names_model(buf + t->name, t->name_len);
	while (next_attr(buf, len, &i, &a)) {
		size_t n = a.ne - a.ns;
		if (!option && (name_is(buf, a.ns, n, "name") || name_is(buf, a.ns, n, "id")) &&
		    names_model(buf + a.vs, a.ve - a.vs))
			t->model_value = true;
		if (name_is(buf, a.ns, n, "class"))
			class_lang(buf, &a, t);
	}
	t->self_closing = i < len && buf[i] == '/';
	if (t->self_closing)
		i++;
	t->end = i < len ? i + 1 : len;
}

/* Second reading: the tag is code, and each value prose, code or script. */
static void mark_tag(unsigned char *mask, const char *buf, size_t len, size_t lt, const struct tag *t)
{
	struct attr a;
	size_t i = t->name + t->name_len;
	fill(mask, lt, t->end, 0);
	while (next_attr(buf, len, &i, &a)) {
		size_t n = a.ne - a.ns;
		if (a.vs >= a.ve)
			continue;
		if (attr_is_script(buf, &a))
			pc_lex_lang(mask + a.vs, PC_LANG_CFAMILY, buf + a.vs, a.ve - a.vs);
		else if (!names_model(buf + a.ns, n) &&
			 !(t->model_value && name_is(buf, a.ns, n, "value")))
			fill(mask, a.vs, a.ve, 1);
	}
}

/* The content of an element that holds a code block of the language named
 * by its class: lexed as a Markdown fence of that language would be. */
static void code_block(unsigned char *mask, const char *buf, size_t s, size_t e, const struct tag *t)
{
	pc_lex_fenced(mask + s, buf + s, e - s, buf + t->lang, t->lang_len);
}

void pc_lex_markup(unsigned char *mask, const char *buf, size_t len)
{
	size_t i = 0, close;
	const char *lt;
	struct tag t;

	fill(mask, 0, len, 1);
	while (i < len && (lt = memchr(buf + i, '<', len - i))) {
		i = (size_t)(lt - buf);
		if (starts_ci(buf, len, i, "<!--")) {
			close = find_ci(buf, len, i + 4, "-->");
			i = close < len ? close + 3 : len; /* a comment: prose */
		} else if (starts_ci(buf, len, i, "<![CDATA[")) {
			close = find_ci(buf, len, i + 9, "]]>");
			i = close < len ? close + 3 : len;
		} else if (i + 1 < len && (buf[i + 1] == '!' || buf[i + 1] == '?' || buf[i + 1] == '/')) {
			const char *gt = memchr(buf + i, '>', len - i);
			close = gt ? (size_t)(gt - buf) + 1 : len;
			fill(mask, i, close, 0); /* a declaration or an end tag */
			i = close;
		} else if (i + 1 < len && m_alpha(buf[i + 1])) {
			size_t lt_at = i;
			read_tag(buf, len, i + 1, &t);
			mark_tag(mask, buf, len, lt_at, &t);
			i = t.end;
			if (t.self_closing)
				continue;
			if (name_is(buf, t.name, t.name_len, "script")) {
				close = find_ci(buf, len, i, "</script");
				pc_lex_lang(mask + i, PC_LANG_CFAMILY, buf + i, close - i);
				i = close;
			} else if (name_is(buf, t.name, t.name_len, "style")) {
				i = find_ci(buf, len, i, "</style"); /* not code: prose */
			} else if (t.lang_len && (name_is(buf, t.name, t.name_len, "code") ||
						  name_is(buf, t.name, t.name_len, "pre"))) {
				close = find_ci(buf, len, i, buf[t.name] == 'p' || buf[t.name] == 'P'
							? "</pre" : "</code");
				code_block(mask, buf, i, close, &t);
				i = close;
			} else if (names_model(buf + t.name, t.name_len)) {
				const char *next = memchr(buf + i, '<', len - i);
				close = next ? (size_t)(next - buf) : len;
				fill(mask, i, close, 0); /* <model>gpt-4o</model>: a config value */
				i = close;
			}
		} else {
			i++;
		}
	}
}
