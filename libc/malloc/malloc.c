/*
 * malloc.c - Interlude's user-mode allocator.
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
 * Room for the debug modes (MALLOC_CHECK=1/2, a later issue): every public
 * entry point goes through one function per operation, runs and mmapped
 * blocks record the requested size (span.req), and span.dbg is reserved
 * for a per-slot side array (requested sizes, alloc sites) of small spans.
 *
 * Not thread-safe: Interlude has no threads.
 */
#include "malloc/malloc_api.h"
#include "malloc/os.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define PAGE_SHIFT 12
#define PAGE ((size_t)1 << PAGE_SHIFT)
#define SMALL_MAX 16384          /* largest small size class */
#define NCLASS 81                /* classes 1..80; 0 unused */
#define MAXSLOTS 1024            /* bitmap bits per span */
#define BITWORDS (MAXSLOTS / 64)
#define MAX_HEAP_PAGES ((size_t)1 << 22) /* 16 GiB of heap */
#define GROW_MIN_PAGES 256       /* 1 MiB */
#define GROW_MAX_PAGES 16384     /* 64 MiB */
#define TOP_PAD_PAGES 256        /* kept at the top when trimming */
#define MMAP_THRESHOLD_INIT (128u << 10)
#define MMAP_THRESHOLD_MAX (32u << 20)
#define TRIM_THRESHOLD_INIT (2u << 20)
#define IDLE_AGE 4096            /* page-heap operations */
#define DIRTY_FLOOR_PAGES 256    /* 1 MiB of dirty free pages always kept */
#define DIRTY_HARD_PAGES 16384   /* 64 MiB */
#define NBINS 353
#define MAX_ALLOC ((size_t)PTRDIFF_MAX - (64u << 20))

/* Descriptor tags: kind in the low byte, a magic in the rest. */
#define TAG_SMALL 0x5ba11c01u
#define TAG_RUN 0x5ba11c02u
#define TAG_FREE 0x5ba11c03u
#define TAG_LARGE 0x5ba11c04u
#define TAG_UNUSED 0x5ba11c05u

struct span {
	/* hot: the small-block fast paths touch only these */
	uintptr_t start;      /* first byte (page aligned) */
	uint32_t tag;         /* TAG_* */
	uint32_t size;        /* small: block size */
	uint32_t recip;       /* small: ceil(2^32 / size) */
	uint32_t nfree;       /* small: free slots */
	uint32_t cursor;      /* small: no free bit in words below it */
	uint32_t nslots;      /* small: slots */
	uint64_t bits[BITWORDS]; /* small: 1 = free slot */
	/* cold */
	size_t npages;        /* pages (LARGE: whole mapping) */
	size_t req;           /* RUN/LARGE: bytes requested */
	size_t dirty;         /* FREE: pages that may be resident */
	uint64_t freed_at;    /* FREE: epoch */
	struct span *next, *prev;   /* class list / bin list / hash chain / pool */
	struct span *lnext, *lprev; /* FREE with dirty > 0: idle list, oldest first */
	uint8_t cls;          /* small: class */
	uint8_t listed;       /* small: on the class list; FREE: in a bin */
	uint8_t fresh;        /* RUN: pages known zero */
	void *dbg;            /* reserved for the debug modes */
};

struct sclass {
	struct span *cur;  /* head of the list of spans with free slots */
	struct span *tail;
	uint32_t size, pages, nslots, recip;
	uint32_t nspans;
};

static struct {
	uintptr_t base;       /* first heap page */
	size_t npages;        /* heap pages: top = base + npages*PAGE */
	struct span **pagemap;
	struct sclass cls[NCLASS];
	struct span *bins[NBINS];
	uint64_t binmap[(NBINS + 63) / 64];
	struct span *idle_head, *idle_tail; /* free runs with dirty pages, oldest first */
	size_t free_pages, dirty_pages, max_npages;
	uint64_t epoch;
	size_t mmap_threshold, trim_threshold;
	bool mmap_threshold_fixed, inited, init_failed;
	struct span *pool;    /* unused descriptors */
	struct span **htab;   /* mmapped blocks, by address */
	size_t hsize, hcount, large_bytes;
	uintptr_t recent_large[16]; /* last munmapped block starts: names a double free */
	unsigned recent_i;
} g;

/* ------------------------------------------------------------------ */
/* errors */

static void put(char **o, const char *s)
{
	while (*s)
		*(*o)++ = *s++;
}

static void put_hex(char **o, uintptr_t v)
{
	char t[20];
	int i = 0;
	put(o, "0x");
	do {
		t[i++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	while (i)
		*(*o)++ = t[--i];
}

static void put_dec(char **o, size_t v)
{
	char t[24];
	int i = 0;
	do {
		t[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (i)
		*(*o)++ = t[--i];
}

enum herr { E_DOUBLE, E_INVALID, E_CORRUPT };

/* Prints the diagnosis and ends the program with status 134 (128 + SIGABRT). */
__attribute__((noreturn, cold, noinline)) static void heap_error(enum herr e, const char *fn,
								 const void *p, const char *what)
{
	static char buf[512];
	char *o = buf;
	static const char *const head[] = {
		"HEAP ERROR [double-free]: freeing memory repeatedly (double free)\n",
		"HEAP ERROR [invalid-free]: calling free() incorrectly (invalid free)\n",
		"HEAP ERROR [heap-corruption]: heap metadata corrupted\n",
	};
	put(&o, head[e]);
	put(&o, "  ");
	put(&o, fn);
	put(&o, "(");
	put_hex(&o, (uintptr_t)p);
	put(&o, "): ");
	put(&o, what);
	put(&o, "\n  action: abort\n");
	im_os_write_err(buf, (size_t)(o - buf));
	im_os_die(134);
}

static void enomem(void)
{
	im_os_set_enomem();
}

/* ------------------------------------------------------------------ */
/* size classes */

static inline unsigned size_class(size_t n)
{
	if (likely(n <= 1024))
		return (unsigned)((n + 15) >> 4) + (n == 0);
	size_t s = n - 1;
	unsigned lg = 63u - (unsigned)__builtin_clzl(s);
	return 65u + ((lg - 10u) << 2) + (unsigned)((s >> (lg - 2u)) & 3u);
}

static void classes_init(void)
{
	for (unsigned c = 1; c < NCLASS; c++) {
		uint32_t size;
		if (c <= 64) {
			size = c * 16;
		} else {
			unsigned k = c - 65, lg = 10 + k / 4;
			size = (uint32_t)((1u << lg) + ((k % 4) + 1) * (1u << (lg - 2)));
		}
		/* 64 KiB spans (fewer pages if the bitmap would overflow); big
		 * classes: 16..32 pages, whichever wastes the least. */
		uint32_t pages = 16;
		if ((size_t)pages * PAGE / size > MAXSLOTS)
			pages = (uint32_t)((size_t)MAXSLOTS * size / PAGE);
		if (size > 2048) {
			uint32_t best = 16;
			size_t bestw = (size_t)-1;
			for (uint32_t p = 16; p <= 32; p++) {
				size_t w = (p * PAGE) % size;
				if ((p * PAGE) / size >= 4 && w * 32 < bestw * p) {
					bestw = w * 32 / p;
					best = p;
				}
			}
			pages = best;
		}
		g.cls[c].size = size;
		g.cls[c].pages = pages;
		g.cls[c].nslots = (uint32_t)(pages * PAGE / size);
		g.cls[c].recip = (uint32_t)(((1ull << 32) + size - 1) / size);
	}
}

/* ------------------------------------------------------------------ */
/* descriptors */

static struct span *desc_alloc(void)
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

static void desc_free(struct span *d)
{
	d->tag = TAG_UNUSED;
	d->next = g.pool;
	g.pool = d;
}

/* ------------------------------------------------------------------ */
/* initialisation */

static bool heap_init(void)
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
/* the page heap: free runs */

static inline unsigned run_bin(size_t pages)
{
	if (pages <= 256)
		return (unsigned)pages;
	size_t s = pages - 1;
	unsigned lg = 63u - (unsigned)__builtin_clzl(s);
	return 257u + ((lg - 8u) << 2) + (unsigned)((s >> (lg - 2u)) & 3u);
}

static inline size_t page_index(uintptr_t a)
{
	return (a - g.base) >> PAGE_SHIFT;
}

static void idle_unlink(struct span *f)
{
	if (f->lprev)
		f->lprev->lnext = f->lnext;
	else
		g.idle_head = f->lnext;
	if (f->lnext)
		f->lnext->lprev = f->lprev;
	else
		g.idle_tail = f->lprev;
	f->lnext = f->lprev = NULL;
}

/* Inserts f by age (oldest first), looking back at most 8 runs from the
 * young end; if it belongs further back it is made that young instead. */
static void idle_append(struct span *f)
{
	struct span *after = g.idle_tail;
	for (int k = 0; k < 8 && after && after->freed_at > f->freed_at; k++)
		after = after->lprev;
	if (after && after->freed_at > f->freed_at)
		f->freed_at = after->freed_at;
	f->lprev = after;
	f->lnext = after ? after->lnext : g.idle_head;
	if (after)
		after->lnext = f;
	else
		g.idle_head = f;
	if (f->lnext)
		f->lnext->lprev = f;
	else
		g.idle_tail = f;
}

/* Puts a free run into its bin (dirty runs first: reused before clean ones)
 * and, if dirty, at the young end of the idle list. */
static void bin_insert(struct span *f)
{
	unsigned b = run_bin(f->npages);
	if (f->dirty || !g.bins[b]) {
		f->prev = NULL;
		f->next = g.bins[b];
		if (f->next)
			f->next->prev = f;
		g.bins[b] = f;
	} else {
		struct span *t = g.bins[b];
		while (t->next)
			t = t->next;
		t->next = f;
		f->prev = t;
		f->next = NULL;
	}
	g.binmap[b >> 6] |= 1ull << (b & 63);
	f->listed = 1;
	g.free_pages += f->npages;
	g.dirty_pages += f->dirty;
	if (f->dirty)
		idle_append(f);
}

static void bin_remove(struct span *f)
{
	unsigned b = run_bin(f->npages);
	if (f->prev)
		f->prev->next = f->next;
	else
		g.bins[b] = f->next;
	if (f->next)
		f->next->prev = f->prev;
	if (!g.bins[b])
		g.binmap[b >> 6] &= ~(1ull << (b & 63));
	f->listed = 0;
	g.free_pages -= f->npages;
	g.dirty_pages -= f->dirty;
	if (f->dirty)
		idle_unlink(f);
}

static void check_tag(struct span *s, uint32_t tag, const char *fn, const void *p)
{
	if (unlikely(s->tag != tag))
		heap_error(E_CORRUPT, fn, p, "a heap descriptor's tag was overwritten");
}

/* Releases the pages of free run f to the kernel (they stay in the heap). */
static void run_release(struct span *f)
{
	g.dirty_pages -= f->dirty;
	idle_unlink(f);
	f->dirty = 0;
	im_os_madvise_dontneed((void *)f->start, f->npages * PAGE);
	/* clean runs go behind dirty ones in their bin */
	unsigned b = run_bin(f->npages);
	if (f->next) {
		if (f->prev)
			f->prev->next = f->next;
		else
			g.bins[b] = f->next;
		f->next->prev = f->prev;
		struct span *t = f->next;
		while (t->next)
			t = t->next;
		t->next = f;
		f->prev = t;
		f->next = NULL;
	}
}

/* Idle-page policy (see the theory of operation). */
static void decay(bool force)
{
	size_t in_use = g.npages - g.free_pages;
	size_t hard = in_use > DIRTY_HARD_PAGES ? in_use : DIRTY_HARD_PAGES;
	bool over = force || g.dirty_pages > hard;
	while (g.idle_head && g.dirty_pages > DIRTY_FLOOR_PAGES) {
		struct span *f = g.idle_head;
		if (over && g.dirty_pages <= hard / 2)
			over = false;
		if (!over && g.epoch - f->freed_at < IDLE_AGE)
			break;
		run_release(f);
	}
}

static inline void tick(void)
{
	if (unlikely((++g.epoch & 255) == 0))
		decay(false);
}

static size_t grow_step(void)
{
	size_t step = g.npages / 4;
	if (step < GROW_MIN_PAGES)
		step = GROW_MIN_PAGES;
	if (step > GROW_MAX_PAGES)
		step = GROW_MAX_PAGES;
	return step;
}

/* Gives back a free run at the top of the heap beyond the pad. */
static void maybe_trim(struct span *f, size_t keep_pages)
{
	if (f->start + f->npages * PAGE != g.base + g.npages * PAGE)
		return;
	if (keep_pages == TOP_PAD_PAGES) {
		/* never less than twice the next growth step: no grow/trim ping-pong */
		size_t step = grow_step();
		if (f->npages * PAGE <= g.trim_threshold || f->npages <= 2 * step)
			return;
	}
	if (f->npages <= keep_pages)
		return;
	size_t cut = f->npages - keep_pages;
	uintptr_t top = g.base + g.npages * PAGE;
	if ((uintptr_t)im_os_brk_now() != top)
		return; /* someone else moved the break */
	bin_remove(f);
	if (!im_os_sbrk(-(intptr_t)(cut * PAGE))) {
		bin_insert(f);
		return;
	}
	g.npages -= cut;
	g.pagemap[page_index(f->start + (f->npages - 1) * PAGE)] = NULL;
	f->npages -= cut;
	if (f->dirty > f->npages)
		f->dirty = f->npages;
	if (f->npages == 0) {
		desc_free(f);
		return;
	}
	g.pagemap[page_index(f->start)] = f;
	g.pagemap[page_index(f->start + (f->npages - 1) * PAGE)] = f;
	bin_insert(f);
}

/* Makes [start, start + n pages) a free run with `dirty` possibly-resident
 * pages, merging with free neighbours. d is a descriptor to use (or NULL). */
static void run_insert_free(struct span *d, uintptr_t start, size_t n, size_t dirty, bool trim)
{
	/* the merged run's age is that of its part with the most dirty pages,
	 * so a little churn beside an old run neither keeps it young forever
	 * nor gets itself released at once */
	uint64_t age = g.epoch;
	size_t agew = dirty;
	size_t first = page_index(start), last = first + n - 1;
	for (size_t i = first; i <= last; i++)
		g.pagemap[i] = NULL;
	if (first > 0) {
		struct span *l = g.pagemap[first - 1];
		if (l->tag == TAG_FREE) {
			bin_remove(l);
			if (l->npages > 1)
				g.pagemap[first - 1] = NULL;
			start = l->start;
			n += l->npages;
			if (l->dirty > agew)
				age = l->freed_at, agew = l->dirty;
			dirty += l->dirty;
			if (d)
				desc_free(d);
			d = l;
		}
	}
	if (last + 1 < g.npages) {
		struct span *r = g.pagemap[last + 1];
		if (r->tag == TAG_FREE) {
			bin_remove(r);
			g.pagemap[last + 1] = NULL;
			n += r->npages;
			if (r->dirty > agew)
				age = r->freed_at, agew = r->dirty;
			dirty += r->dirty;
			if (d)
				desc_free(r);
			else
				d = r;
		}
	}
	if (!d) {
		d = desc_alloc();
		if (!d)
			heap_error(E_CORRUPT, "free", (void *)start, "out of memory for heap metadata");
	}
	d->tag = TAG_FREE;
	d->start = start;
	d->npages = n;
	d->dirty = dirty > n ? n : dirty;
	d->freed_at = age;
	g.pagemap[page_index(start)] = d;
	g.pagemap[page_index(start) + n - 1] = d;
	bin_insert(d);
	if (trim)
		maybe_trim(d, TOP_PAD_PAGES);
}

/* Grows the heap so that a free run of at least n pages sits at the top. */
static bool heap_grow(size_t n)
{
	size_t have = 0;
	if (g.npages) {
		struct span *t = g.pagemap[g.npages - 1];
		if (t->tag == TAG_FREE)
			have = t->npages;
	}
	size_t need = n - have;
	size_t step = grow_step();
	if (step < need)
		step = need;
	uintptr_t top = g.base + g.npages * PAGE;
	for (int attempt = 0; attempt < 2; attempt++, step = need) {
		if (g.npages + step > MAX_HEAP_PAGES)
			continue;
		void *old = im_os_sbrk((intptr_t)(step * PAGE));
		if (!old)
			continue;
		if ((uintptr_t)old != top) { /* not contiguous: give it back */
			im_os_sbrk(-(intptr_t)(step * PAGE));
			return false;
		}
		g.npages += step;
		if (g.npages > g.max_npages)
			g.max_npages = g.npages;
		struct span *d = desc_alloc();
		if (!d) {
			im_os_sbrk(-(intptr_t)(step * PAGE));
			g.npages -= step;
			return false;
		}
		run_insert_free(d, top, step, 0, false);
		return true;
	}
	return false;
}

/* Finds the best-fitting free run of >= n pages. */
static struct span *run_find(size_t n)
{
	unsigned b = run_bin(n);
	if (b > 256 && g.bins[b]) {
		struct span *best = NULL;
		for (struct span *f = g.bins[b]; f; f = f->next)
			if (f->npages >= n && (!best || f->npages < best->npages))
				best = f;
		if (best)
			return best;
		b++;
	}
	for (unsigned w = b >> 6; w < (NBINS + 63) / 64; w++) {
		uint64_t m = g.binmap[w];
		if (w == b >> 6)
			m &= ~0ull << (b & 63);
		if (m)
			return g.bins[(w << 6) + (unsigned)__builtin_ctzll(m)];
	}
	return NULL;
}

/* Takes n pages from the page heap as a span of the given tag. */
static struct span *run_alloc(size_t n, uint32_t tag)
{
	struct span *f = run_find(n);
	if (!f) {
		if (!heap_grow(n))
			return NULL;
		f = run_find(n);
		if (!f)
			return NULL;
	}
	check_tag(f, TAG_FREE, "malloc", (void *)f->start);
	tick();
	struct span *d;
	bool fresh = f->dirty == 0;
	bin_remove(f);
	if (f->npages == n) {
		d = f;
	} else {
		d = desc_alloc();
		if (!d) {
			bin_insert(f);
			return NULL;
		}
		d->start = f->start;
		f->start += n * PAGE;
		f->npages -= n;
		if (f->dirty > f->npages)
			f->dirty = f->npages;
		g.pagemap[page_index(f->start)] = f;
		bin_insert(f);
	}
	uintptr_t start = d->start;
	__builtin_memset(d, 0, sizeof(*d));
	d->start = start;
	d->npages = n;
	d->tag = tag;
	d->fresh = fresh;
	struct span **pm = &g.pagemap[page_index(start)];
	for (size_t i = 0; i < n; i++)
		pm[i] = d;
	return d;
}

static void run_free(struct span *d)
{
	tick();
	run_insert_free(d, d->start, d->npages, d->npages, true);
}

/* Cuts the pages of run d from page `keep` on back to the page heap. */
static void run_shrink(struct span *d, size_t keep)
{
	if (keep >= d->npages)
		return;
	uintptr_t cut = d->start + keep * PAGE;
	size_t n = d->npages - keep;
	d->npages = keep;
	tick();
	run_insert_free(NULL, cut, n, n, true);
}

/* Grows run d in place to n pages, from a free run right after it
 * (growing the heap if d is at its top). */
static bool run_grow(struct span *d, size_t n)
{
	size_t endp = page_index(d->start) + d->npages, more = n - d->npages;
	if (endp == g.npages) {
		if (!heap_grow(more))
			return false;
	}
	struct span *r = g.pagemap[endp];
	if (!r || r->tag != TAG_FREE || r->npages < more)
		return false;
	tick();
	bin_remove(r);
	if (r->npages == more) {
		desc_free(r);
	} else {
		r->start += more * PAGE;
		r->npages -= more;
		if (r->dirty > r->npages)
			r->dirty = r->npages;
		g.pagemap[page_index(r->start)] = r;
		bin_insert(r);
	}
	for (size_t i = 0; i < more; i++)
		g.pagemap[endp + i] = d;
	d->npages = n;
	return true;
}

/* ------------------------------------------------------------------ */
/* small blocks */

static void class_push_tail(struct sclass *k, struct span *s)
{
	s->next = NULL;
	s->prev = k->tail;
	if (k->tail)
		k->tail->next = s;
	else
		k->cur = s;
	k->tail = s;
	s->listed = 1;
}

static void class_unlink(struct sclass *k, struct span *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		k->cur = s->next;
	if (s->next)
		s->next->prev = s->prev;
	else
		k->tail = s->prev;
	s->next = s->prev = NULL;
	s->listed = 0;
}

static struct span *span_new_small(unsigned c)
{
	struct sclass *k = &g.cls[c];
	struct span *s = run_alloc(k->pages, TAG_SMALL);
	if (!s)
		return NULL;
	s->cls = (uint8_t)c;
	s->size = k->size;
	s->recip = k->recip;
	s->nslots = k->nslots;
	s->nfree = k->nslots;
	s->cursor = 0;
	for (uint32_t w = 0; w < BITWORDS; w++) {
		uint32_t lo = w * 64;
		s->bits[w] = lo >= k->nslots ? 0 : (k->nslots - lo >= 64 ? ~0ull : (1ull << (k->nslots - lo)) - 1);
	}
	k->nspans++;
	class_push_tail(k, s);
	return s;
}

__attribute__((noinline)) static void *small_alloc_slow(unsigned c)
{
	struct sclass *k = &g.cls[c];
	if (unlikely(!g.inited) && !heap_init()) {
		enomem();
		return NULL;
	}
	for (;;) {
		struct span *s = k->cur;
		if (!s) {
			s = span_new_small(c);
			if (!s) {
				enomem();
				return NULL;
			}
		}
		check_tag(s, TAG_SMALL, "malloc", (void *)s->start);
		uint32_t nw = (s->nslots + 63) / 64;
		for (uint32_t w = s->cursor; w < nw; w++) {
			uint64_t word = s->bits[w];
			if (word) {
				s->cursor = w;
				s->bits[w] = word & (word - 1);
				s->nfree--;
				return (void *)(s->start + (size_t)((w << 6) + (unsigned)__builtin_ctzll(word)) * s->size);
			}
		}
		if (unlikely(s->nfree != 0))
			heap_error(E_CORRUPT, "malloc", (void *)s->start, "free-slot count disagrees with the bitmap");
		s->cursor = nw;
		class_unlink(k, s); /* full */
	}
}

static inline void *small_alloc(unsigned c)
{
	struct span *s = g.cls[c].cur;
	if (likely(s != NULL)) {
		uint32_t w = s->cursor;
		uint64_t word = s->bits[w];
		if (likely(word != 0)) {
			s->bits[w] = word & (word - 1);
			s->nfree--;
			return (void *)(s->start + (size_t)((w << 6) + (unsigned)__builtin_ctzll(word)) * s->size);
		}
	}
	return small_alloc_slow(c);
}

/* A free made span s formerly full (old_nfree == 0) or now empty. */
__attribute__((noinline)) static void small_free_slow(struct span *s, uint32_t old_nfree)
{
	struct sclass *k = &g.cls[s->cls];
	if (old_nfree == 0 && !s->listed)
		class_push_tail(k, s); /* full spans leave the list lazily */
	if (s->nfree == s->nslots && (k->cur != s || s->next)) {
		/* empty and not the class's only span: whole-page recycling */
		class_unlink(k, s);
		k->nspans--;
		run_free(s);
	}
}

/* ------------------------------------------------------------------ */
/* mmapped blocks */

static size_t hash_ptr(uintptr_t a)
{
	return (size_t)((a >> PAGE_SHIFT) * 0x9e3779b97f4a7c15ull >> 32) & (g.hsize - 1);
}

static bool hash_insert(struct span *d)
{
	if (g.hcount + 1 > g.hsize) {
		size_t ns = g.hsize ? g.hsize * 4 : 512;
		struct span **nt = im_os_mmap(NULL, ns * sizeof(*nt), 0);
		if (!nt)
			return false;
		struct span **ot = g.htab;
		size_t os = g.hsize;
		g.htab = nt;
		g.hsize = ns;
		for (size_t i = 0; i < os; i++) {
			for (struct span *e = ot[i], *n; e; e = n) {
				n = e->next;
				size_t h = hash_ptr(e->start);
				e->next = nt[h];
				nt[h] = e;
			}
		}
		if (ot)
			im_os_munmap(ot, os * sizeof(*ot));
	}
	size_t h = hash_ptr(d->start);
	d->next = g.htab[h];
	g.htab[h] = d;
	g.hcount++;
	return true;
}

static struct span *hash_find(uintptr_t a, bool unlink)
{
	if (!g.hsize)
		return NULL;
	struct span **pp = &g.htab[hash_ptr(a)];
	for (struct span *e = *pp; e; pp = &e->next, e = e->next) {
		if (e->start == a) {
			check_tag(e, TAG_LARGE, "free", (void *)a);
			if (unlink) {
				*pp = e->next;
				g.hcount--;
			}
			return e;
		}
	}
	return NULL;
}

static void *large_alloc(size_t n, size_t align)
{
	size_t len = (n + PAGE - 1) & ~(PAGE - 1);
	size_t extra = align > PAGE ? align : 0;
	if (unlikely(!g.inited) && !heap_init())
		return NULL;
	struct span *d = desc_alloc();
	if (!d)
		return NULL;
	char *m = im_os_mmap(NULL, len + extra, 0);
	if (!m) {
		desc_free(d);
		return NULL;
	}
	if (extra) {
		uintptr_t a = ((uintptr_t)m + align - 1) & ~(align - 1);
		if (a > (uintptr_t)m)
			im_os_munmap(m, a - (uintptr_t)m);
		uintptr_t end = (uintptr_t)m + len + extra;
		if (end > a + len)
			im_os_munmap((void *)(a + len), end - (a + len));
		m = (char *)a;
	}
	d->tag = TAG_LARGE;
	d->start = (uintptr_t)m;
	d->npages = len / PAGE;
	d->req = n;
	d->fresh = 1;
	if (!hash_insert(d)) {
		im_os_munmap(m, len);
		desc_free(d);
		return NULL;
	}
	g.large_bytes += len;
	return m;
}

static void large_free(struct span *d)
{
	size_t len = d->npages * PAGE;
	hash_find(d->start, true);
	g.large_bytes -= len;
	g.recent_large[g.recent_i++ & 15] = d->start;
	im_os_munmap((void *)d->start, len);
	/* glibc's dynamic threshold: blocks this big now come from the heap */
	if (!g.mmap_threshold_fixed && len >= g.mmap_threshold && len <= MMAP_THRESHOLD_MAX) {
		g.mmap_threshold = len + 1;
		if (g.trim_threshold < 2 * len)
			g.trim_threshold = 2 * len;
	}
	desc_free(d);
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

void *IM_NAME(malloc)(size_t n)
{
	if (likely(n <= SMALL_MAX))
		return small_alloc(size_class(n));
	void *p = alloc_big(n);
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
	if (g.inited && a >= g.base && i < g.npages) {
		struct span *s = g.pagemap[i];
		if (!s) {
			if (a & (PAGE - 1))
				heap_error(E_INVALID, fn, p, "pointer into free heap memory, not a block malloc returned");
			heap_error(E_DOUBLE, fn, p, "this page-sized block is already free");
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
			heap_error(E_DOUBLE, fn, p, "this page-sized block is already free");
		case TAG_SMALL:
			/* the fast path found it bad */
			if (a & 15)
				heap_error(E_INVALID, fn, p, "misaligned pointer: not a block malloc returned");
			{
				uint32_t off = (uint32_t)(a - s->start);
				uint32_t idx = (uint32_t)(((uint64_t)off * s->recip) >> 32);
				if (idx * s->size != off || idx >= s->nslots)
					heap_error(E_INVALID, fn, p, "pointer inside a block, not its start; pass the pointer malloc returned");
				heap_error(E_DOUBLE, fn, p, "this block is already free");
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
	if (a & 15)
		heap_error(E_INVALID, fn, p, "misaligned pointer, not from malloc");
	heap_error(E_INVALID, fn, p, "pointer not from malloc (stack, data, or unmapped memory)");
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

void IM_NAME(free)(void *p)
{
	if (likely(small_free(p)))
		return;
	free_other(p, "free");
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

void *IM_NAME(calloc)(size_t count, size_t size)
{
	size_t n;
	if (unlikely(__builtin_mul_overflow(count, size, &n))) {
		enomem();
		return NULL;
	}
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

static void *realloc_large(struct span *d, void *p, size_t n)
{
	size_t len = d->npages * PAGE, need = (n + PAGE - 1) & ~(PAGE - 1);
	if (need <= len) {
		/* shrink in place: unmap whole pages beyond need (keep a little slack) */
		if (len - need >= 16 * PAGE && need > 0) {
			im_os_munmap((char *)p + need, len - need);
			g.large_bytes -= len - need;
			d->npages = need / PAGE;
		}
		d->req = n;
		return p;
	}
	/* grow in place if the address range after the mapping is free */
	if (im_os_mmap((char *)p + len, need - len, 1)) {
		g.large_bytes += need - len;
		d->npages = need / PAGE;
		d->req = n;
		return p;
	}
	/* move, with 50% headroom: reserved address space, not memory */
	size_t cap = need + (need / 2 & ~(PAGE - 1));
	void *q = large_alloc(cap, 0);
	if (!q) {
		q = large_alloc(n, 0);
		if (!q)
			return NULL;
	}
	__builtin_memcpy(q, p, len < n ? len : n);
	struct span *nd = hash_find((uintptr_t)q, false);
	nd->req = n;
	hash_find(d->start, true);
	g.large_bytes -= len;
	im_os_munmap(p, len);
	desc_free(d);
	return q;
}

void *IM_NAME(realloc)(void *p, size_t n)
{
	if (!p)
		return IM_NAME(malloc)(n);
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
	void *q = IM_NAME(malloc)(n);
	if (!q)
		return NULL;
	__builtin_memcpy(q, p, keep);
	IM_NAME(free)(p);
	return q;
}

void *IM_NAME(reallocarray)(void *p, size_t count, size_t size)
{
	size_t n;
	if (__builtin_mul_overflow(count, size, &n)) {
		enomem();
		return NULL;
	}
	return IM_NAME(realloc)(p, n);
}

static void *alloc_aligned(size_t align, size_t n)
{
	if (align <= 16)
		return IM_NAME(malloc)(n);
	if (n <= SMALL_MAX && align <= PAGE) {
		unsigned c = size_class(n > align ? n : align);
		if (unlikely(!g.inited))
			classes_init();
		while (g.cls[c].size % align)
			c++;
		return small_alloc(c);
	}
	if (n > MAX_ALLOC || align > MAX_ALLOC / 2) {
		enomem();
		return NULL;
	}
	if (unlikely(!g.inited) && !heap_init()) {
		enomem();
		return NULL;
	}
	void *p;
	if (n >= g.mmap_threshold) {
		p = large_alloc(n, align);
	} else {
		size_t pages = n ? (n + PAGE - 1) >> PAGE_SHIFT : 1;
		size_t ap = align > PAGE ? align >> PAGE_SHIFT : 1;
		struct span *d = run_alloc(pages + ap - 1, TAG_RUN);
		p = NULL;
		if (d) {
			uintptr_t a = (d->start + align - 1) & ~(align - 1);
			size_t head = (a - d->start) >> PAGE_SHIFT;
			if (head) {
				/* the head goes back; the block becomes a run of its own */
				struct span *h = desc_alloc();
				if (!h) {
					run_free(d);
					enomem();
					return NULL;
				}
				*h = *d;
				h->npages = head;
				d->start = a;
				d->npages -= head;
				for (size_t i = 0; i < d->npages; i++)
					g.pagemap[page_index(a) + i] = d;
				for (size_t i = 0; i < head; i++)
					g.pagemap[page_index(h->start) + i] = h;
				run_free(h);
			}
			run_shrink(d, pages);
			d->req = n;
			p = (void *)d->start;
		}
	}
	if (!p)
		enomem();
	return p;
}

static bool pow2(size_t a)
{
	return a && !(a & (a - 1));
}

void *IM_NAME(aligned_alloc)(size_t align, size_t n)
{
	if (!pow2(align)) {
		im_os_set_einval();
		return NULL;
	}
	return alloc_aligned(align, n);
}

void *IM_NAME(memalign)(size_t align, size_t n)
{
	return IM_NAME(aligned_alloc)(align, n);
}

int IM_NAME(posix_memalign)(void **out, size_t align, size_t n)
{
	if (!pow2(align) || align % sizeof(void *))
		return 22; /* EINVAL */
	void *p = alloc_aligned(align, n);
	if (!p)
		return 12; /* ENOMEM */
	*out = p;
	return 0;
}

size_t IM_NAME(malloc_usable_size)(void *p)
{
	if (!p)
		return 0;
	return usable(owner(p, "malloc_usable_size"), p);
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
	/* release every dirty free run, then cut the top down to pad */
	size_t before = im_os_counters.madvise_calls + im_os_counters.sbrk_shrinks;
	while (g.idle_head)
		run_release(g.idle_head);
	if (g.npages) {
		struct span *t = g.pagemap[g.npages - 1];
		if (t && t->tag == TAG_FREE)
			maybe_trim(t, (pad + PAGE - 1) >> PAGE_SHIFT);
	}
	return im_os_counters.madvise_calls + im_os_counters.sbrk_shrinks != before;
}

/* ------------------------------------------------------------------ */
/* statistics and the heap walk */

struct IM_NAME(mallinfo2) IM_NAME(mallinfo2)(void)
{
	struct IM_NAME(mallinfo2) mi;
	__builtin_memset(&mi, 0, sizeof(mi));
	mi.arena = g.npages * PAGE;
	mi.usmblks = g.max_npages * PAGE;
	mi.hblkhd = g.large_bytes;
	mi.hblks = g.hcount;
	mi.uordblks = g.large_bytes;
	for (size_t i = 0; g.inited && i < g.npages;) {
		struct span *s = g.pagemap[i];
		if (s->tag == TAG_SMALL) {
			mi.smblks++;
			mi.uordblks += (size_t)(s->nslots - s->nfree) * s->size;
			mi.fsmblks += (size_t)s->nfree * s->size;
		} else if (s->tag == TAG_RUN) {
			mi.uordblks += s->npages * PAGE;
		} else {
			mi.ordblks++;
			mi.fordblks += s->npages * PAGE;
			if (i + s->npages == g.npages)
				mi.keepcost = s->npages * PAGE;
		}
		i += s->npages;
	}
	return mi;
}

static void line(const char *label, size_t v, const char *unit)
{
	char buf[128], *o = buf;
	put(&o, label);
	put_dec(&o, v);
	put(&o, unit);
	put(&o, "\n");
	im_os_write_err(buf, (size_t)(o - buf));
}

void IM_NAME(malloc_stats)(void)
{
	struct IM_NAME(mallinfo2) mi = IM_NAME(mallinfo2)();
	line("heap (sbrk) bytes:      ", mi.arena, "");
	line("heap peak bytes:        ", mi.usmblks, "");
	line("in use bytes:           ", mi.uordblks, "");
	line("small spans:            ", mi.smblks, "");
	line("free in small spans:    ", mi.fsmblks, " bytes");
	line("free page runs:         ", mi.ordblks, "");
	line("free run bytes:         ", mi.fordblks, "");
	line("  of which dirty:       ", g.dirty_pages * PAGE, " bytes");
	line("trimmable at top:       ", mi.keepcost, " bytes");
	line("mmapped blocks:         ", mi.hblks, "");
	line("mmapped bytes:          ", mi.hblkhd, "");
	line("mmap threshold:         ", g.mmap_threshold, " bytes");
	line("sbrk calls:             ", im_os_counters.sbrk_calls, "");
	line("mmap/munmap/madvise:    ", im_os_counters.mmap_calls, "");
	line("                        ", im_os_counters.munmap_calls, "");
	line("                        ", im_os_counters.madvise_calls, "");
}

void *malloc_debug_span_of(const void *p)
{
	uintptr_t a = (uintptr_t)p;
	size_t i = (a - g.base) >> PAGE_SHIFT;
	if (g.inited && i < g.npages)
		return g.pagemap[i];
	return hash_find(a, false);
}

static int fail(int ln, const char *what)
{
	char buf[160], *o = buf;
	put(&o, "malloc_check_heap: ");
	put(&o, what);
	put(&o, " (malloc.c:");
	put_dec(&o, (size_t)ln);
	put(&o, ")\n");
	im_os_write_err(buf, (size_t)(o - buf));
	return ln;
}

#define CHECK(c, what)                          \
	do {                                    \
		if (!(c))                       \
			return fail(__LINE__, what); \
	} while (0)

int malloc_check_heap(void)
{
	if (!g.inited)
		return 0;
	size_t free_pages = 0, dirty = 0, nfreeruns = 0;
	size_t spans_per_class[NCLASS] = {0};
	struct span *prev = NULL;
	CHECK(g.base % PAGE == 0, "heap base not page aligned");
	CHECK((uintptr_t)im_os_brk_now() >= g.base + g.npages * PAGE, "break below the heap's top");
	for (size_t i = 0; i < g.npages;) {
		struct span *s = g.pagemap[i];
		CHECK(s != NULL, "page map hole at a span start");
		CHECK(s->start == g.base + i * PAGE, "descriptor start disagrees with the page map");
		CHECK(s->npages >= 1 && i + s->npages <= g.npages, "span runs past the top");
		if (s->tag == TAG_FREE) {
			CHECK(!prev || prev->tag != TAG_FREE, "two free runs touch (not merged)");
			CHECK(g.pagemap[i + s->npages - 1] == s, "free run's last page tag is wrong");
			for (size_t j = 1; j + 1 < s->npages; j++)
				CHECK(g.pagemap[i + j] == NULL, "free run interior not cleared");
			CHECK(s->listed, "free run not in a bin");
			CHECK(s->dirty <= s->npages, "free run dirty count too big");
			CHECK(g.binmap[run_bin(s->npages) >> 6] & (1ull << (run_bin(s->npages) & 63)),
			      "bin of a free run not marked");
			bool found = false;
			for (struct span *f = g.bins[run_bin(s->npages)]; f; f = f->next)
				if (f == s)
					found = true;
			CHECK(found, "free run missing from its bin");
			free_pages += s->npages;
			dirty += s->dirty;
			nfreeruns++;
		} else if (s->tag == TAG_SMALL || s->tag == TAG_RUN) {
			for (size_t j = 0; j < s->npages; j++)
				CHECK(g.pagemap[i + j] == s, "span page not owned by its descriptor");
			if (s->tag == TAG_SMALL) {
				struct sclass *k = &g.cls[s->cls];
				CHECK(s->cls >= 1 && s->cls < NCLASS, "small span class out of range");
				CHECK(s->size == k->size && s->nslots == k->nslots && s->recip == k->recip &&
					      s->npages == k->pages,
				      "small span geometry wrong");
				uint32_t cnt = 0, firstw = BITWORDS;
				for (uint32_t w = 0; w < BITWORDS; w++) {
					uint64_t word = s->bits[w];
					if (w * 64 + 64 > s->nslots) {
						uint64_t valid = w * 64 >= s->nslots ? 0 : (1ull << (s->nslots - w * 64)) - 1;
						CHECK(!(word & ~valid), "bitmap bit set beyond the last slot");
					}
					for (uint64_t x = word; x; x &= x - 1)
						cnt++;
					if (word && firstw == BITWORDS)
						firstw = w;
				}
				CHECK(cnt == s->nfree, "free-slot count disagrees with the bitmap");
				CHECK(s->cursor <= firstw || firstw == BITWORDS, "cursor beyond a free slot");
				CHECK(s->nfree == 0 || s->listed, "span with free slots not on its class list");
				spans_per_class[s->cls]++;
			} else {
				CHECK(s->req <= s->npages * PAGE, "run size record wrong");
			}
		} else {
			return fail(__LINE__, "descriptor tag corrupted");
		}
		prev = s;
		i += s->npages;
	}
	CHECK(free_pages == g.free_pages, "free page count wrong");
	CHECK(dirty == g.dirty_pages, "dirty page count wrong");
	size_t binned = 0;
	for (unsigned b = 0; b < NBINS; b++) {
		CHECK(!!g.bins[b] == !!(g.binmap[b >> 6] & (1ull << (b & 63))), "bin bitmap wrong");
		for (struct span *f = g.bins[b]; f; f = f->next) {
			CHECK(f->tag == TAG_FREE && run_bin(f->npages) == b, "wrong run in a bin");
			CHECK(!f->next || f->next->prev == f, "bin list links broken");
			binned++;
		}
	}
	CHECK(binned == nfreeruns, "bins hold runs that are not in the heap");
	size_t idle = 0;
	uint64_t last = 0;
	for (struct span *f = g.idle_head; f; f = f->lnext) {
		CHECK(f->tag == TAG_FREE && f->dirty > 0, "clean run on the idle list");
		CHECK(f->freed_at >= last, "idle list out of order");
		CHECK(!f->lnext || f->lnext->lprev == f, "idle list links broken");
		last = f->freed_at;
		idle++;
	}
	size_t want_idle = 0;
	for (unsigned b = 0; b < NBINS; b++)
		for (struct span *f = g.bins[b]; f; f = f->next)
			want_idle += f->dirty > 0;
	CHECK(idle == want_idle, "dirty run missing from the idle list");
	for (unsigned c = 1; c < NCLASS; c++) {
		size_t n = 0;
		for (struct span *s = g.cls[c].cur; s; s = s->next) {
			CHECK(s->tag == TAG_SMALL && s->cls == c && s->listed, "bad span on a class list");
			CHECK(s->next ? s->next->prev == s : g.cls[c].tail == s, "class list links broken");
			n++;
		}
		CHECK(spans_per_class[c] == g.cls[c].nspans, "class span count wrong");
		CHECK(n <= spans_per_class[c], "class list longer than its spans");
	}
	size_t lc = 0, lb = 0;
	for (size_t h = 0; h < g.hsize; h++)
		for (struct span *d = g.htab[h]; d; d = d->next) {
			CHECK(d->tag == TAG_LARGE, "non-mmapped block in the mmap table");
			CHECK(hash_ptr(d->start) == h, "mmap table entry in the wrong bucket");
			CHECK(d->start % PAGE == 0 && d->req <= d->npages * PAGE, "mmapped block record wrong");
			CHECK(d->start + d->npages * PAGE <= g.base || d->start >= g.base + g.npages * PAGE,
			      "mmapped block overlaps the heap");
			lc++;
			lb += d->npages * PAGE;
		}
	CHECK(lc == g.hcount && lb == g.large_bytes, "mmap table counts wrong");
	return 0;
}
