/* memcpy.c - copy between buffers that do not overlap. */
#include <string.h>
#include "internal/nolibcall.h"
#include "string/word.h"

/*
 * Copies n bytes from src to dst (no overlap); returns dst. Up to 32 bytes:
 * two to four overlapping words; up to STRING_REP_COPY: a loop of words;
 * beyond: one unaligned word, then `rep movsq` from the next 8-byte
 * boundary of dst (the string instruction is fastest on aligned stores),
 * then the last word.
 */
NO_LIBCALL void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (n <= 32) {
		string_copy_small(d, s, n);
	} else if (n < STRING_REP_COPY) {
		string_copy_forward(d, s, n);
	} else {
		uint64_t tail = string_load64(s + n - 8);
		string_store64(d, string_load64(s));
		size_t skip = 8 - ((uintptr_t)d & 7);
		string_rep_movsq(d + skip, s + skip, (n - skip) >> 3);
		string_store64(d + n - 8, tail);
	}
	return dst;
}
