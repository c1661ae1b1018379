/*
 * gmtime.c - gmtime_r, gmtime and timegm: seconds since 1970-01-01 00:00
 * UTC to a calendar date and back, in the proleptic Gregorian calendar.
 *
 * The days are counted in 400-year eras, which all have the same 146097
 * days; inside an era the year is counted from March, so that the leap
 * day is the last day of its year and the month lengths follow a simple
 * rule (the days before month m, counted from March, are (153 m + 2) / 5).
 * There are no time zones (and so no localtime): the results are UTC,
 * zone "GMT" as glibc names it in gmtime.
 */
#include <errno.h>
#include <limits.h>
#include <time.h>

#define SECONDS_PER_DAY 86400LL
#define DAYS_PER_ERA 146097LL /* 400 Gregorian years */

/* Divides rounding towards minus infinity (C's / rounds towards zero). */
static long long floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Returns the days from 1970-01-01 to year-month-day (month 1..12). */
static long long days_from_civil(long long year, int month, int day)
{
	year -= month <= 2;
	long long era = floor_div(year, 400);
	long long yoe = year - era * 400;					  /* 0..399 */
	long long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1; /* 0..365 */
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;			  /* 0..146096 */
	return era * DAYS_PER_ERA + doe - 719468; /* 719468: 0000-03-01 to 1970-01-01 */
}

/* Fills tm from t; NULL with EOVERFLOW if the year does not fit tm_year. */
struct tm *gmtime_r(const time_t *__restrict timer, struct tm *__restrict tm)
{
	long long t = *timer;
	long long days = floor_div(t, SECONDS_PER_DAY);
	long long secs = t - days * SECONDS_PER_DAY;

	long long z = days + 719468;
	long long era = floor_div(z, DAYS_PER_ERA);
	long long doe = z - era * DAYS_PER_ERA;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	int day = (int)(doy - (153 * mp + 2) / 5 + 1);
	int month = (int)(mp < 10 ? mp + 3 : mp - 9);
	long long year = yoe + era * 400 + (month <= 2);

	if (year - 1900 > INT_MAX || year - 1900 < INT_MIN) {
		errno = EOVERFLOW;
		return NULL;
	}
	tm->tm_year = (int)(year - 1900);
	tm->tm_mon = month - 1;
	tm->tm_mday = day;
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_wday = (int)(((days + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
	tm->tm_yday = (int)(days - days_from_civil(year, 1, 1));
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "GMT";
	return tm;
}

/* gmtime_r into one static struct tm, as the C standard's gmtime. */
struct tm *gmtime(const time_t *timer)
{
	static struct tm tm;
	return gmtime_r(timer, &tm);
}

/*
 * The inverse: normalises tm's fields (a month 13 is January of the next
 * year, a day 0 the last of the month before...) and returns the seconds.
 */
time_t timegm(struct tm *tm)
{
	long long mon = tm->tm_mon;
	long long year = (long long)tm->tm_year + 1900 + floor_div(mon, 12);
	mon -= floor_div(mon, 12) * 12;
	long long days = days_from_civil(year, (int)mon + 1, 1) + tm->tm_mday - 1;
	long long t =
	    days * SECONDS_PER_DAY + tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
	time_t out = (time_t)t;
	if (!gmtime_r(&out, tm))
		return (time_t)-1;
	return out;
}
