/* fault_null.c - reads through a NULL pointer: must be killed with SIGSEGV (139). */
#include "rt/rt.h"

int main(int argc, char **argv, char **envp)
{
	(void)argv, (void)envp;
	volatile int *p = (volatile int *)(long)(argc - 1); /* NULL, unknown to the compiler */
	return *p;
}
