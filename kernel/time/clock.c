/*
 * clock.c - monotonic and wall-clock time from the TSC (clock.h).
 *
 * Theory of operation. The time-stamp counter counts at a constant rate
 * on every CPU QEMU emulates (and on real ones since about 2008: "invariant
 * TSC"), and rdtsc reads it in a few cycles, so it is the one source of
 * time: monotonic time is (rdtsc - tsc_boot) converted to nanoseconds
 * (tsc_boot: the kernel's start),
 * and wall-clock time is monotonic time plus the offset fixed at boot from
 * the CMOS clock (rtc.c), or by clock_settime.
 *
 * The conversion avoids a division per call: ns = cycles * mult / 2^32,
 * with mult = 10^9 * 2^32 / tsc_hz computed once. The product needs 96
 * bits, hence the 128-bit multiply (one mul instruction). For a 1 GHz TSC
 * mult is 2^32 exactly; the rounding of mult is below one part per
 * billion for any TSC faster than 4 Hz.
 */
#include "time/clock.h"
#include "arch/x86_64/cpu.h"

static uint64_t tsc_boot, tsc_hz, mult;
static uint64_t realtime_offset; /* realtime - monotonic, ns */

/*
 * Monotonic time counts from the kernel's first steps, as Linux's does
 * from its early boot, not from the end of the TSC's calibration: a
 * program started at once then still sees an uptime above zero.
 */
void clock_mark_boot(void)
{
	tsc_boot = rdtsc();
}

void clock_init(uint64_t hz, uint64_t realtime_ns, uint64_t tsc_at_realtime)
{
	tsc_hz = hz;
	mult = (1000000000ull << 32) / hz;
	/* The wall-clock time was read a moment before (or after) tsc_boot. */
	if (tsc_at_realtime <= tsc_boot)
		realtime_offset = realtime_ns + clock_tsc_to_ns(tsc_boot - tsc_at_realtime);
	else
		realtime_offset = realtime_ns - clock_tsc_to_ns(tsc_at_realtime - tsc_boot);
}

uint64_t clock_tsc_to_ns(uint64_t cycles)
{
	return (uint64_t)(((unsigned __int128)cycles * mult) >> 32);
}

uint64_t clock_monotonic_ns(void)
{
	if (!tsc_hz)
		return 0;
	return clock_tsc_to_ns(rdtsc() - tsc_boot);
}

uint64_t clock_realtime_ns(void)
{
	return clock_monotonic_ns() + realtime_offset;
}

void clock_set_realtime_ns(uint64_t ns)
{
	realtime_offset = ns - clock_monotonic_ns();
}

uint64_t clock_tsc_hz(void)
{
	return tsc_hz;
}
