/*
 * invalid_free.c - OSTEP 14.4 "Calling free() Incorrectly" (the homework:
 * "pass a funny value to free (e.g., a pointer in the middle of the
 * array)"): free() must get exactly a pointer that malloc returned.
 *
 * Caught in every mode by free(): the pointer is 4 bytes inside a block.
 * The debug modes add the block's size and where it was allocated.
 *
 * Prints: block (the block and the size asked for), address (the pointer
 * passed to free).
 *
 * expect MALLOC_CHECK=0:   status=134 report="HEAP ERROR [invalid-free]" address found=main
 * expect MALLOC_CHECK=1,2: status=134 report="HEAP ERROR [invalid-free]" block address \
 *                          alloc=make_data found=main
 */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int *make_data(int n)
{
	int *data = malloc(n * sizeof(int));
	if (data == NULL)
		exit(1);
	for (int i = 0; i < n; i++)
		data[i] = i;
	fprintf(stderr, "block %p size %zu\n", (void *)data, n * sizeof(int));
	return data;
}

int main(void)
{
	int *data = make_data(100);
	fprintf(stderr, "address %p\n", (void *)(data + 1));
	free(data + 1); /* oops: a pointer into the middle of the block */
	return 0;
}
