/*
 * time.h - clocks and the calendar. On Interlude clock_gettime fails with
 * ENOSYS (no clock yet). There are no time zones: gmtime and timegm (UTC)
 * exist, localtime and mktime do not.
 */
#ifndef _TIME_H
#define _TIME_H

#include <stddef.h>
#include <sys/types.h>

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCKS_PER_SEC 1000000L

/* A broken-down time, glibc's layout. */
struct tm {
	int tm_sec;   /* 0..60 */
	int tm_min;   /* 0..59 */
	int tm_hour;  /* 0..23 */
	int tm_mday;  /* 1..31 */
	int tm_mon;   /* 0..11 */
	int tm_year;  /* years since 1900 */
	int tm_wday;  /* 0..6, Sunday = 0 */
	int tm_yday;  /* 0..365 */
	int tm_isdst; /* 0: no daylight saving time */
	long tm_gmtoff;
	const char *tm_zone;
};

int clock_gettime(clockid_t clk, struct timespec *ts);
struct tm *gmtime(const time_t *timer);
struct tm *gmtime_r(const time_t *__restrict timer, struct tm *__restrict tm);
time_t timegm(struct tm *tm);
size_t strftime(char *__restrict s, size_t max, const char *__restrict format,
		const struct tm *__restrict tm);
time_t time(time_t *t);
clock_t clock(void);

#endif
