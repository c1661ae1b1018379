/* memmove.c - copy between buffers that may overlap. */
#include <string.h>
#include "internal/nolibcall.h"
#include "string/word.h"

/*
 * Copies n > 64 bytes backward, 128 bytes a round from the end, then up
 * to two 64-byte blocks, the last of which may reach into the first 64
 * bytes; those (read first) are stored last. Safe when d is above s even
 * if they overlap: each load is below every store before it.
 */
NO_LIBCALL static void move_backward(unsigned char *d, const unsigned char *s, size_t n)
{
	string_v16 h0 = string_load128(s), h1 = string_load128(s + 16);
	string_v16 h2 = string_load128(s + 32), h3 = string_load128(s + 48);
	size_t i = n;
	for (; i >= 64 + 128; i -= 128) {
		string_copy64(d + i - 64, s + i - 64);
		string_copy64(d + i - 128, s + i - 128);
	}
	for (; i > 64; i -= 64)
		string_copy64(d + i - 64, s + i - 64);
	string_store128(d, h0);
	string_store128(d + 16, h1);
	string_store128(d + 32, h2);
	string_store128(d + 48, h3);
}

/*
 * Copies n bytes from src to dst as if through a temporary buffer; returns
 * dst. Buffers that do not overlap are memcpy's; up to 64 bytes every load
 * comes before every store; otherwise forward when dst is below src
 * (with `rep movsq` from STRING_REP_MOVE bytes, as musl), backward with the
 * 16-byte loop when it is above (`std; rep movsq` is slow natively), so no byte is overwritten
 * before it is read.
 */
NO_LIBCALL void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	uintptr_t gap = (uintptr_t)d - (uintptr_t)s;
	if (n <= 64)
		string_copy_small(d, s, n);
	else if (gap >= n && -gap >= n)
		memcpy(d, s, n);
	else if ((uintptr_t)d < (uintptr_t)s && n >= STRING_REP_MOVE)
		string_copy_rep(d, s, n);
	else if ((uintptr_t)d < (uintptr_t)s)
		string_copy_forward(d, s, n);
	else
		move_backward(d, s, n);
	return dst;
}
