/*
 * slab.h - object caches (Bonwick's slab allocator) over a page provider.
 *
 * A cache hands out objects of one size. It gets whole pages ("slabs") from
 * a page provider, cuts them into equal slots and keeps, for each slab, a
 * descriptor OUTSIDE the slab's pages: which cache it belongs to, a bitmap
 * of free slots and how many slots are in use. kmalloc (kmalloc.h) is a set
 * of such caches, one per size class, plus whole pages for large blocks.
 *
 *   struct kmem_cache *c = kmem_cache_create("inode", sizeof(struct inode), 64);
 *   struct inode *ip = kmem_cache_alloc(c);
 *   kmem_cache_free(c, ip);
 *   kmem_cache_destroy(c);
 *
 * Guarantees: objects are aligned to max(align, 16) bytes; an allocation
 * that cannot be satisfied returns NULL (never panics); freeing a pointer
 * that is not a live object of that cache is reported as a HEAP ERROR
 * (kheap_debug.h) and panics. The heap is not yet safe against interrupts
 * or other CPUs: call it from thread context only.
 *
 * KHEAP_DEBUG=1 adds red zones, poisoning and per-object allocation and
 * free sites (kheap_debug.h); with KHEAP_DEBUG=0 none of it is compiled.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include "arch/x86_64/memlayout.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef KHEAP_DEBUG
#define KHEAP_DEBUG 0
#endif

/* PAGE_SIZE: arch/x86_64/memlayout.h */

/*
 * Where the heap's pages come from: the frame allocator in the kernel
 * (kheap.c), a static arena in host tests. alloc returns a page-aligned
 * address of 2^order pages or NULL; owner(va) returns the per-page slot in
 * which the heap records the descriptor owning the page that contains va,
 * or NULL if va is not in a page the provider manages. The heap clears
 * every slot it set before it gives pages back.
 */
struct kheap_pages {
	void *(*alloc)(unsigned order);
	void (*free)(void *va, unsigned order);
	void **(*owner)(const void *va);
};

/* What debug mode remembers about one object, out of band. */
struct kheap_track {
	uintptr_t alloc_site; /* return address of the allocating call */
	uintptr_t free_site;  /* of the last free; 0 while live */
	uint32_t size;	      /* exact requested size */
	uint32_t seq;	      /* allocation number, for kheap_mark() */
};

#define SLAB_MAX_OBJS 256
#define SLAB_MAP_WORDS (SLAB_MAX_OBJS / 64)

enum slab_kind {
	SLAB_OBJECTS = 1, /* a slab of cache objects */
	SLAB_LARGE,	  /* one large kmalloc block of whole pages */
	SLAB_META,	  /* pages the heap uses for its own bookkeeping */
};

/*
 * The descriptor of a slab (or of a large block). Every page of the slab
 * has its owner slot pointing here; the descriptor itself lives in a page
 * of the descriptor cache, never among the objects it describes.
 */
struct slab {
	struct kmem_cache *cache; /* NULL for SLAB_LARGE and SLAB_META */
	uint8_t *base;		  /* first object (the first page) */
	struct slab *next, *prev; /* on the cache's partial or full list */
	uint16_t inuse, total;	  /* objects handed out, objects in the slab */
	uint8_t kind, order;	  /* enum slab_kind; the slab has 2^order pages */
	union {
		uint64_t freemap[SLAB_MAP_WORDS]; /* bit i set: object i is free */
		struct {
			size_t size;		  /* large block: bytes requested */
			struct kheap_track track; /* large block, debug mode */
		} large;
	} u;
#if KHEAP_DEBUG
	struct kheap_track *track; /* one per object (SLAB_OBJECTS) */
	unsigned track_order;	   /* pages holding track[] */
#endif
};

/* Cache flags. */
#define KMEM_KMALLOC 0x1u  /* a kmalloc size class: kfree() accepts its objects */
#define KMEM_INTERNAL 0x2u /* the heap's own (descriptors, caches): never user-visible */
#define KMEM_STATIC 0x4u   /* the struct is not from the cache of caches */
#define KMEM_DEBUG 0x8u	   /* red zones, poison, tracking (debug mode) */

struct kmem_cache {
	const char *name;   /* not copied: must outlive the cache */
	size_t object_size; /* what the creator asked for */
	size_t size;	    /* slot stride: object_size rounded up (+ red zone) */
	size_t align;
	unsigned order;	   /* each slab has 2^order pages */
	unsigned per_slab; /* objects per slab */
	unsigned flags;
	struct slab *cur;	       /* allocations come from here; may be empty */
	struct slab *partial;	       /* some objects free, not cur */
	struct slab *full;	       /* no object free */
	unsigned long inuse;	       /* objects handed out */
	unsigned long nslabs;	       /* slabs held, cur included */
	struct kmem_cache *next_cache; /* every cache, for stats and checks */
};

/* One line of slabinfo. */
struct kmem_cache_stats {
	const char *name;
	size_t object_size;	   /* requested object size */
	size_t slot_size;	   /* bytes each object occupies */
	unsigned long active_objs; /* objects in use */
	unsigned long total_objs;  /* objects the cache's slabs can hold */
	unsigned long slabs;
	unsigned long bytes; /* bytes of pages in the cache's slabs */
};

/*
 * Creates a cache of objects of `size` bytes aligned to `align` (a power
 * of two up to a page; 0 means 16). Returns NULL if the arguments are not
 * valid (size 0 or above KMEM_CACHE_MAX_SIZE) or memory is short.
 */
#define KMEM_CACHE_MAX_SIZE (8 * PAGE_SIZE)
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align);

/*
 * Destroys an empty cache. A cache that still has live objects is a leak:
 * it is reported (HEAP ERROR [leak]) and the cache is left untouched.
 */
void kmem_cache_destroy(struct kmem_cache *c);

/* Returns a new object, or NULL if memory is short. */
void *kmem_cache_alloc(struct kmem_cache *c);

/* Frees an object of c; NULL is ignored; anything else is reported. */
void kmem_cache_free(struct kmem_cache *c, void *obj);

/* Fills *st with c's statistics. */
void kmem_cache_stats(const struct kmem_cache *c, struct kmem_cache_stats *st);

/* --- used by kmalloc.c, slab_check.c and kheap_debug.c --------------------------- */

/* The provider the heap was started with (NULL before kheap_init_with). */
extern const struct kheap_pages *slab_pages;

/* Starts the slab layer on provider p: the descriptor and cache caches. */
void slab_init(const struct kheap_pages *p);

/* Sets up a statically allocated cache. Returns false if size is invalid. */
bool kmem_cache_setup(struct kmem_cache *c, const char *name, size_t size, size_t align,
		      unsigned flags);

/*
 * The heap's fast paths are inline (below) because a kmalloc+kfree pair
 * has a budget of 100 instructions and every non-inlined call costs a
 * frame (frame pointers are mandatory). Everything rare lives out of line
 * in slab.c: refills, list moves, debug hooks and error reports.
 */

/* Reports a bad free and panics (kheap_debug.h; repeated for the inlines). */
__attribute__((noreturn)) void kheap_bad_free(const void *p, struct slab *s,
					      const struct kmem_cache *want, uintptr_t site);

/* kmem_cache_alloc_site's out-of-line part: refill, debug caches. */
void *kmem_cache_alloc_slow(struct kmem_cache *c, size_t size, uintptr_t site);

/*
 * Allocation with the exact requested size and call site (debug mode).
 * The fast path: the lowest free bit of the current slab. Debug caches and
 * an empty or full cur take kmem_cache_alloc_slow (a tail call).
 */
static inline __attribute__((always_inline)) void *
kmem_cache_alloc_site(struct kmem_cache *c, size_t size, uintptr_t site)
{
	struct slab *s = c->cur;
	if (__builtin_expect(!s || s->inuse == s->total || (KHEAP_DEBUG && (c->flags & KMEM_DEBUG)),
			     0))
		return kmem_cache_alloc_slow(c, size, site);
	uint64_t *wp = s->u.freemap, m; /* the first word with a free bit: usually word 0 */
	while (__builtin_expect(!(m = *wp), 0))
		wp++;
	*wp = m & (m - 1);
	s->inuse++;
	c->inuse++;
	size_t i = (size_t)(wp - s->u.freemap) * 64 + (unsigned)__builtin_ctzll(m);
	return s->base + i * c->size;
}

/* Frees obj of slab s (s found from the owner slot; obj already checked). */
void slab_free_object(struct slab *s, void *obj, uintptr_t site);

/* Moves s between lists (or releases it) after one of its objects was freed. */
void slab_free_slow(struct kmem_cache *c, struct slab *s, bool was_full);

/* Debug cache: checks object i of s is intact, records its free, frees it. */
void slab_free_debug(struct kmem_cache *c, struct slab *s, unsigned i, uintptr_t site);

/* Marks object i of s free; the common case touches only s and c. */
static inline __attribute__((always_inline)) void slab_free_index(struct kmem_cache *c,
								  struct slab *s, unsigned i)
{
	unsigned inuse = s->inuse;
	bool was_full = inuse == s->total;
	s->u.freemap[i / 64] |= 1ULL << (i % 64);
	s->inuse = inuse - 1;
	c->inuse--;
	/* cur may stay empty: the one cached empty slab */
	if (__builtin_expect(s != c->cur && (was_full || inuse == 1), 0))
		slab_free_slow(c, s, was_full);
}

/*
 * slab_check_object then slab_free_object, inline: kfree's fast path.
 * Checks that obj is the start of a slot of s, inside the slab, live (its
 * free bit clear: a double free is caught here) and, if want is not NULL,
 * of cache want; a failure is reported before anything changes.
 */
static inline __attribute__((always_inline)) void
slab_free_checked(struct slab *s, void *obj, const struct kmem_cache *want, uintptr_t site)
{
	struct kmem_cache *c = s->cache;
	size_t off = (uint8_t *)obj - s->base;
	size_t i = off / c->size;
	if (__builtin_expect(off % c->size || i >= s->total || (want && c != want), 0))
		kheap_bad_free(obj, s, want, site); /* nothing changed yet */
	uint64_t *wp = &s->u.freemap[i / 64], word = *wp;
	if (__builtin_expect((word >> (i % 64)) & 1, 0))
		kheap_bad_free(obj, s, want, site); /* a double free; nothing changed yet */
	if (KHEAP_DEBUG && (c->flags & KMEM_DEBUG)) {
		slab_free_debug(c, s, (unsigned)i, site);
		return;
	}
	(void)site;
	/* slab_free_index, with the bitmap word already at hand */
	unsigned inuse = s->inuse;
	bool was_full = inuse == s->total;
	*wp = word | 1ULL << (i % 64);
	s->inuse = inuse - 1;
	c->inuse--;
	/* cur may stay empty: the one cached empty slab */
	if (__builtin_expect(s != c->cur && (was_full || inuse == 1), 0))
		slab_free_slow(c, s, was_full);
}

/*
 * The owner slot of address p's page, or NULL if the provider does not
 * manage that page.
 *
 * On the host (tests, fuzzer, host bench) this asks the provider, the fake
 * arena of kheap.c. The kernel has exactly one provider, the frame
 * allocator seen through the direct map (kheap.c's pmm_pages), and this
 * is the hottest lookup of the heap (every kfree, krealloc and
 * kmem_cache_free asks it), so the kernel build binds it statically and
 * inlines it instead of calling through slab_pages->owner: the provider
 * struct remains what allocates and frees the pages, and its owner member
 * is this same function (kheap_pmm_owner), so both always agree.
 */
#ifndef HOST_TEST
#include "arch/x86_64/memlayout.h"
#include "mm/pmm.h"

/*
 * pmm_owner_slot returns NULL for any physical address outside a managed
 * frame, so no range check is needed here: an address below the direct
 * map wraps to a "physical" address of at least 2^47 (128 TiB), beyond
 * any RAM the direct map can hold, and above it the pmm's own span check
 * (one comparison) rejects what is not RAM it manages.
 */
static inline void **kheap_pmm_owner(const void *va)
{
	return pmm_owner_slot((uintptr_t)va - DIRECT_MAP_BASE);
}
#endif

static inline void **slab_owner_slot(const void *p)
{
#ifdef HOST_TEST
	return slab_pages->owner(p);
#else
	return kheap_pmm_owner(p);
#endif
}

/*
 * Returns the descriptor owning address p, or NULL if p is not in the
 * heap's pages. *managed (if not NULL) tells whether the provider manages
 * p's page at all.
 */
static inline struct slab *slab_owner(const void *p, bool *managed)
{
	void **slot = slab_owner_slot(p);
	if (managed)
		*managed = slot != NULL;
	return slot ? *slot : NULL;
}

/*
 * kfree's first step: slab_owner(p, NULL) when the answer is quick, else
 * NULL, and the caller then takes its slow path, which asks slab_owner.
 * In the kernel "quick" means that p lies in the first frame of an
 * allocated pmm block (a slab's first page; every object of a one-page
 * slab), whose owner pmm_head_owner returns without a call. Any other
 * frame (a later page of a multi-page slab, a free or reserved frame, no
 * RAM at all) returns NULL here, so pmm_owner_slot's out-of-line part is
 * never called from the fast path, and kfree needs no register saved
 * across a call.
 */
static inline struct slab *slab_owner_quick(const void *p)
{
#ifdef HOST_TEST
	return slab_owner(p, NULL);
#else
	/* below the direct map, p - DIRECT_MAP_BASE wraps above 2^47: no frame */
	return pmm_head_owner((uintptr_t)p - DIRECT_MAP_BASE);
#endif
}

/* Points every owner slot of the 2^order pages at va to s (or NULL). */
void slab_set_owner(void *va, unsigned order, struct slab *s);

/* A new / freed descriptor from the descriptor cache. */
struct slab *slab_desc_alloc(void);
void slab_desc_free(struct slab *s);

/* The metadata descriptor that owns debug bookkeeping pages. */
extern struct slab slab_meta;

/* The first cache of the list of every cache. */
struct kmem_cache *kmem_cache_first(void);

/* Releases the empty slab each cache may keep; returns pages released. */
unsigned long kmem_cache_shrink_all(void);

/*
 * Checks c's invariants (slab_check.c); reports HEAP ERROR
 * [heap-corruption] on a breach. Returns the pages c's slabs hold.
 */
unsigned long kmem_cache_check(struct kmem_cache *c);

/* Calls fn for every live object of c (track is NULL without debug). */
typedef void (*kheap_walk_fn)(void *ctx, const char *cache, size_t slot, const void *obj,
			      const struct kheap_track *t);
void kmem_cache_walk(const struct kmem_cache *c, kheap_walk_fn fn, void *ctx);

/* Reports c, destroyed with live objects, listing them (HEAP ERROR [leak]),
 * and panics; the cache is left as it was. */
__attribute__((noreturn)) void slab_cache_leak(const struct kmem_cache *c, uintptr_t site);

/*
 * Checks that obj is a live object of slab s belonging to cache want (NULL:
 * any kmalloc cache); reports what is wrong otherwise (kheap_bad_free).
 */
void slab_check_object(struct slab *s, const void *obj, const struct kmem_cache *want,
		       uintptr_t site);

/* Pages from / back to the provider, counted in kheap_pages_held(). */
void *slab_pages_alloc(unsigned order);
void slab_pages_free(void *va, unsigned order);
unsigned long slab_pages_held(void);

/* Returns the number of 1 bits in the slab's bitmap (its free objects). */
unsigned slab_count_free(const struct slab *s);

#endif
