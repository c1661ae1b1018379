/*
 * sys/time.h - the microsecond clock: struct timeval, gettimeofday (on
 * clock_gettime) and the BSD timeval macros.
 */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>
#include <time.h>

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

/* Obsolete: gettimeofday fills it with zeros, as glibc does. */
struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

/* Sets path's access and modification times (libc/stat/utime.c; NULL: now). */
int utimes(const char *path, const struct timeval tv[2]);

/* libc/time/gettimeofday.c: 0, or -1 with errno. */
int gettimeofday(struct timeval *__restrict tv, void *__restrict tz);

/* The interval timers (libc/time/itimer.c): ITIMER_REAL sends SIGALRM on
 * the wall of time, ITIMER_VIRTUAL SIGVTALRM on user time, ITIMER_PROF
 * SIGPROF on user + system time; it_value first, then every it_interval. */
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2
struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};
int getitimer(int which, struct itimerval *curr);
int setitimer(int which, const struct itimerval *__restrict value,
	      struct itimerval *__restrict old);

#define timerisset(t) ((t)->tv_sec || (t)->tv_usec)
#define timerclear(t) ((t)->tv_sec = (t)->tv_usec = 0)
#define timercmp(a, b, CMP)                                                                        \
	(((a)->tv_sec == (b)->tv_sec) ? ((a)->tv_usec CMP(b)->tv_usec)                             \
				      : ((a)->tv_sec CMP(b)->tv_sec))
#define timeradd(a, b, r)                                                                          \
	do {                                                                                       \
		(r)->tv_sec = (a)->tv_sec + (b)->tv_sec;                                           \
		(r)->tv_usec = (a)->tv_usec + (b)->tv_usec;                                        \
		if ((r)->tv_usec >= 1000000) {                                                     \
			++(r)->tv_sec;                                                             \
			(r)->tv_usec -= 1000000;                                                   \
		}                                                                                  \
	} while (0)
#define timersub(a, b, r)                                                                          \
	do {                                                                                       \
		(r)->tv_sec = (a)->tv_sec - (b)->tv_sec;                                           \
		(r)->tv_usec = (a)->tv_usec - (b)->tv_usec;                                        \
		if ((r)->tv_usec < 0) {                                                            \
			--(r)->tv_sec;                                                             \
			(r)->tv_usec += 1000000;                                                   \
		}                                                                                  \
	} while (0)

#endif
