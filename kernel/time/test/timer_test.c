/*
 * timer_test.c - the timer interrupt, the calibration and the clocks
 * (suite "timer"; in the kernel only: it needs the hardware).
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/trap.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "test/ktest.h"
#include "time/calibrate.h"
#include "time/clock.h"
#include "time/timer.h"

KTEST(timer, tsc_frequency_is_plausible)
{
	/* Between a 100 MHz and a 20 GHz counter: anything else is a bad
	 * calibration (QEMU's TSC runs at the host's, or 1 GHz under -icount). */
	EXPECT_GE(clock_tsc_hz(), 100000000ull);
	EXPECT_LE(clock_tsc_hz(), 20000000000ull);
	/* One second of cycles converts to one second, to a part per million. */
	uint64_t ns = clock_tsc_to_ns(clock_tsc_hz());
	EXPECT_GE(ns, 999999000ull);
	EXPECT_LE(ns, 1000001000ull);
}

KTEST(timer, uptime_counts_from_the_kernels_start)
{
	/* Monotonic time (and /proc/uptime) began before the TSC's calibration,
	 * so a program started at once never reads an uptime of 0.00. */
	uint64_t since_calibration = clock_tsc_to_ns(rdtsc() - timer_calibration_began());
	EXPECT_GT(clock_monotonic_ns(), since_calibration);
}

KTEST(timer, calibration_arithmetic)
{
	EXPECT_EQ(time_hz_from_pit(1193182, 1193182), 1193182ull);
	EXPECT_EQ(time_hz_from_pit(1000000000, 596591), 2000000000ull); /* 2 GHz over 0.5 s */
	EXPECT_EQ(time_hz_from_pit(5, 0), 0ull);
	/* 24 MHz crystal, ratio 125/2: 1.5 GHz. A zero field means "unknown". */
	EXPECT_EQ(time_hz_from_cpuid15(2, 125, 24000000), 1500000000ull);
	EXPECT_EQ(time_hz_from_cpuid15(2, 125, 0), 0ull);
	EXPECT_EQ(time_hz_from_cpuid15(0, 125, 24000000), 0ull);
}

KTEST(timer, idle_wait_lasts_as_asked_and_ticks_arrive)
{
	uint64_t t0 = clock_monotonic_ns(), ticks0 = timer_ticks();
	EXPECT_EQ(time_sleep_until(t0 + 50000000), 0);
	uint64_t t1 = clock_monotonic_ns();
	EXPECT_GE(t1 - t0, 50000000ull);
	EXPECT_LT(t1 - t0, 2000000000ull);
	/* 50 ms at HZ: about 5 ticks woke the halted CPU. */
	EXPECT_GE(timer_ticks() - ticks0, 3ull);
}

KTEST(timer, waiting_for_the_past_returns_at_once)
{
	uint64_t ticks0 = timer_ticks();
	EXPECT_EQ(time_sleep_until(0), 0);
	EXPECT_EQ(timer_ticks(), ticks0);
}

KTEST(timer, monotonic_never_goes_back)
{
	uint64_t prev = clock_monotonic_ns();
	for (int i = 0; i < 20000; i++) {
		uint64_t now = clock_monotonic_ns();
		if (now < prev)
			KTEST_FAIL("monotonic went back from %lu to %lu", prev, now);
		prev = now;
	}
}

KTEST(timer, realtime_is_after_2020)
{
	EXPECT_GT(clock_realtime_ns() / 1000000000ull, 1577836800ull); /* 2020-01-01 */
}

static uint64_t user_ticks, kernel_ticks;

/* Counts ticks by the mode they interrupted. */
static void count_tick(struct trap_frame *f)
{
	if (f->cs & 3)
		user_ticks++;
	else
		kernel_ticks++;
}

KTEST(timer, ticks_interrupt_user_mode)
{
	extern const char user_timer_spin_start[], user_timer_spin_end[];
	timer_tick_fn saved = timer_tick_handler();
	user_ticks = kernel_ticks = 0;
	timer_set_tick_handler(count_tick);
	/*
	 * 2^27 cycles of pure computation span several 10 ms ticks. But the
	 * TSC runs from the host's clock, so a host that stops QEMU for most
	 * of that time ends the spin with no tick seen in it (once in 20 runs
	 * of make test-repeat): the program runs again, up to eight times. A
	 * kernel whose ticks never interrupt user mode still fails every time.
	 */
	for (int run = 0; run < 8 && user_ticks < 2; run++) {
		int status = -1;
		int r = proc_run(user_timer_spin_start,
				 (size_t)(user_timer_spin_end - user_timer_spin_start),
				 "timer_spin", &status);
		EXPECT_EQ(r, 0);
		EXPECT_EQ(status, 0);
	}
	timer_set_tick_handler(saved);
	EXPECT_GE(user_ticks, 2ull);
}
