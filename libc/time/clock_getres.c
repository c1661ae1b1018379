/* clock_getres.c - a clock's resolution, setting the wall clock, and difftime. */
#include <sys/syscall.h>
#include <time.h>
#include "internal/syscall.h"

/* Stores clock clk's resolution in *res (if not NULL): 0, or -1 with errno. */
int clock_getres(clockid_t clk, struct timespec *res)
{
	return (int)__syscall_ret(__syscall2(SYS_clock_getres, clk, res));
}

/* Sets clock clk (only CLOCK_REALTIME can be): 0, or -1 with errno. */
int clock_settime(clockid_t clk, const struct timespec *ts)
{
	return (int)__syscall_ret(__syscall2(SYS_clock_settime, clk, ts));
}

/* Returns end - start in seconds. */
double difftime(time_t end, time_t start)
{
	return (double)(end - start);
}
