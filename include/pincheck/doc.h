/*
 * doc.h: a parsed YAML or JSON document, as a small tree of nodes that
 * remember their position. Built with libyaml's event API under strict
 * limits, because documents may come from a pushed commit: no anchors or
 * aliases, bounded depth, node count and size, duplicate keys rejected,
 * exactly one document. Types are not resolved: every scalar is text, and
 * the consumer decides (YAML 1.2 core: only true/false are booleans).
 */
#ifndef PINCHECK_DOC_H
#define PINCHECK_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include "limits.h"

typedef enum {
	PC_NODE_SCALAR,
	PC_NODE_SEQ,
	PC_NODE_MAP,
} pc_node_type;

typedef struct pc_node pc_node;

struct pc_node {
	pc_node_type type;
	int line; /**< 1-based */
	int col;  /**< 1-based */
	char *value;    /**< scalar text, NUL-terminated */
	size_t len;     /**< scalar length (may hold NULs from escapes) */
	bool plain;     /**< scalar written without quotes */
	pc_node **items; /**< seq: items; map: key, value, key, value, ... */
	size_t n;        /**< number of entries in items */
};

typedef struct {
	char *name;    /**< file name used in messages */
	pc_node *root; /**< NULL for an empty document */
} pc_doc;

/**
 * Parse `buf` (len bytes) as one YAML/JSON document. On error returns
 * PC_EUSAGE with "NAME:LINE:COL: problem" as the message.
 */
int pc_doc_parse(pc_doc **out, const char *name, const char *buf, size_t len);

/**
 * pc_doc_parse, reading past the value of every mapping key named in
 * `skip` (NULL-terminated) instead of keeping it: key and value are absent
 * from the tree and count nowhere against the node limit (the bytes still
 * bound the work), while depth, anchors and aliases are refused there too.
 * For tools' logs whose bulk (samples, responses) no reader needs.
 */
int pc_doc_parse_skipping(pc_doc **out, const char *name, const char *buf, size_t len,
			  const char *const *skip);
void pc_doc_free(pc_doc *doc);

/** Number of key/value pairs of a map node. */
#define pc_map_size(node) ((node)->n / 2)
#define pc_map_key(node, i) ((node)->items[2 * (i)])
#define pc_map_value(node, i) ((node)->items[2 * (i) + 1])

/** Value of `key` in a map node, or NULL. */
const pc_node *pc_map_get(const pc_node *map, const char *key);

/** A short name for the node's type: "a scalar", "a list", "a mapping". */
const char *pc_node_kind(const pc_node *node);

/**
 * Schema errors: PC_EUSAGE with "NAME:LINE:COL: " + the formatted text,
 * pointing at `node` (or the document start when node is NULL).
 */
int pc_doc_error(const pc_doc *doc, const pc_node *node, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/** Require a scalar; on error a message naming `what`. */
int pc_doc_scalar(const char **out, const pc_doc *doc, const pc_node *node, const char *what);

/** Require a boolean scalar (true/false). */
int pc_doc_bool(bool *out, const pc_doc *doc, const pc_node *node, const char *what);

/**
 * Require a list of scalars, or a single scalar taken as a one-item list.
 * *out is a NULL-terminated array of borrowed strings to free() (not its items).
 */
int pc_doc_strings(const char ***out, size_t *n, const pc_doc *doc, const pc_node *node,
		   const char *what);

/**
 * Check that every key of a map is one of `allowed` (NULL-terminated);
 * an unknown key is an error at that key's position.
 */
int pc_doc_check_keys(const pc_doc *doc, const pc_node *map, const char *what,
		      const char *const *allowed);

#endif
