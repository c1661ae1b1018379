/*
 * use_after_free.c - OSTEP 14.4 "Freeing Memory Before You Are Done With
 * It": a dangling pointer, written through after the block was freed.
 *
 * Normal mode: the write lands in memory the allocator may hand out again,
 * silently corrupting some later block. MALLOC_CHECK=1 fills freed blocks
 * with 0x6b and keeps them out of use for a while (a quarantine); the fill
 * is checked when a block leaves the quarantine and at exit, which finds
 * this write. MALLOC_CHECK=2 makes a freed block's pages inaccessible and
 * never reuses them, so the write itself faults.
 *
 * Prints: block (the block and the size asked for), address (the int
 * written after the free).
 *
 * expect MALLOC_CHECK=0: status=0 report=none
 * expect MALLOC_CHECK=1: status=134 report="HEAP ERROR [use-after-free]" block address \
 *                        alloc=make_scores freed=main
 * expect MALLOC_CHECK=2: status=139 report="HEAP ERROR [use-after-free]" block address \
 *                        alloc=make_scores freed=main pc=main
 */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int *make_scores(int n)
{
	int *scores = malloc(n * sizeof(int));
	if (scores == NULL)
		exit(1);
	for (int i = 0; i < n; i++)
		scores[i] = 10 * i;
	fprintf(stderr, "block %p size %zu\n", (void *)scores, n * sizeof(int));
	return scores;
}

int main(void)
{
	int *scores = make_scores(10);
	int best = scores[9];
	free(scores); /* done with the scores... */
	fprintf(stderr, "address %p\n", (void *)&scores[3]);
	scores[3] = 7; /* ...or not: a write through a dangling pointer */
	fprintf(stderr, "best %d\n", best);
	return 0;
}
