/*
 * bitmap.h - the bitmaps of the mid tier (mid.h, mid.c, mid_runs.h, mid_check.c):
 * a span's free granules and block heads, up to 1024 bits each, and the
 * bitmap of the run lists (heap.runmap). Bit i is bit i % 64 of word
 * i / 64. Each search takes a word at a time with one count of trailing
 * (or leading) zeros, so a scan of a 1024-granule span is at most 16
 * steps. Inline: they are on every step of a mid malloc and free.
 */
#ifndef LIBC_MALLOC_BITMAP_H
#define LIBC_MALLOC_BITMAP_H

#include <stdbool.h>
#include <stdint.h>

/* The first index in [i, limit) whose bit is 1, or limit. */
static inline uint32_t find_one(const uint64_t *m, uint32_t i, uint32_t limit)
{
	while (i < limit) {
		uint64_t x = m[i >> 6] >> (i & 63);
		if (x) {
			i += (uint32_t)__builtin_ctzll(x);
			return i < limit ? i : limit;
		}
		i = (i | 63) + 1;
	}
	return limit;
}

/* The first index in [i, limit) whose bit is 0, or limit. */
static inline uint32_t find_zero(const uint64_t *m, uint32_t i, uint32_t limit)
{
	while (i < limit) {
		uint64_t x = ~m[i >> 6] >> (i & 63);
		if (x) {
			i += (uint32_t)__builtin_ctzll(x);
			return i < limit ? i : limit;
		}
		i = (i | 63) + 1;
	}
	return limit;
}

/* The start of the run of ones that ends just below i (i if bit i-1 is 0). */
static inline uint32_t run_start_back(const uint64_t *m, uint32_t i)
{
	while (i > 0) {
		uint32_t b = (i - 1) & 63;
		uint64_t x = ~m[(i - 1) >> 6] << (63 - b); /* bit i-1 at bit 63 */
		if (x)
			return i - (uint32_t)__builtin_clzll(x);
		i -= b + 1;
	}
	return 0;
}

/* Sets (v) or clears (!v) bits [i, i + n): a mask for the first and the
 * last word, whole words between. */
static inline void set_bits(uint64_t *m, uint32_t i, uint32_t n, bool v)
{
	if (!n)
		return;
	uint32_t w = i >> 6, last = (i + n - 1) >> 6;
	uint64_t head = ~0ull << (i & 63), tail = ~0ull >> (63 - ((i + n - 1) & 63));
	if (w == last)
		head &= tail;
	m[w] = v ? m[w] | head : m[w] & ~head;
	if (w == last)
		return;
	for (w++; w < last; w++)
		m[w] = v ? ~0ull : 0;
	m[last] = v ? m[last] | tail : m[last] & ~tail;
}

static inline bool bit(const uint64_t *m, uint32_t i)
{
	return m[i >> 6] >> (i & 63) & 1;
}

#endif
