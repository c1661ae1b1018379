/*
 * mid_index.c - the mid spans' indexes (struct mid_index, heap.h), out of
 * the heap's pages in pools of their own, one for each size: 4 records,
 * 8, 16 ... 64 (RUN_RECORDS). A new span's index has room for 4 runs;
 * one that needs a fifth, a ninth ... moves to the next size
 * (index_grow), since a busy span has few free runs and most indexes
 * stay small (392 bytes where one record per bucket took 904).
 */
#include "malloc/heap.h"
#include "malloc/mid_runs.h"

/* The pool of the indexes with room for cap records (4 << i). */
static struct pool *index_pool(uint32_t cap)
{
	return &heap.mid_pool[__builtin_ctz(cap / INDEX_MIN_RECORDS)];
}

/* The size of an index with room for cap records. */
static size_t index_size(uint32_t cap)
{
	return sizeof(struct mid_index) + cap * sizeof(struct mid_run);
}

/* A new zeroed index with room for cap records, or NULL if there is no memory. */
struct mid_index *index_take(uint32_t cap)
{
	struct mid_index *x = pool_take(index_pool(cap), index_size(cap));
	if (x)
		x->cap = (uint8_t)cap;
	return x;
}

/* Gives index x back to its pool. */
void index_give(struct mid_index *x)
{
	pool_give(index_pool(x->cap), x);
}

/* A span whose free runs outnumber its records moves to an index twice
 * as big: its records keep their numbers (copied as they are), so the
 * handles on the run lists still name them. A span has at most 64 runs
 * (heap.h), so the biggest index never grows: a 65th run would mean a
 * damaged index, which run_add reports. */
bool index_grow(struct span *s)
{
	struct mid_index *x = s->mx;
	if (x->cap >= RUN_RECORDS)
		return true;
	struct mid_index *nx = index_take(2u * x->cap);
	if (!nx)
		return false;
	__builtin_memcpy(nx, x, index_size(x->cap));
	nx->cap = (uint8_t)(2u * x->cap);
	index_give(x);
	s->mx = nx;
	return true;
}
