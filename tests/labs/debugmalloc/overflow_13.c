/* overflow_13.c - one byte past a block of 13: the red zone must start at
 * the exact size asked for, not at the 16 the allocator rounds up to. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	char *p = malloc(13);
	for (int i = 0; i <= 13; i++) /* <= : one too many */
		p[i] = '!';
	fprintf(stderr, "wrote 14 bytes\n");
	free(p);
	return 0;
}
//! wrote 14 bytes
//! HEAP ERROR [heap-overflow]: ??
//! ???
//!   block:          0x??, 13 bytes requested, live
//!   first bad byte: block+13 = 0x21, expected 0xcc
//! ???
//= status 134
