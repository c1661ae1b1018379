/*
 * mm_internal.h - helpers shared by mm.c, brk.c, mmap.c,
 * mprotect.c, madvise.c, mremap.c, mlock.c and msync.c; not for callers of mm.h.
 *
 * Every call that may need new struct vmas allocates them all first
 * (struct mm_spares), before changing anything, so running out of
 * memory can fail a call cleanly with -ENOMEM; unused spares are freed
 * when the call ends.
 */
#ifndef MM_MM_INTERNAL_H
#define MM_MM_INTERNAL_H

#include "mm/mm.h"

/* Rounds a up to a page boundary; wraps to 0 near the top, as Linux's PAGE_ALIGN. */
static inline uint64_t mm_page_align(uint64_t a)
{
	return (a + PAGE_MASK) & ~PAGE_MASK;
}

/* Up to three VMA structs allocated ahead of a change (mmap: a split, the
 * new area, and undoing a populate that ran out of memory). */
struct mm_spares {
	struct vma *v[3];
	unsigned n;
};

/* Allocates n (<= 3) spares; returns false (nothing held) if ops->alloc fails. */
bool mm_spares_get(struct mm *u, struct mm_spares *sp, unsigned n);

/* Hands out one spare (one must be left). */
struct vma *mm_spare_take(struct mm_spares *sp);

/* Frees the spares left over. */
void mm_spares_put(struct mm *u, struct mm_spares *sp);

/*
 * Linux's get_unmapped_area for anonymous memory (mmap.c): where a new
 * mapping of len bytes goes given addr and flags (MAP_FIXED, MAP_32BIT,
 * MAP_SHARED...); returns the address or -ENOMEM / -EINVAL / -EPERM.
 */
int64_t mm_get_area(const struct mm *u, uint64_t addr, uint64_t len, unsigned long flags);

/* Returns true if some VMA overlaps [start, end). */
bool mm_range_mapped(const struct mm *u, uint64_t start, uint64_t end);

/* Returns true if one VMA strictly contains [start, end) with pages left on both sides. */
bool mm_range_splits_one(const struct mm *u, uint64_t start, uint64_t end);

/* Returns the number of VMA_ACCOUNT pages inside [start, end). */
uint64_t mm_accounted_pages(const struct mm *u, uint64_t start, uint64_t end);

/* Returns true if a charge of pages fails Linux's overcommit heuristic. */
bool mm_over_budget(const struct mm *u, uint64_t pages);

/*
 * Removes [start, end) (page-aligned) from the areas, splitting, trimming
 * or deleting VMAs and telling ops->unmap about each piece. Needs one
 * spare in sp if mm_range_splits_one().
 */
void mm_unmap_range(struct mm *u, uint64_t start, uint64_t end, struct mm_spares *sp);

/* Merges v with mergeable neighbours, freeing the absorbed structs; returns the survivor. */
struct vma *mm_merge(struct mm *u, struct vma *v);

/*
 * Gives [s, e), inside area v, the flags `flags`, splitting v and merging
 * the piece with its neighbours; 0, or split_err at the map count limit
 * or with no VMA struct left.
 */
int mm_reflag(struct mm *u, struct vma *v, uint64_t s, uint64_t e, unsigned flags, int split_err);

/*
 * Pages in the areas of [start, end) (MAP_POPULATE, mlock), skipping those
 * locked on fault; a PROT_NONE area is skipped too, or with strict ends
 * the call with -EFAULT (mlock's). 0, -EFAULT or -ENOMEM.
 */
int mm_populate(struct mm *u, uint64_t start, uint64_t end, bool strict);

/* Calls ops->unmap / ops->protect / ops->zap when the caller supplied them. */
void mm_notify_unmap(struct mm *u, uint64_t start, uint64_t end);
void mm_notify_protect(struct mm *u, uint64_t start, uint64_t end, unsigned prot);
void mm_notify_zap(struct mm *u, uint64_t start, uint64_t end);

#endif
