/* fault_read_unmapped.c - reads a page after munmap: SIGSEGV (139), munmap.access-faults. */
#include "rt/rt.h"

int main(void)
{
	long p = rt_anon(0, PAGE, PROT_RW, 0);
	if (p < 0)
		return 2;
	*(volatile char *)p = 1; /* it was really there */
	if (rt_munmap(p, PAGE) != 0)
		return 3;
	int v = *(volatile char *)rt_launder(p + 0x123);
	rt_puts("fault_read_unmapped: read an unmapped page\n");
	return 1 + v;
}
