/* memcpy.c - copy between buffers that do not overlap. */
#include <string.h>
#include "internal/nolibcall.h"
#include "string/word.h"

/*
 * Copies n bytes from src to dst (no overlap); returns dst. Up to 64 bytes:
 * two to four overlapping pieces; up to STRING_REP_COPY: a loop of 16-byte
 * pieces, 128 bytes a round; beyond: `rep movsq` (string_copy_rep), as
 * musl does: under QEMU one guest instruction per 8 bytes where the loop
 * takes about 1.4 (natively the loop is faster, the instruction's start-up
 * costing about as much as copying 512 bytes: docs/BENCHMARKS.md).
 */
NO_LIBCALL void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (n <= 64) {
		string_copy_small(d, s, n);
	} else if (n < STRING_REP_COPY) {
		string_copy_forward(d, s, n);
	} else {
		string_copy_rep(d, s, n);
	}
	return dst;
}
