/*
 * buddy.h - a binary buddy allocator of page frames (pure logic).
 *
 * It hands out blocks of 2^order contiguous frames, each aligned to its own
 * size (an order-9 block of 4 KiB frames starts on a 2 MiB boundary). It
 * knows frames only by their page frame number (pfn = physical address /
 * 4096) and keeps everything it knows about them in an array of struct
 * buddy_frame the caller provides, one per frame of the span it manages.
 * It never touches the frames themselves, so it compiles and is tested on
 * the host too (HOST_TEST), and a stray write into free memory cannot
 * corrupt it.
 *
 *   static struct buddy_frame meta[1024];
 *   struct buddy b;
 *   buddy_init(&b, meta, 0x100, 1024);       // may manage pfns 0x100..0x4ff
 *   buddy_add_range(&b, 0x100, 300);         // these are RAM
 *   buddy_add_range(&b, 0x300, 512);         // a hole in between stays out
 *   uint64_t pfn = buddy_alloc(&b, 2);       // 4 frames, or BUDDY_NONE
 *   buddy_free(&b, pfn, 2);
 *
 * Mistakes (double free, freeing a frame it does not own, a frame inside a
 * block, the wrong order, a misaligned frame) panic before anything is
 * changed. Running out of memory is not a mistake: it returns BUDDY_NONE.
 *
 * Single frames are cheap: up to BUDDY_UNMERGED_MAX freed order-0 frames
 * stay on the order-0 free list without being merged with their buddies
 * (like Linux's per-CPU page lists), so an alloc(0) + free(0) pair does not
 * split and re-merge a whole order-10 block. Such a frame is free in every
 * respect (state, counts, double-free detection); only the free block
 * counts per order can differ from the fully merged state until
 * buddy_drain() merges them. An allocation of order >= 1 that finds no
 * block drains first, so the cache never causes an out-of-memory.
 */
#ifndef MM_BUDDY_H
#define MM_BUDDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Orders 0..BUDDY_MAX_ORDER: 4 KiB up to 4 MiB blocks. */
#define BUDDY_MAX_ORDER 10
#define BUDDY_NUM_ORDERS (BUDDY_MAX_ORDER + 1)

/* Frames are 4 KiB; used only to print a frame's physical address. */
#define BUDDY_FRAME_SHIFT 12

/* buddy_alloc()'s answer when no block is free. */
#define BUDDY_NONE UINT64_MAX

/* "No frame" in the 32-bit links of the free lists. */
#define BUDDY_NIL UINT32_MAX

/*
 * At most this many freed order-0 frames are kept unmerged. 32 frames
 * (128 KiB) covers the runs of single-frame allocations and frees that a
 * single-CPU kernel makes back to back (a slab grown and shrunk, a page
 * table built and torn down, a process's first pages), which is what makes
 * the pair cheap; it bounds what the cache can hold back from merging to
 * 128 KiB, and the cost of buddy_drain() to 32 merges (Linux's per-CPU
 * lists use a similar batch of 31..63 pages). A power of two is not needed.
 */
#define BUDDY_UNMERGED_MAX 32

/* buddy_frame.flags: a free order-0 frame freed without being merged. */
#define BUDDY_FLAG_UNMERGED 0x1

/* What one frame currently is. */
enum buddy_state {
	BUDDY_RESERVED = 0, /* not managed: outside the RAM added, or a hole */
	BUDDY_FREE,	    /* first frame of a free block (on a free list) */
	BUDDY_ALLOCATED,    /* first frame of an allocated block */
	BUDDY_TAIL,	    /* any other frame of a block, free or allocated */
};

/*
 * What the allocator knows about one frame (24 bytes). Only the first frame
 * of a block ("head") has a meaningful order, links, flags and owner; the
 * others are BUDDY_TAIL. The links are frame indices (pfn - base) so they
 * fit in 32 bits.
 */
struct buddy_frame {
	uint32_t next, prev; /* free list of this block's order, BUDDY_NIL-ended */
	uint8_t state;	     /* enum buddy_state */
	uint8_t order;	     /* of the block this frame heads */
	uint16_t flags;	     /* BUDDY_FLAG_UNMERGED or 0 */
	void *owner;	     /* the block's user's (e.g. the kernel heap's slab); head only */
};

struct buddy {
	struct buddy_frame *frames; /* frames[i] describes pfn base + i */
	uint64_t base;		    /* first pfn the array describes */
	uint64_t nframes;	    /* how many it describes */
	uint32_t free_head[BUDDY_NUM_ORDERS];
	uint32_t free_tail[BUDDY_NUM_ORDERS];
	uint64_t free_blocks[BUDDY_NUM_ORDERS];
	uint64_t unmerged; /* order-0 frames freed unmerged, <= BUDDY_UNMERGED_MAX */
	uint64_t free_frames;
	uint64_t allocated_frames;
	uint64_t managed_frames; /* added by buddy_add_range: free + allocated */
};

/*
 * Prepares b to manage frames of the pfns [base, base + nframes), all
 * reserved at first, keeping its metadata in frames[0..nframes-1]. nframes
 * must fit in 32 bits (16 TiB of 4 KiB frames).
 */
void buddy_init(struct buddy *b, struct buddy_frame *frames, uint64_t base, uint64_t nframes);

/*
 * Hands the frames [first, first + count) to the allocator as free memory.
 * They must lie in the span given to buddy_init and not be managed yet.
 */
void buddy_add_range(struct buddy *b, uint64_t first, uint64_t count);

/*
 * Returns the first pfn of a free 2^order-frame block, now allocated, or
 * BUDDY_NONE if there is none (out of memory, or order > BUDDY_MAX_ORDER).
 * Order 0 takes the most recently freed frame first (LIFO). Order >= 1
 * drains the unmerged frames before giving up, so it fails only when the
 * fully merged allocator would; a failure changes no count.
 */
uint64_t buddy_alloc(struct buddy *b, unsigned order);

/*
 * Gives back the block of 2^order frames at pfn, which buddy_alloc
 * returned. An order-0 frame is kept unmerged while fewer than
 * BUDDY_UNMERGED_MAX are; anything else is merged with its free buddies.
 */
void buddy_free(struct buddy *b, uint64_t pfn, unsigned order);

/*
 * Merges every unmerged order-0 frame with its free buddies, leaving the
 * allocator fully coalesced: the same state, block for block, as if every
 * free had merged. Costs at most BUDDY_UNMERGED_MAX merges.
 */
void buddy_drain(struct buddy *b);

/*
 * Returns the owner slot of the block containing the managed frame pfn, or
 * NULL if pfn is not managed. A block has one slot, its head's: every frame
 * of the block returns the same one (so a user may tag each page, or only
 * the first). The slot is NULL whenever the block is free, so it is NULL
 * when the block is handed out; buddy_free clears it, so no owner outlives
 * its block. O(1) for a head, O(order) for another frame.
 */
void **buddy_owner_slot_of_tail(struct buddy *b, uint64_t pfn);
static inline void **buddy_owner_slot(struct buddy *b, uint64_t pfn)
{
	/* Inline for the common case, a block's head (every kfree asks). */
	uint64_t i = pfn - b->base;
	if (i >= b->nframes)
		return NULL;
	struct buddy_frame *f = &b->frames[i];
	if (f->state == BUDDY_ALLOCATED || f->state == BUDDY_FREE)
		return &f->owner;
	return buddy_owner_slot_of_tail(b, pfn);
}

/*
 * Returns the owner of the allocated block whose first frame is pfn, or
 * NULL for any other frame (a later frame of a block, a free or reserved
 * frame, one outside the span). Never looks further than pfn's own entry:
 * one comparison and two loads, for a caller's fast path that can fall
 * back on buddy_owner_slot when the answer is NULL.
 */
static inline void *buddy_head_owner(const struct buddy *b, uint64_t pfn)
{
	uint64_t i = pfn - b->base; /* below base: wraps beyond nframes */
	if (i >= b->nframes)
		return NULL;
	const struct buddy_frame *f = &b->frames[i];
	return f->state == BUDDY_ALLOCATED ? f->owner : NULL;
}

/* Returns true if pfn is a frame the allocator manages (free or not). */
bool buddy_is_managed(const struct buddy *b, uint64_t pfn);

/* Returns the order of the allocated block starting at pfn, or -1 if no
 * allocated block starts there. */
int buddy_allocated_order(const struct buddy *b, uint64_t pfn);

/* Returns true if pfn lies in an allocated block (as its head or a tail
 * frame): in use, so something may map it. */
bool buddy_in_allocated_block(const struct buddy *b, uint64_t pfn);

/* Accounting, all exact. */
uint64_t buddy_free_frames(const struct buddy *b);
uint64_t buddy_allocated_frames(const struct buddy *b);
uint64_t buddy_managed_frames(const struct buddy *b);
uint64_t buddy_free_blocks(const struct buddy *b, unsigned order);

/* Returns the number of free order-0 frames not merged yet (<= BUDDY_UNMERGED_MAX). */
uint64_t buddy_unmerged_frames(const struct buddy *b);

/*
 * Checks every invariant: free lists well linked (both ways, head and
 * tail), blocks aligned and complete, counts exact, and owners only on the
 * heads of allocated blocks. Coalescing is relaxed for the unmerged frames
 * only, precisely:
 *   - a frame carries BUDDY_FLAG_UNMERGED only if it is a free order-0
 *     head; exactly b->unmerged frames do, and b->unmerged <=
 *     BUDDY_UNMERGED_MAX;
 *   - they are the first b->unmerged entries of the order-0 free list (so
 *     buddy_drain() finds them without a search);
 *   - two free buddies of the same order may exist side by side only if
 *     the order is 0 and at least one of them is unmerged.
 * So with b->unmerged == 0 the allocator must be fully coalesced, as
 * before. Returns true if all hold, otherwise prints the first broken one
 * with kprintf and returns false. Takes time proportional to the number
 * of frames.
 */
bool buddy_check(const struct buddy *b);

#endif
