/* strlen.c - the length of a string. */
#include <string.h>
#include "string/word.h"

/*
 * The number of bytes before the terminating NUL. Reads aligned 8-byte
 * words: an aligned word never crosses a page, so reading the bytes of the
 * last word past the NUL cannot fault (AddressSanitizer, which checks
 * bytes, is told so). The bytes of the first word before s are made
 * nonzero; the first zero byte is the lowest bit of string_zero_bytes.
 * The main loop takes two words of one aligned 16-byte pair per round
 * (half the branches; the pair is in one page too).
 */
__attribute__((no_sanitize_address)) size_t strlen(const char *s)
{
	const unsigned char *p = (const unsigned char *)((uintptr_t)s & ~(uintptr_t)7);
	unsigned lead = (unsigned)((uintptr_t)s & 7) * 8;
	uint64_t w = *(const string_word *)(const void *)p | (lead ? ~0ULL >> (64 - lead) : 0);
	uint64_t z = string_zero_bytes(w);
	if (!z && ((uintptr_t)p & 8) == 0) {
		p += 8;
		z = string_zero_bytes(*(const string_word *)(const void *)p);
	}
	while (!z) {
		p += 8;
		uint64_t a = *(const string_word *)(const void *)p;
		uint64_t b = *(const string_word *)(const void *)(p + 8);
		uint64_t za = string_zero_bytes(a), zb = string_zero_bytes(b);
		if (za | zb) {
			if (za) {
				z = za;
			} else {
				z = zb;
				p += 8;
			}
			break;
		}
		p += 8;
	}
	return (size_t)(p + (__builtin_ctzll(z) >> 3) - (const unsigned char *)s);
}

/* strlen(s), but reads at most max bytes and returns at most max. */
size_t strnlen(const char *s, size_t max)
{
	const char *nul = memchr(s, 0, max);
	return nul ? (size_t)(nul - s) : max;
}
