/*
 * asctime.c - asctime_r, asctime, ctime_r and ctime: a broken-down time as
 * the C standard's 26 characters, "Thu Jan  1 00:00:00 1970\n".
 */
#include <errno.h>
#include <stdio.h>
#include <time.h>

static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Writes tm's text into buf (26 bytes hold every four-digit year);
 * returns buf, or NULL with EOVERFLOW if the text would not fit, and
 * "???" for a day or month out of range, as glibc. */
char *asctime_r(const struct tm *__restrict tm, char *__restrict buf)
{
	const char *d = tm->tm_wday >= 0 && tm->tm_wday < 7 ? days[tm->tm_wday] : "???";
	const char *m = tm->tm_mon >= 0 && tm->tm_mon < 12 ? months[tm->tm_mon] : "???";
	int n = snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", d, m, tm->tm_mday,
			 tm->tm_hour, tm->tm_min, tm->tm_sec, 1900 + tm->tm_year);
	if (n < 0 || n >= 26) {
		errno = EOVERFLOW;
		return NULL;
	}
	return buf;
}

/* asctime_r into one static buffer, as the C standard's asctime. */
char *asctime(const struct tm *tm)
{
	static char buf[26];
	return asctime_r(tm, buf);
}

/* The local time of *timer as asctime writes it; NULL if it has no year. */
char *ctime_r(const time_t *timer, char *buf)
{
	struct tm tm;
	return localtime_r(timer, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *timer)
{
	static char buf[26];
	return ctime_r(timer, buf);
}
