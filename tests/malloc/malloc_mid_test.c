/*
 * malloc_mid_test.c - host unit tests of libc/malloc's mid tier (KTAP
 * output): coalescing, best fit within a span and across spans, the most
 * free runs a span records, long free runs merged through their records, a damaged run list found by the heap walk,
 * a new mid span placed in a hole, the blocks' length bytes, the index
 * growing with the span's runs, a free with no memory to grow it, new
 * blocks on pages already used before untouched ones, and two empty spans
 * kept.
 * White-box: the tests look at spans and free-run records (heap.h). Built as malloc_test.c is (the im_
 * prefix, the os layer's fake break), in a process of its own so that
 * the first test sees a fresh heap; realloc's growth into a free
 * neighbour is in malloc_realloc_test.c, the mid tier's error reports in
 * malloc_test.c.
 */
#include "malloc/malloc_api.h"
#include "malloc/os.h"	 /* im_os_refuse_sbrk */
#include "malloc/heap.h" /* spans and free-run records, white-box */
#include "ktap.h"

#include <stdint.h>

#define HEAP_OK() ASSERT(malloc_check_heap() == 0)

/*
 * Two freed neighbours become one free run that serves a size neither
 * could alone.
 */
static void t_mid_coalescing(void)
{
	char *a = im_malloc(2000), *b = im_malloc(2000), *pin = im_malloc(2000);
	struct span *s = malloc_debug_span_of(a);
	ASSERT(s->tag == TAG_MID && malloc_debug_span_of(b) == s && b == a + 2048,
	       "two 2000-byte blocks: neighbours of 32 granules in one mid span");
	ASSERT(im_malloc_usable_size(a) == 2048);
	im_free(a);
	im_free(b);
	HEAP_OK();
	char *c = im_malloc(4000);
	ASSERT(c == a, "the merged 4096 bytes serve 4000 (best fit), which neither 2048 could");
	im_free(c);
	im_free(pin);
	HEAP_OK();
}

/*
 * Best fit through the free-run lists: of free runs of 20, 12, 16 and 12
 * granules, 11 granules take the 12 freed last, then the other 12, 16 the
 * 16 and 18 the 20 (the shortest run that holds each, the newest of equal
 * ones).
 */
static void t_mid_best_fit(void)
{
	size_t len[4] = {20, 12, 16, 12};
	char *run[4], *pin[4];
	for (int i = 0; i < 4; i++) {
		run[i] = im_malloc(len[i] * 64);
		pin[i] = im_malloc(600);
		ASSERT(malloc_debug_span_of(run[i]) == malloc_debug_span_of(run[0]) &&
			   pin[i] == run[i] + len[i] * 64 && (!i || run[i] == pin[i - 1] + 640),
		       "runs and pins side by side in one mid span");
	}
	for (int i = 0; i < 4; i++)
		im_free(run[i]);
	HEAP_OK();
	char *a = im_malloc(11 * 64), *b = im_malloc(11 * 64), *c = im_malloc(16 * 64);
	char *d = im_malloc(18 * 64);
	EXPECT(a == run[3] && b == run[1] && c == run[2] && d == run[0],
	       "each request took the shortest free run that holds it, the newest first");
	HEAP_OK();
	im_free(a);
	im_free(b);
	im_free(c);
	im_free(d);
	for (int i = 0; i < 4; i++)
		im_free(pin[i]);
	HEAP_OK();
}

/*
 * Best fit across spans: a run of 12 granules in the first mid span (4
 * pages, the rest of it taken) serves 11 granules before a newer run of
 * 20 in the second span and that span's long free rest; 19 then take the
 * 20.
 */
static void t_mid_best_fit_across_spans(void)
{
	im_malloc_trim(0); /* the kept empty mid span of the tests before goes */
	ASSERT(heap.mid_nspans == 0, "no mid span left by the tests before");
	char *p = im_malloc(12 * 64), *pin = im_malloc(9 * 64), *rest = im_malloc(235 * 64);
	char *q = im_malloc(20 * 64), *pin2 = im_malloc(9 * 64);
	struct span *a = malloc_debug_span_of(p), *b = malloc_debug_span_of(q);
	ASSERT(a && a->nslots == 256 && a->nfree == 0 && b && b != a && pin2 == q + 20 * 64,
	       "the first span full, the second holding q and a pin");
	im_free(p);
	im_free(q);
	HEAP_OK();
	char *x = im_malloc(11 * 64), *y = im_malloc(19 * 64);
	EXPECT(x == p && y == q, "each took the shortest run of any span that holds it");
	HEAP_OK();
	im_free(x);
	im_free(y);
	im_free(pin);
	im_free(pin2);
	im_free(rest);
	HEAP_OK();
}

/*
 * The most free runs a mid span records: a 16-page span filled with
 * blocks of 9 granules (113 and 7 granules over), every other one freed
 * (those at granules 0, 18, 36, ...): 57 runs that can hold a block (the
 * last one with the 7 over), which the index holds and the heap walk
 * finds exact.
 */
static void t_mid_many_runs(void)
{
	enum { N = 200 };
	static char *p[N];
	im_malloc_trim(0);
	for (int i = 0; i < N; i++)
		ASSERT((p[i] = im_malloc(576)) != NULL);
	for (int i = 0; i < N; i++) {
		struct span *s = malloc_debug_span_of(p[i]);
		if (((uintptr_t)p[i] - s->start) / 64 % 18 == 0) {
			im_free(p[i]);
			p[i] = NULL;
		}
	}
	HEAP_OK();
	uint32_t most = 0, cap = 0;
	for (int i = 0; i < N; i++) {
		struct span *s = p[i] ? malloc_debug_span_of(p[i]) : NULL;
		if (s && s->nslots == 1024 && s->mx->nruns > most) {
			most = s->mx->nruns;
			cap = s->mx->cap;
		}
	}
	EXPECT(most == 57,
	       "a 16-page span of 9-granule blocks, every other one freed, has 57 free runs");
	EXPECT(cap == 64, "its index grew from 4 records to 64 on the way, runs kept");
	for (int i = 0; i < N; i++)
		im_free(p[i]);
	HEAP_OK();
}

/*
 * A freed block between two long free runs (each past a word of the
 * bitmap) finds both from their records, not by searching the bitmap: in
 * a 4-page span, a block of 129 granules at 0, a block b of 9 at 129 and
 * one of 9 at 138 (in b's bucket, 128..143), the first and the third
 * freed. The run after b then starts in bucket 8 (granules 128..143),
 * the bucket of the granule just before b, but after b: the run before b
 * is the one of the bucket before. Freeing b
 * leaves one run, the whole span; and the heap walk sees a damaged mask of
 * the buckets in which runs start.
 */
static void t_mid_long_runs_merge(void)
{
	im_malloc_trim(0);
	ASSERT(heap.mid_nspans == 0, "no mid span left by the tests before");
	char *a = im_malloc(129 * 64), *b = im_malloc(9 * 64), *c = im_malloc(9 * 64);
	struct span *s = malloc_debug_span_of(a);
	ASSERT(s && s->nslots == 256 && (uintptr_t)a == s->start && b == a + 129 * 64 &&
		   c == b + 9 * 64,
	       "blocks of 129, 9 and 9 granules at granules 0, 129 and 138 of a 4-page span");
	im_free(a);
	im_free(c); /* runs [0, 129) and [138, 256) */
	HEAP_OK();
	EXPECT(s->mx->nruns == 2 &&
		   s->mx->starts == (1ull << 0 | 1ull << (138 >> RUN_BUCKET_SHIFT)),
	       "two runs, starting in buckets 0 and 8");
	s->mx->starts ^= 1ull << 5;
	EXPECT(malloc_check_heap() != 0, "the heap walk sees a bucket marked with no run in it");
	s->mx->starts ^= 1ull << 5;
	HEAP_OK();
	im_free(b);
	EXPECT(s->mx->nruns == 1 && s->mx->slot[0] && s->mx->run[s->mx->slot[0] - 1].len == 256,
	       "one free run, the whole span");
	EXPECT_EQ(s->mx->starts, 1ull, "starting in bucket 0");
	HEAP_OK();
}

/*
 * The heap walk finds a damaged free-run list: a run's back link pointing
 * at itself instead of the run before it.
 */
static void t_mid_run_list_damage_found(void)
{
	char *a = im_malloc(600), *pin = im_malloc(600), *b = im_malloc(600),
	     *pin2 = im_malloc(600);
	im_free(a);
	im_free(b); /* two runs of 10 granules, on one list: b's first */
	HEAP_OK();
	struct span *s = malloc_debug_span_of(a);
	uint8_t sl = s->mx->slot[((uintptr_t)a - s->start) / 64 >> RUN_BUCKET_SHIFT];
	ASSERT(sl != 0, "a's run has a record");
	struct mid_run *ra = &s->mx->run[sl - 1];
	ASSERT(ra->len == 10 && ra->prev != RUN_NONE, "a's run second on its list");
	uint32_t was = ra->prev;
	ra->prev = RUN_NONE;
	EXPECT(malloc_check_heap() != 0, "the heap walk sees the broken back link");
	ra->prev = was;
	HEAP_OK();
	im_free(pin);
	im_free(pin2);
	HEAP_OK();
}

/*
 * A new mid span takes a shorter free run of the heap (here 8 pages, the
 * only free run of 5 or more) when none of the 16 pages it wants is free:
 * with the break refused, the old rule (16 pages, else 4) put a 4-page
 * span there.
 */
static void t_mid_span_takes_a_hole(void)
{
	enum { N = 4000 };
	static char *runs[N], *mids[N];
	int nr = 0, nm = 0;
	im_malloc_trim(0);
	while (nm < 3) /* a 4-page and an 8-page mid span, full: the next one wants 16 */
		ASSERT((mids[nm++] = im_malloc(16384)) != NULL);
	while (nr < 40)
		ASSERT((runs[nr++] = im_malloc(8 * 4096 - 64)) != NULL);
	im_os_refuse_sbrk = im_os_refuse_mmap = 1; /* no memory to grow into */
	while (nr < N && (runs[nr] = im_malloc(8 * 4096 - 64)) != NULL)
		nr++; /* every free run of 8 pages or more used up */
	while (nr < N && (runs[nr] = im_malloc(5 * 4096 - 64)) != NULL)
		nr++; /* and of 5 or more */
	char *hole = runs[20];
	runs[20] = NULL;
	im_free(hole); /* between two runs: a free run of 8 pages */
	struct span *in_hole = NULL;
	while (nm < N && !in_hole && (mids[nm] = im_malloc(16384)) != NULL) {
		struct span *s = malloc_debug_span_of(mids[nm++]);
		if ((uintptr_t)hole <= s->start && s->start < (uintptr_t)hole + 8 * 4096)
			in_hole = s;
	}
	im_os_refuse_sbrk = im_os_refuse_mmap = 0;
	EXPECT(nr < N && in_hole && in_hole->tag == TAG_MID && in_hole->npages == 8,
	       "the new mid span is the whole 8-page hole");
	HEAP_OK();
	for (int i = 0; i < nm; i++)
		im_free(mids[i]);
	for (int i = 0; i < nr; i++)
		im_free(runs[i]);
	HEAP_OK();
}

/*
 * A block's length is kept in a byte (its length less one: 256 granules
 * at most): a block of 240 granules at the start of a fresh 16-page span,
 * grown in place by one granule, takes headroom up to 256 granules, not
 * the eighth more (271) that would overflow its byte; and the heap walk
 * finds a length byte that disagrees with the bitmaps.
 */
static void t_mid_length_bytes(void)
{
	enum { N = 8 };
	char *blk[N], *a = NULL;
	int n = 0;
	im_malloc_trim(0);
	while (n < N && !a) { /* spans of 4, 8 and 16 pages: the 16-page one's first block */
		ASSERT((blk[n] = im_malloc(240 * 64)) != NULL);
		struct span *s = malloc_debug_span_of(blk[n]);
		if (s->nslots == 1024 && (uintptr_t)blk[n] == s->start)
			a = blk[n];
		n++;
	}
	ASSERT(a, "a block of 240 granules first in a 16-page span");
	ASSERT(im_realloc(a, 241 * 64) == a, "grown in place");
	EXPECT_EQ(im_malloc_usable_size(a), (size_t)256 * 64,
		  "the headroom stops at the longest mid block");
	HEAP_OK();
	struct span *s = malloc_debug_span_of(a);
	uint8_t *len = s->mx->len;
	ASSERT(len[0] == 255, "its length byte says 256 granules");
	len[0] = 200;
	EXPECT(malloc_check_heap() != 0, "the heap walk sees a length byte that lies");
	len[0] = 255;
	HEAP_OK();
	for (int i = 0; i < n; i++)
		im_free(blk[i]);
	HEAP_OK();
}

enum { ROW = 12 };

/* A new mid span (the kept empty ones given back first) holding ROW
 * blocks of 16 granules side by side at p, and free granules after them;
 * returns it, or NULL if they are not so. */
static struct span *row_of_blocks(char **p)
{
	im_malloc_trim(0);
	for (int i = 0; i < ROW; i++)
		if (!(p[i] = im_malloc(1000)))
			return NULL;
	struct span *s = malloc_debug_span_of(p[0]);
	for (int i = 1; i < ROW; i++)
		if (malloc_debug_span_of(p[i]) != s || p[i] != p[i - 1] + 1024)
			return NULL;
	return s;
}

/*
 * A span's index has records for as many free runs as it has had at
 * once: 4 while it has had no more, doubled for the fifth run, each run
 * still on its list (the heap walk checks every link) after the move.
 */
static void t_mid_index_grows(void)
{
	char *p[ROW];
	struct span *s = row_of_blocks(p);
	ASSERT(s, "one mid span holds the row of blocks, side by side");
	EXPECT_EQ(s->mx->cap, 4, "a span with one free run: an index of 4 records");
	for (int i = 0; i < 8; i += 2)
		im_free(p[i]); /* 4 runs of 16 granules, and the span's rest: 5 */
	HEAP_OK();
	EXPECT_EQ(s->mx->nruns, 5);
	EXPECT_EQ(s->mx->cap, 8, "the fifth run moved the index to one of 8");
	uint8_t *slot = s->mx->slot, *spare = &slot[(4 * 16 - 1) >> RUN_BUCKET_SHIFT];
	ASSERT(slot[0] && !*spare, "p[0]'s run has a bucket, p[3]'s last granule none");
	*spare = slot[0]; /* a bucket naming another bucket's record */
	EXPECT(malloc_check_heap() != 0, "the heap walk sees a bucket naming another's record");
	*spare = 0;
	HEAP_OK();
	char *q = im_malloc(1000);
	EXPECT(q == p[6],
	       "the newest run of 16 granules serves a block of 16 (its handle is true)");
	p[6] = q;
	for (int i = 1; i < ROW; i++)
		if (i % 2 || i >= 6)
			im_free(p[i]);
	HEAP_OK();
}

/*
 * free when the index is full and there is no memory to grow it (every
 * mapping refused, the pools empty): the block stays live, counted by
 * malloc_stats, and the heap walk finds the heap whole; once memory comes
 * back, the next free grows the index as usual.
 */
static void t_mid_free_without_memory(void)
{
	char *p[ROW];
	struct span *s = row_of_blocks(p);
	ASSERT(s, "one mid span holds the row of blocks, side by side");
	for (int i = 0; i < 6; i += 2)
		im_free(p[i]); /* 3 runs and the rest: 4, the index full */
	ASSERT(s->mx->cap == 4 && s->mx->nruns == 4);
	struct pool saved = heap.mid_pool[1];
	char *fresh = heap.rec_fresh;
	heap.mid_pool[1].free = NULL;
	heap.rec_fresh = heap.rec_end;
	im_os_refuse_mmap = 1;
	size_t before = heap.unfreed_blocks;
	im_free(p[6]); /* a fifth run: no record for it */
	im_os_refuse_mmap = 0;
	heap.rec_fresh = fresh;
	heap.mid_pool[1] = saved;
	EXPECT_EQ(heap.unfreed_blocks, before + 1, "the block is left live, and counted");
	EXPECT(s->mx->cap == 4 && s->mx->nruns == 4, "the index is as it was");
	EXPECT_EQ(im_malloc_usable_size(p[6]), (size_t)1024);
	HEAP_OK();
	im_free(p[8]); /* memory again: the index grows */
	EXPECT(s->mx->cap == 8 && s->mx->nruns == 5);
	HEAP_OK();
	for (int i = 1; i < ROW; i++)
		if (i % 2 || i == 10)
			im_free(p[i]);
	HEAP_OK();
}

/* Carves the granules of span s from granule `from` on, up to `leave`
 * granules before its end, in blocks of more than 100 granules each (so
 * that none fits a hole of 100); returns how many blocks, into out[]. */
static int fill_span(struct span *s, uint32_t from, uint32_t leave, char **out)
{
	int n = 0;
	uint32_t r = s->nslots - from - leave;
	while (r > 0) {
		uint32_t piece = r > 256 + 101 ? 256 : r > 256 ? r - 101 : r;
		out[n] = im_malloc((size_t)piece * 64);
		EXPECT(out[n] && malloc_debug_span_of(out[n]) == s, "a piece of the same span");
		n++;
		r -= piece;
	}
	return n;
}

/*
 * A new block goes where its span has already held blocks (pages that may
 * be resident) rather than onto the untouched tail of another span, when
 * both free runs are of its length (mid.c: touched_run): the newest run of
 * the list is the untouched one, the one after it on used pages.
 */
static void t_mid_used_pages_first(void)
{
	im_malloc_trim(0); /* no dirty free page: the new spans are on fresh pages */
	char *a = im_malloc(6400), *b = im_malloc(6400), *rest1[8], *rest2[8];
	struct span *s1 = malloc_debug_span_of(a);
	ASSERT(s1 && malloc_debug_span_of(b) == s1 && a == (char *)s1->start && b == a + 6400 &&
		   s1->touched == 200,
	       "two blocks of 100 granules at the start of a span on fresh pages");
	int n1 = fill_span(s1, 200, 0, rest1);
	im_free(b); /* a hole of 100 granules where s1 has held blocks */
	char *d = im_malloc(16384);
	struct span *s2 = malloc_debug_span_of(d);
	ASSERT(s2 != s1 && d == (char *)s2->start && s2->touched == 256 && s2->nslots >= 256 + 202,
	       "a second span, on fresh pages, for a block the hole cannot hold");
	int n2 = fill_span(s2, 256, 100, rest2);
	uint16_t touched = s2->touched;
	ASSERT(touched == s2->nslots - 100, "s2 has 100 granules it never used, at its end");
	char *f = im_malloc(6400);
	ASSERT(f == b, "a block of 100 granules takes the hole on used pages");
	ASSERT(s2->touched == touched, "and s2's untouched granules stay untouched");
	HEAP_OK();
	im_free(f);
	im_free(a);
	im_free(d);
	for (int i = 0; i < n1; i++)
		im_free(rest1[i]);
	for (int i = 0; i < n2; i++)
		im_free(rest2[i]);
	im_malloc_trim(0);
	HEAP_OK();
}

/* Two empty mid spans are kept for the next blocks; a third goes back to
 * the page heap. */
static void t_mid_two_empty_spans_kept(void)
{
	im_malloc_trim(0);
	ASSERT(heap.mid_empty == 0, "no empty mid span after malloc_trim");
	uint32_t n0 = heap.mid_nspans;
	char *x[3], *rest[3][8];
	int n[3];
	for (int i = 0; i < 3; i++) { /* three spans, each filled */
		x[i] = im_malloc(16384);
		struct span *s = malloc_debug_span_of(x[i]);
		ASSERT(s && x[i] == (char *)s->start, "a block at the start of a new span");
		n[i] = fill_span(s, 256, 0, rest[i]);
	}
	ASSERT(heap.mid_nspans == n0 + 3, "three spans");
	for (int i = 0; i < 3; i++) {
		im_free(x[i]);
		for (int j = 0; j < n[i]; j++)
			im_free(rest[i][j]);
	}
	ASSERT(heap.mid_empty == 2 && heap.mid_nspans == n0 + 2,
	       "two kept empty, the third given back");
	HEAP_OK();
	char *y = im_malloc(16384);
	ASSERT(heap.mid_nspans == n0 + 2 && heap.mid_empty == 1,
	       "the next block takes a kept span");
	im_free(y);
	im_malloc_trim(0);
	ASSERT(heap.mid_empty == 0, "malloc_trim gives the kept spans back");
	HEAP_OK();
}

static const struct ktap_case tests[] = {
    {"mid_used_pages_first", t_mid_used_pages_first}, /* first: a fresh heap */
    {"mid_two_empty_spans_kept", t_mid_two_empty_spans_kept},
    {"mid_freed_neighbours_coalesce", t_mid_coalescing},
    {"mid_best_fit", t_mid_best_fit},
    {"mid_best_fit_across_spans", t_mid_best_fit_across_spans},
    {"mid_long_runs_merge", t_mid_long_runs_merge},
    {"mid_run_list_damage_found", t_mid_run_list_damage_found},
    {"mid_many_runs", t_mid_many_runs},
    {"mid_span_takes_a_hole", t_mid_span_takes_a_hole},
    {"mid_length_bytes", t_mid_length_bytes},
    {"mid_index_grows", t_mid_index_grows},
    {"mid_free_without_memory", t_mid_free_without_memory},
};

int main(void)
{
	return ktap_run_cases("malloc_mid", tests, sizeof tests / sizeof *tests);
}
