/* memcpy.c - copy between buffers that do not overlap. */
#include <stdint.h>
#include <string.h>
#include "internal/nolibcall.h"

/* Copies n bytes from src to dst (no overlap); returns dst. Words when both are aligned alike. */
NO_LIBCALL void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if ((((uintptr_t)d ^ (uintptr_t)s) & 7) == 0) {
		while (n && ((uintptr_t)d & 7)) {
			*d++ = *s++;
			n--;
		}
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(uint64_t *)(void *)d = *(const uint64_t *)(const void *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}
