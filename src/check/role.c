/*
 * role.c: choice or mention (see role.h), decided from the line around the
 * string literal that holds the id, in the forms code compares and
 * collects names: `model == "gpt-4o"`, `"gpt-4o" != m`, `m.startswith(
 * "gpt-4o")`, `"gpt-4o" in name`, `m in ("gpt-4o", "o3")`, `case "o3":`,
 * `Literal["gpt-4o", ...]`, `"gpt-4o" | "o3"`, `{"gpt-4o": 2.5}`. An id that
 * is assigned, passed or returned is a choice. Deciding from the id itself
 * is never done: the same id is a choice on one line and a mention on the
 * next.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include "pincheck/limits.h"
#include "pincheck/role.h"
#include "role_internal.h"

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

static size_t skip_back(const char *t, size_t i)
{
	while (i && (t[i - 1] == ' ' || t[i - 1] == '\t'))
		i--;
	return i;
}

static size_t skip_fwd(const char *t, size_t i, size_t len)
{
	while (i < len && (t[i] == ' ' || t[i] == '\t'))
		i++;
	return i;
}

/* Back over the string literals before one in a list ("a", "b", <here>),
 * to the list's opening bracket; `i` is where the literal starts. The
 * position of the bracket, or len when there is none. A long list is
 * walked once, not once per item: the walk stops at the literal where the
 * last walk on this line started, and takes its answer (`f`). */
static size_t list_start(const char *t, size_t i, size_t len, const pc_hit *h, pc_role_file *f)
{
	size_t from = i, read = i, found;
	bool cached = f && h->file && f->lit_known && f->lit_line == h->line_pos;
	for (;;) {
		if (cached && i == f->lit_open) {
			found = f->lit_list;
			break;
		}
		if (f) /* the bytes walked since the last literal */
			f->steps += read - i + 1, read = i;
		i = skip_back(t, i);
		if (i && (t[i - 1] == '(' || t[i - 1] == '[' || t[i - 1] == '{')) {
			found = i - 1;
			break;
		}
		if (!i || (t[i - 1] != ',' && t[i - 1] != '|')) {
			found = len;
			break;
		}
		i = skip_back(t, i - 1);
		if (!i || !is_quote(t[i - 1])) {
			found = len;
			break;
		}
		{
			char q = t[--i];
			while (i && t[i - 1] != q)
				i--;
			if (!i) {
				found = len;
				break;
			}
			i--;
		}
	}
	if (f && h->file) {
		f->lit_line = h->line_pos, f->lit_open = from, f->lit_list = found;
		f->lit_known = true;
	}
	return found;
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
static bool entry_starts(const char *t, size_t i)
{
	size_t b = skip_back(t, i);
	if (!b || t[b - 1] == '{' || t[b - 1] == ',')
		return true;
	return t[b - 1] == '"' && skip_back(t, b - 1) == 0;
}

/* Is what stands before position `i` (a literal's opening quote) an
 * operator or call that compares or collects names? */
static bool compared_before(const char *t, size_t i)
{
	static const char *const ops[] = { "==", "!=", "<>", "startswith(", "endswith(",
					    "startsWith(", "endsWith(", "includes(", "has(",
					    "HasPrefix(", "HasSuffix(", "Contains(", "equals(",
					    "equalsIgnoreCase(", "match(", "search(", "fullmatch(",
					    "compile(", "RegExp(", "toBe(", "toEqual(", "toStrictEqual(",
					    "toContain(", "toMatch(", "assertEqual(", "assertIn(",
					    "assertNotEqual(", "assertListEqual(", NULL };
	static const char *const words[] = { "case", "when", "in", NULL };
	size_t k;
	i = skip_back(t, before_prefix(t, i));
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
static bool compared_after(const char *t, size_t i, size_t len, size_t open)
{
	size_t b = skip_back(t, before_prefix(t, open));
	i = skip_fwd(t, i, len);
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
	return t[i] == ':' && !(i + 1 < len && t[i + 1] == ':') && entry_starts(t, b);
}

/* Is the line t[0, len) a test's assertion (`assert f("gpt-4o") is True`,
 * `expect(name("o3")).toBe(...)`, `self.assertEqual(...)`)? A test chooses
 * its model in its set-up; what it asserts about names is a mention. */
static bool asserted(const char *t, size_t len)
{
	size_t i = skip_fwd(t, 0, len);
	if (starts_with(t, i, len, "self.", false))
		i += 5;
	if (starts_with(t, i, len, "assert", false))
		return i + 6 == len || !(t[i + 6] >= 'a' && t[i + 6] <= 'z'); /* not assertion */
	return starts_with(t, i, len, "expect(", false) || starts_with(t, i, len, "require.", false);
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
static bool in_text(const char *t, size_t open, size_t close, size_t start)
{
	static const char *const selectors[] = { "-m", "--model", "model", "run", "pull", "engine",
						  NULL };
	size_t i, b;
	bool spaced = false;
	for (i = open + 1; i < close && !spaced; i++)
		spaced = t[i] == ' ' || t[i] == '\t';
	if (!spaced)
		return false;
	/* model=, model: gpt-4o, provider/ ids, and quoted in the text:
	 * '{"model": "gpt-4o"}', run 'llama3' */
	for (b = start; b > open + 1 && (t[b - 1] == ' ' || t[b - 1] == '\t' || is_quote(t[b - 1]));)
		b--;
	if (b > open + 1 && (t[b - 1] == '=' || t[b - 1] == ':' || t[b - 1] == '/'))
		for (b--; b > open + 1 && (t[b - 1] == ' ' || t[b - 1] == '\t' || is_quote(t[b - 1]));)
			b--;
	for (i = 0; selectors[i]; i++)
		if (ends_with_word_nocase(t, b, selectors[i]))
			return false;
	return !(start > open + 1 && (t[start - 1] == '=' || t[start - 1] == '/'));
}

/*
 * A literal given as an example (`"(e.g. \"openai/gpt-4\" or \"anthropic/...\")"`,
 * `such as "gpt-4o"`): the literal opening at t[i], or one of a run of
 * literals joined by `,`, `or`, `and`, follows an example's words. A key
 * or assignment between them (`help="e.g. x", default="gpt-4o"`) ends
 * the run: what follows it is code.
 */
static bool exemplified(const char *t, size_t i)
{
	static const char *const says[] = { "e.g.", "eg.", "i.e.", "for example", "for instance",
					     "such as", NULL };
	size_t k, lits = 0, from = i;
	char q;
	for (;;) {
		while (i && (t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == ',' || t[i - 1] == ':'))
			i--;
		for (k = 0; says[k]; k++)
			if (ends_with_word_nocase(t, i, says[k]))
				return true;
		if (ends_with_word_nocase(t, i, "or") || ends_with_word_nocase(t, i, "and")) {
			i -= t[i - 1] == 'r' ? 2 : 3;
			continue;
		}
		if (!i || !is_quote(t[i - 1]) || ++lits > 8)
			return false;
		q = t[--i]; /* the closing quote of the literal before */
		while (i && t[i - 1] != q && t[i - 1] != '=' && from - i < PC_ROLE_STEPS)
			i--;
		if (!i || t[i - 1] != q)
			return false;
		i--;
	}
}

/*
 * An id in a link for people: a URL whose host serves pages, not an API
 * (`https://openrouter.ai/anthropic/claude-3.5-sonnet`, a hub's model
 * page), or any URL's fragment (`pricing#gemini-2.5-pro`) or documentation
 * path (`/docs/models/gpt-4o`). A host that names an API or a local or
 * templated server (`generativelanguage.googleapis.com/.../models/x`,
 * `localhost:8000`, `{endpoint}`) makes the URL a call: a choice.
 */
static bool linked(const char *t, size_t start)
{
	static const char *const api[] = { "api", "localhost", "127.0.0.1", "0.0.0.0", "bedrock",
					   "azure", "inference", "endpoint", "aiplatform", "{", "$",
					   "<", "%", NULL };
	size_t i = start, h, e, k, n;
	while (i && !strchr(" \t\"'`()<>[]", t[i - 1]) && start - i < PC_ROLE_STEPS)
		i--;
	for (; i + 3 <= start; i++)
		if (!memcmp(t + i, "://", 3))
			break;
	if (i + 3 > start)
		return false;
	if (t[start - 1] == '#')
		return true;
	for (k = i; k + 6 <= start; k++)
		if (!memcmp(t + k, "/docs/", 6))
			return true;
	for (h = e = i + 3; e < start && t[e] != '/'; e++)
		;
	if (e == start)
		return false; /* the id is in the host */
	for (k = 0; api[k]; k++)
		for (n = strlen(api[k]), i = h; i + n <= e; i++)
			if (!strncasecmp(t + i, api[k], n))
				return false;
	return true;
}

/* The key of a `key: value` line (YAML, TOML with `=` aside), if the value
 * is text for people: description-like keys (SPEC section 1). */
static bool described(const char *t, size_t len, size_t start)
{
	static const char *const keys[] = { "description", "summary", "help", "placeholder",
					     "example", "examples", "title", "label", "text",
					     "comment", "note", "notes", "hint", "caption",
					     "tooltip", NULL };
	size_t i = 0, k, n;
	while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '-' || t[i] == '"' ||
			   t[i] == '\''))
		i++;
	for (k = 0; keys[k]; k++) {
		n = strlen(keys[k]);
		if (i + n < start && !memcmp(t + i, keys[k], n) && !is_word(t[i + n])) {
			size_t j = i + n;
			while (j < start && (t[j] == '"' || t[j] == '\'' || t[j] == ' '))
				j++;
			if (j < start && (t[j] == ':' || t[j] == '='))
				return true;
		}
	}
	return false;
}

/* --- lists and catalogs that span lines ------------------------------ */

/* Lines walked back from an item to its list's opening line. */
#define LIST_LINES 512
/* Lines keyed `id`, `name` or `slug` that make a file a catalog: more
 * than an application's menu of models offers (about a dozen). */
#define CATALOG_RECORDS 20

/* t[0, *n) without white space at either end. */
static const char *trimmed(const char *t, size_t *n)
{
	while (*n && (t[*n - 1] == ' ' || t[*n - 1] == '\t' || t[*n - 1] == '\r'))
		(*n)--;
	while (*n && (*t == ' ' || *t == '\t'))
		t++, (*n)--;
	return t;
}

static bool is_comment(const char *t, size_t n)
{
	return (n && t[0] == '#') || (n > 1 && t[0] == '/' && t[1] == '/');
}

/* Does the text t[0, n) (a map's key) name a model setting: `model`,
 * `modelId`, `default_model`, `engine`, `llm`? */
static bool model_key(const char *t, size_t n)
{
	static const char *const words[] = { "model", "engine", "llm", "default", NULL };
	size_t i, k, m;
	for (k = 0; words[k]; k++)
		for (m = strlen(words[k]), i = 0; i + m <= n; i++)
			if (!strncasecmp(t + i, words[k], m))
				return true;
	return false;
}

/*
 * Does the trimmed line t[0, n) hold list items and nothing else: string
 * literals and commas (`"o1", "o3",`, perhaps a comment after them, and
 * closing brackets when `closers`), a YAML sequence item that is not a
 * record (`- o3`), or a single word (a line of a multi-line string)? A
 * map's entries count as items (`"4": "gpt-4",`) unless keyed by a model
 * setting (`"model": "gpt-4o",` is a choice wherever it stands). When
 * `want` is not SIZE_MAX, one of the literals must open at t[want].
 */
/* The `}` that closes the object opening at t[i], or n when the line ends
 * first. */
static size_t object_end(const char *t, size_t i, size_t n)
{
	size_t depth = 0;
	char q = 0;
	for (; i < n; i++) {
		if (q) {
			if (t[i] == '\\')
				i++;
			else if (t[i] == q)
				q = 0;
		} else if (is_quote(t[i])) {
			q = t[i];
		} else if (t[i] == '{') {
			depth++;
		} else if (t[i] == '}' && !--depth) {
			return i;
		}
	}
	return n;
}

static bool items_line(const char *t, size_t n, bool closers, size_t want, bool nested)
{
	size_t i = 0, key = 0, keyn = 0, opens = 0;
	bool any = false, wanted = want == SIZE_MAX;
	if (n >= 2 && t[0] == '-' && t[1] == ' ') {
		for (i = 2; i + 1 < n; i++)
			if (t[i] == ':' && t[i + 1] == ' ')
				return false; /* `- name: o3`, a record */
		return t[2] != '{' && t[n - 1] != ':';
	}
	while (nested && i < n && (t[i] == '[' || t[i] == '(') && opens < 8)
		i = skip_fwd(t, i + 1, n), opens++; /* a group in a list: ("o3", "O3"), */
	while (i < n) {
		if (is_quote(t[i])) {
			char q = t[i];
			wanted = wanted || i == want;
			key = ++i;
			while (i < n && t[i] != q)
				i += t[i] == '\\' ? 2 : 1;
			if (i >= n)
				return false;
			keyn = i++ - key;
			any = true;
		} else if (t[i] == ',' || t[i] == ' ' || t[i] == '\t') {
			i++;
		} else if (t[i] == ':' && any && !model_key(t + key, keyn)) {
			i++; /* a map's entry, "4": "gpt-4", keyed by other than a model key */
		} else if (opens && (is_word(t[i]) || t[i] == '-' || t[i] == '.')) {
			/* a group's other values: ("o3", False), ("o1", 0.5, None) */
			while (i < n && (is_word(t[i]) || t[i] == '-' || t[i] == '.' || t[i] == '+'))
				i++;
		} else if (opens && t[i] == '{' && (i = object_end(t, i, n)) < n) {
			i++; /* ['gemini-1.5-flash', { vision: true }], */
		} else {
			break;
		}
	}
	if (any) {
		for (; opens && i < n && (t[i] == ']' || t[i] == ')'); opens--)
			i = skip_fwd(t, i + 1, n);
		if (opens)
			return false;
		while (i < n && strchr(")]};,:", t[i]) && (closers || t[i] == ','))
			i = skip_fwd(t, i + 1, n);
		return wanted && (i == n || is_comment(t + i, n - i));
	}
	for (i = 0; i < n; i++)
		if (!is_word(t[i]) && !strchr("-.:/@", t[i]))
			return false;
	return n > 0 && t[n - 1] != ':'; /* not a YAML key */
}

/* A word and its length, so that tables are compared at the cost of a
 * length test for most entries (role.c runs for every hit). */
typedef struct {
	const char *s;
	size_t n;
} word;

#define W(s) { s, sizeof(s) - 1 }

/* Is t[0, n) one of the words of `w` (ended by { NULL, 0 })? */
static bool one_of(const char *t, size_t n, const word *w)
{
	for (; w->s; w++)
		if (w->n == n && !memcmp(w->s, t, n))
			return true;
	return false;
}

/* Is the word t[0, n) one that says what is done with a list of models
 * (they are run, tried, compared, fallen back on), not what they are? */
static bool use_word(const char *t, size_t n)
{
	static const word words[] = {
		W("model"), W("models"), W("llm"), W("llms"), W("id"), W("ids"), W("name"),
		W("names"), W("list"), W("fallback"), W("fallbacks"), W("default"), W("defaults"),
		W("engine"), W("engines"), W("eval"), W("evals"), W("judge"), W("judges"),
		W("candidate"), W("candidates"), W("test"), W("tests"), W("to"), W("run"), W("use"),
		W("compare"), W("try"), W("order"), W("preferred"), W("primary"), W("backup"),
		W("backups"), W("retry"), W("provider"), W("providers"), W("target"), W("targets"),
		W("deployment"), W("deployments"), W("selected"), W("my"), W("agent"), W("agents"),
		{ NULL, 0 }
	};
	return one_of(t, n, words);
}

/* Does the word t[0, n) say that a list holds models? */
static bool models_word(const char *t, size_t n)
{
	static const word words[] = { W("model"), W("models"), W("llm"), W("llms"), W("ids"),
				      W("names"), W("engines"), { NULL, 0 } };
	return one_of(t, n, words);
}

/* The next word of the name t[0, n) from *i, which it advances: words
 * end at `_`, `-`, `.` and where a lower-case letter meets an upper-case
 * one (`reasoningModels`). The word goes lower-cased into w (its first wn
 * bytes) and its whole length into *k; false when no word is left. */
static bool next_word(const char *t, size_t n, size_t *i, char *w, size_t wn, size_t *k)
{
	size_t j = *i;
	while (j < n && (t[j] == '_' || t[j] == '-' || t[j] == '.'))
		j++;
	*i = j;
	if (j == n)
		return false;
	*k = 0;
	do {
		if (*k < wn)
			w[*k] = (char)(t[j] | 0x20);
		(*k)++;
		j++;
	} while (j < n && t[j] != '_' && t[j] != '-' && t[j] != '.' &&
		 !(t[j] >= 'A' && t[j] <= 'Z' && t[j - 1] >= 'a' && t[j - 1] <= 'z'));
	*i = j;
	return true;
}

/*
 * A list bound to the name t[0, n) is of mentions when the name says it
 * holds models and a word of it says what they are (`SUPPORTED_MODELS`,
 * `reasoningModels`, `OPENAI_MODELS`: a catalog or a capability set), and
 * of choices when every word says what is done with them (`models`,
 * `fallbacks`, `judge_models`, `MODELS_TO_TRY`) or the name says nothing
 * of models (`m = (`, `ms = [`). A JSON schema's `enum` (`oneOf`, ...)
 * lists the values a model key allows, and a menu's `choices` or `options`
 * what a user may pick (its default is the choice): mentions.
 */
static pc_role named_list(const char *t, size_t n)
{
	static const word schema[] = { W("enum"), W("oneOf"), W("anyOf"), W("const"),
				       W("examples"), { NULL, 0 } };
	static const word offered[] = { W("choices"), W("options"), { NULL, 0 } };
	char w[32];
	size_t i = 0, k;
	bool of_models = false, what = false;
	if (one_of(t, n, schema))
		return PC_ROLE_MENTION; /* a schema's allowed values */
	while (next_word(t, n, &i, w, sizeof(w), &k)) {
		if (k < sizeof(w) && one_of(w, k, offered))
			return PC_ROLE_MENTION; /* a menu's options: the default is chosen */
		of_models = of_models || (k < sizeof(w) && models_word(w, k));
		what = what || k >= sizeof(w) || !use_word(w, k);
	}
	return of_models && what ? PC_ROLE_MENTION : PC_ROLE_CHOICE;
}

/* The name bound by an assignment or key whose operator (`=`, `:`) is at
 * t[op]: `NAME = `, `NAME: list[str] = `, `"key": `, `key=`. Sets its
 * start and length; false when there is none. */
static bool bound_name(const char *t, size_t op, size_t *at, size_t *n)
{
	size_t i = op, k;
	if (t[op] == '=')
		for (k = op > PC_ROLE_STEPS ? op - PC_ROLE_STEPS : 0; k < op; k++)
			if (t[k] == ':' && t[k + 1] != ':' && (!k || t[k - 1] != ':')) {
				i = k; /* NAME: type = ... */
				break;
			}
	i = skip_back(t, i);
	while (i && is_quote(t[i - 1]))
		i--;
	k = i;
	while (i && (is_word(t[i - 1]) || t[i - 1] == '-'))
		i--;
	*at = i, *n = k - i;
	return k > i;
}

/* Is the literal before the one that opens at t[i] (in a list) a command
 * line's model option, `"-m"` or `"--model"`? */
static bool flag_before(const char *t, size_t i)
{
	size_t e;
	i = skip_back(t, i);
	if (!i || t[i - 1] != ',')
		return false;
	i = skip_back(t, i - 1);
	if (!i || !is_quote(t[i - 1]))
		return false;
	e = --i;
	while (i && t[i - 1] != t[e])
		i--;
	return (e - i == 2 && !memcmp(t + i, "-m", 2)) || (e - i == 7 && !memcmp(t + i, "--model", 7));
}

/* Is the call t[0, n) one that looks names up (`_model_context_windows(`,
 * `supports_vision(`, `get_price(`) rather than choosing with them? Its
 * name has a word of what models have, not of what is done with one. */
static bool lookup_call(const char *t, size_t n)
{
	static const word words[] = {
		W("window"), W("windows"), W("context"), W("price"), W("prices"), W("pricing"),
		W("cost"), W("costs"), W("limit"), W("limits"), W("supports"), W("supported"),
		W("capability"), W("capabilities"), W("features"), W("rates"), W("profile"),
		W("info"), { NULL, 0 }
	};
	char w[16];
	size_t i = 0, k;
	while (next_word(t, n, &i, w, sizeof(w), &k))
		if (k <= sizeof(w) && one_of(w, k, words))
			return true;
	return false;
}

/* Is the call t[0, n) one that makes a collection of its arguments (or,
 * a dataclass's or model's `field(default=[...])`, holds one)? */
static bool collection(const char *t, size_t n)
{
	static const char *const calls[] = { "set", "frozenset", "tuple", "list", "Set", "Array",
					      "of", "asList", "freeze", "sorted", "field", "Field",
					      NULL };
	size_t k;
	for (k = 0; calls[k]; k++)
		if (ends_with(t, n, calls[k], true))
			return true;
	return false;
}

/* The role of the items of a list that opens at t[b] (a bracket, or a
 * multi-line string's opening quotes) from what stands before it; -1 when
 * nothing there tells. */
static int opened_list(const char *t, size_t b, bool by_name)
{
	size_t i = b, w, at, n;
	if (compared_before(t, b))
		return PC_ROLE_MENTION; /* in (, in [ */
	for (w = b > PC_ROLE_STEPS ? b - PC_ROLE_STEPS : 0; w + 6 <= b; w++)
		if ((w + 11 <= b && !memcmp(t + w, "parametrize", 11)) || !memcmp(t + w, ".each(", 6))
			return PC_ROLE_MENTION; /* a test run once per name: it.each too */
	for (;;) { /* wrappers: frozenset({, new Set([, z.enum([, Literal[ */
		i = skip_back(t, i);
		if (i && (t[i - 1] == '(' || t[i - 1] == '[' || t[i - 1] == '{')) {
			i--;
			continue;
		}
		w = i;
		while (w && (is_word(t[w - 1]) || t[w - 1] == '.') && i - w < PC_ROLE_STEPS)
			w--;
		if (w == i || b - w >= PC_ROLE_STEPS)
			break;
		if (ends_with(t, i, "Literal", true) || ends_with(t, i, "Union", true) ||
		    ends_with(t, i, "enum", true) || ends_with(t, i, "Enum", true) ||
		    ends_with(t, i, "oneOf", true))
			return PC_ROLE_MENTION;
		if (!strchr("([{", t[i])) /* a name, not a call */
			break;
		if (t[i] == '(' && !collection(t + w, i - w)) /* arguments of a call */
			return lookup_call(t + w, i - w) || compared_before(t, i + 1) ?
				       PC_ROLE_MENTION : -1; /* startswith(("o1", "o3")) */
		i = skip_back(t, w);
		if (ends_with(t, i, "new", true))
			i -= 3;
	}
	i = skip_back(t, i);
	if (i > 1 && t[i - 1] == '=' && strchr("=!<>", t[i - 2]))
		return PC_ROLE_MENTION; /* compared: assert got == {...}, >= {...} */
	while (by_name && i && (t[i - 1] == '=' || t[i - 1] == ':') && bound_name(t, i - 1, &at, &n)) {
		static const word through[] = { W("lambda"), W("default"), W("default_factory"),
						{ NULL, 0 } };
		if (!one_of(t + at, n, through))
			return named_list(t + at, n);
		/* `default_factory=lambda: [`: the list is the value of a
		 * field bound further out, on this line or an earlier one */
		if (!(i = skip_back(t, at)))
			return -2;
		if (t[i - 1] == '(' && i - 1 < b)
			return opened_list(t, i - 1, by_name);
	}
	return -1;
}

/* The role of the items of the list whose opening line is the trimmed
 * t[0, n), -1 if it opens no list, or -2 if it is an opening bracket
 * alone, an item of a list opened further up (nested lists, a
 * decorator's arguments on lines of their own). */
static int opening_line(const char *t, size_t n, bool by_name)
{
	size_t b = list_start(t, n, n, NULL, NULL), at, len, i;
	if (b < n) {
		for (i = b; i && strchr(" \t([{", t[i - 1]); i--)
			;
		return i ? opened_list(t, b, by_name) : -2; /* a bracket alone: look further */
	}
	if (n > 1 && t[n - 1] == ':' && t[n - 2] != ':') /* a YAML key */
		return by_name && bound_name(t, n - 1, &at, &len) ? (int)named_list(t + at, len) : -1;
	if (n >= 3 && (!memcmp(t + n - 3, "\"\"\"", 3) || !memcmp(t + n - 3, "'''", 3)))
		return opened_list(t, before_prefix(t, n - 3), by_name);
	if (n && t[n - 1] == '`')
		return opened_list(t, n - 1, by_name);
	return -1;
}

/* The longest notebook source line read as code by the list walk. */
#define NB_LINE 512

static bool notebook(const pc_hit *h)
{
	size_t n = h->path ? strlen(h->path) : 0;
	return n > 6 && !strcmp(h->path + n - 6, ".ipynb");
}

/*
 * A notebook's source line is a JSON string, `"    \"o3\",\n",`: its code,
 * unescaped into buf (NB_LINE bytes) and trimmed, with its length in *n;
 * NULL when the line is not such a string (a cell's `"source": [`) or
 * is too long to read.
 */
static const char *nb_source(const char *t, size_t *n, char *buf)
{
	size_t e = *n, i, k = 0;
	if (e && t[e - 1] == ',')
		e--;
	if (e < 2 || t[0] != '"' || t[e - 1] != '"' || e - 2 > NB_LINE)
		return NULL;
	e--;
	if (e >= 3 && t[e - 2] == '\\' && t[e - 1] == 'n')
		e -= 2;
	for (i = 1; i < e; i++) {
		char c = t[i];
		if (c == '"')
			return NULL; /* two strings on the line: not one source line */
		if (c == '\\' && i + 1 < e) {
			c = t[++i];
			if (c == 't')
				c = '\t';
			else if (c == 'n' || c == 'r')
				c = ' ';
			else if (c != '"' && c != '\\' && c != '/')
				buf[k++] = '\\'; /* \uXXXX: kept as written */
		}
		buf[k++] = c;
	}
	*n = k;
	return trimmed(buf, n);
}

/*
 * An id on a line of list items whose list opened on an earlier line:
 *
 *	REASONING_MODELS = [          models:
 *	    "o1",                       - gpt-4o
 *	    "o3",                       - claude-sonnet-4-5
 *	]
 *
 * Back over items, blank lines and comments to the opening line, which
 * decides (opening_line). `open` is where the id's literal opens in the
 * line (SIZE_MAX: it is in none). -1 when the line is not such an item.
 */
static int list_across_lines(const pc_hit *h, pc_role_file *f, size_t open, bool nested)
{
	const char *t, *line;
	char here[NB_LINE], there[NB_LINE];
	size_t n = h->text_len, pos = h->line_pos, end, k;
	bool nb = notebook(h);
	size_t *c_line = f ? (nested ? &f->nest_line : &f->list_line) : NULL;
	int *c_role = f ? (nested ? &f->nest_role : &f->list_role) : NULL;
	bool *c_known = f ? (nested ? &f->nest_known : &f->list_known) : NULL;
	int role = -1;
	if (!h->file || !h->path)
		return -1;
	if (f && *c_known && *c_line == h->line_pos)
		return *c_role;
	if (f)
		f->steps += n;
	line = trimmed(h->text, &n);
	if (nb && !(line = nb_source(line, &n, here)))
		return -1;
	if (open != SIZE_MAX && !nb)
		open -= (size_t)(line - h->text);
	if (items_line(line, n, true, nb ? SIZE_MAX : open, nested)) {
		for (k = 0; k < LIST_LINES && pos; k++) {
			if (f && *c_known && *c_line == pos) {
				role = *c_role;
				break;
			}
			end = pos - 1; /* the '\n' before the line at pos */
			pos = end;
			while (pos && h->file[pos - 1] != '\n')
				pos--;
			n = end - pos;
			if (f)
				f->steps += n + 1;
			t = trimmed(h->file + pos, &n);
			if (nb && !(t = nb_source(t, &n, there)))
				break; /* the cell's first line */
			if (!n || is_comment(t, n) || items_line(t, n, false, SIZE_MAX, nested))
				continue;
			if ((role = opening_line(t, n, !nested)) != -2)
				break;
			role = -1;
		}
	}
	if (f) {
		*c_line = h->line_pos, *c_role = role;
		*c_known = true;
	}
	return role;
}

/* The key that starts the line t[0, len), if it is `id`, `name` or `slug`
 * and its value is after it, before `start`: 0, 1, 2, or -1. */
static int record_key(const char *t, size_t len, size_t start)
{
	static const char *const keys[] = { "id", "name", "slug" };
	size_t i = 0, n, j;
	int k;
	while (i < len && strchr(" \t-{\"'", t[i]))
		i++;
	for (k = 0; k < 3; k++) {
		n = strlen(keys[k]);
		if (i + n >= len || memcmp(t + i, keys[k], n) || is_word(t[i + n]))
			continue;
		j = i + n;
		while (j < len && (t[j] == '"' || t[j] == '\'' || t[j] == ' '))
			j++;
		if (j < len && j < start && (t[j] == ':' || t[j] == '='))
			return k;
	}
	return -1;
}

/*
 * A catalog is a list of records, one per model, each named by an `id`,
 * `name` or `slug` key: a JSON array of model objects, a YAML sequence of
 * model settings. Its names are mentions. A file is taken for a catalog
 * when CATALOG_RECORDS lines or more are keyed alike: a configuration
 * that chooses models names one or a few.
 */
static bool catalog_entry(const pc_hit *h, pc_role_file *f)
{
	int k = record_key(h->text, h->text_len < PC_ROLE_STEPS ? h->text_len : PC_ROLE_STEPS,
			   h->ref->start);
	long count = 0;
	size_t pos = 0, end;
	if (k < 0 || !h->file || !f)
		return false;
	if (f->records[k] < 0) {
		while (pos < h->file_len) {
			const char *nl = memchr(h->file + pos, '\n', h->file_len - pos);
			end = nl ? (size_t)(nl - h->file) : h->file_len;
			if (record_key(h->file + pos, end - pos, end - pos) == k)
				count++;
			pos = end + 1;
		}
		f->records[k] = count;
		f->steps += h->file_len;
	}
	return f->records[k] >= CATALOG_RECORDS;
}

/* Bytes and lines looked at on each side of a line for its object's other
 * keys: a response's keys sit near its model, and a file of a million
 * `model:` lines must cost no more than a few times its reading. */
#define RESPONSE_WINDOW 4096
#define RESPONSE_LINES 24

/* The indentation of the line t[0, n) and the map key it starts with
 * (`"key":`, `key:`, `- key:`, whose indentation is its key's): its start
 * and length; false when there is none (an
 * assignment, `key = `, is code, not a recorded object). */
static bool line_key(const char *t, size_t n, size_t *indent, size_t *at, size_t *len)
{
	size_t i = 0;
	if (n > PC_ROLE_STEPS) /* read no more than a role may */
		n = PC_ROLE_STEPS;
	while (i < n && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if (i + 1 < n && t[i] == '-' && t[i + 1] == ' ')
		i += 2; /* a YAML sequence's item opens the map: `- id: x` */
	*indent = i;
	while (i < n && (t[i] == '"' || t[i] == '\''))
		i++;
	*at = i;
	while (i < n && is_word(t[i]))
		i++;
	*len = i - *at;
	while (i < n && (t[i] == '"' || t[i] == '\'' || t[i] == ' '))
		i++;
	return *len && i < n && t[i] == ':';
}

/* Is t[0, n) a key an API response carries beside the model that answered? */
static bool response_key(const char *t, size_t n)
{
	static const word keys[] = { W("object"), W("created"), W("created_at"), W("choices"),
				     W("usage"), W("stop_reason"), W("finish_reason"),
				     W("system_fingerprint"), W("candidates"), W("usageMetadata"),
				     { NULL, 0 } };
	return one_of(t, n, keys);
}

/* Is t[0, n) a key of a table of model facts (what a model is, not how
 * it is called), or of a test's table of cases (what is `expected` of it)? */
static bool fact_key(const char *t, size_t n)
{
	static const word keys[] = {
		W("contextLength"), W("context_length"), W("contextWindow"), W("context_window"),
		W("max_input_tokens"), W("maxInputTokens"), W("displayName"), W("display_name"),
		W("regex"), W("input_cost_per_token"), W("output_cost_per_token"), W("inputPrice"),
		W("outputPrice"), W("input_price"), W("output_price"), W("pricing"),
		W("knowledgeCutoff"), W("knowledge_cutoff"), W("releaseDate"), W("release_date"),
		W("deprecation_date"), W("expected"), { NULL, 0 }
	};
	return one_of(t, n, keys);
}

/* Is t[0, n) a key of a model's settings for a call (a config's entry)? */
static bool call_key(const char *t, size_t n)
{
	static const word keys[] = { W("provider"), W("apiKey"), W("api_key"), W("apiBase"),
				     W("api_base"), W("baseUrl"), W("base_url"), W("temperature"),
				     W("roles"), W("messages"), W("prompt"), { NULL, 0 } };
	return one_of(t, n, keys);
}

/* Is the key t[0, n) one that names the model an object is about? */
static bool names_model(const char *t, size_t n)
{
	static const word keys[] = { W("model"), W("id"), W("name"), W("slug"), W("model_id"),
				     W("modelId"), W("model_name"), W("modelName"), { NULL, 0 } };
	return one_of(t, n, keys);
}

/*
 * The keys of the object whose key line holds the hit: lines of the same
 * indentation within RESPONSE_LINES lines and RESPONSE_WINDOW bytes either
 * way, before the object ends. Bit 1 is set when `a` accepts one of them,
 * bit 2 when `b` does (b may be NULL).
 */
static int sibling_keys(const pc_hit *h, size_t indent, bool (*a)(const char *, size_t),
			bool (*b)(const char *, size_t))
{
	size_t ind2, at2, n2, pos, end, lo, hi, k;
	int dir, found = 0;
	lo = h->line_pos > RESPONSE_WINDOW ? h->line_pos - RESPONSE_WINDOW : 0;
	hi = h->line_pos + h->text_len + RESPONSE_WINDOW;
	hi = hi < h->file_len ? hi : h->file_len;
	for (dir = -1; dir <= 1; dir += 2) {
		pos = h->line_pos;
		for (k = 0; k < RESPONSE_LINES; k++) {
			if (dir < 0) { /* the line before */
				if (pos <= lo)
					break;
				end = pos - 1;
				pos = end;
				while (pos > lo && h->file[pos - 1] != '\n')
					pos--;
			} else { /* the line after */
				const char *nl = memchr(h->file + pos, '\n', hi - pos);
				if (!nl)
					break;
				pos = (size_t)(nl - h->file) + 1;
				nl = memchr(h->file + pos, '\n', hi - pos);
				end = nl ? (size_t)(nl - h->file) : hi;
			}
			if (!line_key(h->file + pos, end - pos, &ind2, &at2, &n2)) {
				if (ind2 < end - pos && ind2 < indent)
					break; /* a line further out: the object ended */
				continue;
			}
			if (ind2 < indent)
				break;
			if (ind2 != indent)
				continue;
			if (a(h->file + pos + at2, n2))
				found |= 1;
			if (b && b(h->file + pos + at2, n2))
				found |= 2;
		}
	}
	return found;
}

static bool inline_response(const pc_hit *h)
{
	static const char *const marks[] = { "\"choices\"", "\"usage\"", "\"stop_reason\"",
					      "\"finish_reason\"", "\"response_id\"",
					      "\"system_fingerprint\"", "chatcmpl-", NULL };
	const char *t = h->text;
	size_t start = h->ref->start, lo, hi, i, j, k, n;
	for (i = start; i && start - i < 16 && (t[i - 1] == ' ' || is_quote(t[i - 1])); i--)
		;
	if (!i || t[i - 1] != ':')
		return false;
	j = skip_back(t, i - 1);
	if (j < 7 || memcmp(t + j - 7, "\"model\"", 7))
		return false;
	lo = start > PC_ROLE_STEPS ? start - PC_ROLE_STEPS : 0;
	hi = h->text_len - start > PC_ROLE_STEPS ? start + PC_ROLE_STEPS : h->text_len;
	for (k = 0; marks[k]; k++)
		for (n = strlen(marks[k]), i = lo; i + n <= hi; i++)
			if (t[i] == marks[k][0] && !memcmp(t + i, marks[k], n))
				return true;
	return false;
}

/*
 * A recorded or mocked API response names the model that answered: in
 * `{"object": "chat.completion", "model": "gpt-4o", "choices": [...]}`, or
 * a test's `httpx_mock.add_response(json={...})`, the model is data, not
 * a choice. The hit's line must be the object's `model` key, and another
 * key of the object (sibling_keys) one that only responses carry.
 */
static bool response_payload(const pc_hit *h)
{
	size_t indent, at, n;
	if (inline_response(h))
		return true;
	if (!h->file || !line_key(h->text, h->text_len, &indent, &at, &n) || n != 5 ||
	    memcmp(h->text + at, "model", 5) || at + n > h->ref->start)
		return false;
	return sibling_keys(h, indent, response_key, NULL) != 0;
}

/*
 * A model's entry in a table of model facts, `{ model: "gpt-4o",
 * contextLength: 128000, displayName: "GPT-4o", regex: /gpt-4o/ }`, is a
 * mention: the object names its model (model, id, name, ...) and another
 * key says what the model is. An entry that also carries a call's
 * settings (provider, apiKey, temperature) is a config's: a choice.
 */
static bool fact_record(const pc_hit *h)
{
	size_t indent, at, n;
	if (!h->file || !line_key(h->text, h->text_len, &indent, &at, &n) ||
	    !names_model(h->text + at, n) || at + n > h->ref->start)
		return false;
	return sibling_keys(h, indent, fact_key, call_key) == 1;
}

/*
 * An id in a regular expression literal, `regex: /^gpt-4o(-mini)?$/i` or
 * `m.match(/claude-3/)`: a `/` opens it where an operand may start (after
 * `:`, `=`, `(`, `,`, `[`, `!`, `&`, `|`, `?` or at the line's start), with
 * no white space or quote between it and the id, and a `/` closes it
 * after the id. `openai/gpt-4o` is a path, not a pattern.
 */
static bool regex_literal(const char *t, size_t len, size_t start, size_t end)
{
	size_t i = start, b;
	while (i && start - i < 128 && !strchr(" \t\"'`/", t[i - 1]))
		i--;
	if (!i || t[i - 1] != '/')
		return false;
	b = skip_back(t, i - 1);
	if (b && !strchr(":=(,[!&|?", t[b - 1]))
		return false;
	for (i = end; i < len && i - end < 128 && !strchr(" \t\"'`", t[i]); i++)
		if (t[i] == '/')
			return true;
	return false;
}

/* Does t[0, n) hold a word of letters? */
static bool words_before(const char *t, size_t n)
{
	size_t i, run = 0;
	for (i = 0; i < n; i++) {
		bool letter = (t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z');
		run = letter ? run + 1 : 0;
		if (run >= 2)
			return true;
	}
	return false;
}

/*
 * The literal that holds the one opening at t[open] when that one is
 * quoted inside it, as in a message `"... defaults to 'gpt-4o'."`: reading
 * the line forward, t[open] is in a literal of another quote. Its quotes
 * go to *o and *c; false when there is none on the line (or the line is
 * too long to read).
 */
static bool outer_literal(const char *t, size_t len, size_t open, size_t *o, size_t *c)
{
	size_t i;
	char q = 0;
	if (open > PC_ROLE_STEPS)
		return false;
	for (i = 0; i < open; i++) {
		if (q && t[i] == '\\')
			i++;
		else if (q && t[i] == q)
			q = 0;
		else if (!q && is_quote(t[i]))
			q = t[i], *o = i;
	}
	if (!q || q == t[open])
		return false;
	for (i = open + 1; i < len && i - open < PC_ROLE_STEPS; i++) {
		if (t[i] == '\\')
			i++;
		else if (t[i] == q)
			break;
	}
	*c = i;
	return i < len && t[i] == q;
}

void pc_role_file_init(pc_role_file *f)
{
	memset(f, 0, sizeof(*f));
	f->list_role = -1;
	f->records[0] = f->records[1] = f->records[2] = -1;
}

static pc_role role_of(const pc_hit *h, pc_role_file *f)
{
	const char *t = h->text;
	size_t len = h->text_len, open = h->ref->start, close = h->ref->end, list, head;
	char q;
	int across;
	bool escaped;

	/* what is read from the line's start (a key, `assert`) is near it */
	head = len < PC_ROLE_STEPS ? len : PC_ROLE_STEPS;
	if (h->prose || described(t, head, open) || linked(t, open))
		return PC_ROLE_PROSE;
	if (catalog_entry(h, f))
		return PC_ROLE_MENTION;
	if (response_payload(h))
		return PC_ROLE_DATA;
	if (fact_record(h) || regex_literal(t, len, h->ref->start, h->ref->end))
		return PC_ROLE_MENTION;
	/* the string literal around the id, on this line; one longer than
	 * PC_ROLE_STEPS either way is not read (the id is a choice) */
	while (open && !is_quote(t[open - 1]) && h->ref->start - open < PC_ROLE_STEPS)
		open--;
	if (f)
		f->steps += h->ref->start - open + 1;
	if (open && !is_quote(t[open - 1]))
		return PC_ROLE_CHOICE;
	if (!open) { /* not in a literal: a config value, a flag, a list's item */
		across = list_across_lines(h, f, SIZE_MAX, false);
		return across < 0 ? PC_ROLE_CHOICE : (pc_role)across;
	}
	q = t[--open];
	while (close < len && t[close] != q && close - h->ref->end < PC_ROLE_STEPS)
		close++;
	if (f)
		f->steps += close - h->ref->end + 1;
	if (close == len || t[close] != q)
		return PC_ROLE_CHOICE;
	if (in_text(t, open, close, h->ref->start) || exemplified(t, open))
		return PC_ROLE_PROSE;
	{
		size_t o = 0, c = 0;
		/* quoted in a message: words stand before it (a notebook's
		 * line is code in a JSON string, not one) */
		if (!notebook(h) && outer_literal(t, len, open, &o, &c) &&
		    words_before(t + o + 1, open - o - 1) && in_text(t, o, c, open + 1))
			return PC_ROLE_PROSE;
	}
	/* an escaped quote: code inside a JSON string (a notebook), whose
	 * lines are items of the notebook's list, not of the code's */
	escaped = open && t[open - 1] == '\\';
	if (escaped)
		open--;
	if (compared_before(t, open) || compared_after(t, close + 1, len, open) ||
	    asserted(t, head))
		return PC_ROLE_MENTION;
	/* an item of a list on this line: compared, typed, or named; an
	 * argument vector's `"-m", "gpt-4o"` is a choice */
	if ((list = list_start(t, open, len, h, f)) < len) {
		int named;
		if (flag_before(t, open))
			return PC_ROLE_CHOICE;
		if (f && f->bracket_known && f->bracket_line == h->line_pos &&
		    f->bracket_at == list)
			named = f->bracket_role; /* the same list as the last id's */
		else
			named = opened_list(t, list, true);
		/* a group that is an item of a list opened further up (a test's
		 * table of cases): the list's role, if what opens it says */
		if (named < 0 && entry_starts(t, list) && !(escaped && !notebook(h)))
			named = list_across_lines(h, f, SIZE_MAX, true);
		if (f) {
			f->steps += list < PC_ROLE_STEPS ? list : PC_ROLE_STEPS;
			f->bracket_line = h->line_pos, f->bracket_at = list, f->bracket_role = named;
			f->bracket_known = true;
		}
		return named < 0 ? PC_ROLE_CHOICE : (pc_role)named;
	}
	across = escaped && !notebook(h) ? -1 : list_across_lines(h, f, open, false);
	return across < 0 ? PC_ROLE_CHOICE : (pc_role)across;
}

/* A choice, unless a call around it says otherwise (role_call.c): the
 * calls are sought only for what would block. */
pc_role pc_role_of(const pc_hit *h, pc_role_file *f)
{
	pc_role role = role_of(h, f);
	int call;
	if (role != PC_ROLE_CHOICE)
		return role;
	call = pc_role_call(h, f ? &f->calls : NULL, f ? &f->steps : NULL);
	return call < 0 ? role : (pc_role)call;
}
