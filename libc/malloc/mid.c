/*
 * mid.c - the mid tier: blocks of MID_MIN < n <= SMALL_MAX bytes as runs of
 * 64-byte granules in mid spans (4..16 pages, 256..1024 granules). Unlike
 * a small span, whose slots are all one size, a mid span serves any mid
 * size, and a freed block's granules join the free granules beside it at
 * once (coalescing), so space freed by one size serves another, and a
 * block can grow or shrink in place into its free neighbour.
 *
 * The metadata is two bitmaps in the span's descriptor, out of the heap:
 * bits (1 = free granule) and heads (1 = the first granule of a live
 * block). A live block runs from its head to the next head or the next
 * free granule. malloc takes the best fit (the shortest free run that
 * holds the request) in the first span that may hold it; spans are listed
 * by floor(log2(maxrun)), maxrun being a bound no free run exceeds, so a
 * request skips spans too full for it without scanning them.
 */
#include "malloc/mid.h"
#include "malloc/heap.h"
#include "malloc/pagemap.h"
#include "malloc/pages.h"
#include "malloc/report.h"
#include "malloc/small.h"

#define GRAN ((size_t)1 << MID_GRAN_SHIFT)

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

/* Sets (v) or clears (!v) bits [i, i + n). */
static void set_bits(uint64_t *m, uint32_t i, uint32_t n, bool v)
{
	while (n) {
		uint32_t b = i & 63, k = 64 - b < n ? 64 - b : n;
		uint64_t mask = (k == 64 ? ~0ull : ((1ull << k) - 1)) << b;
		m[i >> 6] = v ? m[i >> 6] | mask : m[i >> 6] & ~mask;
		i += k;
		n -= k;
	}
}

static bool bit(const uint64_t *m, uint32_t i)
{
	return m[i >> 6] >> (i & 63) & 1;
}

/* ------------------------------------------------------------------ */
/* the span lists */

/* The list of a span whose free runs are at most maxrun granules. */
static unsigned list_of(uint32_t maxrun)
{
	return maxrun ? 31u - (unsigned)__builtin_clz(maxrun) : 0;
}

static void unlist(struct span *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		heap.mid[s->listed - 1] = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
	s->listed = 0;
}

static void enlist(struct span *s)
{
	unsigned l = list_of(s->maxrun);
	s->prev = NULL;
	s->next = heap.mid[l];
	if (s->next)
		s->next->prev = s;
	heap.mid[l] = s;
	s->listed = (uint8_t)(l + 1);
}

/* Records a new bound maxrun and moves s to its list if that changed. */
static void set_maxrun(struct span *s, uint32_t maxrun)
{
	s->maxrun = maxrun;
	if (s->listed != list_of(maxrun) + 1) {
		unlist(s);
		enlist(s);
	}
}

/* ------------------------------------------------------------------ */
/* allocation */

/* A new mid span: four pages at first, twice as many with each further
 * span, up to 16 (so a program with a few mid blocks holds little). */
static struct span *span_new_mid(void)
{
	uint32_t pages = MID_MIN_PAGES << (heap.mid_nspans < 2 ? heap.mid_nspans : 2);
	struct span *s = small_take_pages(pages, TAG_MID);
	if (!s && pages > MID_MIN_PAGES)
		s = small_take_pages(pages = MID_MIN_PAGES, TAG_MID);
	if (!s)
		return NULL;
	s->nslots = (uint32_t)(pages * PAGE >> MID_GRAN_SHIFT);
	s->nfree = s->nslots;
	__builtin_memset(s->bits, 0, sizeof(s->bits));
	__builtin_memset(s->heads, 0, sizeof(s->heads));
	set_bits(s->bits, 0, s->nslots, true);
	s->maxrun = s->nslots;
	enlist(s);
	heap.mid_nspans++;
	return s;
}

/* The best-fitting free run of k granules in s, carved into a block; NULL
 * if none (maxrun is then made exact, so s is not scanned again for it). */
static void *carve(struct span *s, uint32_t k)
{
	check_tag(s, TAG_MID, "malloc", (void *)s->start);
	uint32_t n = s->nslots, best = n, bestlen = UINT32_MAX, longest = 0;
	bool whole = true; /* every run seen: longest is exact */
	for (uint32_t i = find_one(s->bits, 0, n); i < n; i = find_one(s->bits, i, n)) {
		uint32_t e = find_zero(s->bits, i, n), len = e - i;
		if (len >= k && len < bestlen) {
			best = i;
			bestlen = len;
			if (len == k) {
				whole = false;
				break;
			}
		}
		if (len > longest)
			longest = len;
		i = e;
	}
	if (best == n) {
		set_maxrun(s, longest);
		return NULL;
	}
	set_bits(s->bits, best, k, false);
	s->heads[best >> 6] |= 1ull << (best & 63);
	s->nfree -= k;
	if (whole) /* the chosen run may have been the longest */
		set_maxrun(s, longest > bestlen - k ? longest : bestlen - k);
	return (void *)(s->start + ((size_t)best << MID_GRAN_SHIFT));
}

void *mid_alloc(size_t n)
{
	uint32_t k = (uint32_t)((n + GRAN - 1) >> MID_GRAN_SHIFT);
	for (unsigned l = list_of(k); l < MID_NLISTS; l++) {
		struct span *s = heap.mid[l], *next;
		for (; s; s = next) {
			next = s->next; /* carve may move s to another list */
			if (s->maxrun >= k) {
				void *p = carve(s, k);
				if (p)
					return p;
			}
		}
	}
	struct span *s = span_new_mid();
	return s ? carve(s, k) : NULL;
}

/* ------------------------------------------------------------------ */
/* blocks */

/* The granules of the live block whose head is granule g. */
static uint32_t block_len(const struct span *s, uint32_t g)
{
	uint32_t e = find_one(s->bits, g, s->nslots); /* the next free granule */
	uint32_t h = find_one(s->heads, g + 1, s->nslots);
	return (e < h ? e : h) - g;
}

bool mid_is_live(const struct span *s, uintptr_t p)
{
	uintptr_t off = p - s->start;
	return !(off & (GRAN - 1)) && (off >> MID_GRAN_SHIFT) < s->nslots &&
	       bit(s->heads, (uint32_t)(off >> MID_GRAN_SHIFT));
}

size_t mid_usable(const struct span *s, uintptr_t p)
{
	return (size_t)block_len(s, (uint32_t)((p - s->start) >> MID_GRAN_SHIFT)) << MID_GRAN_SHIFT;
}

/* Granules [g, g + k) of s become free: merged with the free runs on both
 * sides, the bound maxrun raised to the merged run if it is longer. */
static void free_granules(struct span *s, uint32_t g, uint32_t k)
{
	set_bits(s->bits, g, k, true);
	s->nfree += k;
	uint32_t lo = run_start_back(s->bits, g), hi = find_zero(s->bits, g + k, s->nslots);
	if (hi - lo > s->maxrun)
		set_maxrun(s, hi - lo);
}

void mid_free(struct span *s, void *p, const char *fn)
{
	check_tag(s, TAG_MID, fn, p);
	uintptr_t off = (uintptr_t)p - s->start;
	uint32_t g = (uint32_t)(off >> MID_GRAN_SHIFT);
	if (g >= s->nslots)
		heap_error(E_INVALID, fn, p, "pointer past the last block of its page run");
	if (!bit(s->heads, g) || (off & (GRAN - 1))) {
		if (!(off & (GRAN - 1)) && bit(s->bits, g))
			heap_error(E_DOUBLE, fn, p, "the block is already free");
		heap_error(E_INVALID, fn, p,
			   "pointer inside a block, not its start; pass the pointer malloc "
			   "returned");
	}
	if (bit(s->bits, g))
		heap_error(E_CORRUPT, fn, p, "a mid span's bitmaps disagree");
	uint32_t k = block_len(s, g);
	s->heads[g >> 6] &= ~(1ull << (g & 63));
	free_granules(s, g, k);
	/* An empty span goes back to the page heap unless it is the only
	 * one (kept, so one block malloc'd and freed in a loop does not take
	 * and give back pages each time) and keeping it does not stop the
	 * heap from shrinking. */
	if (s->nfree == s->nslots && (heap.mid_nspans > 1 || small_pins_free_top(s))) {
		unlist(s);
		heap.mid_nspans--;
		run_free(s);
	}
}

bool mid_resize(struct span *s, uintptr_t p, size_t n)
{
	uint32_t g = (uint32_t)((p - s->start) >> MID_GRAN_SHIFT), len = block_len(s, g);
	uint32_t k = (uint32_t)((n + GRAN - 1) >> MID_GRAN_SHIFT);
	if (k <= len) {
		if (k < len)
			free_granules(s, g + k, len - k);
		return true;
	}
	if (find_zero(s->bits, g + len, s->nslots) < g + k)
		return false; /* the granules after it are not all free */
	set_bits(s->bits, g + len, k - len, false);
	s->nfree -= k - len;
	return true; /* maxrun stays a bound: no run grew */
}

uintptr_t mid_block_start(const struct span *s, uintptr_t a, bool *is_free)
{
	uint32_t g = (uint32_t)((a - s->start) >> MID_GRAN_SHIFT);
	*is_free = false;
	if (g >= s->nslots)
		return 0;
	if (bit(s->bits, g)) {
		*is_free = true;
		return s->start + ((size_t)run_start_back(s->bits, g + 1) << MID_GRAN_SHIFT);
	}
	while (g > 0 && !bit(s->heads, g))
		g--;
	return s->start + ((size_t)g << MID_GRAN_SHIFT);
}

uint32_t mid_longest_run(const struct span *s)
{
	uint32_t n = s->nslots, longest = 0;
	for (uint32_t i = find_one(s->bits, 0, n); i < n; i = find_one(s->bits, i, n)) {
		uint32_t e = find_zero(s->bits, i, n);
		if (e - i > longest)
			longest = e - i;
		i = e;
	}
	return longest;
}

void mid_release_empty(void)
{
	for (unsigned l = 0; l < MID_NLISTS; l++)
		for (struct span *s = heap.mid[l], *next; s; s = next) {
			next = s->next;
			if (s->nfree == s->nslots) {
				unlist(s);
				heap.mid_nspans--;
				run_free(s);
			}
		}
}
