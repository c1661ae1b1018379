/*
 * mid_runs.h - the free runs of the mid tier (mid.c; the heap walk's
 * checks in mid_check.c): each free run that can hold a block has a
 * record (struct mid_run, heap.h) in its span's index, found from the
 * bucket of its first granule (bucket_of, and the index's slot[]), and is
 * on the list of its length, shared by every mid span (heap.runs, with
 * heap.runmap saying which lists have runs). A list links records by
 * handle, not by pointer: a handle is the span's first page and the
 * record's number in its index, so a record is 12 bytes and needs no
 * fixing when the index moves to a bigger one (index_grow, mid_index.c).
 * Internal to the mid tier, and inline: these are the steps of every mid
 * malloc and free.
 */
#ifndef LIBC_MALLOC_MID_RUNS_H
#define LIBC_MALLOC_MID_RUNS_H

#include "malloc/bitmap.h"
#include "malloc/heap.h"
#include "malloc/pagemap.h"
#include "malloc/report.h"

#include <stdbool.h>
#include <stdint.h>

/* True if s is a sparse span (32-byte granules, one page, any small size). */
static inline bool is_sparse(const struct span *s)
{
	return s->gshift == SPARSE_GRAN_SHIFT;
}

/*
 * Most of these take sparse, true for a sparse span's run: a constant
 * where malloc and free call them (mid_alloc and mid_free know their
 * tier; sparse_alloc and sparse_free theirs), so that each tier's copy
 * has its own lists, buckets and shortest run folded in, with no test of
 * the span; is_sparse(s) where they are not hot.
 */

/* The shortest free run a span records: one that can hold a block. */
static inline uint32_t min_run(bool sparse)
{
	return sparse ? 1 : MID_MIN_GRANULES;
}

/* The list of a run of len granules (heap.runs, heap.h). */
static inline uint32_t list_of(bool sparse, uint32_t len)
{
	if (sparse)
		return len < RUN_SPARSE_TOP ? len : RUN_SPARSE_TOP;
	return len < RUN_MID_TOP - RUN_MID_FIRST + MID_MIN_GRANULES
		   ? RUN_MID_FIRST + len - MID_MIN_GRANULES
		   : RUN_MID_TOP;
}

/* The bucket of a run starting at granule g (heap.h: struct mid_index). */
static inline uint32_t bucket_of(bool sparse, uint32_t g)
{
	return g >> (sparse ? SPARSE_BUCKET_SHIFT : RUN_BUCKET_SHIFT);
}

/* The handle of record i of s (heap.h: struct mid_run). */
static inline uint32_t handle(const struct span *s, uint32_t i)
{
	return (uint32_t)page_index(s->start) << RUN_RECORD_BITS | i;
}

/* The span of the run handle h names. */
static inline struct span *span_of_run(uint32_t h)
{
	return pagemap.owner[h >> RUN_RECORD_BITS];
}

/* The record handle h names. The links are not checked here, on every
 * step of malloc and free (they are out of the heap's pages, as the
 * descriptors' bitmaps are, which no stray write through a block can
 * reach): the heap walk checks every one (mid_runs_listed), and carve
 * checks the record it takes against its span. */
static inline struct mid_run *run_of(uint32_t h)
{
	return &span_of_run(h)->mx->run[h & (RUN_RECORDS - 1)];
}

/* True if list l has a run. */
static inline bool list_busy(uint32_t l)
{
	return heap.runmap[l >> 6] >> (l & 63) & 1;
}

/* Puts run h (record r) first on the list of its length. An empty list's
 * head is RUN_NONE (mid_init), so the old head is read, not tested for. */
static inline void run_push(bool sparse, struct mid_run *r, uint32_t h)
{
	uint32_t l = list_of(sparse, r->len);
	r->prev = RUN_NONE;
	r->next = heap.runs[l];
	if (r->next != RUN_NONE)
		run_of(r->next)->prev = h;
	heap.runs[l] = h;
	heap.runmap[l >> 6] |= 1ull << (l & 63);
}

/* Takes run r off the list of its length. */
static inline void run_unlink(bool sparse, const struct mid_run *r)
{
	if (r->prev != RUN_NONE) {
		run_of(r->prev)->next = r->next;
	} else {
		uint32_t l = list_of(sparse, r->len);
		heap.runs[l] = r->next;
		if (r->next == RUN_NONE)
			heap.runmap[l >> 6] &= ~(1ull << (l & 63));
	}
	if (r->next != RUN_NONE)
		run_of(r->next)->prev = r->prev;
}

#pragma GCC visibility push(hidden)
/* A new zeroed index with room for cap records (4 << i), or NULL if there
 * is no memory (mid_index.c). */
struct mid_index *index_take(uint32_t cap) __asm__("__im_index_take");
/* Gives index x back to its pool. */
void index_give(struct mid_index *x) __asm__("__im_index_give");
/* Moves the index of s to one with room for twice its records, which
 * keep their numbers, so their handles stay true; false if there is no
 * memory for it. */
bool index_grow(struct span *s) __asm__("__im_index_grow");
#pragma GCC visibility pop

/* True if the index of s has a record free for one more run, after
 * growing it if need be; false if it is full and there is no memory to
 * grow it. */
static inline bool index_has_room(struct span *s)
{
	return s->mx->nruns < s->mx->cap || index_grow(s);
}

/* Records the free run [g, g + len) of s: on its list, in a free record of
 * its index (which has one: index_has_room), found from its bucket. */
static inline void run_add(struct span *s, uint32_t g, uint32_t len, const char *fn, bool sparse)
{
	struct mid_index *x = s->mx;
	uint32_t b = bucket_of(sparse, g);
	uint64_t unused = ~x->used;
	uint32_t i = unused ? (uint32_t)__builtin_ctzll(unused) : RUN_RECORDS;
	if (x->slot[b] || i >= x->cap)
		heap_error(E_CORRUPT, fn, (void *)s->start,
			   "two free runs of a mid span share a bucket, or its index is full");
	x->used |= 1ull << i;
	x->slot[b] = (uint8_t)(i + 1);
	x->starts |= 1ull << b;
	struct mid_run *r = &x->run[i];
	r->start = (uint16_t)g;
	r->len = (uint16_t)len; /* at most 1024 granules (heap.h) */
	run_push(sparse, r, handle(s, i));
	x->nruns++;
}

/* Forgets the run in record i of s: off its list, its record and its
 * bucket free. */
static inline void run_drop(struct span *s, uint32_t i, bool sparse)
{
	struct mid_index *x = s->mx;
	struct mid_run *r = &x->run[i];
	uint32_t b = bucket_of(sparse, r->start);
	run_unlink(sparse, r);
	x->used &= ~(1ull << i);
	x->slot[b] = 0;
	x->starts &= ~(1ull << b);
	r->len = 0;
	x->nruns--;
}

/* Record i of s now records the free run [g, g + len), which has taken the
 * place of the one it recorded (a run carved from its front, or merged
 * with a freed block): the same record, moved to g's bucket and to the
 * list of its new length, so nothing is counted or searched again. */
static inline __attribute__((always_inline)) void
run_move(struct span *s, uint32_t i, uint32_t g, uint32_t len, const char *fn, bool sparse)
{
	struct mid_index *x = s->mx;
	struct mid_run *r = &x->run[i];
	uint32_t from = bucket_of(sparse, r->start), to = bucket_of(sparse, g);
	run_unlink(sparse, r);
	if (from != to) {
		if (x->slot[to])
			heap_error(E_CORRUPT, fn, (void *)s->start,
				   "two free runs of a mid span share a bucket");
		x->slot[from] = 0;
		x->slot[to] = (uint8_t)(i + 1);
		x->starts ^= 1ull << from | 1ull << to;
	}
	r->start = (uint16_t)g;
	r->len = (uint16_t)len;
	run_push(sparse, r, handle(s, i));
}

/* Ends the program: the free-run records of s and its bitmap disagree. */
static inline __attribute__((noreturn)) void runs_disagree(const struct span *s, const char *fn)
{
	heap_error(E_CORRUPT, fn, (void *)s->start,
		   "a mid span's free-run records disagree with its bitmap");
}

/* The record number of the free run of s starting at granule g; ends the
 * program if it has none (the records and the bitmap disagree: a damaged
 * record). */
static inline uint32_t run_at(const struct span *s, uint32_t g, const char *fn, bool sparse)
{
	const struct mid_index *x = s->mx;
	uint32_t i = x->slot[bucket_of(sparse, g)] - 1u; /* UINT32_MAX: none */
	if (i >= x->cap || x->run[i].start != g || !x->run[i].len)
		runs_disagree(s, fn);
	return i;
}

/*
 * The end of the free run of s that starts at granule g (g if granule g
 * is live, or past the span). Most runs end in g's word of the bitmap,
 * one step; a run that goes on past it may be long, and if it has a
 * record (one that can hold a block), found from g's bucket, its end is
 * read there instead of searched for, so a long run costs no more than a
 * short one.
 */
static inline __attribute__((always_inline)) uint32_t run_end_from(const struct span *s, uint32_t g,
								   const char *fn, bool sparse)
{
	uint32_t n = s->nslots;
	if (g >= n)
		return g;
	uint64_t x = ~s->bits[g >> 6] >> (g & 63);
	if (likely(x)) {
		uint32_t e = g + (uint32_t)__builtin_ctzll(x);
		return e < n ? e : n;
	}
	const struct mid_index *ix = s->mx;
	uint32_t i = ix->slot[bucket_of(sparse, g)] - 1u; /* UINT32_MAX: none */
	if (i < ix->cap && ix->run[i].start == g && ix->run[i].len) {
		uint32_t e = g + ix->run[i].len;
		if (e > n || (e < n && bit(s->bits, e)))
			runs_disagree(s, fn);
		return e;
	}
	uint32_t e = find_zero(s->bits, g, n);
	if (e - g >= min_run(sparse))
		runs_disagree(s, fn); /* long enough to have a record, and has none */
	return e;
}

/*
 * The start of the free run of s that ends just before granule g (g if
 * granule g - 1 is live, or g is 0): as run_end_from, in g - 1's word of
 * the bitmap if the run starts there, else from its record, if it has
 * one. That record is the one of the last bucket at or below g - 1's in
 * which a recorded run starts (index.starts), unless the run there starts
 * after g, past the live block at g: then it is the one of the bucket
 * before that: the recorded run ending at g starts at g - 9 or before,
 * one after the block at g starts at g + 9 or after, at least 18
 * granules apart, so in different buckets of 16 (in a sparse span, g - 1
 * and g + 1, 2 apart, in different buckets of 2).
 */
static inline __attribute__((always_inline)) uint32_t
run_start_before(const struct span *s, uint32_t g, const char *fn, bool sparse)
{
	if (g == 0)
		return 0;
	uint32_t b = (g - 1) & 63;
	uint64_t x = ~s->bits[(g - 1) >> 6] << (63 - b); /* bit g-1 at bit 63 */
	if (likely(x))
		return g - (uint32_t)__builtin_clzll(x);
	const struct mid_index *ix = s->mx;
	uint64_t below = ix->starts & (~0ull >> (63 - bucket_of(sparse, g - 1))); /* buckets 0 .. */
	for (int step = 0; below && step < 2; step++) {
		uint32_t top = 63u - (uint32_t)__builtin_clzll(below), i = ix->slot[top] - 1u;
		if (i >= ix->cap)
			runs_disagree(s, fn);
		const struct mid_run *r = &ix->run[i];
		if (r->start < g) {
			if (r->start + r->len != g)
				break; /* the run before g is too short to have a record */
			if (!bit(s->bits, r->start) || (r->start && bit(s->bits, r->start - 1u)))
				runs_disagree(s, fn);
			return r->start;
		}
		below &= ~(1ull << top);
	}
	uint32_t lo = run_start_back(s->bits, g);
	if (g - lo >= min_run(sparse))
		runs_disagree(s, fn); /* long enough to have a record, and has none */
	return lo;
}

#endif
