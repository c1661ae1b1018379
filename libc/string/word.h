/*
 * string/word.h - the word-at-a-time tools of memcpy, memmove, memset,
 * memcmp, memchr and strlen: unaligned 8-, 4- and 2-byte loads and stores,
 * 16-byte loads and stores in SSE registers, a copy of up to 64 bytes that
 * reads everything before it writes anything (so it is also a correct
 * memmove), a forward loop of 128 bytes a round, the byte-broadcast and
 * zero-byte tricks, and the x86 string instructions for long runs.
 *
 * Why words: a byte loop costs a load, a store and a branch per byte; an
 * 8-byte word does the same work for eight, a 16-byte SSE register (every
 * x86-64 CPU has SSE2) for sixteen. Why overlapping stores: a copy of 13
 * bytes is two 8-byte copies, [0, 8) and [5, 13), with no loop and no byte
 * tail. Why `rep movsq`/`rep stosq` for long runs: the CPU moves whole
 * cache lines at a time (fast strings), and under QEMU each iteration
 * counts as one guest instruction, fewer than any loop (the thresholds
 * below are where that starts to pay: docs/BENCHMARKS.md).
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
/* 16 bytes in an SSE register (every x86-64 CPU has SSE2), and the same at any alignment. */
typedef unsigned char string_v16 __attribute__((vector_size(16), may_alias));
typedef unsigned char string_v16u __attribute__((vector_size(16), may_alias, aligned(1)));
/* The type pmovmskb (__builtin_ia32_pmovmskb128) takes: 16 signed chars. */
typedef char string_v16c __attribute__((vector_size(16)));
/* An aligned word that aliases anything: strlen's and memchr's loads, read in place (not through a
 * helper) so that their no_sanitize_address covers them. */
typedef uint64_t __attribute__((may_alias)) string_word;

/* Byte counts from which the string instructions beat a loop of words (measured:
 * docs/BENCHMARKS.md). */
#define STRING_REP_COPY 512
/* memmove's forward copy of overlapping buffers: its loop cannot interleave the loads and stores of
 * two blocks as memcpy's does (no `restrict`), so the string instruction wins sooner. */
#define STRING_REP_MOVE 128
#define STRING_REP_FILL 2048

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

/* The 16 bytes at p, read at any alignment into an SSE register (movdqu). */
static inline string_v16 string_load128(const void *p)
{
	return *(const string_v16u *)p;
}

/* Writes the 16 bytes of v at p, at any alignment. */
static inline void string_store128(void *p, string_v16 v)
{
	*(string_v16u *)p = v;
}

/*
 * Copies n <= 64 bytes from s to d. Every load happens before the first
 * store, so the regions may overlap in either direction (memmove uses it).
 * Two overlapping pieces cover any n in [k, 2k]: no loop, no byte tail
 * (32 to 64 bytes are four 16-byte pieces, 16 to 32 two).
 */
NO_LIBCALL static inline void string_copy_small(unsigned char *d, const unsigned char *s, size_t n)
{
	if (n >= 32) {
		string_v16 a = string_load128(s), b = string_load128(s + 16);
		string_v16 c = string_load128(s + n - 32), e = string_load128(s + n - 16);
		string_store128(d, a);
		string_store128(d + 16, b);
		string_store128(d + n - 32, c);
		string_store128(d + n - 16, e);
	} else if (n >= 16) {
		string_v16 a = string_load128(s), b = string_load128(s + n - 16);
		string_store128(d, a);
		string_store128(d + n - 16, b);
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

/* Copies the 64 bytes at s to d, all four loads before the stores. */
static inline void string_copy64(unsigned char *d, const unsigned char *s)
{
	string_v16 a = string_load128(s), b = string_load128(s + 16);
	string_v16 c = string_load128(s + 32), e = string_load128(s + 48);
	string_store128(d, a);
	string_store128(d + 16, b);
	string_store128(d + 32, c);
	string_store128(d + 48, e);
}

/*
 * Copies n > 64 bytes forward: 128 bytes a round (eight loads, eight
 * stores, one add and one compare), then up to two 64-byte blocks, the
 * last of which may reach into the last 64 bytes; those (read first)
 * are stored last over whatever the blocks left. Safe when d is below s
 * even if they overlap: each load is above every store before it.
 */
NO_LIBCALL static inline void string_copy_forward(unsigned char *d, const unsigned char *s,
						  size_t n)
{
	string_v16 t0 = string_load128(s + n - 64), t1 = string_load128(s + n - 48);
	string_v16 t2 = string_load128(s + n - 32), t3 = string_load128(s + n - 16);
	size_t i = 0, body = n - 64;
	for (; i + 128 <= body; i += 128) {
		string_copy64(d + i, s + i);
		string_copy64(d + i + 64, s + i + 64);
	}
	for (; i < body; i += 64)
		string_copy64(d + i, s + i);
	string_store128(d + n - 64, t0);
	string_store128(d + n - 48, t1);
	string_store128(d + n - 32, t2);
	string_store128(d + n - 16, t3);
}

/* Copies `words` 8-byte words from s to d with the string instruction (forward, one word after
 * the other). */
static inline void string_rep_movsq(void *d, const void *s, size_t words)
{
	__asm__ volatile("rep movsq" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
}

/*
 * Copies n >= 16 bytes forward with `rep movsq`: the first and last 8
 * bytes are read first; the string instruction copies from the next
 * 8-byte boundary of d (it is fastest on aligned stores); the first and
 * last words are stored last. Safe when d is below s even if they
 * overlap: the instruction copies one word after the other upward, so
 * each load is above every store before it, and nothing is read after
 * the two last stores.
 */
static inline void string_copy_rep(unsigned char *d, const unsigned char *s, size_t n)
{
	uint64_t head = string_load64(s), tail = string_load64(s + n - 8);
	size_t skip = 8 - ((uintptr_t)d & 7);
	string_rep_movsq(d + skip, s + skip, (n - skip) >> 3);
	string_store64(d, head);
	string_store64(d + n - 8, tail);
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
