/* overflow_at_exit.c - an overflow of a block that is never freed is found
 * when the program exits, before the leak report. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	char *p = malloc(24);
	p[24] = 'x';
	fprintf(stderr, "exiting\n");
	return 0;
}
//! exiting
//! HEAP ERROR [heap-overflow]: ??
//! ???
//!   first bad byte: block+24 = 0x78, expected 0xcc
//! ???
//!   found by:       exit
//! ???
//= status 134
