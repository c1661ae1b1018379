/* strlen.c - the length of a string. */
#include <string.h>
#include "string/word.h"

/*
 * A 16-bit mask of the zero bytes among the 16 at the 16-byte aligned p
 * (bit i for byte i): one pcmpeqb against zero and one pmovmskb. Read in
 * place, so that strlen's no_sanitize_address covers the load.
 */
__attribute__((no_sanitize_address)) static inline unsigned zero_mask16(const unsigned char *p)
{
	string_v16 v = *(const string_v16 *)(const void *)p;
	return (unsigned)__builtin_ia32_pmovmskb128((string_v16c)(v == (string_v16){0}));
}

/*
 * The number of bytes before the terminating NUL. Reads aligned 16-byte
 * blocks into an SSE register: an aligned block never crosses a page, so
 * reading the bytes of the last block past the NUL cannot fault
 * (AddressSanitizer, which checks bytes, is told so). The mask of the
 * first block is shifted right past the bytes before s; the first zero
 * byte is the lowest set bit of the mask. The main loop takes the two
 * blocks of one aligned 32-byte pair per round (half the branches; the
 * pair is in one page too).
 */
__attribute__((no_sanitize_address)) size_t strlen(const char *s)
{
	const unsigned char *p = (const unsigned char *)((uintptr_t)s & ~(uintptr_t)15);
	unsigned z = zero_mask16(p) >> ((uintptr_t)s & 15);
	if (z)
		return (size_t)__builtin_ctz(z);
	if (((uintptr_t)p & 16) == 0) {
		p += 16;
		z = zero_mask16(p);
	}
	while (!z) {
		p += 16;
		unsigned a = zero_mask16(p), b = zero_mask16(p + 16);
		if (a | b) {
			/* b's bits above a's: the lowest set bit is the first zero of the pair */
			z = a | b << 16;
			break;
		}
		p += 16;
	}
	return (size_t)(p + __builtin_ctz(z) - (const unsigned char *)s);
}

/* strlen(s), but reads at most max bytes and returns at most max. */
size_t strnlen(const char *s, size_t max)
{
	const char *nul = memchr(s, 0, max);
	return nul ? (size_t)(nul - s) : max;
}
