/*
 * mid.c - the mid tier: blocks of MID_MIN < n <= SMALL_MAX bytes as runs of
 * 64-byte granules in mid spans (4..16 pages, 256..1024 granules; 2 or 3
 * pages when cut from a hole between spans). Unlike
 * a small span, whose slots are all one size, a mid span serves any mid
 * size, and a freed block's granules join the free granules beside it at
 * once (coalescing), so space freed by one size serves another, and a
 * block can grow or shrink in place into its free neighbour.
 *
 * The metadata is out of the heap: a bitmap in the span's descriptor
 * (bits, 1 = free granule), and the span's mid index (struct mid_index,
 * heap.h): heads (1 = the first granule of a live block; a live block runs
 * from its head to the next head or the next free granule) and a record
 * of each free run long enough for a block (9 granules). The records are
 * on lists by length, one list for each length a block can have, shared
 * by every mid span (heap.runs, with a bitmap of the lists that have
 * runs; one more for every run longer than the longest block, any of
 * which holds any block): malloc takes the best fit, the newest run of
 * the shortest length that holds k granules (or the newest of the longer
 * ones), from the lowest set bit of the bitmap at or above k's list, in a
 * few word operations whatever the number of spans. A freed
 * block finds the free runs beside it in the bitmap word of the granule
 * just after it (the run after, if it ends in that word) and of the one
 * just before it (the run before, if it starts there), one step each; a
 * run that goes on past its word, from its record
 * (mid_runs.h: run_end_from, run_start_before), found from the bucket of
 * its first granule (bucket_of: two recorded runs of a span start at
 * least 18 granules apart, so each 16-granule bucket has at most one) or,
 * for the run before, the index's mask of the buckets where runs start.
 * It merges them, the merged run keeping one of their records, on the
 * list of its new length (run_move). Nothing is searched: malloc and free
 * take the same few steps in a heap of one span or of hundreds, beside a
 * free run of one granule or of a thousand. An index has records for only
 * as many runs as its span has had at once (4 at first, doubled when a
 * fifth, a ninth ... run comes: index_grow), since a busy span has few
 * free runs.
 *
 * The same code runs the sparse spans (sparse_alloc): one page each, of
 * 32-byte granules (span->gshift says which granule a span has), for the
 * first blocks of the small size classes that have no span of their own
 * (small.c: sparse_takes). They are on heap.sparse, and their runs on
 * lists of their own (any run of one granule or more, bucketed by two
 * granules), since their granules are not the mid spans'.
 *
 * The free-run records and their lists are in mid_runs.h, the bitmap
 * searches in bitmap.h (both inline: they are every step below), and the
 * heap walk's checks of them in mid_check.c.
 */
#include "malloc/mid.h"
#include "malloc/bitmap.h"
#include "malloc/heap.h"
#include "malloc/mid_runs.h"
#include "malloc/pagemap.h"
#include "malloc/pages.h"
#include "malloc/report.h"
#include "malloc/small.h"

#define GRAN ((size_t)1 << MID_GRAN_SHIFT)

/* Puts s first on the list at *head (heap.mid_spans or heap.sparse). */
static void list_push(struct span **head, struct span *s)
{
	s->prev = NULL;
	s->next = *head;
	if (s->next)
		s->next->prev = s;
	*head = s;
}

/* Takes s off the list at *head. */
static void list_unlink(struct span **head, struct span *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		*head = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
}

/* ------------------------------------------------------------------ */
/* allocation */

void mid_init(void)
{
	for (uint32_t l = 0; l < RUN_LISTS; l++)
		heap.runs[l] = RUN_NONE;
}

/* A span of up to pages pages (at least min) with its index, all of it
 * one free run of granules of 1 << gshift bytes, on head's list. NULL if
 * there is no memory. */
static struct span *span_of_granules(uint32_t pages, uint32_t min, unsigned gshift,
				     struct span **head)
{
	struct span *s = span_take_pages(&pages, min, TAG_MID);
	if (!s)
		return NULL;
	s->gshift = (uint8_t)gshift;
	s->nslots = (uint32_t)((size_t)pages * PAGE >> gshift);
	s->mx = index_take(INDEX_MIN_RECORDS);
	if (!s->mx) {
		run_free(s);
		return NULL;
	}
	s->nfree = s->nslots;
	s->touched =
	    s->fresh ? 0 : (uint16_t)s->nslots; /* a run with dirty pages: all may be resident */
	__builtin_memset(s->bits, 0, sizeof(s->bits));
	set_bits(s->bits, 0, s->nslots, true);
	list_push(head, s);
	s->listed = 1;
	run_add(s, 0, s->nslots, "malloc", is_sparse(s));
	if (!is_sparse(s))
		heap.mid_empty++; /* until its first block */
	return s;
}

/*
 * A new mid span for a block of k granules: four pages at first, twice
 * as many with each further span, up to 16 (so a program with a few mid
 * blocks holds little); but a free run of the heap comes first, even a
 * shorter one, so that a hole between spans serves before the heap
 * grows: down to 2 pages, and never shorter than the block that asks
 * for it (a 16 KiB block takes 4). Holes of 2 and 3 pages, which only
 * small spans could use before: the lab's realloc trace 69.5 -> 71.3 %.
 */
static struct span *span_new_mid(uint32_t k)
{
	uint32_t pages = MID_MIN_PAGES << (heap.mid_nspans < 2 ? heap.mid_nspans : 2);
	uint32_t need = (uint32_t)(((size_t)k * GRAN + PAGE - 1) / PAGE);
	struct span *s = span_of_granules(pages, need > MID_HOLE_PAGES ? need : MID_HOLE_PAGES,
					  MID_GRAN_SHIFT, &heap.mid_spans);
	if (s)
		heap.mid_nspans++;
	return s;
}

/* Gives empty mid span s back to the page heap, its index to the pool. */
static void span_free_mid(struct span *s, const char *fn)
{
	uint32_t all = run_at(s, 0, fn, is_sparse(s)); /* its one run, all of it */
	if (s->mx->run[all].len != s->nslots || s->mx->nruns != 1)
		heap_error(E_CORRUPT, fn, (void *)s->start,
			   "an empty mid span's free-run record is not the whole span");
	run_drop(s, all, is_sparse(s));
	if (is_sparse(s)) {
		list_unlink(&heap.sparse, s);
		heap.sparse_nspans--;
	} else {
		list_unlink(&heap.mid_spans, s);
		heap.mid_nspans--;
		heap.mid_empty--;
	}
	s->listed = 0;
	index_give(s->mx);
	s->mx = NULL;
	run_free(s);
}

/* Mid or sparse span s is about to use its first `granules` granules:
 * pages_touching for the pages under them it never used. */
static __attribute__((noinline)) void span_touch_granules(struct span *s, uint32_t granules)
{
	pages_touching((size_t)s->touched << s->gshift, (size_t)granules << s->gshift);
	s->touched = (uint16_t)granules;
}

/* The newest run of the first list at or above l, below limit, with a run
 * on it (the lowest set bit of runmap from l on); RUN_NONE if none. */
static uint32_t first_run(uint32_t l, uint32_t limit)
{
	l = find_one(heap.runmap, l, limit);
	return l < limit ? heap.runs[l] : RUN_NONE;
}

/* Run h (at least k granules) carved into a block of k granules: its
 * first k granules; the rest stays a run if it can hold a block. sparse:
 * a sparse span's run (a constant: mid_runs.h). */
static inline __attribute__((always_inline)) void *carve(uint32_t h, uint32_t k, const char *fn,
							 bool sparse)
{
	struct span *s = (h >> RUN_RECORD_BITS) < pagemap.npages ? span_of_run(h) : NULL;
	if (!s || s->tag != TAG_MID || is_sparse(s) != sparse)
		heap_error(E_CORRUPT, fn, NULL, "a mid free-run list links to no free run");
	uint32_t i = h & (RUN_RECORDS - 1);
	if (i >= s->mx->cap)
		heap_error(E_CORRUPT, fn, (void *)s->start,
			   "a mid free-run list links to a record its span's index does not have");
	struct mid_run *r = &s->mx->run[i];
	uint32_t g = r->start, len = r->len;
	if (len < k || g + len > s->nslots || !bit(s->bits, g))
		heap_error(E_CORRUPT, fn, (void *)s->start,
			   "a mid span's free-run record disagrees with its bitmap");
	if (len - k >= min_run(sparse))
		run_move(s, i, g + k, len - k, fn, sparse); /* the rest, in the same record */
	else
		run_drop(s, i, sparse);
	set_bits(s->bits, g, k, false);
	s->mx->heads[g >> 6] |= 1ull << (g & 63);
	if (unlikely(g + k > s->touched))
		span_touch_granules(s, g + k);
	if (!sparse)
		mid_set_len(s, g, k);
	if (!sparse && s->nfree == s->nslots)
		heap.mid_empty--; /* its first block */
	s->nfree -= k;
	return (void *)(s->start + ((size_t)g << (sparse ? SPARSE_GRAN_SHIFT : MID_GRAN_SHIFT)));
}

/* carve for a mid span's run, out of line: for a new span's first block and
 * realloc's moves (mid_alloc has carve inline for its common case). */
static __attribute__((noinline)) void *carve_mid(uint32_t h, uint32_t k, const char *fn)
{
	return carve(h, k, fn, false);
}

/* Run h would put a block of k granules on pages its span never used: the
 * next run of its list instead, if that one holds the block on pages its
 * span has used (so that memory already resident serves first: with
 * two empty spans kept, the recorded lua-strings trace 47.1 -> 51.1 %),
 * else h. One step: the list is not searched. */
static __attribute__((noinline)) uint32_t touched_run(uint32_t h, uint32_t k)
{
	uint32_t n = run_of(h)->next;
	return n != RUN_NONE && run_of(n)->start + k <= span_of_run(n)->touched ? n : h;
}

/*
 * A mid block: the best fit among every mid span's free runs, the
 * newest run of the shortest length that holds k granules (or the newest
 * run longer than any block: those share a list, since any of them holds
 * any block), found in the bitmap of lists; a new span if there is none.
 */
void *mid_alloc(size_t n)
{
	heap.clock++;
	uint32_t k = (uint32_t)((n + GRAN - 1) >> MID_GRAN_SHIFT);
	uint32_t h = first_run(RUN_MID_FIRST + k - MID_MIN_GRANULES, RUN_LISTS);
	if (h != RUN_NONE) {
		if (unlikely(run_of(h)->start + k > span_of_run(h)->touched))
			h = touched_run(h, k);
		return carve(h, k, "malloc", false); /* inline: the common case */
	}
	struct span *s = span_new_mid(k);
	return s ? carve_mid(handle(s, 0), k, "malloc") : NULL;
}

/*
 * A block that grows by realloc and has no room after it to grow into
 * moves to the start of a run an eighth longer than it (at least 4
 * granules longer, and a granule), if one is free (for blocks over 227
 * granules, any run longer than the longest block: they share a list),
 * rather than to the best fit, where the next block carved would stop it
 * again at once: the buffer then grows in place into the rest of the run
 * a few times before it moves again. Twice its length cost the lab's
 * realloc trace 13 points of utilisation (77.0 -> 63.6 %), a quarter 10;
 * an eighth costs it 6 (70.9) and takes the realloc workload from 20.9 to
 * 16.3 million instructions, where the best fit had raised it from 18.1.
 * The 4 granules spare a short block a move at nearly every growth (an
 * eighth of 20 granules is 2): 4,392 -> 4,159 moves of the realloc
 * workload, the lab's trace the same (70.7 %; at least 8 granules: 68.5
 * %). docs/BENCHMARKS.md has the figures.
 */
void *mid_alloc_growing(size_t n)
{
	uint32_t k = (uint32_t)((n + GRAN - 1) >> MID_GRAN_SHIFT);
	uint32_t roomy = k + (k / 8 > 4 ? k / 8 : 4) + 1;
	uint32_t h = first_run(roomy - MID_MIN_GRANULES < RUN_MID_TOP - RUN_MID_FIRST
				   ? RUN_MID_FIRST + roomy - MID_MIN_GRANULES
				   : RUN_MID_TOP,
			       RUN_LISTS);
	void *p = h != RUN_NONE ? carve_mid(h, k, "realloc") : mid_alloc(n);
	if (!p)
		enomem();
	return p;
}

/*
 * A sparse span: one page of 32-byte granules, for the blocks of the size
 * classes that have no span of their own yet (small.c: sparse_takes). A
 * program that asks for a few blocks of many sizes then keeps one page
 * for them, not one page per size; a class that keeps asking gets spans
 * of its own. Its runs are on the sparse lists, not the mid ones, since
 * its granules are not theirs.
 */
void *sparse_alloc(size_t n)
{
	uint32_t k = (uint32_t)((n + (1u << SPARSE_GRAN_SHIFT) - 1) >> SPARSE_GRAN_SHIFT);
	uint32_t h = first_run(k, RUN_SPARSE_TOP + 1);
	if (h == RUN_NONE) {
		struct span *s = span_of_granules(1, 1, SPARSE_GRAN_SHIFT, &heap.sparse);
		if (!s)
			return NULL;
		s->listed = 2;
		heap.sparse_nspans++;
		h = handle(s, 0);
	}
	heap.sparse_live[k] += (uint16_t)k;
	return carve(h, k, "malloc", true);
}

/* ------------------------------------------------------------------ */
/* blocks */

size_t mid_usable(const struct span *s, uintptr_t p)
{
	uint32_t g = (uint32_t)((p - s->start) >> s->gshift);
	return (size_t)(is_sparse(s) ? mid_scanned_len(s, g) : mid_len(s, g)) << s->gshift;
}

/* Granules [g, g + k) of s become free: merged with the free runs on both
 * sides, the merged run recorded if it can hold a block (in the record of
 * the run before, or after, if either had one: run_move); true. False,
 * nothing changed, if that run needs a record more than the span's index
 * has and there is no memory to grow the index (the caller keeps the
 * block: free cannot fail, and a process out of memory is better off a
 * block short than ended). sparse: s is a sparse span (a constant:
 * mid_runs.h). */
static inline __attribute__((always_inline)) bool
free_granules(struct span *s, uint32_t g, uint32_t k, const char *fn, bool sparse)
{
	uint32_t lo = run_start_before(s, g, fn, sparse), hi = run_end_from(s, g + k, fn, sparse);
	uint32_t min = min_run(sparse);
	bool left = g - lo >= min, right = hi - (g + k) >= min;
	if (!left && !right && hi - lo >= min && unlikely(!index_has_room(s)))
		return false;
	set_bits(s->bits, g, k, true);
	s->nfree += k;
	if (left) {
		if (right)
			run_drop(s, run_at(s, g + k, fn, sparse), sparse);
		run_move(s, run_at(s, lo, fn, sparse), lo, hi - lo, fn, sparse);
	} else if (right) {
		run_move(s, run_at(s, g + k, fn, sparse), lo, hi - lo, fn, sparse);
	} else if (hi - lo >= min) {
		run_add(s, lo, hi - lo, fn, sparse);
	}
	return true;
}

/* free_granules of a mid span, for realloc's shrinks (mid_free has its own copy). */
static __attribute__((noinline)) bool free_mid_granules(struct span *s, uint32_t g, uint32_t k)
{
	return free_granules(s, g, k, "realloc", false);
}

/* A block of k granules of s that free could not free (free_granules):
 * it stays live, and malloc_stats counts it. */
static __attribute__((noinline, cold)) void keep_unfreed(const struct span *s, uint32_t k)
{
	heap.unfreed_blocks++;
	heap.unfreed_bytes += (size_t)k << s->gshift;
}

/* The first granule of live block p of s, whose granules are 1 << shift
 * bytes (a constant where it is inlined: mid and sparse spans get their
 * own copy); ends the program with a report naming fn if p is not one. */
static inline __attribute__((always_inline)) uint32_t live_head(const struct span *s, void *p,
								const char *fn, unsigned shift)
{
	check_tag((struct span *)s, TAG_MID, fn, p);
	uintptr_t off = (uintptr_t)p - s->start, gran = (uintptr_t)1 << shift;
	uint32_t g = (uint32_t)(off >> shift);
	const uint64_t *heads = s->mx->heads;
	if (g >= s->nslots)
		heap_error(E_INVALID, fn, p, "pointer past the last block of its page run");
	if (!bit(heads, g) || (off & (gran - 1))) {
		if (!(off & (gran - 1)) && bit(s->bits, g))
			heap_error(E_DOUBLE, fn, p, "the block is already free");
		heap_error(E_INVALID, fn, p,
			   "pointer inside a block, not its start; pass the pointer malloc "
			   "returned");
	}
	if (bit(s->bits, g))
		heap_error(E_CORRUPT, fn, p, "a mid span's bitmaps disagree");
	return g;
}

/*
 * The kept empty mid spans may be all that stands between a free run and
 * the top of the heap (a program that frees its newest blocks first
 * empties the top spans first, and keeps them): if that run, with them,
 * would be given back (trim_worthwhile), they go back to the page heap
 * too, so that the heap can shrink (small_pins_free_top is this check for
 * one span, release_pinning_top in small.c the same for the classes').
 */
static void release_kept_on_top(const char *fn)
{
	size_t i = pagemap.npages, above = 0, kept = 0;
	struct span *t = i ? pagemap.owner[i - 1] : NULL;
	if (t && t->tag == TAG_FREE) {
		above = t->npages;
		i -= t->npages;
	}
	size_t end = i;
	for (; i > 0; i -= t->npages, kept += t->npages) {
		t = pagemap.owner[i - 1];
		if (!t || t->tag != TAG_MID || is_sparse(t) || t->nfree != t->nslots)
			break;
	}
	struct span *below = i ? pagemap.owner[i - 1] : NULL;
	if (!kept || !below || below->tag != TAG_FREE ||
	    !trim_worthwhile(below->npages + kept + above))
		return;
	while (i < end) {
		t = pagemap.owner[i];
		i += t->npages;
		span_free_mid(t, fn);
	}
}

/* Frees block p of sparse span s: as mid_free, and its granules leave the
 * sparse accounting (small.c: sparse_takes). */
static __attribute__((noinline)) void sparse_free(struct span *s, void *p, const char *fn)
{
	uint32_t g = live_head(s, p, fn, SPARSE_GRAN_SHIFT), k = mid_scanned_len(s, g);
	if (k > SPARSE_MAX_BLOCK_GRANULES || heap.sparse_live[k] < k)
		heap_error(E_CORRUPT, fn, p, "a sparse span's block has a length no block has");
	if (unlikely(!free_granules(s, g, k, fn, true))) {
		keep_unfreed(s, k);
		return;
	}
	heap.sparse_live[k] -= (uint16_t)k;
	s->mx->heads[g >> 6] &= ~(1ull << (g & 63));
	if (s->nfree == s->nslots && (heap.sparse_nspans > 1 || small_pins_free_top(s)))
		span_free_mid(s, fn);
}

void mid_free(struct span *s, void *p, const char *fn)
{
	heap.clock++;
	if (unlikely(is_sparse(s))) {
		sparse_free(s, p, fn);
		return;
	}
	uint32_t g = live_head(s, p, fn, MID_GRAN_SHIFT), k = mid_len(s, g);
	if (unlikely(!free_granules(s, g, k, fn, false))) {
		keep_unfreed(s, k);
		return;
	}
	s->mx->heads[g >> 6] &= ~(1ull << (g & 63)); /* after: its index may have moved */
	/* An empty span goes back to the page heap unless it is one of the
	 * first MID_KEEP_EMPTY empty ones (kept, so that one block malloc'd
	 * and freed in a loop does not take and give back pages each time,
	 * and the next blocks land on pages already resident) and keeping it
	 * does not stop the heap from shrinking. The sparse spans keep one,
	 * as the mid spans kept one until 2026-12-08 (two: the recorded
	 * lua-tables trace 71.7 -> 76.0 %, docs/BENCHMARKS.md). */
	if (s->nfree == s->nslots) {
		if (++heap.mid_empty > MID_KEEP_EMPTY || small_pins_free_top(s))
			span_free_mid(s, fn);
		release_kept_on_top(fn);
	}
}

/*
 * How many granules a block of len granules takes when it grows in place
 * to k > len, with room granules free from its head on: if it grew by
 * less than a quarter (a buffer appended to), an eighth of len more than
 * k, as far as the room holds it; else just k. The appended buffer then
 * grows in place about once per eighth, not once per granule, and the
 * extra granules were free beside it anyway; mid_resize lets it keep them
 * while it grows into them. (A quarter: the lab's realloc trace 70.1 %
 * against 72.5 %, for 7 % fewer instructions.) A block that doubles
 * (Lua's string buffers) gets none: headroom on those cost the recorded
 * lua-strings trace 3 pages of its 53. Moved blocks get none either (a
 * quarter more on each cost the lab's realloc trace 10 points of
 * utilisation); they go where there is room after them instead
 * (mid_alloc_growing). docs/BENCHMARKS.md has the figures.
 */
static uint32_t grown_len(uint32_t len, uint32_t k, uint32_t room)
{
	if (k - len >= len / 4)
		return k;
	uint32_t more = k + len / 8;
	more = more < MID_MAX_GRANULES ? more : MID_MAX_GRANULES; /* its length byte holds it */
	return more < room ? more : room;
}

bool mid_resize(struct span *s, uintptr_t p, size_t n, size_t *old)
{
	if (unlikely(is_sparse(s))) { /* kept as it is while at least half of it is used */
		*old = mid_usable(s, p);
		return n <= *old && n > *old / 2;
	}
	uint32_t g = (uint32_t)((p - s->start) >> MID_GRAN_SHIFT), len = mid_len(s, g);
	*old = (size_t)len << MID_GRAN_SHIFT;
	uint32_t k = (uint32_t)((n + GRAN - 1) >> MID_GRAN_SHIFT);
	if (n <= MID_MIN || n > SMALL_MAX)
		return false;
	if (k <= len) {
		/* a block that shrinks by less than a quarter keeps its tail, as
		 * a page run does: it is most often a buffer growing into the
		 * headroom grown_len gave it, and freeing the rest of that at
		 * each step only to take it back at the next was a third of
		 * the realloc workload's instructions (docs/BENCHMARKS.md) */
		if (!mid_len_keeps(len, k) && free_mid_granules(s, g + k, len - k))
			mid_set_len(s, g, k); /* else, out of memory, it keeps its tail */
		return true;
	}
	uint32_t e = run_end_from(s, g + len, "realloc", false); /* the free run after it ends */
	if (e < g + k)
		return false; /* the granules after it are not all free */
	k = grown_len(len, k, e - g);
	if (e - (g + len) >= MID_MIN_GRANULES) { /* a recorded run after it */
		uint32_t after = run_at(s, g + len, "realloc", false);
		if (e - (g + k) >= MID_MIN_GRANULES)
			run_move(s, after, g + k, e - (g + k), "realloc", false); /* what is left */
		else
			run_drop(s, after, false);
	}
	set_bits(s->bits, g + len, k - len, false);
	s->nfree -= k - len;
	mid_set_len(s, g, k);
	if (g + k > s->touched)
		span_touch_granules(s, g + k);
	return true;
}

uintptr_t mid_block_start(const struct span *s, uintptr_t a, bool *is_free)
{
	uint32_t g = (uint32_t)((a - s->start) >> s->gshift);
	*is_free = false;
	if (g >= s->nslots)
		return 0;
	if (bit(s->bits, g)) {
		*is_free = true;
		return s->start + ((size_t)run_start_back(s->bits, g + 1) << s->gshift);
	}
	while (g > 0 && !bit(s->mx->heads, g))
		g--;
	return s->start + ((size_t)g << s->gshift);
}

/* Gives every empty span of the list at head back to the page heap. */
static void release_empty(struct span *head, const char *fn)
{
	for (struct span *s = head, *next; s; s = next) {
		next = s->next;
		if (s->nfree == s->nslots)
			span_free_mid(s, fn);
	}
}

void sparse_release_empty(void)
{
	release_empty(heap.sparse, "malloc");
}

void mid_release_empty(void)
{
	release_empty(heap.sparse, "malloc_trim");
	release_empty(heap.mid_spans, "malloc_trim");
}
