/* fault_int3.c - executes int3, the breakpoint, without a debugger:
 * #BP, SIGTRAP (133). */
#include "rt/rt.h"

int main(void)
{
	__asm__ volatile("int3");
	rt_puts("fault_int3: int3 did not trap\n");
	return 1;
}
