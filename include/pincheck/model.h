/*
 * model.h: model ids, compared and read in one place. An id may carry a
 * provider prefix ("openai/gpt-4o-2024-08-06", an OpenRouter or LiteLLM
 * route); it names the same pinned model as the id without it. A pinned
 * id's snapshot date is written by each provider's own convention.
 */
#ifndef PINCHECK_MODEL_H
#define PINCHECK_MODEL_H

#include <stdbool.h>

/**
 * Do `a` and `b` name the same model: equal, or equal once the provider
 * prefix of one of them is dropped ("openai/gpt-4o-2024-08-06" and
 * "gpt-4o-2024-08-06")?
 */
bool pc_model_same(const char *a, const char *b);

/** The id without its provider prefix: what follows the last '/', or `model`. */
const char *pc_model_base(const char *model);

/**
 * The snapshot date `model` carries, by the convention of `provider` (a
 * rule file's provider name, or NULL): a YYYY-MM-DD date anywhere in it
 * (gpt-4o-2024-08-06), else a YYYYMMDD date (claude-3-5-sonnet-20241022),
 * else for "mistral" a -YYMM suffix (mistral-large-2407: 2024-07-01).
 * True and the date in `out`; false and "" when it carries none.
 */
bool pc_model_snapshot_date(const char *model, const char *provider, char out[11]);

#endif
