/*
 * fuzz_evalref: the eval reader. The input's first line is the trailer
 * value (a URL, a path, an escape with `..`), checked against an empty
 * in-memory index as the commit-msg hook checks it (is_url, allow_urls,
 * the path rules, "does not exist"); the rest is the eval result's bytes,
 * read from memory (pc_eval_read: YAML or JSON, model, suite, status,
 * dates; and eval tools' formats, evalfmt.c). Every problem is recorded;
 * nothing may crash or leak.
 */
#include <git2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/config.h"
#include "pincheck/evalref.h"
#include "pincheck/verdict.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static git_index *index_;
static pc_config cfg;
static const char *allow_urls[] = { "https://ci\\.example\\.com/evals/", "s3://[a-z-]+/", NULL };
static pc_eval_minimum metrics[] = { { "accuracy", 0.5 }, { "acc", 0.5 } };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (git_libgit2_init() < 0 || git_index_new(&index_) < 0)
		abort();
	pc_config_init(&cfg);
	cfg.eval_allow_urls = allow_urls;
	cfg.neval_allow_urls = 2;
	cfg.eval_metrics = metrics;
	cfg.neval_metrics = 2;
	return 0;
}

static void check(const pc_eval *e)
{
	size_t i;
	for (i = 0; i < e->nproblems; i++)
		if (!e->problems[i] || !*e->problems[i])
			abort();
	for (i = 0; i < e->nmodels; i++)
		if (!e->models[i])
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const pc_eval_ctx ctx = {
		.index = index_,
		.cfg = &cfg,
		.commit_day = pc_days_from_date("2026-06-01"),
	};
	const uint8_t *nl = memchr(data, '\n', size);
	size_t reflen = nl ? (size_t)(nl - data) : size;
	char *ref = malloc(reflen + 1), day[11];
	pc_eval e;

	memcpy(ref, data, reflen);
	ref[reflen] = '\0';
	/* A trailer value is a C string: it ends at a NUL. */
	if (pc_eval_check(&e, &ctx, ref) < 0)
		abort(); /* only git failures are errors, and the index is in memory */
	check(&e);
	pc_eval_free(&e);
	if (nl) {
		pc_eval_read(&e, &ctx, ref, (const char *)nl + 1, size - reflen - 1);
		/* the verdict on whatever numbers it read, against itself too */
		pc_verdict_add(&e, &cfg, e.nmodels ? e.models[0] : "gpt-4o-2024-08-06",
			       "gpt-4o-mini-2024-07-18");
		check(&e);
		pc_eval_free(&e);
	}
	if (pc_days_from_date(ref) >= 0) {
		pc_date_from_days(pc_days_from_date(ref), day);
		if (pc_days_from_date(day) != pc_days_from_date(ref))
			abort();
	}
	free(ref);
	return 0;
}
