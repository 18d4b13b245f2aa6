/*
 * role.h: what the code does with a model id where it stands (SPEC
 * section 1). Only a `choice` selects a model: only it raises a finding or
 * takes part in a pin change. A `mention` handles model names without
 * choosing one (a comparison or membership operand, a prefix test, a case
 * label, a union or enum of names, a map key, a catalog's entry); `data` is
 * recorded or generated (by path, config.h, or an API response's `model`
 * key); `prose` is text for people (the lexer).
 */
#ifndef PINCHECK_ROLE_H
#define PINCHECK_ROLE_H

#include "scan.h"

typedef enum {
	PC_ROLE_CHOICE = 0,
	PC_ROLE_MENTION,
	PC_ROLE_DATA,
	PC_ROLE_PROSE
} pc_role;

/** The brackets open at a point of a file, read forward to it
 * (role_call.c), kept for the file's next hit. */
#define PC_ROLE_CALL_STACK 64
typedef struct {
	const char *file;
	size_t pos;
	char q;     /**< the literal or comment open at pos, 0 if none */
	bool known;
	int depth;  /**< brackets open; the first PC_ROLE_CALL_STACK of them kept */
	size_t stack[PC_ROLE_CALL_STACK];
} pc_role_calls;

/**
 * What role.c learns of one file and reuses for its later hits, so that a
 * file's roles cost time linear in its size: the list a line's items
 * belong to, and how many records of a catalog the file holds. Set up with
 * pc_role_file_init before each file's first hit.
 */
typedef struct {
	size_t list_line;  /**< start of the last line whose list was found */
	int list_role;     /**< ... its items' role, or -1: not a list */
	bool list_known;
	size_t nest_line;  /**< the same for a group's line (`("o3", "O3"),`), */
	int nest_role;     /**< whose list is read only from what opens it */
	bool nest_known;
	size_t lit_line;   /**< the last literal whose list was sought on one line */
	size_t lit_open, lit_list;
	bool lit_known;
	size_t bracket_line, bracket_at; /**< that list's bracket, and its role */
	int bracket_role;
	bool bracket_known;
	long records[3];   /**< lines keyed id, name, slug (-1: not counted yet) */
	pc_role_calls calls; /**< the calls around the last hit asked about */
	size_t steps;      /**< bytes read deciding the file's roles (tests count them) */
} pc_role_file;

void pc_role_file_init(pc_role_file *f);

const char *pc_role_name(pc_role role);

/** The role of a hit in code or prose (data is decided by path). `f`
 * holds what is known of the hit's file (NULL: nothing is kept). */
pc_role pc_role_of(const pc_hit *h, pc_role_file *f);

#endif
