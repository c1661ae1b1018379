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

/* What one frame currently is. */
enum buddy_state {
	BUDDY_RESERVED = 0, /* not managed: outside the RAM added, or a hole */
	BUDDY_FREE,	    /* first frame of a free block (on a free list) */
	BUDDY_ALLOCATED,    /* first frame of an allocated block */
	BUDDY_TAIL,	    /* any other frame of a block, free or allocated */
};

/*
 * What the allocator knows about one frame (24 bytes). Only the first frame
 * of a block ("head") has a meaningful order and links; the others are
 * BUDDY_TAIL. The links are frame indices (pfn - base) so they fit in 32
 * bits.
 */
struct buddy_frame {
	uint32_t next, prev; /* free list of this block's order, BUDDY_NIL-ended */
	uint8_t state;	     /* enum buddy_state */
	uint8_t order;	     /* of the block this frame heads */
	uint16_t unused;
	void *owner; /* for the frame's user (e.g. the kernel heap's slab) */
};

struct buddy {
	struct buddy_frame *frames; /* frames[i] describes pfn base + i */
	uint64_t base;		    /* first pfn the array describes */
	uint64_t nframes;	    /* how many it describes */
	uint32_t free_head[BUDDY_NUM_ORDERS];
	uint64_t free_blocks[BUDDY_NUM_ORDERS];
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

/* Returns the first pfn of a free 2^order-frame block, now allocated, or
 * BUDDY_NONE if there is none (out of memory, or order > BUDDY_MAX_ORDER). */
uint64_t buddy_alloc(struct buddy *b, unsigned order);

/* Gives back the block of 2^order frames at pfn, which buddy_alloc returned. */
void buddy_free(struct buddy *b, uint64_t pfn, unsigned order);

/* Returns the owner slot of a managed frame, NULL if pfn is not managed.
 * Every slot of a block is NULL while the block is free, and so when it is
 * allocated. */
void **buddy_owner_slot(struct buddy *b, uint64_t pfn);

/* Returns true if pfn is a frame the allocator manages (free or not). */
bool buddy_is_managed(const struct buddy *b, uint64_t pfn);

/* Returns the order of the allocated block starting at pfn, or -1 if no
 * allocated block starts there. */
int buddy_allocated_order(const struct buddy *b, uint64_t pfn);

/* Accounting, all exact. */
uint64_t buddy_free_frames(const struct buddy *b);
uint64_t buddy_allocated_frames(const struct buddy *b);
uint64_t buddy_managed_frames(const struct buddy *b);
uint64_t buddy_free_blocks(const struct buddy *b, unsigned order);

/*
 * Checks every invariant (free lists well linked, blocks aligned and
 * complete, fully coalesced, counts exact, no owner on a free frame).
 * Returns true if all hold, otherwise prints the first broken one with
 * kprintf and returns false. Takes time proportional to the number of
 * frames.
 */
bool buddy_check(const struct buddy *b);

#endif
