/* memmove.c - copy between buffers that may overlap. */
#include <stdint.h>
#include <string.h>
#include "internal/nolibcall.h"

/*
 * Copies n bytes from src to dst as if through a temporary buffer: forward
 * when dst is below src, backward when it is above, so overlap is safe.
 */
NO_LIBCALL void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d == s || n == 0)
		return dst;
	if ((uintptr_t)d < (uintptr_t)s) {
		while (n--)
			*d++ = *s++;
	} else {
		d += n;
		s += n;
		while (n--)
			*--d = *--s;
	}
	return dst;
}
