/* fault_icebp.c - executes icebp (int1, the byte 0xf1) without a
 * debugger: #DB, a trap, SIGTRAP (133) as on Linux. */
#include "rt/rt.h"

int main(void)
{
	__asm__ volatile(".byte 0xf1");
	rt_puts("fault_icebp: icebp did not trap\n");
	return 1;
}
