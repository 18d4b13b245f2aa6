/*
 * bump.h: `pincheck bump OLD NEW` (issue 14 item 2), the managed migration:
 * whether NEW may replace OLD, the edits that make every choice of OLD
 * NEW and add NEW to the config's `approved` list, and the eval result
 * checked as the commit-msg gate will check it. The edits are applied by
 * fix.h's machinery (pc_fix_apply), byte-exactly.
 */
#ifndef PINCHECK_BUMP_H
#define PINCHECK_BUMP_H

#include "doc.h"
#include "evalref.h"
#include "finding.h"
#include "fix.h"
#include "rules.h"

/**
 * May `new` replace `old`? Each must be an id a rule of `rs` matches whole;
 * `new` must be of a pinned rule of the same provider as `old`'s, and not
 * retired on `today` (YYYY-MM-DD). 0, or PC_EUSAGE saying why not.
 */
int pc_bump_check_ids(const pc_ruleset *rs, const char *old, const char *new,
		      const char *today);

/**
 * An edit into *res for each unsuppressed reference of `f` (a scan with
 * PC_CHECK_EVERY_REF) that is `old` (pc_model_same) and whose role is a
 * choice: it becomes `new`, behind the prefix it was written with.
 */
void pc_bump_collect(pc_fix_result *res, const pc_findings *f, const char *old,
		     const char *new);

/**
 * The edit adding `new` to the config's `approved` list `list` (a node of
 * the config at repository path `path`, whose bytes are buf/len), written
 * in the list's own style: `, NEW` before a flow list's `]`, a `- NEW`
 * line indented as its items after a block list's last item. 1 with the
 * edit added to *res; 0 when `new` is in the list already; PC_EUSAGE when
 * `list` is not a list this can edit (why in the message). `path` must
 * outlive *res.
 */
int pc_bump_approve(pc_fix_result *res, const char *path, const char *buf, size_t len,
		    const pc_node *list, const char *new);

/**
 * Check the eval result `ref` as the commit-msg gate will for a change
 * that replaces `old` by `new` (pc_eval_check, then: it must name `new`,
 * and its numbers must pass, against old's too when it scores old). The
 * problems, if any, in out->problems. PC_ERUNTIME only when git fails.
 */
int pc_bump_eval(pc_eval *out, const pc_eval_ctx *ctx, const char *ref, const char *old,
		 const char *new);

#endif
