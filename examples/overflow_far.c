/*
 * overflow_far.c - "Not Allocating Enough Memory" by a factor: room for
 * `count` bytes where `count` ints were meant (the sizeof was forgotten),
 * then a loop that fills all `count` ints, running 48 bytes past the end.
 * (OSTEP's homework does the same with data[100] = 0 on a 100-int array.)
 *
 * In normal mode the writes land in the neighbouring, unused slots and the
 * program "works". MALLOC_CHECK=1 finds the red zone after the block
 * overwritten when it is freed; MALLOC_CHECK=2 puts the block's end
 * against an inaccessible guard page, so the first write past the end
 * faults and is reported at the access itself.
 *
 * Prints: block (the block and the size asked for), address (the first
 * byte past its end).
 *
 * expect MALLOC_CHECK=0: status=0 report=none
 * expect MALLOC_CHECK=1: status=134 report="HEAP ERROR [heap-overflow]" block address \
 *                        alloc=make_table found=main
 * expect MALLOC_CHECK=2: status=139 report="HEAP ERROR [heap-overflow]" block address \
 *                        alloc=make_table pc=main
 */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int *make_table(size_t count)
{
	int *table = malloc(count); /* oops: count * sizeof(int) */
	if (table == NULL)
		exit(1);
	fprintf(stderr, "block %p size %zu\n", (void *)table, count);
	fprintf(stderr, "address %p\n", (void *)((char *)table + count));
	return table;
}

int main(void)
{
	size_t count = 16;
	int *squares = make_table(count);
	for (size_t i = 0; i < count; i++)
		squares[i] = (int)(i * i); /* from squares[4] on: past the end */
	fprintf(stderr, "squares[15] = %d\n", squares[15]);
	free(squares);
	return 0;
}
