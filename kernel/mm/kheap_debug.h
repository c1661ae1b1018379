/*
 * kheap_debug.h - detecting and reporting heap errors.
 *
 * Every error is reported in one format, shared with the user-space malloc
 * checker to come:
 *
 *   HEAP ERROR [heap-overflow]: writing past the end of an allocated block ...
 *     address:      0x... (the first bad byte, or the pointer passed)
 *     block:        0x... of 13 bytes requested (slot 32 bytes, cache kmalloc-32)
 *     ...
 *
 * ids: heap-overflow, use-after-free, double-free, invalid-free, leak,
 * heap-corruption. The report is printed with kprintf (each line with the
 * self-test diagnostic prefix, so KTAP stays readable) and then panic()
 * is called with "HEAP ERROR [id]: ..." and the key facts, so a self-test
 * catches it with EXPECT_PANIC("heap-overflow", ...). Every check runs
 * BEFORE the heap changes any state, and a damaged red zone or poison is
 * restored before the panic (SLUB's "FIX"), so after a caught report the
 * heap is consistent: the block of an overflow is still allocated, the
 * slot of a use-after-free is still free and poisoned again.
 *
 * Patterns (as Linux SLUB, include/linux/poison.h):
 *   0x6b  free object ("kkkk"): checked when the slot is handed out again
 *   0x5a  allocated, never written: uninitialized reads show 0x5a5a...
 *   0xcc  red zone, from the exact requested size to the end of the slot
 * 0x6b6b..., 0x5a5a... and 0xcccc... are non-canonical addresses, so a
 * pointer loaded from such memory faults instead of pointing somewhere.
 */
#ifndef MM_KHEAP_DEBUG_H
#define MM_KHEAP_DEBUG_H

#include "mm/slab.h"

#define KHEAP_POISON_FREE 0x6b
#define KHEAP_POISON_NEW 0x5a
#define KHEAP_REDZONE 0xcc
#define KHEAP_REDZONE_MIN 16 /* debug slots leave at least this much red zone */

/* The facts of one report; fields that do not apply are 0/NULL, bad_off -1. */
struct kheap_report {
	const char *id; /* "heap-overflow", ... */
	const char *why; /* invalid-free: why the call is wrong; heap-corruption: what */
	const void *addr; /* the pointer passed, or the first bad byte */
	const void *block; /* start of the block addr belongs to */
	size_t size; /* exact requested size of that block */
	const char *cache; /* its cache ("large" for whole pages) */
	size_t slot; /* bytes the block occupies */
	const struct kheap_track *track; /* allocation and free sites */
	uintptr_t site; /* return address of the call that found the error */
	long bad_off; /* first bad byte, from block; -1 if none */
	int bad_val, expected;
	const char *call; /* the API that found it: "kfree" when NULL */
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

/* Reports a cache destroyed with live objects, listing them. */
__attribute__((noreturn)) void kheap_cache_leak(const struct kmem_cache *c, uintptr_t site);

/* Returns the text of the last report (for tests), "" if none. */
const char *kheap_last_report(void);

/* Returns the index of the first byte of p[0..n) that is not `byte`, or -1. */
long kheap_find_bad(const void *p, size_t n, int byte);

/* Formats a code address as "function+0xoff" (kernel) or "0x..." (host). */
void kheap_symbolize(uintptr_t addr, char *buf, size_t size);

/*
 * Leak listing: kheap_mark() returns a mark; kheap_report_leaks(mark)
 * prints one "HEAP ERROR [leak]" report listing every live object
 * allocated since the mark (size, cache, allocation site) and returns how
 * many there are, without panicking (it is a listing the caller asked
 * for). Without KHEAP_DEBUG there are no sites and the mark is ignored.
 */
unsigned long kheap_mark(void);
unsigned long kheap_report_leaks(unsigned long mark);

#if KHEAP_DEBUG
/* Slab hooks (slab.c). Each check reports before any state changes. */
void kheapdbg_slab_init(struct kmem_cache *c, struct slab *s);
void kheapdbg_check_free_slot(struct kmem_cache *c, struct slab *s, unsigned i,
			      uintptr_t site);
void kheapdbg_on_alloc(struct kmem_cache *c, struct slab *s, unsigned i, size_t size,
		       uintptr_t site);
void kheapdbg_check_live(struct kmem_cache *c, struct slab *s, unsigned i, uintptr_t site);
void kheapdbg_on_free(struct kmem_cache *c, struct slab *s, unsigned i, uintptr_t site);

/* Large blocks (kmalloc.c). */
void kheapdbg_large_alloc(struct slab *d, size_t size, uintptr_t site);
void kheapdbg_large_check(struct slab *d, uintptr_t site);
void kheapdbg_large_freed(struct slab *d, uintptr_t site);
/* Reports a double free if p is a recently freed large block; else returns. */
void kheapdbg_large_double_free(const void *p, uintptr_t site);

/* Moves the red zone of a live block to new_size (krealloc in place). */
void kheapdbg_resize(struct kmem_cache *c, struct slab *s, unsigned i, size_t new_size);
void kheapdbg_large_resize(struct slab *d, size_t new_size);
#endif

#endif
