/* realloc_stale.c - a pointer kept across realloc: realloc moved the block
 * (the checker always moves it), and the old pointer is a freed block. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	char *p = malloc(10);
	strcpy(p, "abc");
	char *q = realloc(p, 20);
	p[1] = 'X'; /* should be q[1] */
	fprintf(stderr, "q holds %s\n", q);
	free(q);
	return 0;
}
//! q holds abc
//! HEAP ERROR [use-after-free]: ??
//! ???
//!   block:          0x??, 10 bytes requested, freed
//!   first bad byte: block+1 = 0x58, expected 0x6b
//! ???
//= status 134
