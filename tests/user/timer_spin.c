/* timer_spin.c - computes in user mode for 2^27 TSC cycles (a tenth of a
 * second or so) without a system call, so that timer ticks must interrupt
 * user mode (kernel/time/test/timer_test.c counts them). */
#include "rt/rt.h"

/* Returns the time-stamp counter. */
static unsigned long tsc(void)
{
	unsigned lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (unsigned long)hi << 32 | lo;
}

int main(void)
{
	unsigned long start = tsc();
	while (tsc() - start < (1ul << 27))
		;
	return 0;
}
