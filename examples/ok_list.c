/*
 * ok_list.c - a control: a linked list built, reversed and freed the right
 * way (the next pointer saved before the node is freed; compare
 * use_after_free_read.c). No mode may report anything.
 *
 * expect MALLOC_CHECK=0,1,2: status=0 report=none prints="1000 nodes, first 999, sum 499500"
 */
#include <stdio.h>
#include <stdlib.h>

struct node {
	int value;
	struct node *next;
};

int main(void)
{
	struct node *head = NULL;
	for (int i = 999; i >= 0; i--) {
		struct node *n = malloc(sizeof *n);
		if (n == NULL)
			return 1;
		n->value = i;
		n->next = head;
		head = n;
	}
	struct node *rev = NULL;
	while (head != NULL) {
		struct node *next = head->next;
		head->next = rev;
		rev = head;
		head = next;
	}
	int count = 0, first = rev->value;
	long sum = 0;
	while (rev != NULL) {
		struct node *next = rev->next; /* saved before the free */
		sum += rev->value;
		count++;
		free(rev);
		rev = next;
	}
	fprintf(stderr, "%d nodes, first %d, sum %ld\n", count, first, sum);
	return 0;
}
