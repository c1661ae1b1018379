/*
 * uninit_read.c - OSTEP 14.4 "Forgetting to Initialize Allocated Memory":
 * counters taken from malloc (calloc would have zeroed them) are
 * incremented, so their first value is read from memory nobody wrote: "an
 * uninitialized read ... some data of unknown value".
 *
 * In normal mode the value is whatever the memory held (0 on fresh pages,
 * an old block's data on reused ones). MALLOC_CHECK=1 fills every new block
 * with 0x5a bytes, so the value shows as 0x5a5a5a5a, every time, but is
 * not reported: the program may well write before it reads. MALLOC_CHECK=2
 * keeps a block's pages inaccessible until they are first written, so a
 * read that comes first faults and is reported where it happens.
 *
 * Prints: block (the block and the size asked for), address (the int read).
 *
 * expect MALLOC_CHECK=0: status=0 report=none
 * expect MALLOC_CHECK=1: status=0 report=none prints="value 0x5a5a5a5a"
 * expect MALLOC_CHECK=2: status=139 report="HEAP ERROR [uninitialized-read]" block address \
 *                        alloc=new_counts pc=main
 */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int *new_counts(size_t n)
{
	int *counts = malloc(n * sizeof(int)); /* oops: never set to zero */
	if (counts == NULL)
		exit(1);
	fprintf(stderr, "block %p size %zu\n", (void *)counts, n * sizeof(int));
	fprintf(stderr, "address %p\n", (void *)&counts[2]);
	return counts;
}

int main(void)
{
	int *counts = new_counts(4); /* words of length 1, 2, 3, 4 */
	int before = counts[2];	     /* an uninitialized read */
	counts[2] = before + 1;	     /* one more word of length 3 */
	fprintf(stderr, "value 0x%x\n", (unsigned)before);
	free(counts);
	return 0;
}
