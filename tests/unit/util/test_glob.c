/*
 * test_glob.c: git-style path globs (glob.c) for paths.exclude/include.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/glob.h"

#define YES(pat, path) assert_true(pc_glob_match(pat, path))
#define NO(pat, path) assert_false(pc_glob_match(pat, path))

static void test_literal_path_matches_itself_only(void **state)
{
	(void)state;
	YES("src/main.c", "src/main.c");
	NO("src/main.c", "src/main.h");
	NO("src/main.c", "src/main.cc");
	NO("src/main.c", "lib/src/main.c");
}

static void test_star_matches_within_one_segment(void **state)
{
	(void)state;
	YES("src/*.c", "src/a.c");
	YES("src/*.c", "src/.c");
	NO("src/*.c", "src/sub/a.c");
	YES("src/*", "src/a.c");
	YES("src/a*b*c.txt", "src/aXXbYYc.txt");
	NO("src/a*b*c.txt", "src/aXX/bc.txt");
}

static void test_double_star_crosses_segments(void **state)
{
	(void)state;
	YES("src/**/*.c", "src/a.c");
	YES("src/**/*.c", "src/x/y/z/a.c");
	NO("src/**/*.c", "lib/a.c");
	YES("a/**/b", "a/b");
	YES("a/**/b", "a/x/b");
	YES("a/**/b", "a/x/y/b");
	NO("a/**/b", "a/x/bb");
}

static void test_vendor_double_star_covers_everything_below(void **state)
{
	(void)state;
	YES("vendor/**", "vendor/a.c");
	YES("vendor/**", "vendor/x/y/z.go");
	NO("vendor/**", "vendorx/a.c");
	NO("vendor/**", "src/vendor/a.c");
}

static void test_leading_double_star_matches_any_depth(void **state)
{
	(void)state;
	YES("**/*.md", "README.md");
	YES("**/*.md", "docs/guide/intro.md");
	NO("**/*.md", "docs/intro.mdx");
	YES("**/testdata/**", "a/b/testdata/x.json");
	YES("**/testdata/**", "testdata/x.json");
}

static void test_question_mark_matches_one_non_slash(void **state)
{
	(void)state;
	YES("file?.txt", "file1.txt");
	NO("file?.txt", "file.txt");
	NO("file?.txt", "file12.txt");
	NO("a?b", "a/b");
	YES("dir/a?b", "dir/axb");
}

static void test_character_classes(void **state)
{
	(void)state;
	YES("file[0-9].txt", "file7.txt");
	NO("file[0-9].txt", "filex.txt");
	YES("[abc].c", "b.c");
	NO("[abc].c", "d.c");
	YES("x[a-cx-z]", "xy");
	NO("x[a-cx-z]", "xm");
	YES("x[-a]", "x-");
	YES("x[a-]", "x-");
}

static void test_negated_classes(void **state)
{
	(void)state;
	YES("file[!0-9].txt", "filex.txt");
	NO("file[!0-9].txt", "file3.txt");
	YES("[^a]", "b");
	NO("[^a]", "a");
	NO("d/x[!y]", "d/x/");
}

static void test_class_with_leading_bracket_and_unterminated_class(void **state)
{
	(void)state;
	YES("a[]]b", "a]b");
	YES("a[!]]b", "axb");
	NO("a[!]]b", "a]b");
	NO("a[bc", "ab");
	NO("a[bc", "a[bc");
}

static void test_class_never_matches_slash(void **state)
{
	(void)state;
	NO("a[/]b", "a/b");
	NO("a[!x]b", "a/b");
}

static void test_backslash_escapes_a_character(void **state)
{
	(void)state;
	YES("a\\*b", "a*b");
	NO("a\\*b", "axb");
	YES("a\\?", "a?");
}

static void test_pattern_without_slash_matches_basename_at_any_depth(void **state)
{
	(void)state;
	YES("*.log", "debug.log");
	YES("*.log", "a/b/c/debug.log");
	NO("*.log", "a/debug.log.txt");
	YES("Makefile", "sub/dir/Makefile");
	NO("Makefile", "sub/dir/Makefile.am");
}

static void test_pattern_without_slash_matches_directory_names(void **state)
{
	(void)state;
	YES("node_modules", "node_modules/left-pad/index.js");
	YES("node_modules", "web/node_modules/x.js");
	NO("node_modules", "web/node_modulesx/x.js");
	YES("build*", "out/build-1/x.o");
}

static void test_pattern_with_slash_is_anchored(void **state)
{
	(void)state;
	YES("docs/*.md", "docs/a.md");
	NO("docs/*.md", "x/docs/a.md");
}

static void test_pattern_with_slash_covers_directory_contents(void **state)
{
	/* The star matches the directory src/sub, so what is under it too. */
	(void)state;
	YES("src/*", "src/sub/a.c");
	YES("vendor/lib", "vendor/lib/x.c");
	YES("vendor/lib", "vendor/lib/a/b/x.c");
	YES("vendor/lib", "vendor/lib");
	NO("vendor/lib", "vendor/libx/x.c");
	YES("third_party/*", "third_party/pkg/a.c");
}

static void test_trailing_slash_matches_directory_and_below(void **state)
{
	(void)state;
	YES("docs/", "docs/a.md");
	YES("docs/", "docs/x/y/z.md");
	NO("docs/", "docsx/a.md");
	YES("docs/", "src/docs/a.md");
	YES("gen/out/", "gen/out/a.c");
	NO("gen/out/", "gen/output/a.c");
}

static void test_trailing_slash_does_not_match_a_file(void **state)
{
	/* Repository paths name files: "notes/" names a directory, so it must
	 * not match a file called "notes" (git: "matches only directories"). */
	(void)state;
	NO("notes/", "notes");
	NO("notes/", "a/notes");
}

static void test_leading_slash_anchors_to_the_root(void **state)
{
	(void)state;
	YES("/README.md", "README.md");
	NO("/README.md", "docs/README.md");
	YES("/*.c", "main.c");
	NO("/*.c", "src/main.c");
}

static void test_leading_slash_directory_covers_its_contents(void **state)
{
	/* "/build" names the top-level build directory; as with "vendor/lib",
	 * what is under it is excluded too. */
	(void)state;
	YES("/build", "build/out.o");
	NO("/build", "src/build/out.o");
	YES("/build/", "build/out.o");
	NO("/build/", "src/build/out.o");
}

static void test_empty_pattern_matches_nothing(void **state)
{
	(void)state;
	NO("", "a");
	NO("", "a/b");
}

static void test_very_long_paths_and_patterns_are_safe(void **state)
{
	size_t n = 5000;
	char *path = malloc(n + 3), *pat = malloc(n + 3);
	(void)state;
	assert_non_null(path);
	assert_non_null(pat);
	memset(path, 'a', n);
	memcpy(path + n, "/b", 3);
	YES("*", path);
	YES("b", path);
	YES("**/b", path);
	memset(pat, 'a', n);
	memcpy(pat + n, "/", 2);
	NO(pat, "x/y");
	free(path);
	free(pat);
}

static void test_many_stars_do_not_explode(void **state)
{
	/* Backtracking over many '*' on a long non-matching name stays fast
	 * enough to finish (no test timeout). */
	(void)state;
	NO("*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaa");
	YES("*a*a*a*a*a*a*a*a", "aaaaaaaaaaaaaaaaaaaaaaaaa");
}

/*
 * Work, not time: the steps of a match grow with the pattern's length times
 * the path's, not exponentially with the number of stars (trying each split
 * of the name among a dozen stars in turn took minutes for 40 bytes).
 */
static void test_many_stars_take_polynomial_steps(void **state)
{
	const char *pat = "*a*a*a*a*a*a*a*a*a*a*a*a*b";
	char name[81], path[200];
	size_t steps = 0, plen = strlen(pat), n;
	(void)state;
	memset(name, 'a', 80);
	name[80] = '\0';
	for (n = 10; n <= 80; n += 35) {
		name[n] = '\0';
		steps = 0;
		assert_false(pc_glob_match_steps(pat, name, &steps));
		assert_true(steps <= (plen + 1) * (n + 1));
		name[n] = 'a';
	}
	name[80] = '\0';
	/* the same below directories, and with "**" crossing them */
	snprintf(path, sizeof(path), "x/%s/y/%s", name, name);
	steps = 0;
	assert_false(pc_glob_match_steps(pat, path, &steps));
	assert_true(steps <= (plen + 1) * (strlen(path) + 1));
	steps = 0;
	assert_false(pc_glob_match_steps("**/*a*a*a*a*a*a*a*a*a*a*a*a*b/**", path, &steps));
	assert_true(steps <= 40 * (strlen(path) + 1));
	assert_true(pc_glob_match_steps("**/*a*a*a*a*a*a*a*a*a*a*a*a*/**", path, &steps));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_path_matches_itself_only),
		cmocka_unit_test(test_star_matches_within_one_segment),
		cmocka_unit_test(test_double_star_crosses_segments),
		cmocka_unit_test(test_vendor_double_star_covers_everything_below),
		cmocka_unit_test(test_leading_double_star_matches_any_depth),
		cmocka_unit_test(test_question_mark_matches_one_non_slash),
		cmocka_unit_test(test_character_classes),
		cmocka_unit_test(test_negated_classes),
		cmocka_unit_test(test_class_with_leading_bracket_and_unterminated_class),
		cmocka_unit_test(test_class_never_matches_slash),
		cmocka_unit_test(test_backslash_escapes_a_character),
		cmocka_unit_test(test_pattern_without_slash_matches_basename_at_any_depth),
		cmocka_unit_test(test_pattern_without_slash_matches_directory_names),
		cmocka_unit_test(test_pattern_with_slash_is_anchored),
		cmocka_unit_test(test_pattern_with_slash_covers_directory_contents),
		cmocka_unit_test(test_trailing_slash_matches_directory_and_below),
		cmocka_unit_test(test_trailing_slash_does_not_match_a_file),
		cmocka_unit_test(test_leading_slash_anchors_to_the_root),
		cmocka_unit_test(test_leading_slash_directory_covers_its_contents),
		cmocka_unit_test(test_empty_pattern_matches_nothing),
		cmocka_unit_test(test_very_long_paths_and_patterns_are_safe),
		cmocka_unit_test(test_many_stars_do_not_explode),
		cmocka_unit_test(test_many_stars_take_polynomial_steps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
