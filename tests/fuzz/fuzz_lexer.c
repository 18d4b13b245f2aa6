/*
 * fuzz_lexer: the prose lexer of every language family except notebooks
 * (fuzz_notebook has those) over hostile bytes: unclosed comments,
 * docstrings and fences, stray quotes, NULs, broken markup. The first byte
 * picks the family; the rest is the file. pc_lex_prose never fails, so the only
 * outcomes are a mask of 0s and 1s or a sanitizer report.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/lexer.h"

static const pc_lang families[] = {
	PC_LANG_PLAIN,    PC_LANG_HASH, PC_LANG_PYTHON, PC_LANG_CFAMILY,
	PC_LANG_MARKDOWN, PC_LANG_JSON, PC_LANG_ENV,    PC_LANG_PROSE,
	PC_LANG_MARKUP,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data + 1;
	unsigned char *mask;
	pc_lang lang;
	size_t len, i;

	if (size < 1)
		return 0;
	/* A digit names the family by its index (the corpus files start with
	 * one), any other byte by its value modulo the count. */
	if (data[0] >= '0' && data[0] < '0' + (int)(sizeof(families) / sizeof(families[0])))
		lang = families[data[0] - '0'];
	else
		lang = families[data[0] % (sizeof(families) / sizeof(families[0]))];
	len = size - 1;
	/* The mask is exactly len bytes, so a write past it is an ASan report. */
	mask = malloc(len ? len : 1);
	pc_lex_prose(mask, lang, buf, len);
	for (i = 0; i < len; i++)
		if (mask[i] > 1)
			abort();
	free(mask);
	/* No extension: the family comes from a `#!` line, if any. */
	if ((unsigned)pc_lang_detect("script", buf, len) > PC_LANG_MARKUP)
		abort();
	return 0;
}
