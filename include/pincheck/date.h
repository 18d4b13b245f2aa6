/*
 * date.h: calendar dates, in one place. pincheck's dates are ISO 8601
 * calendar days, YYYY-MM-DD (proleptic Gregorian, no time zone), counted
 * as days since 1970-01-01 when they are compared or subtracted: rule
 * files' lifecycle dates, eval results' dates, commits' dates, today.
 */
#ifndef PINCHECK_DATE_H
#define PINCHECK_DATE_H

/**
 * Is `s` exactly a real calendar date written YYYY-MM-DD (ten characters,
 * nothing after)? 1 or 0.
 */
int pc_date_valid(const char *s);

/**
 * Days since 1970-01-01 of the date `s` starts with (its first ten
 * characters, so "2024-05-01T12:00:00Z" is 2024-05-01; what follows is
 * the caller's to judge); -1 if they are not a real YYYY-MM-DD date.
 */
long pc_days_from_date(const char *s);

/** The YYYY-MM-DD date of a day count (the inverse of pc_days_from_date). */
void pc_date_from_days(long day, char out[11]);

/**
 * The civil day, in days since 1970-01-01, of a time in seconds since the
 * epoch as seen at a UTC offset of `offset_minutes` (a git commit's time
 * and offset): floor division, so a second before midnight is the day
 * before, also before 1970.
 */
long pc_days_from_time(long long seconds, int offset_minutes);

/** Today's date in UTC, from the clock alone. */
void pc_date_today(char out[11]);

#endif
