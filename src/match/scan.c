/*
 * scan.c: lexer + matcher over one file (see scan.h); JSON files and
 * notebooks are matched with their needless escapes decoded (below).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/limits.h"
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/lexer.h"
#include "pincheck/scan.h"

#define EXCERPT_BEFORE 160

char *pc_source_excerpt(const char *text, size_t len, size_t start, size_t *col)
{
	size_t from = 0, n = len, i;
	const char *nul;
	if (len > PC_EXCERPT_MAX) {
		from = start > EXCERPT_BEFORE ? start - EXCERPT_BEFORE : 0;
		n = len - from < PC_EXCERPT_MAX ? len - from : PC_EXCERPT_MAX;
	}
	/* A NUL would end the excerpt early, and a report would then place
	 * the match past its end: keep to the NUL-free part around it. */
	for (i = start; i > from; i--) {
		if (!text[i - 1]) {
			n -= i - from;
			from = i;
			break;
		}
	}
	if (start < from + n && (nul = memchr(text + start, '\0', from + n - start)))
		n = (size_t)(nul - text) - from;
	*col = start - from + 1;
	return pc_strndup(text + from, n);
}

/* `pincheck:allow` in a comment suppresses every finding on its line;
 * `pincheck:allow[ID,ID]` only those rules. In a string literal it is
 * data, not a suppression (`prose` is the line's slice of the mask). */
static const char allow_tag[] = "pincheck:allow";

/* Where the line's first `pincheck:allow` starts, or len if none: found
 * once per line, so a line of many matches stays linear. */
static size_t first_tag(const char *line, size_t len)
{
	const size_t tlen = sizeof(allow_tag) - 1;
	const char *p = line, *end = line + len;
	while ((size_t)(end - p) >= tlen && (p = memchr(p, 'p', (size_t)(end - p) - tlen + 1))) {
		if (!memcmp(p, allow_tag, tlen))
			return (size_t)(p - line);
		p++;
	}
	return len;
}

static bool suppressed(const char *line, size_t len, size_t from, const unsigned char *prose,
		       const char *rule_id)
{
	const char *tag = allow_tag;
	const size_t tlen = sizeof(allow_tag) - 1;
	size_t i = from;
	while (i + tlen <= len) {
		const char *p = memchr(line + i, 'p', len - i);
		size_t at, j, idlen;
		if (!p)
			return false;
		at = (size_t)(p - line);
		if (at + tlen > len)
			return false;
		if (memcmp(p, tag, tlen) || !prose[at]) {
			i = at + 1;
			continue;
		}
		j = at + tlen;
		if (j >= len || line[j] != '[')
			return true;
		idlen = strlen(rule_id);
		for (j++; j < len && line[j] != ']';) {
			size_t s;
			while (j < len && (line[j] == ' ' || line[j] == ','))
				j++;
			s = j;
			while (j < len && line[j] != ',' && line[j] != ']' && line[j] != ' ')
				j++;
			if (j - s == idlen && !memcmp(line + s, rule_id, idlen))
				return true;
		}
		i = j;
	}
	return false;
}

/* Is a reference at byte `at` of the file inside the span of a mask rule
 * of another provider? The masked structure is judged by its own
 * provider's rules (an Azure block's upgrade option still counts). */
static bool masked(const pc_ref *masks, size_t n, size_t at, const pc_rule *r)
{
	size_t i;
	for (i = 0; i < n && masks[i].start <= at; i++)
		if (at < masks[i].end && strcmp(masks[i].rule->provider, r->provider))
			return true;
	return false;
}

/* Which bytes of the file are prose, decided from the whole file. */
static unsigned char *lex(const char *path, const char *buf, size_t len)
{
	unsigned char *prose = pc_malloc(len ? len : 1);
	pc_lex_prose(prose, pc_lang_detect(path, buf, len), buf, len);
	return prose;
}

/* One file being scanned. */
typedef struct {
	const char *path, *buf;
	size_t len;
	bool want_prose;
	pc_hit_cb cb;
	void *payload;
	unsigned char *prose; /* lexed on the first reference: most files have none */
	const pc_ref *masks;  /* the matcher's, until pc_match_file_done */
	size_t nmasks;
} scanner;

/* One line of the file: where it starts, its text (without CR LF), its
 * number, and where its first `pincheck:allow` is. */
typedef struct {
	size_t pos, text_len, lineno, tag_at;
} line_at;

/* Hand the reference `r` (offsets into the line), at byte `at` of the
 * file, to the callback, unless it is prose nobody asked for. */
static int emit(scanner *s, const line_at *l, const pc_ref *r, size_t at)
{
	pc_hit h;
	if (!s->prose)
		s->prose = lex(s->path, s->buf, s->len);
	h.path = s->path;
	h.line = l->lineno;
	h.col = r->start + 1;
	h.ref = r;
	h.text = s->buf + l->pos;
	h.text_len = l->text_len;
	h.file = s->buf;
	h.file_len = s->len;
	h.line_pos = l->pos;
	h.prose = s->prose[at] != 0;
	if (h.prose && !s->want_prose)
		return 0;
	h.suppressed = suppressed(h.text, l->text_len, l->tag_at, s->prose + l->pos, r->rule->id);
	return s->cb(&h, s->payload);
}

/* The references of the line's own rules, outside other providers' masks. */
/* A multiline rule's reference, reported on its first line. Both ends are
 * clipped to the line's text: a match may go on past it, and may even
 * start in its CRLF terminator (a pattern beginning with \n), which must
 * not give a span that ends before it starts. */
static int file_ref(scanner *s, const line_at *l, const pc_ref *r)
{
	pc_ref local = *r;
	if (r->start < l->pos)
		return 0;
	local.start = r->start - l->pos < l->text_len ? r->start - l->pos : l->text_len;
	local.end = r->end - l->pos < l->text_len ? r->end - l->pos : l->text_len;
	return emit(s, l, &local, r->start);
}

/* Does a reference of the other pass, among o[0, no) (absolute offsets
 * when `base` is 0, else offsets into the line at base), overlap
 * [start, end) and win over it: longer, or as long when `ties`? Line
 * rules and multiline rules compete as SPEC section 1 says, the longest
 * match winning, though they are matched in separate passes. */
static bool beaten(const pc_ref *o, size_t no, size_t base, size_t start, size_t end, bool ties)
{
	size_t i;
	for (i = 0; i < no; i++) {
		size_t os = base + o[i].start, oe = base + o[i].end;
		if (os < end && start < oe &&
		    (oe - os > end - start || (ties && oe - os == end - start)))
			return true;
	}
	return false;
}

/* The line rules' references on the line at l, less those a multiline
 * rule's reference f[0, nf) beats; then those multiline references that
 * start on it, less those a line reference beats. */
static int line_refs(scanner *s, pc_matcher *m, const line_at *l, const pc_ref *f, size_t nf)
{
	const pc_ref *refs;
	int i, n, err;
	size_t k;
	if ((n = pc_match_file_line(m, l->pos, l->text_len, &refs)) < 0) {
		char why[1024];
		snprintf(why, sizeof(why), "%s", pc_error_last());
		return pc_error_set(PC_ERUNTIME, "%s:%zu: %s", s->path, l->lineno, why);
	}
	for (i = 0; i < n; i++)
		if (!masked(s->masks, s->nmasks, l->pos + refs[i].start, refs[i].rule) &&
		    !beaten(f, nf, 0, l->pos + refs[i].start, l->pos + refs[i].end, true) &&
		    (err = emit(s, l, &refs[i], l->pos + refs[i].start)) < 0)
			return err;
	for (k = 0; k < nf; k++)
		if (!beaten(refs, (size_t)n, l->pos, f[k].start, f[k].end, false) &&
		    (err = file_ref(s, l, &f[k])) < 0)
			return err;
	return 0;
}

static int scan(pc_matcher *m, const char *path, const char *buf, size_t len,
		const size_t *lines, size_t nlines, bool want_prose, pc_hit_cb cb, void *payload)
{
	scanner s = { path, buf, len, want_prose, cb, payload, NULL, NULL, 0 };
	line_at l = { 0, 0, 0, 0 };
	size_t li = 0, fi = 0, fj, nfile = 0;
	pc_ref *file_refs = NULL;
	const pc_ref *refs;
	int err = 0, n;

	/* Multiline rules see the whole file; keep their references (the
	 * matcher reuses its arrays) and report each on its first line. */
	if ((n = pc_match_file(m, buf, len, &refs)) < 0) {
		char why[1024];
		snprintf(why, sizeof(why), "%s", pc_error_last());
		pc_match_file_done(m);
		return pc_error_set(PC_ERUNTIME, "%s: %s", path, why);
	}
	if (n == 0 && pc_match_file_next(m, 0) == SIZE_MAX) {
		/* No keyword of any rule in the file: nothing to lex or match,
		 * which is most files of most repositories. */
		pc_match_file_done(m);
		return 0;
	}
	if (n > 0) {
		nfile = (size_t)n;
		file_refs = pc_malloc(nfile * sizeof(*file_refs));
		memcpy(file_refs, refs, nfile * sizeof(*file_refs));
	}
	s.nmasks = pc_match_file_masks(m, &s.masks);
	while (l.pos < len && (!lines || li < nlines) && err >= 0) {
		size_t next = pc_match_file_next(m, l.pos), end;
		const char *nl;

		if (fi < nfile && file_refs[fi].start < next)
			next = file_refs[fi].start;
		if (next == SIZE_MAX)
			break; /* nothing more in this file */
		/* lines before the one of the next keyword: count them, no more */
		for (;;) {
			nl = memchr(buf + l.pos, '\n', len - l.pos);
			end = nl ? (size_t)(nl - buf) : len;
			if (lines || end >= next || end + 1 >= len)
				break;
			l.lineno++;
			l.pos = end + 1;
		}
		l.lineno++;
		if (lines && lines[li] != l.lineno) { /* not an added line */
			while (fi < nfile && file_refs[fi].start <= end)
				fi++;
			l.pos = end + 1;
			continue;
		}
		while (lines && li < nlines && lines[li] == l.lineno)
			li++;
		l.text_len = end - l.pos;
		if (l.text_len && buf[l.pos + l.text_len - 1] == '\r')
			l.text_len--;
		l.tag_at = first_tag(buf + l.pos, l.text_len);
		for (fj = fi; fj < nfile && file_refs[fj].start <= end; fj++)
			;
		err = line_refs(&s, m, &l, fj > fi ? file_refs + fi : NULL, fj - fi);
		fi = fj;
		l.pos = end + 1;
	}
	pc_match_file_done(m);
	free(file_refs);
	free(s.prose);
	return err;
}

/*
 * Notebooks and JSON files are read decoded: Jupyter runs `m = "gpt-4\u006f"`
 * as gpt-4o, and a JSON config's reader sees `"mode\u006c": "gpt-4\u006f"`
 * as a model key. JSON writers (nbformat among them) use \uXXXX only for
 * control and non-ASCII characters, so an escape of a printable ASCII
 * character, or `\/`, is spelled that way for no reason of the format's. The
 * file is scanned as a copy with those escapes decoded (a quote or a
 * backslash becomes `\"` or `\\`, so the copy is the same JSON and lexes
 * alike; newlines stay escaped, so lines keep their numbers), and each
 * hit's column is mapped back to the raw file, since columns count the
 * file's bytes (SPEC section 3). The line a report shows is the decoded one.
 */
typedef struct {
	char *text;     /* the decoded copy */
	size_t len;
	size_t *at;     /* decoded offsets after which the copy is shorter */
	size_t *shrunk; /* ... by this many bytes in all, up to and with at[i] */
	size_t n, alloc;
	pc_hit_cb cb;
	void *payload;
} json_plain;

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The printable ASCII character a `\u00XX` at p spells, or -1. */
static int ascii_escape(const char *p, size_t avail)
{
	int hi, lo;
	if (avail < 6 || p[0] != '\\' || p[1] != 'u' || p[2] != '0' || p[3] != '0')
		return -1;
	if ((hi = hex_digit(p[4])) < 0 || (lo = hex_digit(p[5])) < 0)
		return -1;
	return hi * 16 + lo >= 0x20 && hi * 16 + lo < 0x7f ? hi * 16 + lo : -1;
}

/* A quick look before the copy: is there a `\/` or `\u00` at all? */
static bool maybe_escapes(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	while ((p = memchr(p, '\\', (size_t)(end - p))) && end - p > 1) {
		if (p[1] == '/' || (p[1] == 'u' && end - p > 3 && p[2] == '0' && p[3] == '0'))
			return true;
		p += 2;
	}
	return false;
}

/* Decode the file's gratuitous escapes; false when it has none. One
 * pass; strings end as the lexer ends them (a quote, or a raw newline). */
static bool json_plain_new(json_plain *np, const char *buf, size_t len)
{
	size_t i = 0, run = 0, total = 0, raw_n, dec_n;
	pc_buf out = PC_BUF_INIT;
	bool in_str = false;
	int c;
	memset(np, 0, sizeof(*np));
	if (!maybe_escapes(buf, len))
		return false;
	pc_buf_grow(&out, len);
	for (i = 0; i < len; i += raw_n) {
		raw_n = 1;
		if (!in_str || buf[i] != '\\') {
			if (buf[i] == '"' || buf[i] == '\n')
				in_str = !in_str && buf[i] == '"';
			continue;
		}
		pc_buf_put(&out, buf + run, i - run); /* the bytes before the escape */
		if ((c = ascii_escape(buf + i, len - i)) >= 0) {
			raw_n = 6;
			dec_n = c == '"' || c == '\\' ? 2 : 1;
			if (dec_n == 2)
				pc_buf_putc(&out, '\\');
			pc_buf_putc(&out, (char)c);
		} else if (i + 1 < len && buf[i + 1] == '/') {
			raw_n = 2, dec_n = 1;
			pc_buf_putc(&out, '/');
		} else { /* any other escape stays as it is, both bytes */
			raw_n = dec_n = i + 1 < len ? 2 : 1;
			pc_buf_put(&out, buf + i, raw_n);
		}
		run = i + raw_n;
		if (raw_n != dec_n) {
			PC_GROW(np->at, np->alloc, np->n + 1);
			np->shrunk = pc_realloc(np->shrunk, np->alloc * sizeof(*np->shrunk));
			total += raw_n - dec_n;
			np->at[np->n] = out.len - 1;
			np->shrunk[np->n++] = total;
		}
	}
	if (!np->n) {
		pc_buf_free(&out);
		free(np->at);
		free(np->shrunk);
		return false;
	}
	pc_buf_put(&out, buf + run, len - run);
	np->len = out.len;
	np->text = pc_buf_detach(&out);
	return true;
}

/* The raw file offset of the decoded copy's byte `d`: d plus what the
 * escapes before it saved (a binary search over the escapes). */
static size_t json_raw_offset(const json_plain *np, size_t d)
{
	size_t lo = 0, hi = np->n;
	while (lo < hi) { /* the first escape at or after d */
		size_t mid = lo + (hi - lo) / 2;
		if (np->at[mid] < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return d + (lo ? np->shrunk[lo - 1] : 0);
}

bool pc_scan_decodes(const char *path, const char *buf, size_t len)
{
	pc_lang lang = pc_lang_detect(path, buf, len);
	return lang == PC_LANG_NOTEBOOK || lang == PC_LANG_JSON;
}

size_t pc_scan_raw_span(const char *raw, size_t avail, const char *text, size_t n)
{
	size_t i = 0, k = 0;
	int c;
	while (k < n && i < avail) {
		if ((c = ascii_escape(raw + i, avail - i)) >= 0 && c != '"' && c != '\\')
			i += 6;
		else if (raw[i] == '\\' && i + 1 < avail && raw[i + 1] == '/') {
			c = '/';
			i += 2;
		} else if (raw[i] != '\\')
			c = (unsigned char)raw[i++];
		else
			return 0; /* an escape the scan keeps as it is */
		if (c != (unsigned char)text[k++])
			return 0;
	}
	return k == n ? i : 0;
}

static int json_plain_hit(const pc_hit *h, void *payload)
{
	const json_plain *np = payload;
	pc_hit raw = *h;
	size_t line = (size_t)(h->text - np->text);
	raw.col = json_raw_offset(np, line + h->ref->start) - json_raw_offset(np, line) + 1;
	return np->cb(&raw, np->payload);
}

int pc_scan_buffer(pc_matcher *m, const char *path, const char *buf, size_t len,
		   const size_t *lines, size_t nlines, bool want_prose, pc_hit_cb cb,
		   void *payload)
{
	pc_lang lang = pc_lang_detect(path, buf, len);
	json_plain np;
	int err;
	if ((lang != PC_LANG_NOTEBOOK && lang != PC_LANG_JSON) || !json_plain_new(&np, buf, len))
		return scan(m, path, buf, len, lines, nlines, want_prose, cb, payload);
	np.cb = cb;
	np.payload = payload;
	err = scan(m, path, np.text, np.len, lines, nlines, want_prose, json_plain_hit, &np);
	free(np.text);
	free(np.at);
	free(np.shrunk);
	return err;
}
