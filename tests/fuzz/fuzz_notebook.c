/*
 * fuzz_notebook: the notebook lexer (.ipynb JSON: cells, sources as
 * strings or lists of strings, escapes, outputs) over hostile bytes. Broken
 * JSON must degrade to a best effort, never read outside the buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include "pincheck/lexer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *mask = malloc(size ? size : 1);
	size_t i;

	pc_lex_prose(mask, PC_LANG_NOTEBOOK, (const char *)data, size);
	for (i = 0; i < size; i++)
		if (mask[i] > 1)
			abort();
	free(mask);
	return 0;
}
