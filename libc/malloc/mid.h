/*
 * mid.h - mid blocks (MID_MIN < n <= SMALL_MAX): whole 64-byte granules
 * carved, best fit, from mid spans of 4..16 pages (2..3 in a hole), and
 * merged with their free neighbours when freed (mid.c). The metadata,
 * out of the heap's pages: which granules are free (a bitmap in the
 * descriptor), which start a live block and how long it is (the span's
 * struct mid_index: heads and length bytes), and a record of each free
 * run, on the list of its length (heap.runs).
 */
#ifndef LIBC_MALLOC_MID_H
#define LIBC_MALLOC_MID_H

#include "malloc/bitmap.h"
#include "malloc/heap.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

/* Sets the run lists up empty (heap_init). */
void mid_init(void) __asm__("__im_mid_init");
/* A mid block of n bytes (MID_MIN < n <= SMALL_MAX), or NULL (errno untouched). */
void *mid_alloc(size_t n) __asm__("__im_mid_alloc");
/* A mid block of n bytes for a block that grows out of its place by
 * realloc: room after it to go on growing in place, if a run has it
 * (mid.c); NULL with errno ENOMEM if there is no memory. */
void *mid_alloc_growing(size_t n) __asm__("__im_mid_alloc_growing");
/* A block of n <= SMALL_SPARSE_MAX bytes from a sparse span (32-byte
 * granules, any small size: mid.c), or NULL (errno untouched). */
void *sparse_alloc(size_t n) __asm__("__im_sparse_alloc");
/* Frees p of mid span s, its granules merged with the free ones around
 * it; an invalid or double free ends the program with a report naming fn. */
void mid_free(struct span *s, void *p, const char *fn) __asm__("__im_mid_free");
/* The usable size of live block p of mid span s (whole granules). */
size_t mid_usable(const struct span *s, uintptr_t p) __asm__("__im_mid_usable");
/* Resizes live block p of s in place to n bytes: a shrink frees the tail
 * granules, a growth takes the free granules after the block; false
 * (nothing changed) if they are not free or n is not a mid size
 * (MID_MIN < n <= SMALL_MAX). *old is the block's usable size before. */
bool mid_resize(struct span *s, uintptr_t p, size_t n, size_t *old) __asm__("__im_mid_resize");
/* The start of the block or free run of s holding address a; *is_free. */
uintptr_t mid_block_start(const struct span *s, uintptr_t a,
			  bool *is_free) __asm__("__im_mid_block_start");
/* True if the index of s records exactly the free runs of its bitmap that
 * can hold a block, each in a record its bucket names, and no record or
 * bucket is in use otherwise (the heap walk). */
bool mid_index_matches(const struct span *s) __asm__("__im_mid_index_matches");
/* True if the length byte of every live block of s says the length its
 * bitmaps give, 9 to 256 granules (the heap walk; a sparse span's blocks
 * have no length bytes). */
bool mid_lengths_match(const struct span *s) __asm__("__im_mid_lengths_match");
/* True if the run lists hold runs runs (the spans' nruns, summed), each
 * of a mid span, on the list of its length, linked both ways (the heap
 * walk). */
bool mid_runs_listed(uint32_t runs) __asm__("__im_mid_runs_listed");
/* Gives the kept empty sparse span back to the page heap (before the
 * heap grows, as the classes' kept empty spans are: small.c). */
void sparse_release_empty(void) __asm__("__im_sparse_release_empty");
/* Gives the kept empty mid span (and sparse span) back to the page heap (malloc_trim). */
void mid_release_empty(void) __asm__("__im_mid_release_empty");

/* The granules of the live block of s whose head is granule g, by the
 * bitmaps: up to the next free granule or the next head, whichever comes
 * first, found in one scan of the two bitmaps OR'ed a word at a time
 * (granule g is live, so its own free bit is 0; its head bit is skipped).
 * A sparse span's blocks are measured this way; a mid span's, in their
 * length bytes (mid_len), which the heap walk checks with this. */
static inline uint32_t mid_scanned_len(const struct span *s, uint32_t g)
{
	const uint64_t *free = s->bits, *heads = s->mx->heads;
	uint32_t n = s->nslots, i = g + 1;
	while (i < n) {
		uint64_t x = (free[i >> 6] | heads[i >> 6]) >> (i & 63);
		if (x) {
			i += (uint32_t)__builtin_ctzll(x);
			break;
		}
		i = (i | 63) + 1;
	}
	return (i < n ? i : n) - g;
}

/* The length byte of the block of mid span s whose head is granule g
 * (heap.h: struct mid_index). */
static inline uint8_t *mid_len_byte(const struct span *s, uint32_t g)
{
	return &s->mx->len[g >> LEN_GROUP_SHIFT];
}

/* The granules of the live block of mid span s whose head is granule g:
 * kept in its length byte when it is carved or resized, so that free and
 * realloc need not scan the bitmaps for the block's end. */
static inline uint32_t mid_len(const struct span *s, uint32_t g)
{
	return *mid_len_byte(s, g) + 1u;
}

/* Records that the live block at granule g of mid span s has len granules. */
static inline void mid_set_len(const struct span *s, uint32_t g, uint32_t len)
{
	*mid_len_byte(s, g) = (uint8_t)(len - 1);
}

/* True if p is the start of a live block of mid span s. */
static inline bool mid_is_live(const struct span *s, uintptr_t p)
{
	uintptr_t off = p - s->start;
	unsigned shift = likely(s->gshift == MID_GRAN_SHIFT) ? MID_GRAN_SHIFT : SPARSE_GRAN_SHIFT;
	return !(off & (((uintptr_t)1 << shift) - 1)) && (off >> shift) < s->nslots &&
	       bit(s->mx->heads, (uint32_t)(off >> shift));
}

/* True if a live mid block of len granules stays as it is when asked to
 * hold k: its granules hold k, and at most a quarter of them would be
 * left over (a bigger shrink gives its tail back: mid_resize). */
static inline bool mid_len_keeps(uint32_t len, uint32_t k)
{
	return k <= len && k >= len - len / 4;
}

/*
 * True if live block p (mid_is_live) of mid span s, not a sparse one,
 * can stay as it is for n bytes (the fast path of realloc): its granules
 * hold n, and at most a quarter of them would be left over (a shrink
 * by more gives its tail back: mid_resize). False for a size that is not
 * a mid size: mid_resize decides those.
 */
static inline bool mid_stays(const struct span *s, uintptr_t p, size_t n)
{
	uint32_t g = (uint32_t)((p - s->start) >> MID_GRAN_SHIFT);
	if (n <= MID_MIN || n > SMALL_MAX)
		return false;
	uint32_t k = (uint32_t)((n + ((size_t)1 << MID_GRAN_SHIFT) - 1) >> MID_GRAN_SHIFT);
	return mid_len_keeps(mid_len(s, g), k);
}

#pragma GCC visibility pop

#endif
