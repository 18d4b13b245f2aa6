/*
 * common.c: the per-thread last error and allocation helpers that every
 * module uses (see common.h for the convention).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"

static _Thread_local char last_error[2048];

int pc_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	return code;
}

const char *pc_error_last(void)
{
	return last_error;
}

void pc_error_clear(void)
{
	last_error[0] = '\0';
}

static void *oom(size_t n)
{
	/* Out of memory is a runtime error (exit 3); a hook fails closed. */
	fprintf(stderr, "pincheck: out of memory (allocating %zu bytes)\n", n);
	exit(3);
}

void *pc_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : oom(n);
}

void *pc_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	return p ? p : oom(n * size);
}

void *pc_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	return q ? q : oom(n);
}

char *pc_strndup(const char *s, size_t n)
{
	char *p = pc_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *pc_strdup(const char *s)
{
	return s ? pc_strndup(s, strlen(s)) : NULL;
}

void pc_grow(void **items, size_t *alloc, size_t need, size_t size)
{
	size_t n;
	if (need <= *alloc)
		return;
	n = *alloc ? *alloc : 8;
	while (n < need) {
		if (n > ((size_t)-1) / 2 / size)
			oom((size_t)-1);
		n *= 2;
	}
	*items = pc_realloc(*items, n * size);
	*alloc = n;
}
