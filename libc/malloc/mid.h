/*
 * mid.h - mid blocks (MID_MIN < n <= SMALL_MAX): whole 64-byte granules
 * carved, best fit, from mid spans of 4..16 pages (2..3 in a hole), and
 * merged with their free neighbours when freed (mid.c). The metadata,
 * out of the heap's pages: which granules are free (a bitmap in the
 * descriptor), which start a live block (the span's struct mid_index), and
 * a record of each free run, on the list of its length (heap.runs).
 */
#ifndef LIBC_MALLOC_MID_H
#define LIBC_MALLOC_MID_H

#include "malloc/heap.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

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
/* True if p is the start of a live block of mid span s. */
bool mid_is_live(const struct span *s, uintptr_t p) __asm__("__im_mid_is_live");
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
 * can hold a block, each in the record of its first granule (the heap walk). */
bool mid_index_matches(const struct span *s) __asm__("__im_mid_index_matches");
/* True if the run lists hold runs runs (the spans' nruns, summed), each
 * of a mid span, on the list of its length, linked both ways (the heap
 * walk). */
bool mid_runs_listed(uint32_t runs) __asm__("__im_mid_runs_listed");
/* Gives the kept empty sparse span back to the page heap (before the
 * heap grows, as the classes' kept empty spans are: small.c). */
void sparse_release_empty(void) __asm__("__im_sparse_release_empty");
/* Gives the kept empty mid span (and sparse span) back to the page heap (malloc_trim). */
void mid_release_empty(void) __asm__("__im_mid_release_empty");

#pragma GCC visibility pop

#endif
