/* underflow.c - a write one byte before the start of a block. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	char *p = malloc(32);
	p[-1] = 0;
	fprintf(stderr, "wrote p[-1]\n");
	free(p);
	return 0;
}
//! wrote p[-1]
//! HEAP ERROR [heap-overflow]: ??: a write before the start of the block (its red zone)
//! ???
//!   first bad byte: block-1 = 0x00, expected 0xcc
//! ???
//= status 134
