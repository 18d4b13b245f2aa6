/*
 * test_pinchange.c: pin changes of a change (pinchange.c) from files built
 * in memory: a first use, a bump (another pinned id of the provider left
 * the file), an alias replaced by a pin, removals, several pins on a line,
 * ids that only move (pc_pin_changes_finish), and ids newly approved in the
 * configuration.
 *
 * Contents are heap copies of exactly their length, so AddressSanitizer
 * and valgrind catch any read past the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"
#include "pincheck/match.h"
#include "pincheck/pinchange.h"
#include "pincheck/rules.h"

static const char acme_rules[] =
	"provider: acme\n"
	"rules:\n"
	"  - id: acme-pinned\n"
	"    class: pinned\n"
	"    pattern: 'acme-(?:fast|slow)-20[0-9]{2}-[0-9]{2}-[0-9]{2}'\n"
	"  - id: acme-alias\n"
	"    class: alias\n"
	"    pattern: 'acme-(?:fast|slow)(?![-a-z0-9])'\n";

static const char zeta_rules[] =
	"provider: zeta\n"
	"rules:\n"
	"  - id: zeta-pinned\n"
	"    class: pinned\n"
	"    pattern: 'zeta-[0-9]{1,3}-v[0-9]{1,3}'\n";

typedef struct {
	pc_ruleset *rs;
	pc_matcher *m;
	pc_pin_changes pc;
	char *bufs[8]; /* exact-length copies, freed in teardown */
	size_t nbufs;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	pc_pin_changes init = PC_PIN_CHANGES_INIT;
	if (!f)
		return -1;
	f->pc = init;
	f->rs = pc_ruleset_new();
	if (pc_ruleset_add_file(f->rs, "acme.yml", acme_rules, strlen(acme_rules), PC_ORIGIN_BUILTIN) < 0 ||
	    pc_ruleset_add_file(f->rs, "zeta.yml", zeta_rules, strlen(zeta_rules), PC_ORIGIN_BUILTIN) < 0 ||
	    pc_ruleset_compile(f->rs) < 0 || pc_matcher_new(&f->m, f->rs) < 0) {
		fprintf(stderr, "setup: %s\n", pc_error_last());
		pc_ruleset_free(f->rs);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	size_t i;
	pc_pin_changes_free(&f->pc);
	pc_matcher_free(f->m);
	pc_ruleset_free(f->rs);
	for (i = 0; i < f->nbufs; i++)
		free(f->bufs[i]);
	free(f);
	return 0;
}

static const char *copy(fixture *f, const char *s)
{
	size_t len = strlen(s);
	char *b = malloc(len ? len : 1);
	assert_non_null(b);
	assert_true(f->nbufs < 8);
	memcpy(b, s, len);
	f->bufs[f->nbufs++] = b;
	return b;
}

/* One changed file: `lines` are its added lines (NULL and 0: none given,
 * which the recorder treats as "not a text diff"). */
static int add_file(fixture *f, const char *path, const char *old, const char *now,
		    const size_t *lines, size_t nlines)
{
	pc_file file;
	memset(&file, 0, sizeof(file));
	file.path = path;
	file.data = copy(f, now);
	file.len = strlen(now);
	file.lines = lines;
	file.nlines = nlines;
	if (old) {
		file.old_data = copy(f, old);
		file.old_len = strlen(old);
	}
	return pc_pin_changes_add_file(&f->pc, f->m, &file);
}

static bool gone(const pc_pin_changes *pc, const char *model)
{
	size_t i;
	for (i = 0; i < pc->ngone; i++)
		if (!strcmp(pc->gone[i], model))
			return true;
	return false;
}

static void test_first_use_in_a_new_file(void **state)
{
	fixture *f = *state;
	static const size_t lines[] = { 1, 2 };
	const pc_pin_change *x;
	assert_int_equal(add_file(f, "app.py", NULL, "import acme\nm = 'acme-fast-2025-02-02'\n", lines, 2), 0);
	assert_int_equal(f->pc.n, 1);
	x = &f->pc.items[0];
	assert_int_equal(x->how, PC_PIN_INTRODUCED);
	assert_string_equal(x->model, "acme-fast-2025-02-02");
	assert_string_equal(x->provider, "acme");
	assert_string_equal(x->rule, "acme-pinned");
	assert_string_equal(x->path, "app.py");
	assert_null(x->replaces);
	assert_int_equal(x->line, 2);
	assert_int_equal(x->col, 6);
	assert_int_equal(x->span, strlen("acme-fast-2025-02-02"));
	assert_string_equal(x->source, "m = 'acme-fast-2025-02-02'");
	assert_int_equal(x->source_col, 6);
	assert_false(x->suppressed);
	assert_false(x->new_config);
	assert_int_equal(f->pc.ngone, 0);
}

/* Only a choice takes part in a pin change: a pin that code compares
 * with, or a table keyed by it, introduces nothing. */
static void test_a_mention_is_no_pin_change(void **state)
{
	fixture *f = *state;
	static const size_t lines[] = { 1, 2 };
	assert_int_equal(add_file(f, "app.py", NULL,
				  "if m == 'acme-fast-2025-02-02':\n    PRICES = {'acme-fast-2025-03-03': 1}\n",
				  lines, 2), 0);
	assert_int_equal(f->pc.n, 0);
}

static void test_bump_replaces_the_old_pin(void **state)
{
	fixture *f = *state;
	static const size_t lines[] = { 2 };
	const pc_pin_change *x;
	assert_int_equal(add_file(f, "app.py", "import acme\nm = 'acme-fast-2024-01-01'\n",
				  "import acme\nm = 'acme-fast-2025-02-02'\n", lines, 1), 0);
	assert_int_equal(f->pc.n, 1);
	x = &f->pc.items[0];
	assert_string_equal(x->model, "acme-fast-2025-02-02");
	assert_non_null(x->replaces);
	assert_string_equal(x->replaces, "acme-fast-2024-01-01");
	assert_int_equal(x->line, 2);
	/* the old pin left the file */
	assert_int_equal(f->pc.ngone, 1);
	assert_true(gone(&f->pc, "acme-fast-2024-01-01"));
}

static void test_bump_is_per_provider(void **state)
{
	fixture *f = *state;
	static const size_t lines[] = { 1 };
	/* a zeta pin left and an acme pin came: a first use, not a bump */
	assert_int_equal(add_file(f, "app.py", "m = 'zeta-3-v1'\n", "m = 'acme-slow-2025-02-02'\n",
				  lines, 1), 0);
	assert_int_equal(f->pc.n, 1);
	assert_string_equal(f->pc.items[0].model, "acme-slow-2025-02-02");
	assert_null(f->pc.items[0].replaces);
	assert_true(gone(&f->pc, "zeta-3-v1"));
}

static void test_alias_to_pin_is_a_first_use(void **state)
{
	fixture *f = *state;
	static const size_t lines[] = { 1 };
	/* an alias is no pin: nothing is replaced, nothing is gone */
	assert_int_equal(add_file(f, "app.py", "m = 'acme-fast'\n", "m = 'acme-fast-2025-02-02'\n",
				  lines, 1), 0);
	assert_int_equal(f->pc.n, 1);
	assert_string_equal(f->pc.items[0].model, "acme-fast-2025-02-02");
	assert_null(f->pc.items[0].replaces);
	assert_int_equal(f->pc.ngone, 0);
}

static void test_pin_to_alias_and_removal_record_only_gone(void **state)
{
	fixture *f = *state;
	static const size_t one[] = { 1 }, two[] = { 2 };
	assert_int_equal(add_file(f, "a.py", "m = 'acme-fast-2024-01-01'\n", "m = 'acme-fast'\n", one, 1), 0);
	assert_int_equal(add_file(f, "b.py", "m = 'zeta-1-v1'\nx = 1\n", "x = 1\ny = 2\n", two, 1), 0);
	assert_int_equal(f->pc.n, 0);
	assert_int_equal(f->pc.ngone, 2);
	assert_string_equal(f->pc.gone[0], "acme-fast-2024-01-01");
	assert_string_equal(f->pc.gone[1], "zeta-1-v1");
	/* a second removal of the same id is recorded once */
	assert_int_equal(add_file(f, "c.py", "m = 'zeta-1-v1'\n", "m = 2\n", one, 1), 0);
	assert_int_equal(f->pc.ngone, 2);
}

static void test_an_id_the_old_version_had_is_no_change(void **state)
{
	fixture *f = *state;
	static const size_t lines[] = { 1, 2 };
	/* reformatted: the id is on an added line, but the file had it */
	assert_int_equal(add_file(f, "app.py", "m = 'acme-fast-2024-01-01'\n",
				  "m = (\n  'acme-fast-2024-01-01')\n", lines, 2), 0);
	assert_int_equal(f->pc.n, 0);
	assert_int_equal(f->pc.ngone, 0);
}

static void test_only_added_lines_introduce(void **state)
{
	fixture *f = *state;
	static const size_t lines[] = { 3 };
	const pc_pin_change *x;
	/* the id is on line 1 (not added) and line 3 (added): reported at 3 */
	assert_int_equal(add_file(f, "app.py", "x = 0\n",
				  "a = 'zeta-2-v2'\nx = 0\nb = 'zeta-2-v2'\nc = 'zeta-9-v9'\n",
				  lines, 1), 0);
	assert_int_equal(f->pc.n, 1);
	x = &f->pc.items[0];
	assert_string_equal(x->model, "zeta-2-v2");
	assert_int_equal(x->line, 3);
	assert_string_equal(x->source, "b = 'zeta-2-v2'");
	/* zeta-9-v9 on line 4 was not added by this change */
}

static void test_several_pins_on_one_line_in_order(void **state)
{
	fixture *f = *state;
	static const size_t lines[] = { 1 };
	const char *now = "ms = ['acme-slow-2025-03-03', 'zeta-1-v2', 'acme-fast-2025-02-02']\n";
	assert_int_equal(add_file(f, "app.py", "ms = ['acme-fast-2024-01-01']\n", now, lines, 1), 0);
	assert_int_equal(f->pc.n, 3);
	assert_string_equal(f->pc.items[0].model, "acme-slow-2025-03-03");
	assert_string_equal(f->pc.items[1].model, "zeta-1-v2");
	assert_string_equal(f->pc.items[2].model, "acme-fast-2025-02-02");
	assert_int_equal(f->pc.items[0].col, 8);
	assert_int_equal(f->pc.items[1].col, strstr(now, "zeta") - now + 1);
	assert_int_equal(f->pc.items[2].col, strstr(now, "acme-fast") - now + 1);
	/* each acme pin replaces the acme pin that left; zeta replaces none */
	assert_string_equal(f->pc.items[0].replaces, "acme-fast-2024-01-01");
	assert_null(f->pc.items[1].replaces);
	assert_string_equal(f->pc.items[2].replaces, "acme-fast-2024-01-01");
}

static void test_suppressed_line_is_marked(void **state)
{
	fixture *f = *state;
	static const size_t lines[] = { 1 };
	assert_int_equal(add_file(f, "app.py", NULL, "m = 'zeta-1-v1'  # pincheck:allow[zeta-pinned]\n",
				  lines, 1), 0);
	assert_int_equal(f->pc.n, 1);
	assert_true(f->pc.items[0].suppressed);
}

static void test_no_lines_means_nothing_to_judge(void **state)
{
	fixture *f = *state;
	/* binary or too large files come without added lines */
	assert_int_equal(add_file(f, "app.py", "m = 'zeta-1-v1'\n", "m = 'zeta-2-v2'\n", NULL, 0), 0);
	assert_int_equal(f->pc.n, 0);
	assert_int_equal(f->pc.ngone, 0);
}

static void test_renamed_file_compares_with_its_old_path(void **state)
{
	fixture *f = *state;
	static const size_t lines[] = { 2 };
	const char *now = "m = 'zeta-1-v1'\nn = 'zeta-1-v1'\n";
	pc_file file;
	/* old_path is only where the old version was: the id it had is kept */
	memset(&file, 0, sizeof(file));
	file.path = "new/app.py";
	file.data = copy(f, now);
	file.len = strlen(now);
	file.lines = lines;
	file.nlines = 1;
	file.old_data = copy(f, "m = 'zeta-1-v1'\n");
	file.old_len = strlen("m = 'zeta-1-v1'\n");
	file.old_path = "old/app.py";
	assert_int_equal(pc_pin_changes_add_file(&f->pc, f->m, &file), 0);
	assert_int_equal(f->pc.n, 0);
}

static void test_finish_drops_moves_and_keeps_order(void **state)
{
	fixture *f = *state;
	static const size_t one[] = { 1 };
	/* a.py gains two pins; b.py loses one of them: that one moved */
	assert_int_equal(add_file(f, "a.py", "x = 1\n", "m = ['zeta-1-v1', 'zeta-2-v2', 'acme-fast-2025-02-02']\n",
				  one, 1), 0);
	assert_int_equal(add_file(f, "b.py", "m = 'zeta-2-v2'\n", "m = 0\n", one, 1), 0);
	assert_int_equal(f->pc.n, 3);
	pc_pin_changes_finish(&f->pc);
	assert_int_equal(f->pc.n, 2);
	assert_string_equal(f->pc.items[0].model, "zeta-1-v1");
	assert_string_equal(f->pc.items[1].model, "acme-fast-2025-02-02");
	/* finishing again changes nothing */
	pc_pin_changes_finish(&f->pc);
	assert_int_equal(f->pc.n, 2);
}

static void test_finish_keeps_approvals_of_gone_ids(void **state)
{
	fixture *f = *state;
	static const size_t one[] = { 1 };
	const char *old_cfg = "approved: []\n", *new_cfg = "approved:\n  - zeta-1-v1\n";
	assert_int_equal(add_file(f, "b.py", "m = 'zeta-1-v1'\n", "m = 0\n", one, 1), 0);
	assert_int_equal(pc_pin_changes_add_config(&f->pc, f->m, ".pincheck.yml", old_cfg, strlen(old_cfg),
						   new_cfg, strlen(new_cfg)), 0);
	pc_pin_changes_finish(&f->pc);
	assert_int_equal(f->pc.n, 1);
	assert_int_equal(f->pc.items[0].how, PC_PIN_APPROVED);
}

static void test_config_records_newly_approved_ids(void **state)
{
	fixture *f = *state;
	const char *old_cfg = "version: 1\napproved:\n  - zeta-1-v1\n";
	const char *new_cfg = "version: 1\napproved:\n  - zeta-1-v1\n  - acme-fast-2025-02-02\n  - house-model-7\n";
	const pc_pin_change *x;
	assert_int_equal(pc_pin_changes_add_config(&f->pc, f->m, ".pincheck.yml", copy(f, old_cfg),
						   strlen(old_cfg), copy(f, new_cfg), strlen(new_cfg)), 0);
	assert_int_equal(f->pc.n, 2);
	x = &f->pc.items[0];
	assert_int_equal(x->how, PC_PIN_APPROVED);
	assert_string_equal(x->model, "acme-fast-2025-02-02");
	assert_string_equal(x->provider, "acme");
	assert_string_equal(x->rule, "acme-pinned");
	assert_string_equal(x->path, ".pincheck.yml");
	assert_int_equal(x->line, 4);
	assert_int_equal(x->col, 5);
	assert_int_equal(x->span, strlen("acme-fast-2025-02-02"));
	assert_false(x->new_config);
	assert_null(x->replaces);
	/* an id no rule knows is still a pin change, with no rule */
	x = &f->pc.items[1];
	assert_string_equal(x->model, "house-model-7");
	assert_null(x->provider);
	assert_null(x->rule);
	assert_int_equal(x->line, 5);
}

static void test_config_new_file_and_unreadable_old_version(void **state)
{
	fixture *f = *state;
	const char *cfg = "approved: [zeta-1-v1, zeta-2-v2]\n";
	const char *bad_old = "approved: [zeta-1-v1\n"; /* does not parse */
	size_t i;
	assert_int_equal(pc_pin_changes_add_config(&f->pc, f->m, ".pincheck.yml", NULL, 0, cfg,
						   strlen(cfg)), 0);
	assert_int_equal(f->pc.n, 2);
	for (i = 0; i < 2; i++) {
		assert_true(f->pc.items[i].new_config);
		assert_int_equal(f->pc.items[i].line, 1);
	}
	assert_int_equal(f->pc.items[1].col, strstr(cfg, "zeta-2") - cfg + 1);
	/* an old version that no longer parses: every approved id is new */
	assert_int_equal(pc_pin_changes_add_config(&f->pc, f->m, ".pincheck.yml", bad_old,
						   strlen(bad_old), cfg, strlen(cfg)), 0);
	assert_int_equal(f->pc.n, 4);
	assert_false(f->pc.items[2].new_config);
	/* a deleted config approves nothing */
	assert_int_equal(pc_pin_changes_add_config(&f->pc, f->m, ".pincheck.yml", cfg, strlen(cfg),
						   NULL, 0), 0);
	assert_int_equal(f->pc.n, 4);
}

static void test_config_that_does_not_parse_is_an_error(void **state)
{
	fixture *f = *state;
	const char *bad = "approved: [zeta-1-v1\n";
	const char *unknown = "aproved: [zeta-1-v1]\n";
	assert_true(pc_pin_changes_add_config(&f->pc, f->m, "cfg.yml", NULL, 0, bad, strlen(bad)) < 0);
	assert_non_null(strstr(pc_error_last(), "cfg.yml"));
	assert_true(pc_pin_changes_add_config(&f->pc, f->m, "cfg.yml", NULL, 0, unknown, strlen(unknown)) < 0);
	assert_int_equal(f->pc.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_first_use_in_a_new_file),
		T(test_a_mention_is_no_pin_change),
		T(test_bump_replaces_the_old_pin),
		T(test_bump_is_per_provider),
		T(test_alias_to_pin_is_a_first_use),
		T(test_pin_to_alias_and_removal_record_only_gone),
		T(test_an_id_the_old_version_had_is_no_change),
		T(test_only_added_lines_introduce),
		T(test_several_pins_on_one_line_in_order),
		T(test_suppressed_line_is_marked),
		T(test_no_lines_means_nothing_to_judge),
		T(test_renamed_file_compares_with_its_old_path),
		T(test_finish_drops_moves_and_keeps_order),
		T(test_finish_keeps_approvals_of_gone_ids),
		T(test_config_records_newly_approved_ids),
		T(test_config_new_file_and_unreadable_old_version),
		T(test_config_that_does_not_parse_is_an_error),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
