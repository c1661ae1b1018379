/*
 * mid_runs.h - the free runs of the mid tier (mid.c; the heap walk's
 * checks in mid_check.c): each free run that can hold a block has a
 * record (struct mid_run, heap.h) in its span's index, at the slot of its
 * first granule (record_of), and is on the list of its length, shared by
 * every mid span (heap.runs, with heap.runmap saying which lists have
 * runs). A list links records by handle, not by pointer: a handle is the
 * span's first page and the record's slot, so records stay 10 bytes (the
 * two links; the run's length and where in its slot's 16 granules it
 * starts, in one word) and need no fixing when anything moves. Internal to the mid tier, and
 * inline: these are the steps of every mid malloc and free.
 */
#ifndef LIBC_MALLOC_MID_RUNS_H
#define LIBC_MALLOC_MID_RUNS_H

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

/* The index of the record of a run starting at granule g. */
static inline uint32_t record_of(bool sparse, uint32_t g)
{
	return g >> (sparse ? SPARSE_BUCKET_SHIFT : RUN_BUCKET_SHIFT);
}

/* The length of the run record r holds; 0 if it holds none. */
static inline uint32_t run_len(const struct mid_run *r)
{
	return (uint32_t)r->len_at >> RUN_BUCKET_SHIFT;
}

/* The first granule of the run recorded in record i, r. */
static inline uint32_t run_start(const struct mid_run *r, uint32_t i, bool sparse)
{
	return i << (sparse ? SPARSE_BUCKET_SHIFT : RUN_BUCKET_SHIFT) |
	       (r->len_at & ((1u << RUN_BUCKET_SHIFT) - 1));
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
	uint32_t l = list_of(sparse, run_len(r));
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
		uint32_t l = list_of(sparse, run_len(r));
		heap.runs[l] = r->next;
		if (r->next == RUN_NONE)
			heap.runmap[l >> 6] &= ~(1ull << (l & 63));
	}
	if (r->next != RUN_NONE)
		run_of(r->next)->prev = r->prev;
}

/* Records the free run [g, g + len) of s: on its list, in its record. */
static inline void run_add(struct span *s, uint32_t g, uint32_t len, const char *fn, bool sparse)
{
	uint32_t i = record_of(sparse, g);
	struct mid_run *r = &s->mx->run[i];
	if (r->len_at)
		heap_error(E_CORRUPT, fn, (void *)s->start,
			   "two free runs of a mid span share a record");
	/* len is at most 1024 granules (heap.h) */
	r->len_at =
	    (uint16_t)(len << RUN_BUCKET_SHIFT |
		       (g & ((1u << (sparse ? SPARSE_BUCKET_SHIFT : RUN_BUCKET_SHIFT)) - 1)));
	run_push(sparse, r, handle(s, i));
	s->mx->nruns++;
}

/* Forgets run r of s: off its list, its record free. */
static inline void run_drop(struct span *s, struct mid_run *r, bool sparse)
{
	run_unlink(sparse, r);
	r->len_at = 0;
	s->mx->nruns--;
}

/* The record of the free run of s starting at granule g; ends the program
 * if it has none (the records and the bitmap disagree: a damaged record). */
static inline struct mid_run *run_at(const struct span *s, uint32_t g, const char *fn, bool sparse)
{
	struct mid_run *r = &s->mx->run[record_of(sparse, g)];
	if (run_start(r, record_of(sparse, g), sparse) != g || !run_len(r))
		heap_error(E_CORRUPT, fn, (void *)s->start,
			   "a mid span's free-run records disagree with its bitmap");
	return r;
}

/* The records of the index of s: one for each of its buckets. */
static inline uint32_t index_records(const struct span *s)
{
	return s->nslots >> (is_sparse(s) ? SPARSE_BUCKET_SHIFT : RUN_BUCKET_SHIFT);
}

#endif
