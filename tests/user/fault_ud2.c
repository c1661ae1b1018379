/* fault_ud2.c - executes ud2, the undefined instruction: #UD, SIGILL (132). */
#include "rt/rt.h"

int main(void)
{
	__asm__ volatile("ud2");
	rt_puts("fault_ud2: ud2 did not trap\n");
	return 1;
}
