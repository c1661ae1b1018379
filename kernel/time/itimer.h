/*
 * itimer.h - an interval timer's arithmetic (setitimer, alarm): when it
 * fires next, what is left, and how it re-arms. The timers themselves live
 * in each process; sys/sys_itimer.c looks at them on every tick.
 */
#ifndef TIME_ITIMER_H
#define TIME_ITIMER_H

#include <stdbool.h>
#include <stdint.h>

/* One timer, in nanoseconds of the clock it counts. */
struct itimer {
	uint64_t deadline; /* fires when the clock reaches this; 0: disarmed */
	uint64_t interval; /* re-armed by this much after firing; 0: once */
};

/* Arms t to fire `value` ns after `now` (0: disarms it), then every `interval` ns. */
void itimer_arm(struct itimer *t, uint64_t now, uint64_t value, uint64_t interval);

/* Returns the ns left before t fires: 0 if disarmed; at least 1000 (a
 * microsecond) if armed, as Linux's getitimer, so that an armed timer
 * never reads as disarmed in a timeval. */
uint64_t itimer_left(const struct itimer *t, uint64_t now);

/*
 * Returns true if t is due at `now`, and re-arms it: one interval after
 * the deadline it missed (skipping the periods already past, which fire
 * once, as Linux's overrun does), or disarms it if it has no interval.
 */
bool itimer_expire(struct itimer *t, uint64_t now);

#endif
