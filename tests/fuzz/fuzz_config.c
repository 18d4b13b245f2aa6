/*
 * fuzz_config: a repository's .pincheck.yml through the strict loader
 * (every key, type and value checked), then, when it loads, the rule set it
 * defines compiled (PCRE2 + JIT; the built-in catalog is left out, as with
 * --no-default-rules, so that each input costs only its own rules) and the
 * path filters asked about a few paths. A bad config is an error naming
 * the file; nothing else may happen.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"
#include "pincheck/config.h"
#include "pincheck/rules.h"

#define NAME ".pincheck.yml"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = { "src/app.py", "vendor/lib/x.js", "a.snap", "", "/" };
	pc_ruleset *rs = NULL;
	pc_config cfg;
	size_t i;
	int err;

	pc_config_init(&cfg);
	err = pc_config_parse(&cfg, NAME, (const char *)data, size);
	if (err < 0) {
		if (err != PC_EUSAGE || strncmp(pc_error_last(), NAME ":", sizeof(NAME)))
			abort();
		pc_config_free(&cfg);
		return 0;
	}
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		(void)pc_config_excluded(&cfg, paths[i]);
	for (i = 0; i < PC_KIND__COUNT; i++)
		if (!pc_kind_name((pc_kind)i))
			abort();
	if (pc_config_rules(&rs, &cfg, true) == 0)
		pc_ruleset_free(rs);
	pc_config_free(&cfg);
	return 0;
}
