/*
 * malloc.c - Interlude's user-mode allocator.
 *
 * The files (each opens with what it holds):
 *   malloc.c    the public functions (malloc, free, calloc, realloc, ...),
 *               the heap state, initialisation, the descriptor pool
 *   aligned.c   aligned_alloc, memalign, posix_memalign
 *   small.c     size classes and small-block spans
 *   pages.c     the page heap: free runs, bins, coalescing, growth,
 *               trimming, releasing idle pages; page runs
 *   large.c     mmapped blocks
 *   check.c     HEAP ERROR reports, mallinfo2, malloc_stats, the heap walk
 *   debug*.c    the checking modes, MALLOC_CHECK=1 and 2 (debug.h lists them)
 *   internal.h  what they share; the fast paths' helpers, static inline
 *   os.c, os.h  the system calls
 *
 * THEORY OF OPERATION (the long version, with figures: docs/MALLOC.md)
 *
 * Three tiers, chosen by the requested size n:
 *
 *   n <= 16 KiB        small: 80 size classes (16-byte steps to 1 KiB, then
 *                      four per doubling). A class's blocks live in "spans":
 *                      runs of 4..32 pages holding blocks of that one size.
 *   16 KiB < n < T     a "page run": whole 4 KiB pages from the page heap.
 *   n >= T             its own mmap, munmap on free. T starts at 128 KiB and,
 *                      as glibc's M_MMAP_THRESHOLD, rises to the size of an
 *                      mmapped block that is freed (up to 32 MiB), so that a
 *                      program that churns big blocks stops paying
 *                      mmap+munmap+page faults for each one.
 *
 * The page heap is the sbrk heap: [base, top), a whole number of pages,
 * cut into spans, page runs, and free runs. It grows with sbrk by at least
 * 1 MiB and at least a quarter of its size (amortised: few calls), and a
 * free run at the top larger than the trim threshold is given back with a
 * negative sbrk, keeping a pad of 1 MiB (hysteresis).
 *
 * ALL METADATA IS OUT OF BAND. Nothing is written inside the heap's pages:
 *   - the page map: one pointer per heap page to the descriptor (struct
 *     span) of the span / run / free run that owns it (a free run has its
 *     first and last entry set, the "boundary tags", its interior NULL);
 *   - descriptors, in their own mmapped pool, each with a tag word (kind +
 *     magic) checked whenever it is used;
 *   - a small span's free slots: a bitmap in its descriptor (1 = free);
 *   - mmapped blocks: a hash table of their descriptors.
 * A stray write into a block can damage other blocks' data but never the
 * allocator's bookkeeping, and every free is checked for free:
 *   free(p): page map[(p - base) >> 12] -> descriptor (O(1)); p must be a
 *   slot start (offset * reciprocal, no division) whose bit is clear, or
 *   the start of a run; else HEAP ERROR [double-free] / [invalid-free] /
 *   [heap-corruption] on stderr and exit status 134.
 *
 * malloc(n), small: class = (n + 15) >> 4 (or a clz formula); the class's
 * current span; the first non-zero word of its bitmap from a cursor; the
 * lowest set bit is the slot. When the span is full it leaves the class's
 * list; a span with free slots is on it. free sets the bit, lowers the
 * cursor, and puts a formerly full span back on the list. A span that
 * becomes empty goes back to the page heap (whole-page recycling), unless
 * it is the class's last one (kept, so churn at a span boundary costs
 * nothing).
 *
 * Page runs: free runs are kept in bins (exact for 1..256 pages, four per
 * doubling beyond) with a bitmap of non-empty bins; a request takes the
 * best fit (lowest non-empty bin that fits; within a range bin the
 * smallest run that fits), split at its low end. free merges the run with
 * free neighbours found through the page map (boundary tags), so no two
 * free runs ever touch.
 *
 * Giving memory back without thrashing: a free run remembers how many of
 * its pages may be resident ("dirty") and when it was freed (an epoch
 * counted in page-heap operations). Every 256 operations runs idle for
 * more than 4096 operations are madvise(MADV_DONTNEED)ed, oldest first,
 * but only while more than 1 MiB of free pages are dirty; if dirty free
 * pages exceed max(64 MiB, the heap in use) the oldest go at once. Runs
 * that are reused quickly (churn) are never released.
 *
 * The checking modes (MALLOC_CHECK=1/2, debug.c) sit on top: the public
 * functions' fast paths test dbg_mode == 0; otherwise the call goes to
 * debug.c with the caller's return address (the "site" in reports). Mode
 * 1 builds its blocks from this allocator's (core_malloc, core_free...).
 *
 * Not thread-safe: Interlude has no threads.
 */
#include "malloc/internal.h"
#include "malloc/debug.h"

/* The address the public function returns to: the call site in the program. */
#define CALLER ((uintptr_t)__builtin_return_address(0))

/* ------------------------------------------------------------------ */
/* the heap state (struct heap: internal.h) */

struct heap g;

/* ------------------------------------------------------------------ */
/* descriptors */

struct span *desc_alloc(void)
{
	if (unlikely(!g.pool)) {
		size_t len = 64 * 1024;
		struct span *a = im_os_mmap(NULL, len, 0);
		if (!a)
			return NULL;
		size_t n = len / sizeof(struct span);
		for (size_t i = 0; i < n; i++) {
			a[i].tag = TAG_UNUSED;
			a[i].next = i + 1 < n ? &a[i + 1] : NULL;
		}
		g.pool = a;
	}
	struct span *d = g.pool;
	g.pool = d->next;
	__builtin_memset(d, 0, sizeof(*d));
	return d;
}


/* ------------------------------------------------------------------ */
/* initialisation */

bool heap_init(void)
{
	if (g.inited)
		return true;
	if (g.init_failed)
		return false;
	classes_init();
	g.mmap_threshold = MMAP_THRESHOLD_INIT;
	g.trim_threshold = TRIM_THRESHOLD_INIT;
	g.pagemap = im_os_mmap(NULL, MAX_HEAP_PAGES * sizeof(struct span *), 0);
	if (!g.pagemap)
		return false; /* retried on the next call */
	uintptr_t b = (uintptr_t)im_os_brk_now();
	uintptr_t a = (b + PAGE - 1) & ~(PAGE - 1);
	if (a != b && !im_os_sbrk((intptr_t)(a - b))) {
		im_os_munmap(g.pagemap, MAX_HEAP_PAGES * sizeof(struct span *));
		g.pagemap = NULL;
		return false;
	}
	g.base = a;
	g.npages = 0;
	g.hsize = 512;
	g.htab = im_os_mmap(NULL, g.hsize * sizeof(struct span *), 0);
	if (!g.htab)
		g.hsize = 0; /* made on first use */
	g.inited = true;
	return true;
}

/* ------------------------------------------------------------------ */
/* the public functions */

static void *alloc_big(size_t n)
{
	if (unlikely(n > MAX_ALLOC))
		return NULL;
	if (unlikely(!g.inited) && !heap_init())
		return NULL;
	if (n >= g.mmap_threshold)
		return large_alloc(n, 0);
	struct span *d = run_alloc((n + PAGE - 1) >> PAGE_SHIFT, TAG_RUN);
	if (!d)
		return NULL;
	d->req = n;
	return (void *)d->start;
}

void *core_malloc(size_t n)
{
	if (likely(n <= SMALL_MAX))
		return small_alloc(size_class(n));
	void *p = alloc_big(n);
	if (unlikely(!p))
		enomem();
	return p;
}

/* Not the fast path: a big block, or a checking mode (or not yet decided). */
__attribute__((noinline)) static void *malloc_slow(size_t n, uintptr_t site)
{
	if (dbg_on())
		return dbg_malloc(n, 16, 0, site);
	return core_malloc(n);
}

void *IM_NAME(malloc)(size_t n)
{
	if (likely(dbg_mode == 0) && likely(n <= SMALL_MAX))
		return small_alloc(size_class(n));
	return malloc_slow(n, CALLER);
}

/* malloc for the libc's own allocating functions (strdup...): site is their caller. */
void *IM_NAME(__malloc_at)(size_t n, uintptr_t site);
void *IM_NAME(__malloc_at)(size_t n, uintptr_t site)
{
	return malloc_slow(n, site);
}

/* Lookup failed on the fast path: p is not a small block (or is bad). */
__attribute__((noinline)) static void free_other(void *p, const char *fn)
{
	uintptr_t a = (uintptr_t)p;
	if (!p)
		return;
	size_t i = page_index(a);
	if (g.inited && a >= g.base && i < g.npages) {
		struct span *s = g.pagemap[i];
		if (!s) {
			if (a & (PAGE - 1))
				heap_error(E_INVALID, fn, p, "pointer into free heap memory, not a block malloc returned");
			heap_error(E_DOUBLE, fn, p, "the block (whole pages) is already free");
		}
		switch (s->tag) {
		case TAG_RUN:
			if (a != s->start)
				heap_error(E_INVALID, fn, p, "pointer inside a block, not its start; pass the pointer malloc returned");
			run_free(s);
			return;
		case TAG_FREE:
			if (a & (PAGE - 1))
				heap_error(E_INVALID, fn, p, "pointer into free heap memory, not a block malloc returned");
			heap_error(E_DOUBLE, fn, p, "the block (whole pages) is already free");
		case TAG_SMALL:
			/* the fast path found it bad */
			{
				uint32_t off = (uint32_t)(a - s->start);
				uint32_t idx = (uint32_t)(((uint64_t)off * s->recip) >> 32);
				if (idx >= s->nslots)
					heap_error(E_INVALID, fn, p, "pointer past the last block of its page run");
				if (idx * s->size != off)
					heap_error(E_INVALID, fn, p, "pointer inside a block, not its start; pass the pointer malloc returned");
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
		if (g.recent_large[k] == a && a)
			heap_error(E_DOUBLE, fn, p, "this mmapped block was already freed (munmapped)");
	bool is_free;
	if (core_block_start(a, &is_free))
		heap_error(E_INVALID, fn, p, "pointer inside a block, not its start; pass the pointer malloc returned");
	if (a & 15)
		heap_error(E_INVALID, fn, p, "misaligned pointer, not from malloc");
	heap_error(E_INVALID, fn, p, "pointer not from malloc (stack, data, or unmapped memory)");
}

uintptr_t core_block_start(uintptr_t a, bool *is_free)
{
	size_t i = page_index(a);
	*is_free = false;
	if (g.inited && a >= g.base && i < g.npages) {
		struct span *s = g.pagemap[i];
		while (!s && i > 0) /* inside a free run: its first page is tagged */
			s = g.pagemap[--i];
		if (!s)
			return 0;
		if (s->tag == TAG_SMALL) {
			uint32_t idx = (uint32_t)(((uint64_t)(a - s->start) * s->recip) >> 32);
			if (idx >= s->nslots)
				return 0;
			*is_free = s->bits[idx >> 6] >> (idx & 63) & 1;
			return s->start + (uintptr_t)idx * s->size;
		}
		*is_free = s->tag == TAG_FREE;
		return s->start;
	}
	/* an mmapped block: only its first page is hashed; an error path,
	 * so a walk of the table finds a pointer into its other pages */
	for (size_t h = 0; h < g.hsize; h++)
		for (struct span *d = g.htab[h]; d; d = d->next)
			if (a >= d->start && a - d->start < d->npages * PAGE)
				return d->start;
	return 0;
}

static inline bool small_free(void *p)
{
	uintptr_t a = (uintptr_t)p;
	size_t i = (a - g.base) >> PAGE_SHIFT;
	if (unlikely(i >= g.npages))
		return false;
	struct span *s = g.pagemap[i];
	if (unlikely(!s || s->tag != TAG_SMALL))
		return false;
	uint32_t off = (uint32_t)(a - s->start);
	uint32_t idx = (uint32_t)(((uint64_t)off * s->recip) >> 32);
	uint64_t m = 1ull << (idx & 63);
	uint32_t w = idx >> 6;
	if (unlikely((idx * s->size != off) | (idx >= s->nslots) | ((s->bits[w] & m) != 0)))
		return false;
	s->bits[w] |= m;
	if (w < s->cursor)
		s->cursor = w;
	uint32_t old = s->nfree++;
	if (unlikely(old == 0 || old + 1 == s->nslots))
		small_free_slow(s, old);
	return true;
}

void core_free(void *p)
{
	if (likely(small_free(p)))
		return;
	free_other(p, "free");
}

/* Not the fast path: not a small block, or a checking mode. */
__attribute__((noinline)) static void free_slow(void *p, uintptr_t site)
{
	if (dbg_on()) {
		dbg_free(p, "free", site);
		return;
	}
	g.site = site;
	if (!small_free(p))
		free_other(p, "free");
}

void IM_NAME(free)(void *p)
{
	if (likely(dbg_mode == 0) && likely(small_free(p)))
		return;
	free_slow(p, CALLER);
}

static size_t usable(struct span *s, void *p)
{
	(void)p;
	if (s->tag == TAG_SMALL)
		return s->size;
	return s->npages * PAGE;
}

/* The descriptor of a live block p, or an error (free's checks). */
static struct span *owner(void *p, const char *fn)
{
	uintptr_t a = (uintptr_t)p;
	size_t i = (a - g.base) >> PAGE_SHIFT;
	if (g.inited && i < g.npages) {
		struct span *s = g.pagemap[i];
		if (s && s->tag == TAG_SMALL) {
			uint32_t off = (uint32_t)(a - s->start);
			uint32_t idx = (uint32_t)(((uint64_t)off * s->recip) >> 32);
			if (idx * s->size == off && idx < s->nslots && !(s->bits[idx >> 6] & (1ull << (idx & 63))))
				return s;
		} else if (s && s->tag == TAG_RUN && a == s->start) {
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
static void *core_calloc(size_t n)
{
	if (likely(n <= SMALL_MAX)) {
		void *p = small_alloc(size_class(n));
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

void *IM_NAME(calloc)(size_t count, size_t size)
{
	size_t n;
	if (unlikely(__builtin_mul_overflow(count, size, &n))) {
		enomem();
		return NULL;
	}
	if (dbg_on())
		return dbg_malloc(n, 16, 1, CALLER);
	return core_calloc(n);
}

/* realloc without the checks: in place when the block's tier allows. */
static void *core_realloc(void *p, size_t n)
{
	if (unlikely(n > MAX_ALLOC)) {
		owner(p, "realloc");
		enomem();
		return NULL;
	}
	struct span *s = owner(p, "realloc");
	size_t old = usable(s, p), keep;
	if (s->tag == TAG_SMALL) {
		if (n <= old && (n > old / 2 || old <= 16))
			return p;
		keep = old < n ? old : n;
	} else if (s->tag == TAG_RUN) {
		size_t pages = (n + PAGE - 1) >> PAGE_SHIFT;
		if (n > SMALL_MAX || n > old / 4) {
			if (pages <= s->npages) {
				run_shrink(s, pages ? pages : 1);
				s->req = n;
				return p;
			}
			if (n < g.mmap_threshold && run_grow(s, pages)) {
				s->req = n;
				return p;
			}
		}
		keep = old < n ? old : n;
	} else {
		if (n > SMALL_MAX || n >= (s->npages * PAGE) / 4) {
			void *q = realloc_large(s, p, n);
			if (!q)
				enomem();
			return q;
		}
		keep = n;
	}
	void *q = core_malloc(n);
	if (!q)
		return NULL;
	__builtin_memcpy(q, p, keep);
	core_free(p);
	return q;
}

static void *realloc_from(void *p, size_t n, uintptr_t site)
{
	if (dbg_on())
		return dbg_realloc(p, n, site);
	if (!p)
		return core_malloc(n);
	g.site = site;
	return core_realloc(p, n);
}

void *IM_NAME(realloc)(void *p, size_t n)
{
	return realloc_from(p, n, CALLER);
}

void *IM_NAME(reallocarray)(void *p, size_t count, size_t size)
{
	size_t n;
	if (__builtin_mul_overflow(count, size, &n)) {
		enomem();
		return NULL;
	}
	return realloc_from(p, n, CALLER);
}

size_t core_usable(void *p)
{
	return usable(owner(p, "malloc_usable_size"), p);
}

size_t IM_NAME(malloc_usable_size)(void *p)
{
	if (!p)
		return 0;
	if (dbg_on())
		return dbg_usable(p, CALLER);
	g.site = CALLER;
	return core_usable(p);
}

int IM_NAME(mallopt)(int param, int value)
{
	if (value < 0)
		return 0;
	if (param == IM_M_MMAP_THRESHOLD) {
		if ((size_t)value > MMAP_THRESHOLD_MAX)
			return 0;
		g.mmap_threshold = (size_t)value < SMALL_MAX + 1 ? SMALL_MAX + 1 : (size_t)value;
		g.mmap_threshold_fixed = true;
		if (!g.inited)
			heap_init(), g.mmap_threshold = (size_t)value < SMALL_MAX + 1 ? SMALL_MAX + 1 : (size_t)value;
		return 1;
	}
	if (param == IM_M_TRIM_THRESHOLD) {
		heap_init();
		g.trim_threshold = (size_t)value;
		g.mmap_threshold_fixed = true;
		return 1;
	}
	return 0;
}

int IM_NAME(malloc_trim)(size_t pad)
{
	if (!g.inited)
		return 0;
	/* give back the empty spans classes keep, release every dirty free
	 * run, then cut the top down to pad */
	size_t before = im_os_counters.madvise_calls + im_os_counters.sbrk_shrinks;
	small_release_empty();
	while (g.idle_head)
		run_release(g.idle_head);
	if (g.npages) {
		struct span *t = g.pagemap[g.npages - 1];
		if (t && t->tag == TAG_FREE)
			maybe_trim(t, (pad + PAGE - 1) >> PAGE_SHIFT);
	}
	return im_os_counters.madvise_calls + im_os_counters.sbrk_shrinks != before;
}
