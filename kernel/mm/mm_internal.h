/*
 * uvm_internal.h - helpers shared by uvm.c, uvm_brk.c, uvm_mmap.c and
 * uvm_mprotect.c; not for callers of uvm.h.
 *
 * Every call that may need new struct vmas allocates them all first
 * (struct uvm_spares), before changing anything, so running out of
 * memory can fail a call cleanly with -ENOMEM; unused spares are freed
 * when the call ends.
 */
#ifndef MM_UVM_INTERNAL_H
#define MM_UVM_INTERNAL_H

#include "mm/mm.h"

#define UVM_PAGE_MASK (UVM_PAGE_SIZE - 1)

/* Rounds a up to a page boundary; wraps to 0 near the top, as Linux's PAGE_ALIGN. */
static inline uint64_t uvm_page_align(uint64_t a)
{
	return (a + UVM_PAGE_MASK) & ~UVM_PAGE_MASK;
}

/* Up to two VMA structs allocated ahead of a change. */
struct uvm_spares {
	struct vma *v[2];
	unsigned n;
};

/* Allocates n (<= 2) spares; returns false (nothing held) if ops->alloc fails. */
bool uvm_spares_get(struct uvm *u, struct uvm_spares *sp, unsigned n);

/* Hands out one spare (one must be left). */
struct vma *uvm_spare_take(struct uvm_spares *sp);

/* Frees the spares left over. */
void uvm_spares_put(struct uvm *u, struct uvm_spares *sp);

/* Returns true if some VMA overlaps [start, end). */
bool uvm_range_mapped(const struct uvm *u, uint64_t start, uint64_t end);

/* Returns true if one VMA strictly contains [start, end) with pages left on both sides. */
bool uvm_range_splits_one(const struct uvm *u, uint64_t start, uint64_t end);

/* Returns the number of VMA_ACCOUNT pages inside [start, end). */
uint64_t uvm_accounted_pages(const struct uvm *u, uint64_t start, uint64_t end);

/* Returns true if a charge of pages fails Linux's overcommit heuristic. */
bool uvm_over_budget(const struct uvm *u, uint64_t pages);

/*
 * Removes [start, end) (page-aligned) from the areas, splitting, trimming
 * or deleting VMAs and telling ops->unmap about each piece. Needs one
 * spare in sp if uvm_range_splits_one().
 */
void uvm_unmap_range(struct uvm *u, uint64_t start, uint64_t end, struct uvm_spares *sp);

/* Merges v with mergeable neighbours, freeing the absorbed structs; returns the survivor. */
struct vma *uvm_merge(struct uvm *u, struct vma *v);

/* Calls ops->unmap / ops->protect / ops->zap when the caller supplied them. */
void uvm_notify_unmap(struct uvm *u, uint64_t start, uint64_t end);
void uvm_notify_protect(struct uvm *u, uint64_t start, uint64_t end, unsigned prot);
void uvm_notify_zap(struct uvm *u, uint64_t start, uint64_t end);

#endif
