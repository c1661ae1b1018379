/*
 * kmalloc.c - size classes, large blocks, the heap's totals and its
 * consistency checks; see kmalloc.h.
 *
 * Theory of operation. A request of n bytes up to 2048 goes to the cache
 * of its size class. For n <= 256 the class comes from a 17-entry table
 * indexed by (n + 15) >> 4, so the common case is one load; above that the
 * classes are powers of two, found with one clz. Debug mode needs room for
 * a red zone of at least KHEAP_REDZONE_MIN bytes after the exact request,
 * and power-of-two requests must stay naturally aligned, so its slot is
 * the next power of two of n + 16: the table is filled accordingly at
 * start (every n in one 16-byte bucket needs the same power of two, since
 * no power of two >= 32 lies strictly inside (16k, 16k + 16)).
 *
 * Anything bigger is a large block: 2^order whole pages from the provider
 * with a descriptor from the descriptor cache; every page's owner slot
 * points to it, so kfree finds it as it finds a slab, and a pointer into
 * the middle is recognized. Large blocks are on one list for the totals,
 * checks and leak listings.
 */
#include "mm/kmalloc.h"
#include "lib/kprintf.h"
#include "mm/kheap_debug.h"
#include "mm/trace_mm.h"

#ifdef HOST_TEST
#include <string.h>
#else
#include "lib/string.h"
#endif

#define SITE() (KHEAP_DEBUG ? (uintptr_t)__builtin_return_address(0) : 0)
#define NCLASSES 10

static const char *const class_names[NCLASSES] = {
    "kmalloc-16",  "kmalloc-32",  "kmalloc-64",	 "kmalloc-96",	 "kmalloc-128",
    "kmalloc-192", "kmalloc-256", "kmalloc-512", "kmalloc-1024", "kmalloc-2048",
};
static const unsigned class_sizes[NCLASSES] = {16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048};
static struct kmem_cache classes[NCLASSES];
static struct kmem_cache *small_table[17]; /* by (n + 15) >> 4, n <= 256 */
static struct slab *large_list;
static unsigned long large_count, large_bytes;
static bool ready;

/* Returns the cache of a request of n bytes, or NULL for a large block. */
static inline struct kmem_cache *size_class(size_t n)
{
	if (n <= 256)
		return small_table[(n + 15) >> 4];
	if (n > KMALLOC_MAX_CACHE_SIZE)
		return NULL; /* before n + 16 can wrap */
	size_t need = KHEAP_DEBUG ? n + KHEAP_REDZONE_MIN : n;
	if (need > KMALLOC_MAX_CACHE_SIZE)
		return NULL;
	/* need in (2^(k-1), 2^k], k = 9..11: classes 7..9 */
	return &classes[(64 - __builtin_clzll(need - 1)) - 2];
}

/* Returns the order of the block of whole pages a large request needs. */
static unsigned large_order(size_t n)
{
	size_t need = KHEAP_DEBUG ? n + KHEAP_REDZONE_MIN : n;
	size_t pages = (need + PAGE_SIZE - 1) / PAGE_SIZE;
	unsigned o = 0;
	while ((1UL << o) < pages)
		o++;
	return o;
}

bool kheap_init_with(const struct kheap_pages *p)
{
	if (ready)
		return false;
	slab_init(p);
	for (int i = 0; i < NCLASSES; i++)
		kmem_cache_setup(&classes[i], class_names[i], class_sizes[i], 16,
				 KMEM_KMALLOC | KMEM_STATIC);
	for (unsigned k = 0; k <= 16; k++) {
		size_t need = 16 * k + (KHEAP_DEBUG && k ? KHEAP_REDZONE_MIN : 0);
		int i = 0;
		/* debug slots must be powers of two: skip 96 and 192 */
		while (class_sizes[i] < need ||
		       (KHEAP_DEBUG && (class_sizes[i] & (class_sizes[i] - 1))))
			i++;
		small_table[k] = &classes[i];
	}
	ready = true;
	return true;
}

bool kheap_ready(void)
{
	return ready;
}

/* --- large blocks --------------------------------------------------------------- */

/* Returns a new large block of n bytes, or NULL. */
static void *large_alloc(size_t n, uintptr_t site)
{
	if (!ready || n > KMALLOC_MAX_SIZE)
		return NULL;
	unsigned order = large_order(n);
	struct slab *d = slab_desc_alloc();
	if (!d)
		return NULL;
	uint8_t *p = slab_pages_alloc(order);
	if (!p) {
		slab_desc_free(d);
		return NULL;
	}
	memset(d, 0, sizeof *d);
	d->kind = SLAB_LARGE;
	d->order = order;
	d->base = p;
	d->total = d->inuse = 1;
	d->u.large.size = n;
	slab_set_owner(p, order, d);
	d->next = large_list;
	if (large_list)
		large_list->prev = d;
	large_list = d;
	large_count++;
	large_bytes += PAGE_SIZE << order;
#if KHEAP_DEBUG
	kheapdbg_large_alloc(d, n, site);
#else
	(void)site;
#endif
	return p;
}

/* Gives a (checked) large block back to the provider. */
static void large_free(struct slab *d, uintptr_t site)
{
#if KHEAP_DEBUG
	kheapdbg_large_check(d, site); /* may report; nothing changed yet */
	kheapdbg_large_freed(d, site);
#else
	(void)site;
#endif
	if (d->prev)
		d->prev->next = d->next;
	else
		large_list = d->next;
	if (d->next)
		d->next->prev = d->prev;
	large_count--;
	large_bytes -= PAGE_SIZE << d->order;
	slab_set_owner(d->base, d->order, NULL);
	slab_pages_free(d->base, d->order);
	slab_desc_free(d);
}

/* --- the API ---------------------------------------------------------------------- */

/* Returns a block of n bytes recorded as allocated at site, or NULL. */
static inline void *kmalloc_site(size_t n, uintptr_t site)
{
	struct kmem_cache *c = size_class(n);
	void *p = __builtin_expect(c != NULL, 1)
		      ? kmem_cache_alloc_site(c, n, site)
		      : large_alloc(n, site); /* NULL before kheap_init */
	if (TRACE_ON() && p)
		trace_slab("slab_alloc", c ? c->name : "large", p, n);
	return p;
}

/* Writes the trace's slab_free line for p (its cache and size), before the free. */
__attribute__((noinline, cold)) static void trace_free(void *p)
{
	struct slab *s = slab_owner(p, NULL);
	if (s && s->kind == SLAB_OBJECTS)
		trace_slab("slab_free", s->cache->name, p, s->cache->object_size);
	else if (s && s->kind == SLAB_LARGE)
		trace_slab("slab_free", "large", p, s->u.large.size);
}

/* kfree of anything but a kmalloc slab object: a large block or an error. */
__attribute__((noinline, cold)) static void kfree_slow(void *p, struct slab *s, uintptr_t site)
{
	if (s && s->kind == SLAB_LARGE && p == s->base)
		large_free(s, site);
	else
		kheap_bad_free(p, s, NULL, site);
}

/* Frees p for the caller at site; kmalloc slab objects take the short path. */
static inline __attribute__((always_inline)) void kfree_site(void *p, uintptr_t site)
{
	struct slab *s = slab_owner(p, NULL);
	if (__builtin_expect(s && s->kind == SLAB_OBJECTS && (s->cache->flags & KMEM_KMALLOC), 1))
		slab_free_checked(s, p, NULL, site);
	else
		kfree_slow(p, s, site);
}

/* kfree when the quick owner lookup had no answer: the full lookup. */
__attribute__((noinline, cold)) static void kfree_lookup(void *p, uintptr_t site)
{
	kfree_site(p, site);
}

void *kmalloc(size_t size)
{
	return kmalloc_site(size, SITE());
}

/*
 * The fast path is one function with no call (the budget of a small
 * kmalloc+kfree pair is 100 instructions): the quick owner lookup, then
 * the checks and the free, inline down to the bitmap. Anything else (a
 * later page of a multi-page slab, a large block, an error) goes out of
 * line, by a tail call.
 */
void kfree(void *p)
{
	if (!p)
		return;
	if (TRACE_ON())
		trace_free(p);
	uintptr_t site = SITE();
	struct slab *s = slab_owner_quick(p);
	if (__builtin_expect(s && s->kind == SLAB_OBJECTS && (s->cache->flags & KMEM_KMALLOC), 1))
		slab_free_checked(s, p, NULL, site);
	else if (s)
		kfree_slow(p, s, site); /* a quick answer is exact: large block or error */
	else
		kfree_lookup(p, site);
}

void *kzalloc(size_t size)
{
	void *p = kmalloc_site(size, SITE());
	if (p)
		memset(p, 0, size);
	return p;
}

void *kmalloc_array(size_t n, size_t size)
{
	size_t bytes;
	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc_site(bytes, SITE());
}

void *kcalloc(size_t n, size_t size)
{
	size_t bytes;
	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	void *p = kmalloc_site(bytes, SITE());
	if (p)
		memset(p, 0, bytes);
	return p;
}

void *krealloc(void *p, size_t n)
{
	uintptr_t site = SITE();
	if (!p)
		return kmalloc_site(n, site);
	if (n == 0) {
		if (TRACE_ON())
			trace_free(p);
		kfree_site(p, site);
		return NULL;
	}
	struct slab *s = slab_owner(p, NULL);
	size_t old;
	if (s && s->kind == SLAB_OBJECTS && (s->cache->flags & KMEM_KMALLOC)) {
		struct kmem_cache *c = s->cache;
		slab_check_object(s, p, NULL, site); /* the red zone too */
		unsigned i = ((uint8_t *)p - s->base) / c->size;
		if (size_class(n) == c) {
#if KHEAP_DEBUG
			kheapdbg_resize(c, s, i, n);
#endif
			return p;
		}
#if KHEAP_DEBUG
		old = s->track[i].size;
#else
		old = c->size;
		(void)i;
#endif
	} else if (s && s->kind == SLAB_LARGE && p == s->base) {
#if KHEAP_DEBUG
		kheapdbg_large_check(s, site);
#endif
		if (!size_class(n) && n <= KMALLOC_MAX_SIZE && large_order(n) == s->order) {
#if KHEAP_DEBUG
			kheapdbg_large_resize(s, n);
#endif
			s->u.large.size = n;
			return p;
		}
		old = KHEAP_DEBUG ? s->u.large.size : PAGE_SIZE << s->order;
	} else {
		kheap_bad_free(p, s, NULL, site);
	}
	void *q = kmalloc_site(n, site);
	if (!q)
		return NULL; /* p is untouched */
	memcpy(q, p, old < n ? old : n);
	if (TRACE_ON())
		trace_free(p);
	kfree_site(p, site);
	return q;
}

size_t kmalloc_usable_size(const void *p)
{
	struct slab *s = p && ready ? slab_owner(p, NULL) : NULL;
	if (s && s->kind == SLAB_LARGE)
		return KHEAP_DEBUG ? s->u.large.size : PAGE_SIZE << s->order;
	if (!s || s->kind != SLAB_OBJECTS)
		return 0;
#if KHEAP_DEBUG
	if (s->track)
		return s->track[((const uint8_t *)p - s->base) / s->cache->size].size;
#endif
	return s->cache->size;
}

size_t kmalloc_slot_size(size_t size)
{
	struct kmem_cache *c = size_class(size);
	if (c)
		return c->size;
	return size > KMALLOC_MAX_SIZE ? 0 : PAGE_SIZE << large_order(size);
}

/* --- totals, statistics, checks --------------------------------------------------- */

unsigned long kheap_live_objects(void)
{
	unsigned long n = large_count;
	for (struct kmem_cache *c = kmem_cache_first(); c; c = c->next_cache)
		if (!(c->flags & KMEM_INTERNAL))
			n += c->inuse;
	return n;
}

unsigned long kheap_live_bytes(void)
{
	unsigned long n = large_bytes;
	for (struct kmem_cache *c = kmem_cache_first(); c; c = c->next_cache)
		if (!(c->flags & KMEM_INTERNAL))
			n += c->inuse * c->size;
	return n;
}

unsigned long kheap_pages_held(void)
{
	return slab_pages_held();
}

unsigned long kheap_shrink(void)
{
	return ready ? kmem_cache_shrink_all() : 0;
}

void kheap_print_slabinfo(void)
{
	struct kmem_cache_stats st;
	kprintf("slabinfo: %-14s %7s %6s %8s %8s %6s %9s\n", "name", "objsize", "slot", "active",
		"total", "slabs", "bytes");
	for (struct kmem_cache *c = kmem_cache_first(); c; c = c->next_cache) {
		kmem_cache_stats(c, &st);
		kprintf("slabinfo: %-14s %7zu %6zu %8lu %8lu %6lu %9lu\n", st.name, st.object_size,
			st.slot_size, st.active_objs, st.total_objs, st.slabs, st.bytes);
	}
	kprintf("slabinfo: %-14s %7s %6s %8lu %8lu %6lu %9lu\n", "kmalloc-large", "-", "-",
		large_count, large_count, large_count, large_bytes);
	kprintf("slabinfo: live objects %lu, live bytes %lu, pages held %lu\n",
		kheap_live_objects(), kheap_live_bytes(), kheap_pages_held());
}

/* Reports a broken invariant of the large-block list. */
__attribute__((noreturn)) static void large_corrupt(const struct slab *d, const char *what)
{
	struct kheap_report r = {.id = MEMERR_HEAP_CORRUPTION,
				 .why = what,
				 .addr = d,
				 .bad_off = -1,
				 .cache = "kmalloc-large"};
	kheap_report(&r);
}

bool kheap_check(void)
{
	if (!ready)
		return true;
	unsigned long pages = 0, n = 0, bytes = 0;
	for (struct kmem_cache *c = kmem_cache_first(); c; c = c->next_cache)
		pages += kmem_cache_check(c);
	for (struct slab *d = large_list, *prev = NULL; d; prev = d, d = d->next) {
		if (d->kind != SLAB_LARGE || d->prev != prev || d->inuse != 1)
			large_corrupt(d, "large block descriptor is broken");
		for (unsigned long i = 0; i < 1UL << d->order; i++)
			if (slab_owner(d->base + i * PAGE_SIZE, NULL) != d)
				large_corrupt(d, "a page of a large block does not point at it");
#if KHEAP_DEBUG
		kheapdbg_large_check(d, 0);
#endif
		n++;
		bytes += PAGE_SIZE << d->order;
	}
	if (n != large_count || bytes != large_bytes)
		large_corrupt(NULL, "large block counters disagree with the list");
	if (pages + bytes / PAGE_SIZE != slab_pages_held())
		large_corrupt(NULL, "pages held disagree with the slabs and blocks");
	return true;
}

void kheap_walk_live(kheap_walk_fn fn, void *ctx)
{
	if (!ready)
		return;
	for (struct kmem_cache *c = kmem_cache_first(); c; c = c->next_cache)
		if (!(c->flags & KMEM_INTERNAL))
			kmem_cache_walk(c, fn, ctx);
	for (struct slab *d = large_list; d; d = d->next) {
		const struct kheap_track *t = NULL;
#if KHEAP_DEBUG
		t = &d->u.large.track;
#endif
		fn(ctx, "kmalloc-large", PAGE_SIZE << d->order, d->base, t);
	}
}

/* kheap_list_leaks's view of the whole heap: kheap_walk_live. */
static void walk_heap(const void *arg, kheap_walk_fn fn, void *ctx)
{
	(void)arg;
	kheap_walk_live(fn, ctx);
}

unsigned long kheap_report_leaks(unsigned long mark)
{
	return kheap_list_leaks(walk_heap, NULL, mark);
}
