/*
 * large.h - blocks in their own mmap (large.c): n >= the mmap threshold,
 * found by address in a hash table of their descriptors.
 */
#ifndef LIBC_MALLOC_LARGE_H
#define LIBC_MALLOC_LARGE_H

#include "malloc/heap.h"
#include "malloc/pagemap.h"

#pragma GCC visibility push(hidden)

/* The descriptor of the mmapped block starting at a (taken out of the
 * table if unlink), or NULL if a starts none. */
struct span *hash_find(uintptr_t a, bool unlink) __asm__("__im_hash_find");
/* A new mmapped block of n bytes at a multiple of align (0: a page); NULL if none. */
void *large_alloc(size_t n, size_t align) __asm__("__im_large_alloc");
/* munmaps block d (raising the mmap threshold as glibc does). */
void large_free(struct span *d) __asm__("__im_large_free");
/* realloc of mmapped block d (at p) to n bytes: in place or moved; NULL if neither. */
void *realloc_large(struct span *d, void *p, size_t n) __asm__("__im_realloc_large");

#pragma GCC visibility pop

/* The bucket of the block starting at a (Fibonacci hashing of its page). */
static inline size_t hash_ptr(uintptr_t a)
{
	return (size_t)((a >> PAGE_SHIFT) * 0x9e3779b97f4a7c15ull >> 32) & (heap.hsize - 1);
}

#endif
