/*
 * pinchange.h: pin changes in a change (SPEC section 1). Per file, a pinned
 * id on an added line that appears nowhere in the file's old version is
 * *introduced*; it is a *bump* when a different pinned id of the same
 * provider disappears from that file. An id that merely moves (it leaves
 * another file of the same change), a reformat, or a rename (old version
 * found by rename detection) is no pin change. Ids added to `approved` in
 * .pincheck.yml are pin changes too, so approving is no loophole.
 */
#ifndef PINCHECK_PINCHANGE_H
#define PINCHECK_PINCHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include "match.h"
#include "source.h"

typedef enum {
	PC_PIN_INTRODUCED = 0, /**< a new pinned id in a file */
	PC_PIN_APPROVED,       /**< an id added to `approved` in the config */
} pc_pin_how;

typedef struct {
	pc_pin_how how;
	char *model;     /**< the pinned id (matched text) */
	char *provider;  /**< the rule's provider, or NULL */
	char *rule;      /**< rule id, or NULL */
	char *replaces;  /**< the pinned id it replaces in that file (a bump), or NULL */
	char *path;      /**< where it was introduced */
	size_t line, col, span;
	char *source;    /**< that line (an excerpt of a long one) */
	size_t source_col; /**< the id's column within `source` */
	bool suppressed; /**< the line carries pincheck:allow for its rule */
	bool new_config; /**< approved in a configuration file the change adds */
} pc_pin_change;

typedef struct {
	pc_pin_change *items;
	size_t n, alloc;
	char **gone;     /**< pinned ids that left some file of the change */
	size_t ngone, agone;
} pc_pin_changes;

#define PC_PIN_CHANGES_INIT { NULL, 0, 0, NULL, 0, 0 }

/**
 * Record the pin changes of one changed file: `f` carries the new content,
 * its added lines and the old content (NULL for a new file).
 */
int pc_pin_changes_add_file(pc_pin_changes *pc, pc_matcher *m, const pc_file *f);

/**
 * Record ids added to `approved` between the old and new versions of the
 * configuration file `path` (either may be NULL).
 */
int pc_pin_changes_add_config(pc_pin_changes *pc, pc_matcher *m, const char *path,
			      const char *old_data, size_t old_len, const char *new_data,
			      size_t new_len);

/** Drop introductions that are moves: the id left another file. */
void pc_pin_changes_finish(pc_pin_changes *pc);

void pc_pin_changes_free(pc_pin_changes *pc);

#endif
