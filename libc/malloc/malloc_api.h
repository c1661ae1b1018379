/*
 * malloc_api.h - Interlude's allocator: the public functions and the
 * allocator's own extras (heap walk, statistics, test hooks).
 *
 * Every public function is defined through IM_NAME(): in the libc build
 * IM_NAME(malloc) is malloc; under -DMALLOC_HOST_TEST it is im_malloc, so
 * the allocator can be linked into a glibc program (tests, benchmarks,
 * the fuzzer) beside glibc's own malloc and AddressSanitizer.
 *
 * Not thread-safe: Interlude has no threads.
 */
#ifndef LIBC_MALLOC_API_H
#define LIBC_MALLOC_API_H

#include <stddef.h>

#ifdef MALLOC_HOST_TEST
#define IM_NAME(x) im_##x
#else
#define IM_NAME(x) x
#endif

#ifndef MALLOC_HOST_TEST
/* the libc's own public declarations (struct mallinfo2, stdlib.h's) */
#include <malloc.h>
#else
/* glibc's struct mallinfo2, field for field, as libc/include/malloc.h. */
struct IM_NAME(mallinfo2) {
	size_t arena;	 /* bytes of the sbrk heap */
	size_t ordblks;	 /* free page runs in the heap */
	size_t smblks;	 /* small-block spans */
	size_t hblks;	 /* blocks in their own mmap */
	size_t hblkhd;	 /* bytes in their own mmap */
	size_t usmblks;	 /* highest heap size seen */
	size_t fsmblks;	 /* free bytes inside small-block spans */
	size_t uordblks; /* bytes allocated (usable sizes), heap and mmap */
	size_t fordblks; /* free bytes in page runs */
	size_t keepcost; /* free bytes at the top of the heap (trimmable) */
};
#endif

void *IM_NAME(malloc)(size_t n);
void IM_NAME(free)(void *p);
void *IM_NAME(calloc)(size_t count, size_t size);
void *IM_NAME(realloc)(void *p, size_t n);
void *IM_NAME(reallocarray)(void *p, size_t count, size_t size);
void *IM_NAME(aligned_alloc)(size_t align, size_t n);
int IM_NAME(posix_memalign)(void **out, size_t align, size_t n);
void *IM_NAME(memalign)(size_t align, size_t n);
size_t IM_NAME(malloc_usable_size)(void *p);
void IM_NAME(malloc_stats)(void);
struct IM_NAME(mallinfo2) IM_NAME(mallinfo2)(void);
int IM_NAME(mallopt)(int param, int value);
int IM_NAME(malloc_trim)(size_t pad);

/* mallopt parameters (glibc's values), and Interlude's own: M_SPARSE 0
 * gives every size class spans of its own from its first block (1, the
 * default: a class's first blocks share sparse spans, docs/MALLOC.md). */
#define IM_M_TRIM_THRESHOLD (-1)
#define IM_M_MMAP_THRESHOLD (-3)
#define IM_M_ARENA_TEST (-7)
#define IM_M_ARENA_MAX (-8)
#define IM_M_SPARSE (-100)
#ifndef MALLOC_HOST_TEST /* the libc's <malloc.h> has the same numbers */
_Static_assert(IM_M_TRIM_THRESHOLD == M_TRIM_THRESHOLD && IM_M_MMAP_THRESHOLD == M_MMAP_THRESHOLD &&
		   IM_M_ARENA_TEST == M_ARENA_TEST && IM_M_ARENA_MAX == M_ARENA_MAX &&
		   IM_M_SPARSE == M_SPARSE,
	       "mallopt's numbers agree with <malloc.h>");
#endif

/*
 * Walks the whole heap and checks every invariant (docs/MALLOC.md,
 * "Invariants"). Returns 0, or the source line of the first failed check
 * after printing what failed to standard error. Costs O(heap).
 */
int malloc_check_heap(void);

/* For tests: the span descriptor that owns p (NULL if none). */
void *malloc_debug_span_of(const void *p);

#endif
