/*
 * lexer.c: which bytes of a file are prose (SPEC section 1, see lexer.h).
 *
 * Flow: source (file bytes) -> lexer (prose mask) -> matcher. The matcher
 * drops a model id whose first byte is prose, so a mention in a comment, a
 * docstring, a Markdown paragraph or a notebook output never becomes a
 * finding. The decision is lexical: one linear pass over the whole file per
 * lexical family, no allocation (but one copy of a notebook Markdown cell,
 * lexer_notebook.c). Every scanner is bounded by `len`, treats
 * the input as bytes (NULs and invalid UTF-8 are ordinary bytes) and degrades
 * instead of failing: a quote that does not close ends with its line, so one
 * stray apostrophe cannot flip the rest of the file. Lines end at '\n'; the
 * '\r' of a CRLF is just a blank byte before it.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <stdbool.h>
#include "pincheck/lexer.h"
#include "lexer_internal.h"

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Identifier bytes; non-ASCII counts, as most languages allow it. */
static bool is_ident(unsigned char c)
{
	return is_alnum(c) || c == '_' || c >= 0x80;
}

static bool is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Index of the '\n' that ends the line holding buf[i], or len. */
static size_t line_end(const char *buf, size_t len, size_t i)
{
	const char *nl = i < len ? memchr(buf + i, '\n', len - i) : NULL;
	return nl ? (size_t)(nl - buf) : len;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Is s[0..n) one of the space-separated words of `list` (ASCII case-insensitive)? */
static bool word_in(const char *list, const char *s, size_t n)
{
	while (*list) {
		size_t w = strcspn(list, " "), k;
		if (w == n) {
			for (k = 0; k < n && lower(s[k]) == list[k]; k++)
				;
			if (k == n)
				return true;
		}
		list += w;
		list += strspn(list, " ");
	}
	return false;
}

/*
 * End (exclusive) of the quoted string that opens at buf[i]. With `esc` a
 * backslash hides the next byte, a newline included (a continued line). An
 * unescaped newline ends the string (before it) unless `multi`; an unclosed
 * multi-line string runs to the end of the buffer.
 */
static size_t quoted_end(const char *buf, size_t len, size_t i, bool esc, bool multi)
{
	char q = buf[i];
	for (i++; i < len; i++) {
		if (esc && buf[i] == '\\') {
			if (i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n')
				i++;
			i++;
		} else if (buf[i] == q) {
			return i + 1;
		} else if (buf[i] == '\n' && !multi) {
			return i;
		}
	}
	return len;
}

/* End of the triple-quoted string opening at buf[i], or 0 if it never closes. */
static size_t triple_end(const char *buf, size_t len, size_t i, bool esc)
{
	char q = buf[i];
	for (i += 3; i < len; i++) {
		if (esc && buf[i] == '\\')
			i++;
		else if (buf[i] == q && i + 2 < len && buf[i + 1] == q && buf[i + 2] == q)
			return i + 3;
	}
	return 0;
}

static bool triple_at(const char *buf, size_t len, size_t i)
{
	return i + 2 < len && buf[i + 1] == buf[i] && buf[i + 2] == buf[i];
}

/* ---- `#` family: shell, YAML, TOML, Ruby, Makefile, Dockerfile, Perl, R; .env ---- */

/* Does the line at buf[i] start with `word`, followed by a blank or its end? */
static bool line_starts(const char *buf, size_t len, size_t i, const char *word)
{
	size_t n = strlen(word);
	if (i > len || len - i < n || memcmp(buf + i, word, n))
		return false;
	return i + n == len || buf[i + n] == '\n' || is_blank((unsigned char)buf[i + n]);
}

/*
 * Ruby's =begin ... =end and Perl's POD (=pod, =head1, ... up to =cut) are
 * block comments of whole lines starting in column 0. Returns the end of the
 * block's last line, or i when none opens at buf[i].
 */
static size_t hash_block_end(const char *buf, size_t len, size_t i)
{
	static const char *const pod[] = { "=pod", "=head1", "=head2", "=head3",
		"=head4", "=over", "=item", "=encoding", "=for" };
	const char *close = NULL;
	size_t k;
	if (line_starts(buf, len, i, "=begin"))
		close = "=end";
	for (k = 0; !close && k < sizeof(pod) / sizeof(pod[0]); k++)
		if (line_starts(buf, len, i, pod[k]))
			close = "=cut";
	if (!close)
		return i;
	for (k = line_end(buf, len, i); k < len; k = line_end(buf, len, k + 1))
		if (line_starts(buf, len, k + 1, close))
			return line_end(buf, len, k + 1);
	return len;
}

/*
 * A `#` starts a comment only at the start of a line or after a blank:
 * `url: http://x/#frag`, `key: a#b`, `${#var}` and `$#` are values. A quote
 * opens a string only where a word starts and is not escaped (`don\'t`),
 * because YAML plain scalars and Makefile text are full of apostrophes
 * (`it's`); for the same reason strings end with their line, except TOML's
 * """ and ''' which span lines when they close somewhere. Shell and YAML
 * '...' have no backslash escapes.
 */
static void lex_hash(unsigned char *mask, const char *buf, size_t len)
{
	size_t i = 0, e;

	while (i < len) {
		unsigned char c = (unsigned char)buf[i];
		unsigned char before = i ? (unsigned char)buf[i - 1] : '\n';

		if (c == '=' && before == '\n' && (e = hash_block_end(buf, len, i)) > i) {
			fill(mask, i, e, 1);
			i = e;
		} else if (c == '#' && (before == '\n' || is_blank(before))) {
			e = line_end(buf, len, i);
			fill(mask, i, e, 1);
			i = e;
		} else if ((c == '"' || c == '\'') && !is_alnum(before) && before != '\\') {
			bool dq = c == '"';
			/* After a failed search no opener is left: it stays linear. */
			e = triple_at(buf, len, i) ? triple_end(buf, len, i, dq) : 0;
			i = e ? e : quoted_end(buf, len, i, dq, false);
		} else {
			i++;
		}
	}
}

/* ---- Python ---- */

/* Length of a string prefix (r, b, f, rb, ...) at buf[i] followed by a quote, else 0. */
static size_t py_prefix(const char *buf, size_t len, size_t i)
{
	size_t n = 0;
	while (n < 2 && i + n < len && buf[i + n] && strchr("rRbBuUfF", buf[i + n]))
		n++;
	if (n && i + n < len && (buf[i + n] == '"' || buf[i + n] == '\''))
		return n;
	return 0;
}

/*
 * Skip the string literal at buf[start] (its quote is at buf[q]). `stmt`: it
 * opens a logical line outside brackets, so it is an expression statement
 * that nothing reads, a docstring: prose. A triple-quoted one is a docstring
 * whatever follows it; a one-line one only when nothing but a comment
 * follows. A string after `=`, `(` or `,` (a prompt template) stays code.
 */
static size_t py_string(unsigned char *mask, const char *buf, size_t len,
	size_t start, size_t q, bool stmt)
{
	size_t e;
	if (triple_at(buf, len, q)) {
		e = triple_end(buf, len, q, true);
		if (!e)
			e = len;
	} else {
		e = quoted_end(buf, len, q, true, false);
		if (stmt) {
			size_t k = e;
			while (k < len && is_blank((unsigned char)buf[k]))
				k++;
			stmt = k == len || buf[k] == '\n' || buf[k] == '#';
		}
	}
	if (stmt)
		fill(mask, start, e, 1);
	return e;
}

static void lex_python(unsigned char *mask, const char *buf, size_t len)
{
	size_t i = 0, depth = 0, p = 0;
	bool first = true; /* nothing but blanks yet on this logical line */
	bool cont = false; /* this physical line ends with a backslash */

	while (i < len) {
		unsigned char c = (unsigned char)buf[i];
		if (c == '\n') {
			/* Inside brackets or after a backslash the logical line goes on. */
			first = depth == 0 && !cont;
			cont = false;
			i++;
		} else if (is_blank(c)) {
			i++;
		} else if (c == '#') {
			size_t e = line_end(buf, len, i);
			fill(mask, i, e, 1);
			i = e;
		} else if (c == '"' || c == '\'' || (p = py_prefix(buf, len, i)) > 0) {
			size_t q = (c == '"' || c == '\'') ? i : i + p;
			i = py_string(mask, buf, len, i, q, first && depth == 0);
			first = false;
		} else if (is_ident(c)) {
			/* Skip whole words: a prefix is only a prefix at a word start. */
			while (i < len && is_ident((unsigned char)buf[i]))
				i++;
			first = false;
		} else {
			if (c == '(' || c == '[' || c == '{')
				depth++;
			else if ((c == ')' || c == ']' || c == '}') && depth)
				depth--;
			else if (c == '\\')
				cont = (i + 1 < len && buf[i + 1] == '\n') ||
					(i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n');
			first = false;
			i++;
		}
	}
}

/* ---- C family: C, C++, Java, JS/TS, Go, Rust, C#, Kotlin, Swift, PHP, Scala ---- */

/*
 * `'` opens a char literal ('a', '\n', '\u{1F600}'), a JS/PHP string, or
 * nothing: a Rust lifetime or label ('a, 'outer) or a C++14 digit separator
 * (1'000). A quote that does not close on its line opens nothing, and a pair
 * like 'a ... 'b (the closing quote glued to a word) is two lifetimes.
 * Returns the end of the literal, or i. *memo: no closing quote before it.
 */
static size_t c_squote_end(const char *buf, size_t len, size_t i, size_t *memo)
{
	size_t k, n;
	unsigned char c;
	if ((i > 0 && is_digit((unsigned char)buf[i - 1])) || i + 1 >= len)
		return i;
	c = (unsigned char)buf[i + 1];
	if (c == '\\') {
		for (k = i + 3; k < len && k < i + 12 && buf[k] != '\n'; k++)
			if (buf[k] == '\'')
				return k + 1;
	} else if (c != '\'' && c != '\n') {
		n = c < 0xc0 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2; /* one UTF-8 char */
		if (i + 1 + n < len && buf[i + 1 + n] == '\'')
			return i + 2 + n;
	}
	if (i < *memo)
		return i;
	for (k = i + 1; k < len && buf[k] != '\n' && buf[k] != '\''; k++)
		if (buf[k] == '\\')
			k++;
	if (k >= len || buf[k] != '\'') {
		*memo = k;
		return i;
	}
	if ((is_alnum(c) || c == '_') && k + 1 < len && is_ident((unsigned char)buf[k + 1]))
		return i;
	return k + 1;
}

/* A JS regex literal /.../ opening at buf[i], ending on its line; i if none. */
static size_t c_regex_end(const char *buf, size_t len, size_t i)
{
	bool cls = false;
	size_t k;
	for (k = i + 1; k < len && buf[k] != '\n'; k++) {
		if (buf[k] == '\\')
			k++;
		else if (buf[k] == '[')
			cls = true;
		else if (buf[k] == ']')
			cls = false;
		else if (buf[k] == '/' && !cls)
			return k + 1;
	}
	return i;
}

/*
 * Strings that start with a word or '@' at buf[i]: Rust r"..", r#".."#,
 * br"..", C++ R"d(..)d" (also u8R, uR, UR, LR) and C# @"..", @$"..". They
 * have no backslash escapes and span lines. Returns the end, or 0 if none.
 */
static size_t c_raw_end(const char *buf, size_t len, size_t i)
{
	size_t k = i, h = 0, d, n;
	if (buf[k] == '@') {
		if (++k < len && buf[k] == '$')
			k++;
		if (k >= len || buf[k] != '"')
			return 0;
		for (k++; k < len; k++) {
			if (buf[k] == '"' && k + 1 < len && buf[k + 1] == '"')
				k++; /* "" is an escaped quote */
			else if (buf[k] == '"')
				return k + 1;
		}
		return len;
	}
	if (buf[k] == 'b' && k + 1 < len && buf[k + 1] == 'r')
		k++;
	if (buf[k] == 'r') {
		for (k++; k < len && buf[k] == '#' && h < 255; k++)
			h++;
		if (k >= len || buf[k] != '"')
			return 0;
		for (k++; k < len; k++) {
			if (buf[k] != '"')
				continue;
			for (n = 0; n < h && k + 1 + n < len && buf[k + 1 + n] == '#'; n++)
				;
			if (n == h)
				return k + 1 + h;
		}
		return len;
	}
	if (buf[k] == 'u' && k + 1 < len && buf[k + 1] == '8')
		k += 2;
	else if (buf[k] == 'u' || buf[k] == 'U' || buf[k] == 'L')
		k++;
	if (k + 1 >= len || buf[k] != 'R' || buf[k + 1] != '"')
		return 0;
	d = k + 2; /* delimiter: up to 16 bytes before '(' */
	for (n = 0; d + n < len && n <= 16 && buf[d + n] != '('; n++)
		if (strchr(" )\\\t\n\"", buf[d + n]) || !buf[d + n])
			return 0;
	if (d + n >= len || buf[d + n] != '(')
		return 0;
	for (k = d + n + 1; k < len; k++)
		if (buf[k] == ')' && k + 1 + n < len && !memcmp(buf + k + 1, buf + d, n) &&
			buf[k + 1 + n] == '"')
			return k + 2 + n;
	return len;
}

/*
 * The text of a JS template literal from buf[i], just after its backtick or
 * after the '}' that closes a ${...}: returns the index after the closing
 * backtick, or after a "${" with *expr set, where code starts again (and may
 * hold `nested ${templates}`). Go raw strings read the same way.
 */
static size_t c_template_end(const char *buf, size_t len, size_t i, bool *expr)
{
	*expr = false;
	for (; i < len; i++) {
		if (buf[i] == '\\') {
			i++;
		} else if (buf[i] == '`') {
			return i + 1;
		} else if (buf[i] == '$' && i + 1 < len && buf[i + 1] == '{') {
			*expr = true;
			return i + 2;
		}
	}
	return len;
}

/* After these bytes a '/' starts a JS regex; in other C-family languages no
 * valid code puts a '/' there, so the guess is safe for them. */
static bool regex_may_follow(unsigned char prev)
{
	return prev && strchr("(,=:[!&|?{};", prev);
}

/*
 * One lexer for the whole family: the union of their string syntaxes is
 * mostly unambiguous ("""text blocks""", `templates` and Go raw strings,
 * Rust and C++ raw strings, C# verbatim strings). Block comments do not nest:
 * a C comment may well hold a slash-star (a path glob), and a nested Rust
 * comment read flat leaves code, never hides it.
 */
static void lex_cfamily(unsigned char *mask, const char *buf, size_t len)
{
	size_t i = 0, e, sq_memo = 0, re_memo = 0;
	size_t tpl[32], ntpl = 0; /* open ${...}: braces open inside each */
	unsigned char prev = ';';  /* last code byte outside comments and blanks */

	while (i < len) {
		unsigned char c = (unsigned char)buf[i];
		unsigned char next = i + 1 < len ? (unsigned char)buf[i + 1] : 0;
		bool expr = false;

		if (c == '/' && next == '/') {
			e = line_end(buf, len, i);
			fill(mask, i, e, 1);
			i = e;
			continue;
		}
		if (c == '/' && next == '*') {
			for (e = i + 2; e < len && !(buf[e] == '*' && e + 1 < len && buf[e + 1] == '/'); e++)
				;
			e = e < len ? e + 2 : len;
			fill(mask, i, e, 1);
			i = e;
			continue;
		}
		e = i;
		if (c == '"' && triple_at(buf, len, i)) {
			e = triple_end(buf, len, i, true);
			if (!e)
				e = len;
		} else if (c == '"') {
			e = quoted_end(buf, len, i, true, false);
		} else if (c == '`' || (c == '}' && ntpl && !tpl[ntpl - 1])) {
			if (c == '}')
				ntpl--; /* a ${...} closes: back to template text */
			e = c_template_end(buf, len, i + 1, &expr);
			if (expr && ntpl < sizeof(tpl) / sizeof(tpl[0]))
				tpl[ntpl++] = 0;
		} else if (c == '\'') {
			e = c_squote_end(buf, len, i, &sq_memo);
		} else if (c == '/' && regex_may_follow(prev) && i >= re_memo) {
			e = c_regex_end(buf, len, i);
			if (e == i) /* no closing slash on this line: none later either */
				re_memo = line_end(buf, len, i);
		} else if (c == '@' || (is_ident(c) && (i == 0 || !is_ident((unsigned char)buf[i - 1])))) {
			e = c_raw_end(buf, len, i);
			if (!e)
				e = i;
		}
		if (e > i) {
			prev = expr ? '{' : '"';
			i = e;
		} else if (is_ident(c)) {
			size_t s = i;
			while (i < len && is_ident((unsigned char)buf[i]))
				i++;
			/* `return /re/`: the one keyword a JS regex often follows. */
			prev = i - s == 6 && !memcmp(buf + s, "return", 6) ? '(' : 'a';
		} else {
			if (ntpl && c == '{')
				tpl[ntpl - 1]++;
			else if (ntpl && c == '}')
				tpl[ntpl - 1]--; /* not 0: that '}' resumed the template */
			if (!is_blank(c) && c != '\n')
				prev = c;
			i++;
		}
	}
}

/* ---- Markdown ---- */

static void lex_lang(unsigned char *mask, pc_lang lang, const char *buf, size_t len);

/*
 * The fence run (3+ backticks or tildes) that opens the line [s, e), after
 * blanks and blockquote markers; 0 if none. A backtick fence's info string
 * cannot hold a backtick (```x``` is inline code). *after: end of the run.
 */
static size_t md_fence(const char *buf, size_t s, size_t e, char *ch, size_t *after)
{
	size_t k = s, n = 0;
	while (k < e && (buf[k] == ' ' || buf[k] == '\t' || buf[k] == '>'))
		k++;
	if (k >= e || (buf[k] != '`' && buf[k] != '~'))
		return 0;
	*ch = buf[k];
	while (k + n < e && buf[k + n] == *ch)
		n++;
	*after = k + n;
	if (n < 3 || (*ch == '`' && memchr(buf + k + n, '`', e - k - n)))
		return 0;
	return n;
}

/* What a fenced block (or a <code class="language-X">) holds. */
enum block_kind {
	BLOCK_CODE,    /* code of a language (all code when unknown) */
	BLOCK_SHELL,   /* shell commands: bash, sh, ... */
	BLOCK_CONSOLE, /* a terminal session: `$ ` commands and their output */
	BLOCK_OUTPUT,  /* text, output: prose */
	BLOCK_NONE,    /* no language */
};

/* The first word of an info string (```python, ~~~ts {.x}, ``` {.bash}). */
static size_t info_word(const char *buf, size_t e, size_t *k)
{
	size_t n;
	while (*k < e && (is_blank((unsigned char)buf[*k]) || buf[*k] == '{' || buf[*k] == '.'))
		(*k)++;
	for (n = 0; *k + n < e && !is_blank((unsigned char)buf[*k + n]) && buf[*k + n] != '{' &&
		    buf[*k + n] != ',' && buf[*k + n] != '`' && buf[*k + n] != '}'; n++)
		;
	return n;
}

/* The language an info string [k, e) names, by the names Markdown
 * renderers know; PC_LANG_PLAIN if none or unknown (then the block is all
 * code). *kind: what the block holds. */
static pc_lang fence_lang(const char *buf, size_t k, size_t e, enum block_kind *kind)
{
	static const struct {
		const char *name;
		pc_lang lang;
	} names[] = {
		{ "python", PC_LANG_PYTHON }, { "py", PC_LANG_PYTHON }, { "python3", PC_LANG_PYTHON },
		{ "ipython", PC_LANG_PYTHON }, { "yaml", PC_LANG_HASH },
		{ "yml", PC_LANG_HASH }, { "toml", PC_LANG_HASH }, { "ruby", PC_LANG_HASH },
		{ "rb", PC_LANG_HASH }, { "dockerfile", PC_LANG_HASH }, { "makefile", PC_LANG_HASH },
		{ "r", PC_LANG_HASH }, { "dotenv", PC_LANG_ENV }, { "env", PC_LANG_ENV },
		{ "js", PC_LANG_CFAMILY }, { "javascript", PC_LANG_CFAMILY }, { "jsx", PC_LANG_CFAMILY },
		{ "ts", PC_LANG_CFAMILY }, { "typescript", PC_LANG_CFAMILY }, { "tsx", PC_LANG_CFAMILY },
		{ "c", PC_LANG_CFAMILY }, { "cpp", PC_LANG_CFAMILY }, { "c++", PC_LANG_CFAMILY },
		{ "java", PC_LANG_CFAMILY }, { "go", PC_LANG_CFAMILY }, { "rust", PC_LANG_CFAMILY },
		{ "rs", PC_LANG_CFAMILY }, { "csharp", PC_LANG_CFAMILY }, { "cs", PC_LANG_CFAMILY },
		{ "kotlin", PC_LANG_CFAMILY }, { "swift", PC_LANG_CFAMILY }, { "php", PC_LANG_CFAMILY },
		{ "scala", PC_LANG_CFAMILY }, { "jsonc", PC_LANG_CFAMILY }, { "json5", PC_LANG_CFAMILY },
		{ "html", PC_LANG_MARKUP }, { "xml", PC_LANG_MARKUP }, { "svg", PC_LANG_MARKUP },
		{ "vue", PC_LANG_MARKUP }, { "svelte", PC_LANG_MARKUP },
	};
	size_t i, n = info_word(buf, e, &k);
	*kind = BLOCK_CODE;
	if (!n) {
		*kind = BLOCK_NONE;
		return PC_LANG_PLAIN;
	}
	if (word_in("bash sh shell zsh ksh fish", buf + k, n)) {
		*kind = BLOCK_SHELL;
		return PC_LANG_HASH;
	}
	if (word_in("console shell-session sh-session shellsession terminal", buf + k, n)) {
		*kind = BLOCK_CONSOLE;
		return PC_LANG_HASH;
	}
	if (word_in("text txt plaintext plain output out stdout stderr log none nohighlight ansi",
		    buf + k, n)) {
		*kind = BLOCK_OUTPUT;
		return PC_LANG_PLAIN;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == n && !strncasecmp(buf + k, names[i].name, n))
			return names[i].lang;
	return PC_LANG_PLAIN;
}

/* The first non-blank byte of the line [s, e). */
static size_t first_byte(const char *buf, size_t s, size_t e)
{
	while (s < e && is_blank((unsigned char)buf[s]))
		s++;
	return s;
}

/* A terminal prompt opening the line [s, e): `$ cmd` or `% cmd`; returns
 * where the command starts, or s when the line has no prompt. */
static size_t prompt_end(const char *buf, size_t s, size_t e)
{
	size_t k = first_byte(buf, s, e);
	if (k < e && (buf[k] == '$' || buf[k] == '%') &&
	    (k + 1 == e || is_blank((unsigned char)buf[k + 1])))
		return k + 1;
	return s;
}

/* Does the line [s, e) start with a box-drawing character (U+2500 to
 * U+257F: the tables and trees CLIs print)? Such a line is output. */
static bool box_line(const char *buf, size_t s, size_t e)
{
	size_t k = first_byte(buf, s, e);
	return e - k >= 3 && (unsigned char)buf[k] == 0xe2 &&
	       ((unsigned char)buf[k + 1] == 0x94 || (unsigned char)buf[k + 1] == 0x95);
}

/* Does any line of the block start with a prompt? */
static bool has_prompt(const char *buf, size_t len)
{
	size_t s = 0, e;
	for (; s < len; s = e + 1) {
		e = line_end(buf, len, s);
		if (prompt_end(buf, s, e) > s)
			return true;
	}
	return false;
}

/* A terminal session: the command after each prompt (and the lines it
 * continues onto with a trailing `\`) is shell code; every other line is
 * what the command printed: prose. */
static void lex_console(unsigned char *mask, const char *buf, size_t len)
{
	size_t s = 0, e, c, t;
	fill(mask, 0, len, 1);
	while (s < len) {
		e = line_end(buf, len, s);
		c = prompt_end(buf, s, e);
		if (c == s) {
			s = e + 1;
			continue;
		}
		for (;;) { /* a continued command: cmd \ */
			for (t = e; t > c && is_blank((unsigned char)buf[t - 1]); t--)
				;
			if (t == c || buf[t - 1] != '\\' || e >= len)
				break;
			e = line_end(buf, len, e + 1);
		}
		fill(mask, c, e, 0);
		lex_hash(mask + c, buf + c, e - c);
		s = e + 1;
	}
}

/* Shell or an untagged block: box-drawing lines are output (prose); the
 * runs of lines between them are lexed as `lang`. */
static void lex_unboxed(unsigned char *mask, pc_lang lang, const char *buf, size_t len)
{
	size_t s = 0, run = 0, e;
	while (s < len) {
		e = line_end(buf, len, s);
		if (box_line(buf, s, e)) {
			lex_lang(mask + run, lang, buf + run, s - run);
			fill(mask, s, e < len ? e + 1 : len, 1);
			run = e < len ? e + 1 : len;
		}
		s = e + 1;
	}
	if (run < len)
		lex_lang(mask + run, lang, buf + run, len - run);
}

/*
 * The content of a fenced block [0, len) of kind `kind`: code of its
 * language (so its comments are prose), except what a terminal printed.
 * `output`: the block shows a command's output or generated text (it
 * follows a shell block, or lies in a generated region): prose unless it
 * has prompts.
 */
static void lex_block(unsigned char *mask, enum block_kind kind, pc_lang lang, const char *buf,
		      size_t len, bool output)
{
	fill(mask, 0, len, 0);
	if (kind == BLOCK_OUTPUT) {
		fill(mask, 0, len, 1);
	} else if (kind == BLOCK_CONSOLE ||
		   ((kind == BLOCK_SHELL || kind == BLOCK_NONE) && has_prompt(buf, len))) {
		lex_console(mask, buf, len);
	} else if (output) {
		fill(mask, 0, len, 1);
	} else if (kind == BLOCK_SHELL || kind == BLOCK_NONE) {
		lex_unboxed(mask, lang, buf, len);
	} else {
		lex_lang(mask, lang, buf, len);
	}
}

void pc_lex_fenced(unsigned char *mask, const char *buf, size_t len, const char *info, size_t ilen)
{
	enum block_kind kind;
	pc_lang lang = fence_lang(info, 0, ilen, &kind);
	if (lang == PC_LANG_MARKUP || (kind == BLOCK_CODE && lang == PC_LANG_PLAIN))
		fill(mask, 0, len, 1); /* markup shown in markup, or an unknown language: prose */
	else
		lex_block(mask, kind, lang, buf, len, false);
}

/* Does the line [s, e) hold `lit`? */
static bool line_has(const char *buf, size_t s, size_t e, const char *lit)
{
	size_t n = strlen(lit);
	const char *p;
	while (s + n <= e && (p = memchr(buf + s, lit[0], e - s - n + 1))) {
		if (!memcmp(p, lit, n))
			return true;
		s = (size_t)(p - buf) + 1;
	}
	return false;
}

/* Does an HTML comment open the line [s, e) (after up to 3 spaces)
 * without closing on it? Then, as CommonMark says, it runs to the line
 * that holds `-->`, and a fence inside it is part of the comment. */
static bool comment_opens(const char *buf, size_t s, size_t e)
{
	size_t k = s;
	while (k < e && k - s < 3 && buf[k] == ' ')
		k++;
	return e - k >= 4 && !memcmp(buf + k, "<!--", 4) && !line_has(buf, k + 4, e, "-->");
}

/* Does the line [s, e) introduce what follows as output: "Example
 * output:", "This prints:"? Then the block after it is what a program
 * printed, whatever its language tag (```yaml of a log, ```json of a
 * response). */
static bool output_intro(const char *buf, size_t s, size_t e)
{
	static const char *const ends[] = { "output:", "outputs:", "prints:", "printed:", NULL };
	size_t k, n;
	while (e > s && is_blank((unsigned char)buf[e - 1]))
		e--;
	for (k = 0; ends[k]; k++) {
		n = strlen(ends[k]);
		if (e - s >= n && !strncasecmp(buf + e - n, ends[k], n) &&
		    (e - s == n || !isalnum((unsigned char)buf[e - n - 1])))
			return true;
	}
	return false;
}

enum { COG_NONE, COG_CODE, COG_OUT };

/* Cog (a generator of files' text: `[[[cog ... ]]]`, then the generated
 * output up to `[[[end]]]`, often a CLI's output): the state after the
 * line [s, e). */
static int cog_after(const char *buf, size_t s, size_t e, int cog)
{
	if (line_has(buf, s, e, "[[[end]]]"))
		return COG_NONE;
	if (line_has(buf, s, e, "[[[cog"))
		cog = COG_CODE;
	if (cog == COG_CODE && line_has(buf, s, e, "]]]"))
		cog = COG_OUT;
	return cog;
}

/*
 * Everything is prose but the inside of fenced code blocks, lexed by the
 * block's kind (lex_block): code of its language, whose comments are prose
 * (`# talks to gpt-4o` in a ```python block); what a terminal printed, and
 * text or output blocks, are prose. An untagged block right after a shell
 * block (only blank lines or comments between) shows that command's output;
 * so does an untagged block in a region cog generated, and any block but a
 * shell's after a line such as "Example output:". HTML comments are prose with
 * any fence in them. An unclosed fence runs to the end, as CommonMark says.
 */
static void lex_markdown(unsigned char *mask, const char *buf, size_t len)
{
	size_t s = 0, open = 0, after = 0, n, k, code = 0, prev_s = 0, prev_e = 0;
	pc_lang lang = PC_LANG_PLAIN;
	enum block_kind kind = BLOCK_CODE;
	bool comment = false, after_shell = false, output = false;
	int cog = COG_NONE;
	char fch = 0, ch = 0;

	fill(mask, 0, len, 1);
	while (s < len) {
		size_t e = line_end(buf, len, s), next = e < len ? e + 1 : len;
		if (comment) {
			comment = !line_has(buf, s, e, "-->");
			cog = cog_after(buf, s, e, cog);
			s = next;
			continue;
		}
		n = md_fence(buf, s, e, &ch, &after);
		if (!open) {
			if (n) {
				open = n;
				fch = ch;
				code = next;
				lang = fence_lang(buf, after, e, &kind);
				output = (kind == BLOCK_NONE && (cog == COG_OUT || after_shell)) ||
					 (kind != BLOCK_SHELL && kind != BLOCK_CONSOLE &&
					  output_intro(buf, prev_s, prev_e));
			} else if ((comment = comment_opens(buf, s, e))) {
				cog = cog_after(buf, s, e, cog);
			} else {
				cog = cog_after(buf, s, e, cog);
				if (first_byte(buf, s, e) < e && !line_has(buf, s, e, "<!--"))
					after_shell = false;
				if (first_byte(buf, s, e) < e)
					prev_s = s, prev_e = e;
			}
			s = next;
			continue;
		}
		for (k = after; n && k < e && is_blank((unsigned char)buf[k]); k++)
			;
		if (n >= open && ch == fch && k == e) {
			open = 0;
			lex_block(mask + code, kind, lang, buf + code, s - code, output);
			after_shell = kind == BLOCK_SHELL || kind == BLOCK_CONSOLE;
			prev_s = prev_e = 0;
		} else {
			fill(mask, s, next, 0);
		}
		s = next;
	}
	if (open && code < len)
		lex_block(mask + code, kind, lang, buf + code, len - code, output);
}

/* `buf` lexed as `lang`: the whole of a file, a fenced block of
 * Markdown or a script of markup (whose languages never include Markdown,
 * nor markup in markup), a notebook's Markdown cell. */
static void lex_lang(unsigned char *mask, pc_lang lang, const char *buf, size_t len)
{
	switch (lang) {
	case PC_LANG_HASH:
	case PC_LANG_ENV:
		lex_hash(mask, buf, len);
		break;
	case PC_LANG_PYTHON:
		lex_python(mask, buf, len);
		break;
	case PC_LANG_CFAMILY:
		lex_cfamily(mask, buf, len);
		break;
	case PC_LANG_MARKDOWN:
		lex_markdown(mask, buf, len);
		break;
	case PC_LANG_NOTEBOOK:
		pc_lex_notebook(mask, buf, len);
		break;
	case PC_LANG_PROSE:
		fill(mask, 0, len, 1);
		break;
	case PC_LANG_MARKUP:
		pc_lex_markup(mask, buf, len);
		break;
	case PC_LANG_PLAIN:
	case PC_LANG_JSON:
	default:
		break;
	}
}

void pc_lex_lang(unsigned char *mask, pc_lang lang, const char *buf, size_t len)
{
	fill(mask, 0, len, 0);
	lex_lang(mask, lang, buf, len);
}

/* ---- public API ---- */

void pc_lex_prose(unsigned char *mask, pc_lang lang, const char *buf, size_t len)
{
	if (!mask || !len)
		return;
	fill(mask, 0, len, 0);
	if (buf)
		lex_lang(mask, lang, buf, len);
}

/* File names and extensions of each family, as lists of words. */
struct lang_words {
	pc_lang lang;
	const char *words;
};

static const struct lang_words by_ext[] = {
	{ PC_LANG_PYTHON, "py pyi pyw pyx" },
	{ PC_LANG_HASH, "sh bash zsh ksh fish yml yaml toml rb rake gemspec pl pm r "
		"mk mak cmake dockerfile jl ex exs cfg conf ini" },
	{ PC_LANG_CFAMILY, "c h cc cpp cxx c++ hpp hh hxx h++ ino cu cuh m mm java js jsx "
		"mjs cjs ts tsx mts cts go rs cs kt kts swift php scala sc groovy gradle "
		"dart proto zig jsonc json5" },
	{ PC_LANG_MARKDOWN, "md markdown mdx mkd mdown" },
	{ PC_LANG_NOTEBOOK, "ipynb" },
	{ PC_LANG_JSON, "json jsonl ndjson geojson" },
	{ PC_LANG_PROSE, "rst adoc asciidoc" },
	{ PC_LANG_MARKUP, "html htm xhtml shtml xml svg vue svelte xsl xslt plist" },
	{ PC_LANG_PLAIN, "txt" },
};

static const struct lang_words by_name[] = {
	{ PC_LANG_HASH, "dockerfile containerfile makefile gnumakefile rakefile gemfile "
		"vagrantfile podfile brewfile justfile cmakelists.txt requirements.txt "
		".bashrc .bash_profile .zshrc .profile .envrc .gitignore .dockerignore "
		".gitattributes .editorconfig" },
	{ PC_LANG_CFAMILY, "jenkinsfile" },
	{ PC_LANG_MARKDOWN, "llms.txt llms-full.txt" },
};

/* The family a `#!` first line names (`#!/usr/bin/env -S python3 -u`). */
static pc_lang shebang_lang(const char *buf, size_t len)
{
	size_t e, i = 2, w, b, n;
	bool env = false;

	if (!buf || len < 3 || buf[0] != '#' || buf[1] != '!')
		return PC_LANG_PLAIN;
	e = line_end(buf, len, 0);
	while (i < e) {
		while (i < e && is_blank((unsigned char)buf[i]))
			i++;
		for (w = b = i; i < e && !is_blank((unsigned char)buf[i]); i++)
			if (buf[i] == '/')
				b = i + 1;
		n = i - b;
		if (w == i)
			break;
		if (!env && n == 3 && !memcmp(buf + b, "env", 3)) {
			env = true;
			continue;
		}
		if (env && (buf[w] == '-' || memchr(buf + w, '=', i - w)))
			continue; /* env's options and VAR=value */
		while (n && (is_digit((unsigned char)buf[b + n - 1]) || buf[b + n - 1] == '.'))
			n--; /* python3.12 -> python */
		if (word_in("python pypy", buf + b, n))
			return PC_LANG_PYTHON;
		if (word_in("sh bash zsh ksh dash ash mksh fish ruby perl rscript", buf + b, n))
			return PC_LANG_HASH;
		if (word_in("node nodejs deno bun ts-node", buf + b, n))
			return PC_LANG_CFAMILY;
		break;
	}
	return PC_LANG_PLAIN;
}

/* Does `path` lie in a folder named `dir` (ASCII case-insensitive), at any depth? */
static bool in_dir(const char *path, const char *base, const char *dir)
{
	size_t n = strlen(dir);
	const char *p;
	for (p = path; p + n < base; p++)
		if ((p == path || p[-1] == '/') && !strncasecmp(p, dir, n) && p[n] == '/')
			return true;
	return false;
}

/*
 * Files that are text for people whatever their format: GitHub's issue,
 * discussion and pull-request templates and forms (a model named there is
 * an example for the reporter), and a documentation site's sitemap
 * (sitemap.py is code). llms.txt is Markdown (its format says so), so its
 * fenced examples are code like any document's.
 */
static bool prose_by_path(const char *path, const char *base, size_t n)
{
	return in_dir(path, base, "ISSUE_TEMPLATE") || in_dir(path, base, "DISCUSSION_TEMPLATE") ||
	       in_dir(path, base, "PULL_REQUEST_TEMPLATE") ||
	       (n >= 21 && !strncasecmp(base, "pull_request_template", 21)) ||
	       word_in("sitemap.xml sitemap.yaml sitemap.yml sitemap.json sitemap.txt", base, n);
}

pc_lang pc_lang_detect(const char *path, const char *buf, size_t len)
{
	const char *base, *dot;
	size_t n, k;

	if (!path)
		return shebang_lang(buf, len);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	n = strlen(base);
	if (prose_by_path(path, base, n))
		return PC_LANG_PROSE;
	/* .env, .env.local, prod.env */
	if ((n >= 4 && !memcmp(base, ".env", 4) && (n == 4 || base[4] == '.')) ||
		(n > 4 && !memcmp(base + n - 4, ".env", 4)))
		return PC_LANG_ENV;
	for (k = 0; k < sizeof(by_name) / sizeof(by_name[0]); k++)
		if (word_in(by_name[k].words, base, n))
			return by_name[k].lang;
	if (n > 11 && word_in("dockerfile.", base, 11))
		return PC_LANG_HASH; /* Dockerfile.dev */
	dot = strrchr(base, '.');
	if (dot && dot != base)
		for (k = 0; k < sizeof(by_ext) / sizeof(by_ext[0]); k++)
			if (word_in(by_ext[k].words, dot + 1, strlen(dot + 1)))
				return by_ext[k].lang;
	return shebang_lang(buf, len);
}
