/*
 * malloc.c - Interlude's user-mode allocator.
 *
 * THE LAYERS. Each file belongs to one layer and each header includes
 * only headers of lower layers (tools/check-includes.py checks that no
 * two files or folders include each other). Bottom up:
 *
 *   0  os.h         the only contact with the kernel: the break (on the
 *                   libc's sbrk), mappings, madvise, stderr, exit (os.c)
 *      report.h     the error reports: heap_error, report_print (report.c)
 *      pagemap.h    the page map: heap page -> its descriptor; the heap's
 *                   base and size
 *   1  heap.h       the constants, the descriptor (struct span), the heap
 *                   state `heap` (struct heap_state, every field
 *                   documented), the descriptor pool
 *      grow.h       where the heap's pages come from: the break, and
 *                   mappings past where it stops, with gaps (grow.c)
 *   2  pages.h      the page heap: free runs, bins, coalescing, growth,
 *                   trimming, releasing idle pages; page runs (pages.c)
 *   3  small.h      size classes, small-block spans; the inline fast
 *                   paths of malloc and free (small.c)
 *      mid.h        mid blocks: granule runs in mid spans, coalesced on
 *                   free, resized in place (mid.c; their indexes:
 *                   mid_index.c)
 *      large.h      blocks in their own mmap, by address (large.c)
 *   4  core.h       the allocator without checks: core_malloc, core_free,
 *                   core_realloc, ...; set-up, the state's definition
 *                   (core.c; core_aligned: aligned.c)
 *   5  debug.h      the checking modes, MALLOC_CHECK=1 and 2, built on
 *                   core.h (debug*.c; debug.h lists them)
 *   6  the public functions, declared in malloc_api.h (a leaf: it
 *                   includes only <malloc.h>): this file (malloc, free,
 *                   calloc, realloc, ...: each picks core or debug),
 *                   aligned.c (aligned_alloc, memalign, posix_memalign),
 *                   check.c (mallinfo2, malloc_stats, the heap walk)
 *
 * A leaf header may declare what a higher file defines: report.h's
 * heap_error is called from every layer, and report.c names the block a
 * bad pointer points into with core_block_start; heap.h's heap_init is
 * core.c's, which sets up every layer on the first call.
 *
 * THEORY OF OPERATION (the long version, with figures: docs/MALLOC.md)
 *
 * Four tiers, chosen by the requested size n:
 *
 *   n <= 512 B         small: 80 size classes (16-byte steps to 1 KiB, then
 *                      four per doubling). A class's blocks live in "spans":
 *                      runs of 1..32 pages holding blocks of that one size;
 *                      a class's first two spans are small, each next
 *                      pair twice as big, up to 64 KiB (32 KiB for
 *                      80..256 B, 16..32 pages for big blocks); a new span
 *                      takes a hole between spans before the heap grows.
 *                      (The classes above 512 B serve aligned requests.)
 *   512 B < n <= 16 KiB mid: a run of 64-byte granules in a "mid span"
 *                      (4..16 pages, 2..3 in a hole) that serves every
 *                      mid size; best fit, and a freed block merges with
 *                      the free granules beside it at once (mid.c), so
 *                      freed space serves other sizes and realloc grows
 *                      and shrinks in place.
 *   16 KiB < n < T     a "page run": whole 4 KiB pages from the page heap.
 *   n >= T             its own mmap, munmap on free. T starts at 128 KiB and,
 *                      as glibc's M_MMAP_THRESHOLD, rises past an mmapped
 *                      block that is freed (to twice the old threshold, or
 *                      just past the block if that is more; up to 32 MiB),
 *                      so that a program that churns big blocks stops
 *                      paying mmap+munmap+page faults for each one.
 *
 * The page heap is the sbrk heap: [base, top), a whole number of pages,
 * cut into spans, page runs, and free runs. Before it grows, the empty
 * span each class keeps, if it has been idle a while, is given back, so
 * freed pages serve any size first. It grows with sbrk by at least 32 KiB
 * and at least a 64th of its size (the break within ~1.5 % of the need,
 * still few calls); where the program moved the break itself, above its
 * memory, and where the break stops, in mappings (grow.c). A free run at
 * the top larger than the trim threshold is given back with a negative
 * sbrk (or munmap), keeping a pad of 1 MiB (hysteresis). A trim the heap
 * grows back over soon after was premature: the threshold rises past that
 * swing (up to 64 MiB, unless mallopt set it), and idle pages go by
 * madvise.
 *
 * ALL METADATA IS OUT OF BAND. Nothing is written inside the heap's pages:
 *   - the page map: one pointer per heap page to the descriptor (struct
 *     span) of the span / run / free run that owns it (a free run has its
 *     first and last entry set, the "boundary tags", its interior NULL);
 *   - descriptors, in their own mmapped pool, each with a tag word (kind +
 *     magic) checked whenever it is used;
 *   - a small span's free slots: a bitmap in its descriptor (1 = free);
 *   - a mid span's free granules: a bitmap in its descriptor; its block
 *     starts, a record of each free run, on lists by length shared by
 *     every span (best fit in a few word operations), and a byte with
 *     each block's length: its struct mid_index, from pools of their own;
 *   - mmapped blocks: a hash table of their descriptors.
 * A stray write into a block can damage other blocks' data but never the
 * allocator's bookkeeping, and every free is checked for free:
 *   free(p): page map[(p - base) >> 12] -> descriptor (O(1)); p must be a
 *   slot start (offset * reciprocal, no division) whose bit is clear, a
 *   mid block's first granule (its head bit set), or the start of a run; else HEAP ERROR
 * [double-free] / [invalid-free] / [heap-corruption] on stderr and exit status 134.
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
 * that are reused quickly (churn) are never released. And a span about
 * to touch pages it never used first gives back as many pages of the
 * free runs idle for a while, counted in the allocator's slow-path events
 * (pages_touching, pages.c): a refault doubles that while.
 *
 * realloc(p, n): a mid block whose granules still hold n (with at most a
 * quarter of them left over) stays where it is, answered in core_realloc from
 * the page map, its head bit and its length byte with no further call:
 * the commonest call of a program that appends to a buffer.
 *
 * The checking modes (MALLOC_CHECK=1/2, debug.c) sit on top: the public
 * functions' fast paths test dbg_mode == 0 and go straight to core (tail
 * calls; malloc's and free's test nothing: a mode turns them off, malloc's
 * spans' table a table of NULLs, free's page map base moved out of the
 * heap's way, small_fast_paths); otherwise the call goes to debug.c with
 * the caller's return address (the "site" in reports). Mode
 * 1 builds its blocks from this allocator's (core_malloc, core_free...).
 * A program the kernel traces (trace.c) has dbg_mode DBG_OFF_TRACED: the
 * slow paths, which report each call once they have its result.
 *
 * Not thread-safe: Interlude has no threads.
 */
#include "malloc/core.h"
#include "malloc/debug.h"
#include "malloc/heap.h"
#include "malloc/malloc_api.h"
#include "malloc/mid.h"
#include "malloc/pagemap.h"
#include "malloc/pages.h"
#include "malloc/report.h"
#include "malloc/small.h"
#include "malloc/trace.h"

/* The address the public function returns to: the call site in the program. */
#define CALLER ((uintptr_t)__builtin_return_address(0))

/* ------------------------------------------------------------------ */
/* the public functions */

/* Not the fast path: a checking mode, a traced program or a mode not yet
 * decided (and the libc's own allocations, __malloc_at, which name their
 * caller as the site). */
__attribute__((noinline)) static void *malloc_slow(size_t n, uintptr_t site)
{
	void *p = dbg_on() ? dbg_malloc(n, 16, 0, site) : core_malloc(n);
	if (unlikely(im_traced)) /* the trace's malloc line (trace.h) */
		im_trace_malloc(n, p, site);
	return p;
}

/* malloc of n that its fast path did not serve: with no checking mode on,
 * a small block's slow path (its class's span was full, or it has none)
 * or core_malloc for any other size (tail calls); else malloc_slow. */
static void *malloc_not_fast(size_t n, uintptr_t site)
{
	if (likely(dbg_mode == 0)) { /* no mode, no trace: malloc_slow's other arm */
		if (n - 1 < MID_MIN)
			return small_alloc_slow((unsigned)((n + 15) >> 4));
		return core_malloc(n);
	}
	return malloc_slow(n, site);
}

/* malloc: a small block straight from the class's span (the fast path: no
 * call; it sees the spans through small_fast_cur, a table of NULLs while
 * a checking mode or a trace is on, so it needs no test of the mode),
 * anything else malloc_not_fast. malloc(0) goes there too (n - 1 wraps),
 * so the fast path's class is just (n + 15) >> 4, without size_class's
 * care for 0. */
void *IM_NAME(malloc)(size_t n)
{
	void *p;
	if (likely(n - 1 < MID_MIN) && likely(small_take(small_fast_cur[(n + 15) >> 4], &p)))
		return p;
	return malloc_not_fast(n, CALLER);
}

/* malloc for the libc's own allocating functions (strdup...): site is their caller. */
void *IM_NAME(__malloc_at)(size_t n, uintptr_t site);
void *IM_NAME(__malloc_at)(size_t n, uintptr_t site)
{
	return malloc_slow(n, site);
}

/* Not the fast path: a checking mode, a traced program or a mode not yet
 * decided. The fast path has not tried p, so core_free does it all. */
__attribute__((noinline)) static void free_slow(void *p, uintptr_t site)
{
	if (unlikely(im_traced)) /* before: a bad free ends the program */
		im_trace_free(p);
	if (dbg_on()) {
		dbg_free(p, "free", site);
		return;
	}
	report_ctx.site = site;
	core_free(p);
}

/* free of p that free's fast path did not take: any pointer but a
 * small block with no checking mode on (core_free_other, which also
 * diagnoses a bad one), and every pointer in a checking mode (free_slow). */
static void free_not_small(void *p, uintptr_t site)
{
	if (likely(dbg_mode == 0)) {
		report_ctx.site = site; /* no mode, no trace: free_slow's last arm */
		core_free_other(p);
		return;
	}
	free_slow(p, site);
}

/* free: a small block's bit set again (the fast path; its page found from
 * pagemap.free_base, which makes it refuse every pointer while a checking
 * mode or a trace is on, so that it needs no test of the mode), anything
 * else free_not_small. */
void IM_NAME(free)(void *p)
{
	if (likely(small_free_from(p, pagemap.free_base)))
		return;
	free_not_small(p, CALLER);
}

/* calloc: count * size zeroed bytes; NULL with ENOMEM on overflow or
 * when there is no memory. */
void *IM_NAME(calloc)(size_t count, size_t size)
{
	size_t n;
	if (unlikely(__builtin_mul_overflow(count, size, &n))) {
		enomem();
		return NULL;
	}
	void *p = dbg_on() ? dbg_malloc(n, 16, 1, CALLER) : core_calloc(n);
	if (unlikely(im_traced)) /* a calloc is a malloc line */
		im_trace_malloc(n, p, CALLER);
	return p;
}

/* realloc on behalf of the call at site: checked, or core_realloc. */
__attribute__((noinline)) static void *realloc_from(void *p, size_t n, uintptr_t site)
{
	void *q;
	if (dbg_on()) {
		q = dbg_realloc(p, n, site);
	} else if (!p) {
		q = core_malloc(n);
	} else {
		report_ctx.site = site;
		q = core_realloc(p, n);
	}
	if (unlikely(im_traced)) /* the trace's realloc line (trace.h) */
		im_trace_realloc(p, n, q, site);
	return q;
}

/* realloc: p resized to n bytes (moved if need be), or NULL with p kept.
 * With no checking mode (and so no trace), straight to core_realloc, a
 * tail call, or for realloc(NULL, n) of a small size malloc's fast path
 * (programs that allocate through realloc alone, as Lua does, get it
 * too); realloc_from otherwise. */
void *IM_NAME(realloc)(void *p, size_t n)
{
	if (likely(dbg_mode == 0)) {
		if (p) {
			report_ctx.site = CALLER;
			return core_realloc(p, n);
		}
		if (likely(n - 1 < MID_MIN))
			return small_alloc((n + 15) >> 4);
	}
	return realloc_from(p, n, CALLER);
}

/* reallocarray: realloc to count * size bytes; ENOMEM on overflow. */
void *IM_NAME(reallocarray)(void *p, size_t count, size_t size)
{
	size_t n;
	if (__builtin_mul_overflow(count, size, &n)) {
		enomem();
		return NULL;
	}
	return realloc_from(p, n, CALLER);
}

/* malloc_usable_size: the bytes usable in live block p (0 for NULL). */
size_t IM_NAME(malloc_usable_size)(void *p)
{
	if (!p)
		return 0;
	if (dbg_on())
		return dbg_usable(p, CALLER);
	report_ctx.site = CALLER;
	return core_usable(p);
}

/* mallopt: sets M_MMAP_THRESHOLD or M_TRIM_THRESHOLD (and stops the
 * threshold from moving by itself), or M_SPARSE (0 or 1); M_ARENA_MAX
 * and M_ARENA_TEST, glibc's limits on its per-thread arenas, hold of one
 * arena whatever they are (no threads: there is one); 1 if done, 0 for
 * anything else. */
int IM_NAME(mallopt)(int param, int value)
{
	if (value < 0)
		return 0;
	if (param == IM_M_MMAP_THRESHOLD) {
		if ((size_t)value > MMAP_THRESHOLD_MAX)
			return 0;
		heap.mmap_threshold = (size_t)value < SMALL_MAX + 1 ? SMALL_MAX + 1 : (size_t)value;
		heap.mmap_threshold_fixed = true;
		if (!heap.inited)
			heap_init(), heap.mmap_threshold = (size_t)value < SMALL_MAX + 1
							       ? SMALL_MAX + 1
							       : (size_t)value;
		return 1;
	}
	if (param == IM_M_TRIM_THRESHOLD) {
		heap_init();
		heap.trim_threshold = (size_t)value;
		heap.mmap_threshold_fixed = true;
		return 1;
	}
	if (param == IM_M_SPARSE && value <= 1) {
		heap.sparse_off = value == 0;
		return 1;
	}
	return param == IM_M_ARENA_MAX || param == IM_M_ARENA_TEST;
}

/* malloc_trim: gives every free page it can back to the kernel, keeping
 * pad bytes at the top; 1 if memory went back, 0 if none could. */
int IM_NAME(malloc_trim)(size_t pad)
{
	if (!heap.inited)
		return 0;
	/* give back the empty spans classes keep, release every dirty free
	 * run, then cut the top down to pad */
	size_t before = im_os_counters.madvise_calls + im_os_counters.sbrk_shrinks +
			im_os_counters.munmap_calls;
	small_release_empty();
	mid_release_empty();
	while (heap.idle_head)
		run_release(heap.idle_head);
	if (pagemap.npages) {
		struct span *t = pagemap.owner[pagemap.npages - 1];
		if (t && t->tag == TAG_FREE)
			maybe_trim(t, (pad + PAGE - 1) >> PAGE_SHIFT);
	}
	return im_os_counters.madvise_calls + im_os_counters.sbrk_shrinks +
		   im_os_counters.munmap_calls !=
	       before;
}
