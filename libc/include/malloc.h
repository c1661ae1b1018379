/*
 * malloc.h - the allocator's extra interface (glibc's names), implemented
 * in libc/malloc/ together with the functions declared in <stdlib.h>.
 */
#ifndef _MALLOC_H
#define _MALLOC_H

#include <stddef.h>
#include <stdlib.h>

/* A block of n bytes at a multiple of align, a power of two (free frees it). */
void *memalign(size_t align, size_t n);
/* memalign(page size, n); pvalloc also rounds n up to whole pages. */
void *valloc(size_t n);
void *pvalloc(size_t n);

/* Bytes usable in the block p points to (at least what was asked for); 0 for NULL. */
size_t malloc_usable_size(void *p);

/* Prints the allocator's statistics to stderr. */
void malloc_stats(void);

/* glibc's struct mallinfo2: the same fields, all in bytes or counts. */
struct mallinfo2 {
	size_t arena;	 /* bytes obtained with brk/sbrk */
	size_t ordblks;	 /* free blocks */
	size_t smblks;	 /* free fast-bin blocks */
	size_t hblks;	 /* blocks in their own mmap'ed areas */
	size_t hblkhd;	 /* bytes in those areas */
	size_t usmblks;	 /* always 0 (as in glibc) */
	size_t fsmblks;	 /* bytes in free fast-bin blocks */
	size_t uordblks; /* bytes in use */
	size_t fordblks; /* bytes free */
	size_t keepcost; /* bytes at the top that could be given back */
};

struct mallinfo2 mallinfo2(void);

/* glibc's older struct mallinfo, for programs written before mallinfo2
 * (glibc 2.33): the same fields as int, cut to int as glibc's are (a
 * count past 2 GiB wraps); mallinfo2 has them whole. */
struct mallinfo {
	int arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
};

struct mallinfo mallinfo(void);

/* Sets one of the allocator's parameters (glibc's numbers); 1 if it did,
 * 0 if it has no such parameter or refused the value. The production
 * allocator (docs/MALLOC.md) takes M_TRIM_THRESHOLD and M_MMAP_THRESHOLD
 * (which then stay put) and M_SPARSE (0: every size class its own pages
 * from its first block); an allocator without it takes none. */
int mallopt(int param, int value);
#define M_TRIM_THRESHOLD (-1)
#define M_TOP_PAD (-2)
#define M_MMAP_THRESHOLD (-3)
#define M_MMAP_MAX (-4)
#define M_CHECK_ACTION (-5)
#define M_PERTURB (-6)
#define M_ARENA_TEST (-7)
#define M_ARENA_MAX (-8)
#define M_SPARSE (-100) /* Interlude's own */

/* Gives free memory back to the kernel, keeping pad bytes at the top of
 * the heap; 1 if it gave any back, else 0 (always 0 for an allocator
 * without it). */
int malloc_trim(size_t pad);

#endif
