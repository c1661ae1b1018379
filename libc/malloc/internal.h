/*
 * internal.h - what the allocator's files share: the constants, the span
 * descriptor, the heap state (g), the functions one file calls in another,
 * and the helpers of the fast paths.
 *
 * The theory of operation is the opening comment of malloc.c, which also
 * lists the files. malloc's and free's small-block fast paths must not
 * call out of line, so everything they use (size_class, small_alloc,
 * page_index, ...) is static inline here; small_free, used by free
 * alone, stays in malloc.c.
 */
#ifndef LIBC_MALLOC_INTERNAL_H
#define LIBC_MALLOC_INTERNAL_H

#include "malloc/malloc_api.h"
#include "malloc/os.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define PAGE_SHIFT 12
#define PAGE ((size_t)1 << PAGE_SHIFT)
#define SMALL_MAX 16384          /* largest small size class */
#define NCLASS 81                /* classes 1..80; 0 unused */
#define MAXSLOTS 1024            /* bitmap bits per span */
#define BITWORDS (MAXSLOTS / 64)
#define MAX_HEAP_PAGES ((size_t)1 << 22) /* 16 GiB of heap */
#define GROW_MIN_PAGES 256       /* 1 MiB */
#define GROW_MAX_PAGES 16384     /* 64 MiB */
#define TOP_PAD_PAGES 256        /* kept at the top when trimming */
#define MMAP_THRESHOLD_INIT (128u << 10)
#define MMAP_THRESHOLD_MAX (32u << 20)
#define TRIM_THRESHOLD_INIT (2u << 20)
#define IDLE_AGE 4096            /* page-heap operations */
#define DIRTY_FLOOR_PAGES 256    /* 1 MiB of dirty free pages always kept */
#define DIRTY_HARD_PAGES 16384   /* 64 MiB */
#define NBINS 353
#define MAX_ALLOC ((size_t)PTRDIFF_MAX - (64u << 20))

/* Descriptor tags: kind in the low byte, a magic in the rest. */
#define TAG_SMALL 0x5ba11c01u
#define TAG_RUN 0x5ba11c02u
#define TAG_FREE 0x5ba11c03u
#define TAG_LARGE 0x5ba11c04u
#define TAG_UNUSED 0x5ba11c05u

struct span {
	/* hot: the small-block fast paths touch only these */
	uintptr_t start;      /* first byte (page aligned) */
	uint32_t tag;         /* TAG_* */
	uint32_t size;        /* small: block size */
	uint32_t recip;       /* small: ceil(2^32 / size) */
	uint32_t nfree;       /* small: free slots */
	uint32_t cursor;      /* small: no free bit in words below it */
	uint32_t nslots;      /* small: slots */
	uint64_t bits[BITWORDS]; /* small: 1 = free slot */
	/* cold */
	size_t npages;        /* pages (LARGE: whole mapping) */
	size_t req;           /* RUN/LARGE: bytes requested */
	size_t dirty;         /* FREE: pages that may be resident */
	uint64_t freed_at;    /* FREE: epoch */
	struct span *next, *prev;   /* class list / bin list / hash chain / pool */
	struct span *lnext, *lprev; /* FREE with dirty > 0: idle list, oldest first */
	uint8_t cls;          /* small: class */
	uint8_t listed;       /* small: on the class list; FREE: in a bin */
	uint8_t fresh;        /* RUN: pages known zero */
};

struct sclass {
	struct span *cur;  /* head of the list of spans with free slots */
	struct span *tail;
	uint32_t size, pages, nslots, recip;
	uint32_t nspans;
};

/* The heap state: one instance, g, defined in malloc.c. */
struct heap {
	uintptr_t base;       /* first heap page */
	size_t npages;        /* heap pages: top = base + npages*PAGE */
	struct span **pagemap;
	struct sclass cls[NCLASS];
	struct span *bins[NBINS];
	uint64_t binmap[(NBINS + 63) / 64];
	struct span *idle_head, *idle_tail; /* free runs with dirty pages, oldest first */
	size_t free_pages, dirty_pages, max_npages;
	uint64_t epoch;
	size_t mmap_threshold, trim_threshold;
	bool mmap_threshold_fixed, inited, init_failed;
	struct span *pool;    /* unused descriptors */
	struct span **htab;   /* mmapped blocks, by address */
	size_t hsize, hcount, large_bytes;
	uintptr_t site;       /* the caller of the public function, for reports */
	uintptr_t shown;      /* MALLOC_CHECK=1: the program's pointer into the heap */
	const char *shown_fn; /* block being worked on, and its call: what reports name */
	uintptr_t recent_large[16]; /* last munmapped block starts: names a double free */
	unsigned recent_i;
};

/*
 * Shared between the allocator's files, and nothing else: hidden, and
 * linked as __im_<name> (asm labels), so that libc.a takes no ordinary
 * name (g, run_alloc, heap_init, ...) away from the programs it serves.
 */
#pragma GCC visibility push(hidden)

extern struct heap g __asm__("__im_heap");

enum herr { E_DOUBLE, E_INVALID, E_CORRUPT };

/* check.c */
__attribute__((noreturn, cold, noinline)) void heap_error(enum herr e, const char *fn, const void *p,
							  const char *what) __asm__("__im_heap_error");

/* malloc.c */
struct span *desc_alloc(void) __asm__("__im_desc_alloc");
bool heap_init(void) __asm__("__im_heap_init");

/* small.c */
void classes_init(void) __asm__("__im_classes_init");
__attribute__((noinline)) void *small_alloc_slow(unsigned c) __asm__("__im_small_alloc_slow");
void small_release_empty(void) __asm__("__im_small_release_empty");
__attribute__((noinline)) void small_free_slow(struct span *s, uint32_t old_nfree)
	__asm__("__im_small_free_slow");

/* pages.c */
void run_release(struct span *f) __asm__("__im_run_release");
void maybe_trim(struct span *f, size_t keep_pages) __asm__("__im_maybe_trim");
bool trim_worthwhile(size_t pages) __asm__("__im_trim_worthwhile");
struct span *run_alloc(size_t n, uint32_t tag) __asm__("__im_run_alloc");
void run_free(struct span *d) __asm__("__im_run_free");
void run_shrink(struct span *d, size_t keep) __asm__("__im_run_shrink");
bool run_grow(struct span *d, size_t n) __asm__("__im_run_grow");

/* large.c */
struct span *hash_find(uintptr_t a, bool unlink) __asm__("__im_hash_find");
void *large_alloc(size_t n, size_t align) __asm__("__im_large_alloc");
void large_free(struct span *d) __asm__("__im_large_free");
void *realloc_large(struct span *d, void *p, size_t n) __asm__("__im_realloc_large");

#pragma GCC visibility pop

/* ------------------------------------------------------------------ */
/* the inline helpers */

static inline void enomem(void)
{
	im_os_set_enomem();
}

static inline unsigned size_class(size_t n)
{
	if (likely(n <= 1024))
		return (unsigned)((n + 15) >> 4) + (n == 0);
	size_t s = n - 1;
	unsigned lg = 63u - (unsigned)__builtin_clzl(s);
	return 65u + ((lg - 10u) << 2) + (unsigned)((s >> (lg - 2u)) & 3u);
}

static inline unsigned run_bin(size_t pages)
{
	if (pages <= 256)
		return (unsigned)pages;
	size_t s = pages - 1;
	unsigned lg = 63u - (unsigned)__builtin_clzl(s);
	return 257u + ((lg - 8u) << 2) + (unsigned)((s >> (lg - 2u)) & 3u);
}

static inline size_t page_index(uintptr_t a)
{
	return (a - g.base) >> PAGE_SHIFT;
}

static inline void check_tag(struct span *s, uint32_t tag, const char *fn, const void *p)
{
	if (unlikely(s->tag != tag))
		heap_error(E_CORRUPT, fn, p, "a heap descriptor's tag was overwritten");
}

static inline void desc_free(struct span *d)
{
	d->tag = TAG_UNUSED;
	d->next = g.pool;
	g.pool = d;
}

static inline size_t hash_ptr(uintptr_t a)
{
	return (size_t)((a >> PAGE_SHIFT) * 0x9e3779b97f4a7c15ull >> 32) & (g.hsize - 1);
}

static inline void *small_alloc(unsigned c)
{
	struct span *s = g.cls[c].cur;
	if (likely(s != NULL)) {
		uint32_t w = s->cursor;
		uint64_t word = s->bits[w];
		if (likely(word != 0)) {
			s->bits[w] = word & (word - 1);
			s->nfree--;
			return (void *)(s->start + (size_t)((w << 6) + (unsigned)__builtin_ctzll(word)) * s->size);
		}
	}
	return small_alloc_slow(c);
}

#endif
