/*
 * watchdog.h: the time budget of a hook (SPEC section 2). A hook must
 * answer within what the host allows (5 s on common git servers), and must
 * never hang, whatever a push or a repository holds: when the budget is
 * spent, a watchdog thread prints what pincheck was doing and ends the
 * process with exit status 3, so that git rejects (fails closed).
 *
 * Flow: the CLI starts it once (pc_watchdog_start); long-running code says
 * what it is doing at coarse points (pc_watchdog_doing: a commit, a file);
 * the watchdog reads that only when it fires.
 */
#ifndef PINCHECK_WATCHDOG_H
#define PINCHECK_WATCHDOG_H

#include "common.h"

/**
 * Start the watchdog: after `seconds` (finite, > 0) it writes
 * "pincheck: gave up after S s (--max-seconds) while DOING; WHAT" to
 * standard error and calls _exit(3). `what` says what the failure means
 * for the caller (e.g. "the push is rejected"). At most one watchdog runs;
 * it lives until the process ends.
 */
int pc_watchdog_start(double seconds, const char *what);

/**
 * At the end of the work: if the deadline has passed, do as the watchdog
 * would (its message, _exit(3)), though its thread was not scheduled in
 * time. Whether a finished run was within its budget must not depend on
 * the scheduler: a run over it fails closed, however quickly it ended.
 */
void pc_watchdog_finish(void);

/** Record what the process is doing now, for the watchdog's message. */
void pc_watchdog_doing(const char *fmt, ...) PC_PRINTF(1, 2);

/** Parse a --max-seconds value: a finite number > 0 (not nan or inf). */
int pc_seconds_parse(double *out, const char *s);

#endif
