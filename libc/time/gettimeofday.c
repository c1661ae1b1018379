/*
 * gettimeofday.c - the time of day in microseconds, from
 * clock_gettime(CLOCK_REALTIME) (as glibc computes it on x86-64 too), so
 * it fails the same way.
 */
#include <string.h>
#include <sys/time.h>
#include <time.h>

/* Sets *tv (if not NULL) to the time since the epoch and *tz to zeros; 0, or -1 with errno. */
int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	if (tz)
		memset(tz, 0, sizeof(struct timezone));
	if (!tv)
		return 0;
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts))
		return -1;
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	return 0;
}
