/*
 * mid_check.c - the heap walk's checks of the mid tier (check.c): that
 * each span's index records exactly the free runs its bitmap has and
 * the length of each live block, and that the run lists hold every record
 * once, on the list of its length, linked both ways. Not on any path of
 * malloc or free, which trust the records (mid_runs.h: run_of) and the
 * length bytes (mid.h: mid_len) and leave their proof to this walk.
 */
#include "malloc/bitmap.h"
#include "malloc/heap.h"
#include "malloc/mid.h"
#include "malloc/mid_runs.h"
#include "malloc/pagemap.h"

bool mid_index_matches(const struct span *s)
{
	const struct mid_index *x = s->mx;
	bool sparse = is_sparse(s);
	uint32_t n = s->nslots, runs = 0, used = 0;
	if (x->cap < INDEX_MIN_RECORDS || x->cap > RUN_RECORDS || (x->cap & (x->cap - 1)) ||
	    (x->cap < RUN_RECORDS && x->used >> x->cap))
		return false; /* not a size an index has, or a record beyond it in use */
	for (uint32_t i = 0; i < x->cap; i++) {
		const struct mid_run *r = &x->run[i];
		if ((x->used >> i & 1) != (r->len != 0))
			return false; /* in use with no run, or a run not marked in use */
		if (r->len &&
		    (r->start + r->len > n || x->slot[bucket_of(sparse, r->start)] != i + 1))
			return false; /* past the span, or its bucket does not name it */
		used += r->len != 0;
	}
	for (uint32_t b = 0; b < RUN_BUCKETS; b++) {
		if (x->slot[b] && (x->slot[b] > x->cap || !x->run[x->slot[b] - 1].len ||
				   bucket_of(sparse, x->run[x->slot[b] - 1].start) != b))
			return false; /* a bucket naming a record not in use, or another bucket's */
		if ((x->starts >> b & 1) != (x->slot[b] != 0))
			return false; /* the mask of buckets with a run disagrees with them */
	}
	for (uint32_t i = find_one(s->bits, 0, n); i < n; i = find_one(s->bits, i, n)) {
		uint32_t e = find_zero(s->bits, i, n);
		if (e - i >= min_run(sparse)) {
			uint32_t sl = x->slot[bucket_of(sparse, i)];
			if (!sl || x->run[sl - 1].start != i || x->run[sl - 1].len != e - i)
				return false; /* a free run without its record */
			runs++;
		}
		i = e;
	}
	return runs == used && used == x->nruns;
}

bool mid_lengths_match(const struct span *s)
{
	if (is_sparse(s))
		return true; /* measured by its bitmaps */
	for (uint32_t g = find_one(s->mx->heads, 0, s->nslots); g < s->nslots;
	     g = find_one(s->mx->heads, g + 1, s->nslots)) {
		uint32_t len = mid_scanned_len(s, g);
		/* at least 9 granules, so that no two heads share a byte */
		if (len < MID_MIN_GRANULES || len > MID_MAX_GRANULES || mid_len(s, g) != len)
			return false;
	}
	return true;
}

bool mid_runs_listed(uint32_t runs)
{
	uint32_t listed = 0;
	for (uint32_t w = 0; w < sizeof heap.runmap / sizeof heap.runmap[0]; w++)
		if (w * 64 + 64 > RUN_LISTS && heap.runmap[w] >> (RUN_LISTS - w * 64))
			return false; /* a bit for a list there is not */
	for (uint32_t l = 0; l < RUN_LISTS; l++) {
		if (list_busy(l) != (heap.runs[l] != RUN_NONE))
			return false; /* marked as having runs, empty, or the other way */
		uint32_t prev = RUN_NONE;
		for (uint32_t h = list_busy(l) ? heap.runs[l] : RUN_NONE; h != RUN_NONE;
		     prev = h, h = span_of_run(h)->mx->run[h & (RUN_RECORDS - 1)].next) {
			const struct span *s =
			    (h >> RUN_RECORD_BITS) < pagemap.npages ? span_of_run(h) : NULL;
			if (++listed > runs || !s || s->tag != TAG_MID || !s->mx ||
			    (h >> RUN_RECORD_BITS) != page_index(s->start) ||
			    (h & (RUN_RECORDS - 1)) >= s->mx->cap)
				return false; /* a cycle, or not a mid span's run */
			const struct mid_run *r = &s->mx->run[h & (RUN_RECORDS - 1)];
			if (!r->len || list_of(is_sparse(s), r->len) != l || r->prev != prev)
				return false; /* not in use, on the wrong list, or mislinked */
		}
	}
	return listed == runs;
}
