/* memcmp.c - compare two buffers. */
#include <string.h>
#include "string/word.h"

/* a - b of the first bytes that differ between the unequal words a and b (little endian: lowest
 * first). */
static int first_difference(uint64_t a, uint64_t b)
{
	unsigned shift = (unsigned)__builtin_ctzll(a ^ b) & ~7u;
	return (int)((a >> shift) & 0xff) - (int)((b >> shift) & 0xff);
}

/*
 * <0, 0, >0 as the first differing byte, taken as unsigned char, is
 * smaller/equal/larger (the difference of the two bytes, as musl and
 * glibc return). Eight bytes at a time; the last word overlaps bytes
 * already found equal, so it cannot change the answer.
 */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;
	if (n < 8) {
		for (; n; n--, p++, q++)
			if (*p != *q)
				return *p - *q;
		return 0;
	}
	for (size_t i = 0; i + 8 < n; i += 8) {
		uint64_t x = string_load64(p + i), y = string_load64(q + i);
		if (x != y)
			return first_difference(x, y);
	}
	uint64_t x = string_load64(p + n - 8), y = string_load64(q + n - 8);
	return x == y ? 0 : first_difference(x, y);
}
