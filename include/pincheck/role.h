/*
 * role.h: what the code does with a model id where it stands (SPEC
 * section 1). Only a `choice` selects a model: only it raises a finding or
 * takes part in a pin change. A `mention` handles model names without
 * choosing one (a comparison or membership operand, a prefix test, a case
 * label, a union or enum of names, a map key); `data` is recorded or
 * generated (by path, config.h); `prose` is text for people (the lexer).
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

const char *pc_role_name(pc_role role);

/** The role of a hit in code or prose (data is decided by path). It takes
 * at most PC_ROLE_STEPS steps (limits.h), whatever the line holds; an id
 * whose role would take more is a choice. */
pc_role pc_role_of(const pc_hit *h);

/** pc_role_of, and in *steps the steps it took (tests count them). */
pc_role pc_role_of_steps(const pc_hit *h, size_t *steps);

#endif
