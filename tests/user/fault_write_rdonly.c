/* fault_write_rdonly.c - writes to a PROT_READ mmap: SIGSEGV (139), mmap.prot-enforcement. */
#include "rt/rt.h"

int main(void)
{
	long p = rt_anon(0, PAGE, PROT_READ, 0);
	if (p < 0)
		return 2;
	*(volatile char *)rt_launder(p + 123) = 1;
	rt_puts("fault_write_rdonly: wrote to a PROT_READ page\n");
	return 1;
}
