/*
 * baseline.h: adopting pincheck in a large repository gradually. A baseline
 * file records the fingerprints of today's findings; with --baseline, only
 * findings not in it are reported. A fingerprint hashes what a finding is
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

/** Read a baseline file (JSON, as pc_baseline_write writes it). */
int pc_baseline_load(pc_baseline *b, const char *path);

/** Write the fingerprints of the unsuppressed findings to `path`. */
int pc_baseline_write(const pc_findings *f, const char *path);

/** Drop the findings the baseline holds; f->baselined counts them. */
void pc_baseline_apply(pc_baseline *b, pc_findings *f);

void pc_baseline_free(pc_baseline *b);

#endif
