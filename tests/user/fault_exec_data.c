/* fault_exec_data.c - calls code written into a PROT_READ|PROT_WRITE mmap
 * (no PROT_EXEC): the NX bit stops it, SIGSEGV (139), mmap.prot-enforcement. */
#include "rt/rt.h"

int main(void)
{
	long p = rt_anon(0, PAGE, PROT_RW, 0);
	if (p < 0)
		return 2;
	*(volatile unsigned char *)p = 0xc3; /* ret */
	((void (*)(void))rt_launder(p))();
	rt_puts("fault_exec_data: executed a page without PROT_EXEC\n");
	return 1;
}
