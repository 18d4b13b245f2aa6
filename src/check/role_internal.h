/*
 * role_internal.h: what role.c asks of the files beside it.
 */
#ifndef PINCHECK_ROLE_INTERNAL_H
#define PINCHECK_ROLE_INTERNAL_H

#include "pincheck/role.h"

/**
 * The role the calls around a hit give it (role_call.c): data when the id
 * is an argument of a reply being built, mention when it is in a test's
 * assertion; -1 when no call around it says. `s` keeps the file's reading
 * for its next hit (NULL: read from scratch); the bytes read are added to
 * *steps (if not NULL).
 */
int pc_role_call(const pc_hit *h, pc_role_calls *s, size_t *steps);

#endif
