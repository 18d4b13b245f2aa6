/*
 * embedded.h: files compiled into the binary by tools/embed.sh:
 * the built-in rule files (rules/NAME.yml) and the hook scripts (hooks/NAME).
 */
#ifndef PINCHECK_EMBEDDED_H
#define PINCHECK_EMBEDDED_H

#include <stddef.h>

typedef struct {
	const char *name; /**< base name, e.g. "openai.yml"; NULL ends the array */
	const char *data; /**< contents, NUL-terminated */
	size_t len;
} pc_embedded;

extern const pc_embedded pc_builtin_rules[];
extern const pc_embedded pc_builtin_hooks[];

#endif
