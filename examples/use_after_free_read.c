/*
 * use_after_free_read.c - "Freeing Memory Before You Are Done With It" in
 * its most common form: freeing a linked list with
 *
 *	for (p = head; p != NULL; p = p->next)
 *		free(p);
 *
 * which reads p->next from the node it has just freed.
 *
 * Normal mode: the freed node still holds its old bytes, so the loop
 * works, by luck. MALLOC_CHECK=1 fills freed blocks with 0x6b, so p->next
 * is 0x6b6b6b6b6b6b6b6b, an impossible address, and the next use faults:
 * the fault handler recognises the fill. MALLOC_CHECK=2 faults at the read
 * of p->next itself (the freed node's page is inaccessible).
 *
 * Prints: block (the first node and its size), address (its next field).
 *
 * expect MALLOC_CHECK=0: status=0 report=none
 * expect MALLOC_CHECK=1: status=139 report="SEGFAULT [use-after-free]" pc=main
 * expect MALLOC_CHECK=2: status=139 report="HEAP ERROR [use-after-free]" block address \
 *                        alloc=push freed=main pc=main
 */
#include <stdio.h>
#include <stdlib.h>

struct node {
	long value;
	struct node *next;
};

__attribute__((noinline)) static struct node *push(struct node *head, long value)
{
	struct node *n = malloc(sizeof *n);
	if (n == NULL)
		exit(1);
	n->value = value;
	n->next = head;
	return n;
}

int main(void)
{
	struct node *list = NULL;
	for (long v = 3; v >= 1; v--)
		list = push(list, v); /* 1 -> 2 -> 3 */
	fprintf(stderr, "block %p size %zu\n", (void *)list, sizeof *list);
	fprintf(stderr, "address %p\n", (void *)&list->next);
	long sum = 0;
	for (struct node *p = list; p != NULL; p = p->next) { /* oops: p->next after free(p) */
		sum += p->value;
		free(p);
	}
	fprintf(stderr, "sum %ld\n", sum);
	return 0;
}
