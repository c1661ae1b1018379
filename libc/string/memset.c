/* memset.c - fill a buffer with one byte. */
#include <string.h>
#include "internal/nolibcall.h"
#include "string/word.h"

/* Stores the 16 bytes of v four times, at d, d + 16, d + 32, d + 48. */
static inline void fill64(unsigned char *d, string_v16 v)
{
	string_store128(d, v);
	string_store128(d + 16, v);
	string_store128(d + 32, v);
	string_store128(d + 48, v);
}

/*
 * Sets n bytes at dst to (unsigned char)c; returns dst. The byte is
 * broadcast to a word (below 16 bytes: two overlapping stores of 8, 4 or
 * 1 bytes) and to a 16-byte SSE register; up to 64 bytes: two
 * to four overlapping stores; up to STRING_REP_FILL: 128 bytes a round
 * (eight 16-byte stores), then at most one 64-byte block and the last 64
 * bytes, overlapping; beyond: one unaligned word, `rep stosq` from the
 * next 8-byte boundary, the last word.
 */
NO_LIBCALL void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t w = (unsigned char)c * STRING_ONES;
	if (n < 16) {
		if (n >= 8) {
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
	string_v16 v = (string_v16){0} + (unsigned char)c;
	if (n >= STRING_REP_FILL) {
		string_store64(d, w);
		size_t skip = 8 - ((uintptr_t)d & 7);
		string_rep_stosq(d + skip, w, (n - skip) >> 3);
		string_store64(d + n - 8, w);
	} else if (n > 64) {
		size_t i = 0;
		for (; i + 128 < n; i += 128) {
			fill64(d + i, v);
			fill64(d + i + 64, v);
		}
		if (i + 64 < n)
			fill64(d + i, v);
		fill64(d + n - 64, v);
	} else if (n >= 32) {
		string_store128(d, v);
		string_store128(d + 16, v);
		string_store128(d + n - 32, v);
		string_store128(d + n - 16, v);
	} else {
		string_store128(d, v);
		string_store128(d + n - 16, v);
	}
	return dst;
}
