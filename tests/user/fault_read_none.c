/* fault_read_none.c - reads a PROT_NONE mmap: SIGSEGV (139), mmap.prot-enforcement. */
#include "rt/rt.h"

int main(void)
{
	long p = rt_anon(0, PAGE, PROT_NONE, 0);
	if (p < 0)
		return 2;
	int v = *(volatile char *)rt_launder(p + 123);
	rt_puts("fault_read_none: read a PROT_NONE page\n");
	return 1 + v;
}
