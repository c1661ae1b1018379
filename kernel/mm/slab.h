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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef KHEAP_DEBUG
#define KHEAP_DEBUG 0
#endif

#define KHEAP_PAGE_SIZE 4096UL

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
	uintptr_t free_site; /* of the last free; 0 while live */
	uint32_t size; /* exact requested size */
	uint32_t seq; /* allocation number, for kheap_mark() */
};

#define SLAB_MAX_OBJS 256
#define SLAB_MAP_WORDS (SLAB_MAX_OBJS / 64)

enum slab_kind {
	SLAB_OBJECTS = 1, /* a slab of cache objects */
	SLAB_LARGE, /* one large kmalloc block of whole pages */
	SLAB_META, /* pages the heap uses for its own bookkeeping */
};

/*
 * The descriptor of a slab (or of a large block). Every page of the slab
 * has its owner slot pointing here; the descriptor itself lives in a page
 * of the descriptor cache, never among the objects it describes.
 */
struct slab {
	struct kmem_cache *cache; /* NULL for SLAB_LARGE and SLAB_META */
	uint8_t *base; /* first object (the first page) */
	struct slab *next, *prev; /* on the cache's partial or full list */
	uint16_t inuse, total; /* objects handed out, objects in the slab */
	uint8_t kind, order; /* enum slab_kind; the slab has 2^order pages */
	union {
		uint64_t freemap[SLAB_MAP_WORDS]; /* bit i set: object i is free */
		struct {
			size_t size; /* large block: bytes requested */
			struct kheap_track track; /* large block, debug mode */
		} large;
	} u;
#if KHEAP_DEBUG
	struct kheap_track *track; /* one per object (SLAB_OBJECTS) */
	unsigned track_order; /* pages holding track[] */
#endif
};

/* Cache flags. */
#define KMEM_KMALLOC 0x1u /* a kmalloc size class: kfree() accepts its objects */
#define KMEM_INTERNAL 0x2u /* the heap's own (descriptors, caches): never user-visible */
#define KMEM_STATIC 0x4u /* the struct is not from the cache of caches */
#define KMEM_DEBUG 0x8u /* red zones, poison, tracking (debug mode) */

struct kmem_cache {
	const char *name; /* not copied: must outlive the cache */
	size_t object_size; /* what the creator asked for */
	size_t size; /* slot stride: object_size rounded up (+ red zone) */
	size_t align;
	unsigned order; /* each slab has 2^order pages */
	unsigned per_slab; /* objects per slab */
	unsigned flags;
	struct slab *cur; /* allocations come from here; may be empty */
	struct slab *partial; /* some objects free, not cur */
	struct slab *full; /* no object free */
	unsigned long inuse; /* objects handed out */
	unsigned long nslabs; /* slabs held, cur included */
	struct kmem_cache *next_cache; /* every cache, for stats and checks */
};

/* One line of slabinfo. */
struct kmem_cache_stats {
	const char *name;
	size_t object_size; /* requested object size */
	size_t slot_size; /* bytes each object occupies */
	unsigned long active_objs; /* objects in use */
	unsigned long total_objs; /* objects the cache's slabs can hold */
	unsigned long slabs;
	unsigned long bytes; /* bytes of pages in the cache's slabs */
};

/*
 * Creates a cache of objects of `size` bytes aligned to `align` (a power
 * of two up to a page; 0 means 16). Returns NULL if the arguments are not
 * valid (size 0 or above KMEM_CACHE_MAX_SIZE) or memory is short.
 */
#define KMEM_CACHE_MAX_SIZE (8 * KHEAP_PAGE_SIZE)
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

/* --- used by kmalloc.c and kheap_debug.c -------------------------------------- */

/* The provider the heap was started with (NULL before kheap_init_with). */
extern const struct kheap_pages *slab_pages;

/* Starts the slab layer on provider p: the descriptor and cache caches. */
void slab_init(const struct kheap_pages *p);

/* Sets up a statically allocated cache. Returns false if size is invalid. */
bool kmem_cache_setup(struct kmem_cache *c, const char *name, size_t size, size_t align,
		      unsigned flags);

/* Allocation with the exact requested size and call site (debug mode). */
void *kmem_cache_alloc_site(struct kmem_cache *c, size_t size, uintptr_t site);

/* Frees obj of slab s (s found from the owner slot; obj already checked). */
void slab_free_object(struct slab *s, void *obj, uintptr_t site);

/* slab_check_object then slab_free_object, in one call: kfree's fast path. */
void slab_free_checked(struct slab *s, void *obj, const struct kmem_cache *want, uintptr_t site);

/*
 * Returns the descriptor owning address p, or NULL if p is not in the
 * heap's pages. *managed (if not NULL) tells whether the provider manages
 * p's page at all. Inline: it is half of kfree's fast path.
 */
static inline struct slab *slab_owner(const void *p, bool *managed)
{
	void **slot = slab_pages->owner(p);
	if (managed)
		*managed = slot != NULL;
	return slot ? *slot : NULL;
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
 * Checks c's invariants; reports HEAP ERROR [heap-corruption] on a breach.
 * Returns the pages c's slabs hold.
 */
unsigned long kmem_cache_check(struct kmem_cache *c);

/* Calls fn for every live object of c (track is NULL without debug). */
typedef void (*kheap_walk_fn)(void *ctx, const char *cache, size_t slot, const void *obj,
			      const struct kheap_track *t);
void kmem_cache_walk(const struct kmem_cache *c, kheap_walk_fn fn, void *ctx);

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
