/*
 * pmm.h - the physical memory manager: which frames of RAM are free.
 *
 * pmm_init() reads the boot loader's memory map, keeps the available RAM
 * minus everything already in use (the first MiB, the kernel image, the
 * multiboot2 information, the modules, and the allocator's own metadata),
 * and hands it to a buddy allocator (mm/buddy.h). Frames are then
 * allocated in naturally aligned blocks of 2^order frames of 4 KiB and
 * named by their physical address.
 */
#ifndef MM_PMM_H
#define MM_PMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boot/multiboot2.h"
#include "mm/buddy.h"
#include "mm/frame_owner.h"

#define PMM_MAX_ORDER BUDDY_MAX_ORDER /* 2^10 frames = 4 MiB */
#define PMM_NUM_ORDERS BUDDY_NUM_ORDERS

struct pmm_stats {
	uint64_t total_frames;	   /* available RAM in the memory map */
	uint64_t usable_frames;	   /* of those, managed by the allocator */
	uint64_t reserved_frames;  /* total - usable: kernel, metadata, ... */
	uint64_t free_frames;	   /* usable and free now */
	uint64_t allocated_frames; /* usable and handed out now */
	uint64_t free_blocks[PMM_NUM_ORDERS];
};

/* A page-aligned physical range [start, end). */
struct pmm_range {
	uint64_t start, end;
};

/* Something pmm_init kept out of the allocator, and how much RAM it took. */
struct pmm_reservation {
	const char *what; /* "first MiB", "kernel", "boot info", "module", "metadata" */
	uint64_t start, end;
	uint64_t frames; /* available RAM frames it removed (overlaps counted once) */
};

/*
 * Builds the allocator from the memory map in bi; the multiboot2
 * information itself lies at [info_phys, info_phys + info_size). Panics if
 * there is no usable RAM or no room for the metadata in the first GiB.
 */
void pmm_init(const struct boot_info *bi, uint64_t info_phys, uint32_t info_size);

/*
 * Returns the physical address of 2^order free frames, now allocated,
 * aligned to their size and tagged `owner` in the frame owner map
 * (frame_owner.h; an owner frame_owner_is_allocated accepts, else panics),
 * or 0 when no such block is free.
 */
uint64_t pmm_alloc_owned(unsigned order, enum frame_owner owner);

/* pmm_alloc_owned(order, FRAME_OWNER_KERNEL): for kernel uses with no
 * owner of their own (tests, boot-time tables). */
uint64_t pmm_alloc(unsigned order);

/* As pmm_alloc_owned, filled with zeroes (see pmm_alloc_zeroed). */
uint64_t pmm_alloc_zeroed_owned(unsigned order, enum frame_owner owner);

/* As pmm_alloc, filled with zeroes through the direct map (panics if the
 * block is not mapped there yet: call it only once vmm_init has run, or
 * for RAM below 1 GiB). Costs one comparison more than pmm_alloc plus the
 * memset, as long as the block lies below the direct map end. */
uint64_t pmm_alloc_zeroed(unsigned order);

/* Gives back the 2^order frames at phys, as pmm_alloc returned them.
 * Panics on a double free, a frame it does not own, the wrong order, or a
 * frame that others still reference (count above 1: use pmm_unref); tags
 * them free. */
void pmm_free(uint64_t phys, unsigned order);

/*
 * Reference counts (frame_ref.h), for frames shared by several mappings
 * (copy-on-write, the page cache). pmm_alloc starts a block's count at 1.
 * pmm_ref adds a reference to an allocated frame (panics on a free one);
 * pmm_unref drops one and frees the frame (order 0) when none is left,
 * returning the count left; pmm_refcount returns it (0: free).
 */
void pmm_ref(uint64_t phys);
uint32_t pmm_unref(uint64_t phys);
uint32_t pmm_refcount(uint64_t phys);

/*
 * Adds delta to phys's count with no check at all. Only for the invariant
 * checker (mm_check_refs), which subtracts every mapping's reference, looks
 * at what is left and adds them back, with interrupts off.
 */
void pmm_refcount_adjust(uint64_t phys, int32_t delta);

/* Retags the allocated 2^order frames at phys as owner (e.g. a frame that
 * moves from one use to another). Panics if they are not an allocated
 * block of that order or owner is not an allocated owner. */
void pmm_set_owner(uint64_t phys, unsigned order, enum frame_owner owner);

/*
 * The frame owner map against the frame allocator: every frame of a free
 * block is tagged free, every frame of an allocated block carries an
 * allocated owner, every other frame neither; the per-owner counts add up
 * to the free and allocated counts. Returns NULL, or why (of n bytes)
 * naming the first frame that disagrees. O(frames).
 */
const char *pmm_check_owners(char *why, size_t n);

/* Returns the number of free frames (for leak checks). Exact at any time,
 * whether or not freed frames have been merged yet. */
uint64_t pmm_free_frames(void);

/*
 * Fills s with the current counts. It first merges the few freed single
 * frames the allocator keeps unmerged (buddy_drain), so free_blocks[]
 * shows the fully merged state: the same after a run of allocations and
 * frees as before it, as a leak check expects. The frame counts are exact
 * either way.
 */
void pmm_get_stats(struct pmm_stats *s);

/*
 * Fills s with the same counts without merging anything first: the state
 * exactly as it is (the invariant checker's view; the unmerged frames are
 * order-0 free blocks in free_blocks[0]).
 */
void pmm_peek_stats(struct pmm_stats *s);

/*
 * Returns the owner slot of the block holding phys (the kernel heap keeps
 * its slab pointer there), NULL if phys is not in a managed frame. A block
 * has one slot: every address in any of its frames returns the same one.
 * It is NULL when the block is allocated and pmm_free clears it.
 */
extern struct buddy pmm_buddy; /* pmm.c's allocator; public only for these inlines */
static inline void **pmm_owner_slot(uint64_t phys)
{
	return buddy_owner_slot(&pmm_buddy, phys >> 12);
}

/*
 * The quick half of pmm_owner_slot, for the kernel heap's kfree: returns
 * the owner of the allocated block whose FIRST frame holds phys, NULL for
 * any other frame (a later frame of a block, a free frame, not RAM), in
 * which case the caller asks pmm_owner_slot. Inline: one comparison, two
 * loads, no call.
 */
static inline void *pmm_head_owner(uint64_t phys)
{
	return buddy_head_owner(&pmm_buddy, phys >> 12);
}

/* Returns the end of the highest available RAM (page aligned). */
uint64_t pmm_ram_end(void);

/* Returns true if phys lies in a frame the allocator manages. */
bool pmm_is_ram(uint64_t phys);

/* Returns true if phys lies in a frame that is allocated now (in use). */
bool pmm_frame_in_use(uint64_t phys);

/* Returns true if [phys, phys + size) is reachable through the direct map
 * right now (only the first GiB is, before vmm_init). One comparison below
 * the direct map end (pmm_set_direct_map_end), page-table walks above it. */
bool pmm_direct_mapped(uint64_t phys, uint64_t size);

/*
 * Tells the pmm that the direct map now covers physical [0, end) exactly;
 * vmm_init calls it once it has switched to its own page tables. Until
 * then the pmm assumes the boot map's first GiB. Addresses at or above end
 * are still checked by walking the page tables, so a low end is only slow,
 * never wrong; an end beyond what is mapped would be wrong.
 */
void pmm_set_direct_map_end(uint64_t end);

/* Returns the number of reservations and points *out at them. */
unsigned pmm_reservations(const struct pmm_reservation **out);

/* Returns true if the allocator's invariants hold (see buddy_check). */
bool pmm_check(void);

/* Prints total RAM, usable and reserved memory. */
void pmm_print_summary(void);

/*
 * The arithmetic of pmm_init, exposed for tests: computes into out[] the
 * RAM that is available in the n entries of map (rounded inwards to whole
 * frames), minus anything a non-available entry covers (where entries
 * overlap, non-available wins) and minus the nres ranges of reserved.
 * The result is sorted and has no overlaps. Returns the number of ranges;
 * panics if more than max would be needed.
 */
unsigned pmm_usable_ranges(const struct mb2_mmap_entry *map, unsigned n,
			   const struct pmm_range *reserved, unsigned nres, struct pmm_range *out,
			   unsigned max);

#endif
