/*
 * kheap_debug.c - heap error detection and reports; see kheap_debug.h.
 *
 * Theory of operation. In debug mode every slot is in one of two states,
 * each with a pattern the heap can verify without trusting anything that
 * lives in the slot:
 *   free:  the whole slot holds 0x6b; verified when the slot is handed
 *          out again, so a write after free is found at the next reuse;
 *   live:  [0, size) belongs to the caller (filled with 0x5a when handed
 *          out), [size, slot) is red zone 0xcc, verified at kfree, at
 *          krealloc and by kheap_check(), so an overflow by even one byte
 *          past the EXACT requested size is found.
 * Per object, out of band (struct kheap_track, in pages of their own), the
 * heap remembers the requested size, the allocating and the freeing call
 * sites and an allocation number for leak listings since a mark. Large
 * blocks go back to the page provider when freed, so a small ring of
 * recently freed large blocks tells a double free from a wild pointer.
 *
 * The invalid/double free classification and the report format are used
 * in both modes (the slab bitmap finds a double free even without debug);
 * without KHEAP_DEBUG only the sites and sizes are missing. The report is
 * a struct memerr_report printed by memerr_format (common/memerr), so its
 * ids, words and lines are those of the user malloc's checker; only the
 * cache and slot, the kernel's own facts, are added to the block line.
 */
#include "mm/kheap_debug.h"
#include "lib/kprintf.h"
#include "lib/panic.h"

#include <stdarg.h>

#ifdef HOST_TEST
#include <string.h>
#else
#include "lib/backtrace.h"
#include "lib/string.h"
#endif

static char last_report[2048];
static size_t last_len;

/*
 * Prints one line of the report being built and appends it to the kept
 * text: memerr_format's emit, so the kernel's reports have memerr's layout.
 */
static void rline(void *ctx, const char *line)
{
	(void)ctx;
	kprintf("%s\n", line);
	if (last_len < sizeof last_report)
		last_len +=
		    ksnprintf(last_report + last_len, sizeof last_report - last_len, "%s\n", line);
	if (last_len > sizeof last_report)
		last_len = sizeof last_report;
}

/* rline for the lines memerr has no field for (the leak listing). */
void kheap_report_line(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	rline(NULL, line);
}

/* Starts a new report: forgets the text of the last one. */
static void rstart(void)
{
	last_len = 0;
	last_report[0] = '\0';
}

const char *kheap_last_report(void)
{
	return last_report;
}

void kheap_symbolize(uintptr_t addr, char *buf, size_t size)
{
	if (!addr) {
		ksnprintf(buf, size, "-");
		return;
	}
#ifdef HOST_TEST
	ksnprintf(buf, size, "0x%lx", (unsigned long)addr);
#else
	char sym[96];
	backtrace_symbolize(addr, sym, sizeof sym);
	ksnprintf(buf, size, "%s (0x%lx)", sym, (unsigned long)addr);
#endif
}

/* What exactly happened, when the caller gives no why: the user malloc's words. */
static const char *default_detail(enum memerr_id id)
{
	switch (id) {
	case MEMERR_HEAP_OVERFLOW: return "a write past the end of the block (into its red zone)";
	case MEMERR_USE_AFTER_FREE: return "a write to the block after it was freed";
	case MEMERR_DOUBLE_FREE: return "the block was freed before";
	default: return NULL;
	}
}

void kheap_report(const struct kheap_report *r)
{
	char detail[192], where[128], found[48], action[96];
	const char *why = r->why ? r->why : default_detail(r->id);
	struct memerr_report m = {
	    .id = r->id,
	    .detail = why,
	    .addr = (uintptr_t)r->addr,
	    .block = (uintptr_t)r->block,
	    .size = r->size,
	    .size_known = r->track != NULL,
	    .bad_off = r->bad_off,
	    .bad_known = r->bad_off >= 0,
	    .bad_val = r->bad_val,
	    .expected = r->expected,
	    .alloc_site = r->track ? r->track->alloc_site : 0,
	    .free_site = r->track ? r->track->free_site : 0,
	    .found_call = found,
	    .found_arg = (uintptr_t)r->arg,
	    .found_site = r->site,
	    .action = action,
	};
	/* The cache and slot are the kernel's own facts: on the block line,
	 * or, for damaged bookkeeping outside any block, after the detail. */
	if (r->cache && r->block) {
		ksnprintf(where, sizeof where, "cache %s, slot %zu bytes%s", r->cache, r->slot,
			  r->track ? "" : " (the requested size is kept only with KHEAP_DEBUG)");
		m.where = where;
	} else if (r->cache) {
		ksnprintf(detail, sizeof detail, "%s (cache %s)", why ? why : "", r->cache);
		m.detail = detail;
	}
	/* memerr adds "(arg)" after the call; a call without one gets "()". */
	ksnprintf(found, sizeof found, "%s%s", r->call ? r->call : "kheap_check",
		  r->call && r->arg ? "" : "()");
	ksnprintf(action, sizeof action, "panic%s%s%s", r->fixed ? " (" : "",
		  r->fixed ? r->fixed : "", r->fixed ? ")" : "");
	rstart();
	memerr_format(&m, rline, NULL, kheap_symbolize);

	const char *id = memerr_id_name(r->id), *call = r->call ? r->call : "kfree";
	const uint8_t *blk = r->block;
	if (r->bad_off >= 0)
		panic(
		    "HEAP ERROR [%s]: block %p of %zu bytes, byte +%ld = 0x%02x (expected 0x%02x)",
		    id, blk, r->size, r->bad_off, r->bad_val, r->expected);
	if (r->why)
		panic("HEAP ERROR [%s]: %s() of %p: %s", id, call, r->addr, r->why);
	panic("HEAP ERROR [%s]: %s() of %p, block %p of %zu bytes", id, call, r->addr, blk,
	      r->size);
}

void kheap_bad_free(const void *p, struct slab *s, const struct kmem_cache *want, uintptr_t site)
{
	static char why[160];
	struct kheap_report r = {.id = MEMERR_INVALID_FREE,
				 .why = why,
				 .addr = p,
				 .arg = p,
				 .site = site,
				 .bad_off = -1,
				 .call = want ? "kmem_cache_free" : "kfree"};
	const uint8_t *b = p;
	if (!s) {
#if KHEAP_DEBUG
		kheapdbg_large_double_free(p, r.call, site);
#endif
		ksnprintf(why, sizeof why, "%p was never returned by the heap", p);
		kheap_report(&r);
	}
	if (s->kind == SLAB_META ||
	    (s->kind == SLAB_OBJECTS && (s->cache->flags & KMEM_INTERNAL))) {
		ksnprintf(why, sizeof why, "%p points into the heap's own bookkeeping", p);
		kheap_report(&r);
	}
	if (s->kind == SLAB_LARGE) {
		r.block = s->base;
		r.size = s->u.large.size;
		r.cache = "kmalloc-large";
		r.slot = PAGE_SIZE << s->order;
#if KHEAP_DEBUG
		r.track = &s->u.large.track;
#endif
		if (b == s->base)
			ksnprintf(why, sizeof why, "the block is from kmalloc(), not from cache %s",
				  want ? want->name : "?");
		else
			ksnprintf(why, sizeof why,
				  "%p is %ld bytes inside the %zu-byte block at %p", p,
				  (long)(b - s->base), r.size, s->base);
		kheap_report(&r);
	}
	struct kmem_cache *c = s->cache;
	size_t off = b - s->base, i = off / c->size;
	r.cache = c->name;
	r.slot = c->size;
	r.block = s->base + i * c->size;
	r.size = c->object_size;
#if KHEAP_DEBUG
	if (s->track && i < s->total) {
		r.track = &s->track[i];
		r.size = s->track[i].size;
	}
#endif
	bool is_free = i < s->total && ((s->u.freemap[i / 64] >> (i % 64)) & 1);
	if (i >= s->total) {
		r.block = NULL;
		ksnprintf(why, sizeof why, "%p is in the unused end of a slab of %s", p, c->name);
	} else if (off % c->size) {
		ksnprintf(why, sizeof why, "%p is %zu bytes inside the %s%zu-byte block at %p", p,
			  off % c->size, is_free ? "freed " : "", r.size, r.block);
	} else if (is_free) {
		r.id = MEMERR_DOUBLE_FREE;
		r.why = NULL;
	} else if (want && c != want) {
		ksnprintf(why, sizeof why, "the object belongs to cache %s, not %s", c->name,
			  want->name);
	} else {
		ksnprintf(why, sizeof why, "the object belongs to cache %s: use kmem_cache_free()",
			  c->name);
	}
	kheap_report(&r);
}

/* State of a leak listing: objects allocated since mark, counted first. */
struct leaks {
	unsigned long mark, count, bytes;
	bool untracked; /* an object without a track: its slot counted */
};

/* Whether a live object belongs to the listing (allocated since the mark). */
static bool leaked(const struct leaks *l, const struct kheap_track *t)
{
	return !t || t->seq >= l->mark;
}

static void leak_count(void *ctx, const char *cache, size_t slot, const void *obj,
		       const struct kheap_track *t)
{
	struct leaks *l = ctx;
	(void)cache, (void)obj;
	if (!leaked(l, t))
		return;
	l->count++;
	l->bytes += t ? t->size : slot;
	l->untracked |= !t;
}

/* Lists one leaked object, in the layout of the user malloc's leak list. */
static void leak_line(void *ctx, const char *cache, size_t slot, const void *obj,
		      const struct kheap_track *t)
{
	if (!leaked(ctx, t))
		return;
	if (!t) {
		kheap_report_line("  block:          %p, cache %s, slot %zu bytes", obj, cache,
				  slot);
		return;
	}
	char a[128];
	kheap_symbolize(t->alloc_site, a, sizeof a);
	kheap_report_line("  block:          %p, %zu bytes requested, cache %s, slot %zu bytes, "
			  "allocated by %s",
			  obj, (size_t)t->size, cache, slot, a);
}

/* Starts a leak report: memerr's first line, with the totals. */
static void leak_head(const struct leaks *l)
{
	char detail[96];
	ksnprintf(detail, sizeof detail, "%lu %s, %s%lu %s never freed", l->count,
		  l->count == 1 ? "block" : "blocks", l->untracked ? "at most " : "", l->bytes,
		  l->bytes == 1 ? "byte" : "bytes");
	struct memerr_report r = {.id = MEMERR_LEAK, .detail = detail};
	rstart();
	memerr_format(&r, rline, NULL, kheap_symbolize);
}

/* Walks twice: counts first (the report's first line has the totals), then lists. */
unsigned long kheap_list_leaks(kheap_walker walk, const void *arg, unsigned long mark)
{
	struct leaks l = {.mark = mark};
	walk(arg, leak_count, &l);
	if (!l.count)
		return 0;
	leak_head(&l);
	walk(arg, leak_line, &l);
	return l.count;
}

#if KHEAP_DEBUG
static uint32_t alloc_seq = 1;

unsigned long kheap_mark(void)
{
	return alloc_seq;
}

/* The bytes of a large block that are filled and checked as red zone. */
static size_t large_rz_end(const struct slab *d)
{
	size_t end = (d->u.large.size + KHEAP_REDZONE_MIN + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	size_t bytes = PAGE_SIZE << d->order;
	return end < bytes ? end : bytes;
}

void kheapdbg_slab_init(struct kmem_cache *c, struct slab *s)
{
	memset(s->base, KHEAP_POISON_FREE, s->total * c->size);
}

/* Fills in the report fields of object i of slab s. */
static void object_report(struct kheap_report *r, struct kmem_cache *c, struct slab *s, unsigned i,
			  uintptr_t site)
{
	r->block = s->base + i * c->size;
	r->size = s->track[i].size;
	r->cache = c->name;
	r->slot = c->size;
	r->track = &s->track[i];
	r->site = site;
	r->call = site ? "kmalloc" : NULL;
}

void kheapdbg_check_free_slot(struct kmem_cache *c, struct slab *s, unsigned i, uintptr_t site)
{
	/* LAB(kheap) BEGIN: part 4, a free slot must still hold the free poison
	 * stub: (void)c;
	 * stub: (void)s;
	 * stub: (void)i;
	 * stub: (void)site;
	 * stub: (void)object_report;
	 * stub: panic("not implemented: see docs/labs/kheap.md (part 4, kheapdbg_check_free_slot)");
	 */
	uint8_t *obj = s->base + i * c->size;
	long bad = memerr_find_bad(obj, c->size, KHEAP_POISON_FREE);
	if (bad < 0)
		return;
	struct kheap_report r = {.id = MEMERR_USE_AFTER_FREE,
				 .bad_off = bad,
				 .bad_val = obj[bad],
				 .expected = KHEAP_POISON_FREE};
	object_report(&r, c, s, i, site);
	r.addr = obj + bad;
	if (!s->track[i].free_site) {
		r.id = MEMERR_HEAP_CORRUPTION;
		r.why = "a slot that was never allocated was written";
	}
	memset(obj, KHEAP_POISON_FREE, c->size);
	r.fixed = "poison restored; the slot stays free";
	kheap_report(&r);
	/* LAB(kheap) END */
}

void kheapdbg_on_alloc(struct kmem_cache *c, struct slab *s, unsigned i, size_t size,
		       uintptr_t site)
{
	/* LAB(kheap) BEGIN: part 4, fill a new object with the new poison and its red zone
	 * stub: (void)c;
	 * stub: (void)s;
	 * stub: (void)i;
	 * stub: (void)size;
	 * stub: (void)site;
	 * stub: panic("not implemented: see docs/labs/kheap.md (part 4, kheapdbg_on_alloc)");
	 */
	uint8_t *obj = s->base + i * c->size;
	memset(obj, KHEAP_POISON_NEW, size);
	memset(obj + size, KHEAP_REDZONE, c->size - size);
	s->track[i] = (struct kheap_track){site, 0, (uint32_t)size, alloc_seq++};
	/* LAB(kheap) END */
}

void kheapdbg_check_live(struct kmem_cache *c, struct slab *s, unsigned i, uintptr_t site)
{
	/* LAB(kheap) BEGIN: part 4, the red zone of a live object must be intact
	 * stub: (void)c;
	 * stub: (void)s;
	 * stub: (void)i;
	 * stub: (void)site;
	 * stub: panic("not implemented: see docs/labs/kheap.md (part 4, kheapdbg_check_live)");
	 */
	uint8_t *obj = s->base + i * c->size;
	size_t size = s->track[i].size;
	long bad = memerr_find_bad(obj + size, c->size - size, KHEAP_REDZONE);
	if (bad < 0)
		return;
	struct kheap_report r = {.id = MEMERR_HEAP_OVERFLOW,
				 .bad_off = size + bad,
				 .bad_val = obj[size + bad],
				 .expected = KHEAP_REDZONE};
	object_report(&r, c, s, i, site);
	r.call = !site ? NULL : (c->flags & KMEM_KMALLOC) ? "kfree" : "kmem_cache_free";
	r.arg = site ? obj : NULL;
	r.addr = obj + size + bad;
	memset(obj + size, KHEAP_REDZONE, c->size - size);
	r.fixed = "red zone restored; the block is still allocated";
	kheap_report(&r);
	/* LAB(kheap) END */
}

void kheapdbg_on_free(struct kmem_cache *c, struct slab *s, unsigned i, uintptr_t site)
{
	/* LAB(kheap) BEGIN: part 4, poison a freed object, record where it was freed
	 * stub: (void)c;
	 * stub: (void)s;
	 * stub: (void)i;
	 * stub: (void)site;
	 * stub: panic("not implemented: see docs/labs/kheap.md (part 4, kheapdbg_on_free)");
	 */
	memset(s->base + i * c->size, KHEAP_POISON_FREE, c->size);
	s->track[i].free_site = site;
	/* LAB(kheap) END */
}

void kheapdbg_resize(struct kmem_cache *c, struct slab *s, unsigned i, size_t new_size)
{
	uint8_t *obj = s->base + i * c->size;
	size_t old = s->track[i].size;
	if (new_size > old)
		memset(obj + old, KHEAP_POISON_NEW, new_size - old);
	else
		memset(obj + new_size, KHEAP_REDZONE, old - new_size);
	s->track[i].size = (uint32_t)new_size;
}

/* Recently freed large blocks, to name a second kfree a double free. */
#define FREED_RING 32
static struct freed_large {
	const uint8_t *base;
	size_t bytes, size;
	struct kheap_track track;
} freed_ring[FREED_RING];
static unsigned freed_next;

void kheapdbg_large_alloc(struct slab *d, size_t size, uintptr_t site)
{
	size_t bytes = PAGE_SIZE << d->order;
	for (unsigned k = 0; k < FREED_RING; k++) { /* these pages are live again */
		struct freed_large *f = &freed_ring[k];
		if (f->base && f->base < d->base + bytes && d->base < f->base + f->bytes)
			f->base = NULL;
	}
	d->u.large.size = size;
	d->u.large.track = (struct kheap_track){site, 0, (uint32_t)size, alloc_seq++};
	memset(d->base, KHEAP_POISON_NEW, size);
	memset(d->base + size, KHEAP_REDZONE, large_rz_end(d) - size);
}

void kheapdbg_large_check(struct slab *d, uintptr_t site)
{
	size_t size = d->u.large.size, end = large_rz_end(d);
	long bad = memerr_find_bad(d->base + size, end - size, KHEAP_REDZONE);
	if (bad < 0)
		return;
	struct kheap_report r = {
	    .id = MEMERR_HEAP_OVERFLOW,
	    .addr = d->base + size + bad,
	    .block = d->base,
	    .size = size,
	    .cache = "kmalloc-large",
	    .slot = PAGE_SIZE << d->order,
	    .track = &d->u.large.track,
	    .site = site,
	    .bad_off = size + bad,
	    .bad_val = d->base[size + bad],
	    .expected = KHEAP_REDZONE,
	    .call = site ? "kfree" : NULL,
	    .arg = site ? d->base : NULL,
	    .fixed = "red zone restored; the block is still allocated",
	};
	memset(d->base + size, KHEAP_REDZONE, end - size);
	kheap_report(&r);
}

void kheapdbg_large_freed(struct slab *d, uintptr_t site)
{
	struct freed_large *f = &freed_ring[freed_next++ % FREED_RING];
	f->base = d->base;
	f->bytes = PAGE_SIZE << d->order;
	f->size = d->u.large.size;
	f->track = d->u.large.track;
	f->track.free_site = site;
}

bool kheapdbg_recently_freed(const void *p)
{
	const uint8_t *b = p;
	for (unsigned k = 0; k < FREED_RING; k++)
		if (freed_ring[k].base && b >= freed_ring[k].base &&
		    b < freed_ring[k].base + freed_ring[k].bytes)
			return true;
	return false;
}

void kheapdbg_large_double_free(const void *p, const char *call, uintptr_t site)
{
	const uint8_t *b = p;
	for (unsigned k = 0; k < FREED_RING; k++) {
		struct freed_large *f = &freed_ring[k];
		if (!f->base || b < f->base || b >= f->base + f->bytes)
			continue;
		static char why[128];
		struct kheap_report r = {.id = MEMERR_DOUBLE_FREE,
					 .addr = p,
					 .block = f->base,
					 .size = f->size,
					 .cache = "kmalloc-large",
					 .slot = f->bytes,
					 .track = &f->track,
					 .site = site,
					 .bad_off = -1,
					 .arg = p,
					 .call = call};
		if (b != f->base) {
			r.id = MEMERR_INVALID_FREE;
			ksnprintf(why, sizeof why, "%p is %ld bytes inside the freed block at %p",
				  p, (long)(b - f->base), f->base);
			r.why = why;
		}
		kheap_report(&r);
	}
}

void kheapdbg_large_resize(struct slab *d, size_t new_size)
{
	size_t old = d->u.large.size;
	if (new_size > old)
		memset(d->base + old, KHEAP_POISON_NEW, new_size - old);
	d->u.large.size = new_size;
	d->u.large.track.size = (uint32_t)new_size;
	memset(d->base + new_size, KHEAP_REDZONE, large_rz_end(d) - new_size);
}
#else
unsigned long kheap_mark(void)
{
	return 0;
}

bool kheapdbg_recently_freed(const void *p)
{
	(void)p;
	return false;
}
#endif
