/*
 * nanosleep.c - sleeping: nanosleep, clock_nanosleep, and sleep and usleep
 * on top of nanosleep (as glibc builds them).
 */
#include <errno.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "internal/syscall.h"

/* Sleeps for *req: 0, or -1 with errno (EINTR: *rem holds what was left). */
int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)__syscall_ret(__syscall2(SYS_nanosleep, req, rem));
}

/* Sleeps on clock clk until *req (TIMER_ABSTIME) or for *req: 0 or an error number. */
int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req, struct timespec *rem)
{
	return (int)-__syscall4(SYS_clock_nanosleep, clk, flags, req, rem);
}

/* Sleeps for seconds; returns 0, or the seconds left if a signal woke it. */
unsigned sleep(unsigned seconds)
{
	struct timespec ts = {(time_t)seconds, 0};
	if (nanosleep(&ts, &ts) && errno == EINTR)
		return (unsigned)ts.tv_sec + (ts.tv_nsec > 0);
	return 0;
}

/* Sleeps for usec microseconds: 0, or -1 with errno. */
int usleep(useconds_t usec)
{
	struct timespec ts = {(time_t)(usec / 1000000), (long)(usec % 1000000) * 1000};
	return nanosleep(&ts, NULL);
}
