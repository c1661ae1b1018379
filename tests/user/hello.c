/* hello.c - the first user program: arguments, environment, the heap. */
#include "rt/rt.h"

int main(int argc, char **argv, char **envp)
{
	rt_puts("hello from user mode\n");
	for (int i = 0; i < argc; i++) {
		rt_puts("argv: ");
		rt_puts(argv[i]);
		rt_puts("\n");
	}
	for (char **e = envp; *e; e++) {
		rt_puts("env: ");
		rt_puts(*e);
		rt_puts("\n");
	}
	/* Grow the heap by a page with brk and use it. */
	char *b = (char *)__syscall1(12, 0);
	if ((char *)__syscall1(12, b + 4096) != b + 4096)
		return 2;
	for (int i = 0; i < 4096; i++)
		if (b[i] != 0)
			return 3; /* fresh heap memory must read as zero */
	b[0] = 'x';
	/* And an anonymous mapping. */
	char *m = (char *)__syscall6(9, 0, 8192, 3, 0x22, -1, 0);
	if ((long)m < 0)
		return 4;
	m[8191] = 'y';
	if (__syscall2(11, m, 8192) != 0)
		return 5;
	rt_puts("goodbye\n");
	return 0;
}
