/* memchr.c - find a byte in a buffer. */
#include <string.h>
#include "string/word.h"

/*
 * The first of the n bytes at s equal to (unsigned char)c, or NULL. Aligned
 * 8-byte words, each XORed with c broadcast so that a match becomes a zero
 * byte; the first word's bytes before s are made nonzero, and a match at or
 * beyond n is no match. Reading the rest of the last aligned word cannot
 * fault (it is in the same page), which AddressSanitizer is told.
 */
__attribute__((no_sanitize_address)) void *memchr(const void *s, int c, size_t n)
{
	if (n == 0)
		return NULL;
	const unsigned char *p = (const unsigned char *)((uintptr_t)s & ~(uintptr_t)7);
	unsigned lead = (unsigned)((uintptr_t)s & 7);
	uint64_t pattern = (unsigned char)c * STRING_ONES;
	uint64_t w = (*(const string_word *)(const void *)p ^ pattern) |
		     (lead ? ~0ULL >> (64 - 8 * lead) : 0);
	/* bytes from p to the end of the buffer (a huge n means "until found") */
	size_t left = n > SIZE_MAX - 8 ? SIZE_MAX : n + lead;
	for (;;) {
		uint64_t z = string_zero_bytes(w);
		if (z) {
			size_t at = (size_t)__builtin_ctzll(z) >> 3;
			return at < left ? (void *)(p + at) : NULL;
		}
		if (left <= 8)
			return NULL;
		left -= 8;
		p += 8;
		w = *(const string_word *)(const void *)p ^ pattern;
	}
}
