/*
 * fuzz_trailer: commit-message trailers read as git reads them, under
 * every combination of the commit-msg stage's cleanup options. The first
 * byte picks the options (comment character, strip, scissors, divider);
 * the rest is the message, NULs, CRLFs and endless lines included.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/trailer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char comment_chars[] = { '#', ';', 0, '-' };
	pc_trailers t = PC_TRAILERS_INIT;
	pc_trailer_opts o;
	size_t i;

	if (size < 1)
		return 0;
	o = (pc_trailer_opts){
		.comment_char = comment_chars[data[0] & 3],
		.strip_comments = data[0] & 4,
		.cut_at_scissors = data[0] & 8,
		.divider = data[0] & 16,
	};
	pc_trailers_parse(&t, (const char *)data + 1, size - 1, &o);
	for (i = 0; i < t.n; i++) {
		if (!t.items[i].key || !t.items[i].value || t.items[i].line < 1)
			abort();
		(void)pc_trailer_key_is(&t.items[i], "Eval-Result");
	}
	pc_trailers_free(&t);
	return 0;
}
