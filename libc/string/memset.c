/* memset.c - fill a buffer with one byte. */
#include <stdint.h>
#include <string.h>
#include "internal/nolibcall.h"

/* Sets n bytes at dst to (unsigned char)c; returns dst. Words in the middle. */
NO_LIBCALL void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned char b = (unsigned char)c;
	while (n && ((uintptr_t)d & 7)) {
		*d++ = b;
		n--;
	}
	uint64_t w = b * 0x0101010101010101ULL;
	for (; n >= 8; n -= 8, d += 8)
		*(uint64_t *)(void *)d = w;
	while (n--)
		*d++ = b;
	return dst;
}
