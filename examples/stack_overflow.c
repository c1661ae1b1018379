/*
 * stack_overflow.c - beyond the chapter's list: "stack memory" is managed
 * for you, but it is not endless. A recursion without a base case grows
 * the stack until it reaches the guard page below it.
 *
 * Not a heap event. Interlude's kernel names it in every mode (the fault
 * hit the stack's guard page); with MALLOC_CHECK=1 or 2 the libc's SIGSEGV
 * handler names it (running on a stack of its own), on Linux too. Linux
 * itself prints nothing.
 *
 * GCC's -Wall warns "infinite recursion detected": the first line of
 * defence, silenced here so that the build shows only the run-time
 * diagnosis.
 *
 * cflags: -Wno-infinite-recursion
 *
 * expect MALLOC_CHECK=0 linux:     status=139 report=none
 * expect MALLOC_CHECK=0 interlude: status=139 report="SEGFAULT [stack-overflow]" by=kernel
 * expect MALLOC_CHECK=1,2:         status=139 report="SEGFAULT [stack-overflow]" pc=sum_to
 */
#include <stdio.h>

/* Sums n, n-1, ..., forgetting to stop at 0. */
__attribute__((noinline)) static long sum_to(long n)
{
	volatile long frame[32]; /* a big frame for each call, so the end comes soon */
	frame[0] = n;
	return frame[0] + sum_to(n - 1); /* oops: no base case */
}

int main(void)
{
	fprintf(stderr, "sum %ld\n", sum_to(10));
	return 0;
}
