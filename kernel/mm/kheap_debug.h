/*
 * kheap_debug.h - detecting and reporting heap errors.
 *
 * Every error is reported in the layout of common/memerr, the one the
 * user malloc's checker prints too, so a reader (or a test) learns one
 * format for both heaps:
 *
 *   HEAP ERROR [heap-overflow]: not allocating enough memory (...): a write past ...
 *     address:        0x... (the first bad byte, or the pointer passed)
 *     block:          0x..., 13 bytes requested, cache kmalloc-32, slot 32 bytes
 *     first bad byte: block+13 = 0x78, expected 0xcc
 *     ...
 *     action:         panic (red zone restored; the block is still allocated)
 *
 * ids (memerr.h): heap-overflow, use-after-free, double-free, invalid-free,
 * leak, heap-corruption. The report is printed with kprintf (inside a
 * self-test the console makes each line a KTAP diagnostic) and then panic()
 * is called with "HEAP ERROR [id]: ..." and the key facts, so a self-test
 * catches it with EXPECT_PANIC("heap-overflow", ...). Every check runs
 * BEFORE the heap changes any state, and a damaged red zone or poison is
 * restored before the panic (SLUB's "FIX"), so after a caught report the
 * heap is consistent: the block of an overflow is still allocated, the
 * slot of a use-after-free is still free and poisoned again.
 *
 * Patterns (memerr.h, as Linux SLUB's include/linux/poison.h):
 *   0x6b  free object ("kkkk"): checked when the slot is handed out again
 *   0x5a  allocated, never written: uninitialized reads show 0x5a5a...
 *   0xcc  red zone, from the exact requested size to the end of the slot
 * 0x6b6b..., 0x5a5a... and 0xcccc... are non-canonical addresses, so a
 * pointer loaded from such memory faults instead of pointing somewhere.
 */
#ifndef MM_KHEAP_DEBUG_H
#define MM_KHEAP_DEBUG_H

#include "memerr/memerr.h"
#include "mm/slab.h"

/* The kernel's names for memerr's patterns: both heaps fill alike. */
#define KHEAP_POISON_FREE MEMERR_FILL_FREED
#define KHEAP_POISON_NEW MEMERR_FILL_NEW
#define KHEAP_REDZONE MEMERR_REDZONE
#define KHEAP_REDZONE_MIN 16 /* debug slots leave at least this much red zone */

/* The facts of one report; fields that do not apply are 0/NULL, bad_off -1. */
struct kheap_report {
	enum memerr_id id; /* MEMERR_HEAP_OVERFLOW, ... */
	const char *why;   /* what exactly (invalid-free: why the call is wrong); NULL: default */
	const void *addr;  /* the pointer passed, or the first bad byte */
	const void *arg;   /* the pointer passed to call, if it takes one */
	const void *block; /* start of the block addr belongs to */
	size_t size;	   /* exact requested size of that block */
	const char *cache; /* its cache ("large" for whole pages) */
	size_t slot;	   /* bytes the block occupies */
	const struct kheap_track *track; /* allocation and free sites */
	uintptr_t site;			 /* return address of the call that found the error */
	long bad_off;			 /* first bad byte, from block; -1 if none */
	int bad_val, expected;
	const char *call;  /* the API that found it; NULL: kheap_check() */
	const char *fixed; /* what was repaired before the panic, or NULL */
};

/* Prints the report, keeps its text (kheap_last_report) and panics. */
__attribute__((noreturn)) void kheap_report(const struct kheap_report *r);

/*
 * Works out what is wrong with freeing p (s: the descriptor owning p's page
 * or NULL; want: the cache passed to kmem_cache_free, NULL for kfree) and
 * reports it: invalid-free or double-free.
 */
__attribute__((noreturn)) void kheap_bad_free(const void *p, struct slab *s,
					      const struct kmem_cache *want, uintptr_t site);

/* Returns the text of the last report (for tests), "" if none. */
const char *kheap_last_report(void);

/* Formats a code address as "function+0xoff" (kernel) or "0x..." (host). */
void kheap_symbolize(uintptr_t addr, char *buf, size_t size);

/*
 * Leak listings. kheap_mark() returns a mark; kheap_list_leaks(walk, arg,
 * mark) prints one "HEAP ERROR [leak]" report (first line from memerr,
 * with the count and bytes, as the user malloc's at exit) listing every
 * live object allocated since the mark (size, cache, allocation site) and
 * returns how many there are (0: nothing printed), without panicking.
 * Without KHEAP_DEBUG there are no sites and the mark is ignored.
 *
 * This layer does not walk the heap itself (the slab layer and kmalloc
 * call it, not the other way round): walk(arg, fn, ctx) must call fn for
 * every live object of what is listed. kheap_report_leaks (kmalloc.h)
 * lists the whole heap so; kmem_cache_destroy one cache.
 */
typedef void (*kheap_walker)(const void *arg, kheap_walk_fn fn, void *ctx);
unsigned long kheap_mark(void);
unsigned long kheap_list_leaks(kheap_walker walk, const void *arg, unsigned long mark);

/* Prints one more line of the report being made, and keeps it with its text
 * (kheap_last_report): for what memerr has no field for. */
void kheap_report_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* True if p lies in a large block freed lately (its pages may belong to
 * someone else by now: a kfree there is named a double free); always
 * false without KHEAP_DEBUG. For tests. */
bool kheapdbg_recently_freed(const void *p);

#if KHEAP_DEBUG
/* Slab hooks (slab.c). Each check reports before any state changes. */
void kheapdbg_slab_init(struct kmem_cache *c, struct slab *s);
void kheapdbg_check_free_slot(struct kmem_cache *c, struct slab *s, unsigned i, uintptr_t site);
void kheapdbg_on_alloc(struct kmem_cache *c, struct slab *s, unsigned i, size_t size,
		       uintptr_t site);
void kheapdbg_check_live(struct kmem_cache *c, struct slab *s, unsigned i, uintptr_t site);
void kheapdbg_on_free(struct kmem_cache *c, struct slab *s, unsigned i, uintptr_t site);

/* Large blocks (kmalloc.c). */
void kheapdbg_large_alloc(struct slab *d, size_t size, uintptr_t site);
void kheapdbg_large_check(struct slab *d, uintptr_t site);
void kheapdbg_large_freed(struct slab *d, uintptr_t site);
/* Reports a double free if p is a recently freed large block; else returns. */
void kheapdbg_large_double_free(const void *p, const char *call, uintptr_t site);

/* Moves the red zone of a live block to new_size (krealloc in place). */
void kheapdbg_resize(struct kmem_cache *c, struct slab *s, unsigned i, size_t new_size);
void kheapdbg_large_resize(struct slab *d, size_t new_size);
#endif

#endif
