/*
 * heap.h - the heap state and the descriptor every layer above the page
 * map works with: the constants, struct span (one descriptor per span,
 * page run, free run or mmapped block), the size-class table's entries,
 * and `heap`, the one struct heap_state of the process, defined in
 * core.c. The layers and their order: the opening comment of malloc.c.
 */
#ifndef LIBC_MALLOC_HEAP_H
#define LIBC_MALLOC_HEAP_H

#include "malloc/os.h"
#include "malloc/pagemap.h"
#include "malloc/report.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define SMALL_MAX 16384	 /* largest small size class */
#define MID_MIN 512	 /* requests above this, up to SMALL_MAX, are mid blocks (mid.c) */
#define MID_GRAN_SHIFT 6 /* mid blocks are whole 64-byte granules */
#define MID_MIN_PAGES 4	 /* a mid span: 4..16 pages, 256..1024 granules */
#define MID_MAX_PAGES 16
#define MID_HOLE_PAGES 2		    /* ... or down to 2 when cut from a hole (mid.c) */
#define MID_KEEP_EMPTY 2		    /* empty mid spans kept for reuse (mid.c: mid_free) */
#define MID_MIN_GRANULES (MID_MIN / 64 + 1) /* 9: the smallest live mid block */
#define MID_MAX_GRANULES (SMALL_MAX >> MID_GRAN_SHIFT) /* 256: the longest */
/* A size class's first blocks, while it has no span of its own, come from a
 * sparse span (mid.c): one page of 32-byte granules shared by every size
 * (so a page holds at most 64 free runs), up to 768
 * bytes live of each block length in granules (small.c: sparse_takes). */
#define SMALL_SPARSE_MAX 512 /* the largest block a sparse span serves */
#define SPARSE_GRAN_SHIFT 5
#define SPARSE_GRANULES (PAGE >> SPARSE_GRAN_SHIFT)	  /* 128 */
#define SPARSE_BUCKET_GRANULES (768 >> SPARSE_GRAN_SHIFT) /* 24 */
/* A class that has taken SPARSE_CHURN blocks from sparse spans is in
 * steady use, not asking "a few times": it gets spans of its own (small.c:
 * sparse_takes). */
#define SPARSE_CHURN 64
/* Before the heap grows, a class's kept empty span goes back to the page
 * heap only if it has been empty for KEPT_IDLE ticks of heap.clock (small.c:
 * small_release_idle). */
#define KEPT_IDLE 8
#define SPARSE_MAX_BLOCK_GRANULES (SMALL_SPARSE_MAX >> SPARSE_GRAN_SHIFT) /* 16 */
/* The free-run lists (heap.runs, mid_runs.h), one per run length: a sparse
 * span's runs of 1..16 granules on lists 1..16, longer ones (any of them
 * holds any sparse block) on 17; a mid span's runs of 9..256 granules on
 * lists 18..265, longer ones on 266. */
#define RUN_SPARSE_TOP (SPARSE_MAX_BLOCK_GRANULES + 1) /* 17 */
#define RUN_MID_FIRST (RUN_SPARSE_TOP + 1)	       /* 18: the list of 9 granules */
#define RUN_MID_TOP (RUN_MID_FIRST + (SMALL_MAX >> MID_GRAN_SHIFT) + 1 - MID_MIN_GRANULES) /* 266 */
#define RUN_LISTS (RUN_MID_TOP + 1)
#define NCLASS 81     /* classes 1..80; 0 unused */
#define MAXSLOTS 1024 /* bitmap bits per span */
#define BITWORDS (MAXSLOTS / 64)
#define GROW_MIN_PAGES 8     /* 32 KiB */
#define GROW_MAX_PAGES 16384 /* 64 MiB */
#define TOP_PAD_PAGES 256    /* kept at the top when trimming */
#define MMAP_THRESHOLD_INIT (128u << 10)
#define MMAP_THRESHOLD_MAX (32u << 20)
#define TRIM_THRESHOLD_INIT (2u << 20)
#define TRIM_THRESHOLD_MAX (64u << 20) /* raised up to this by premature trims */
#define IDLE_AGE 4096		       /* page-heap operations */
#define DIRTY_FLOOR_PAGES 256	       /* 1 MiB of dirty free pages always kept */
#define DIRTY_HARD_PAGES 16384	       /* 64 MiB */
#define TOUCH_AGE_INIT 32	 /* slow-path events (heap.clock): pages_touching's idle age */
#define TOUCH_AGE_MAX (1u << 20) /* ... raised up to this by refaults */
#define TOUCH_BATCH_PAGES 16	 /* pages_touching gives back at least this many at once */
#define TOUCH_MIN_RUN_PAGES 4	 /* ... from runs of at least this many dirty pages */
#define NBINS 353
#define MAX_ALLOC ((size_t)PTRDIFF_MAX - (64u << 20))

/* Descriptor tags: kind in the low byte, a magic in the rest. */
#define TAG_SMALL 0x5ba11c01u
#define TAG_RUN 0x5ba11c02u
#define TAG_FREE 0x5ba11c03u
#define TAG_LARGE 0x5ba11c04u
#define TAG_UNUSED 0x5ba11c05u
#define TAG_MID 0x5ba11c06u
#define TAG_GAP 0x5ba11c07u /* address space in the heap that is not its own (grow.c) */

struct mid_index;

struct span {
	/* hot: the small-block fast paths touch only these */
	uintptr_t start;	 /* first byte (page aligned) */
	uint32_t tag;		 /* TAG_* */
	uint32_t size;		 /* small: block size */
	uint64_t recip;		 /* small: ceil(2^64 / size) (small.h: small_slot) */
	uint32_t nfree;		 /* small: free slots; MID: free granules */
	uint16_t cursor;	 /* small: no free bit in words below it */
	uint16_t nslots;	 /* small: slots; MID: granules (at most MAXSLOTS) */
	uint64_t bits[BITWORDS]; /* small: 1 = free slot; MID: 1 = free granule */
	/* cold */
	size_t npages;		    /* pages (LARGE: whole mapping) */
	size_t req;		    /* RUN/LARGE: bytes requested */
	size_t dirty;		    /* FREE: pages that may be resident */
	uint64_t freed_at;	    /* FREE: epoch */
	uint64_t quiet_at;	    /* FREE: heap.clock when it last gained dirty pages; */
				    /* small: when it last emptied (small_release_idle) */
	uint64_t released_at;	    /* FREE: heap.clock when pages_touching gave some back, or 0 */
	struct span *next, *prev;   /* class list / bin list / hash chain / pool */
	struct span *lnext, *lprev; /* FREE with dirty > 0: idle list, oldest first */
	uint8_t cls;		    /* small: class */
	uint8_t
	    listed; /* small: on the class list; FREE: in a bin; MID: 1 on heap.mid_spans, 2 on heap.sparse */
	uint8_t fresh; /* RUN, and a new span: pages known zero (not resident) */
	uint8_t
	    gshift; /* MID: log2 of its granule (MID_GRAN_SHIFT; a sparse span's: SPARSE_GRAN_SHIFT) */
	/* small: bitmap words, MID: granules, from the start, that have held a
	 * block (all of them if its pages came resident): the pages past them
	 * were never resident (pages.c: pages_touching) */
	uint16_t touched;
	struct mid_index *mx; /* MID: its block heads and free runs */
};

/*
 * A pool of records of one size kept out of the heap's pages (the
 * descriptors, the mid indexes, the checking modes' records): the freed
 * ones on a list (linked through their first word), then the never-used
 * rest of the latest 64 KiB mapping, taken in order. Every pool takes its
 * new records from that one mapping (pool_take), so only the pages of
 * records ever handed out are touched: a program with a few spans and a
 * few mid blocks keeps one page of records resident, not 64 KiB, nor one
 * page per kind of record.
 */
struct pool {
	void *free; /* records given back, a stack */
};

/*
 * A free run of a mid or sparse span long enough to serve a block (mid_runs.h):
 * on the list of its length (heap.runs), and recorded in its span's index
 * (struct mid_index), which has only as many records as the span has had
 * runs at once (a power of two, 4 to 64). The index finds a run's record
 * by the run's first granule: its bucket, the first granule >>
 * RUN_BUCKET_SHIFT (a sparse span's: >> SPARSE_BUCKET_SHIFT), has the
 * number of the record; two recorded runs of a span start at least 18
 * granules apart (2 in a sparse span), so no two share a bucket, and a
 * span has at most 64 buckets and 64 runs. Runs are named by a handle,
 * the span's page (its index in the page map) << 6 | the record's number;
 * RUN_NONE is none.
 */
#define RUN_BUCKET_SHIFT 4    /* 1024 granules, 64 buckets */
#define SPARSE_BUCKET_SHIFT 1 /* 128 granules, 64 buckets */
#define RUN_BUCKETS 64
#define RUN_RECORD_BITS 6 /* a handle's low bits: the record */
#define RUN_RECORDS (1u << RUN_RECORD_BITS)
#define INDEX_MIN_RECORDS 4 /* a new span's index has room for 4 runs */
#define RUN_NONE UINT32_MAX
_Static_assert(((uint64_t)MAX_HEAP_PAGES << RUN_RECORD_BITS) < RUN_NONE,
	       "a run's handle names any page of the heap");
_Static_assert((MID_MAX_PAGES * PAGE >> MID_GRAN_SHIFT >> RUN_BUCKET_SHIFT) == RUN_BUCKETS &&
		   (SPARSE_GRANULES >> SPARSE_BUCKET_SHIFT) == RUN_BUCKETS,
	       "a span has at most RUN_BUCKETS buckets, and runs");
struct mid_run {
	uint32_t next, prev; /* its list, as handles */
	uint16_t start, len; /* its first granule and its length (0: the record is not in use) */
};

/*
 * What a mid span keeps besides its free-granule bitmap (mid.c), out of the
 * heap's pages like every descriptor, in pools of their own (one for each
 * number of records), so that the descriptors of the other kinds do not
 * carry it: 344 bytes and 12 a record, 392 for a span that has had at
 * most 4 free runs at once (a 16-page span's index had a record for each
 * of its 64 buckets: 904 bytes).
 */
#define LEN_GROUP_SHIFT 3 /* a length byte for each 8 granules */
#define MID_LEN_BYTES (MID_MAX_PAGES * PAGE >> MID_GRAN_SHIFT >> LEN_GROUP_SHIFT)
struct mid_index {
	uint64_t heads[BITWORDS]; /* 1 = first granule of a live block */
	uint64_t used;		  /* bit i: run[i] records a run */
	uint64_t starts; /* bit b: slot[b] names a record (a recorded run starts in bucket b) */
	uint8_t nruns;	 /* its recorded free runs (the bits of used) */
	uint8_t cap;	 /* the records run[] has room for: 4, 8, 16, 32 or 64 */
	uint8_t slot[RUN_BUCKETS]; /* by bucket: the record of the run starting there + 1; 0 none */
	/* a mid span's length bytes (mid.h: mid_len), one for each 8 granules
	 * (1 << LEN_GROUP_SHIFT): the byte of a live block's head holds its
	 * length less one (a sparse span's blocks are measured by its bitmaps) */
	uint8_t len[MID_LEN_BYTES];
	struct mid_run run[]; /* cap records */
};
/* Two heads of a mid span are at least MID_MIN_GRANULES apart, so no two
 * share a group of 8 granules, nor its length byte. */
_Static_assert((1 << LEN_GROUP_SHIFT) < MID_MIN_GRANULES, "one mid head per length byte");
_Static_assert(MID_MAX_GRANULES <= 256, "a block's length less one fits its byte");

/* One size class: its geometry (set once by classes_init) and its spans. */
struct sclass {
	struct span *tail; /* the last of the class's spans with free slots (heap.cur: the first) */
	uint64_t recip;	   /* ceil(2^64 / size) (small.h: small_slot) */
	uint32_t size, pages, nslots; /* block size, pages of a full-size span, its slots */
	uint32_t minpages;     /* pages of the class's first span (>= 8 slots, little waste) */
	uint32_t nspans;       /* spans of this class, listed or full */
	uint32_t sparse_taken; /* blocks it took from sparse spans, ever (small.c: sparse_takes) */
};

/*
 * The heap state, one instance (`heap`, core.c), zero until heap_init.
 * The page map (pagemap.h) and what reports name (report.h) have their
 * own; everything else the allocator knows is here, by the layer that
 * owns it.
 */
struct heap_state {
	/* small blocks (small.c) */
	struct sclass cls[NCLASS]; /* the size classes, 1..80 */
	/* each class's list of spans with free slots, its head; apart from
	 * the class, so that malloc's fast path indexes it by the class */
	struct span *cur[NCLASS];
	/* mid blocks (mid.c) */
	struct span *mid_spans; /* every mid span, listed by next/prev */
	uint32_t mid_nspans;	/* ... how many */
	uint32_t mid_empty;	/* ... of which have no block (kept for reuse) */
	struct span *sparse;	/* the sparse spans (mid.c), listed by next/prev */
	uint32_t sparse_nspans; /* ... how many */
	/* granules live in sparse spans, by the blocks' length in granules */
	uint16_t sparse_live[SPARSE_MAX_BLOCK_GRANULES + 1];
	bool sparse_off; /* mallopt(M_SPARSE, 0): every class takes spans at once */
	/* blocks free left live for want of memory to grow their span's index
	 * (mid.c: free_granules), and their bytes: malloc_stats says them */
	size_t unfreed_blocks, unfreed_bytes;
	/* the mid indexes, by records: 4 << i (mid.c: index_pool) */
	struct pool mid_pool[RUN_RECORD_BITS - 1];
	/* the page heap (pages.c) */
	uint64_t binmap[(NBINS + 63) / 64]; /* bit b set: bins[b] is not empty */
	struct span *idle_head, *idle_tail; /* free runs with dirty pages, oldest first */
	size_t free_pages;		    /* pages in free runs */
	size_t dirty_pages;		    /* ... of which may be resident (not madvised) */
	uint64_t epoch;			    /* page-heap operations so far: the runs' clock */
	uint64_t clock;			    /* slow-path events so far: pages_touching's clock */
	uint64_t touch_age;    /* ... how long a dirty run idles before it gives it back */
	size_t trim_threshold; /* a free top run larger than this is given back */
	uint64_t trimmed_at;   /* epoch of the last trim on free since a growth, or 0 */
	size_t trimmed_bytes;  /* what trims on free gave back since then */
	/* mmapped blocks (large.c) */
	size_t mmap_threshold;	    /* requests this big get their own mmap */
	bool mmap_threshold_fixed;  /* set by mallopt: no longer raised by large_free */
	struct span **htab;	    /* their descriptors, hashed by address */
	size_t hsize, hcount;	    /* buckets (a power of two, or 0), entries */
	size_t large_bytes;	    /* bytes mapped for them */
	uintptr_t recent_large[16]; /* the last starts munmapped: names a double free */
	unsigned recent_i;	    /* next slot of recent_large (mod 16) */
	/* set-up and descriptors (core.c) */
	bool inited;	  /* heap_init succeeded */
	struct pool pool; /* the descriptors */
	/* the never-used part of the latest 64 KiB mapping of records, which
	 * every pool (the descriptors, the mid indexes, the checking modes'
	 * records) takes its new ones from (pool_take) */
	char *rec_fresh, *rec_end;
	/* the free runs of the mid and sparse spans, by length (mid_runs.h):
	 * runs[l], the handle of the newest run of list l (struct mid_run),
	 * RUN_NONE if it has none (mid_init); runmap bit l: list l is not
	 * empty. The sparse lists first, as a
	 * small program uses only those. */
	uint64_t runmap[(RUN_LISTS + 63) / 64];
	uint32_t runs[RUN_LISTS];
	/* the page heap's free runs by size (run_bin), best fit: last, as
	 * the bins of long runs, at its end, are used by big heaps only, so
	 * that a small program's heap state stays on fewer pages */
	struct span *bins[NBINS];
};
_Static_assert(offsetof(struct heap_state, bins) + NBINS * sizeof(struct span *) ==
		   sizeof(struct heap_state),
	       "the bins are the heap state's last field (see its comment)");

#pragma GCC visibility push(hidden)

extern struct heap_state heap __asm__("__im_heap");

/* core.c: sets up every layer on the first call (the size classes, the page
 * map, the break aligned to a page, the hash table); true once it has. */
bool heap_init(void) __asm__("__im_heap_init");
/* core.c: a zeroed record of size bytes from pool p (which grows by a
 * 64 KiB mapping), or NULL if that mapping failed. */
void *pool_take(struct pool *p, size_t size) __asm__("__im_pool_take");
/* core.c: a zeroed descriptor from the pool, or NULL. */
struct span *desc_alloc(void) __asm__("__im_desc_alloc");

#pragma GCC visibility pop

/* Sets errno to ENOMEM (the caller then returns NULL). */
static inline void enomem(void)
{
	im_os_set_enomem();
}

/* Ends the program with a report if descriptor s is not of kind tag:
 * every descriptor is checked when used, so a damaged one is named. */
static inline void check_tag(struct span *s, uint32_t tag, const char *fn, const void *p)
{
	if (unlikely(s->tag != tag))
		heap_error(E_CORRUPT, fn, p, "a heap descriptor's tag was overwritten");
}

/* Gives record x back to pool p. */
static inline void pool_give(struct pool *p, void *x)
{
	*(void **)x = p->free;
	p->free = x;
}

/* Gives descriptor d back to the pool (its tag says so to a stale pointer). */
static inline void desc_free(struct span *d)
{
	d->tag = TAG_UNUSED;
	pool_give(&heap.pool, d);
}

#endif
