/* start_c.c - see start.S. */
#include "rt.h"

int main(int argc, char **argv, char **envp);
void start_c(long *sp);

long *initial_sp __attribute__((weak)); /* for programs that check the ABI */

void start_c(long *sp)
{
	initial_sp = sp;
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	__syscall1(60, main(argc, argv, envp));
}
