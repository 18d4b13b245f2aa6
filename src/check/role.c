/*
 * role.c: choice or mention (see role.h), decided from the line around the
 * string literal that holds the id, in the forms code compares and
 * collects names: `model == "gpt-4o"`, `"gpt-4o" != m`, `m.startswith(
 * "gpt-4o")`, `"gpt-4o" in name`, `m in ("gpt-4o", "o3")`, `case "o3":`,
 * `Literal["gpt-4o", ...]`, `"gpt-4o" | "o3"`, `{"gpt-4o": 2.5}`. An id that
 * is assigned, passed or returned is a choice. Deciding from the id itself
 * is never done: the same id is a choice on one line and a mention on the
 * next.
 *
 * A line can hold a million ids, and each asks for its role: every walk
 * along the line is charged one step a byte against PC_ROLE_STEPS per id
 * (limits.h). An id whose role takes more (a literal or a list longer than
 * that) is a choice: it is reported, never passed unread.
 */
#include <stdbool.h>
#include <string.h>
#include "pincheck/limits.h"
#include "pincheck/role.h"

const char *pc_role_name(pc_role role)
{
	static const char *const names[] = { "choice", "mention", "data", "prose" };
	return names[role];
}

static bool is_quote(char c)
{
	return c == '"' || c == '\'' || c == '`';
}

static bool is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* Does t[0, end) end with `s` (as a whole word when `word`)? */
static bool ends_with(const char *t, size_t end, const char *s, bool word)
{
	size_t n = strlen(s);
	if (end < n || memcmp(t + end - n, s, n))
		return false;
	return !word || end == n || !is_word(t[end - n - 1]);
}

/* Does t[at, len) start with `s` (as a whole word when `word`)? */
static bool starts_with(const char *t, size_t at, size_t len, const char *s, bool word)
{
	size_t n = strlen(s);
	if (len - at < n || memcmp(t + at, s, n))
		return false;
	return !word || at + n == len || !is_word(t[at + n]);
}

/* The steps one id's role may still take. */
typedef struct {
	size_t left;
	bool out; /* a walk stopped for want of steps: the id is a choice */
} budget;

/* One step of a walk, if the budget has it. */
static bool step(budget *b)
{
	if (!b->left) {
		b->out = true;
		return false;
	}
	b->left--;
	return true;
}

static size_t skip_back(budget *bu, const char *t, size_t i)
{
	while (i && (t[i - 1] == ' ' || t[i - 1] == '\t') && step(bu))
		i--;
	return i;
}

static size_t skip_fwd(budget *bu, const char *t, size_t i, size_t len)
{
	while (i < len && (t[i] == ' ' || t[i] == '\t') && step(bu))
		i++;
	return i;
}

/* Back over the string literals before one in a list ("a", "b", <here>),
 * to the list's opening bracket; `i` is where the literal starts. The
 * position of the bracket, or len when there is none. */
static size_t list_start(budget *bu, const char *t, size_t i, size_t len)
{
	for (;;) {
		i = skip_back(bu, t, i);
		if (i && (t[i - 1] == '(' || t[i - 1] == '[' || t[i - 1] == '{'))
			return i - 1;
		if (!i || (t[i - 1] != ',' && t[i - 1] != '|'))
			return len;
		i = skip_back(bu, t, i - 1);
		if (!i || !is_quote(t[i - 1]))
			return len;
		{
			char q = t[--i];
			while (i && t[i - 1] != q && step(bu))
				i--;
			if (!i || bu->out)
				return len;
			i--;
		}
	}
}

/* Where a literal's prefix (Python's r"", b"", f"", rb"") starts. */
static size_t before_prefix(const char *t, size_t i)
{
	size_t n = 0;
	while (n < 2 && i > n && strchr("rRbBuUfF", t[i - n - 1]) && t[i - n - 1])
		n++;
	if (n && i > n && is_word(t[i - n - 1]))
		return i; /* a name ending in r, not a prefix */
	return i - n;
}

/* Where a map entry or a line starts: nothing but white space, `{` or `,`
 * before `i`, or (a notebook's source line) a JSON string's opening quote. */
static bool entry_starts(budget *bu, const char *t, size_t i)
{
	size_t b = skip_back(bu, t, i);
	if (!b || t[b - 1] == '{' || t[b - 1] == ',')
		return true;
	return t[b - 1] == '"' && skip_back(bu, t, b - 1) == 0;
}

/* Is what stands before position `i` (a literal's opening quote) an
 * operator or call that compares or collects names? */
static bool compared_before(budget *bu, const char *t, size_t i)
{
	static const char *const ops[] = { "==", "!=", "<>", "startswith(", "endswith(",
					    "startsWith(", "endsWith(", "includes(", "has(",
					    "HasPrefix(", "HasSuffix(", "Contains(", "equals(",
					    "equalsIgnoreCase(", "match(", "search(", "fullmatch(",
					    "compile(", "RegExp(", NULL };
	static const char *const words[] = { "case", "when", "in", NULL };
	size_t k;
	i = skip_back(bu, t, before_prefix(t, i));
	for (k = 0; ops[k]; k++) /* a method or function: `.startswith(`, not `mystartswith(` */
		if (ends_with(t, i, ops[k], is_word(ops[k][0])))
			return true;
	if (i && t[i - 1] == '|' && !(i > 1 && t[i - 2] == '|'))
		return true; /* a union of names: "gpt-4o" | "o3" */
	for (k = 0; words[k]; k++)
		if (ends_with(t, i, words[k], true))
			return true;
	return false;
}

/* Is what stands after position `i` (after a literal's closing quote) an
 * operator that compares, tests membership, or makes it a map key?
 * `open` is where the literal starts. */
static bool compared_after(budget *bu, const char *t, size_t i, size_t len, size_t open)
{
	size_t b = skip_back(bu, t, before_prefix(t, open));
	i = skip_fwd(bu, t, i, len);
	if (i == len)
		return false;
	if (starts_with(t, i, len, "==", false) || starts_with(t, i, len, "!=", false) ||
	    starts_with(t, i, len, "in", true) || starts_with(t, i, len, "not in", true))
		return true;
	if (t[i] == '|' && !(i + 1 < len && t[i + 1] == '|'))
		return true;
	/* a subscript: PRICES["gpt-4o"] (a name, then [, not a list) */
	if (t[i] == ']' && b && t[b - 1] == '[' && b > 1 && (is_word(t[b - 2]) || t[b - 2] == ']' ||
							     t[b - 2] == ')'))
		return true;
	/* a map key: "gpt-4o": ... where an entry starts (not the "b" of
	 * a ? "b" : "c", nor ::) */
	return t[i] == ':' && !(i + 1 < len && t[i + 1] == ':') && entry_starts(bu, t, b);
}

/* Does t[0, end) end with `s`, ignoring case, as a whole word? */
static bool ends_with_word_nocase(const char *t, size_t end, const char *s)
{
	size_t n = strlen(s), k;
	if (end < n)
		return false;
	for (k = 0; k < n; k++)
		if ((t[end - n + k] | 0x20) != (s[k] | 0x20))
			return false;
	return end == n || !is_word(t[end - n - 1]);
}

/*
 * Text in a string literal: an id among other words ("Compare gpt-4o and
 * o3", a prompt, a message, a dataset's text) is prose, unless what
 * precedes it in the string selects a model: a command line's
 * `-m`/`--model`/`run`/`pull`, `model:`, or `NAME=`.
 */
static bool in_text(budget *bu, const char *t, size_t open, size_t close, size_t start)
{
	static const char *const selectors[] = { "-m", "--model", "model", "run", "pull", "engine",
						  NULL };
	size_t i, b;
	bool spaced = false;
	for (i = open + 1; i < close && !spaced && step(bu); i++)
		spaced = t[i] == ' ' || t[i] == '\t';
	if (!spaced)
		return false;
	b = skip_back(bu, t, start);
	if (b > open + 1 && (t[b - 1] == '=' || t[b - 1] == ':' || t[b - 1] == '/'))
		b = skip_back(bu, t, b - 1); /* model=, model: gpt-4o, and provider/ ids */
	for (i = 0; selectors[i]; i++)
		if (ends_with_word_nocase(t, b, selectors[i]))
			return false;
	return !(start > open + 1 && (t[start - 1] == '=' || t[start - 1] == '/'));
}

/* The key of a `key: value` line (YAML, TOML with `=` aside), if the value
 * is text for people: description-like keys (SPEC section 1). */
static bool described(budget *bu, const char *t, size_t len, size_t start)
{
	static const char *const keys[] = { "description", "summary", "help", "placeholder",
					     "example", "examples", "title", "label", "text",
					     "comment", "note", "notes", "hint", "caption",
					     "tooltip", NULL };
	size_t i = 0, k, n;
	while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '-' || t[i] == '"' ||
			   t[i] == '\'') && step(bu))
		i++;
	for (k = 0; keys[k]; k++) {
		n = strlen(keys[k]);
		if (i + n < start && !memcmp(t + i, keys[k], n) && !is_word(t[i + n])) {
			size_t j = i + n;
			while (j < start && (t[j] == '"' || t[j] == '\'' || t[j] == ' ') && step(bu))
				j++;
			if (j < start && (t[j] == ':' || t[j] == '='))
				return true;
		}
	}
	return false;
}

static pc_role role_of(budget *bu, const pc_hit *h)
{
	const char *t = h->text;
	size_t len = h->text_len, open = h->ref->start, close = h->ref->end, list;
	char q;

	if (h->prose || described(bu, t, len, open))
		return PC_ROLE_PROSE;
	/* the string literal around the id, on this line */
	while (open && !is_quote(t[open - 1]) && step(bu))
		open--;
	if (!open || bu->out)
		return PC_ROLE_CHOICE; /* not in a literal: a config value, a flag */
	q = t[--open];
	while (close < len && t[close] != q && step(bu))
		close++;
	if (close == len || bu->out)
		return PC_ROLE_CHOICE;
	if (in_text(bu, t, open, close, h->ref->start))
		return PC_ROLE_PROSE;
	if (open && t[open - 1] == '\\')
		open--; /* an escaped quote: code inside a JSON string (a notebook) */
	if (compared_before(bu, t, open) || compared_after(bu, t, close + 1, len, open))
		return PC_ROLE_MENTION;
	/* an item of a list that is compared or typed: in (...), Literal[...] */
	if ((list = list_start(bu, t, open, len)) < len &&
	    (compared_before(bu, t, list) || ends_with(t, skip_back(bu, t, list), "Literal", true) ||
	     ends_with(t, skip_back(bu, t, list), "Union", true)))
		return PC_ROLE_MENTION;
	return PC_ROLE_CHOICE;
}

pc_role pc_role_of_steps(const pc_hit *h, size_t *steps)
{
	budget bu = { PC_ROLE_STEPS, false };
	pc_role role = role_of(&bu, h);
	if (steps)
		*steps = PC_ROLE_STEPS - bu.left;
	return bu.out ? PC_ROLE_CHOICE : role;
}

pc_role pc_role_of(const pc_hit *h)
{
	return pc_role_of_steps(h, NULL);
}
