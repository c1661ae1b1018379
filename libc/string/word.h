/*
 * string/word.h - the word-at-a-time tools of memcpy, memmove, memset,
 * memcmp, memchr and strlen: unaligned 8-, 4- and 2-byte loads and stores,
 * a copy of up to 32 bytes that reads everything before it writes anything
 * (so it is also a correct memmove), the byte-broadcast and zero-byte
 * tricks, and the x86 string instructions for long runs.
 *
 * Why words: a byte loop costs a load, a store and a branch per byte; an
 * 8-byte word does the same work for eight. Why overlapping stores: a copy
 * of 13 bytes is two 8-byte copies, [0, 8) and [5, 13), with no loop and
 * no byte tail. Why `rep movsq`/`rep stosq` for long runs: the CPU moves
 * whole cache lines at a time (fast strings), and under QEMU each
 * iteration counts as one guest instruction.
 */
#ifndef LIBC_STRING_WORD_H
#define LIBC_STRING_WORD_H

#include <stddef.h>
#include <stdint.h>
#include "internal/nolibcall.h"

/* Types that may sit at any address and alias anything (the compiler emits plain moves). */
typedef uint64_t __attribute__((may_alias, aligned(1))) string_u64;
typedef uint32_t __attribute__((may_alias, aligned(1))) string_u32;
typedef uint16_t __attribute__((may_alias, aligned(1))) string_u16;
/* An aligned word that aliases anything: strlen's and memchr's loads, read in place (not through a
 * helper) so that their no_sanitize_address covers them. */
typedef uint64_t __attribute__((may_alias)) string_word;

/* Byte counts from which the string instructions beat a loop of words (measured:
 * docs/BENCHMARKS.md). */
#define STRING_REP_COPY 2048
#define STRING_REP_FILL 1024

#define STRING_ONES 0x0101010101010101ULL
#define STRING_HIGHS 0x8080808080808080ULL

/* The 8 bytes at p, read at any alignment. */
static inline uint64_t string_load64(const void *p)
{
	return *(const string_u64 *)p;
}

/* Writes the 8 bytes of w at p, at any alignment. */
static inline void string_store64(void *p, uint64_t w)
{
	*(string_u64 *)p = w;
}

/*
 * Copies n <= 32 bytes from s to d. Every load happens before the first
 * store, so the regions may overlap in either direction (memmove uses it).
 * Two overlapping pieces cover any n in [k, 2k]: no loop, no byte tail.
 */
NO_LIBCALL static inline void string_copy_small(unsigned char *d, const unsigned char *s, size_t n)
{
	if (n >= 16) {
		uint64_t a = string_load64(s), b = string_load64(s + 8);
		uint64_t c = string_load64(s + n - 16), e = string_load64(s + n - 8);
		string_store64(d, a);
		string_store64(d + 8, b);
		string_store64(d + n - 16, c);
		string_store64(d + n - 8, e);
	} else if (n >= 8) {
		uint64_t a = string_load64(s), b = string_load64(s + n - 8);
		string_store64(d, a);
		string_store64(d + n - 8, b);
	} else if (n >= 4) {
		uint32_t a = *(const string_u32 *)s, b = *(const string_u32 *)(s + n - 4);
		*(string_u32 *)d = a;
		*(string_u32 *)(d + n - 4) = b;
	} else if (n) {
		unsigned char a = s[0], b = s[n / 2], c = s[n - 1];
		d[0] = a;
		d[n / 2] = b;
		d[n - 1] = c;
	}
}

/*
 * Copies n >= 8 bytes forward, 32 at a time, the last 8 bytes (read
 * first) stored last over whatever the loop left. Safe when d is below s
 * even if they overlap: each load is above every store before it.
 */
NO_LIBCALL static inline void string_copy_forward(unsigned char *d, const unsigned char *s,
						  size_t n)
{
	uint64_t tail = string_load64(s + n - 8);
	size_t i = 0;
	for (; i + 32 < n; i += 32) {
		uint64_t a = string_load64(s + i), b = string_load64(s + i + 8);
		uint64_t c = string_load64(s + i + 16), e = string_load64(s + i + 24);
		string_store64(d + i, a);
		string_store64(d + i + 8, b);
		string_store64(d + i + 16, c);
		string_store64(d + i + 24, e);
	}
	for (; i + 8 < n; i += 8)
		string_store64(d + i, string_load64(s + i));
	string_store64(d + n - 8, tail);
}

/* Copies `words` 8-byte words from s to d with the string instruction (forward, no overlap). */
static inline void string_rep_movsq(void *d, const void *s, size_t words)
{
	__asm__ volatile("rep movsq" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
}

/* Stores `words` copies of the 8-byte w from d on with the string instruction. */
static inline void string_rep_stosq(void *d, uint64_t w, size_t words)
{
	__asm__ volatile("rep stosq" : "+D"(d), "+c"(words) : "a"(w) : "memory");
}

/* Nonzero exactly when a byte of w is zero; its lowest set bit is at the first (lowest) zero byte.
 */
static inline uint64_t string_zero_bytes(uint64_t w)
{
	return (w - STRING_ONES) & ~w & STRING_HIGHS;
}

#endif
