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
 */
#ifndef LIBC_MALLOC_PAGEMAP_H
#define LIBC_MALLOC_PAGEMAP_H

#include <stddef.h>
#include <stdint.h>

#define PAGE_SHIFT 12
#define PAGE ((size_t)1 << PAGE_SHIFT)
#define MAX_HEAP_PAGES ((size_t)1 << 22) /* 16 GiB of heap */

struct span;

struct page_map {
	uintptr_t base;	     /* the heap's first page (page aligned; set once) */
	size_t npages;	     /* pages in the heap: top = base + npages * PAGE */
	size_t max_npages;   /* the most pages the heap has had (mallinfo2's peak) */
	struct span **owner; /* MAX_HEAP_PAGES entries; NULL until heap_init */
};

#pragma GCC visibility push(hidden)
/* The one page map, defined in core.c. */
extern struct page_map pagemap __asm__("__im_pagemap");
#pragma GCC visibility pop

/* The index of address a's page in the map; meaningful only below
 * pagemap.npages (an address below base wraps to a huge index, which that
 * comparison rejects too). */
static inline size_t page_index(uintptr_t a)
{
	return (a - pagemap.base) >> PAGE_SHIFT;
}

#endif
