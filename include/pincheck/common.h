/*
 * common.h: error convention shared by every pincheck module.
 *
 * Functions return 0 on success or a negative PC_E* code; the message that
 * explains the failure (always naming the file, and line:col where there is
 * one) is kept per thread and read with pc_error_last(), as libgit2 does.
 * The CLI maps the code to an exit status (SPEC section 2).
 */
#ifndef PINCHECK_COMMON_H
#define PINCHECK_COMMON_H

#include <stddef.h>

/** Error codes; the exit status is the negated value. */
enum {
	PC_OK = 0,
	PC_EUSAGE = -2,   /**< usage or configuration error: exit 2 */
	PC_ERUNTIME = -3, /**< runtime error (git, I/O, memory): exit 3 */
};

#if defined(__GNUC__)
#define PC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PC_PRINTF(a, b)
#endif

/** Record an error message for the current thread and return `code`. */
int pc_error_set(int code, const char *fmt, ...) PC_PRINTF(2, 3);

/** The message of the last error recorded on this thread ("" if none). */
const char *pc_error_last(void);

/** Forget the last error. */
void pc_error_clear(void);

/** Allocation helpers: abort with a message on out-of-memory. */
void *pc_malloc(size_t n);
void *pc_calloc(size_t n, size_t size);
void *pc_realloc(void *p, size_t n);
char *pc_strdup(const char *s);
char *pc_strndup(const char *s, size_t n);

/** Grow *items (of *alloc elements of size `size`) to hold at least `need`. */
void pc_grow(void **items, size_t *alloc, size_t need, size_t size);

#define PC_GROW(arr, alloc, need) pc_grow((void **)&(arr), &(alloc), (need), sizeof(*(arr)))

#endif
