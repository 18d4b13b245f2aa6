/*
 * buf.c: pc_buf, the growable string every module builds text with.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "pincheck/buf.h"

void pc_buf_grow(pc_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need < b->len)
		pc_malloc((size_t)-1); /* overflow: reported as out of memory */
	if (need > b->alloc) {
		size_t n = b->alloc ? b->alloc : 64;
		while (n < need)
			n = n * 2 > n ? n * 2 : need;
		b->ptr = pc_realloc(b->alloc ? b->ptr : NULL, n);
		b->alloc = n;
	}
}

void pc_buf_put(pc_buf *b, const char *data, size_t len)
{
	pc_buf_grow(b, len);
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void pc_buf_puts(pc_buf *b, const char *s)
{
	pc_buf_put(b, s, strlen(s));
}

void pc_buf_putc(pc_buf *b, char c)
{
	pc_buf_put(b, &c, 1);
}

void pc_buf_vprintf(pc_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	pc_buf_grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void pc_buf_printf(pc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pc_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void pc_buf_clear(pc_buf *b)
{
	b->len = 0;
	if (b->alloc)
		b->ptr[0] = '\0';
}

char *pc_buf_detach(pc_buf *b)
{
	char *p = b->alloc ? b->ptr : pc_strdup("");
	b->ptr = NULL;
	b->len = b->alloc = 0;
	return p;
}

void pc_buf_free(pc_buf *b)
{
	if (b->alloc)
		free(b->ptr);
	b->ptr = NULL;
	b->len = b->alloc = 0;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

/* A byte a terminal may act on: a C0 control but tab, DEL, the first byte
 * of a C1 control in UTF-8 (U+0080..U+009F: C2 80..C2 9F), or a byte that
 * is not valid UTF-8 (a terminal in an 8-bit mode reads 0x9b as CSI). */
static size_t unsafe_len(const unsigned char *s, size_t n)
{
	if (s[0] == '\t')
		return 0;
	if (s[0] < 0x20 || s[0] == 0x7f)
		return 1;
	if (s[0] == 0xc2 && n > 1 && s[1] >= 0x80 && s[1] <= 0x9f)
		return 2;
	return utf8_len(s, n) ? 0 : 1;
}

bool pc_buf_is_visible(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n;
	for (i = 0; i < len; i += n) {
		if (unsafe_len(u + i, len - i))
			return false;
		n = utf8_len(u + i, len - i);
	}
	return true;
}

void pc_buf_put_visible(pc_buf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n, k;
	while (i < len) {
		if ((n = unsafe_len(u + i, len - i)) != 0) {
			for (k = 0; k < n; k++)
				pc_buf_printf(b, "\\x%02x", u[i + k]);
		} else {
			n = utf8_len(u + i, len - i);
			pc_buf_put(b, s + i, n);
		}
		i += n;
	}
}

void pc_buf_put_json(pc_buf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	pc_buf_putc(b, '"');
	while (i < len) {
		unsigned char c = u[i];
		size_t n;
		switch (c) {
		case '"': pc_buf_puts(b, "\\\""); i++; continue;
		case '\\': pc_buf_puts(b, "\\\\"); i++; continue;
		case '\n': pc_buf_puts(b, "\\n"); i++; continue;
		case '\r': pc_buf_puts(b, "\\r"); i++; continue;
		case '\t': pc_buf_puts(b, "\\t"); i++; continue;
		default: break;
		}
		if (c < 0x20 || c == 0x7f) {
			pc_buf_printf(b, "\\u%04x", c);
			i++;
		} else if ((n = utf8_len(u + i, len - i)) != 0) {
			pc_buf_put(b, s + i, n);
			i += n;
		} else {
			/* JSON must be UTF-8: an invalid byte becomes U+FFFD. */
			pc_buf_puts(b, "\\ufffd");
			i++;
		}
	}
	pc_buf_putc(b, '"');
}

void pc_buf_put_json_or_null(pc_buf *b, const char *s)
{
	if (s)
		pc_buf_put_json(b, s, strlen(s));
	else
		pc_buf_puts(b, "null");
}

int pc_buf_read_file(pc_buf *b, const char *path, size_t max_size)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	if (!f)
		return pc_error_set(PC_ERUNTIME, "%s: cannot open: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (max_size && b->len + n > max_size) {
			fclose(f);
			return pc_error_set(PC_ERUNTIME, "%s: larger than %zu bytes", path, max_size);
		}
		pc_buf_put(b, chunk, n);
	}
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		return pc_error_set(PC_ERUNTIME, "%s: read error: %s", path, strerror(e));
	}
	fclose(f);
	if (!b->alloc) {
		pc_buf_grow(b, 0);
		b->ptr[b->len] = '\0';
	}
	return 0;
}

bool pc_is_binary(const char *buf, size_t len)
{
	return memchr(buf, '\0', len < 8000 ? len : 8000) != NULL;
}

int pc_buf_write_file(const pc_buf *b, const char *path, const char *what)
{
	pc_buf tmp = PC_BUF_INIT;
	FILE *fp;
	int err = 0;
	pc_buf_printf(&tmp, "%s.tmp", path);
	if ((fp = fopen(tmp.ptr, "wb"))) {
		bool written = fwrite(b->ptr ? b->ptr : "", 1, b->len, fp) == b->len;
		if (fclose(fp) != 0 || !written)
			fp = NULL;
	}
	if (!fp || rename(tmp.ptr, path) < 0) {
		err = pc_error_set(PC_ERUNTIME, "%s: cannot write %s: %s", path, what, strerror(errno));
		remove(tmp.ptr);
	}
	pc_buf_free(&tmp);
	return err;
}

void pc_strs_addf(char ***items, size_t *n, const char *fmt, ...)
{
	pc_buf b = PC_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	pc_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	*items = pc_realloc(*items, (*n + 1) * sizeof(char *));
	(*items)[(*n)++] = pc_buf_detach(&b);
}
