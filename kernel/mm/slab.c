/*
 * slab.c - object caches and their slabs; see slab.h.
 *
 * Theory of operation. A cache owns slabs: runs of 2^order pages from the
 * page provider, cut into per_slab slots of `size` bytes starting at the
 * first page (so a slot's alignment is the largest power of two dividing
 * size * i, at least the cache's alignment). Each slab has a descriptor
 * (struct slab) with a bitmap of its free slots; every page of the slab
 * has its provider owner slot pointing at that descriptor, so free(p)
 * finds the slab of p in O(1) and knows whether p belongs to the heap.
 *
 * Metadata is out of band: no allocator state lives between objects, so an
 * overflow or a write after free can damage user data but never the free
 * lists. Descriptors are objects of the descriptor cache (desc_cache), an
 * internal cache whose own slabs are one page with their descriptor at the
 * end of that page (the only on-slab descriptors; nothing but descriptors
 * lives in those pages, and no pointer to them is ever handed out).
 * struct kmem_cache of kmem_cache_create() comes from another internal
 * cache (cache_cache). A double free is noticed for free: the object's bit
 * is already set.
 *
 * Each cache keeps a current slab (allocations take the lowest free bit of
 * its bitmap, a word scan with ctz), a list of partial slabs and a list of
 * full ones. When cur is full it goes to the full list and a partial slab
 * (or a new one) becomes cur. A slab that becomes empty goes back to the
 * provider at once, except cur: keeping that one empty slab stops a loop of
 * kmalloc+kfree from taking and returning pages on every call.
 * kmem_cache_shrink_all() gives those back, so after it the heap holds
 * exactly the pages its live objects need.
 */
#include "mm/slab.h"
#include "lib/panic.h"
#include "mm/kheap_debug.h"
#include "mm/trace_mm.h"

#ifdef HOST_TEST
#include <string.h>
#else
#include "lib/string.h"
#endif

#define SITE() (KHEAP_DEBUG ? (uintptr_t)__builtin_return_address(0) : 0)
#define SLAB_MAX_ORDER 4 /* 64 KiB: room for one object of KMEM_CACHE_MAX_SIZE */

const struct kheap_pages *slab_pages;
static unsigned long pages_held;
static struct kmem_cache desc_cache;  /* struct slab, self-hosted */
static struct kmem_cache cache_cache; /* struct kmem_cache */
static struct kmem_cache *all_caches;
struct slab slab_meta = {.kind = SLAB_META};

/* Returns pages from the provider (NULL if it has none), counting them. */
void *slab_pages_alloc(unsigned order)
{
	void *p = slab_pages->alloc(order);
	if (p)
		pages_held += 1UL << order;
	return p;
}

/* Gives pages back to the provider. */
void slab_pages_free(void *va, unsigned order)
{
	slab_pages->free(va, order);
	pages_held -= 1UL << order;
}

/* Returns the number of pages taken from the provider and not given back. */
unsigned long slab_pages_held(void)
{
	return pages_held;
}

void slab_set_owner(void *va, unsigned order, struct slab *s)
{
	for (unsigned long i = 0; i < 1UL << order; i++)
		*slab_pages->owner((uint8_t *)va + i * PAGE_SIZE) = s;
}

/* --- lists: NULL-terminated, doubly linked, head pointer in the cache ------ */

/* Puts s at the head of a list. */
static void list_push(struct slab **head, struct slab *s)
{
	s->prev = NULL;
	s->next = *head;
	if (*head)
		(*head)->prev = s;
	*head = s;
}

/* Takes s off the list it is on. */
static void list_remove(struct slab **head, struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		*head = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
}

unsigned slab_count_free(const struct slab *s)
{
	unsigned n = 0; /* no libgcc in the kernel: no __builtin_popcountll */
	for (int w = 0; w < SLAB_MAP_WORDS; w++)
		for (uint64_t m = s->u.freemap[w]; m; m &= m - 1)
			n++;
	return n;
}

/* --- slabs ---------------------------------------------------------------- */

#if KHEAP_DEBUG
/* Returns the order of the fewest pages holding `bytes`. */
static unsigned order_for(size_t bytes)
{
	unsigned o = 0;
	while ((PAGE_SIZE << o) < bytes)
		o++;
	return o;
}
#endif

/*
 * Returns a new slab for c, every slot free, or NULL if the provider (or
 * the descriptor cache) is out of pages; nothing is left half-built.
 */
static struct slab *slab_new(struct kmem_cache *c)
{
	struct slab *s;
	uint8_t *base;
	if (c == &desc_cache) {
		base = slab_pages_alloc(0);
		if (!base)
			return NULL;
		s = (struct slab *)(base + PAGE_SIZE - sizeof *s);
	} else {
		s = slab_desc_alloc();
		if (!s)
			return NULL;
		base = slab_pages_alloc(c->order);
		if (!base) {
			slab_desc_free(s);
			return NULL;
		}
	}
	memset(s, 0, sizeof *s);
	s->cache = c;
	s->base = base;
	s->total = c->per_slab;
	s->kind = SLAB_OBJECTS;
	s->order = c->order;
	for (unsigned i = 0; i < s->total; i++)
		s->u.freemap[i / 64] |= 1ULL << (i % 64);
#if KHEAP_DEBUG
	if (c->flags & KMEM_DEBUG) {
		size_t bytes = s->total * sizeof(struct kheap_track);
		s->track_order = order_for(bytes);
		s->track = slab_pages_alloc(s->track_order);
		if (!s->track) {
			slab_pages_free(base, c->order);
			slab_desc_free(s);
			return NULL;
		}
		memset(s->track, 0, bytes);
		slab_set_owner(s->track, s->track_order, &slab_meta);
		kheapdbg_slab_init(c, s);
	}
#endif
	slab_set_owner(base, c->order, s);
	c->nslabs++;
	return s;
}

/* Gives an empty slab (on no list) back to the provider. */
static void slab_release(struct kmem_cache *c, struct slab *s)
{
	uint8_t *base = s->base;
	slab_set_owner(base, s->order, NULL);
#if KHEAP_DEBUG
	if (s->track) {
		slab_set_owner(s->track, s->track_order, NULL);
		slab_pages_free(s->track, s->track_order);
	}
#endif
	c->nslabs--;
	if (c == &desc_cache) {
		slab_pages_free(base, 0); /* s lived in that page */
	} else {
		slab_pages_free(base, s->order);
		slab_desc_free(s);
	}
}

/*
 * Makes c->cur a slab with a free slot: a full cur moves to the full list,
 * a partial slab or a new one takes its place. Returns it, or NULL. Not
 * inlined, so the fast path saves no registers for it.
 */
__attribute__((noinline)) static struct slab *cache_refill(struct kmem_cache *c)
{
	/* LAB(kheap) BEGIN: part 1, a current slab with a free slot (docs/labs/kheap.md)
	 * stub: (void)c;
	 * stub: (void)slab_new;
	 * stub: panic("not implemented: see docs/labs/kheap.md (part 1, cache_refill)");
	 */
	if (c->cur)
		list_push(&c->full, c->cur);
	c->cur = NULL;
	struct slab *s = c->partial;
	if (s)
		list_remove(&c->partial, s);
	else if (!(s = slab_new(c)))
		return NULL;
	c->cur = s;
	return s;
	/* LAB(kheap) END */
}

/*
 * What kmem_cache_alloc_site (slab.h) does not do inline: a refill when cur
 * is missing or full, and every allocation of a debug cache.
 */
void *kmem_cache_alloc_slow(struct kmem_cache *c, size_t size, uintptr_t site)
{
	/* LAB(kheap) BEGIN: part 2, take the lowest free slot (docs/labs/kheap.md)
	 * stub: (void)c;
	 * stub: (void)size;
	 * stub: (void)site;
	 * stub: (void)cache_refill;
	 * stub: panic("not implemented: see docs/labs/kheap.md (part 2, kmem_cache_alloc_slow)");
	 */
	struct slab *s = c->cur;
	if (!s || s->inuse == s->total) {
		s = cache_refill(c);
		if (!s)
			return NULL;
	}
	unsigned w = 0;
	while (!s->u.freemap[w])
		w++;
	unsigned i = w * 64 + __builtin_ctzll(s->u.freemap[w]);
#if KHEAP_DEBUG
	if (c->flags & KMEM_DEBUG)
		kheapdbg_check_free_slot(c, s, i, site); /* may report; nothing changed yet */
#endif
	s->u.freemap[w] &= s->u.freemap[w] - 1;
	s->inuse++;
	c->inuse++;
#if KHEAP_DEBUG
	if (c->flags & KMEM_DEBUG)
		kheapdbg_on_alloc(c, s, i, size, site);
#else
	(void)size;
	(void)site;
#endif
	return s->base + i * c->size;
	/* LAB(kheap) END */
}

void slab_check_object(struct slab *s, const void *obj, const struct kmem_cache *want,
		       uintptr_t site)
{
	struct kmem_cache *c = s->cache;
	size_t off = (const uint8_t *)obj - s->base;
	unsigned i = off / c->size;
	if (off % c->size || i >= s->total || (s->u.freemap[i / 64] >> (i % 64)) & 1 ||
	    (want && c != want))
		kheap_bad_free(obj, s, want, site);
#if KHEAP_DEBUG
	if (c->flags & KMEM_DEBUG)
		kheapdbg_check_live(c, s, i, site);
#endif
}

/* Moves s between lists (or releases it) after one of its objects was freed. */
__attribute__((noinline, cold)) void slab_free_slow(struct kmem_cache *c, struct slab *s,
						    bool was_full)
{
	/* LAB(kheap) BEGIN: part 3, move the slab, give an empty one back (docs/labs/kheap.md)
	 * stub: (void)c;
	 * stub: (void)s;
	 * stub: (void)was_full;
	 * stub: (void)list_push;
	 * stub: (void)list_remove;
	 * stub: panic("not implemented: see docs/labs/kheap.md (part 3, slab_free_slow)");
	 */
	if (was_full) {
		list_remove(&c->full, s);
		if (s->inuse)
			list_push(&c->partial, s);
		else
			slab_release(c, s);
	} else if (s->inuse == 0) {
		list_remove(&c->partial, s);
		slab_release(c, s);
	}
	/* LAB(kheap) END */
}

void slab_free_object(struct slab *s, void *obj, uintptr_t site)
{
	struct kmem_cache *c = s->cache;
	unsigned i = ((uint8_t *)obj - s->base) / c->size;
#if KHEAP_DEBUG
	if (c->flags & KMEM_DEBUG)
		kheapdbg_on_free(c, s, i, site);
#else
	(void)site;
#endif
	slab_free_index(c, s, i);
}

__attribute__((noinline)) void slab_free_debug(struct kmem_cache *c, struct slab *s, unsigned i,
					       uintptr_t site)
{
#if KHEAP_DEBUG
	kheapdbg_check_live(c, s, i, site); /* may report; nothing changed yet */
	kheapdbg_on_free(c, s, i, site);
#else
	(void)site;
#endif
	slab_free_index(c, s, i);
}

/* --- caches ----------------------------------------------------------------- */

struct slab *slab_desc_alloc(void)
{
	return kmem_cache_alloc_site(&desc_cache, sizeof(struct slab), 0);
}

void slab_desc_free(struct slab *s)
{
	slab_free_object(slab_owner(s, NULL), s, 0);
}

bool kmem_cache_setup(struct kmem_cache *c, const char *name, size_t size, size_t align,
		      unsigned flags)
{
	if (size == 0 || size > KMEM_CACHE_MAX_SIZE)
		return false;
	if (align == 0)
		align = 16;
	if ((align & (align - 1)) || align > PAGE_SIZE)
		return false;
	if (align < 16)
		align = 16;
	size_t slot = size;
	if (KHEAP_DEBUG && !(flags & KMEM_INTERNAL)) {
		flags |= KMEM_DEBUG;
		/* kmalloc classes get their red zone from the request size */
		if (!(flags & KMEM_KMALLOC))
			slot += KHEAP_REDZONE_MIN;
	}
	slot = (slot + align - 1) & ~(align - 1);

	memset(c, 0, sizeof *c);
	c->name = name;
	c->object_size = size;
	c->size = slot;
	c->align = align;
	c->flags = flags;
	size_t room = PAGE_SIZE;
	if (c == &desc_cache) {
		room -= sizeof(struct slab); /* its descriptor sits at the page end */
	} else {
		/* fewest pages that hold 8 objects, or at least one */
		while (c->order < SLAB_MAX_ORDER && ((PAGE_SIZE << c->order) / slot < 8))
			c->order++;
		room = PAGE_SIZE << c->order;
	}
	c->per_slab = room / slot;
	if (c->per_slab > SLAB_MAX_OBJS)
		c->per_slab = SLAB_MAX_OBJS;
	if (c->per_slab == 0)
		return false;

	struct kmem_cache **pp = &all_caches; /* keep creation order */
	while (*pp)
		pp = &(*pp)->next_cache;
	*pp = c;
	return true;
}

void slab_init(const struct kheap_pages *p)
{
	slab_pages = p;
	kmem_cache_setup(&desc_cache, "kheap-slab", sizeof(struct slab), 16,
			 KMEM_INTERNAL | KMEM_STATIC);
	kmem_cache_setup(&cache_cache, "kheap-cache", sizeof(struct kmem_cache), 16,
			 KMEM_INTERNAL | KMEM_STATIC);
}

struct kmem_cache *kmem_cache_first(void)
{
	return all_caches;
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align)
{
	struct kmem_cache *c = kmem_cache_alloc_site(&cache_cache, sizeof *c, 0);
	if (!c)
		return NULL;
	if (!kmem_cache_setup(c, name, size, align, 0)) {
		slab_free_object(slab_owner(c, NULL), c, 0);
		return NULL;
	}
	return c;
}

void kmem_cache_destroy(struct kmem_cache *c)
{
	if (!c)
		return;
	if (c->inuse)
		slab_cache_leak(c, SITE()); /* reports; the cache stays as it was */
	if (c->cur)
		slab_release(c, c->cur);
	c->cur = NULL;
	struct kmem_cache **pp = &all_caches;
	while (*pp && *pp != c)
		pp = &(*pp)->next_cache;
	if (*pp)
		*pp = c->next_cache;
	if (!(c->flags & KMEM_STATIC))
		slab_free_object(slab_owner(c, NULL), c, 0);
}

void *kmem_cache_alloc(struct kmem_cache *c)
{
	void *p = kmem_cache_alloc_site(c, c->object_size, SITE());
	if (TRACE_ON() && p)
		trace_slab("slab_alloc", c->name, p, c->object_size);
	return p;
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	if (!obj)
		return;
	uintptr_t site = SITE();
	struct slab *s = slab_owner(obj, NULL);
	if (!s || s->kind != SLAB_OBJECTS)
		kheap_bad_free(obj, s, c, site);
	if (TRACE_ON())
		trace_slab("slab_free", c->name, obj, c->object_size);
	slab_free_checked(s, obj, c, site);
}

void kmem_cache_stats(const struct kmem_cache *c, struct kmem_cache_stats *st)
{
	st->name = c->name;
	st->object_size = c->object_size;
	st->slot_size = c->size;
	st->active_objs = c->inuse;
	st->total_objs = c->nslabs * c->per_slab;
	st->slabs = c->nslabs;
	st->bytes = c->nslabs * (PAGE_SIZE << c->order);
}

/* Releases c's cached empty slab; returns the pages it had. */
static unsigned long cache_shrink(struct kmem_cache *c)
{
	if (!c->cur || c->cur->inuse)
		return 0;
	unsigned long pages = 1UL << c->cur->order;
#if KHEAP_DEBUG
	if (c->cur->track)
		pages += 1UL << c->cur->track_order;
#endif
	slab_release(c, c->cur);
	c->cur = NULL;
	return pages;
}

unsigned long kmem_cache_shrink_all(void)
{
	unsigned long before = pages_held;
	for (struct kmem_cache *c = all_caches; c; c = c->next_cache)
		if (!(c->flags & KMEM_INTERNAL))
			cache_shrink(c);
	/* descriptors last: the releases above free descriptors */
	cache_shrink(&cache_cache);
	cache_shrink(&desc_cache);
	return before - pages_held;
}
