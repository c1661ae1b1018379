/*
 * small.h - small blocks (n <= SMALL_MAX): the size classes and the fast
 * paths of malloc and free (small.c has the rest). malloc's and free's
 * small-block fast paths must not call out of line, so what they use is
 * static inline here: size_class, small_alloc, small_free.
 */
#ifndef LIBC_MALLOC_SMALL_H
#define LIBC_MALLOC_SMALL_H

#include "malloc/heap.h"
#include "malloc/pagemap.h"

#pragma GCC visibility push(hidden)

/* Fills in the size-class table (heap.cls) from the constants. */
void classes_init(void) __asm__("__im_classes_init");
/* malloc of class c when its current span has no free slot: a sparse
 * span's granules while the class has no span and uses few (small.c:
 * sparse_takes), else the next span with a free slot, or a new span; NULL
 * with ENOMEM if there is no memory. */
__attribute__((noinline)) void *small_alloc_slow(unsigned c) __asm__("__im_small_alloc_slow");
/* A block of class c from one of the class's own spans (a new one if
 * need be), never a sparse span: for aligned requests, whose alignment a
 * sparse span's 32-byte granules may not have. NULL with ENOMEM. */
void *small_alloc_span(unsigned c) __asm__("__im_small_alloc_span");
/* A free made span s full -> not full (old_nfree == 0) or empty. */
__attribute__((noinline)) void small_free_slow(struct span *s,
					       uint32_t old_nfree) __asm__("__im_small_free_slow");
/* True if empty span s (of any tier) is the last span below the break and
 * sits on a free run that, with s, would be given back: kept, it would
 * stop the heap from shrinking. */
bool small_pins_free_top(const struct span *s) __asm__("__im_small_pins_free_top");
/* Gives every class's kept empty span back to the page heap (malloc_trim). */
void small_release_empty(void) __asm__("__im_small_release_empty");
/* The classes' current spans as malloc's fast path sees them: heap.cur
 * while no checking mode or trace is on, else a table of NULLs, so that
 * the fast path falls through to malloc's slow path, which asks for the
 * mode, with no test of its own (as free's: pagemap.free_base). */
extern struct span *const *small_fast_cur __asm__("__im_small_fast_cur");
/* Sets malloc's and free's fast paths on (fast: no checking mode, no
 * trace) or off: small_fast_cur and pagemap_free_fast. */
void small_fast_paths(bool fast) __asm__("__im_small_fast_paths");
/* n pages tagged tag for any tier: a free run that fits, else the same after
 * the kept empty spans are given back, else a grown heap; NULL if none. */
struct span *small_take_pages(size_t n, uint32_t tag) __asm__("__im_small_take_pages");
/* A new span of up to *pages pages, at least min: a free run of the heap
 * first, even a shorter one, then small_take_pages(*pages), then min
 * pages when memory runs out; sets *pages to what it took, NULL if none. */
struct span *span_take_pages(uint32_t *pages, uint32_t min,
			     uint32_t tag) __asm__("__im_span_take_pages");

#pragma GCC visibility pop

/* The size class of a request of n bytes (n <= SMALL_MAX): 16-byte steps
 * to 1 KiB (malloc(0) is class 1), then four classes per doubling. */
static inline unsigned size_class(size_t n)
{
	if (likely(n <= 1024))
		return (unsigned)((n + 15) >> 4) + (n == 0);
	size_t s = n - 1;
	unsigned lg = 63u - (unsigned)__builtin_clzl(s);
	return 65u + ((lg - 10u) << 2) + (unsigned)((s >> (lg - 2u)) & 3u);
}

/* Takes the lowest free slot of span s from its cursor into *p and
 * returns true; false if s is NULL or its cursor's bitmap word has no
 * free slot (the slow path's work). (A bool, not a NULL pointer, says
 * which: the compiler cannot know that a slot's address is never 0.) */
static inline bool small_take(struct span *s, void **p)
{
	if (likely(s != NULL)) {
		size_t w = s->cursor;
		uint64_t word = s->bits[w];
		if (likely(word != 0)) {
			s->bits[w] = word & (word - 1);
			s->nfree--;
			*p = (void *)(s->start +
				      ((w << 6) + (size_t)__builtin_ctzll(word)) * s->size);
			return true;
		}
	}
	return false;
}

/* A block of class c: the lowest free slot of the class's current span
 * from its cursor, or the slow path. NULL with ENOMEM if out of memory. */
static inline void *small_alloc(size_t c)
{
	void *p;
	return likely(small_take(heap.cur[c], &p)) ? p : small_alloc_slow((unsigned)c);
}

/*
 * The slot of small span s at byte off (< 2^32) of it, and whether off is
 * that slot's start, from one multiplication by recip = ceil(2^64 / size)
 * and no division: the high 64 bits of off * recip are off / size, and
 * the low 64 bits are below recip exactly when size divides off (the
 * remainder, scaled by recip, is what is left below the point; with 32
 * bits of off and 64 of recip both are exact for any size up to 2^32).
 */
static inline bool small_slot(const struct span *s, uint64_t off, uint64_t *slot)
{
	unsigned __int128 m = (unsigned __int128)off * s->recip;
	*slot = (uint64_t)(m >> 64);
	return (uint64_t)m < s->recip;
}

/* True if address a, on a page of small span s (so a - start < 2^32:
 * small_slot), is the start of a live slot, whose index goes to *idx. */
static inline bool small_live_slot(const struct span *s, uintptr_t a, uint64_t *idx)
{
	bool at_start = small_slot(s, a - s->start, idx);
	return likely(at_start) && likely(*idx < s->nslots) &&
	       likely((s->bits[*idx >> 6] & (1ull << (*idx & 63))) == 0);
}

/* Frees the live slot of small span s whose bit is m in bitmap word w:
 * the bit set again, the cursor moved down to w; small_free_slow when s
 * was full or is now empty. */
static inline void small_free_bit(struct span *s, size_t w, uint64_t m)
{
	s->bits[w] |= m;
	if (w < s->cursor)
		s->cursor = (uint16_t)w;
	uint32_t old = s->nfree++;
	if (unlikely(old == 0 || old + 1 == s->nslots))
		small_free_slow(s, old);
}

/* Frees live slot idx of small span s (small_free_bit). */
static inline void small_free_slot(struct span *s, uint64_t idx)
{
	small_free_bit(s, idx >> 6, 1ull << (idx & 63));
}

/* Frees p if it is a live small block (its slot's bit set again) and
 * returns true; false, touching nothing, if p is anything else (a page
 * run, an mmapped block, or an error the caller then diagnoses). base:
 * pagemap.base, or pagemap.free_base for free's fast path (false for
 * every pointer while a checking mode is on). */
static inline bool small_free_from(void *p, uintptr_t base)
{
	uintptr_t a = (uintptr_t)p;
	size_t i = (a - base) >> PAGE_SHIFT;
	if (unlikely(i >= pagemap.npages))
		return false;
	struct span *s = pagemap.owner[i];
	if (unlikely(!s || s->tag != TAG_SMALL))
		return false;
	/* p's page is one of the span's, so off < 2^32 (small_slot) */
	uint64_t idx;
	bool at_start = small_slot(s, a - s->start, &idx);
	uint64_t m = 1ull << (idx & 63);
	size_t w = idx >> 6;
	if (unlikely(!at_start) || unlikely(idx >= s->nslots) || unlikely((s->bits[w] & m) != 0))
		return false;
	small_free_bit(s, w, m);
	return true;
}

/* small_free_from the heap's base: core's free, in any mode. */
static inline bool small_free(void *p)
{
	return small_free_from(p, pagemap.base);
}

#endif
