/*
 * sys_time.c - the clock calls: clock_gettime, clock_getres,
 * clock_settime, gettimeofday, time, nanosleep and clock_nanosleep
 * (Linux's numbers, structures and errno).
 *
 * Every clock Interlude has is the TSC (time/clock.h): MONOTONIC, its
 * _RAW and _COARSE forms and BOOTTIME are the time since boot (the kernel
 * never suspends, and nothing slews the clock), REALTIME and its _COARSE
 * form the wall-clock time. The CPU-time clocks (PROCESS_CPUTIME_ID and,
 * with one thread per process, THREAD_CPUTIME_ID) read the caller's user +
 * system time, measured to the TSC cycle (proc/usage.c); they cannot be
 * set or slept on (-EINVAL, as Linux answers for setting them).
 */
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "sys/syscall.h"
#include "time/clock.h"
#include "time/timer.h"

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1
#define NSEC_PER_SEC 1000000000ull

struct ktimespec {
	int64_t tv_sec, tv_nsec;
};
struct ktimeval {
	int64_t tv_sec, tv_usec;
};

/* Returns 0 and the clock's time in *ns, or -EINVAL for an unknown clock. */
static int clock_read(uint64_t clk, uint64_t *ns)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE: *ns = clock_realtime_ns(); return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME: *ns = clock_monotonic_ns(); return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		if (!proc_current())
			return -EINVAL;
		*ns = usage_cpu_ns(proc_current());
		return 0;
	default: return -EINVAL;
	}
}

/* Returns a timespec for ns nanoseconds. */
static struct ktimespec to_timespec(uint64_t ns)
{
	return (struct ktimespec){(int64_t)(ns / NSEC_PER_SEC), (int64_t)(ns % NSEC_PER_SEC)};
}

/* Reads a timespec from user memory: 0, -EFAULT, or -EINVAL if its
 * nanoseconds are not in [0, 10^9) or its seconds are negative. */
static int timespec_from_user(uint64_t uts, uint64_t *ns)
{
	struct ktimespec ts;
	if (copy_from_user(&ts, uts, sizeof ts))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (int64_t)NSEC_PER_SEC)
		return -EINVAL;
	/* Far future: saturate rather than wrap (about 584 years). */
	if ((uint64_t)ts.tv_sec > UINT64_MAX / NSEC_PER_SEC - 1)
		*ns = UINT64_MAX;
	else
		*ns = (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
	return 0;
}

int64_t sys_clock_gettime(uint64_t clk, uint64_t uts, uint64_t a2, uint64_t a3, uint64_t a4,
			  uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	uint64_t ns;
	int r = clock_read(clk, &ns);
	if (r)
		return r;
	struct ktimespec ts = to_timespec(ns);
	return copy_to_user(uts, &ts, sizeof ts) ? -EFAULT : 0;
}

/* The resolution: one nanosecond for the TSC clocks, a tick for _COARSE
 * (as Linux reports them); NULL is allowed. */
int64_t sys_clock_getres(uint64_t clk, uint64_t uts, uint64_t a2, uint64_t a3, uint64_t a4,
			 uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	uint64_t ns;
	int r = clock_read(clk, &ns);
	if (r)
		return r;
	bool coarse = clk == CLOCK_REALTIME_COARSE || clk == CLOCK_MONOTONIC_COARSE;
	struct ktimespec ts = {0, coarse ? (int64_t)TIMER_TICK_NS : 1};
	if (uts && copy_to_user(uts, &ts, sizeof ts))
		return -EFAULT;
	return 0;
}

/* Sets the wall clock (any process may: there are no privileges yet).
 * Only CLOCK_REALTIME can be set, as on Linux. */
int64_t sys_clock_settime(uint64_t clk, uint64_t uts, uint64_t a2, uint64_t a3, uint64_t a4,
			  uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	uint64_t ns;
	if (clk != CLOCK_REALTIME)
		return -EINVAL;
	int r = timespec_from_user(uts, &ns);
	if (r)
		return r;
	clock_set_realtime_ns(ns);
	return 0;
}

/* The wall clock in microseconds; tz (obsolete) is filled with zeros. */
int64_t sys_gettimeofday(uint64_t utv, uint64_t utz, uint64_t a2, uint64_t a3, uint64_t a4,
			 uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	uint64_t ns = clock_realtime_ns();
	struct ktimeval tv = {(int64_t)(ns / NSEC_PER_SEC), (int64_t)(ns % NSEC_PER_SEC / 1000)};
	int zero[2] = {0, 0};
	if (utv && copy_to_user(utv, &tv, sizeof tv))
		return -EFAULT;
	if (utz && copy_to_user(utz, zero, sizeof zero))
		return -EFAULT;
	return 0;
}

/* Seconds since 1970, also stored at ut unless it is NULL. */
int64_t sys_time(uint64_t ut, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	int64_t t = (int64_t)(clock_realtime_ns() / NSEC_PER_SEC);
	if (ut && copy_to_user(ut, &t, sizeof t))
		return -EFAULT;
	return t;
}

/*
 * Sleeps until the clock reads `deadline` (ns); on -EINTR writes the time
 * left to urem (if not NULL and the sleep was relative).
 */
static int64_t sleep_until(uint64_t clk, uint64_t deadline, bool relative, uint64_t urem)
{
	uint64_t now = 0;
	clock_read(clk, &now);
	/* The monotonic clock runs at the same rate: wait there. */
	uint64_t mono = clock_monotonic_ns();
	uint64_t target = deadline > now ? mono + (deadline - now) : mono;
	if (target < mono)
		target = UINT64_MAX; /* saturated */
	int r = time_sleep_until(target);
	if (r == -EINTR && relative && urem) {
		uint64_t left = clock_monotonic_ns();
		struct ktimespec rem = to_timespec(target > left ? target - left : 0);
		if (copy_to_user(urem, &rem, sizeof rem))
			return -EFAULT;
	}
	return r;
}

int64_t sys_nanosleep(uint64_t ureq, uint64_t urem, uint64_t a2, uint64_t a3, uint64_t a4,
		      uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	uint64_t ns;
	int r = timespec_from_user(ureq, &ns);
	if (r)
		return r;
	uint64_t now = clock_monotonic_ns();
	return sleep_until(CLOCK_MONOTONIC, now + ns < now ? UINT64_MAX : now + ns, true, urem);
}

/* clock_nanosleep returns the error number itself (positive), not -1 and
 * errno, in libc; the system call returns it negated like every other. */
int64_t sys_clock_nanosleep(uint64_t clk, uint64_t flags, uint64_t ureq, uint64_t urem, uint64_t a4,
			    uint64_t a5)
{
	(void)a4, (void)a5;
	uint64_t ns, now = 0;
	if (clk != CLOCK_REALTIME && clk != CLOCK_MONOTONIC && clk != CLOCK_BOOTTIME)
		return clk == CLOCK_MONOTONIC_RAW || clk == CLOCK_REALTIME_COARSE ||
			       clk == CLOCK_MONOTONIC_COARSE
			   ? -EOPNOTSUPP
			   : -EINVAL;
	int r = timespec_from_user(ureq, &ns);
	if (r)
		return r;
	if (flags & TIMER_ABSTIME)
		return sleep_until(clk, ns, false, 0);
	clock_read(clk, &now);
	return sleep_until(clk, now + ns < now ? UINT64_MAX : now + ns, true, urem);
}
