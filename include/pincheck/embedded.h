/*
 * embedded.h: files compiled into the binary: the hook scripts (hooks/NAME)
 * as bytes, by tools/embed.sh, and the built-in rule files (rules/NAME.yml)
 * as the documents doc.c makes of them, parsed at build time by
 * tools/docgen.c.
 */
#ifndef PINCHECK_EMBEDDED_H
#define PINCHECK_EMBEDDED_H

#include <stddef.h>
#include "doc.h"

typedef struct {
	const char *name; /**< base name, e.g. "openai.yml"; NULL ends the array */
	const char *data; /**< contents, NUL-terminated */
	size_t len;
} pc_embedded;

extern const pc_embedded pc_builtin_hooks[];

/** The built-in rule files, parsed (each named "rules/NAME.yml"); NULL
 * ends the array. Constant data: never pc_doc_free'd. */
extern const pc_doc *const pc_builtin_rule_docs[];

#endif
