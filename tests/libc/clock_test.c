/*
 * clock_test.c - the clocks and sleeping: facts that hold on Linux and on
 * Interlude alike, so that the glibc build on Linux and the Interlude
 * build print the same lines. The monotonic clock never goes back; a
 * 200 ms sleep lasts [200, 400) ms of it; absolute sleeps end at their
 * moment; the wall clock agrees with time() and gettimeofday(); bad
 * clocks are EINVAL, bad pointers EFAULT, a tv_nsec of 10^9 EINVAL.
 *
 * test-run: ktap glibc
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"

#define BAD_POINTER ((void *)8)

/* Returns the clock's time in nanoseconds. */
static long long ns_of(clockid_t clk)
{
	struct timespec ts;
	if (clock_gettime(clk, &ts))
		return -1;
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Returns the milliseconds a relative sleep of ms lasted, on CLOCK_MONOTONIC. */
static long long slept_ms(int how, long ms)
{
	struct timespec req = {ms / 1000, ms % 1000 * 1000000L};
	long long t0 = ns_of(CLOCK_MONOTONIC);
	int r = how == 0 ? nanosleep(&req, NULL) : clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL);
	if (r)
		return -1;
	return (ns_of(CLOCK_MONOTONIC) - t0) / 1000000;
}

/* Returns the raw system call's result, -errno on failure. */
static long raw(long nr, long a, long b)
{
	long r = syscall(nr, a, b);
	return r < 0 ? -errno : r;
}

static void t_monotonic_never_goes_back(void)
{
	long long prev = ns_of(CLOCK_MONOTONIC);
	int back = 0;
	for (int i = 0; i < 10000; i++) {
		long long now = ns_of(CLOCK_MONOTONIC);
		back += now < prev;
		prev = now;
	}
	EXPECT_EQ(back, 0);
	EXPECT(ns_of(CLOCK_BOOTTIME) >= 0 && ns_of(CLOCK_MONOTONIC_RAW) >= 0);
	EXPECT(ns_of(CLOCK_MONOTONIC_COARSE) >= 0 && ns_of(CLOCK_REALTIME_COARSE) > 0);
}

static void t_nanosleep_200ms(void)
{
	long long ms = slept_ms(0, 200);
	EXPECT(ms >= 200 && ms < 400, "nanosleep(200 ms) lasted %lld ms", ms);
}

static void t_clock_nanosleep_relative_100ms(void)
{
	long long ms = slept_ms(1, 100);
	EXPECT(ms >= 100 && ms < 300, "clock_nanosleep(100 ms) lasted %lld ms", ms);
}

static void t_clock_nanosleep_absolute(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	long long target = ts.tv_sec * 1000000000LL + ts.tv_nsec + 50000000;
	ts.tv_sec = target / 1000000000;
	ts.tv_nsec = target % 1000000000;
	EXPECT_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL), 0);
	EXPECT(ns_of(CLOCK_MONOTONIC) >= target, "woke after the moment");
	/* A moment in the past: at once. */
	struct timespec past = {1, 0};
	long long t0 = ns_of(CLOCK_MONOTONIC);
	EXPECT_EQ(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &past, NULL), 0);
	EXPECT(ns_of(CLOCK_MONOTONIC) - t0 < 100000000, "a past moment returns at once");
}

static void t_wall_clock_agrees(void)
{
	struct timespec ts;
	struct timeval tv;
	EXPECT_EQ(clock_gettime(CLOCK_REALTIME, &ts), 0);
	time_t t = time(NULL);
	EXPECT_EQ(gettimeofday(&tv, NULL), 0);
	/* glibc's time() reads the coarse clock (CLOCK_REALTIME_COARSE), a
	 * tick behind: across a second's boundary it may say the second before. */
	EXPECT(t >= ts.tv_sec - 1 && t - ts.tv_sec <= 1, "time() matches CLOCK_REALTIME");
	EXPECT(tv.tv_sec >= ts.tv_sec && tv.tv_sec - ts.tv_sec <= 1, "gettimeofday matches");
	EXPECT(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	EXPECT(ts.tv_sec > 1704067200, "after 2024-01-01"); /* the host's clock */
	/* Linux's time system call reads the seconds of its coarse clock, which
	 * moves at the tick: just after a second begins it may still say the
	 * one before what clock_gettime said (seen natively, 1 run in 25). */
	EXPECT_EQ(raw(SYS_time, 0, 0) >= t - 1, 1, "the time system call");
	EXPECT(difftime(t + 5, t) == 5.0);
}

static void t_resolution(void)
{
	struct timespec res = {7, 7};
	EXPECT_EQ(clock_getres(CLOCK_MONOTONIC, &res), 0);
	EXPECT(res.tv_sec == 0 && res.tv_nsec == 1, "CLOCK_MONOTONIC: 1 ns");
	EXPECT_EQ(clock_getres(CLOCK_REALTIME, NULL), 0, "NULL is allowed");
}

static void t_bad_clock_is_einval(void)
{
	struct timespec ts;
	errno = 0;
	EXPECT_EQ(clock_gettime((clockid_t)12345, &ts), -1);
	EXPECT_EQ(errno, EINVAL);
	errno = 0;
	EXPECT_EQ(clock_getres((clockid_t)12345, &ts), -1);
	EXPECT_EQ(errno, EINVAL);
	struct timespec one = {0, 1};
	EXPECT_EQ(clock_nanosleep((clockid_t)12345, 0, &one, NULL), EINVAL);
	errno = 0;
	EXPECT_EQ(clock_settime(CLOCK_MONOTONIC, &one), -1);
	EXPECT_EQ(errno, EINVAL, "only CLOCK_REALTIME can be set");
}

static void t_bad_pointer_is_efault(void)
{
	/* Through the system call itself: glibc reads some clocks in user
	 * mode (the vDSO), where a bad pointer is a SIGSEGV, not EFAULT. */
	EXPECT_EQ(raw(SYS_clock_gettime, CLOCK_MONOTONIC, (long)BAD_POINTER), -EFAULT);
	EXPECT_EQ(raw(SYS_clock_getres, CLOCK_MONOTONIC, (long)BAD_POINTER), -EFAULT);
	EXPECT_EQ(raw(SYS_gettimeofday, (long)BAD_POINTER, 0), -EFAULT);
	EXPECT_EQ(raw(SYS_time, (long)BAD_POINTER, 0), -EFAULT);
	EXPECT_EQ(raw(SYS_nanosleep, (long)BAD_POINTER, 0), -EFAULT);
}

static void t_bad_nanoseconds_are_einval(void)
{
	struct timespec big = {0, 1000000000}, neg = {0, -1}, negsec = {-1, 0};
	errno = 0;
	EXPECT_EQ(nanosleep(&big, NULL), -1);
	EXPECT_EQ(errno, EINVAL, "tv_nsec 10^9");
	errno = 0;
	EXPECT_EQ(nanosleep(&neg, NULL), -1);
	EXPECT_EQ(errno, EINVAL, "tv_nsec -1");
	errno = 0;
	EXPECT_EQ(nanosleep(&negsec, NULL), -1);
	EXPECT_EQ(errno, EINVAL, "tv_sec -1");
	EXPECT_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &big, NULL), EINVAL);
}

static void t_sleep_and_usleep(void)
{
	long long t0 = ns_of(CLOCK_MONOTONIC);
	EXPECT_EQ(usleep(20000), 0);
	long long t1 = ns_of(CLOCK_MONOTONIC);
	EXPECT(t1 - t0 >= 20000000, "usleep(20000) lasted 20 ms at least");
	EXPECT_EQ(sleep(0), 0u);
}

static const struct ktap_case cases[] = {
    KTAP_CASE(t_monotonic_never_goes_back),
    KTAP_CASE(t_nanosleep_200ms),
    KTAP_CASE(t_clock_nanosleep_relative_100ms),
    KTAP_CASE(t_clock_nanosleep_absolute),
    KTAP_CASE(t_wall_clock_agrees),
    KTAP_CASE(t_resolution),
    KTAP_CASE(t_bad_clock_is_einval),
    KTAP_CASE(t_bad_pointer_is_efault),
    KTAP_CASE(t_bad_nanoseconds_are_einval),
    KTAP_CASE(t_sleep_and_usleep),
};

int main(void)
{
	return ktap_run_cases("clock", cases, KTAP_NCASES(cases));
}
