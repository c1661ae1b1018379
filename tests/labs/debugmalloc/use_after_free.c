/* use_after_free.c - OSTEP 14.4, "freeing memory before you are done with
 * it": the write lands in the freed block's poison and is found at exit. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	char *p = malloc(40);
	free(p);
	p[12] = 7;
	fprintf(stderr, "wrote after free\n");
	return 0;
}
//! wrote after free
//! HEAP ERROR [use-after-free]: ??: a write to the block after it was freed
//! ???
//!   block:          0x??, 40 bytes requested, freed
//!   first bad byte: block+12 = 0x07, expected 0x6b
//! ???
//!   found by:       exit
//! ???
//= status 134
