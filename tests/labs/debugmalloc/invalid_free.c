/* invalid_free.c - OSTEP 14.4, "calling free() incorrectly": a pointer into
 * the middle of a block. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	int *a = malloc(100 * sizeof(int));
	fprintf(stderr, "freeing a + 1\n");
	free(a + 1);
	return 0;
}
//! freeing a + 1
//! HEAP ERROR [invalid-free]: ??: a pointer inside a block, not its start: ??
//!   address:        0x??, 4 bytes from the block's start
//!   block:          0x??, 400 bytes requested, live
//! ???
//= status 134
