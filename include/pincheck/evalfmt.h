/*
 * evalfmt.h: eval results as eval tools write them (SPEC section 5),
 * recognised by their content, never their name: pincheck's own summary,
 * promptfoo's output, inspect_ai logs (JSON, and `.eval` zip archives),
 * lm-evaluation-harness results and the OpenAI Evals API run object. Each
 * reader fills one pc_eval_result: which models were evaluated, with the
 * tool's own numbers (tests passed and failed, or named metrics), the
 * tool's own date as a day, and every problem that makes the file
 * unusable as an eval whatever the model. What the numbers are worth for a
 * given bump is the verdict's (evalref.h, pc_eval_judge).
 */
#ifndef PINCHECK_EVALFMT_H
#define PINCHECK_EVALFMT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
	PC_EVAL_PINCHECK = 0, /**< pincheck's own summary (model, suite, date, status) */
	PC_EVAL_PROMPTFOO,    /**< `promptfoo eval -o results.json` (or .yaml) */
	PC_EVAL_INSPECT,      /**< an inspect_ai log (.json, or .eval archive) */
	PC_EVAL_LM_EVAL,      /**< lm-evaluation-harness results_*.json */
	PC_EVAL_OPENAI,       /**< an OpenAI Evals API run object (eval.run) */
} pc_eval_format;

/** The format's name as messages and `eval check` print it. */
const char *pc_eval_format_name(pc_eval_format f);

/** Does the format give scores only (no per-test verdict), so that
 * eval.metrics decides? */
bool pc_eval_format_scores_only(pc_eval_format f);

typedef struct {
	char *name;   /**< the tool's own: "accuracy", "match/accuracy", "arc_easy/acc,none" */
	double value; /**< may be NaN (inspect_ai writes bare NaN) */
} pc_eval_metric;

typedef struct {
	char *id;        /**< the model, provider prefixes stripped (openai:chat:X, openai/X: X) */
	char *raw;       /**< as the tool wrote it */
	bool baseline;   /**< only the comparison's (pincheck's `baseline:`), not evaluated */
	bool has_tests;  /**< per-test verdicts: passed and failed count */
	long passed, failed;
	pc_eval_metric *metrics;
	size_t nmetrics;
} pc_eval_model;

typedef struct {
	pc_eval_format format;
	pc_eval_model *models;
	size_t nmodels;
	char *date;             /**< the tool's own date field, as written (or NULL) */
	const char *date_field; /**< its name, for messages ("results.timestamp") */
	long day;               /**< its day, days since 1970-01-01; -1: none or unreadable */
	char **problems;        /**< each reason the file is no eval at all, a phrase
				     to follow the reference ("has no `suite`") */
	size_t nproblems;
} pc_eval_result;

/**
 * Read `buf` (len bytes) of the file `name` (for parse messages): its
 * format by content, models, numbers and date. Never fails: what cannot be
 * read is a problem in out->problems (a file larger than
 * PC_MAX_EVAL_FILE, YAML or JSON that does not parse, a zip without a
 * header.json, a field missing or of the wrong type).
 */
void pc_eval_result_read(pc_eval_result *out, const char *name, const char *buf, size_t len);

void pc_eval_result_free(pc_eval_result *r);

/** Does the configured metric name `want` (eval.metrics) select the
 * tool's metric `have`? `accuracy` selects `accuracy` and any scorer's
 * `SCORER/accuracy`; `acc` selects every task's `TASK/acc,FILTER`; a name
 * with its scorer, task or filter selects only that one. */
bool pc_eval_metric_matches(const char *want, const char *have);

#endif
