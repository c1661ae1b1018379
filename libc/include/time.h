/*
 * time.h - clocks, sleeping and the calendar. There are no time zones:
 * the local time is UTC (localtime, mktime: libc/time/localtime.c), as
 * glibc's with TZ unset and no /etc/localtime.
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
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1
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
int clock_getres(clockid_t clk, struct timespec *res);
int clock_settime(clockid_t clk, const struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);
/* Returns 0 or the error number itself (not -1 and errno), as POSIX says. */
int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req, struct timespec *rem);
double difftime(time_t end, time_t start);
struct tm *gmtime(const time_t *timer);
struct tm *gmtime_r(const time_t *__restrict timer, struct tm *__restrict tm);
time_t timegm(struct tm *tm);
struct tm *localtime(const time_t *timer);
struct tm *localtime_r(const time_t *__restrict timer, struct tm *__restrict tm);
time_t mktime(struct tm *tm);
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *__restrict tm, char *__restrict buf);
char *ctime(const time_t *timer);
char *ctime_r(const time_t *timer, char *buf);
/* The zone: always UTC, with no daylight saving time. */
extern char *tzname[2];
extern long timezone;
extern int daylight;
void tzset(void);
size_t strftime(char *__restrict s, size_t max, const char *__restrict format,
		const struct tm *__restrict tm);
time_t time(time_t *t);
clock_t clock(void);

#endif
