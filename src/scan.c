/*
 * scan.c: lexer + matcher over one file (see scan.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"
#include "pincheck/lexer.h"
#include "pincheck/scan.h"

#define EXCERPT_MAX 400
#define EXCERPT_BEFORE 160

char *pc_source_excerpt(const char *text, size_t len, size_t start, size_t *col)
{
	size_t from = 0, n = len;
	if (len > EXCERPT_MAX) {
		from = start > EXCERPT_BEFORE ? start - EXCERPT_BEFORE : 0;
		n = len - from < EXCERPT_MAX ? len - from : EXCERPT_MAX;
	}
	*col = start - from + 1;
	return pc_strndup(text + from, n);
}

bool pc_is_binary(const char *buf, size_t len)
{
	return memchr(buf, '\0', len < 8000 ? len : 8000) != NULL;
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

int pc_scan_buffer(pc_matcher *m, const char *path, const char *buf, size_t len,
		   const size_t *lines, size_t nlines, bool want_prose, pc_hit_cb cb,
		   void *payload)
{
	unsigned char *prose = NULL;
	size_t pos = 0, lineno = 0, li = 0, fi = 0, nfile = 0, nmasks;
	pc_ref *file_refs = NULL;
	const pc_ref *refs, *masks;
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
	nmasks = pc_match_file_masks(m, &masks); /* kept until pc_match_file_done */
	while (pos < len && (!lines || li < nlines)) {
		size_t next = pc_match_file_next(m, pos), end, text_len, tag_at;
		const char *nl;
		int i;

		if (fi < nfile && file_refs[fi].start < next)
			next = file_refs[fi].start;
		if (next == SIZE_MAX)
			break; /* nothing more in this file */
		/* lines before the one of the next keyword: count them, no more */
		for (;;) {
			nl = memchr(buf + pos, '\n', len - pos);
			end = nl ? (size_t)(nl - buf) : len;
			if (lines || end >= next || end + 1 >= len)
				break;
			lineno++;
			pos = end + 1;
		}

		lineno++;
		if (lines) {
			if (lines[li] != lineno) {
				while (fi < nfile && file_refs[fi].start <= end)
					fi++;
				pos = end + 1;
				continue;
			}
			while (li < nlines && lines[li] == lineno)
				li++;
		}
		text_len = end - pos;
		if (text_len && buf[pos + text_len - 1] == '\r')
			text_len--;
		tag_at = first_tag(buf + pos, text_len);
		if ((n = pc_match_file_line(m, pos, text_len, &refs)) < 0) {
			char why[1024];
			snprintf(why, sizeof(why), "%s", pc_error_last());
			err = pc_error_set(PC_ERUNTIME, "%s:%zu: %s", path, lineno, why);
			break;
		}
		for (i = 0; i < n; i++) {
			pc_hit h;
			if (masked(masks, nmasks, pos + refs[i].start, refs[i].rule))
				continue;
			h.path = path;
			h.line = lineno;
			h.col = refs[i].start + 1;
			h.ref = &refs[i];
			h.text = buf + pos;
			h.text_len = text_len;
			if (!prose) /* lexed on the first reference: most files have none */
				prose = lex(path, buf, len);
			h.prose = prose[pos + refs[i].start] != 0;
			if (h.prose && !want_prose)
				continue;
			h.suppressed = suppressed(buf + pos, text_len, tag_at, prose + pos, refs[i].rule->id);
			if ((err = cb(&h, payload)) < 0)
				goto out;
		}
		for (; fi < nfile && file_refs[fi].start <= end; fi++) {
			pc_ref local = file_refs[fi];
			pc_hit h;
			if (local.start < pos)
				continue;
			/* Both ends are clipped to the line's text: a match may go
			 * on past it, and may even start in its CRLF terminator
			 * (a pattern beginning with \n), which must not give a
			 * span that ends before it starts. */
			local.start = local.start - pos < text_len ? local.start - pos : text_len;
			local.end = local.end - pos < text_len ? local.end - pos : text_len;
			h.path = path;
			h.line = lineno;
			h.col = local.start + 1;
			h.ref = &local;
			h.text = buf + pos;
			h.text_len = text_len;
			if (!prose)
				prose = lex(path, buf, len);
			h.prose = prose[file_refs[fi].start] != 0;
			if (h.prose && !want_prose)
				continue;
			h.suppressed = suppressed(buf + pos, text_len, tag_at, prose + pos, local.rule->id);
			if ((err = cb(&h, payload)) < 0)
				goto out;
		}
		pos = end + 1;
	}
out:
	pc_match_file_done(m);
	free(file_refs);
	free(prose);
	return err;
}
