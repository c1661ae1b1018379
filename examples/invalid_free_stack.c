/*
 * invalid_free_stack.c - OSTEP 14.4 "Calling free() Incorrectly": free()
 * of memory malloc never gave, here a local variable on the stack (the
 * chapter: stack memory is managed "implicitly by the compiler").
 *
 * Caught in every mode by free(): the pointer is not in the heap and not
 * one of the allocator's mappings.
 *
 * Prints: address (the pointer passed to free).
 *
 * expect MALLOC_CHECK=0,1,2: status=134 report="HEAP ERROR [invalid-free]" address found=main
 */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	int x = 3; /* on the stack: not malloc's to free */
	int *p = &x;
	fprintf(stderr, "address %p\n", (void *)p);
	fprintf(stderr, "x = %d\n", *p);
	free(p); /* oops */
	return 0;
}
