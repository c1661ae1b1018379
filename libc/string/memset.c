/* memset.c - fill a buffer with one byte. */
#include <string.h>
#include "internal/nolibcall.h"
#include "string/word.h"

/*
 * Sets n bytes at dst to (unsigned char)c; returns dst. The byte is
 * broadcast to a word; up to 32 bytes: two to four overlapping stores; up
 * to STRING_REP_FILL: a loop of words and a last overlapping word; beyond:
 * one unaligned word, `rep stosq` from the next 8-byte boundary, the last
 * word.
 */
NO_LIBCALL void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t w = (unsigned char)c * STRING_ONES;
	if (n >= STRING_REP_FILL) {
		string_store64(d, w);
		size_t skip = 8 - ((uintptr_t)d & 7);
		string_rep_stosq(d + skip, w, (n - skip) >> 3);
		string_store64(d + n - 8, w);
	} else if (n > 32) {
		size_t i = 0;
		for (; i + 32 < n; i += 32) {
			string_store64(d + i, w);
			string_store64(d + i + 8, w);
			string_store64(d + i + 16, w);
			string_store64(d + i + 24, w);
		}
		for (; i + 8 < n; i += 8)
			string_store64(d + i, w);
		string_store64(d + n - 8, w);
	} else if (n >= 16) {
		string_store64(d, w);
		string_store64(d + 8, w);
		string_store64(d + n - 16, w);
		string_store64(d + n - 8, w);
	} else if (n >= 8) {
		string_store64(d, w);
		string_store64(d + n - 8, w);
	} else if (n >= 4) {
		*(string_u32 *)d = (uint32_t)w;
		*(string_u32 *)(d + n - 4) = (uint32_t)w;
	} else if (n) {
		d[0] = (unsigned char)w;
		d[n / 2] = (unsigned char)w;
		d[n - 1] = (unsigned char)w;
	}
	return dst;
}
