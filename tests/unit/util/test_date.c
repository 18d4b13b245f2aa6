/*
 * test_date.c: calendar dates (date.c): YYYY-MM-DD validity, day counts
 * both ways, the civil day of a git commit time, today from the clock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "pincheck/date.h"

static void test_valid_dates(void **state)
{
	(void)state;
	assert_int_equal(pc_date_valid("2024-05-13"), 1);
	assert_int_equal(pc_date_valid("1970-01-01"), 1);
	assert_int_equal(pc_date_valid("2023-01-31"), 1);
	assert_int_equal(pc_date_valid("2023-04-30"), 1);
	assert_int_equal(pc_date_valid("2023-12-31"), 1);
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_int_equal(pc_date_valid("2024-02-29"), 1); /* divisible by 4 */
	assert_int_equal(pc_date_valid("2000-02-29"), 1); /* by 400 */
	assert_int_equal(pc_date_valid("2023-02-29"), 0); /* not by 4 */
	assert_int_equal(pc_date_valid("1900-02-29"), 0); /* by 100, not 400 */
	assert_int_equal(pc_date_valid("2100-02-29"), 0);
	assert_int_equal(pc_date_valid("2023-02-28"), 1);
	assert_int_equal(pc_date_valid("2024-02-30"), 0);
	assert_int_equal(pc_days_from_date("2024-03-01") - pc_days_from_date("2024-02-28"), 2);
	assert_int_equal(pc_days_from_date("2023-03-01") - pc_days_from_date("2023-02-28"), 1);
	assert_int_equal(pc_days_from_date("2100-03-01") - pc_days_from_date("2100-02-28"), 1);
	assert_int_equal(pc_days_from_date("2001-01-01") - pc_days_from_date("2000-01-01"), 366);
	assert_int_equal(pc_days_from_date("1901-01-01") - pc_days_from_date("1900-01-01"), 365);
}

static void test_bounds_of_months_and_days(void **state)
{
	(void)state;
	assert_int_equal(pc_date_valid("2023-00-10"), 0);
	assert_int_equal(pc_date_valid("2023-13-10"), 0);
	assert_int_equal(pc_date_valid("2023-01-00"), 0);
	assert_int_equal(pc_date_valid("2023-01-32"), 0);
	assert_int_equal(pc_date_valid("2023-04-31"), 0);
	assert_int_equal(pc_date_valid("2023-06-31"), 0);
	assert_int_equal(pc_date_valid("2023-09-31"), 0);
	assert_int_equal(pc_date_valid("2023-11-31"), 0);
	assert_int_equal(pc_date_valid("0000-01-01"), 1);
	assert_int_equal(pc_date_valid("9999-12-31"), 1);
	assert_int_equal(pc_days_from_date("0000-01-01"), -719528);
	assert_int_equal(pc_days_from_date("9999-12-31"), 2932896);
}

static void test_invalid_strings(void **state)
{
	static const char *const bad[] = {
		"", "2024", "2024-05-1", "2024-5-13", "24-05-13", "2024/05/13", "2024-05-13 ",
		" 2024-05-13", "2024-05-1x", "2024-0a-13", "abcd-ef-gh", "2024--5-13", "+024-05-13",
		"2024-05-13T00:00:00Z", "20240513", "２０２４-05-13",
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (pc_date_valid(bad[i]))
			fail_msg("'%s' taken for a date", bad[i]);
	}
	assert_int_equal(pc_days_from_date(""), -1);
	assert_int_equal(pc_days_from_date("2024-05-1"), -1);
	assert_int_equal(pc_days_from_date("2024/05/13"), -1);
	assert_int_equal(pc_days_from_date("2023-02-29"), -1);
	assert_int_equal(pc_days_from_date("2024-13-01"), -1);
	assert_int_equal(pc_days_from_date("20240513xx"), -1);
}

static void test_days_of_known_dates(void **state)
{
	(void)state;
	assert_int_equal(pc_days_from_date("1970-01-01"), 0);
	assert_int_equal(pc_days_from_date("1970-01-02"), 1);
	assert_int_equal(pc_days_from_date("1969-12-31"), -1);
	assert_int_equal(pc_days_from_date("2000-03-01"), 11017);
	assert_int_equal(pc_days_from_date("2024-02-29"), 19782);
	assert_int_equal(pc_days_from_date("2026-06-01"), 20605);
}

static void test_days_from_a_date_prefix(void **state)
{
	(void)state;
	/* the first ten characters are the date; the caller judges the rest */
	assert_int_equal(pc_days_from_date("2024-02-29T12:00:00Z"), 19782);
	assert_int_equal(pc_days_from_date("2024-02-29 anything"), 19782);
	assert_int_equal(pc_days_from_date("2023-02-29T12:00:00Z"), -1);
}

static void test_round_trip(void **state)
{
	char s[11], prev[11] = "";
	long d;
	(void)state;
	/* every day of 0000-01-01 .. 9999-12-31 and back, in order */
	for (d = -719528; d <= 2932896; d++) {
		pc_date_from_days(d, s);
		if (!pc_date_valid(s))
			fail_msg("day %ld gave '%s'", d, s);
		if (pc_days_from_date(s) != d)
			fail_msg("day %ld -> '%s' -> %ld", d, s, pc_days_from_date(s));
		if (*prev && strcmp(prev, s) >= 0)
			fail_msg("'%s' does not follow '%s'", s, prev);
		memcpy(prev, s, sizeof(prev));
	}
	pc_date_from_days(0, s);
	assert_string_equal(s, "1970-01-01");
	pc_date_from_days(-1, s);
	assert_string_equal(s, "1969-12-31");
	pc_date_from_days(19782, s);
	assert_string_equal(s, "2024-02-29");
	pc_date_from_days(-719528, s);
	assert_string_equal(s, "0000-01-01");
}

static void test_days_from_time(void **state)
{
	(void)state;
	assert_int_equal(pc_days_from_time(0, 0), 0);
	assert_int_equal(pc_days_from_time(86399, 0), 0);
	assert_int_equal(pc_days_from_time(86400, 0), 1);
	/* 2024-02-29 00:00:00 UTC */
	assert_int_equal(pc_days_from_time(1709164800LL, 0), 19782);
	assert_int_equal(pc_days_from_time(1709164799LL, 0), 19781);
}

static void test_days_from_negative_time_round_down(void **state)
{
	(void)state;
	/* a second before the epoch is 1969-12-31, not 1970-01-01 */
	assert_int_equal(pc_days_from_time(-1, 0), -1);
	assert_int_equal(pc_days_from_time(-86399, 0), -1);
	assert_int_equal(pc_days_from_time(-86400, 0), -1);
	assert_int_equal(pc_days_from_time(-86401, 0), -2);
	assert_int_equal(pc_days_from_time(-86400LL * 365, 0), -365);
}

static void test_days_from_time_with_offsets(void **state)
{
	(void)state;
	/* 1970-01-01 00:30 UTC is still 1969-12-31 at -01:00 */
	assert_int_equal(pc_days_from_time(1800, -60), -1);
	assert_int_equal(pc_days_from_time(1800, 0), 0);
	assert_int_equal(pc_days_from_time(0, -1), -1);
	/* 23:30 UTC is the next day at +01:00, not at +00:29 */
	assert_int_equal(pc_days_from_time(84600, 60), 1);
	assert_int_equal(pc_days_from_time(84600, 29), 0);
	assert_int_equal(pc_days_from_time(84600, 30), 1);
	/* the widest offsets git writes: -12:00 and +14:00 */
	assert_int_equal(pc_days_from_time(1709164800LL, -720), 19781);
	assert_int_equal(pc_days_from_time(1709164800LL - 1, 840), 19782);
	/* before the epoch with an offset on either side */
	assert_int_equal(pc_days_from_time(-3600, 60), 0);
	assert_int_equal(pc_days_from_time(-3600, 59), -1);
	assert_int_equal(pc_days_from_time(-90000, -600), -2);
}

static void test_days_from_time_as_the_old_formula(void **state)
{
	long long t, off;
	(void)state;
	/* what cmd_check.c's commit_days computed, over a spread of times */
	for (t = -3 * 86400LL - 7; t <= 3 * 86400LL + 7; t += 1793)
		for (off = -720; off <= 840; off += 15) {
			long long s = t + 60 * off;
			long want = (long)(s >= 0 ? s / 86400 : (s - 86399) / 86400);
			if (pc_days_from_time(t, (int)off) != want)
				fail_msg("t %lld offset %lld: %ld, want %ld", t, off,
					 pc_days_from_time(t, (int)off), want);
		}
}

static void test_days_from_extreme_times(void **state)
{
	(void)state;
	/* forged commit times: no overflow (the sanitizer build would stop) */
	assert_true(pc_days_from_time(LLONG_MAX, INT_MAX) > 0);
	assert_true(pc_days_from_time(LLONG_MIN, INT_MIN) < 0);
	assert_int_equal(pc_days_from_time(LLONG_MAX, 0), (long)(LLONG_MAX / 86400));
	assert_int_equal(pc_days_from_time(LLONG_MIN, 0), (long)(LLONG_MIN / 86400 - 1));
}

static void today_from_libc(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static void test_today_is_the_utc_date_of_the_clock(void **state)
{
	char before[11], got[11], after[11];
	(void)state;
	/* neither the environment nor the local time zone changes it */
	setenv("PINCHECK_TODAY", "1999-01-01", 1);
	setenv("TZ", "UTC-14", 1);
	tzset();
	today_from_libc(before);
	pc_date_today(got);
	today_from_libc(after);
	unsetenv("PINCHECK_TODAY");
	assert_int_equal(pc_date_valid(got), 1);
	if (strcmp(got, before) && strcmp(got, after))
		fail_msg("today is %s, the clock says %s", got, before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_dates),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_bounds_of_months_and_days),
		cmocka_unit_test(test_invalid_strings),
		cmocka_unit_test(test_days_of_known_dates),
		cmocka_unit_test(test_days_from_a_date_prefix),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_days_from_time),
		cmocka_unit_test(test_days_from_negative_time_round_down),
		cmocka_unit_test(test_days_from_time_with_offsets),
		cmocka_unit_test(test_days_from_time_as_the_old_formula),
		cmocka_unit_test(test_days_from_extreme_times),
		cmocka_unit_test(test_today_is_the_utc_date_of_the_clock),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
