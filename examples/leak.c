/*
 * leak.c - OSTEP 14.4 "Forgetting To Free Memory" (the homework's
 * "allocates memory using malloc() but forgets to free it before
 * exiting"): a line buffer is allocated, used, and never freed.
 *
 * Harmless in a short program, as the chapter says (the OS takes every
 * page back at exit), and fatal in a long-running one. Normal mode says
 * nothing. In MALLOC_CHECK=1 and 2 the libc lists, at exit, every block
 * still allocated with its size and where it was allocated; the program's
 * own exit status is kept.
 *
 * Prints: block (the block and the size asked for).
 *
 * expect MALLOC_CHECK=0:   status=0 report=none
 * expect MALLOC_CHECK=1,2: status=0 report="HEAP ERROR [leak]" block alloc=read_line
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static char *read_line(void)
{
	char *line = malloc(100);
	if (line == NULL)
		exit(1);
	fprintf(stderr, "block %p size %d\n", (void *)line, 100);
	strcpy(line, "a line of input");
	return line;
}

int main(void)
{
	char *line = read_line();
	fprintf(stderr, "read: %s\n", line);
	return 0; /* oops: line is never freed */
}
