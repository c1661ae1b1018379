/* fault_freed_pointer.c - reads through 0x6b6b6b6b6b6b6b6b, the pointer a
 * program loads from a freed heap block (both heaps poison freed memory
 * with 0x6b, common/memerr): non-canonical, #GP, SIGSEGV (139), and the
 * kernel names the error SEGFAULT [use-after-free]. */
#include "rt/rt.h"

int main(void)
{
	int v = *(volatile long *)rt_launder((long)0x6b6b6b6b6b6b6b6bUL);
	rt_puts("fault_freed_pointer: read through a freed block's poison\n");
	return 1 + v;
}
