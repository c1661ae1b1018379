/*
 * grow.h - where the page heap's pages come from and where they go back
 * (grow.c): the break, and mappings where the break cannot go, with the
 * gaps between them. Below the page heap (pages.c), which turns the
 * pages into free runs.
 */
#ifndef LIBC_MALLOC_GROW_H
#define LIBC_MALLOC_GROW_H

#include "malloc/heap.h"
#include "malloc/pagemap.h"

#pragma GCC visibility push(hidden)

/* Makes the break the source of the heap's first pages if it is at the
 * heap's base, or can be moved up to it (the base is the page after
 * where the break was at start-up); else they are mapped there. */
void heap_break_at_base(void) __asm__("__im_heap_break_at_base");
/*
 * Fresh pages for the top of the heap, zero and not yet touched: step
 * pages, or at least need (<= step) if only that many can be had where
 * they continue the top, or at least n (>= need) if a gap comes before
 * them (the free run at the top then does not join them). Sets *at to the
 * first of them, raises pagemap.npages over them (and the gap), and
 * returns how many; 0 if the kernel has no memory to give, nothing changed.
 */
size_t heap_extend(size_t step, size_t need, size_t n, uintptr_t *at) __asm__("__im_heap_extend");
/*
 * Gives the top cut pages of the heap back to the kernel (the caller's
 * free run at the top holds them): the break's with a negative sbrk,
 * mapped ones with munmap. Returns how many it gave back, fewer if the
 * program moved the break above the heap's pages (sbrk cannot then give
 * them back); pagemap.npages drops by as many.
 */
size_t heap_cut_top(size_t cut) __asm__("__im_heap_cut_top");
/* If a gap is the last thing below the top (the pages above it were all
 * given back), drops it: the top comes down to where the gap starts.
 * True if there was one. */
bool heap_drop_top_gap(void) __asm__("__im_heap_drop_top_gap");

#pragma GCC visibility pop

#endif
