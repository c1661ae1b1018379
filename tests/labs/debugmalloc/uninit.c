/* uninit.c - OSTEP 14.4, "forgetting to initialize": malloc's new memory is
 * filled with 0x5a so that a value read before it was written stands out;
 * calloc's is zero. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	long *p = malloc(sizeof *p);
	long *z = calloc(1, sizeof *z);
	fprintf(stderr, "malloc: %#lx\n", (unsigned long)*p);
	fprintf(stderr, "calloc: %#lx\n", (unsigned long)*z);
	free(p);
	free(z);
	return 0;
}
//! malloc: 0x5a5a5a5a5a5a5a5a
//! calloc: 0
//= status 0
