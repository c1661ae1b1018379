/* double_free.c - OSTEP 14.4, "freeing memory repeatedly". */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	char *p = malloc(6);
	free(p);
	fprintf(stderr, "freed once\n");
	free(p);
	return 0;
}
//! freed once
//! HEAP ERROR [double-free]: ??: the block was freed before
//!   address:        0x??, 0 bytes from the block's start
//!   block:          0x??, 6 bytes requested, freed
//! ???
//= status 134
