/*
 * malloc_span_test.c - host unit tests of how libc/malloc sizes and
 * places a size class's spans (KTAP output): span sizes grow in pairs
 * (about sqrt 2 a span) from the class's first size to its full size
 * (32 KiB or 64 KiB by class), a new span takes a hole between spans,
 * even a shorter one than it wanted, before the heap grows (a mid span
 * too, down to 2 pages but never shorter than its block), and the empty
 * span a class keeps is given back when the heap cannot grow, or grows
 * once it has been idle a while; a size in steady use leaves the sparse
 * spans for a span of its own; and the
 * descriptors and mid indexes share their pools' mapping; and a slot is
 * found from an offset by one multiplication, exactly. The policy: docs/MALLOC.md,
 * "Span sizes grow with the class's use". Built as malloc_test.c is (the im_ prefix, the os layer's
 * fake break); a process of its own, so that the first test sees a fresh heap whose free runs it
 * can account for.
 */
#include "malloc/malloc_api.h"
#include "malloc/os.h"	 /* im_os_refuse_sbrk */
#include "malloc/heap.h" /* classes and spans, white-box */
#include "malloc/pagemap.h"
#include "malloc/small.h"
#include "ktap.h"

#include <stdbool.h>
#include <stdint.h>

#define HEAP_OK() ASSERT(malloc_check_heap() == 0)

enum { MAXBLK = 2048, RUN_PAGES = 8 };
static void *blk[MAXBLK];
static void *fill[256];

/* The pages of the heap's longest free run (0 if none). */
static size_t longest_free_run(void)
{
	size_t best = 0;
	for (size_t i = 0; i < pagemap.npages;) {
		const struct span *d = pagemap.owner[i];
		if (d->tag == TAG_FREE && d->npages > best)
			best = d->npages;
		i += d->npages;
	}
	return best;
}

/* Takes every free run of RUN_PAGES pages or more with page runs of
 * RUN_PAGES (into fill[] from *nfill on), so that the next hole made is
 * the only one a new span can use. */
static void fill_free_runs(int *nfill)
{
	while (longest_free_run() >= RUN_PAGES && *nfill < 256)
		fill[(*nfill)++] = im_malloc(RUN_PAGES * PAGE);
	ASSERT(longest_free_run() < RUN_PAGES, "no free run of %d pages is left", RUN_PAGES);
}

/*
 * A class that wants a 16-page span and finds no free run that long but
 * an 8-page hole takes the hole: the heap does not grow. (Before, the
 * span grew the heap by 16 pages and the hole stayed empty.)
 */
static void t_new_span_takes_a_shorter_hole(void)
{
	im_free(im_malloc(16)); /* the heap and its classes set up */
	struct sclass *k = &heap.cls[size_class(512)];
	struct span **cur = &heap.cur[size_class(512)];
	ASSERT(k->nspans == 0 && k->minpages == 1 && k->pages == 16,
	       "the 512-byte class, unused: spans of 1 to 16 pages");
	/* eight spans, all full: the ninth wants 16 pages (whatever the
	 * first eight took: a span may have been given a shorter hole) */
	int n = 0;
	while ((k->nspans < 8 || (*cur && (*cur)->nfree)) && n < MAXBLK)
		blk[n++] = im_malloc(512);
	ASSERT(k->nspans == 8 && (!*cur || !(*cur)->nfree), "eight spans, all full");
	int nfill = 0;
	fill_free_runs(&nfill);
	void *hole = im_malloc(RUN_PAGES * PAGE), *pin = im_malloc(RUN_PAGES * PAGE);
	ASSERT(hole && pin);
	fill_free_runs(&nfill);
	im_free(hole);
	struct span *h = malloc_debug_span_of(hole);
	ASSERT(h->tag == TAG_FREE && h->start == (uintptr_t)hole && h->npages == RUN_PAGES,
	       "the freed page run is a hole of exactly %d pages", RUN_PAGES);
	size_t heap_pages = pagemap.npages;
	blk[n] = im_malloc(512);
	struct span *s = malloc_debug_span_of(blk[n++]);
	EXPECT(s->tag == TAG_SMALL && s->start == (uintptr_t)hole && s->npages == RUN_PAGES,
	       "the ninth span is the hole's %d pages (got %zu pages at %+ld from it)", RUN_PAGES,
	       (size_t)s->npages, (long)(s->start - (uintptr_t)hole));
	EXPECT(pagemap.npages == heap_pages, "the heap did not grow (%zu -> %zu pages)", heap_pages,
	       (size_t)pagemap.npages);
	HEAP_OK();
	while (n > 0)
		im_free(blk[--n]);
	while (nfill > 0)
		im_free(fill[--nfill]);
	im_free(pin);
	im_malloc_trim(0);
	HEAP_OK();
}

/*
 * A busy class's spans: two of the first size, then each pair twice the
 * pages of the pair before, up to the full span. (Doubling with every
 * span was 1, 2, 4, 8, 16 pages: a class that stopped growing held a
 * mostly empty big span.)
 */
static void t_span_sizes_grow_in_pairs(void)
{
	static const uint32_t want[] = {1, 1, 2, 2, 4, 4, 8, 8, 16, 16, 16, 16};
	enum { NWANT = sizeof want / sizeof *want };
	im_malloc_trim(0);
	struct sclass *k = &heap.cls[size_class(496)];
	ASSERT(k->nspans == 0 && k->minpages == 1 && k->pages == 16,
	       "the 496-byte class, unused: spans of 1 to 16 pages");
	uint32_t got[NWANT];
	int n = 0;
	while (k->nspans < NWANT && n < MAXBLK) {
		uint32_t before = k->nspans;
		blk[n] = im_malloc(496);
		ASSERT(blk[n]);
		if (k->nspans != before)
			got[before] = ((struct span *)malloc_debug_span_of(blk[n]))->npages;
		n++;
	}
	ASSERT(k->nspans == NWANT);
	for (int i = 0; i < NWANT; i++)
		EXPECT_EQ(got[i], want[i], "span %d's pages", i + 1);
	HEAP_OK();
	while (n > 0)
		im_free(blk[--n]);
	im_malloc_trim(0);
	EXPECT(k->nspans == 0, "every span given back");
	HEAP_OK();
}

/*
 * A class's first span is its small one; and when the heap cannot grow,
 * the empty span a class keeps is given back for other sizes' pages.
 */
static void t_spans_small_first_and_reclaimed(void)
{
	im_mallopt(IM_M_SPARSE, 0); /* class spans from the first block */
	im_malloc_trim(0);	    /* every kept empty span given back */
	struct sclass *y = &heap.cls[size_class(500)], *x = &heap.cls[size_class(200)];
	ASSERT(y->nspans == 0 && x->nspans == 0, "no span of either class is left");
	void *p = im_malloc(500);
	ASSERT(y->minpages == 1 && y->pages > 1,
	       "the 512-byte class: spans of 1 (8 blocks) or more pages");
	ASSERT(p && y->nspans == 1 && heap.cur[size_class(500)]->npages == 1,
	       "the first span of a class never used is its small one: 1 page");
	void *q = im_malloc(200);
	im_free(q);
	struct span *xs = heap.cur[size_class(200)];
	ASSERT(x->nspans == 1 && xs->nfree == xs->nslots, "the emptied span is kept");
	im_os_refuse_sbrk = im_os_refuse_mmap = 1; /* no memory to grow into */
	static void *runs[20000];
	int n = 0;
	while (n < 20000 && (runs[n] = im_malloc(20000)) != NULL)
		n++;
	EXPECT(n < 20000 && x->nspans == 0,
	       "with no memory to grow into, the kept empty span was given back for page runs");
	HEAP_OK();
	for (int i = 0; i < n; i++)
		im_free(runs[i]);
	im_os_refuse_sbrk = im_os_refuse_mmap = 0;
	im_free(p);
	HEAP_OK();
	im_mallopt(IM_M_SPARSE, 1);
}

/*
 * Full spans: 32 KiB for the classes of 80..256 B (a queue's partly used
 * spans at either end hold half as much), 64 KiB for 64 B and 512 B.
 */
static void t_full_span_sizes(void)
{
	enum { N = 3000 };
	static void *p[N];
	size_t sizes[] = {64, 128, 256, 512}, want[] = {16, 8, 8, 16};
	for (int j = 0; j < 4; j++) {
		size_t most = 0;
		for (int i = 0; i < N; i++) {
			ASSERT((p[i] = im_malloc(sizes[j])) != NULL);
			struct span *s = malloc_debug_span_of(p[i]);
			if (s->npages > most)
				most = s->npages;
		}
		EXPECT(most == want[j], "the largest span of a class of this size");
		for (int i = 0; i < N; i++)
			im_free(p[i]);
	}
	HEAP_OK();
}

/*
 * A mid span cut from a hole may be as short as 2 pages, but never
 * shorter than the block that asks for it: with a 2-page hole the only
 * free pages, a 16 KiB block (4 pages) leaves it alone and a 4000-byte
 * block's new span is the hole. (Mid spans took 4 pages at least, so the
 * hole stayed empty; a rule without the block's length put the 16 KiB
 * block in a span too short for it.)
 */
static void t_mid_span_fits_a_short_hole_to_its_block(void)
{
	enum { NFILL = 100000 };
	static void *small[NFILL];
	im_malloc_trim(0);
	ASSERT(heap.mid_nspans == 0, "no mid span yet");
	void *mid16 = im_malloc(16384); /* a 4-page mid span, full */
	void *run = im_malloc(7 * PAGE - 64), *pin = im_malloc(7 * PAGE - 64);
	ASSERT(mid16 && run && pin);
	im_os_refuse_sbrk = im_os_refuse_mmap = 1; /* no memory to grow into */
	int n = 0;
	while (n < NFILL && (small[n] = im_malloc(512)) != NULL)
		n++; /* every free page of the heap used */
	EXPECT(n < NFILL, "the heap filled up");
	ASSERT(im_realloc(run, 5 * PAGE - 64) == run, "the page run shrinks in place");
	char *hole = (char *)run + 5 * PAGE;
	struct span *h = malloc_debug_span_of(hole);
	ASSERT(h->tag == TAG_FREE && h->start == (uintptr_t)hole && h->npages == 2,
	       "its last 2 pages are a hole");
	void *big = im_malloc(16384);
	h = malloc_debug_span_of(hole);
	EXPECT(h->tag == TAG_FREE && h->npages == 2,
	       "a 16 KiB block is not put in the 2-page hole");
	void *p = im_malloc(4000);
	struct span *s = p ? malloc_debug_span_of(p) : NULL;
	EXPECT(s && s->tag == TAG_MID && s->start == (uintptr_t)hole && s->npages == 2,
	       "a 4000-byte block's new mid span is the hole");
	im_os_refuse_sbrk = im_os_refuse_mmap = 0;
	HEAP_OK();
	im_free(p);
	im_free(big);
	while (n > 0)
		im_free(small[--n]);
	im_free(run);
	im_free(pin);
	im_free(mid16);
	im_malloc_trim(0);
	HEAP_OK();
}

/* The sparse span that holds p, or NULL if p is elsewhere. */
static struct span *sparse_span_of(const void *p)
{
	struct span *s = malloc_debug_span_of(p);
	return s && s->tag == TAG_MID && s->gshift == SPARSE_GRAN_SHIFT ? s : NULL;
}

/*
 * A size class's first blocks, while it has no span, share a sparse span:
 * one block each of seven sizes takes one page, where each size took a
 * span (a page at least) of its own. A block of a class that has a span
 * still comes from the span.
 */
static void t_sparse_serves_a_few_blocks_of_many_sizes(void)
{
	static const size_t sizes[] = {24, 48, 100, 160, 240, 384, 500};
	enum { N = sizeof sizes / sizeof sizes[0] };
	void *p[N];
	im_malloc_trim(0);
	for (int i = 0; i < N; i++)
		if (heap.cls[size_class(sizes[i])].nspans)
			return (void)EXPECT(0, "class of %zu bytes has spans already", sizes[i]);
	for (int i = 0; i < N; i++) {
		p[i] = im_malloc(sizes[i]);
		ASSERT(p[i] && (uintptr_t)p[i] % 16 == 0);
		__builtin_memset(p[i], 0x5a, sizes[i]);
	}
	struct span *s = sparse_span_of(p[0]);
	ASSERT(s, "a 24-byte block of a class without a span is in a sparse span");
	for (int i = 1; i < N; i++) {
		EXPECT(sparse_span_of(p[i]) == s, "the %zu-byte block shares its page", sizes[i]);
		EXPECT(heap.cls[size_class(sizes[i])].nspans == 0, "no span for %zu bytes",
		       sizes[i]);
		EXPECT(im_malloc_usable_size(p[i]) >= sizes[i] &&
			   im_malloc_usable_size(p[i]) < sizes[i] + 32,
		       "whole 32-byte granules");
	}
	HEAP_OK();
	for (int i = 0; i < N; i++)
		im_free(p[i]);
	HEAP_OK();
	EXPECT(heap.sparse_nspans == 1 && heap.sparse->nfree == heap.sparse->nslots,
	       "the emptied sparse span is kept");
	im_malloc_trim(0);
	EXPECT(heap.sparse_nspans == 0, "and given back by malloc_trim");
	HEAP_OK();
}

/*
 * A size keeps at most SPARSE_BUCKET_GRANULES granules in sparse spans
 * (768 bytes): that many 32-byte blocks fit; the next one starts the
 * class's own span, and so do all the blocks after it, those in the
 * sparse span staying there until freed. A sparse block's realloc keeps
 * it while it shrinks by less than half, and moves it to grow. (A bad
 * free of one is diagnosed as a mid block's is: make check-errors, whose
 * examples' first blocks are sparse ones.)
 */
static void t_sparse_hands_a_busy_size_its_own_span(void)
{
	enum { N = SPARSE_BUCKET_GRANULES + 16 };
	void *b[N];
	struct sclass *k = &heap.cls[size_class(32)];
	im_malloc_trim(0);
	ASSERT(k->nspans == 0 && heap.sparse_live[1] == 0);
	for (int i = 0; i < N; i++)
		ASSERT((b[i] = im_malloc(32)) != NULL);
	int sparse = 0;
	for (int i = 0; i < N; i++)
		sparse += sparse_span_of(b[i]) != NULL;
	EXPECT(sparse == SPARSE_BUCKET_GRANULES && sparse_span_of(b[SPARSE_BUCKET_GRANULES - 1]) &&
		   !sparse_span_of(b[SPARSE_BUCKET_GRANULES]),
	       "%d blocks in the sparse span (%d), the rest in the class's span",
	       SPARSE_BUCKET_GRANULES, sparse);
	EXPECT(k->nspans == 1, "the class has its span");
	EXPECT(heap.sparse_live[1] == SPARSE_BUCKET_GRANULES, "the 1-granule blocks accounted");
	HEAP_OK();
	void *r = im_realloc(b[3], 20);
	EXPECT(r == b[3], "a sparse block shrunk by less than half stays");
	r = im_realloc(b[3], 200);
	ASSERT(r && r != b[3], "a sparse block grown beyond its granules moves");
	EXPECT(sparse_span_of(r), "into the sparse span again: its class has no span");
	b[3] = r;
	HEAP_OK();
	for (int i = 0; i < N; i++)
		im_free(b[i]);
	EXPECT(heap.sparse_live[1] == 0, "all of them freed");
	HEAP_OK();
}

/*
 * The empty sparse span that is kept (so that a malloc and free of one
 * small block in a loop does not take and give back a page each time)
 * goes back to the page heap before the heap grows, as the classes' kept
 * empty spans do: here the heap may not grow, and a run longer than any
 * free run is asked for.
 */
static void t_kept_sparse_span_goes_back_before_the_heap_grows(void)
{
	im_malloc_trim(0);
	void *p = im_malloc(24);
	ASSERT(p && sparse_span_of(p));
	im_free(p);
	ASSERT(heap.sparse_nspans == 1, "the emptied sparse span is kept");
	size_t pages = longest_free_run() + 1;
	ASSERT(pages * PAGE < heap.mmap_threshold, "a page run, not a mapping");
	im_os_refuse_sbrk = 1;
	void *q = im_malloc(pages * PAGE);
	im_os_refuse_sbrk = 0;
	EXPECT(heap.sparse_nspans == 0, "given back when the heap had to grow");
	im_free(q);
	HEAP_OK();
}

/*
 * A size asked for again and again with few blocks live stays within the
 * sparse budget for ever, and each of its mallocs and frees would take
 * the sparse span's slow path: after SPARSE_CHURN blocks from sparse
 * spans the class gets a span of its own, whose fast paths serve it.
 */
static void t_sparse_churn_gets_a_span(void)
{
	struct sclass *k = &heap.cls[size_class(360)];
	im_malloc_trim(0);
	ASSERT(k->nspans == 0 && k->sparse_taken == 0, "no test used the 368-byte class before");
	int sparse = 0;
	for (int i = 0; i < SPARSE_CHURN; i++) {
		void *p = im_malloc(360);
		ASSERT(p);
		sparse += sparse_span_of(p) != NULL;
		im_free(p);
	}
	EXPECT(sparse == SPARSE_CHURN, "the first %d blocks, one live at a time, are sparse (%d)",
	       SPARSE_CHURN, sparse);
	void *p = im_malloc(360);
	ASSERT(p);
	EXPECT(!sparse_span_of(p) && k->nspans == 1, "the next one is in the class's own span");
	im_free(p);
	HEAP_OK();
}

/* The bytes of a page run just longer than any free run: asking for it
 * grows the heap (0 if that would be a mapping instead). */
static size_t growing_run_bytes(void)
{
	size_t bytes = (longest_free_run() + 1) * PAGE;
	return bytes < heap.mmap_threshold ? bytes : 0;
}

/*
 * Before the heap grows, a class's kept empty span goes back to the page
 * heap only once it has been empty for KEPT_IDLE ticks of the allocator's
 * clock: one emptied just now is likely to fill again (a program with
 * many sizes of a few blocks each would otherwise take a new span at
 * every growth), one left idle serves other sizes.
 */
static void t_kept_span_goes_back_once_idle(void)
{
	im_mallopt(IM_M_SPARSE, 0); /* class spans from the first block */
	struct sclass *k = &heap.cls[size_class(104)];
	im_malloc_trim(0);
	ASSERT(k->nspans == 0);
	im_free(im_malloc(104));
	ASSERT(k->nspans == 1, "the emptied span is kept");
	size_t n = growing_run_bytes();
	ASSERT(n, "a run longer than any free one is a page run");
	void *q = im_malloc(n);
	ASSERT(q);
	EXPECT(k->nspans == 1, "the heap grew, and the span emptied just before is still kept");
	im_free(q);
	for (int i = 0; i < KEPT_IDLE; i++) /* slow-path events: each mid malloc and free ticks */
		im_free(im_malloc(2000));
	n = growing_run_bytes();
	ASSERT(n);
	q = im_malloc(n);
	ASSERT(q);
	EXPECT(k->nspans == 0, "after %d ticks idle, a growth gives it back", KEPT_IDLE);
	im_free(q);
	HEAP_OK();
	im_mallopt(IM_M_SPARSE, 1);
}

/*
 * Out of memory, a class's new span takes the pages of another class's
 * kept empty span, even one emptied just now: the age spares the kept
 * span only while the heap can still grow.
 */
static void t_kept_span_serves_another_class_out_of_memory(void)
{
	enum { MANY = 20000 };
	static void *held[MANY];
	im_mallopt(IM_M_SPARSE, 0);
	im_malloc_trim(0);
	struct sclass *a = &heap.cls[size_class(104)], *b = &heap.cls[size_class(200)];
	ASSERT(a->nspans == 0 && b->nspans == 0);
	void *p = im_malloc(104);
	ASSERT(p && a->nspans == 1);
	im_os_refuse_sbrk = im_os_refuse_mmap = 1;
	static const size_t sizes[] = {64 * 1024, 20 * 1024, 16 * 1024, 2000, 48};
	int n = 0;
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
		while (n < MANY && (held[n] = im_malloc(sizes[i])) != NULL)
			n++;
	ASSERT(n < MANY, "the heap is full: %d blocks", n);
	im_free(p); /* its span empties, and is kept: just now */
	ASSERT(a->nspans == 1, "the emptied span is kept");
	void *q = im_malloc(200);
	EXPECT(q && b->nspans == 1 && a->nspans == 0,
	       "a new class's span took the kept span's page rather than fail");
	im_free(q);
	im_os_refuse_sbrk = im_os_refuse_mmap = 0;
	for (int i = 0; i < n; i++)
		im_free(held[i]);
	HEAP_OK();
	im_mallopt(IM_M_SPARSE, 1);
}

/* An aligned request never takes a sparse span's granules, which are
 * aligned to 32 bytes only. */
static void t_sparse_skips_aligned_requests(void)
{
	im_malloc_trim(0);
	unsigned c = size_class(192);
	ASSERT(heap.cls[c].nspans == 0);
	void *p = NULL;
	ASSERT(im_posix_memalign(&p, 64, 192) == 0 && p);
	EXPECT((uintptr_t)p % 64 == 0, "64-byte aligned");
	EXPECT(!sparse_span_of(p), "not in a sparse span");
	void *q = im_aligned_alloc(32, 32);
	EXPECT(q && (uintptr_t)q % 32 == 0, "32-byte alignment from any block");
	im_free(p);
	im_free(q);
	HEAP_OK();
}

/*
 * Every pool takes its new records from one mapping: a descriptor and a
 * mid index taken one after the other lie side by side, so a program's
 * first descriptors and first mid indexes share a page (each pool had a
 * mapping of its own, and each touched a page of it). A record given
 * back goes to its own pool's stack, and only that pool takes it again.
 */
static void t_pools_share_their_mapping(void)
{
	struct pool descs = {0}, indexes = {0};
	size_t room = (size_t)(heap.rec_end - heap.rec_fresh);
	if (room < 2 * PAGE)
		(void)pool_take(&descs, room); /* the rest of this mapping: start a new one */
	char *d = pool_take(&descs, sizeof(struct span));
	char *x = pool_take(&indexes, sizeof(struct mid_index));
	ASSERT(d && x);
	EXPECT(x == d + sizeof(struct span),
	       "the mid index is the next record after the descriptor");
	pool_give(&descs, d);
	char *y = pool_take(&indexes, sizeof(struct mid_index));
	EXPECT(y && y != d, "a given-back descriptor is not taken as a mid index");
	EXPECT(y == x + sizeof(struct mid_index), "a new index is the next never-used record");
	EXPECT(pool_take(&descs, sizeof(struct span)) == d, "the descriptors' pool takes it back");
	bool zero = true;
	for (size_t i = 0; i < sizeof(struct span); i++)
		zero &= d[i] == 0;
	EXPECT(zero, "a record taken again is zeroed");
}

/*
 * The slot of an offset by one multiplication (small.h: small_slot), for
 * every class and every offset of its full span and a page beyond: the
 * quotient off / size, and a slot start exactly where size divides off.
 * (The heap must be set up for the classes' sizes: one malloc first.)
 */
static void t_slot_by_multiplication(void)
{
	im_free(im_malloc(16));
	size_t wrong = 0, tried = 0;
	for (unsigned c = 1; c < NCLASS; c++) {
		const struct sclass *k = &heap.cls[c];
		struct span s = {.size = k->size, .recip = k->recip};
		for (uint64_t off = 0; off < (uint64_t)(k->pages + 1) * 4096; off++, tried++) {
			uint64_t slot;
			bool start = small_slot(&s, off, &slot);
			wrong += slot != off / k->size || start != (off % k->size == 0);
		}
	}
	EXPECT_EQ(wrong, (size_t)0,
		  "every class, every offset of its span: quotient and slot start exact");
	EXPECT(tried > 1000000, "millions of offsets tried");
}

static const struct ktap_case tests[] = {
    {"new_span_takes_a_shorter_hole", t_new_span_takes_a_shorter_hole}, /* first: fresh */
    {"span_sizes_grow_in_pairs", t_span_sizes_grow_in_pairs},
    {"spans_small_first_and_reclaimed_for_other_sizes", t_spans_small_first_and_reclaimed},
    {"full_span_sizes", t_full_span_sizes},
    {"slot_by_multiplication", t_slot_by_multiplication},
    {"mid_span_fits_a_short_hole_to_its_block", t_mid_span_fits_a_short_hole_to_its_block},
    {"pools_share_their_mapping", t_pools_share_their_mapping},
    {"sparse_serves_a_few_blocks_of_many_sizes", t_sparse_serves_a_few_blocks_of_many_sizes},
    {"sparse_hands_a_busy_size_its_own_span", t_sparse_hands_a_busy_size_its_own_span},
    {"sparse_skips_aligned_requests", t_sparse_skips_aligned_requests},
    {"kept_sparse_span_goes_back_before_the_heap_grows",
     t_kept_sparse_span_goes_back_before_the_heap_grows},
    {"sparse_churn_gets_a_span", t_sparse_churn_gets_a_span},
    {"kept_span_goes_back_once_idle", t_kept_span_goes_back_once_idle},
    {"kept_span_serves_another_class_out_of_memory",
     t_kept_span_serves_another_class_out_of_memory},
};

int main(void)
{
	return ktap_run_cases("malloc_span", tests, sizeof tests / sizeof *tests);
}
