/*
 * baseline.h: adopting pincheck in a large repository gradually. A baseline
 * file records today's findings, each with its fingerprint; with
 * --baseline or the config's `baseline:`, only findings not in it are
 * reported. A fingerprint hashes what a finding is
 * (kind, rule, path, model, the trimmed source line) and never where it is
 * (no line numbers, no commit ids), so it survives line moves, unrelated
 * edits and squash merges. Equal fingerprints count as a multiset: a second
 * copy of a baselined line is new.
 */
#ifndef PINCHECK_BASELINE_H
#define PINCHECK_BASELINE_H

#include "finding.h"

typedef struct {
	char (*fp)[17];   /**< 16 hex digits each */
	unsigned char *used;
	size_t n, alloc;
} pc_baseline;

#define PC_BASELINE_INIT { NULL, NULL, 0, 0 }

/** The fingerprint of a finding, as 16 hex digits: what it is (kind, rule,
 * path, model, the line's text), not where it is (line, column, commit). */
void pc_fingerprint(const pc_finding *x, char out[17]);

/** Read a baseline file: version 2 as pc_baseline_write writes it, or
 * version 1 (a bare list of fingerprints). A malformed file, or an entry
 * whose fields do not give its fingerprint, is PC_EUSAGE naming FILE:LINE
 * and how to regenerate it. */
int pc_baseline_load(pc_baseline *b, const char *path);

/** pc_baseline_load of `buf` (a blob of a tree), named `name` in messages. */
int pc_baseline_parse(pc_baseline *b, const char *name, const char *buf, size_t len);

/**
 * Write the unsuppressed findings to `path`, for a reviewer as much as for
 * pincheck: {"version": 2, "findings": [...]}, one entry a line with its
 * path, rule, model, kind and text (the line, blanks collapsed) beside its
 * fingerprint, sorted by path, rule, model and text, so that a diff of the
 * file shows what was exempted.
 */
int pc_baseline_write(const pc_findings *f, const char *path);

/** Drop the findings the baseline holds; f->baselined counts them. */
void pc_baseline_apply(pc_baseline *b, pc_findings *f);

void pc_baseline_free(pc_baseline *b);

#endif
