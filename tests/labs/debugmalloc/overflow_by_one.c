/* overflow_by_one.c - OSTEP 14.4, "not allocating enough memory": strlen
 * forgets the terminating zero, strcpy writes it one byte past the block. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	const char *src = "hello";
	char *dst = malloc(strlen(src)); /* one byte too few */
	strcpy(dst, src);
	fprintf(stderr, "copied %s\n", dst);
	free(dst);
	return 0;
}
//! copied hello
//! HEAP ERROR [heap-overflow]: ??: a write past the end of the block (into its red zone)
//! ???
//!   block:          0x??, 5 bytes requested, live
//!   first bad byte: block+5 = 0x00, expected 0xcc
//! ???
//!   found by:       free(0x??) called from 0x??
//! ???
//= status 134
