/*
 * frame_ref.h - one reference count per physical frame: the books behind
 * copy-on-write.
 *
 * After fork, a parent and its child map the same frames until one of them
 * writes. A frame may then be named by several page-table entries (and by
 * the page cache), and it may be freed only when the last of them lets go.
 * Each frame gets a 32-bit counter in one compact array, indexed by frame
 * number minus the lowest managed frame: 4 bytes per 4 KiB frame, 0.1% of
 * RAM. The physical memory manager (pmm.h) owns the array and exposes
 * pmm_ref, pmm_unref and pmm_refcount; this file is the pure arithmetic,
 * with no globals, so it is tested on the host.
 *
 * A count of 0 means the frame is free (or not handed out by the pmm); an
 * allocation starts it at 1, the reference of whoever asked for it.
 */
#ifndef MM_FRAME_REF_H
#define MM_FRAME_REF_H

#include <stdbool.h>
#include <stdint.h>

struct frame_refs {
	uint32_t *count;  /* count[i] is the count of frame base + i */
	uint64_t base;	  /* lowest frame number covered */
	uint64_t nframes; /* frames covered */
};

/* Covers frames [base, base + nframes) with the array mem (nframes
 * entries), every count 0. */
void frame_refs_init(struct frame_refs *r, uint32_t *mem, uint64_t base, uint64_t nframes);

/* Returns true if frame pfn has a counter. (This and the two below are
 * inline: fork and exit call them once per page.) */
static inline bool frame_refs_covers(const struct frame_refs *r, uint64_t pfn)
{
	return pfn >= r->base && pfn - r->base < r->nframes;
}

/* Returns the count of frame pfn (0 for a frame not covered). */
uint32_t frame_refs_get(const struct frame_refs *r, uint64_t pfn);

/* Sets the count of frame pfn (covered) to n. */
void frame_refs_set(struct frame_refs *r, uint64_t pfn, uint32_t n);

/*
 * Adds one reference to frame pfn; returns false (nothing changed) if the
 * frame is not covered, is free (count 0: nobody may share a frame nobody
 * owns) or the count is saturated.
 */
static inline bool frame_refs_inc(struct frame_refs *r, uint64_t pfn)
{
	if (!frame_refs_covers(r, pfn))
		return false;
	uint32_t *c = &r->count[pfn - r->base];
	if (*c == 0 || *c == UINT32_MAX)
		return false;
	++*c;
	return true;
}

/*
 * Drops one reference from frame pfn; returns the new count, or -1
 * (nothing changed) if the frame is not covered or its count was already
 * 0 (a double unref). A result of 0 means the caller must free the frame;
 * it never wraps.
 */
static inline int64_t frame_refs_dec(struct frame_refs *r, uint64_t pfn)
{
	if (!frame_refs_covers(r, pfn))
		return -1;
	uint32_t *c = &r->count[pfn - r->base];
	if (*c == 0)
		return -1;
	return --*c;
}

#endif
