/*
 * pages.h - the page heap (pages.c): the sbrk heap's pages as spans, page
 * runs and free runs. What the layers above take from it: runs of whole
 * pages (run_alloc, run_free, run_shrink, run_grow), and the trimming and
 * releasing of free pages.
 */
#ifndef LIBC_MALLOC_PAGES_H
#define LIBC_MALLOC_PAGES_H

#include "malloc/heap.h"
#include "malloc/pagemap.h"

#pragma GCC visibility push(hidden)

/* A run of n pages tagged tag (TAG_SMALL or TAG_RUN), from a free run or a
 * grown heap, its page-map entries set; NULL if there is no memory. */
struct span *run_alloc(size_t n, uint32_t tag) __asm__("__im_run_alloc");
/* As run_alloc, but only from a free run that fits: NULL rather than growing the heap. */
struct span *run_alloc_fit(size_t n, uint32_t tag) __asm__("__im_run_alloc_fit");
/* As run_alloc_fit, but never from the free run at the top of the heap. */
struct span *run_alloc_hole(size_t n, uint32_t tag) __asm__("__im_run_alloc_hole");
/* Gives run d back: merged with its free neighbours, trimmed if at the top. */
void run_free(struct span *d) __asm__("__im_run_free");
/* Cuts run d down to keep pages (the rest becomes free). */
void run_shrink(struct span *d, size_t keep) __asm__("__im_run_shrink");
/* Grows run d in place to n pages if the pages after it are free or the top; true if so. */
bool run_grow(struct span *d, size_t n) __asm__("__im_run_grow");
/* Releases free run f's pages to the kernel (madvise; they stay in the
 * heap, reading zero) and takes it off the idle list. */
void run_release(struct span *f) __asm__("__im_run_release");
/* If free run f is at the top of the heap, gives its pages beyond
 * keep_pages back to the kernel (a negative sbrk). */
void maybe_trim(struct span *f, size_t keep_pages) __asm__("__im_maybe_trim");
/* A span that has used its first `used` bytes is about to use its first
 * `now`: for the pages under them it never used (none if they share
 * used's last page), gives the kernel back as many resident free pages
 * (at least TOUCH_BATCH_PAGES), of the runs idle for heap.touch_age ticks
 * of heap.clock, oldest first. */
void pages_touching(size_t used, size_t now) __asm__("__im_pages_touching");
/* True if a free run of this many pages at the top would be trimmed. */
bool trim_worthwhile(size_t pages) __asm__("__im_trim_worthwhile");

#pragma GCC visibility pop

/* The bin of a free run of that many pages: exact up to 256 pages, then
 * four bins per doubling. */
static inline unsigned run_bin(size_t pages)
{
	if (pages <= 256)
		return (unsigned)pages;
	size_t s = pages - 1;
	unsigned lg = 63u - (unsigned)__builtin_clzl(s);
	return 257u + ((lg - 8u) << 2) + (unsigned)((s >> (lg - 2u)) & 3u);
}

#endif
