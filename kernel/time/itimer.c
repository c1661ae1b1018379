/*
 * itimer.c - the interval timers' arithmetic (itimer.h).
 *
 * Theory of operation. A timer is a deadline on a clock and an interval.
 * Arming computes the deadline from the clock's reading now; the tick
 * (sys/sys_itimer.c) asks itimer_expire whether it has passed, which also
 * moves the deadline on by whole intervals, so a periodic timer keeps its
 * phase (the n-th expiry is due at start + value + (n - 1) * interval)
 * however late the tick that noticed it came. The timer is only looked at
 * on ticks, so it fires up to one tick (10 ms) after its deadline, and a
 * period shorter than a tick fires once per tick at most (the others are
 * overruns, as Linux counts them for a signal already pending). Pure
 * arithmetic: the host suite itimer runs it under ASan/UBSan.
 */
#include "time/itimer.h"

void itimer_arm(struct itimer *t, uint64_t now, uint64_t value, uint64_t interval)
{
	if (value == 0) {
		t->deadline = 0;
		t->interval = 0;
		return;
	}
	t->deadline = now + value < now ? UINT64_MAX : now + value;
	t->interval = interval;
}

uint64_t itimer_left(const struct itimer *t, uint64_t now)
{
	if (t->deadline == 0)
		return 0;
	return t->deadline > now + 1000 ? t->deadline - now : 1000;
}

bool itimer_expire(struct itimer *t, uint64_t now)
{
	if (t->deadline == 0 || now < t->deadline)
		return false;
	if (t->interval == 0) {
		t->deadline = 0;
		return true;
	}
	uint64_t missed = (now - t->deadline) / t->interval + 1;
	uint64_t step = missed * t->interval;
	if (step / t->interval != missed || t->deadline + step < t->deadline)
		t->deadline = UINT64_MAX; /* saturated: far beyond any run */
	else
		t->deadline += step;
	return true;
}
