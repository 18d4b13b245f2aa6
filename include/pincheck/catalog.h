/*
 * catalog.h: `pincheck catalog import` (SPEC section 10). Providers'
 * own machine-readable model lists, saved by the user with their usual
 * tools, become a rule file of `models:` lifecycle facts that a config
 * lists under `catalogs:` (rules.h, PC_ORIGIN_CATALOG). pincheck never
 * fetches them: the lists are read from files.
 *
 * Flow: each file → its format, recognised by content (pc_catalog_read)
 * → facts merged by id → one rule file (pc_catalog_write).
 */
#ifndef PINCHECK_CATALOG_H
#define PINCHECK_CATALOG_H

#include <stddef.h>
#include "buf.h"
#include "rules.h"

/** What the files read so far hold. */
typedef struct {
	pc_model *models;   /**< facts by id; `provider` is the list's */
	size_t nmodels, amodels;
	pc_buf sources;     /**< one comment line for each file read */
	const char *provider; /**< the lists' provider; "imported" when they differ */
} pc_catalog;

#define PC_CATALOG_INIT { NULL, 0, 0, PC_BUF_INIT, NULL }

/**
 * Read one saved model list named `name` (for messages) into `cat`:
 * the Anthropic models list (`GET /v1/models`), AWS Bedrock's
 * ListFoundationModels, the Azure OpenAI models list, OpenRouter's
 * `/api/v1/models`, or LiteLLM's model_prices_and_context_window.json.
 * A status that says deprecated or retired without a date counts from
 * `today` (YYYY-MM-DD), the day the list is imported. When two lists give
 * one id different dates, the earlier is kept. PC_EUSAGE with NAME (and
 * LINE:COL where there is one) when the file is not one of these lists or
 * a field of it is malformed.
 */
int pc_catalog_read(pc_catalog *cat, const char *name, const char *buf, size_t len,
		    const char *today);

/** The rule file: `provider:`, `catalog_date: today`, `models:` by id. */
void pc_catalog_write(pc_buf *out, const pc_catalog *cat, const char *today);

void pc_catalog_free(pc_catalog *cat);

#endif
