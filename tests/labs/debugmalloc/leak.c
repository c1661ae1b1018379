/* leak.c - OSTEP 14.4, "forgetting to free memory": the report at exit
 * lists every block still held, with the size asked for. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	char *a = malloc(100), *b = malloc(50), *c = malloc(7);
	free(b);
	fprintf(stderr, "%s\n", a && c ? "kept two blocks" : "no memory");
	return 3;
}
//! kept two blocks
//! HEAP ERROR [leak]: ??: 2 blocks, 107 bytes never freed
//!   block:          0x??, 100 bytes requested, allocated by 0x??
//!   block:          0x??, 7 bytes requested, allocated by 0x??
//! ???
//= status 3
