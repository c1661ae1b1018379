/*
 * clock.h - the kernel's clocks: monotonic time since boot and the
 * wall-clock time, both counted by the CPU's time-stamp counter.
 */
#ifndef TIME_CLOCK_H
#define TIME_CLOCK_H

#include <stdint.h>

/* Marks the kernel's start, from which monotonic time (and /proc/uptime)
 * counts: kernel_main calls it first. */
void clock_mark_boot(void);

/* Starts the clocks, after clock_mark_boot: the TSC runs at tsc_hz;
 * realtime_ns is the wall-clock time (nanoseconds since 1970, UTC) at the
 * TSC value tsc_at_realtime. */
void clock_init(uint64_t tsc_hz, uint64_t realtime_ns, uint64_t tsc_at_realtime);

/* Returns nanoseconds since clock_mark_boot (0 before clock_init): never
 * goes back. */
uint64_t clock_monotonic_ns(void);
/* Returns nanoseconds since 1970-01-01 00:00:00 UTC. */
uint64_t clock_realtime_ns(void);
/* Makes clock_realtime_ns() return ns now (clock_settime). */
void clock_set_realtime_ns(uint64_t ns);
/* Returns the TSC's frequency in Hz, as clock_init was told. */
uint64_t clock_tsc_hz(void);
/* Returns how many nanoseconds `cycles` TSC ticks last. */
uint64_t clock_tsc_to_ns(uint64_t cycles);

#endif
