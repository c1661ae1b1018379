/*
 * malloc_giveback_test.c - host unit tests of how libc/malloc gives
 * memory back to the kernel (KTAP output): the top of the heap trimmed
 * on free, the trim threshold raised when a trim was premature (the heap
 * grew back over it soon after; at least to the heap's peak extent), a
 * big block served from resident free pages rather than a new mapping,
 * and idle free pages released with madvise, never while they churn;
 * idle free pages given back before a span first touches pages it never
 * used, but not young ones, not small holes, and less eagerly after a
 * refault. The policy: docs/MALLOC.md, "Growing and shrinking the heap". Built as malloc_test.c is (the im_ prefix, the os layer's
 * fake break and its counters); a process of its own, so that the first
 * test sees a fresh heap's thresholds.
 */
#include "malloc/malloc_api.h"
#include "malloc/os.h"
#include "malloc/heap.h" /* the trim threshold, white-box */
#include "ktap.h"

#include <stdint.h>
#include <string.h>

#define HEAP_OK() ASSERT(malloc_check_heap() == 0)

enum { NBLK = 200, BLK = 40000 }; /* page runs of 10 pages: 8 MiB in all */
static void *blk[NBLK];

static void alloc_all(void)
{
	for (int i = 0; i < NBLK; i++) {
		blk[i] = im_malloc(BLK);
		memset(blk[i], 1, BLK);
	}
}

static void free_all(void)
{
	for (int i = NBLK - 1; i >= 0; i--)
		im_free(blk[i]);
}

/* A program whose live memory swings by 8 MiB: the first swing is
 * trimmed, the heap grows back over it at once, so the threshold rises
 * past the swing and the next swings cost no sbrk call (and no fault);
 * the pages kept are released later, once idle. */
static void t_premature_trim_raises_threshold(void)
{
	ASSERT(heap.trim_threshold == 0 || heap.trim_threshold == TRIM_THRESHOLD_INIT);
	alloc_all();
	unsigned long s0 = im_os_counters.sbrk_shrinks;
	free_all();
	ASSERT(im_os_counters.sbrk_shrinks > s0, "the first swing is trimmed");
	unsigned long s1 = im_os_counters.sbrk_shrinks;
	ASSERT(heap.trim_threshold == TRIM_THRESHOLD_INIT);
	alloc_all(); /* grows back over the trim */
	ASSERT(heap.trim_threshold >= 2 * (size_t)NBLK * BLK, "raised past twice the swing");
	ASSERT(heap.trim_threshold <= TRIM_THRESHOLD_MAX);
	free_all();
	ASSERT(im_os_counters.sbrk_shrinks == s1, "the next swing is not trimmed");
	unsigned long c0 = im_os_counters.sbrk_calls;
	alloc_all();
	ASSERT(im_os_counters.sbrk_calls == c0, "nor grown back");
	free_all();
	HEAP_OK();
	/* kept, but not for ever: idle, its pages are released */
	unsigned long m0 = im_os_counters.madvise_calls;
	for (int i = 0; i < 5000; i++)
		im_free(im_malloc(30000));
	ASSERT(im_os_counters.madvise_calls > m0, "idle top pages released");
	HEAP_OK();
}

/* A regrowth long after the trim (more than the idle age, in page-heap
 * operations) says nothing about the trim: the threshold stays. */
static void t_late_regrowth_keeps_threshold(void)
{
	heap.trim_threshold = TRIM_THRESHOLD_INIT; /* as a fresh heap's */
	alloc_all();
	unsigned long s0 = im_os_counters.sbrk_shrinks;
	free_all();
	ASSERT(im_os_counters.sbrk_shrinks > s0);
	for (int i = 0; i < 5000; i++)
		im_free(im_malloc(30000));
	alloc_all();
	ASSERT(heap.trim_threshold == TRIM_THRESHOLD_INIT);
	unsigned long s1 = im_os_counters.sbrk_shrinks;
	free_all();
	ASSERT(im_os_counters.sbrk_shrinks > s1, "trimmed again");
	HEAP_OK();
}

/* A trim of the top of a big heap that the heap grows back over: the
 * threshold rises to the heap's peak extent (24 MiB here), not only to
 * four times what was cut (about 2 MiB: 3.2 MB freed, less the top pad),
 * since a heap that has been that big and grows again will likely swing
 * over more of it (the large workload: page faults 27,783 -> 20,484 with
 * this floor). */
static void t_premature_trim_floor_is_peak_extent(void)
{
	enum { BASE = 400, TOP = 80 };
	static void *base[BASE];
	for (int i = 0; i < BASE; i++)
		base[i] = im_malloc(BLK);
	alloc_all();
	heap.trim_threshold = TRIM_THRESHOLD_INIT; /* as if no trim before */
	heap.trimmed_at = 0;
	heap.trimmed_bytes = 0;
	unsigned long s0 = im_os_counters.sbrk_shrinks;
	for (int i = NBLK - TOP; i < NBLK; i++)
		im_free(blk[i]);
	ASSERT(im_os_counters.sbrk_shrinks > s0, "the top 3.2 MB is trimmed");
	for (int i = NBLK - TOP; i < NBLK; i++) /* grows back over it */
		blk[i] = im_malloc(BLK);
	EXPECT(heap.trim_threshold >= (size_t)(BASE + NBLK) * BLK,
	       "raised to the peak extent (24 MiB), not 4x the 2 MiB cut");
	free_all();
	for (int i = 0; i < BASE; i++)
		im_free(base[i]);
	HEAP_OK();
}

/* A block at the mmap threshold that resident free pages can hold comes
 * from them (no new mapping, no new frames); one over 32 MiB is always
 * mapped, so that its free gives it back at once. */
static void t_big_block_reuses_free_pages(void)
{
	alloc_all();
	for (int i = 0; i < NBLK / 2; i++) /* 4 MiB free below the live half */
		im_free(blk[i]);
	ASSERT(heap.mmap_threshold <= (1u << 20));
	unsigned long m0 = im_os_counters.mmap_calls;
	char *p = im_malloc(1 << 20);
	ASSERT(p && im_os_counters.mmap_calls == m0, "from the free pages");
	ASSERT(im_mallinfo2().hblks == 0);
	memset(p, 2, 1 << 20);
	char *q = im_malloc(40u << 20);
	ASSERT(q && im_os_counters.mmap_calls == m0 + 1, "over 32 MiB: mapped");
	im_free(q);
	im_free(p);
	for (int i = NBLK / 2; i < NBLK; i++)
		im_free(blk[i]);
	HEAP_OK();
}

/* A trim threshold set with mallopt is the program's: never raised. */
static void t_mallopt_threshold_fixed(void)
{
	ASSERT(im_mallopt(IM_M_TRIM_THRESHOLD, 2 << 20) == 1);
	for (int round = 0; round < 3; round++) {
		alloc_all();
		unsigned long s0 = im_os_counters.sbrk_shrinks;
		free_all();
		ASSERT(im_os_counters.sbrk_shrinks > s0, "round %d trimmed", round);
		ASSERT(heap.trim_threshold == (2u << 20));
	}
	HEAP_OK();
}

static void t_top_trim(void)
{
	im_mallopt(IM_M_TRIM_THRESHOLD, 1 << 20);
	enum { N = 2000 };
	static void *ps[N];
	for (int i = 0; i < N; i++)
		ps[i] = im_malloc(20000); /* page runs */
	uintptr_t high = (uintptr_t)im_os_brk_now();
	unsigned long s0 = im_os_counters.sbrk_shrinks;
	for (int i = N - 1; i >= 0; i--)
		im_free(ps[i]);
	ASSERT(im_os_counters.sbrk_shrinks > s0);
	ASSERT((uintptr_t)im_os_brk_now() < high - (20u << 20));
	HEAP_OK();
	/* sbrk calls are amortised: far fewer than mallocs. Each growth adds a
	 * 64th of the heap, so 40 MiB from a 1 MiB heap takes about
	 * 64 * ln(40) = 236 steps; one a malloc would be 2000. */
	unsigned long c0 = im_os_counters.sbrk_calls;
	for (int i = 0; i < N; i++)
		ps[i] = im_malloc(20000);
	ASSERT(im_os_counters.sbrk_calls - c0 < N / 5);
	for (int i = 0; i < N; i++)
		im_free(ps[i]);
	HEAP_OK();
}

static void t_idle_release(void)
{
	enum { N = 400 };
	static void *ps[N];
	for (int i = 0; i < N; i++) {
		ps[i] = im_malloc(40000);
		memset(ps[i], 1, 40000);
	}
	void *pin = im_malloc(40000); /* keeps them off the top */
	for (int i = 0; i < N; i++)
		im_free(ps[i]);
	unsigned long m0 = im_os_counters.madvise_calls;
	/* churn: no release while the same pages are reused */
	for (int i = 0; i < 100; i++)
		im_free(im_malloc(40000));
	ASSERT(im_os_counters.madvise_calls == m0);
	/* a long time later (in page-heap operations) the idle pages go */
	void *other = im_malloc(20000);
	for (int i = 0; i < 5000; i++) {
		void *q = im_malloc(30000);
		im_free(q);
	}
	ASSERT(im_os_counters.madvise_calls > m0);
	HEAP_OK();
	im_free(other);
	im_free(pin);
	HEAP_OK();
}

/*
 * The first touch of a page gives back idle ones (pages.c:
 * pages_touching). A mid span is made on fresh pages (malloc_trim first
 * gives back every dirty page there is), then a 20-page run A beside it
 * is freed: resident and free. Blocks that reuse the span's touched
 * granules only advance the allocator's clock; a block that reaches
 * granules the span never used must first give back A's pages, if A
 * has been idle that long, and only then. Taking A's pages again soon
 * after is a refault, which doubles the idle age.
 */
enum { RUN_A = 20 * 4096 };

/* Makes the span and A, frees A; returns the live blocks to free later. */
static void first_touch_setup(void **m, void **a, void **pin)
{
	ASSERT(im_malloc_trim(0) == 1 || heap.dirty_pages == 0);
	ASSERT(heap.dirty_pages == 0, "no dirty free page left");
	*m = im_malloc(2000); /* a new mid span, on pages never resident */
	*a = im_malloc(RUN_A);
	*pin = im_malloc(RUN_A); /* keeps A off the top */
	ASSERT(*m && *a && *pin);
	memset(*a, 1, RUN_A);
	im_free(*a);
	ASSERT(heap.dirty_pages >= RUN_A / 4096, "A's pages free and resident");
}

/* n blocks of the size of m, each freed: granules m's span has used */
static void churn_touched(int n)
{
	for (int i = 0; i < n; i++)
		im_free(im_malloc(2000));
}

static void t_first_touch_keeps_young_pages(void)
{
	void *m, *a, *pin;
	first_touch_setup(&m, &a, &pin);
	size_t dirty = heap.dirty_pages;
	unsigned long m0 = im_os_counters.madvise_calls;
	void *big = im_malloc(8000); /* new granules of the span, A just freed */
	ASSERT(big && im_os_counters.madvise_calls == m0, "A is not idle yet: kept");
	ASSERT(heap.dirty_pages == dirty);
	im_free(big);
	im_free(m);
	im_free(pin);
	HEAP_OK();
}

static void t_first_touch_gives_back_idle_pages(void)
{
	void *m, *a, *pin;
	first_touch_setup(&m, &a, &pin);
	churn_touched((int)heap.touch_age); /* two clock ticks each */
	unsigned long m0 = im_os_counters.madvise_calls;
	size_t dirty = heap.dirty_pages, bytes = im_os_counters.madvised_bytes;
	churn_touched(10);
	ASSERT(im_os_counters.madvise_calls == m0, "reused granules touch nothing new");
	void *big = im_malloc(8000);
	ASSERT(big && im_os_counters.madvise_calls > m0, "the idle pages given back");
	ASSERT(im_os_counters.madvised_bytes - bytes >= TOUCH_BATCH_PAGES * 4096);
	ASSERT(heap.dirty_pages + TOUCH_BATCH_PAGES <= dirty);
	HEAP_OK();
	/* A's pages wanted again at once: not idle after all */
	uint64_t age = heap.touch_age;
	void *again = im_malloc(RUN_A);
	ASSERT(again);
	ASSERT(heap.touch_age == 2 * age, "a refault doubles the idle age");
	HEAP_OK();
	im_free(again);
	im_free(big);
	im_free(m);
	im_free(pin);
	heap.touch_age = TOUCH_AGE_INIT;
	HEAP_OK();
}

/* A free run of a few pages is a hole the next span fills: kept, however
 * idle. The hole: the 3-page tail a realloc cuts off an 11-page run. */
static void t_first_touch_keeps_small_holes(void)
{
	ASSERT(im_malloc_trim(0) == 1 || heap.dirty_pages == 0);
	void *m = im_malloc(2000);
	char *a = im_malloc(11 * 4096);
	void *pin = im_malloc(RUN_A);
	ASSERT(m && a && pin);
	memset(a, 1, 11 * 4096);
	ASSERT(im_realloc(a, 8 * 4096) == a, "shrunk in place");
	ASSERT(heap.dirty_pages == 3 && 3 < TOUCH_MIN_RUN_PAGES, "a hole of 3 pages");
	churn_touched(2 * (int)heap.touch_age);
	unsigned long m0 = im_os_counters.madvise_calls;
	void *big = im_malloc(8000);
	ASSERT(big && im_os_counters.madvise_calls == m0, "a small hole is kept");
	im_free(big);
	im_free(a);
	im_free(m);
	im_free(pin);
	HEAP_OK();
}

static const struct ktap_case tests[] = {
    {"premature_trim_raises_threshold", t_premature_trim_raises_threshold}, /* first: fresh */
    {"late_regrowth_keeps_threshold", t_late_regrowth_keeps_threshold},
    {"premature_trim_floor_is_peak_extent", t_premature_trim_floor_is_peak_extent},
    {"big_block_reuses_free_pages", t_big_block_reuses_free_pages}, /* before mallopt */
    {"mallopt_trim_threshold_fixed", t_mallopt_threshold_fixed},
    {"top_of_heap_trimmed", t_top_trim},
    {"idle_pages_released_without_churn_thrash", t_idle_release},
    {"first_touch_keeps_young_pages", t_first_touch_keeps_young_pages},
    {"first_touch_gives_back_idle_pages", t_first_touch_gives_back_idle_pages},
    {"first_touch_keeps_small_holes", t_first_touch_keeps_small_holes},
};

int main(void)
{
	return ktap_run_cases("malloc_giveback", tests, sizeof tests / sizeof *tests);
}
