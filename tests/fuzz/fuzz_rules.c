/*
 * fuzz_rules: one rule file (SPEC section 7) through the loader and the
 * compiler (schema, dates, keywords, suggestions, tests, PCRE2 + JIT with
 * token boundaries added), then, when it compiles, every rule's embedded
 * tests through a matcher built from it, as `pincheck rules test` runs
 * them, and each suggestion looked up. Bad rules are errors, never
 * crashes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"
#include "pincheck/match.h"
#include "pincheck/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void try_line(pc_matcher *m, const pc_rule *r, const char *s)
{
	const pc_ref *refs;
	size_t len = strlen(s);
	int n = pc_match_line(m, s, len, &refs), i;

	for (i = 0; i < n; i++) {
		if (refs[i].start > refs[i].end || refs[i].end > len || !refs[i].rule)
			abort();
		(void)pc_rule_suggest(refs[i].rule, s + refs[i].start, refs[i].end - refs[i].start);
	}
	(void)pc_rule_suggest(r, s, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pc_ruleset *rs = pc_ruleset_new();
	pc_matcher *m = NULL;
	size_t i, j;

	if (pc_ruleset_add_file(rs, "fuzz.yml", (const char *)data, size, PC_ORIGIN_FILE) < 0 ||
	    pc_ruleset_compile(rs) < 0 || pc_matcher_new(&m, rs) < 0)
		goto out;
	for (i = 0; i < rs->nrules; i++) {
		const pc_rule *r = &rs->rules[i];
		if (!pc_class_name(r->cls) || (r->severity != PC_SEV_DEFAULT && !pc_severity_name(r->severity)))
			abort();
		if (r->disabled)
			continue;
		for (j = 0; j < r->ntest_match; j++)
			try_line(m, r, r->test_match[j]);
		for (j = 0; j < r->ntest_no_match; j++)
			try_line(m, r, r->test_no_match[j]);
		(void)pc_ruleset_find(rs, r->id);
	}
	for (i = 0; i < rs->nmodels; i++)
		if (pc_ruleset_model(rs, rs->models[i].id) == NULL)
			abort();
out:
	pc_matcher_free(m);
	pc_ruleset_free(rs);
	return 0;
}
