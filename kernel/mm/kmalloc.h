/*
 * kmalloc.h - the kernel's general-purpose heap.
 *
 * Requests up to 2048 bytes come from slab caches, one per size class
 * (16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048; "kmalloc-N" in the
 * statistics); larger ones get whole pages from the page provider, 2^order
 * pages with order = ceil(log2(pages)).
 *
 * Guarantees (tested in mm/test/slab_test.c):
 *   - every block is aligned to at least 16 bytes;
 *   - a block whose size is a power of two up to a page is aligned to its
 *     size (also in debug mode, whose slots are powers of two);
 *   - kmalloc(0) returns a unique non-NULL pointer to a zero-byte block
 *     (it takes a 16-byte slot); kfree accepts it; in debug mode writing
 *     to it is an overflow;
 *   - kfree(NULL) and kfree of a kmalloc(0) block do what free() does;
 *   - krealloc(p, n) works as realloc: p == NULL allocates; n == 0 frees p
 *     and returns NULL; otherwise it returns a block of n bytes holding the
 *     first min(old, n) bytes of p, the same block when n stays within the
 *     size class of p (no copy), and NULL with p untouched if memory is
 *     short;
 *   - kcalloc and kmalloc_array return NULL when n * size overflows;
 *   - running out of memory returns NULL; the heap never panics for it.
 * Freeing something that is not a live kmalloc block (double free, pointer
 * into the middle of a block, pointer from elsewhere, object of a
 * kmem_cache) is reported as a HEAP ERROR (kheap_debug.h) and panics.
 */
#ifndef MM_KMALLOC_H
#define MM_KMALLOC_H

#include "mm/slab.h"

#define KMALLOC_MAX_CACHE_SIZE 2048  /* larger requests take whole pages */
#define KMALLOC_MAX_SIZE (1UL << 30) /* larger requests fail */

void *kmalloc(size_t size);
void *kzalloc(size_t size);		    /* zero-filled */
void *kmalloc_array(size_t n, size_t size); /* NULL if n * size overflows */
void *kcalloc(size_t n, size_t size);	    /* zero-filled kmalloc_array */
void *krealloc(void *p, size_t size);
void kfree(void *p);

/*
 * Returns how many bytes of p the caller may use: the slot size without
 * debug checks, the exact requested size with them (the rest is red zone).
 */
size_t kmalloc_usable_size(const void *p);

/* Returns the bytes a request of `size` occupies (its slot or its pages). */
size_t kmalloc_slot_size(size_t size);

/* Starts the heap on page provider p. Returns false if already started. */
bool kheap_init_with(const struct kheap_pages *p);

/* Returns true once the heap has been started. */
bool kheap_ready(void);

/* Objects and bytes (slots or pages) live in kmalloc and user caches. */
unsigned long kheap_live_objects(void);
unsigned long kheap_live_bytes(void);

/* Pages the heap holds from its provider right now (metadata included). */
unsigned long kheap_pages_held(void);

/*
 * Gives every cache's cached empty slab back to the provider; returns the
 * pages released. After it, kheap_pages_held() depends only on what is live.
 */
unsigned long kheap_shrink(void);

/* Prints every cache's statistics in the spirit of /proc/slabinfo. */
void kheap_print_slabinfo(void);

/*
 * Validates every invariant of the heap (lists, counters, bitmaps, owner
 * slots, and in debug mode red zones and poison). Returns true; a breach
 * is reported as a HEAP ERROR and panics.
 */
bool kheap_check(void);

/* Calls fn for every live kmalloc block and cache object. */
void kheap_walk_live(kheap_walk_fn fn, void *ctx);

/*
 * Prints one "HEAP ERROR [leak]" report listing every live block and
 * object allocated since mark (kheap_mark(), kheap_debug.h) and returns
 * how many there are; prints nothing if none. Does not panic.
 */
unsigned long kheap_report_leaks(unsigned long mark);

#endif
