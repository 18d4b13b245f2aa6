/*
 * fuzz_index: pincheck's reader of git's index file (index.h), given the
 * bytes as pc_index_read maps them; the pre-commit hook runs it on every
 * commit. Any bytes must be read, or left to libgit2 (return 1), never
 * crash, leak or read outside them; what is
 * read must hold together: paths NUL-terminated and in git's order, a
 * cache-tree whose children are looked up by name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/index.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(const pc_cache_tree *t, int depth)
{
	size_t i;
	if (depth > 4096)
		abort();
	for (i = 0; i < t->nsub; i++) {
		if (pc_cache_tree_sub(t, t->sub[i].name, t->sub[i].namelen) == NULL)
			abort();
		walk(&t->sub[i], depth + 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pc_index ix;
	size_t i;

	if (pc_index_parse(&ix, data, size) == 0) {
		for (i = 0; i < ix.n; i++) {
			if (!ix.entries[i].path || strlen(ix.entries[i].path) == 0)
				abort();
			if (i && strcmp(ix.entries[i - 1].path, ix.entries[i].path) > 0)
				abort();
		}
		if (ix.tree)
			walk(ix.tree, 0);
	}
	pc_index_free(&ix);
	return 0;
}
