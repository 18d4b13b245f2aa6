/*
 * fuzz_doc: the YAML/JSON document parser (libyaml events under pincheck's
 * limits: no aliases, bounded depth and size, no duplicate keys, one
 * document), then the schema helpers every reader uses on the tree. A bad
 * document must be an error naming the file, never a crash or a leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"
#include "pincheck/doc.h"

#define NAME "fuzz.yml"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The tree's invariants, and every helper on every node. */
static void walk(const pc_doc *doc, const pc_node *node, int depth)
{
	static const char *const allowed[] = { "model", "rules", "id", NULL };
	const char **strings = NULL, *s;
	size_t i, n;
	bool b;

	if (depth > PC_DOC_MAX_DEPTH + 1 || node->line < 1 || node->col < 1 || !pc_node_kind(node))
		abort();
	switch (node->type) {
	case PC_NODE_SCALAR:
		if (!node->value || node->value[node->len] != '\0')
			abort();
		(void)pc_doc_scalar(&s, doc, node, "a value");
		(void)pc_doc_bool(&b, doc, node, "a flag");
		break;
	case PC_NODE_MAP:
		if (node->n % 2)
			abort();
		(void)pc_map_get(node, "model");
		(void)pc_doc_check_keys(doc, node, "a mapping", allowed);
		for (i = 0; i < pc_map_size(node); i++)
			if (pc_map_key(node, i)->type != PC_NODE_SCALAR)
				abort();
		/* fall through */
	case PC_NODE_SEQ:
		if (pc_doc_strings(&strings, &n, doc, node, "a list") == 0)
			free(strings);
		for (i = 0; i < node->n; i++)
			walk(doc, node->items[i], depth + 1);
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pc_doc *doc = NULL;
	int err = pc_doc_parse(&doc, NAME, (const char *)data, size);

	if (err < 0) {
		/* The contract of doc.h: PC_EUSAGE, "NAME:LINE:COL: problem". */
		if (err != PC_EUSAGE || strncmp(pc_error_last(), NAME ":", sizeof(NAME)))
			abort();
		pc_doc_free(doc);
		return 0;
	}
	if (doc->root)
		walk(doc, doc->root, 1);
	(void)pc_doc_error(doc, NULL, "%s", "fuzz");
	pc_doc_free(doc);
	return 0;
}
