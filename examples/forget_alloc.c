/*
 * forget_alloc.c - OSTEP 14.4 "Forgetting To Allocate Memory", the
 * chapter's own example:
 *
 *	char *src = "hello";
 *	char *dst;        // oops! unallocated
 *	strcpy(dst, src); // segfault and die
 *
 * made deterministic: here dst has static storage, so it is NULL (an
 * automatic dst holds whatever the stack held: forget_alloc_pattern.c).
 *
 * malloc never sees this mistake: the page fault at address 0 is the
 * diagnosis. Interlude's kernel names it in every mode; with MALLOC_CHECK=1
 * or 2 the libc's SIGSEGV handler names it, on Linux too. Linux itself
 * prints nothing (the shell says "Segmentation fault").
 *
 * expect MALLOC_CHECK=0 linux:     status=139 report=none
 * expect MALLOC_CHECK=0 interlude: status=139 report="SEGFAULT [null-pointer]" by=kernel
 * expect MALLOC_CHECK=1,2:         status=139 report="SEGFAULT [null-pointer]" pc=strcpy
 */
#include <stdio.h>
#include <string.h>

char *dst; /* oops! never allocated: a pointer with static storage starts NULL */

int main(void)
{
	char *src = "hello";
	fprintf(stderr, "dst %p\n", (void *)dst);
	strcpy(dst, src); /* segfault and die */
	fprintf(stderr, "copied %s\n", dst);
	return 0;
}
