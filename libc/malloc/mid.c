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
 * from its head to the next head or the next free granule) and the span's
 * free runs as sorted keys, length << 11 | first granule. malloc takes the
 * best fit, the shortest free run that holds the request (the lowest one
 * of that length): a binary search for the first key >= k << 11. Carving
 * and freeing keep the keys exact (a carved run's rest, a freed block
 * merged with the runs beside it: found in the bitmap, their keys moved
 * by one insertion step), so the last key is the span's longest run,
 * maxrun. Spans are listed by floor(log2(maxrun)): a request of k
 * granules looks at the spans of k's list that hold k, then takes the
 * first span of any list above, and never searches a span in vain.
 *
 * The same code runs the sparse spans (sparse_alloc): one page each, of
 * 32-byte granules (span->gshift says which granule a span has), for the
 * first blocks of the small size classes that have no span of their own
 * (small.c: sparse_takes). They are on heap.sparse, not on the mid lists.
 */
#include "malloc/mid.h"
#include "malloc/heap.h"
#include "malloc/pagemap.h"
#include "malloc/pages.h"
#include "malloc/report.h"
#include "malloc/small.h"

#define GRAN ((size_t)1 << MID_GRAN_SHIFT)

/* True if s is a sparse span (32-byte granules, one page, any small size). */
static bool is_sparse(const struct span *s)
{
	return s->gshift == SPARSE_GRAN_SHIFT;
}

/* ------------------------------------------------------------------ */
/* bitmaps of up to 1024 bits (bit i: word i / 64, bit i % 64) */

/* The first index in [i, limit) whose bit is 1, or limit. */
static uint32_t find_one(const uint64_t *m, uint32_t i, uint32_t limit)
{
	while (i < limit) {
		uint64_t x = m[i >> 6] >> (i & 63);
		if (x) {
			i += (uint32_t)__builtin_ctzll(x);
			return i < limit ? i : limit;
		}
		i = (i | 63) + 1;
	}
	return limit;
}

/* The first index in [i, limit) whose bit is 0, or limit. */
static uint32_t find_zero(const uint64_t *m, uint32_t i, uint32_t limit)
{
	while (i < limit) {
		uint64_t x = ~m[i >> 6] >> (i & 63);
		if (x) {
			i += (uint32_t)__builtin_ctzll(x);
			return i < limit ? i : limit;
		}
		i = (i | 63) + 1;
	}
	return limit;
}

/* The start of the run of ones that ends just below i (i if bit i-1 is 0). */
static uint32_t run_start_back(const uint64_t *m, uint32_t i)
{
	while (i > 0) {
		uint32_t b = (i - 1) & 63;
		uint64_t x = ~m[(i - 1) >> 6] << (63 - b); /* bit i-1 at bit 63 */
		if (x)
			return i - (uint32_t)__builtin_clzll(x);
		i -= b + 1;
	}
	return 0;
}

/* Sets (v) or clears (!v) bits [i, i + n): a mask for the first and the
 * last word, whole words between. */
static inline void set_bits(uint64_t *m, uint32_t i, uint32_t n, bool v)
{
	if (!n)
		return;
	uint32_t w = i >> 6, last = (i + n - 1) >> 6;
	uint64_t head = ~0ull << (i & 63), tail = ~0ull >> (63 - ((i + n - 1) & 63));
	if (w == last)
		head &= tail;
	m[w] = v ? m[w] | head : m[w] & ~head;
	if (w == last)
		return;
	for (w++; w < last; w++)
		m[w] = v ? ~0ull : 0;
	m[last] = v ? m[last] | tail : m[last] & ~tail;
}

static bool bit(const uint64_t *m, uint32_t i)
{
	return m[i >> 6] >> (i & 63) & 1;
}

/* ------------------------------------------------------------------ */
/* the free-run index: keys length << 11 | first granule, ascending */

#define KEY(len, g) ((uint32_t)(len) << 11 | (uint32_t)(g))
#define KEY_LEN(key) ((key) >> 11)
#define KEY_START(key) ((key)&2047u)

/* The first position whose key is >= key (nruns if none). */
static uint32_t lower_bound(const struct mid_index *x, uint32_t key)
{
	uint32_t lo = 0, hi = x->nruns;
	while (lo < hi) {
		uint32_t m = (lo + hi) / 2;
		if (x->run[m] < key)
			lo = m + 1;
		else
			hi = m;
	}
	return lo;
}

/* Puts key at position i (whose old key is dropped) and moves it up or
 * down to its place: one step of an insertion sort. */
static void place(struct mid_index *x, uint32_t i, uint32_t key)
{
	uint32_t *r = x->run;
	for (; i > 0 && r[i - 1] > key; i--)
		r[i] = r[i - 1];
	for (; i + 1 < x->nruns && r[i + 1] < key; i++)
		r[i] = r[i + 1];
	r[i] = key;
}

/* Records the free run [g, g + len) of s. */
static void run_add(struct span *s, uint32_t len, uint32_t g)
{
	struct mid_index *x = s->mx;
	if (x->nruns >= MID_MAXRUNS)
		heap_error(E_CORRUPT, "malloc", (void *)s->start,
			   "a mid span has too many free runs");
	x->nruns++;
	place(x, x->nruns - 1, KEY(len, g));
}

/* The position of the free run [g, g + len) in the index of s; ends the
 * program if it is not there (the index and the bitmap disagree: a
 * damaged descriptor). */
static uint32_t run_find(const struct span *s, uint32_t len, uint32_t g, const char *fn)
{
	const struct mid_index *x = s->mx;
	uint32_t key = KEY(len, g), i = lower_bound(x, key);
	if (i == x->nruns || x->run[i] != key)
		heap_error(E_CORRUPT, fn, (void *)s->start,
			   "a mid span's free-run index disagrees with its bitmap");
	return i;
}

/* Drops position i of the index of s. */
static void run_drop(struct span *s, uint32_t i)
{
	struct mid_index *x = s->mx;
	for (x->nruns--; i < x->nruns; i++)
		x->run[i] = x->run[i + 1];
}

/* The longest free run of s, from its index (0 if it has none). */
static uint32_t index_longest(const struct span *s)
{
	const struct mid_index *x = s->mx;
	return x->nruns ? KEY_LEN(x->run[x->nruns - 1]) : 0;
}

/* A zeroed mid index from the pool, or NULL. */
static struct mid_index *index_new(void)
{
	return pool_take(&heap.mid_pool, sizeof(struct mid_index));
}

/* ------------------------------------------------------------------ */
/* the span lists */

/* The list of a span whose free runs are at most maxrun granules. */
static unsigned list_of(uint32_t maxrun)
{
	return maxrun ? 31u - (unsigned)__builtin_clz(maxrun) : 0;
}

/* Puts s first on the list at *head (a mid list or heap.sparse). */
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

static void unlist(struct span *s)
{
	list_unlink(&heap.mid[s->listed - 1], s);
	s->listed = 0;
}

static void enlist(struct span *s)
{
	unsigned l = list_of(s->maxrun);
	list_push(&heap.mid[l], s);
	s->listed = (uint8_t)(l + 1);
}

/* Records a new bound maxrun and moves s to its list if that changed. */
static void set_maxrun(struct span *s, uint32_t maxrun)
{
	s->maxrun = maxrun;
	/* (a sparse span's listed, MID_NLISTS + 1, is no list's: it is on
	 * heap.sparse, and stays there) */
	if (s->listed != list_of(maxrun) + 1 && !is_sparse(s)) {
		unlist(s);
		enlist(s);
	}
}

/* ------------------------------------------------------------------ */
/* allocation */

/*
 * A new mid span for a block of k granules: four pages at first, twice
 * as many with each further span, up to 16 (so a program with a few mid
 * blocks holds little); but a free run of the heap comes first, even a
 * shorter one, so that a hole between spans serves before the heap
 * grows: down to 2 pages, and never shorter than the block that asks
 * for it (a 16 KiB block takes 4). Holes of 2 and 3 pages, which only
 * small spans could use before: the lab's realloc trace 69.5 -> 71.3 %.
 */
/* A span of up to pages pages (at least min) with its index, all of it
 * one free run of granules of 1 << gshift bytes; not on any list yet.
 * NULL if there is no memory. */
static struct span *span_of_granules(uint32_t pages, uint32_t min, unsigned gshift)
{
	struct mid_index *x = index_new();
	if (!x)
		return NULL;
	struct span *s = span_take_pages(&pages, min, TAG_MID);
	if (!s) {
		pool_give(&heap.mid_pool, x);
		return NULL;
	}
	s->mx = x;
	s->gshift = (uint8_t)gshift;
	s->nslots = (uint32_t)((size_t)pages * PAGE >> gshift);
	s->nfree = s->nslots;
	__builtin_memset(s->bits, 0, sizeof(s->bits));
	set_bits(s->bits, 0, s->nslots, true);
	run_add(s, s->nslots, 0);
	s->maxrun = s->nslots;
	return s;
}

static struct span *span_new_mid(uint32_t k)
{
	uint32_t pages = MID_MIN_PAGES << (heap.mid_nspans < 2 ? heap.mid_nspans : 2);
	uint32_t need = (uint32_t)(((size_t)k * GRAN + PAGE - 1) / PAGE);
	struct span *s =
	    span_of_granules(pages, need > MID_HOLE_PAGES ? need : MID_HOLE_PAGES, MID_GRAN_SHIFT);
	if (!s)
		return NULL;
	enlist(s);
	heap.mid_nspans++;
	return s;
}

/* Gives empty mid span s back to the page heap, its index to the pool. */
static void span_free_mid(struct span *s)
{
	if (is_sparse(s)) {
		list_unlink(&heap.sparse, s);
		heap.sparse_nspans--;
	} else {
		unlist(s);
		heap.mid_nspans--;
	}
	pool_give(&heap.mid_pool, s->mx);
	s->mx = NULL;
	run_free(s);
}

/* The best-fitting free run of k granules in s (s->maxrun >= k), carved
 * into a block: the first key >= k << 11, its rest (if any) put back. */
static void *carve(struct span *s, uint32_t k)
{
	check_tag(s, TAG_MID, "malloc", (void *)s->start);
	struct mid_index *x = s->mx;
	uint32_t i = lower_bound(x, KEY(k, 0));
	if (i == x->nruns)
		heap_error(E_CORRUPT, "malloc", (void *)s->start,
			   "a mid span's bound maxrun disagrees with its index");
	uint32_t len = KEY_LEN(x->run[i]), g = KEY_START(x->run[i]);
	if (len > k)
		place(x, i, KEY(len - k, g + k)); /* the rest: shorter, moves down */
	else
		run_drop(s, i);
	set_bits(s->bits, g, k, false);
	x->heads[g >> 6] |= 1ull << (g & 63);
	s->nfree -= k;
	set_maxrun(s, index_longest(s));
	return (void *)(s->start + ((size_t)g << s->gshift));
}

void *mid_alloc(size_t n)
{
	uint32_t k = (uint32_t)((n + GRAN - 1) >> MID_GRAN_SHIFT);
	unsigned l = list_of(k);
	/* k's own list holds spans whose longest run is 2^l..2^(l+1)-1 */
	for (struct span *s = heap.mid[l]; s; s = s->next)
		if (s->maxrun >= k)
			return carve(s, k);
	/* in every list above it, every span holds k */
	for (l++; l < MID_NLISTS; l++)
		if (heap.mid[l])
			return carve(heap.mid[l], k);
	struct span *s = span_new_mid(k);
	return s ? carve(s, k) : NULL;
}

/*
 * A sparse span: one page of 32-byte granules, for the blocks of the size
 * classes that have no span of their own yet (small.c: sparse_takes). A
 * program that asks for a few blocks of many sizes then keeps one page
 * for them, not one page per size; a class that keeps asking gets spans
 * of its own. Its free-run index is a mid span's; it is on heap.sparse,
 * not on the mid lists, since its granules are not theirs.
 */
static struct span *span_new_sparse(void)
{
	struct span *s = span_of_granules(1, 1, SPARSE_GRAN_SHIFT);
	if (!s)
		return NULL;
	s->listed = MID_NLISTS + 1;
	list_push(&heap.sparse, s);
	heap.sparse_nspans++;
	return s;
}

void *sparse_alloc(size_t n)
{
	uint32_t k = (uint32_t)((n + (1u << SPARSE_GRAN_SHIFT) - 1) >> SPARSE_GRAN_SHIFT);
	struct span *s = heap.sparse;
	while (s && s->maxrun < k)
		s = s->next;
	if (!s && !(s = span_new_sparse()))
		return NULL;
	heap.sparse_live[k] += (uint16_t)k;
	return carve(s, k);
}

/* ------------------------------------------------------------------ */
/* blocks */

/* The granules of the live block whose head is granule g: up to the next
 * free granule or the next head, whichever comes first, found in one scan
 * of the two bitmaps OR'ed a word at a time (granule g is live, so its
 * own free bit is 0; its head bit is skipped). */
static uint32_t block_len(const struct span *s, uint32_t g)
{
	const uint64_t *free = s->bits, *heads = s->mx->heads;
	uint32_t n = s->nslots, i = g + 1;
	while (i < n) {
		uint64_t x = (free[i >> 6] | heads[i >> 6]) >> (i & 63);
		if (x) {
			i += (uint32_t)__builtin_ctzll(x);
			break;
		}
		i = (i | 63) + 1;
	}
	return (i < n ? i : n) - g;
}

bool mid_is_live(const struct span *s, uintptr_t p)
{
	uintptr_t off = p - s->start;
	unsigned shift = likely(!is_sparse(s)) ? MID_GRAN_SHIFT : SPARSE_GRAN_SHIFT;
	return !(off & (((uintptr_t)1 << shift) - 1)) && (off >> shift) < s->nslots &&
	       bit(s->mx->heads, (uint32_t)(off >> shift));
}

size_t mid_usable(const struct span *s, uintptr_t p)
{
	return (size_t)block_len(s, (uint32_t)((p - s->start) >> s->gshift)) << s->gshift;
}

/* Granules [g, g + k) of s become free: merged with the free runs on both
 * sides (their keys replaced by the merged run's), maxrun kept exact. */
static void free_granules(struct span *s, uint32_t g, uint32_t k, const char *fn)
{
	set_bits(s->bits, g, k, true);
	s->nfree += k;
	uint32_t lo = run_start_back(s->bits, g), hi = find_zero(s->bits, g + k, s->nslots);
	/* the merged run takes the place of a neighbour's key (it is longer,
	 * so it moves up), or is a new key */
	if (hi > g + k && lo < g)
		run_drop(s, run_find(s, hi - (g + k), g + k, fn));
	if (lo < g)
		place(s->mx, run_find(s, g - lo, lo, fn), KEY(hi - lo, lo));
	else if (hi > g + k)
		place(s->mx, run_find(s, hi - (g + k), g + k, fn), KEY(hi - lo, lo));
	else
		run_add(s, hi - lo, lo);
	set_maxrun(s, index_longest(s));
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

/* Frees block p of sparse span s: as mid_free, and its granules leave the
 * sparse accounting (small.c: sparse_takes). */
static __attribute__((noinline)) void sparse_free(struct span *s, void *p, const char *fn)
{
	uint32_t g = live_head(s, p, fn, SPARSE_GRAN_SHIFT), k = block_len(s, g);
	if (k > SPARSE_MAX_BLOCK_GRANULES || heap.sparse_live[k] < k)
		heap_error(E_CORRUPT, fn, p, "a sparse span's block has a length no block has");
	heap.sparse_live[k] -= (uint16_t)k;
	s->mx->heads[g >> 6] &= ~(1ull << (g & 63));
	free_granules(s, g, k, fn);
	if (s->nfree == s->nslots && (heap.sparse_nspans > 1 || small_pins_free_top(s)))
		span_free_mid(s);
}

void mid_free(struct span *s, void *p, const char *fn)
{
	if (unlikely(is_sparse(s))) {
		sparse_free(s, p, fn);
		return;
	}
	uint32_t g = live_head(s, p, fn, MID_GRAN_SHIFT), k = block_len(s, g);
	s->mx->heads[g >> 6] &= ~(1ull << (g & 63));
	free_granules(s, g, k, fn);
	/* An empty span goes back to the page heap unless it is the only
	 * one (kept, so one block malloc'd and freed in a loop does not take
	 * and give back pages each time) and keeping it does not stop the
	 * heap from shrinking. The sparse spans keep one the same way. */
	if (s->nfree == s->nslots && (heap.mid_nspans > 1 || small_pins_free_top(s)))
		span_free_mid(s);
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
 * utilisation). docs/BENCHMARKS.md has the figures.
 */
static uint32_t grown_len(uint32_t len, uint32_t k, uint32_t room)
{
	if (k - len >= len / 4)
		return k;
	uint32_t more = k + len / 8;
	return more < room ? more : room;
}

bool mid_resize(struct span *s, uintptr_t p, size_t n, size_t *old)
{
	if (unlikely(is_sparse(s))) { /* kept as it is while at least half of it is used */
		*old = mid_usable(s, p);
		return n <= *old && n > *old / 2;
	}
	uint32_t g = (uint32_t)((p - s->start) >> MID_GRAN_SHIFT), len = block_len(s, g);
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
		if (k < len - len / 4)
			free_granules(s, g + k, len - k, "realloc");
		return true;
	}
	uint32_t e = find_zero(s->bits, g + len, s->nslots); /* the free run after it ends */
	if (e < g + k)
		return false; /* the granules after it are not all free */
	uint32_t i = run_find(s, e - (g + len), g + len, "realloc");
	k = grown_len(len, k, e - g);
	if (e > g + k)
		place(s->mx, i, KEY(e - (g + k), g + k)); /* what is left of it */
	else
		run_drop(s, i);
	set_bits(s->bits, g + len, k - len, false);
	s->nfree -= k - len;
	set_maxrun(s, index_longest(s));
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

bool mid_index_matches(const struct span *s)
{
	const struct mid_index *x = s->mx;
	uint32_t n = s->nslots, runs = 0, longest = 0;
	for (uint32_t i = 1; i < x->nruns; i++)
		if (x->run[i - 1] >= x->run[i])
			return false; /* not strictly ascending */
	for (uint32_t i = find_one(s->bits, 0, n); i < n; i = find_one(s->bits, i, n)) {
		uint32_t e = find_zero(s->bits, i, n), key = KEY(e - i, i);
		uint32_t at = lower_bound(x, key);
		if (at == x->nruns || x->run[at] != key)
			return false; /* a free run the index does not have */
		runs++;
		if (e - i > longest)
			longest = e - i;
		i = e;
	}
	return runs == x->nruns && longest == s->maxrun;
}

void sparse_release_empty(void)
{
	for (struct span *s = heap.sparse, *next; s; s = next) {
		next = s->next;
		if (s->nfree == s->nslots)
			span_free_mid(s);
	}
}

void mid_release_empty(void)
{
	sparse_release_empty();
	for (unsigned l = 0; l < MID_NLISTS; l++)
		for (struct span *s = heap.mid[l], *next; s; s = next) {
			next = s->next;
			if (s->nfree == s->nslots)
				span_free_mid(s);
		}
}
