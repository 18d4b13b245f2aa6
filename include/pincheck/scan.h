/*
 * scan.h: one file's text through the lexer and the matcher: every model
 * reference with its position, whether it sits in prose, and whether an
 * inline `pincheck:allow` suppresses it. Sources (working tree, a tree, the
 * index, a change) feed files in; checks turn references into findings.
 */
#ifndef PINCHECK_SCAN_H
#define PINCHECK_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include "match.h"
#include "limits.h"

typedef struct {
	const char *path;
	size_t line;         /**< 1-based */
	size_t col;          /**< 1-based, bytes of the file */
	const pc_ref *ref;   /**< offsets into `text` */
	/** The line, without end of line. In a JSON file or notebook with
	 * needless escapes (`gpt-4\u006f`) it is the decoded line, where
	 * ref->start can differ from col - 1 (see scan.c). */
	const char *text;
	size_t text_len;
	/** The whole file the line is part of (text == file + line_pos), for
	 * a look at the lines around it; NULL when there is only the line. */
	const char *file;
	size_t file_len, line_pos;
	bool prose;
	bool suppressed;
} pc_hit;

typedef int (*pc_hit_cb)(const pc_hit *hit, void *payload);

/**
 * The part of a line a report shows around a match at byte `start`: the
 * whole line when it is short, else a window (minified code can put
 * thousands of matches on one megabyte line). The excerpt is a C string,
 * so it holds no NUL: on a line with NUL bytes it is the part between the
 * NULs around the match. *col is set to the match's 1-based column within
 * the excerpt (which differs from the line's column when it is cut).
 */
char *pc_source_excerpt(const char *text, size_t len, size_t start, size_t *col);

/**
 * Scan `buf` as the file `path`. Only lines listed in `lines` (sorted
 * ascending, 1-based) are reported when `lines` is non-NULL; prose is still
 * decided from the whole file. Prose references are reported only when
 * `want_prose`. Returns 0, or the first negative value of `cb` or the
 * matcher. The caller skips binary files (pc_is_binary).
 */
int pc_scan_buffer(pc_matcher *m, const char *path, const char *buf, size_t len,
		   const size_t *lines, size_t nlines, bool want_prose, pc_hit_cb cb,
		   void *payload);

/**
 * Does the scan read `path` decoded (a notebook or JSON file: see
 * scan.c), so that a reference's bytes in the file may spell its id with
 * needless escapes (`gpt-4\u006f`)?
 */
bool pc_scan_decodes(const char *path, const char *buf, size_t len);

/**
 * How many raw bytes from `raw` (at most `avail`) spell the `n` bytes of
 * `text` in such a file, each character itself or a needless escape the
 * scan decodes (`\u00XX` of printable ASCII but a quote or backslash, and
 * `\/`); 0 when they do not spell it.
 */
size_t pc_scan_raw_span(const char *raw, size_t avail, const char *text, size_t n);

#endif
