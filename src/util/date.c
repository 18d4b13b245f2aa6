/*
 * date.c: calendar dates (see date.h). Days from civil and civil from days
 * are Howard Hinnant's algorithms, exact over the proleptic Gregorian
 * calendar, so no libc time zone or locale is involved.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "pincheck/date.h"

int pc_date_valid(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int i, y, m, d;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
			return 0;
	if (s[10])
		return 0;
	y = atoi(s);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return !(m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

long pc_days_from_date(const char *s)
{
	long y, m, d, era, yoe, doy, doe;
	char day[11];
	if (strnlen(s, 10) < 10)
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!pc_date_valid(day))
		return -1;
	y = atol(day);
	m = (day[5] - '0') * 10 + (day[6] - '0');
	d = (day[8] - '0') * 10 + (day[9] - '0');
	/* days from civil (proleptic Gregorian), H. Hinnant's algorithm */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void pc_date_from_days(long day, char out[11])
{
	/* civil from days (H. Hinnant), the inverse of pc_days_from_date */
	long z = day + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9);
	char buf[64];
	snprintf(buf, sizeof(buf), "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

/* a / b rounded towards minus infinity, and the remainder that goes with
 * it (0 <= r < b), for b > 0; no step overflows, even for LLONG_MIN */
static long long floor_div(long long a, long long b, long long *r)
{
	long long q = a / b;
	*r = a % b;
	if (*r < 0) {
		*r += b;
		q--;
	}
	return q;
}

long pc_days_from_time(long long seconds, int offset_minutes)
{
	/* Day and second of day of each part apart, then the carry: the sum
	 * seconds + 60 * offset could overflow for a forged commit time. */
	long long rs, ro;
	long long days = floor_div(seconds, 86400, &rs) +
			 floor_div(60LL * offset_minutes, 86400, &ro);
	return (long)(days + (rs + ro) / 86400);
}

void pc_date_today(char out[11])
{
	pc_date_from_days(pc_days_from_time((long long)time(NULL), 0), out);
}
