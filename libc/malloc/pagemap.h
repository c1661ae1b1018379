/*
 * pagemap.h - the page map: for each page of the sbrk heap [base, top),
 * the descriptor (struct span, heap.h) of the span, page run or free run
 * that owns it. A leaf: it needs only that descriptors exist, not what
 * they hold, and it is what turns any pointer into its descriptor in
 * O(1), out of band:
 *
 *     owner[(p - base) >> PAGE_SHIFT]
 *
 * A span or page run has every entry set; a free run only its first and
 * last (the "boundary tags" through which a freed neighbour finds it),
 * its interior NULL. The map itself is one reserved mapping of
 * MAX_HEAP_PAGES pointers, made by heap_init (core.c); pages of it the
 * heap never reaches are never touched, so cost nothing.
 *
 * The heap's pages need not all be its own: where the program moved the
 * break itself, or the break could not move and the heap went on in
 * mapped memory further up (grow.c), [base, top) holds a gap, address
 * space that is not the heap's. A gap is a descriptor too (TAG_GAP, its
 * first and last entries, like a free run's, so that no neighbour merges
 * with it), and it is listed (heap_gaps), so that an address in it (the
 * program's own memory, or a block mmapped there) is not taken for the
 * heap's: heap_holds.
 */
#ifndef LIBC_MALLOC_PAGEMAP_H
#define LIBC_MALLOC_PAGEMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAGE_SHIFT 12
#define PAGE ((size_t)1 << PAGE_SHIFT)
#define MAX_HEAP_PAGES ((size_t)1 << 22) /* 16 GiB of heap */

struct span;

#define MAX_GAPS 32 /* gaps in the heap (grow.c); beyond them it grows no more */

/* Address space in [base, top) that is not the heap's (grow.c). */
struct heap_gap {
	uintptr_t start, end; /* page aligned */
	uintptr_t brk_end;    /* pagemap.brk_end when the gap was made, back when it goes */
	uintptr_t brk;	      /* the program's memory: the break it left (else 0) */
};

struct page_map {
	/* free's fast path finds a pointer's page from free_base, not base:
	 * base while no checking mode or trace is on, base + FREE_SLOW_OFF
	 * while one is (pagemap_free_fast), so that the fast path's bound
	 * check fails for every pointer and free takes its slow path, with
	 * no test of the mode of its own (small.h: small_free) */
	uintptr_t free_base;
	uintptr_t base;	     /* the heap's first page (page aligned; set once) */
	size_t npages;	     /* pages in the heap: top = base + npages * PAGE */
	size_t max_npages;   /* the most the heap has had, less gaps (mallinfo2's peak) */
	struct span **owner; /* MAX_HEAP_PAGES entries; NULL until heap_init */
	/* where the pages came from (grow.c) */
	uintptr_t brk_end;   /* the end of the break's pages, top if the top is the break's */
	size_t mapped_pages; /* pages mmapped where the break could not go */
	size_t gap_pages;    /* pages of [base, top) in gaps */
	unsigned ngaps;	     /* in heap_gaps */
};

/* Added to base for free's fast path while it must not serve: any pointer
 * then gives a page index of 2^50 or more, far past every heap's end
 * (MAX_HEAP_PAGES). */
#define FREE_SLOW_OFF ((uintptr_t)1 << 63)

#pragma GCC visibility push(hidden)
/* The one page map, defined in core.c. */
extern struct page_map pagemap __asm__("__im_pagemap");
/* The gaps, lowest first (defined in grow.c: apart from the map's hot
 * fields, in memory no program without a gap touches). */
extern struct heap_gap heap_gaps[MAX_GAPS] __asm__("__im_heap_gaps");
#pragma GCC visibility pop

/* Sets free's fast path on (fast: no checking mode, no trace) or off;
 * heap_init calls it again once base is known. */
static inline void pagemap_free_fast(bool fast)
{
	pagemap.free_base = pagemap.base + (fast ? 0 : FREE_SLOW_OFF);
}

/* The index of address a's page in the map; meaningful only below
 * pagemap.npages (an address below base wraps to a huge index, which that
 * comparison rejects too). */
static inline size_t page_index(uintptr_t a)
{
	return (a - pagemap.base) >> PAGE_SHIFT;
}

/* The first address past the heap. */
static inline uintptr_t heap_top(void)
{
	return pagemap.base + pagemap.npages * PAGE;
}

/* The heap's pages, its gaps not counted. */
static inline size_t heap_pages(void)
{
	return pagemap.npages - pagemap.gap_pages;
}

/* The gap that holds all of [lo, hi), or NULL. */
static inline const struct heap_gap *gap_holding(uintptr_t lo, uintptr_t hi)
{
	for (unsigned k = 0; k < pagemap.ngaps; k++)
		if (lo >= heap_gaps[k].start && hi <= heap_gaps[k].end)
			return &heap_gaps[k];
	return NULL;
}

/* True if address a is on one of the heap's own pages: in [base, top) and
 * in no gap. The fast paths need not ask: a gap's pages have no
 * descriptor of a block (NULL, or the gap's own), so they fail their
 * tests; the slow paths that tell a bad pointer from another kind of
 * block ask before they read the map. */
static inline bool heap_holds(uintptr_t a)
{
	return page_index(a) < pagemap.npages && !gap_holding(a, a + 1);
}

#endif
