/*
 * test_inventory.c: a drill's candidate (inventory.c, pc_drill_candidate)
 * over a catalog of its own: the documented replacement when bump would
 * take it, else the newest live snapshot of the same family that outlives
 * the pin in use.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"
#include "pincheck/inventory.h"
#include "pincheck/rules.h"

#define TODAY "2026-12-01"

/* acme's pinned ids are acme-NAME-YYYY-MM-DD or acme-NAME-NNN, maybe behind
 * a route/ prefix; acme-fast alone is an alias; zeta is another provider. */
static const char catalog[] =
	"provider: acme\n"
	"rules:\n"
	"  - id: acme-pinned\n"
	"    class: pinned\n"
	"    pattern: '(?:route/)?acme-[a-z]+-(?:\\d{4}-\\d{2}-\\d{2}|\\d{3})'\n"
	"    message: a snapshot.\n"
	"  - id: acme-alias\n"
	"    class: alias\n"
	"    pattern: 'acme-[a-z]+'\n"
	"    message: an alias.\n"
	"  - id: zeta-pinned\n"
	"    provider: zeta\n"
	"    class: pinned\n"
	"    pattern: 'zeta-fast-\\d{4}-\\d{2}-\\d{2}'\n"
	"    message: a snapshot.\n"
	"models:\n"
	"  - id: acme-fast-2025-01-01\n"
	"    retires: 2027-06-01\n"
	"  - id: acme-fast-2025-06-01\n"       /* newer, outlives it */
	"    retires: 2028-01-01\n"
	"  - id: acme-fast-2026-01-01\n"       /* newest, outlives it: the candidate */
	"  - id: acme-fast-2026-03-01\n"       /* newer still, but deprecated */
	"    deprecated: 2026-11-01\n"
	"    retires: 2029-01-01\n"
	"  - id: acme-faster-2027-01-01\n"     /* another family */
	"  - id: acme-slow-2025-01-01\n"
	"    retires: 2027-01-01\n"
	"  - id: acme-slow-2025-06-01\n"       /* retires with it: no target */
	"    retires: 2027-01-01\n"
	"  - id: acme-slow-2024-01-01\n"       /* older */
	"  - id: acme-old-2024-01-01\n"
	"    retires: 2025-01-01\n"
	"  - id: acme-old-2025-01-01\n"        /* retired too */
	"    retires: 2026-01-01\n"
	"  - id: acme-pro-001\n"
	"    replacement: acme-pro-003\n"      /* documented: wins over -002 */
	"  - id: acme-pro-002\n"
	"  - id: acme-pro-003\n"
	"  - id: acme-mini-001\n"
	"    replacement: acme-fast\n"         /* an alias: no target, no guess */
	"  - id: acme-mini-002\n"
	"  - id: acme-tiny-001\n"
	"  - id: acme-tiny-002\n";

static int setup(void **state)
{
	pc_ruleset *rs = pc_ruleset_new();
	size_t len = strlen(catalog);
	char *buf = pc_malloc(len); /* exactly its length, for the sanitizers */
	memcpy(buf, catalog, len);
	if (pc_ruleset_add_file(rs, "acme.yml", buf, len, PC_ORIGIN_FILE) < 0 ||
	    pc_ruleset_compile(rs) < 0)
		fail_msg("acme.yml: %s", pc_error_last());
	free(buf);
	*state = rs;
	return 0;
}

static int teardown(void **state)
{
	pc_ruleset_free(*state);
	return 0;
}

static const char *candidate(void **state, const char *model, const char *provider)
{
	return pc_drill_candidate(*state, model, provider, TODAY);
}

static void test_newest_live_snapshot_of_the_family(void **state)
{
	assert_string_equal(candidate(state, "acme-fast-2025-01-01", "acme"),
			    "acme-fast-2026-01-01");
	assert_string_equal(candidate(state, "acme-fast-2025-06-01", "acme"),
			    "acme-fast-2026-01-01");
	/* behind a route prefix, the same family; the catalog's id */
	assert_string_equal(candidate(state, "route/acme-fast-2025-01-01", "acme"),
			    "acme-fast-2026-01-01");
	/* a version number orders as the date does */
	assert_string_equal(candidate(state, "acme-tiny-001", "acme"), "acme-tiny-002");
}

static void test_no_target_that_does_not_outlive_it(void **state)
{
	/* the newest is the one in use; the next retires with it; all retired */
	assert_null(candidate(state, "acme-fast-2026-01-01", "acme"));
	assert_null(candidate(state, "acme-slow-2025-01-01", "acme"));
	assert_null(candidate(state, "acme-old-2024-01-01", "acme"));
	/* not in the catalog: a newer snapshot still is a target */
	assert_string_equal(candidate(state, "acme-slow-2023-01-01", "acme"),
			    "acme-slow-2025-06-01");
	/* no family in its shape, or none newer in the catalog */
	assert_null(candidate(state, "acme-fast", "acme"));
	assert_null(candidate(state, "acme-tiny-002", "acme"));
	assert_null(candidate(state, "zeta-fast-2025-01-01", "zeta"));
}

static void test_documented_replacement_first(void **state)
{
	assert_string_equal(candidate(state, "acme-pro-001", "acme"), "acme-pro-003");
	/* a replacement bump would not take is no target, and no family guess
	 * stands in for what the catalog documents */
	assert_null(candidate(state, "acme-mini-001", "acme"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_newest_live_snapshot_of_the_family, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_no_target_that_does_not_outlive_it, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_documented_replacement_first, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
