/*
 * frame_owner.h - who owns each physical frame: one tag byte per frame.
 *
 * The buddy allocator knows whether a frame is free or allocated; this map
 * says what an allocated (or reserved) frame is FOR: a page table, the
 * kernel heap, a process's kernel stack, a user page... Every allocation
 * site names its owner (pmm_alloc_owned), pmm_free sets the tag back to
 * free, and pmm_init tags what it reserved (firmware, kernel image, boot
 * modules, its own metadata). The console's `frames` map, the trace's
 * frame events and mm_check read it.
 *
 * The map covers every frame from physical 0 to the end of RAM, holes
 * included (a hole is FRAME_OWNER_RESERVED), so frame_owner_of() is one
 * comparison and one load. The map keeps a count per owner that mm_check
 * compares with the frame allocator's own counts.
 */
#ifndef MM_FRAME_OWNER_H
#define MM_FRAME_OWNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a frame is for. Stored in one byte; FREE must stay 0. */
enum frame_owner {
	FRAME_OWNER_FREE = 0,	  /* in the allocator, free */
	FRAME_OWNER_RESERVED,	  /* not RAM we manage: firmware, holes, the first MiB */
	FRAME_OWNER_KERNEL_IMAGE, /* the kernel's code and data */
	FRAME_OWNER_BOOT,	  /* multiboot2 information and boot modules */
	FRAME_OWNER_METADATA,	  /* the frame allocator's own arrays (and this map) */
	FRAME_OWNER_PAGE_TABLE,	  /* a page-table page (user or kernel) */
	FRAME_OWNER_KHEAP,	  /* a slab or large block of the kernel heap */
	FRAME_OWNER_KSTACK,	  /* a process's kernel stack */
	FRAME_OWNER_USER,	  /* a user page: anonymous, stack, heap, loaded image */
	FRAME_OWNER_PAGE_CACHE,	  /* a file's cached page */
	FRAME_OWNER_KERNEL,	  /* any other kernel use (pmm_alloc with no owner) */
	FRAME_OWNER_COUNT
};

/* The map: tags[pfn] for pfn < nframes, and how many frames carry each tag. */
struct frame_owner_map {
	uint8_t *tags;
	uint64_t nframes;
	uint64_t count[FRAME_OWNER_COUNT];
};

/* The kernel's map (pmm.c builds it in pmm_init). */
extern struct frame_owner_map frame_owners;

/* Prepares m over tags[0..nframes), every frame FRAME_OWNER_RESERVED. */
void frame_owner_map_init(struct frame_owner_map *m, uint8_t *tags, uint64_t nframes);

/* Tags the frames [pfn, pfn + count) of m as o (clipped to the map),
 * keeping the per-owner counts exact. O(count). */
void frame_owner_map_set(struct frame_owner_map *m, uint64_t pfn, uint64_t count,
			 enum frame_owner o);

/* Returns the tag of pfn in m: FRAME_OWNER_RESERVED beyond the map (not RAM). */
static inline enum frame_owner frame_owner_map_of(const struct frame_owner_map *m, uint64_t pfn)
{
	return pfn < m->nframes ? (enum frame_owner)m->tags[pfn] : FRAME_OWNER_RESERVED;
}

/* The same three for the kernel's map. */
static inline enum frame_owner frame_owner_of(uint64_t pfn)
{
	return frame_owner_map_of(&frame_owners, pfn);
}
static inline void frame_owner_set(uint64_t pfn, uint64_t count, enum frame_owner o)
{
	frame_owner_map_set(&frame_owners, pfn, count, o);
}

/* Returns how many frames of the kernel's map carry tag o. */
uint64_t frame_owner_count(enum frame_owner o);

/* Returns true if o is an owner an allocation may name (PAGE_TABLE and up):
 * the tags that mean "allocated from the buddy allocator". */
bool frame_owner_is_allocated(enum frame_owner o);

/* Returns o's name in lower case ("page table", "kernel heap"...), "?" if invalid. */
const char *frame_owner_name(enum frame_owner o);

/* Returns o's short name, one word for tables and JSON ("pagetable", "kheap"...). */
const char *frame_owner_key(enum frame_owner o);

/* Returns the one character that stands for o in a map of frames ('.' free,
 * 'K' kernel image, 'P' page table, 'H' kernel heap, 'U' user...). */
char frame_owner_glyph(enum frame_owner o);

#endif
