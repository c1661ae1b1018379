/* clock_gettime.c - reading the clocks: clock_gettime, time and clock (the
 * process's CPU time, CLOCK_PROCESS_CPUTIME_ID, which Interlude accounts). */
#include <sys/syscall.h>
#include <time.h>
#include "internal/malloc_contract.h"
#include "internal/syscall.h"

/* Reads clock clk into *ts: 0, or -1 with errno (EINVAL: no such clock). */
int clock_gettime(clockid_t clk, struct timespec *ts)
{
	__malloc_prepare_write(ts, sizeof *ts, "clock_gettime");
	return (int)__syscall_ret(__syscall2(SYS_clock_gettime, clk, ts));
}

/* Seconds since the epoch (also stored in *t if t is not NULL), or -1 with errno. */
time_t time(time_t *t)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts))
		return -1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

/* Processor time used, in CLOCKS_PER_SEC units, or -1 when unknown. */
clock_t clock(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts))
		return -1;
	return ts.tv_sec * CLOCKS_PER_SEC + ts.tv_nsec / 1000;
}
