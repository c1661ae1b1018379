/* time.h - clocks. On Interlude clock_gettime fails with ENOSYS. */
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

int clock_gettime(clockid_t clk, struct timespec *ts);
time_t time(time_t *t);
clock_t clock(void);

#endif
