/*
 * buf.h: the one growable byte string used everywhere (git's strbuf idea).
 * `ptr` is always NUL-terminated, so it can be passed to C string APIs, but
 * may also hold NUL bytes inside `len`.
 */
#ifndef PINCHECK_BUF_H
#define PINCHECK_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include "common.h"

typedef struct {
	char *ptr;
	size_t len;
	size_t alloc;
} pc_buf;

#define PC_BUF_INIT { NULL, 0, 0 }

void pc_buf_grow(pc_buf *b, size_t extra);
void pc_buf_put(pc_buf *b, const char *data, size_t len);
void pc_buf_puts(pc_buf *b, const char *s);
void pc_buf_putc(pc_buf *b, char c);
void pc_buf_printf(pc_buf *b, const char *fmt, ...) PC_PRINTF(2, 3);
void pc_buf_vprintf(pc_buf *b, const char *fmt, va_list ap);
void pc_buf_clear(pc_buf *b);
/** Hand the string to the caller (never NULL) and reset the buffer. */
char *pc_buf_detach(pc_buf *b);
void pc_buf_free(pc_buf *b);

/** Append the formatted string to the list *items of *n strings (each
 * the caller's to free, as is the list): the problems a check collects. */
void pc_strs_addf(char ***items, size_t *n, const char *fmt, ...) PC_PRINTF(3, 4);

/**
 * Append `s` (len bytes) for a terminal: valid UTF-8 and tabs as they are;
 * each byte of a C0 control, DEL, a C1 control (U+0080..U+009F) or of
 * invalid UTF-8 as `\xHH`, so that no escape sequence in a commit
 * subject, a file name or a source line runs in the reader's terminal.
 */
void pc_buf_put_visible(pc_buf *b, const char *s, size_t len);

/** Would pc_buf_put_visible() append `s` unchanged? */
bool pc_buf_is_visible(const char *s, size_t len);

/** Append `s` (len bytes) as a JSON string literal, quotes included. */
void pc_buf_put_json(pc_buf *b, const char *s, size_t len);

/** A JSON string literal of `s`, or null when s is NULL. */
void pc_buf_put_json_or_null(pc_buf *b, const char *s);

/** Does the buffer look binary to git (a NUL in the first 8000 bytes)? */
bool pc_is_binary(const char *buf, size_t len);

/** Read a whole file; PC_ERUNTIME naming the path on failure. */
int pc_buf_read_file(pc_buf *b, const char *path, size_t max_size);
/** Write the buffer as the whole file `path`, atomically (PATH.tmp, then
 * renamed); PC_ERUNTIME "PATH: cannot write WHAT: ..." on failure. */
int pc_buf_write_file(const pc_buf *b, const char *path, const char *what);

#endif
