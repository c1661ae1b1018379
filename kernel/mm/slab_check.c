/*
 * slab_check.c - walking a cache's live objects and verifying its
 * invariants (slab.h); used by kmalloc's totals, checks and leak listings
 * and by kmem_cache_destroy, never on the allocation paths.
 *
 * What a cache must satisfy, slab by slab: the descriptor matches its
 * cache (kind, object count, order); the free bitmap agrees with the
 * in-use count and has no bit beyond the last object; a slab on the full
 * list is full and one on the partial list is neither full nor empty (cur
 * may be anything); every page of the slab points back at the descriptor;
 * the lists are doubly linked without cur on them; and the cache's
 * counters equal the sums over its slabs. In debug mode the slab's
 * tracking pages must belong to the heap's metadata, and every slot is
 * checked: poison in the free ones, the red zone after the live ones
 * (kheap_debug.h). A breach is reported as HEAP ERROR [heap-corruption]
 * (or the slot's own error) and panics.
 */
#include "mm/slab.h"
#include "lib/panic.h"
#include "mm/kheap_debug.h"

/* --- walking ---------------------------------------------------------------------- */

/* Calls fn for each live object of slab s. */
static void walk_slab(const struct kmem_cache *c, const struct slab *s, kheap_walk_fn fn, void *ctx)
{
	for (unsigned i = 0; i < s->total; i++) {
		if ((s->u.freemap[i / 64] >> (i % 64)) & 1)
			continue;
		const struct kheap_track *t = NULL;
#if KHEAP_DEBUG
		if (s->track)
			t = &s->track[i];
#endif
		fn(ctx, c->name, c->size, s->base + i * c->size, t);
	}
}

void kmem_cache_walk(const struct kmem_cache *c, kheap_walk_fn fn, void *ctx)
{
	if (c->cur)
		walk_slab(c, c->cur, fn, ctx);
	for (const struct slab *s = c->partial; s; s = s->next)
		walk_slab(c, s, fn, ctx);
	for (const struct slab *s = c->full; s; s = s->next)
		walk_slab(c, s, fn, ctx);
}

/* kheap_list_leaks's view of one cache: kmem_cache_walk. */
static void walk_cache(const void *c, kheap_walk_fn fn, void *ctx)
{
	kmem_cache_walk(c, fn, ctx);
}

void slab_cache_leak(const struct kmem_cache *c, uintptr_t site)
{
	char s[128];
	kheap_list_leaks(walk_cache, c, 0);
	kheap_symbolize(site, s, sizeof s);
	kheap_report_line("  found by:       kmem_cache_destroy(%s) called from %s", c->name, s);
	kheap_report_line("  action:         panic (the cache and its objects are left as they "
			  "were)");
	panic("HEAP ERROR [leak]: kmem_cache_destroy(%s) with %lu live objects", c->name, c->inuse);
}

/* --- checking --------------------------------------------------------------------- */

/* Reports a broken invariant of cache c. */
__attribute__((noreturn)) static void corrupt(const struct kmem_cache *c, const struct slab *s,
					      const char *what)
{
	/* No block: the damage is in the records (s is the descriptor), so the
	 * report names the cache after the detail instead of a block line. */
	struct kheap_report r = {.id = MEMERR_HEAP_CORRUPTION, .why = what, .bad_off = -1};
	r.cache = c->name;
	r.slot = c->size;
	r.addr = s;
	kheap_report(&r);
}

/*
 * Checks one slab of c; expect_full: 1 full, 0 partial, -1 cur (anything).
 * Returns the pages it holds (objects and debug tracks).
 */
static unsigned long check_slab(struct kmem_cache *c, struct slab *s, int expect_full)
{
	if (s->cache != c || s->kind != SLAB_OBJECTS || s->total != c->per_slab ||
	    s->order != c->order)
		corrupt(c, s, "slab descriptor does not match its cache");
	if (slab_count_free(s) != (unsigned)(s->total - s->inuse))
		corrupt(c, s, "free bitmap disagrees with the in-use count");
	for (unsigned i = s->total; i < SLAB_MAX_OBJS; i++)
		if ((s->u.freemap[i / 64] >> (i % 64)) & 1)
			corrupt(c, s, "free bit set beyond the last object");
	if (expect_full == 1 && s->inuse != s->total)
		corrupt(c, s, "slab on the full list has free objects");
	if (expect_full == 0 && (s->inuse == 0 || s->inuse == s->total))
		corrupt(c, s, "slab on the partial list is empty or full");
	for (unsigned long p = 0; p < 1UL << s->order; p++)
		if (slab_owner(s->base + p * PAGE_SIZE, NULL) != s)
			corrupt(c, s, "a page of the slab does not point at its descriptor");
	unsigned long pages = 1UL << s->order;
#if KHEAP_DEBUG
	if (!(c->flags & KMEM_DEBUG))
		return pages;
	if (!s->track || slab_owner(s->track, NULL) != &slab_meta)
		corrupt(c, s, "debug tracking pages are missing");
	pages += 1UL << s->track_order;
	for (unsigned i = 0; i < s->total; i++) {
		if ((s->u.freemap[i / 64] >> (i % 64)) & 1)
			kheapdbg_check_free_slot(c, s, i, 0);
		else
			kheapdbg_check_live(c, s, i, 0);
	}
#endif
	return pages;
}

/* Checks a list of c's slabs; returns the objects in use on it. */
static unsigned long check_list(struct kmem_cache *c, struct slab *head, int full,
				unsigned long *nslabs, unsigned long *pages)
{
	unsigned long inuse = 0;
	for (struct slab *s = head, *prev = NULL; s; prev = s, s = s->next) {
		if (s->prev != prev || s == c->cur)
			corrupt(c, s, "slab list links are broken");
		*pages += check_slab(c, s, full);
		inuse += s->inuse;
		++*nslabs;
	}
	return inuse;
}

unsigned long kmem_cache_check(struct kmem_cache *c)
{
	unsigned long nslabs = 0, inuse = 0, pages = 0;
	if (c->cur) {
		pages += check_slab(c, c->cur, -1);
		inuse += c->cur->inuse;
		nslabs++;
	}
	inuse += check_list(c, c->partial, 0, &nslabs, &pages);
	inuse += check_list(c, c->full, 1, &nslabs, &pages);
	if (inuse != c->inuse || nslabs != c->nslabs)
		corrupt(c, NULL, "cache counters disagree with its slabs");
	return pages;
}
