/* fault_stack_overflow.c - recurses without end: past the stack limit
 * (RLIMIT_STACK, 8 MiB on both) the stack cannot grow, SIGSEGV (139),
 * fault.stack-grows. */
#include "rt/rt.h"

__attribute__((noinline)) static long down(long n)
{
	volatile char a[1000];
	a[0] = (char)n;
	if (rt_launder(n) < 0) /* never: keeps the compiler from calling it infinite */
		return 0;
	return down(n + 1) + a[0]; /* not a tail call */
}

int main(void)
{
	down(0);
	rt_puts("fault_stack_overflow: the recursion ended\n");
	return 1;
}
