/*
 * mremap.c - mremap(2): resize a mapping, in place or by moving it.
 *
 * Theory of operation. mremap checks its arguments in Linux 6.x's order
 * (do_mremap), then does the cheapest thing that works:
 *  - shrink (new_len < old_len): the tail is unmapped, as munmap would;
 *  - grow in place, when the range ends where its area ends and the
 *    addresses after it are free: the area is extended, and the new pages
 *    come on first touch, like any mapping's;
 *  - a move of the same size to a fixed address takes every area of the
 *    range with it, each to its offset (Linux 6.17), gaps left as they are;
 *  - otherwise, with MREMAP_MAYMOVE, move: a new area with the old one's
 *    protection, kind and file (its origin shifted so each page still maps
 *    the same file page) is placed where mmap(NULL) would put it, or at
 *    new_addr with MREMAP_FIXED (whatever was there is unmapped first); the
 *    present page-table entries move into it (ops->move: the frames move,
 *    their reference counts stay), and the old range is removed from the
 *    areas, which now frees nothing since its entries are gone.
 * Every step that can fail (the map count, the charge, the VMA structs,
 * the page tables of the new place) is done before any area changes, so
 * a failure leaves the old mapping as it was; a move across areas stops
 * at the area that failed, the ones before it moved, as Linux's does.
 *
 * Accounting follows Linux's move_vma: a charged (VMA_ACCOUNT) area that
 * moves is charged for new_len while both exist; growing in place charges
 * the extra pages. The budget is mm_over_budget's heuristic.
 *
 * MREMAP_DONTUNMAP (Linux 5.7) is implemented: the pages move, the old
 * area stays, empty (its next touch gets fresh pages). Deviation from
 * Linux: old_len == 0 (Linux duplicates a shared mapping) is -EINVAL for
 * every mapping here, not only for private ones.
 */
#include "mm/mm_internal.h"
#include "mm/pagecache.h"

#include "lib/errno.h"

#define MREMAP_FLAGS (MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)

/*
 * Linux's vma_to_resize: the area holding addr must hold all of the old
 * range. Returns 0 with the area in *vp, -EFAULT (no area, or the range
 * runs past it) or -EINVAL (old_len == 0: see the deviation above).
 */
static int to_resize(struct mm *u, uint64_t addr, uint64_t old_len, struct vma **vp)
{
	struct vma *v = vma_lookup(&u->vmas, addr);
	if (!v)
		return -EFAULT;
	if (old_len == 0) /* duplicating a mapping: not supported */
		return -EINVAL;
	if (old_len > v->end - addr) /* mremap cannot span areas */
		return -EFAULT;
	*vp = v;
	return 0;
}

/* Returns the MAP_* flags placing a copy of v needs (MAP_SHARED if v is shared). */
static unsigned long place_flags(const struct vma *v)
{
	return (v->flags & VMA_SHARED) ? MAP_SHARED : MAP_PRIVATE;
}

/*
 * Linux's vma_expandable and the in-place part of do_mremap: extends v
 * (which ends at the old range's end) by delta bytes if the addresses after
 * it are free and below TASK_SIZE. Returns 1 if it grew, 0 if there is no
 * room (the caller may move instead), -ENOMEM if the extra pages are over
 * the budget.
 */
static int grow_in_place(struct mm *u, struct vma *v, uint64_t delta)
{
	uint64_t end = v->end + delta;
	if (end < v->end || end > TASK_SIZE || mm_range_mapped(u, v->end, end))
		return 0;
	if ((v->flags & VMA_ACCOUNT) && mm_over_budget(u, delta / PAGE_SIZE))
		return -ENOMEM;
	v->end = end;
	mm_merge(u, v);
	return 1;
}

/*
 * Linux's move_vma: makes [to, to + new_len) a copy of v's kind, moves the
 * present pages of [addr, addr + old_len) there and, unless dontunmap,
 * removes the old range. Returns to, or -ENOMEM with nothing changed.
 */
static int64_t move_area(struct mm *u, struct vma *v, uint64_t addr, uint64_t old_len, uint64_t to,
			 uint64_t new_len, bool dontunmap)
{
	uint64_t old_end = addr + old_len;
	/* Linux refuses when a move could take the map count past its limit. */
	if (vma_count(&u->vmas) + 3 >= u->max_map_count)
		return -ENOMEM;
	if ((v->flags & VMA_ACCOUNT) && mm_over_budget(u, new_len / PAGE_SIZE))
		return -ENOMEM;
	bool split = !dontunmap && addr > v->start && old_end < v->end;
	struct mm_spares sp;
	if (!mm_spares_get(u, &sp, 1 + split))
		return -ENOMEM;
	if (u->ops->move) {
		int err = u->ops->move(u->ctx, addr, to, old_len);
		if (err) {
			mm_spares_put(u, &sp);
			return err;
		}
	}
	struct vma *n = mm_spare_take(&sp);
	n->start = to;
	n->end = to + new_len;
	n->prot = v->prot;
	/* The brk area and the main stack keep their roles where they are. */
	n->flags = v->flags & ~(unsigned)(VMA_HEAP | VMA_STACK);
	n->file = v->file;
	mm_file_ref(n->file, 1); /* before the old area's goes: it may be the last */
	n->file_origin = v->file_origin + (to - addr); /* the same file page at each page */
	if (!dontunmap)
		mm_unmap_range(u, addr, old_end, &sp); /* its entries are gone: frees nothing */
	vma_insert(&u->vmas, n);
	mm_merge(u, n);
	mm_spares_put(u, &sp);
	return (int64_t)to;
}

/* True if new_addr cannot take new_len bytes moved from [addr, addr +
 * old_len): misaligned, past TASK_SIZE, or overlapping the old range. */
static bool bad_target(uint64_t addr, uint64_t old_len, uint64_t new_len, uint64_t new_addr)
{
	return (new_addr & PAGE_MASK) || new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len ||
	       (addr + old_len > new_addr && new_addr + new_len > addr);
}

/*
 * Linux 6.17's move of a range across areas (MREMAP_FIXED, old_len ==
 * new_len): each area's part of [addr, addr + len) moves to the same
 * offset from to, replacing what was there; the target of a gap between
 * them is left as it is. A failure part way leaves the parts before it
 * moved, as on Linux. Returns to or -errno.
 */
static int64_t move_parts(struct mm *u, uint64_t addr, uint64_t len, uint64_t to, bool dontunmap)
{
	uint64_t end = addr + len;
	for (uint64_t at = addr; at < end;) {
		struct vma *v = vma_find(&u->vmas, at);
		if (!v || v->start >= end)
			break;
		uint64_t from = v->start > at ? v->start : at, till = v->end < end ? v->end : end;
		uint64_t dst = to + (from - addr);
		int err = mm_munmap(u, dst, till - from);
		if (err)
			return err;
		v = vma_lookup(&u->vmas, from); /* the unmap may have rebuilt the set */
		int64_t r = move_area(u, v, from, till - from, dst, till - from, dontunmap);
		if (r < 0)
			return r;
		at = till;
	}
	return (int64_t)to;
}

/*
 * Linux's mremap_to (as of 6.17): MREMAP_FIXED (to new_addr, replacing
 * what is there) or MREMAP_DONTUNMAP (new_addr a hint), new_addr already
 * checked (bad_target). Returns the new address or -errno. Everything
 * that can refuse is checked before anything is unmapped (a range that
 * must lie in one area, old_len 0), so such a failure changes nothing; a
 * move of the same size with MREMAP_FIXED may span areas and gaps
 * (move_parts). A resize unmaps the FIXED target, then the old range's
 * tail when it shrinks, then moves.
 */
static int64_t remap_to(struct mm *u, uint64_t addr, uint64_t old_len, uint64_t new_len,
			unsigned long flags, uint64_t new_addr)
{
	bool dontunmap = (flags & MREMAP_DONTUNMAP) != 0;
	if ((flags & MREMAP_FIXED) && old_len == new_len) {
		/* the target as mmap(MAP_FIXED) would check it (mmap_min_addr) */
		int64_t a = mm_get_area(u, new_addr, new_len, MAP_PRIVATE | MAP_FIXED);
		return a < 0 ? a : move_parts(u, addr, old_len, new_addr, dontunmap);
	}
	/* the part that moves must lie in one area */
	uint64_t kept = old_len < new_len ? old_len : new_len;
	struct vma *v;
	int err = to_resize(u, addr, kept, &v);
	if (err)
		return err;
	if ((flags & MREMAP_FIXED) && (err = mm_munmap(u, new_addr, new_len)) != 0)
		return err;
	if (old_len > new_len && (err = mm_munmap(u, addr + new_len, old_len - new_len)) != 0)
		return err;
	v = vma_lookup(&u->vmas, addr); /* the unmaps may have rebuilt the set */
	unsigned long mf = place_flags(v) | ((flags & MREMAP_FIXED) ? MAP_FIXED : 0);
	int64_t a = mm_get_area(u, new_addr, new_len, mf);
	if (a < 0)
		return a;
	return move_area(u, v, addr, kept, (uint64_t)a, new_len, dontunmap);
}

/* Linux's do_mremap, check by check. */
static int64_t remap(struct mm *u, uint64_t addr, uint64_t old_len, uint64_t new_len,
		     unsigned long flags, uint64_t new_addr)
{
	if (flags & ~(unsigned long)MREMAP_FLAGS)
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && !(flags & MREMAP_MAYMOVE)) /* DONTUNMAP moves */
		return -EINVAL;
	if (addr & PAGE_MASK)
		return -EINVAL;
	old_len = mm_page_align(old_len);
	new_len = mm_page_align(new_len);
	if (new_len == 0 || new_len > TASK_SIZE)
		return -EINVAL;
	/* DONTUNMAP keeps the size, in whole pages (1 byte is a page, as on Linux 6.17) */
	if ((flags & MREMAP_DONTUNMAP) && old_len != new_len)
		return -EINVAL;
	/* the new address, for FIXED and DONTUNMAP: before the old range is looked up */
	if ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) &&
	    bad_target(addr, old_len, new_len, new_addr))
		return -EINVAL;
	if (!vma_lookup(&u->vmas, addr))
		return -EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return remap_to(u, addr, old_len, new_len, flags, new_addr);
	if (old_len >= new_len) { /* shrink: the tail goes, as munmap does it */
		if (old_len == new_len)
			return (int64_t)addr;
		int err = mm_munmap(u, addr + new_len, old_len - new_len);
		return err ? err : (int64_t)addr;
	}
	struct vma *v;
	int err = to_resize(u, addr, old_len, &v);
	if (err)
		return err;
	if (old_len == v->end - addr) {
		int grown = grow_in_place(u, v, new_len - old_len);
		if (grown)
			return grown < 0 ? grown : (int64_t)addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	int64_t a = mm_get_area(u, 0, new_len, place_flags(v));
	if (a < 0)
		return a;
	return move_area(u, v, addr, old_len, (uint64_t)a, new_len, false);
}

/*
 * mremap, and a locked area that grew has its new pages paged in, as
 * Linux's mremap does after the call (mlock.populates-growth); as there,
 * running out of memory doing so leaves the pages to come on first touch.
 */
int64_t mm_mremap(struct mm *u, uint64_t addr, uint64_t old_len, uint64_t new_len,
		  unsigned long flags, uint64_t new_addr)
{
	int64_t a = remap(u, addr, old_len, new_len, flags, new_addr);
	if (a >= 0 && mm_page_align(new_len) > mm_page_align(old_len)) {
		uint64_t from = (uint64_t)a + mm_page_align(old_len),
			 to = (uint64_t)a + mm_page_align(new_len);
		struct vma *v = vma_lookup(&u->vmas, from);
		if (v && (v->flags & VMA_LOCKED))
			(void)mm_populate(u, from, to, false);
	}
	return a;
}
