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
 * without KHEAP_DEBUG only the sites and sizes are missing.
 */
#include "mm/kheap_debug.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "mm/kmalloc.h"
#include "test/ktest.h"

#include <stdarg.h>

#ifdef HOST_TEST
#include <string.h>
#else
#include "lib/backtrace.h"
#include "lib/string.h"
#endif

static char last_report[2048];
static size_t last_len;

/* Appends a line to the report being built and prints it. */
static KPRINTF_FORMAT(1, 2) void rline(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	kprintf("%s%s\n", ktest_diag_prefix(), line);
	if (last_len < sizeof last_report)
		last_len += ksnprintf(last_report + last_len, sizeof last_report - last_len,
				      "%s\n", line);
	if (last_len > sizeof last_report)
		last_len = sizeof last_report;
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

long kheap_find_bad(const void *p, size_t n, int byte)
{
	const uint8_t *b = p;
	size_t i = 0;
	uint64_t word = 0x0101010101010101ULL * (uint8_t)byte;
	while (i < n && ((uintptr_t)(b + i) & 7))
		if (b[i++] != (uint8_t)byte)
			return i - 1;
	while (i + 8 <= n && *(const uint64_t *)(b + i) == word)
		i += 8;
	for (; i < n; i++)
		if (b[i] != (uint8_t)byte)
			return i;
	return -1;
}

/* Returns the plain words of an error id. */
static const char *words(const char *id)
{
	if (!strcmp(id, "heap-overflow"))
		return "writing past the end of an allocated block (not allocating enough memory)";
	if (!strcmp(id, "use-after-free"))
		return "write to a freed block: freeing memory before you are done with it";
	if (!strcmp(id, "double-free"))
		return "freeing memory repeatedly";
	if (!strcmp(id, "leak"))
		return "forgetting to free memory";
	return "";
}

void kheap_report(const struct kheap_report *r)
{
	char a[128], f[128], site[128];
	const char *call = r->call ? r->call : "kfree";
	rstart();
	if (!strcmp(r->id, "invalid-free"))
		rline("HEAP ERROR [invalid-free]: calling %s() incorrectly: %s", call, r->why);
	else if (!strcmp(r->id, "heap-corruption"))
		rline("HEAP ERROR [heap-corruption]: the heap's bookkeeping is damaged: %s", r->why);
	else
		rline("HEAP ERROR [%s]: %s", r->id, words(r->id));
	const uint8_t *blk = r->block;
	long off = blk ? (const uint8_t *)r->addr - blk : 0;
	rline("  address:        %p", r->addr);
	if (blk) {
		if (!strcmp(r->id, "heap-overflow"))
			rline("  block:          %p, %ld bytes past its start, %ld past its end", blk,
			      off, off - (long)r->size);
		else
			rline("  block:          %p, %ld bytes past its start", blk, off);
		if (r->track)
			rline("  requested size: %zu bytes", r->size);
		else
			rline("  requested size: unknown without KHEAP_DEBUG (at most %zu)", r->slot);
		rline("  cache:          %s, slot %zu bytes", r->cache, r->slot);
	}
	if (r->bad_off >= 0)
		rline("  first bad byte: block+%ld = 0x%02x, expected 0x%02x", r->bad_off,
		      r->bad_val, r->expected);
	if (r->track) {
		kheap_symbolize(r->track->alloc_site, a, sizeof a);
		kheap_symbolize(r->track->free_site, f, sizeof f);
		rline("  allocated by:   %s", a);
		rline("  freed by:       %s", f);
	}
	kheap_symbolize(r->site, site, sizeof site);
	if (r->call)
		rline("  found by:       %s() called from %s", r->call, site);
	else
		rline("  found by:       kheap_check()");
	if (r->fixed)
		rline("  repaired:       %s", r->fixed);

	if (r->bad_off >= 0)
		panic("HEAP ERROR [%s]: block %p of %zu bytes, byte +%ld = 0x%02x (expected 0x%02x)",
		      r->id, blk, r->size, r->bad_off, r->bad_val, r->expected);
	if (r->why)
		panic("HEAP ERROR [%s]: %s() of %p: %s", r->id, call, r->addr, r->why);
	panic("HEAP ERROR [%s]: %s() of %p, block %p of %zu bytes", r->id, call, r->addr, blk,
	      r->size);
}

void kheap_bad_free(const void *p, struct slab *s, const struct kmem_cache *want, uintptr_t site)
{
	static char why[160];
	struct kheap_report r = { .id = "invalid-free", .why = why, .addr = p, .site = site,
				  .bad_off = -1, .call = want ? "kmem_cache_free" : "kfree" };
	const uint8_t *b = p;
	if (!s) {
#if KHEAP_DEBUG
		kheapdbg_large_double_free(p, site);
#endif
		ksnprintf(why, sizeof why, "%p was never returned by the heap", p);
		kheap_report(&r);
	}
	if (s->kind == SLAB_META || (s->kind == SLAB_OBJECTS && (s->cache->flags & KMEM_INTERNAL))) {
		ksnprintf(why, sizeof why, "%p points into the heap's own bookkeeping", p);
		kheap_report(&r);
	}
	if (s->kind == SLAB_LARGE) {
		r.block = s->base;
		r.size = s->u.large.size;
		r.cache = "kmalloc-large";
		r.slot = KHEAP_PAGE_SIZE << s->order;
#if KHEAP_DEBUG
		r.track = &s->u.large.track;
#endif
		if (b == s->base)
			ksnprintf(why, sizeof why, "the block is from kmalloc(), not from cache %s",
				  want ? want->name : "?");
		else
			ksnprintf(why, sizeof why, "%p is %ld bytes inside the %zu-byte block at %p",
				  p, (long)(b - s->base), r.size, s->base);
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
		r.id = "double-free";
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

/* State of a leak listing. */
struct leaks {
	unsigned long mark, count, bytes;
	bool header;
};

/* Lists one live object if it was allocated since the mark. */
static void leak_line(void *ctx, const char *cache, size_t slot, const void *obj,
		      const struct kheap_track *t)
{
	struct leaks *l = ctx;
	if (t && t->seq < l->mark)
		return;
	if (!l->header) {
		rstart();
		rline("HEAP ERROR [leak]: %s", words("leak"));
		l->header = true;
	}
	char a[128];
	kheap_symbolize(t ? t->alloc_site : 0, a, sizeof a);
	size_t size = t ? t->size : slot;
	rline("  leaked:         %p, %zu bytes (%s, slot %zu), allocated by %s", obj, size, cache,
	      slot, a);
	l->count++;
	l->bytes += size;
}

unsigned long kheap_report_leaks(unsigned long mark)
{
	struct leaks l = { .mark = mark };
	kheap_walk_live(leak_line, &l);
	if (l.count)
		rline("  total:          %lu blocks, %lu bytes", l.count, l.bytes);
	return l.count;
}

void kheap_cache_leak(const struct kmem_cache *c, uintptr_t site)
{
	struct leaks l = { .mark = 0 };
	char s[128];
	kmem_cache_walk(c, leak_line, &l);
	rline("  total:          %lu blocks, %lu bytes", l.count, l.bytes);
	kheap_symbolize(site, s, sizeof s);
	rline("  found by:       kmem_cache_destroy(%s) called from %s", c->name, s);
	panic("HEAP ERROR [leak]: kmem_cache_destroy(%s) with %lu live objects", c->name,
	      c->inuse);
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
	size_t end = (d->u.large.size + KHEAP_REDZONE_MIN + KHEAP_PAGE_SIZE - 1) &
		     ~(KHEAP_PAGE_SIZE - 1);
	size_t bytes = KHEAP_PAGE_SIZE << d->order;
	return end < bytes ? end : bytes;
}

void kheapdbg_slab_init(struct kmem_cache *c, struct slab *s)
{
	memset(s->base, KHEAP_POISON_FREE, s->total * c->size);
}

/* Fills in the report fields of object i of slab s. */
static void object_report(struct kheap_report *r, struct kmem_cache *c, struct slab *s,
			  unsigned i, uintptr_t site)
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
	uint8_t *obj = s->base + i * c->size;
	long bad = kheap_find_bad(obj, c->size, KHEAP_POISON_FREE);
	if (bad < 0)
		return;
	struct kheap_report r = { .id = "use-after-free", .bad_off = bad, .bad_val = obj[bad],
				  .expected = KHEAP_POISON_FREE };
	object_report(&r, c, s, i, site);
	r.addr = obj + bad;
	if (!s->track[i].free_site) {
		r.id = "heap-corruption";
		r.why = "a slot that was never allocated was written";
	}
	memset(obj, KHEAP_POISON_FREE, c->size);
	r.fixed = "poison restored; the slot stays free";
	kheap_report(&r);
}

void kheapdbg_on_alloc(struct kmem_cache *c, struct slab *s, unsigned i, size_t size,
		       uintptr_t site)
{
	uint8_t *obj = s->base + i * c->size;
	memset(obj, KHEAP_POISON_NEW, size);
	memset(obj + size, KHEAP_REDZONE, c->size - size);
	s->track[i] = (struct kheap_track){ site, 0, (uint32_t)size, alloc_seq++ };
}

void kheapdbg_check_live(struct kmem_cache *c, struct slab *s, unsigned i, uintptr_t site)
{
	uint8_t *obj = s->base + i * c->size;
	size_t size = s->track[i].size;
	long bad = kheap_find_bad(obj + size, c->size - size, KHEAP_REDZONE);
	if (bad < 0)
		return;
	struct kheap_report r = { .id = "heap-overflow", .bad_off = size + bad,
				  .bad_val = obj[size + bad], .expected = KHEAP_REDZONE };
	object_report(&r, c, s, i, site);
	r.call = !site ? NULL : (c->flags & KMEM_KMALLOC) ? "kfree" : "kmem_cache_free";
	r.addr = obj + size + bad;
	memset(obj + size, KHEAP_REDZONE, c->size - size);
	r.fixed = "red zone restored; the block is still allocated";
	kheap_report(&r);
}

void kheapdbg_on_free(struct kmem_cache *c, struct slab *s, unsigned i, uintptr_t site)
{
	memset(s->base + i * c->size, KHEAP_POISON_FREE, c->size);
	s->track[i].free_site = site;
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
	size_t bytes = KHEAP_PAGE_SIZE << d->order;
	for (unsigned k = 0; k < FREED_RING; k++) { /* these pages are live again */
		struct freed_large *f = &freed_ring[k];
		if (f->base && f->base < d->base + bytes && d->base < f->base + f->bytes)
			f->base = NULL;
	}
	d->u.large.size = size;
	d->u.large.track = (struct kheap_track){ site, 0, (uint32_t)size, alloc_seq++ };
	memset(d->base, KHEAP_POISON_NEW, size);
	memset(d->base + size, KHEAP_REDZONE, large_rz_end(d) - size);
}

void kheapdbg_large_check(struct slab *d, uintptr_t site)
{
	size_t size = d->u.large.size, end = large_rz_end(d);
	long bad = kheap_find_bad(d->base + size, end - size, KHEAP_REDZONE);
	if (bad < 0)
		return;
	struct kheap_report r = {
		.id = "heap-overflow", .addr = d->base + size + bad, .block = d->base,
		.size = size, .cache = "kmalloc-large", .slot = KHEAP_PAGE_SIZE << d->order,
		.track = &d->u.large.track, .site = site, .bad_off = size + bad,
		.bad_val = d->base[size + bad], .expected = KHEAP_REDZONE,
		.call = site ? "kfree" : NULL, .fixed = "red zone restored; the block is still allocated",
	};
	memset(d->base + size, KHEAP_REDZONE, end - size);
	kheap_report(&r);
}

void kheapdbg_large_freed(struct slab *d, uintptr_t site)
{
	struct freed_large *f = &freed_ring[freed_next++ % FREED_RING];
	f->base = d->base;
	f->bytes = KHEAP_PAGE_SIZE << d->order;
	f->size = d->u.large.size;
	f->track = d->u.large.track;
	f->track.free_site = site;
}

void kheapdbg_large_double_free(const void *p, uintptr_t site)
{
	const uint8_t *b = p;
	for (unsigned k = 0; k < FREED_RING; k++) {
		struct freed_large *f = &freed_ring[k];
		if (!f->base || b < f->base || b >= f->base + f->bytes)
			continue;
		static char why[128];
		struct kheap_report r = { .id = "double-free", .addr = p, .block = f->base,
					  .size = f->size, .cache = "kmalloc-large",
					  .slot = f->bytes, .track = &f->track, .site = site,
					  .bad_off = -1 };
		if (b != f->base) {
			r.id = "invalid-free";
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
#endif
