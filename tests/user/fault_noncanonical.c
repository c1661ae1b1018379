/* fault_noncanonical.c - reads through 0x800000000000, the first
 * non-canonical address: #GP, not #PF, but still SIGSEGV (139), fault.sigsegv-codes. */
#include "rt/rt.h"

int main(void)
{
	int v = *(volatile char *)rt_launder(0x800000000000L);
	rt_puts("fault_noncanonical: read a non-canonical address\n");
	return 1 + v;
}
