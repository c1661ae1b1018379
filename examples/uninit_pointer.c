/*
 * uninit_pointer.c - "Forgetting to Initialize Allocated Memory" where it
 * hurts most: a list header taken from malloc whose head pointer was never
 * set to NULL, then walked.
 *
 * In normal mode the block comes from fresh pages, which read as zero, so
 * the walk finds an empty list and the mistake hides until the block is a
 * reused one. MALLOC_CHECK=1 fills new blocks with 0x5a bytes, so head is
 * 0x5a5a5a5a5a5a5a5a, an impossible address: the first use faults and the
 * fault handler recognises the fill. MALLOC_CHECK=2 faults earlier, at the
 * read of head itself (a page never written).
 *
 * Prints: block (the block and the size asked for), address (the head
 * pointer's place in the block).
 *
 * expect MALLOC_CHECK=0: status=0 report=none
 * expect MALLOC_CHECK=1: status=139 report="SEGFAULT [uninitialized-read]" pc=main
 * expect MALLOC_CHECK=2: status=139 report="HEAP ERROR [uninitialized-read]" block address \
 *                        alloc=new_list pc=main
 */
#include <stdio.h>
#include <stdlib.h>

struct node {
	int value;
	struct node *next;
};

struct list {
	struct node *head;
	size_t length;
};

__attribute__((noinline)) static struct list *new_list(void)
{
	struct list *l = malloc(sizeof *l);
	if (l == NULL)
		exit(1);
	/* oops: forgot l->head = NULL and l->length = 0 */
	fprintf(stderr, "block %p size %zu\n", (void *)l, sizeof *l);
	fprintf(stderr, "address %p\n", (void *)&l->head);
	return l;
}

int main(void)
{
	struct list *l = new_list();
	int sum = 0;
	for (struct node *n = l->head; n != NULL; n = n->next)
		sum += n->value;
	fprintf(stderr, "sum %d\n", sum);
	free(l);
	return 0;
}
