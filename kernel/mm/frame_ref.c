/*
 * frame_ref.c - per-frame reference counts (frame_ref.h).
 *
 * Theory of operation. The array is indexed by frame number minus base,
 * like the buddy allocator's metadata, so a lookup is one subtraction and
 * one load. Every change is checked before it is made: unref of a frame
 * whose count is already 0 or a ref of a free frame is a bug of the
 * caller, reported as a failure instead of a silently wrapped counter
 * (pmm.c turns it into a panic naming the frame).
 */
#include "mm/frame_ref.h"
#include "lib/string.h"

/* Zeroes the array: every frame starts free. */
void frame_refs_init(struct frame_refs *r, uint32_t *mem, uint64_t base, uint64_t nframes)
{
	r->count = mem;
	r->base = base;
	r->nframes = nframes;
	memset(mem, 0, nframes * sizeof *mem);
}

/* A frame outside the window has no owner to count: 0. */
uint32_t frame_refs_get(const struct frame_refs *r, uint64_t pfn)
{
	return frame_refs_covers(r, pfn) ? r->count[pfn - r->base] : 0;
}

/* The allocator's own store (pmm_alloc sets 1, pmm_free 0); ignores frames outside. */
void frame_refs_set(struct frame_refs *r, uint64_t pfn, uint32_t n)
{
	if (frame_refs_covers(r, pfn))
		r->count[pfn - r->base] = n;
}
