/* start_c.c - see start.S. */
#include "rt.h"

int main(int argc, char **argv, char **envp);
void start_c(long *sp);

void start_c(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	sys1(60, main(argc, argv, envp));
}
