/* fault_write_text.c - writes into its own code: killed with SIGSEGV (139). */
#include "rt/rt.h"

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	volatile unsigned char *code = (volatile unsigned char *)(void *)main;
	code[0] = 0x90;
	return 0;
}
