/* fault_kernel_read.c - reads the kernel's first page, 0xffffffff80000000,
 * from user mode: a supervisor page, SIGSEGV (139), fault.sigsegv-codes. */
#include "rt/rt.h"

int main(void)
{
	int v = *(volatile char *)rt_launder((long)0xffffffff80000000UL);
	rt_puts("fault_kernel_read: read kernel memory\n");
	return 1 + v;
}
