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

/** A snapshot's place in its family: a kind ('d' a date, 'v' a version
 * number) and a text that orders snapshots of that kind (YYYY-MM-DD, day
 * 01 for a suffix without one; the three digits of NNN). */
typedef struct {
	char kind;
	char key[11];
} pc_model_version;

/**
 * The family of the pinned id `model`, read from its shape: the id (its
 * provider prefix dropped) without the snapshot suffix its provider
 * documents, which is one of
 *  - `-YYYY-MM-DD` (OpenAI: gpt-4o-2024-08-06 is of gpt-4o),
 *  - `-YYYYMMDD` or `@YYYYMMDD`, maybe then `-vN` or `-vN:M` (Anthropic,
 *    Vertex, Bedrock: claude-3-5-sonnet-20241022, ...-20240620-v1:0),
 *  - `-NNN` or `@NNN` (Google: gemini-1.5-pro-002, textembedding-gecko@003),
 *  - for "mistral" `-YYMM` (mistral-large-2411), for "cohere" `-MM-YYYY`
 *    (command-r-08-2024).
 * Returns the family's length in pc_model_base(model) (its first bytes),
 * with the suffix's version in *v; 0 when the id carries no such suffix
 * (a dateless id such as claude-opus-4-6, or OpenAI's year-less -0613,
 * which cannot be ordered).
 */
size_t pc_model_family(const char *model, const char *provider, pc_model_version *v);

#endif
