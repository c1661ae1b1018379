/* fault_kernel_exec.c - jumps to the kernel's first code page,
 * 0xffffffff80100000, from user mode: a supervisor page, SIGSEGV (139). */
#include "rt/rt.h"

int main(void)
{
	void (*kernel_code)(void) = (void (*)(void))rt_launder((long)0xffffffff80100000UL);
	kernel_code();
	rt_puts("fault_kernel_exec: ran kernel code\n");
	return 1;
}
