/*
 * core.c - the allocator without the checking modes: the heap state, its
 * set-up and descriptors, and malloc, free, calloc, realloc and
 * malloc_usable_size as the public functions (malloc.c) do them when no
 * MALLOC_CHECK mode is on, with the always-on checks of free (core.h).
 * The layers and the theory of operation: the opening comment of malloc.c.
 */
#include "malloc/core.h"
#include "malloc/grow.h"
#include "malloc/heap.h"
#include "malloc/large.h"
#include "malloc/mid.h"
#include "malloc/pagemap.h"
#include "malloc/pages.h"
#include "malloc/report.h"
#include "malloc/small.h"

/* ------------------------------------------------------------------ */
/* the heap state (struct heap_state: heap.h) and the page map (pagemap.h) */

struct heap_state heap;
struct page_map pagemap;

/* ------------------------------------------------------------------ */
/* descriptors */

/* A zeroed record of size bytes from pool p: a given-back one, cleared,
 * or the next never-used one of the records mapping that all pools share
 * (zero as the kernel mapped it), which is replaced by a new 64 KiB
 * mapping when it has no room for the record (what is left of the old
 * one stays unused). NULL if that mapping fails. */
void *pool_take(struct pool *p, size_t size)
{
	void *x = p->free;
	if (x) {
		p->free = *(void **)x;
		__builtin_memset(x, 0, size);
		return x;
	}
	if (unlikely((size_t)(heap.rec_end - heap.rec_fresh) < size)) {
		size_t len = 64 * 1024;
		char *a = im_os_mmap(NULL, len, 0);
		if (!a)
			return NULL;
		heap.rec_fresh = a;
		heap.rec_end = a + len;
	}
	x = heap.rec_fresh;
	heap.rec_fresh += size;
	return x;
}

/* A zeroed descriptor from the pool, or NULL. */
struct span *desc_alloc(void)
{
	return pool_take(&heap.pool, sizeof(struct span));
}

/* ------------------------------------------------------------------ */
/* initialisation */

/* Sets every layer up once: the size classes, the page map, the break
 * rounded up to a page (the heap's base), the mmapped blocks' table.
 * True if the heap is ready; false (and retried on the next call) if
 * there was no memory for the page map. */
bool heap_init(void)
{
	if (heap.inited)
		return true;
	classes_init();
	mid_init();
	heap.mmap_threshold = MMAP_THRESHOLD_INIT;
	heap.trim_threshold = TRIM_THRESHOLD_INIT;
	heap.touch_age = TOUCH_AGE_INIT;
	heap.clock = 1; /* so that a stamp of it is never 0 (pages.c: released_at) */
	/* 32 MiB of address space of which a program touches a few pages:
	 * MAP_NORESERVE, so that the overcommit heuristic does not charge it
	 * all at once (without it, no malloc could succeed on a machine with
	 * 32 MiB of RAM or less: tests/libc/malloc_oom.c at -m 16M). */
	pagemap.owner = im_os_reserve(MAX_HEAP_PAGES * sizeof(struct span *), 1);
	if (!pagemap.owner)
		return false; /* retried on the next call */
	uintptr_t b = (uintptr_t)im_os_brk_now();
	pagemap.base = (b + PAGE - 1) & ~(PAGE - 1);
	pagemap.npages = 0;
	pagemap_free_fast(small_fast_cur == heap.cur); /* as small_fast_paths last set it */
	heap_break_at_base();
	heap.hsize = 512;
	heap.htab = im_os_mmap(NULL, heap.hsize * sizeof(struct span *), 0);
	if (!heap.htab)
		heap.hsize = 0; /* made on first use */
	heap.inited = true;
	return true;
}

/* ------------------------------------------------------------------ */
/* the allocator without the checks */

/*
 * A block at or above the mmap threshold that the heap's free pages can
 * hold, as glibc serves such a request from its free chunks before it
 * maps: if the free runs have at least that many resident (dirty) pages
 * and one of them fits, the block is a page run there; NULL otherwise.
 * A program that churned big blocks in the heap and then asks for
 * mappings reuses the memory it holds instead of needing as much again
 * (at -m 16M that is the difference between running and being killed).
 * Blocks over the highest threshold (32 MiB) are always mapped, so that
 * freeing one gives its memory back at once, and so is every block at the
 * threshold once mallopt set the thresholds: the program asked for that.
 */
static void *big_from_free_pages(size_t n)
{
	size_t pages = (n + PAGE - 1) >> PAGE_SHIFT;
	if (n > MMAP_THRESHOLD_MAX || heap.mmap_threshold_fixed || heap.dirty_pages < pages)
		return NULL;
	struct span *d = run_alloc_fit(pages, TAG_RUN);
	if (!d)
		return NULL;
	d->req = n;
	return (void *)d->start;
}

/* A block bigger than the small classes: its own mmap at the threshold or
 * above (unless resident free pages hold it), else a page run. NULL if
 * there is no memory (errno untouched). */
static void *alloc_big(size_t n)
{
	if (unlikely(n > MAX_ALLOC))
		return NULL;
	if (unlikely(!heap.inited) && !heap_init())
		return NULL;
	if (n >= heap.mmap_threshold) {
		void *p = big_from_free_pages(n);
		return p ? p : large_alloc(n, 0);
	}
	struct span *d = small_take_pages((n + PAGE - 1) >> PAGE_SHIFT, TAG_RUN);
	if (!d)
		return NULL;
	d->req = n;
	return (void *)d->start;
}

/* A mid block (MID_MIN < n <= SMALL_MAX); NULL if there is no memory. */
static void *alloc_mid(size_t n)
{
	if (unlikely(!heap.inited) && !heap_init())
		return NULL;
	return mid_alloc(n);
}

/* malloc without the checks: a small, mid or big block; NULL with ENOMEM. */
void *core_malloc(size_t n)
{
	if (likely(n <= MID_MIN))
		return small_alloc(size_class(n));
	void *p = n <= SMALL_MAX ? alloc_mid(n) : alloc_big(n);
	if (unlikely(!p))
		enomem();
	return p;
}

/* Lookup failed on the fast path: p is not a small block (or is bad). */
__attribute__((noinline)) static void free_other(void *p, const char *fn)
{
	uintptr_t a = (uintptr_t)p;
	if (!p)
		return;
	size_t i = page_index(a);
	if (heap.inited && heap_holds(a)) {
		struct span *s = pagemap.owner[i];
		if (!s) {
			if (a & (PAGE - 1))
				heap_error(
				    E_INVALID, fn, p,
				    "pointer into free heap memory, not a block malloc returned");
			heap_error(E_DOUBLE, fn, p, "the block (whole pages) is already free");
		}
		switch (s->tag) {
		case TAG_RUN:
			if (a != s->start)
				heap_error(E_INVALID, fn, p,
					   "pointer inside a block, not its start; pass the "
					   "pointer malloc returned");
			run_free(s);
			return;
		case TAG_MID: mid_free(s, p, fn); return;
		case TAG_FREE:
			if (a & (PAGE - 1))
				heap_error(
				    E_INVALID, fn, p,
				    "pointer into free heap memory, not a block malloc returned");
			heap_error(E_DOUBLE, fn, p, "the block (whole pages) is already free");
		case TAG_SMALL:
			/* the fast path found it bad */
			{
				uint64_t idx;
				bool at_start = small_slot(s, a - s->start, &idx);
				if (idx >= s->nslots)
					heap_error(E_INVALID, fn, p,
						   "pointer past the last block of its page run");
				if (!at_start)
					heap_error(E_INVALID, fn, p,
						   "pointer inside a block, not its start; pass "
						   "the pointer malloc returned");
				heap_error(E_DOUBLE, fn, p, "the block is already free");
			}
		default:
			heap_error(E_CORRUPT, fn, p, "the descriptor of this page was overwritten");
		}
	}
	struct span *d = hash_find(a, false);
	if (d) {
		large_free(d);
		return;
	}
	for (unsigned k = 0; k < 16; k++)
		if (heap.recent_large[k] == a && a)
			heap_error(E_DOUBLE, fn, p,
				   "this mmapped block was already freed (munmapped)");
	bool is_free;
	if (core_block_start(a, &is_free))
		heap_error(
		    E_INVALID, fn, p,
		    "pointer inside a block, not its start; pass the pointer malloc returned");
	if (a & 15)
		heap_error(E_INVALID, fn, p, "misaligned pointer, not from malloc");
	heap_error(E_INVALID, fn, p, "pointer not from malloc (stack, data, or unmapped memory)");
}

/* The start of the block that holds address a (a small slot, a run, a free
 * run, an mmapped block), or 0 if none; *is_free says if it is free. Used
 * by reports, to name the block a bad pointer points into. */
uintptr_t core_block_start(uintptr_t a, bool *is_free)
{
	size_t i = page_index(a);
	*is_free = false;
	if (heap.inited && heap_holds(a)) {
		struct span *s = pagemap.owner[i];
		while (!s && i > 0) /* inside a free run: its first page is tagged */
			s = pagemap.owner[--i];
		if (!s)
			return 0;
		if (s->tag == TAG_SMALL) {
			uint64_t idx;
			small_slot(s, a - s->start, &idx);
			if (idx >= s->nslots)
				return 0;
			*is_free = s->bits[idx >> 6] >> (idx & 63) & 1;
			return s->start + (uintptr_t)idx * s->size;
		}
		if (s->tag == TAG_MID)
			return mid_block_start(s, a, is_free);
		*is_free = s->tag == TAG_FREE;
		return s->start;
	}
	/* an mmapped block: only its first page is hashed; an error path,
	 * so a walk of the table finds a pointer into its other pages */
	for (size_t h = 0; h < heap.hsize; h++)
		for (struct span *d = heap.htab[h]; d; d = d->next)
			if (a >= d->start && a - d->start < d->npages * PAGE)
				return d->start;
	return 0;
}

/* free without the checking modes: the small fast path, else the rest
 * (free_other), which also diagnoses every bad pointer. */
void core_free(void *p)
{
	if (likely(small_free(p)))
		return;
	free_other(p, "free");
}

/* free of p that free's fast path has refused: no second small_free.
 * free(NULL) returns at once (programs free unconditionally); a mid
 * block, the most common kind here, goes straight to mid_free (a tail
 * call); anything else, and every bad pointer, to free_other. (The
 * unsigned subtraction puts a pointer below the heap past its end, and
 * pagemap.npages is 0 until heap_init.) */
void core_free_other(void *p)
{
	if (!p)
		return;
	size_t i = page_index((uintptr_t)p);
	struct span *s = i < pagemap.npages ? pagemap.owner[i] : NULL;
	if (likely(s && s->tag == TAG_MID)) {
		mid_free(s, p, "free");
		return;
	}
	free_other(p, "free");
}

/* The usable size of live block p of descriptor s: its slot, its granules, or its pages. */
static size_t usable(struct span *s, void *p)
{
	(void)p;
	if (s->tag == TAG_SMALL)
		return s->size;
	if (s->tag == TAG_MID)
		return mid_usable(s, (uintptr_t)p);
	return s->npages * PAGE;
}

/* The descriptor of a live block p, or an error (free's checks). */
static struct span *owner(void *p, const char *fn)
{
	uintptr_t a = (uintptr_t)p;
	size_t i = (a - pagemap.base) >> PAGE_SHIFT;
	if (heap.inited && heap_holds(a)) {
		struct span *s = pagemap.owner[i];
		if (s && s->tag == TAG_SMALL) {
			uint64_t idx;
			if (small_slot(s, a - s->start, &idx) && idx < s->nslots &&
			    !(s->bits[idx >> 6] & (1ull << (idx & 63))))
				return s;
		} else if (s && s->tag == TAG_RUN && a == s->start) {
			return s;
		} else if (s && s->tag == TAG_MID && mid_is_live(s, a)) {
			return s;
		}
	} else {
		struct span *d = hash_find(a, false);
		if (d)
			return d;
	}
	free_other(p, fn); /* reports the error */
	heap_error(E_INVALID, fn, p, "not a live block");
}

/* calloc without the checks; n = count * size, already checked. */
void *core_calloc(size_t n)
{
	if (likely(n <= SMALL_MAX)) {
		void *p = core_malloc(n);
		if (p)
			__builtin_memset(p, 0, n);
		return p;
	}
	void *p = alloc_big(n);
	if (!p) {
		enomem();
		return NULL;
	}
	struct span *s = owner(p, "calloc");
	if (!s->fresh)
		__builtin_memset(p, 0, n);
	s->fresh = 0;
	return p;
}

/*
 * The size a growing block moves to. A page-run block (over SMALL_MAX)
 * that grows by less than a quarter at a time (a buffer appended to)
 * moves to a quarter more than it asked for, so that the next growths
 * fit where it went and a buffer grown to b bytes is copied about 4b
 * bytes in all, not once per neighbour it meets. A block that grows by
 * more (a table doubled, a file's size) gets what it asked for: the slack
 * would be waste. Mid blocks get none either: they grow in place into
 * free granules, and slack on every live one costs more than the copies
 * (the lab's realloc trace: a heap of 548,864 bytes with it, 483,328
 * without).
 */
static size_t growth_target(size_t old, size_t n)
{
	if (n > SMALL_MAX && n > old && n - old < old / 4 && n < MAX_ALLOC - n / 4)
		return n + n / 4;
	return n;
}

/* Returns true if a page-run block of usable size `old` may stay as it
 * is for n bytes: it fits and at most a quarter of it would be left
 * unused (so that the slack growth_target gave is not cut off by the
 * next growth). */
static bool fits_unchanged(size_t old, size_t n)
{
	return n <= old && n >= old - old / 4;
}

/* realloc of live small block p, slot idx of span s (checked by the
 * caller): in place while it fits its class and fills more than half of
 * it, else moved, and its slot freed at once, without free's lookup. */
static __attribute__((noinline)) void *realloc_small(struct span *s, void *p, uint64_t idx,
						     size_t n)
{
	size_t old = s->size;
	if (n <= old && (n > old / 2 || old <= 16))
		return p; /* it still fits its class */
	if (unlikely(n > MAX_ALLOC)) {
		enomem();
		return NULL;
	}
	size_t want = growth_target(old, n);
	void *q = core_malloc(want); /* p stays live meanwhile: s and idx stay p's */
	if (!q && want > n)
		q = core_malloc(n);
	if (!q)
		return NULL;
	__builtin_memcpy(q, p, old < n ? old : n);
	small_free_slot(s, idx);
	return q;
}

/* core_realloc's every case but a mid block that stays as it is and a
 * live small block (realloc_small): p of s (NULL: p not yet checked,
 * which owner does here, and ends the program if p is no live block; a
 * live small block never comes here) resized in place when its tier
 * allows, else moved. */
static __attribute__((noinline)) void *realloc_block(struct span *s, void *p, size_t n)
{
	if (!s)
		s = owner(p, "realloc");
	if (unlikely(n > MAX_ALLOC)) {
		enomem();
		return NULL;
	}
	size_t old, keep;
	if (s->tag == TAG_MID) {
		/* in place while it stays a mid block: a shrink frees the tail,
		 * a growth takes the free granules after it */
		if (mid_resize(s, (uintptr_t)p, n, &old))
			return p;
		keep = old < n ? old : n;
	} else if (s->tag == TAG_RUN) {
		size_t pages = (n + PAGE - 1) >> PAGE_SHIFT;
		old = s->npages * PAGE;
		if (n > SMALL_MAX || n > old / 4) {
			if (fits_unchanged(old, n)) {
				s->req = n;
				return p;
			}
			if (pages <= s->npages) {
				run_shrink(s, pages ? pages : 1);
				s->req = n;
				return p;
			}
			if (n < heap.mmap_threshold && run_grow(s, pages)) {
				s->req = n;
				return p;
			}
		}
		keep = old < n ? old : n;
	} else {
		old = s->npages * PAGE;
		if (n > SMALL_MAX || n >= old / 4) {
			void *q = realloc_large(s, p, n);
			if (!q)
				enomem();
			return q;
		}
		keep = n;
	}
	size_t want = growth_target(old, n);
	/* a mid block that grows by less than a quarter out of its place (a
	 * buffer appended to) goes where it can go on growing in place */
	void *q = s->tag == TAG_MID && n > old && n - old < old / 4 && n > MID_MIN && n <= SMALL_MAX
		      ? mid_alloc_growing(n)
		      : core_malloc(want);
	if (!q && want > n)
		q = core_malloc(n);
	if (!q)
		return NULL;
	__builtin_memcpy(q, p, keep);
	if (s->tag == TAG_MID)
		mid_free(s, p, "realloc"); /* s is p's, found above: no lookup again */
	else
		core_free(p);
	return q;
}

/* realloc without the checks: in place when the block's tier allows. The
 * commonest case first, with no call: a live block of a mid span (a
 * buffer appended to) that still holds n. A live small block goes to
 * realloc_small (Lua's tables and strings grow by realloc: 43,680 of the
 * recorded lua-tree trace's 393,585 calls). A block of any other tier or
 * a sparse span, and a bad pointer, go to realloc_block through owner's
 * checks. */
void *core_realloc(void *p, size_t n)
{
	uintptr_t a = (uintptr_t)p;
	size_t i = (a - pagemap.base) >> PAGE_SHIFT;
	if (likely(i < pagemap.npages)) {
		struct span *s = pagemap.owner[i];
		if (s && s->tag == TAG_MID && s->gshift == MID_GRAN_SHIFT && mid_is_live(s, a))
			return mid_stays(s, a, n) ? p : realloc_block(s, p, n);
		uint64_t idx;
		if (s && s->tag == TAG_SMALL && small_live_slot(s, a, &idx))
			return realloc_small(s, p, idx, n);
	}
	return realloc_block(NULL, p, n);
}

/* malloc_usable_size without the checking modes (p checked as free checks it). */
size_t core_usable(void *p)
{
	return usable(owner(p, "malloc_usable_size"), p);
}
