/*
 * timer.h - the periodic timer interrupt (the local APIC timer at HZ) and
 * waiting for a moment on the monotonic clock.
 */
#ifndef TIME_TIMER_H
#define TIME_TIMER_H

#include <stdbool.h>
#include <stdint.h>

struct trap_frame;

/*
 * Ticks per second. 100: a 10 ms time slice is plenty for a teaching
 * kernel's programs, and each tick costs an emulated interrupt, so few
 * of them keep QEMU/TCG fast and disturb instruction counts under -icount
 * least (one interrupt per 10 million guest instructions there). Sleeps
 * are woken by ticks, so they last up to 1/HZ longer than asked.
 */
#define HZ 100
#define TIMER_TICK_NS (1000000000ull / HZ)

/*
 * Calibrates the TSC (CPUID leaf 0x15 or 0x16 if they give a frequency,
 * else against the PIT) and the local APIC timer (against the PIT), starts
 * the clocks (clock.h) and the periodic interrupt, and prints what it
 * found. The interrupt only arrives while interrupts are enabled: in user
 * mode and in idle waits, never in the middle of kernel code. Returns
 * false (said in the log) if the CPU has no usable local APIC.
 */
bool timer_init(void);
/* Returns the TSC when timer_init began measuring the TSC's rate (a test
 * checks that monotonic time counts from before it). */
uint64_t timer_calibration_began(void);

/*
 * fn is called on every timer interrupt, after the count is advanced and
 * the interrupt acknowledged (so fn may switch to another process), with
 * the interrupted state (user mode if frame->cs & 3). NULL: none.
 */
typedef void (*timer_tick_fn)(struct trap_frame *frame);
void timer_set_tick_handler(timer_tick_fn fn);
/* Returns the handler timer_set_tick_handler installed (tests save it). */
timer_tick_fn timer_tick_handler(void);

/* Returns the number of timer interrupts since timer_init. */
uint64_t timer_ticks(void);

/* Called by trap_dispatch for LAPIC_TIMER_VECTOR (trap_set_timer_interrupt). */
void timer_interrupt(struct trap_frame *frame);

/*
 * Waits until clock_monotonic_ns() >= monotonic_ns. Returns 0, or -EINTR
 * if a signal became pending for the current process first. Waits tick
 * by tick with the waiter timer_set_waiter installed (the scheduler's:
 * the process sleeps and others run), or with "sti; hlt" (the CPU sleeps
 * until the next interrupt) when there is none or no process is running.
 */
int time_sleep_until(uint64_t monotonic_ns);

/*
 * How a sleeping process waits for the next tick: the scheduler
 * (proc/sched.c) puts it to sleep on timer_channel, which it wakes on
 * every tick. Returns 1 once it has slept (the caller looks at the clock
 * again), -EINTR if a signal is pending (the sleep ends), or 0 without
 * waiting when no process is running (the kernel's own waits then halt
 * the CPU instead). NULL: none.
 */
typedef int (*timer_wait_fn)(void);
void timer_set_waiter(timer_wait_fn fn);

/* The channel time_sleep_until's sleepers wait on: woken every tick. */
extern const char timer_channel;

#endif
