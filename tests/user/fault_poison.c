/* fault_poison.c - reads through 0xfefefefefefefefe (a "poisoned" pointer,
 * as freed memory filled with 0xfe would give): non-canonical, #GP,
 * SIGSEGV (139), fault.sigsegv-codes. */
#include "rt/rt.h"

int main(void)
{
	int v = *(volatile long *)rt_launder((long)0xfefefefefefefefeUL);
	rt_puts("fault_poison: read a non-canonical address\n");
	return 1 + v;
}
