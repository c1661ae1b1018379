/*
 * small.c - small blocks (n <= 16 KiB): the 80 size classes and their
 * spans, runs of pages holding blocks of one size with a bitmap of free
 * slots in the descriptor. The fast paths (small_alloc and small_free,
 * small.h) are inline; here is what they call when a
 * class has no span with a free slot, or a free fills or empties one.
 */
#include "malloc/heap.h"
#include "malloc/mid.h"
#include "malloc/pagemap.h"
#include "malloc/pages.h"
#include "malloc/small.h"

/* ------------------------------------------------------------------ */
/* size classes */

void classes_init(void)
{
	for (unsigned c = 1; c < NCLASS; c++) {
		uint32_t size;
		if (c <= 64) {
			size = c * 16;
		} else {
			unsigned k = c - 65, lg = 10 + k / 4;
			size = (uint32_t)((1u << lg) + ((k % 4) + 1) * (1u << (lg - 2)));
		}
		/* 64 KiB spans (fewer pages if the bitmap would overflow), 32
		 * KiB for the classes of 80..256 B; big classes: 16..32 pages,
		 * whichever wastes the least. A class whose blocks live and die
		 * in turn (a queue) has a partly used span at each end, so the
		 * smaller span holds half as much idle memory (fifo's peak RSS
		 * -7 %). Measured with 32 KiB for every class to 512 B: lifo's
		 * stack of 64-byte blocks crossed a span boundary (2 % more
		 * instructions) and the lab's binary and coalescing heaps grew,
		 * so 64 B and below and 272..512 B keep 64 KiB.
		 * docs/BENCHMARKS.md has the figures. */
		uint32_t pages = size > 64 && size <= 256 ? 8 : 16;
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
		/* the first span: the fewest pages with at least 8 slots, or up
		 * to twice that if it wastes less (at most the full span) */
		uint32_t lo = (uint32_t)((8 * (size_t)size + PAGE - 1) / PAGE), minp = lo;
		for (uint32_t p = lo; p <= 2 * lo && p <= pages; p++)
			if ((p * PAGE) % size * minp < (minp * PAGE) % size * p)
				minp = p;
		heap.cls[c].minpages = minp < pages ? minp : pages;
		heap.cls[c].size = size;
		heap.cls[c].pages = pages;
		heap.cls[c].nslots = (uint32_t)(pages * PAGE / size);
		heap.cls[c].recip = UINT64_MAX / size + 1; /* ceil(2^64 / size), size >= 2 */
	}
}

/* ------------------------------------------------------------------ */
/* small blocks */

/* The head of class k's list of spans with free slots (heap.cur). */
static struct span **class_head(const struct sclass *k)
{
	return &heap.cur[k - heap.cls];
}

static void class_push_tail(struct sclass *k, struct span *s)
{
	s->next = NULL;
	s->prev = k->tail;
	if (k->tail)
		k->tail->next = s;
	else
		*class_head(k) = s;
	k->tail = s;
	s->listed = 1;
}

static void class_unlink(struct sclass *k, struct span *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		*class_head(k) = s->next;
	if (s->next)
		s->next->prev = s->prev;
	else
		k->tail = s->prev;
	s->next = s->prev = NULL;
	s->listed = 0;
}

/*
 * The pages of class c's next span: the first two are small (minpages),
 * each further pair twice the last, up to the full span (a growth of
 * about sqrt 2 a span). A class used for a few blocks then holds a page
 * or two, not 64 KiB; a busy class gets full-size spans after ten (fewer
 * span changes on the fast path). Doubling with each span reached the
 * full size after five, and the last span of a class that stopped
 * growing was mostly empty: growing by sqrt 2, with span_take_pages
 * below, took the lab's random-small trace 49.8 -> 54.2 %, lua-strings
 * 44.6 -> 49.2, lua-tables 61.7 -> 70.2 (bench-malloc --quick,
 * docs/BENCHMARKS.md). Its cost: lifo's stack of 1000 blocks outgrows
 * the span its class keeps when it empties (8 pages; doubling kept a
 * 16-page span that held it all), so each round makes four or five spans
 * again (guest instructions 111.9 -> 116.3 an operation). The count is
 * how many spans the class has now: sizing by the most it ever had was tried
 * and measured no cheaper (guest instructions) while it lowered the lab
 * traces' utilisation (coalescing 94 -> 88 %, random 70 -> 61 %).
 */
static uint32_t span_pages(const struct sclass *k)
{
	uint32_t n = k->nspans < 10 ? k->minpages << (k->nspans / 2) : k->pages;
	return n < k->pages ? n : k->pages;
}

static struct span *span_new_small(unsigned c)
{
	struct sclass *k = &heap.cls[c];
	uint32_t pages = span_pages(k);
	struct span *s = span_take_pages(&pages, k->minpages, TAG_SMALL);
	if (!s)
		return NULL;
	uint32_t nslots = (uint32_t)(pages * PAGE / k->size);
	s->cls = (uint8_t)c;
	s->size = k->size;
	s->recip = k->recip;
	s->nslots = nslots;
	s->nfree = nslots;
	s->cursor = 0;
	s->touched = s->fresh ? 0 : BITWORDS; /* a run with dirty pages: all may be resident */
	for (uint32_t w = 0; w < BITWORDS; w++) {
		uint32_t lo = w * 64;
		s->bits[w] =
		    lo >= nslots ? 0 : (nslots - lo >= 64 ? ~0ull : (1ull << (nslots - lo)) - 1);
	}
	k->nspans++;
	class_push_tail(k, s);
	return s;
}

/* malloc's fast path's view of heap.cur: no spans until a mode is decided. */
static struct span *const no_spans[NCLASS];
struct span *const *small_fast_cur = no_spans;

void small_fast_paths(bool fast)
{
	small_fast_cur = fast ? heap.cur : no_spans;
	pagemap_free_fast(fast);
}

/*
 * True if class c's next block should come from a sparse span (mid.c): the
 * class has no span of its own, its blocks fit one (up to 512 bytes), and
 * the blocks of their length in granules hold at most 768 bytes of sparse
 * spans with it (SPARSE_BUCKET_GRANULES; docs/MALLOC.md has why 768). So
 * a size a program asks for a few times costs it a few
 * granules of a shared page, not a page of its own; the size's next block
 * beyond that starts the class's spans, and the blocks already in the
 * sparse span stay there until freed. A size asked for many times, even
 * with few blocks live, gets its spans after SPARSE_CHURN sparse blocks:
 * a sparse block costs a mid block's slow paths, a span's a few
 * instructions (SQLite's recorded trace: 165 -> 127 an operation).
 */
static bool sparse_takes(unsigned c)
{
	const struct sclass *k = &heap.cls[c];
	if (heap.sparse_off || k->nspans || k->size > SMALL_SPARSE_MAX)
		return false;
	uint32_t g = (k->size + (1u << SPARSE_GRAN_SHIFT) - 1) >> SPARSE_GRAN_SHIFT;
	return heap.sparse_live[g] + g <= SPARSE_BUCKET_GRANULES && k->sparse_taken < SPARSE_CHURN;
}

/* The lowest free slot of bitmap word w (its bits: word, not 0) of small
 * span s, taken; the span's cursor moves to w. */
static inline __attribute__((always_inline)) void *take_slot(struct span *s, uint32_t w,
							     uint64_t word)
{
	s->cursor = (uint16_t)w;
	s->bits[w] = word & (word - 1);
	s->nfree--;
	return (void *)(s->start + (size_t)((w << 6) + (unsigned)__builtin_ctzll(word)) * s->size);
}

/* The bytes of small span s under the slots of its first `words` bitmap words. */
static size_t words_bytes(const struct span *s, uint32_t words)
{
	return (size_t)(words * 64u < s->nslots ? words * 64u : s->nslots) * s->size;
}

/* take_slot for the first slot of word w >= s->touched: first
 * pages_touching for the pages under words up to w that s never used.
 * Out of line, so that from_spans saves no more registers for it. */
static __attribute__((noinline)) void *take_first_use(struct span *s, uint32_t w)
{
	pages_touching(words_bytes(s, s->touched), words_bytes(s, w + 1));
	s->touched = (uint16_t)(w + 1);
	return take_slot(s, w, s->bits[w]);
}

/* A block of class c from its spans: the next free slot of its current
 * span, the next span with one, or a new span; NULL with ENOMEM. */
static inline __attribute__((always_inline)) void *from_spans(unsigned c)
{
	struct sclass *k = &heap.cls[c];
	for (;;) {
		struct span *s = heap.cur[c];
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
				if (unlikely(w >= s->touched))
					return take_first_use(s, w); /* a tail call */
				return take_slot(s, w, word);
			}
		}
		if (unlikely(s->nfree != 0))
			heap_error(E_CORRUPT, "malloc", (void *)s->start,
				   "free-slot count disagrees with the bitmap");
		s->cursor = nw;
		class_unlink(k, s); /* full */
	}
}

__attribute__((noinline)) void *small_alloc_slow(unsigned c)
{
	heap.clock++;
	if (unlikely(!heap.inited) && !heap_init()) {
		enomem();
		return NULL;
	}
	if (unlikely(!heap.cur[c]) && sparse_takes(c)) {
		void *p = sparse_alloc(heap.cls[c].size);
		if (p) {
			heap.cls[c].sparse_taken++;
			return p;
		}
	}
	return from_spans(c);
}

void *small_alloc_span(unsigned c)
{
	if (unlikely(!heap.inited) && !heap_init()) {
		enomem();
		return NULL;
	}
	return from_spans(c);
}

/* A free made span s formerly full (old_nfree == 0) or now empty. */
/*
 * Returns true if the empty span s is the last span below the break (with
 * at most a free run above it) and sits on a free run, or on a gap, such
 * that the pages from there to the top would be given back
 * (trim_worthwhile; above a gap, all of them: pages.c, maybe_trim):
 * keeping s there would pin it all, since the heap can only shrink from
 * the top.
 */
bool small_pins_free_top(const struct span *s)
{
	size_t first = page_index(s->start), end = first + s->npages, above = 0;
	if (end != pagemap.npages) {
		const struct span *a = pagemap.owner[end];
		if (!a || a->tag != TAG_FREE || end + a->npages != pagemap.npages)
			return false;
		above = a->npages;
	}
	if (first == 0)
		return false;
	const struct span *below = pagemap.owner[first - 1];
	if (below && below->tag == TAG_GAP) /* s and the run above: all above a gap */
		return trim_worthwhile(s->npages + above);
	return below && below->tag == TAG_FREE &&
	       trim_worthwhile(below->npages + s->npages + above);
}

static void release_pinning_top(void);

/* Gives class k's empty span s back to the page heap. */
static void span_release_small(struct sclass *k, struct span *s)
{
	class_unlink(k, s);
	k->nspans--;
	run_free(s);
}

__attribute__((noinline)) void small_free_slow(struct span *s, uint32_t old_nfree)
{
	heap.clock++;
	struct sclass *k = &heap.cls[s->cls];
	if (old_nfree == 0 && !s->listed)
		class_push_tail(k, s); /* full spans leave the list lazily */
	/* An empty span goes back to the page heap unless it is the class's
	 * only one (kept, so that malloc/free of one size in a loop does not
	 * take and give back pages each time), or keeping it would stop the
	 * heap from shrinking. */
	if (s->nfree == s->nslots && (*class_head(k) != s || s->next || small_pins_free_top(s))) {
		/* empty and not the class's only span: whole-page recycling */
		span_release_small(k, s);
		release_pinning_top();
	} else if (s->nfree == s->nslots) {
		s->quiet_at = heap.clock; /* kept: small_release_idle's age */
	}
}

/*
 * After pages were freed below it, the span at the top of the heap may be
 * a kept empty span that now pins a large free run: give it back too, so
 * the heap can shrink however its blocks were freed.
 */
static void release_pinning_top(void)
{
	if (!pagemap.npages)
		return;
	/* the last span below the break, above at most one free run */
	struct span *t = pagemap.owner[pagemap.npages - 1];
	if (t && t->tag == TAG_FREE) {
		size_t first = page_index(t->start);
		t = first ? pagemap.owner[first - 1] : NULL;
	}
	if (t && t->tag == TAG_SMALL && t->nfree == t->nslots && small_pins_free_top(t))
		span_release_small(&heap.cls[t->cls], t);
}

/* Gives back to the page heap every class's kept empty span that has been
 * empty for at least min_age ticks of heap.clock. */
static void release_kept(uint64_t min_age)
{
	for (unsigned c = 0; c < NCLASS; c++) {
		struct sclass *k = &heap.cls[c];
		struct span *s = heap.cur[c];
		if (s && !s->next && s->nfree == s->nslots && heap.clock - s->quiet_at >= min_age)
			span_release_small(k, s);
	}
	sparse_release_empty();
}

/* Gives every class's kept empty span back to the page heap (malloc_trim). */
void small_release_empty(void)
{
	release_kept(0);
}

/*
 * Before the heap grows: the kept empty spans idle for KEPT_IDLE ticks go
 * back to the page heap, so that their pages can serve any size. A class
 * that emptied its span more recently keeps it: it is likely to fill it
 * again soon, and giving it back would only make it take another span
 * (SQLite, with dozens of classes of a few blocks each, took a new span
 * at one malloc in eight when every kept span went back at each growth).
 */
static void small_release_idle(void)
{
	release_kept(KEPT_IDLE);
}

/*
 * Pages for a new span or page run. A free run that fits comes first;
 * then, before the heap grows, the empty spans the classes keep (for churn
 * across a span boundary) and have left idle are given back and merged,
 * so that pages freed by one size class serve any other size before the
 * program's footprint grows; only then does the heap grow (and out of
 * memory, every kept span is given back first).
 */
struct span *small_take_pages(size_t n, uint32_t tag)
{
	struct span *d = run_alloc_fit(n, tag);
	if (d)
		return d;
	small_release_idle();
	d = run_alloc(n, tag);
	if (!d) { /* out of memory: every kept span, however recently emptied */
		small_release_empty();
		d = run_alloc(n, tag);
	}
	return d;
}

/*
 * The pages of a new small or mid span. A hole between spans (a free run
 * shorter than the span would like, halving down to min) serves before
 * the heap grows: a class that wants 16 pages takes the 8-page hole a
 * freed span left rather than grow the heap; but never the free run at
 * the top of the heap, which grows into the full size instead (beside
 * span_pages' sqrt 2 growth alone: the lab's binary trace 87.5 -> 93.8 %,
 * coalescing 92.6 -> 94.5; taking the top run too left a class with
 * 1-page spans cut from the top's remainder). Out of memory, the last
 * free pages still serve as a min-page span.
 */
struct span *span_take_pages(uint32_t *pages, uint32_t min, uint32_t tag)
{
	struct span *s = run_alloc_fit(*pages, tag);
	for (uint32_t p = *pages / 2; !s && p >= min; p /= 2)
		if ((s = run_alloc_hole(p, tag)) != NULL)
			*pages = p;
	if (!s) { /* small_take_pages' last two steps: its fit was the first above */
		small_release_idle();
		s = run_alloc(*pages, tag);
	}
	if (!s) /* out of memory: min pages, every kept span given back first */
		s = small_take_pages(*pages = min, tag);
	return s;
}
