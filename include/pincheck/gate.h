/*
 * gate.h: the eval gate (SPEC sections 1 and 5). From the pin changes of a
 * change, the commit message's trailers and the eval files they link, the
 * findings `unapproved`, `missing-eval` and `bad-eval`.
 */
#ifndef PINCHECK_GATE_H
#define PINCHECK_GATE_H

#include <stdbool.h>
#include "config.h"
#include "evalref.h"
#include "finding.h"
#include "pinchange.h"
#include "trailer.h"

typedef struct {
	const pc_config *cfg;
	pc_findings *out;
	const char *commit;          /**< commit checks: full id, else NULL */
	const char *subject;
	const char *ref;             /**< push hooks: the ref, or NULL */
	bool report_unapproved;      /**< pre-commit stage and commit checks */
	bool report_eval;            /**< commit-msg stage and commit checks */
	const pc_trailers *trailers; /**< the message's trailers; NULL: none, so with
					  report_eval every bump that needs an eval
					  is refused */
	const char *message_path;    /**< where trailers came from, for positions */
	const pc_eval_ctx *ectx;
	/** Does the parent tree mention `model` anywhere? (require_for: new) */
	int (*known)(bool *out, const char *model, void *payload);
	void *payload;
} pc_gate;

int pc_gate_run(pc_gate *g, const pc_pin_changes *pc);

#endif
