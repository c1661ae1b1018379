/* fault_kernel_write.c - writes to the kernel's first code page,
 * 0xffffffff80100000, from user mode: a supervisor page, SIGSEGV (139);
 * the write never happens (the kernel's own tests still pass after it). */
#include "rt/rt.h"

int main(void)
{
	*(volatile char *)rt_launder((long)0xffffffff80100000UL) = 0;
	rt_puts("fault_kernel_write: wrote kernel memory\n");
	return 1;
}
