/*
 * debug_redzone.c - MALLOC_CHECK=1: red zones, fills and the quarantine.
 *
 * A block of n bytes (alignment a, at least 16) is carved from a heap
 * block of a + n + 16 bytes or more, which the allocator beneath handles
 * as usual:
 *
 *   base            ptr = base + a          ptr + n             base + usable
 *   | red zone 0xcc | the block: n bytes    | red zone 0xcc ... |
 *
 * (for an alignment above a page only the 16 bytes before ptr are red
 * zone: the rest is padding, neither filled nor checked).
 *
 * The right red zone starts at the EXACT requested size, so the chapter's
 * malloc(strlen(s)) + strcpy (one byte too many) is found. New blocks are
 * filled with 0x5a (calloc: zeros), so a value read before it was written
 * shows as 0x5a5a... and a pointer read so faults (non-canonical).
 *
 * free fills the block with 0x6b and holds it in a quarantine (a FIFO of
 * up to QUARANTINE_BYTES) instead of handing its memory back at once: a
 * use after free then writes into poison, not into someone else's block,
 * and is found when the block leaves the quarantine (or at exit), and a
 * second free of it is named a double free with both sites.
 *
 * Records are found by pointer in a hash table; a pointer inside a block
 * is traced through the heap beneath (core_block_start).
 */
#include "malloc/debug.h"

#define QUARANTINE_BYTES ((size_t)16 << 20)

static struct drec **htab;
static size_t hsize, hcount;
static struct drec *q_head, *q_tail; /* oldest first */
static size_t q_bytes;
static size_t max_left = 16; /* the largest left red zone handed out */

/* The bytes before a block kept as red zone: all of them up to a page,
 * the 16 next to the block beyond (the rest is alignment, unchecked, so
 * that memalign(1 GiB, 16) does not fill a gigabyte). */
static size_t zone_before(size_t left)
{
	return left <= PAGE ? left : 16;
}

static size_t hslot(uintptr_t p, size_t size)
{
	return (size_t)((p >> 4) * 0x9e3779b97f4a7c15ull >> 29) & (size - 1);
}

bool rz_init(void)
{
	hsize = 4096;
	htab = im_os_mmap(NULL, hsize * sizeof(*htab), 0);
	return htab != NULL;
}

/* Doubles the table when it is full; stays as it is if memory is short. */
static void grow_table(void)
{
	size_t nsize = hsize * 2;
	struct drec **t = im_os_mmap(NULL, nsize * sizeof(*t), 0);
	if (!t)
		return;
	for (size_t i = 0; i < hsize; i++)
		for (struct drec *d = htab[i], *nx; d; d = nx) {
			nx = d->hnext;
			size_t h = hslot(d->ptr, nsize);
			d->hnext = t[h];
			t[h] = d;
		}
	im_os_munmap(htab, hsize * sizeof(*htab));
	htab = t;
	hsize = nsize;
}

struct drec *rz_find(uintptr_t p)
{
	for (struct drec *d = htab[hslot(p, hsize)]; d; d = d->hnext)
		if (d->ptr == p)
			return d;
	return NULL;
}

static void unhash(struct drec *d)
{
	struct drec **pp = &htab[hslot(d->ptr, hsize)];
	while (*pp != d)
		pp = &(*pp)->hnext;
	*pp = d->hnext;
	hcount--;
}

struct drec *rz_alloc(size_t n, size_t align, int zero)
{
	size_t left = align, total;
	if (__builtin_add_overflow(n, left + 16, &total))
		return NULL;
	struct drec *d = drec_new();
	if (!d)
		return NULL;
	uint8_t *base = align > 16 ? core_aligned(align, total) : core_malloc(total);
	if (!base) {
		drec_delete(d);
		return NULL;
	}
	size_t usable = core_usable(base);
	uint8_t *p = base + left;
	/* LAB(debugmalloc) BEGIN: part 1, fill the red zones and the new block (debugmalloc.md)
	 * stub: (void)usable; (void)p; (void)zero;
	 * stub: dbg_lab_todo("part 1, rz_alloc");
	 */
	__builtin_memset(p - zone_before(left), MEMERR_REDZONE, zone_before(left));
	__builtin_memset(p, zero ? 0 : MEMERR_FILL_NEW, n);
	__builtin_memset(p + n, MEMERR_REDZONE, usable - left - n);
	/* LAB(debugmalloc) END */
	d->base = (uintptr_t)base;
	d->ptr = (uintptr_t)p;
	if (left > max_left)
		max_left = left;
	if (hcount >= hsize)
		grow_table();
	size_t h = hslot(d->ptr, hsize);
	d->hnext = htab[h];
	htab[h] = d;
	hcount++;
	return d;
}

/*
 * The record of the block whose heap block holds p (p inside it, or in
 * its red zones), or NULL; *freed is set when that heap memory is free:
 * a block freed so long ago that it has left the quarantine.
 */
struct drec *rz_containing(uintptr_t p, bool *freed)
{
	bool is_free = false;
	uintptr_t base = core_block_start(p, &is_free);
	*freed = base && is_free;
	if (!base || is_free)
		return NULL;
	for (size_t left = 16; left && left <= max_left; left <<= 1) {
		struct drec *d = rz_find(base + left);
		if (d && d->base == base)
			return d;
	}
	return NULL;
}

/* Reports a damaged red zone or poison of d, found by fn called from site. */
__attribute__((noreturn)) static void damaged(struct drec *d, enum memerr_id id, long off,
					      int expected, const char *fn, uintptr_t site)
{
	const uint8_t *p = (const uint8_t *)d->ptr;
	struct memerr_report r = {.id = id,
				  .addr = d->ptr + (uintptr_t)off,
				  .found_call = fn,
				  .found_site = site,
				  .bad_known = 1,
				  .bad_off = off,
				  .bad_val = p[off],
				  .expected = expected};
	dbg_report_block(&r, d);
	if (id == MEMERR_HEAP_OVERFLOW)
		r.detail = off < 0 ? "a write before the start of the block (its red zone)"
				   : "a write past the end of the block (into its red zone)";
	else
		r.detail = "a write to the block after it was freed";
	if (site)
		r.found_arg = d->ptr;
	report_abort(&r);
}

void rz_check(struct drec *d, const char *fn, uintptr_t site)
{
	const uint8_t *base = (const uint8_t *)d->base, *p = (const uint8_t *)d->ptr;
	report_ctx.shown = d->ptr; /* a damaged heap record is reported against p and fn */
	report_ctx.shown_fn = fn;
	size_t left = (size_t)(p - base), usable = core_usable((void *)base);
	report_ctx.shown = 0;
	/* LAB(debugmalloc) BEGIN: part 2, find damaged poison and red zones (debugmalloc.md)
	 * stub: (void)left; (void)usable; (void)damaged; (void)site; (void)zone_before;
	 * stub: dbg_lab_todo("part 2, rz_check");
	 */
	long bad;
	if (d->state == DREC_FREED) { /* a write after free first: it may reach the red zone */
		bad = memerr_find_bad(p, d->size, MEMERR_FILL_FREED);
		if (bad >= 0)
			damaged(d, MEMERR_USE_AFTER_FREE, bad, MEMERR_FILL_FREED, fn, site);
	}
	size_t before = zone_before(left);
	bad = memerr_find_bad(p - before, before, MEMERR_REDZONE);
	if (bad >= 0)
		damaged(d, MEMERR_HEAP_OVERFLOW, bad - (long)before, MEMERR_REDZONE, fn, site);
	bad = memerr_find_bad(p + d->size, usable - left - d->size, MEMERR_REDZONE);
	if (bad >= 0)
		damaged(d, MEMERR_HEAP_OVERFLOW, (long)d->size + bad, MEMERR_REDZONE, fn, site);
	/* LAB(debugmalloc) END */
}

/* The oldest block leaves the quarantine: checked, then really freed. */
static void evict(void)
{
	struct drec *d = q_head;
	q_head = d->next;
	if (!q_head)
		q_tail = NULL;
	static const char fn[] = "the quarantine (before its memory is reused)";
	rz_check(d, fn, 0);
	report_ctx.shown = d->ptr;
	report_ctx.shown_fn = fn;
	q_bytes -= core_usable((void *)d->base);
	unhash(d);
	core_free((void *)d->base);
	report_ctx.shown = 0;
	drec_delete(d);
}

void rz_retire(struct drec *d)
{
	/* LAB(debugmalloc) BEGIN: part 3, poison the block, hold it in the quarantine
	 * stub: (void)d; (void)evict;
	 * stub: dbg_lab_todo("part 3, rz_retire");
	 */
	__builtin_memset((void *)d->ptr, MEMERR_FILL_FREED, d->size);
	d->next = NULL;
	if (q_tail)
		q_tail->next = d;
	else
		q_head = d;
	q_tail = d;
	q_bytes += core_usable((void *)d->base);
	while (q_bytes > QUARANTINE_BYTES && q_head != d)
		evict();
	/* LAB(debugmalloc) END */
}

size_t rz_quarantined(void)
{
	return q_bytes;
}

void rz_check_quarantine(void)
{
	for (struct drec *d = q_head; d; d = d->next)
		rz_check(d, "exit", 0);
}
