/*
 * trailer.c: the trailers of a commit message, found the way git 2.39 finds
 * them (git-interpret-trailers(1) --parse), written afresh from git's
 * documented and measured behaviour (LIBS.md section 3).
 *
 * Flow: a commit message (the commit-msg hook's file, or a stored commit)
 * → pc_trailers_parse → `Key: value` pairs → the eval gate looks for its
 * reference keys (Eval-Result: ...) with pc_trailer_key_is.
 *
 * The message is read in three passes over the bytes, with no line table,
 * so memory stays constant and time linear whatever the input:
 *  1. forward: find where the message stops (scissors line, `---` divider),
 *     the end of the title paragraph, and the run of blank, comment and old
 *     `Conflicts:` lines at the end, which git ignores;
 *  2. backward from there: the last paragraph is the trailer block if all
 *     its lines are trailers, or if it holds a line git generates
 *     (Signed-off-by, cherry-pick note) and at least 25% trailers;
 *  3. forward over the block: keys, values, continuation lines unfolded.
 *
 * Input choices (checked against git 2.39.5, see tests/unit/test_trailer.c):
 * - A NUL byte ends the message; git reads the message as a C string there.
 * - CRLF is read as LF, so values never end in '\r' and a CRLF scissors
 *   line still cuts. (git 2.39 keeps a '\r' inside an unfolded value and
 *   misses CRLF scissors and `Conflicts:` lines.)
 * - Whitespace is git's: space, tab, CR, LF (not \v or \f).
 * - With both a `---` divider and a scissors line, the first one wins;
 *   git 2.39.5 never returns when the divider comes first.
 * - No trailer.* configuration: separators are ":" only and only the
 *   built-in git-generated prefixes are recognised.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/trailer.h"

#define NONE SIZE_MAX

/* git's cut line (wt-status.c), after "<comment char> ". */
static const char scissors[] = "------------------------ >8 ------------------------";

/* Lines git itself writes; one of them lowers the bar to 25% trailers. */
static const char *const generated[] = { "Signed-off-by: ", "(cherry picked from commit " };

typedef struct {
	const char *p;
	size_t len;  /* without the '\n', nor a '\r' before it */
	size_t next; /* offset of the following line */
	bool eol;    /* ended by '\n' (git tests "---" and "Conflicts:" with it) */
} line;

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The line at byte `start`, whose end `eol` is a '\n' or the end `n`. */
static line make_line(const char *msg, size_t n, size_t start, size_t eol)
{
	line l = { msg + start, eol - start, eol < n ? eol + 1 : n, eol < n };
	if (eol < n && l.len && l.p[l.len - 1] == '\r')
		l.len--;
	return l;
}

static line line_at(const char *msg, size_t n, size_t start)
{
	const char *nl = memchr(msg + start, '\n', n - start);
	return make_line(msg, n, start, nl ? (size_t)(nl - msg) : n);
}

/* The line that ends just before `end` (a line start, or n), not before `lo`. */
static line line_before(const char *msg, size_t n, size_t lo, size_t end)
{
	size_t eol = end, start;
	if (end < n || (end > lo && msg[end - 1] == '\n'))
		eol = end - 1;
	start = eol;
	while (start > lo && msg[start - 1] != '\n')
		start--;
	return make_line(msg, n, start, eol);
}

static bool is_blank(line l)
{
	size_t i;
	for (i = 0; i < l.len; i++)
		if (!is_space(l.p[i]))
			return false;
	return true;
}

static bool is_comment(const pc_trailer_opts *o, line l)
{
	return o->comment_char && l.len && l.p[0] == o->comment_char;
}

/* Dropped before anything else: the cleanup mode removes comment lines. */
static bool is_stripped(const pc_trailer_opts *o, line l)
{
	return o->strip_comments && is_comment(o, l);
}

/* Does the message stop before this line (scissors line or patch divider)? */
static bool is_cut(const pc_trailer_opts *o, line l)
{
	if (o->cut_at_scissors && o->comment_char && l.len == sizeof(scissors) + 1 &&
	    l.p[0] == o->comment_char && l.p[1] == ' ' &&
	    !memcmp(l.p + 2, scissors, sizeof(scissors) - 1))
		return true;
	/* "---" then whitespace or a line break ("----" is prose, and so is
	 * "---" ending the message without a newline). */
	return o->divider && l.len >= 3 && !memcmp(l.p, "---", 3) &&
	       (l.len == 3 ? l.eol : is_space(l.p[3]));
}

static bool starts_with(line l, const char *prefix)
{
	size_t n = strlen(prefix);
	return l.len >= n && !memcmp(l.p, prefix, n);
}

/* Offset of the ':' of "^[A-Za-z0-9-]+[ \t]*:", or 0 if the line is no trailer. */
static size_t separator(line l)
{
	size_t i = 0;
	while (i < l.len && ((l.p[i] >= 'a' && l.p[i] <= 'z') || (l.p[i] >= 'A' && l.p[i] <= 'Z') ||
			     (l.p[i] >= '0' && l.p[i] <= '9') || l.p[i] == '-'))
		i++;
	if (i == 0)
		return 0;
	while (i < l.len && (l.p[i] == ' ' || l.p[i] == '\t'))
		i++;
	return i < l.len && l.p[i] == ':' ? i : 0;
}

/*
 * Pass 2: walk the last paragraph of [title_end, end) upwards and return the
 * offset of its first line if it is a trailer block, else NONE. Continuation
 * lines count for nothing after a trailer, as prose anywhere else.
 */
static size_t block_start(const char *msg, size_t n, size_t title_end, size_t end,
			  const pc_trailer_opts *o)
{
	size_t trailers = 0, prose = 0, continuations = 0, hi = end, i;
	bool recognised = false, at_end = true;

	while (hi > title_end) {
		line l = line_before(msg, n, title_end, hi);
		hi = (size_t)(l.p - msg);
		if (is_stripped(o, l))
			continue;
		if (is_comment(o, l)) {
			prose += continuations;
			continuations = 0;
			continue;
		}
		if (is_blank(l)) {
			if (at_end) /* whitespace-only lines left by pass 1 */
				continue;
			prose += continuations;
			if ((recognised && trailers * 3 >= prose) || (trailers && !prose))
				return l.next;
			return NONE;
		}
		at_end = false;
		for (i = 0; i < sizeof(generated) / sizeof(*generated); i++)
			if (starts_with(l, generated[i]))
				break;
		if (i < sizeof(generated) / sizeof(*generated) || separator(l)) {
			recognised = recognised || i < sizeof(generated) / sizeof(*generated);
			trailers++;
			continuations = 0;
		} else if (is_space(l.p[0])) {
			continuations++;
		} else {
			prose += 1 + continuations;
			continuations = 0;
		}
	}
	return NONE; /* nothing but blank and comment lines */
}

static char *trimmed_copy(const char *p, size_t len)
{
	while (len && is_space(*p))
		p++, len--;
	while (len && is_space(p[len - 1]))
		len--;
	return pc_strndup(p, len);
}

/* Pass 3: the block's trailers; prose and comment lines are skipped. */
static void read_block(pc_trailers *out, const char *msg, size_t n, size_t start, size_t end,
		       const pc_trailer_opts *o)
{
	pc_buf value = PC_BUF_INIT;
	pc_trailer *cur = NULL;
	size_t lineno = 1, off = 0, sep;
	const char *nl;

	while ((nl = memchr(msg + off, '\n', start - off)) != NULL) {
		lineno++;
		off = (size_t)(nl - msg) + 1;
	}
	for (off = start; off < end; lineno++) {
		line l = line_at(msg, n, off);
		off = l.next;
		if (is_stripped(o, l))
			continue;
		if (cur && l.len && is_space(l.p[0])) {
			/* Folded like git --unfold: the line break and the
			 * continuation's indent become one space. */
			size_t i = 0;
			while (i < l.len && is_space(l.p[i]))
				i++;
			pc_buf_putc(&value, ' ');
			pc_buf_put(&value, l.p + i, l.len - i);
			continue;
		}
		if (cur)
			cur->value = trimmed_copy(value.ptr, value.len);
		cur = NULL;
		if (is_comment(o, l) || !(sep = separator(l)))
			continue;
		PC_GROW(out->items, out->alloc, out->n + 1);
		cur = &out->items[out->n++];
		cur->key = trimmed_copy(l.p, sep);
		cur->line = lineno;
		pc_buf_clear(&value);
		pc_buf_put(&value, l.p + sep + 1, l.len - sep - 1);
	}
	if (cur)
		cur->value = trimmed_copy(value.ptr, value.len);
	pc_buf_free(&value);
}

/* Appends to `out`; a NULL `o` reads as PC_TRAILER_OPTS_STORED. */
void pc_trailers_parse(pc_trailers *out, const char *msg, size_t len, const pc_trailer_opts *o)
{
	static const pc_trailer_opts stored = PC_TRAILER_OPTS_STORED;
	const char *nul = len ? memchr(msg, '\0', len) : NULL;
	size_t n = nul ? (size_t)(nul - msg) : len;
	size_t off = 0, title_end = NONE, run = 0, start, end;
	bool conflicts = false;

	if (!o)
		o = &stored;
	/* Pass 1. */
	while (off < n) {
		line l = line_at(msg, n, off);
		if (is_cut(o, l))
			break;
		if (!is_stripped(o, l)) {
			bool comment = is_comment(o, l);
			if (title_end == NONE && !comment && is_blank(l))
				title_end = off;
			/* The trailing run git ignores: empty and comment
			 * lines, old `Conflicts:` lists of tab-indented paths.
			 * Whitespace-only lines end it (pass 2 skips them).
			 * run == 0 means none, as in git, so a run starting
			 * the message is none and leaves `conflicts` set. */
			if (comment || !l.len) {
				if (!run)
					run = off;
			} else if (l.eol && l.len == 10 && !memcmp(l.p, "Conflicts:", 10)) {
				conflicts = true;
				if (!run)
					run = off;
			} else if ((!conflicts || l.p[0] != '\t') && run) {
				run = 0;
				conflicts = false;
			}
		}
		off = l.next;
	}
	end = run ? run : off;
	/* The title paragraph is never trailers. */
	if (title_end == NONE || title_end >= end)
		return;
	start = block_start(msg, n, title_end, end, o);
	if (start != NONE)
		read_block(out, msg, n, start, end, o);
}

bool pc_trailer_key_is(const pc_trailer *t, const char *key)
{
	const char *a;
	if (!t || !t->key || !key)
		return false;
	for (a = t->key; *a && *key; a++, key++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char y = *key >= 'A' && *key <= 'Z' ? (char)(*key - 'A' + 'a') : *key;
		if (x != y)
			return false;
	}
	return *a == *key;
}

void pc_trailers_free(pc_trailers *t)
{
	size_t i;
	for (i = 0; i < t->n; i++) {
		free(t->items[i].key);
		free(t->items[i].value);
	}
	free(t->items);
	t->items = NULL;
	t->n = t->alloc = 0;
}
