/*
 * madvise.c - madvise(2).
 *
 * Theory of operation. Advice is a hint about how a range will be used,
 * of three kinds (Linux's madvise_vma_behavior):
 *  - advice that acts on the pages: MADV_DONTNEED drops the pages of the
 *    range (ops->zap) but the areas stay, so the next touch faults in a
 *    zero page; on shared memory the pages belong to the shared object,
 *    so they stay and the data with them (madvise.shared-keeps-data), and
 *    MADV_REMOVE, which frees them, is for shared memory only;
 *  - advice that is remembered in the area, for what later calls observe:
 *    MADV_DONTFORK/DOFORK, WIPEONFORK/KEEPONFORK, DONTDUMP/DODUMP set or
 *    clear a VMA_ flag, splitting the area as mprotect does (and merging
 *    back with neighbours that match);
 *  - pure hints (NORMAL, RANDOM, SEQUENTIAL, WILLNEED, FREE, COLD,
 *    PAGEOUT, HUGEPAGE, NOHUGEPAGE), which Interlude may ignore.
 * Some advice is refused on some areas (madvise.area-rules): discarding
 * the pages of locked memory (MAP_LOCKED), MADV_FREE on shared memory,
 * WIPEONFORK on shared memory, KEEPONFORK and DODUMP on droppable memory.
 *
 * The checks and their order are Linux's (do_madvise): the advice first,
 * then alignment and length; then the areas in order: a refused area
 * ends the call at once (what came before stays advised), a hole makes
 * the call fail with -ENOMEM after the rest was advised.
 */
#include "mm/mm_internal.h"

#include "lib/errno.h"

/* Returns true for the advice values Interlude accepts. */
static bool advice_valid(int advice)
{
	switch (advice) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:
	case MADV_REMOVE:
	case MADV_DONTFORK:
	case MADV_DOFORK:
	case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE:
	case MADV_DONTDUMP:
	case MADV_DODUMP:
	case MADV_WIPEONFORK:
	case MADV_KEEPONFORK:
	case MADV_COLD:
	case MADV_PAGEOUT: return true;
	}
	return false;
}

/*
 * The flags area v would have after advice (v->flags if it changes
 * none), or -EINVAL if the advice is refused on v (madvise.area-rules).
 */
static int64_t advised_flags(const struct vma *v, int advice)
{
	int64_t f = v->flags;
	switch (advice) {
	case MADV_DONTNEED:
	case MADV_COLD:
	case MADV_PAGEOUT: return f & VMA_LOCKED ? -EINVAL : f;
	case MADV_FREE: return f & (VMA_LOCKED | VMA_SHARED | VMA_FILE) ? -EINVAL : f;
	case MADV_REMOVE:
		if (f & VMA_FILE) /* punching a hole needs a shared, writable file */
			return f & VMA_LOCKED ? -EINVAL : -EACCES;
		return (f & VMA_LOCKED) || !(f & VMA_SHARED) ? -EINVAL : f;
	case MADV_DONTFORK: return f | VMA_DONTFORK;
	case MADV_DOFORK: return f & ~VMA_DONTFORK;
	case MADV_WIPEONFORK: return f & (VMA_SHARED | VMA_FILE) ? -EINVAL : f | VMA_WIPEONFORK;
	case MADV_KEEPONFORK: return f & VMA_DROPPABLE ? -EINVAL : f & ~VMA_WIPEONFORK;
	case MADV_DONTDUMP: return f | VMA_DONTDUMP;
	case MADV_DODUMP: return f & VMA_DROPPABLE ? -EINVAL : f & ~VMA_DONTDUMP;
	}
	return f;
}

/* Applies advice to [s, e), inside area v; returns 0 or -errno. */
static int advise_piece(struct mm *u, struct vma *v, uint64_t s, uint64_t e, int advice)
{
	int64_t flags = advised_flags(v, advice);
	if (flags < 0)
		return (int)flags;
	if ((unsigned)flags != v->flags)
		return mm_reflag(u, v, s, e, (unsigned)flags, -EAGAIN);
	/*
	 * DONTNEED drops private pages now; shared ones stay, since they are
	 * the shared object's (madvise.shared-keeps-data), and only REMOVE
	 * frees those. FREE lets the kernel drop pages lazily; keeping them is
	 * allowed, so it does nothing, like the other hints.
	 */
	if ((advice == MADV_DONTNEED && !(v->flags & VMA_SHARED)) || advice == MADV_REMOVE)
		mm_notify_zap(u, s, e);
	return 0;
}

/*
 * Linux's do_madvise: advice first, then alignment and length; the advice
 * applies to the mapped parts of the range and holes make it -ENOMEM; an
 * area that refuses it ends the call with its error.
 */
int mm_madvise(struct mm *u, uint64_t addr, uint64_t len, int advice)
{
	if (!advice_valid(advice))
		return -EINVAL;
	if (addr & PAGE_MASK)
		return -EINVAL;
	uint64_t alen = mm_page_align(len);
	if (len && !alen)
		return -EINVAL;
	uint64_t end = addr + alen;
	if (end < addr)
		return -EINVAL;
	if (end == addr)
		return 0;

	int err = 0;
	uint64_t at = addr;
	struct vma *v = vma_find(&u->vmas, addr);
	while (at < end) {
		if (!v || v->start >= end)
			return -ENOMEM; /* the rest of the range is a hole */
		if (v->start > at)
			err = -ENOMEM; /* a hole; go on with the next area like Linux */
		uint64_t s = v->start > at ? v->start : at;
		uint64_t e = v->end < end ? v->end : end;
		int r = advise_piece(u, v, s, e, advice);
		if (r)
			return r;
		at = e;
		/* The area after `at` (a split or merge may have changed v). */
		v = at < end ? vma_find(&u->vmas, at) : NULL;
	}
	return err;
}
