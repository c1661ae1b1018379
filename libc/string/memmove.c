/* memmove.c - copy between buffers that may overlap. */
#include <string.h>
#include "internal/nolibcall.h"
#include "string/word.h"

/*
 * Copies n >= 8 bytes backward, 32 at a time from the end, the first 8
 * bytes (read first) stored last. Safe when d is above s even if they
 * overlap: each load is below every store before it.
 */
NO_LIBCALL static void move_backward(unsigned char *d, const unsigned char *s, size_t n)
{
	uint64_t head = string_load64(s);
	size_t i = n;
	for (; i > 32 + 8; i -= 32) {
		uint64_t a = string_load64(s + i - 8), b = string_load64(s + i - 16);
		uint64_t c = string_load64(s + i - 24), e = string_load64(s + i - 32);
		string_store64(d + i - 8, a);
		string_store64(d + i - 16, b);
		string_store64(d + i - 24, c);
		string_store64(d + i - 32, e);
	}
	for (; i > 8; i -= 8)
		string_store64(d + i - 8, string_load64(s + i - 8));
	string_store64(d, head);
}

/*
 * Copies n bytes from src to dst as if through a temporary buffer; returns
 * dst. Buffers that do not overlap are memcpy's; up to 32 bytes every load
 * comes before every store; otherwise forward when dst is below src,
 * backward when it is above, so no byte is overwritten before it is read.
 */
NO_LIBCALL void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	uintptr_t gap = (uintptr_t)d - (uintptr_t)s;
	if (n <= 32)
		string_copy_small(d, s, n);
	else if (gap >= n && -gap >= n)
		memcpy(d, s, n);
	else if ((uintptr_t)d < (uintptr_t)s)
		string_copy_forward(d, s, n);
	else
		move_backward(d, s, n);
	return dst;
}
