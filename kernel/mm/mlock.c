/*
 * mlock.c - mlock(2), mlock2(2), munlock(2), mlockall(2), munlockall(2).
 *
 * Theory of operation. Interlude has no swap, so a page that is in memory
 * stays there whatever happens; locking memory is what a program can see
 * of it on Linux (mm/mlock.c there):
 *  - the areas are marked (VMA_LOCKED; VmLck in /proc/<pid>/status adds
 *    up their sizes) and their pages are faulted in now (mm_populate), so
 *    the locked range takes no page fault later (mincore shows it
 *    resident); with mlock2's MLOCK_ONFAULT or mlockall's MCL_ONFAULT
 *    (VMA_LOCKONFAULT) they are locked as they are touched instead;
 *  - later calls see the mark: madvise may not discard locked pages
 *    (madvise.area-rules), msync may not invalidate them (msync.c), a
 *    locked area that grows by mremap, or a private one that becomes
 *    writable by mprotect, is paged in again (mlock.populates-growth);
 *  - mlockall(MCL_FUTURE) marks every area made afterwards, by mmap or
 *    brk (struct mm's def_flags), until munlockall or mlockall without
 *    MCL_FUTURE (mlock.future). Neither the marks nor MCL_FUTURE survive
 *    fork (the child's areas are unlocked: cow.c) or execve (a new mm).
 * Everyone is root (sys_ids.c), with Linux's CAP_IPC_LOCK, so
 * RLIMIT_MEMLOCK never refuses; what can run out is memory.
 *
 * The order of the checks is Linux's (do_mlock, apply_vma_lock_flags,
 * __mm_populate): the range is rounded out to whole pages (a length that
 * rounds past 2^64 becomes 0: nothing to do), a range that wraps is
 * -EINVAL, and its first page must be in an area. The areas are then
 * marked one by one, and a hole ends the call with -ENOMEM, the areas
 * before it staying marked (mlock.hole-after-marking). Only then are the
 * pages faulted in; an inaccessible (PROT_NONE) area stops that with
 * -ENOMEM (Linux's -EFAULT from get_user_pages, turned into -ENOMEM), and
 * running out of memory is -EAGAIN (mlock.populate-errors): either way
 * the marks stay. An area that cannot be locked (droppable memory) is
 * passed over without an error, as Linux's mlock_fixup does.
 */
#include "mm/mm_internal.h"

#include "lib/errno.h"

#define LOCK_BITS (VMA_LOCKED | VMA_LOCKONFAULT)

/* The flags area v has with its lock bits made `lock` (VMA_LOCKED,
 * optionally with VMA_LOCKONFAULT, or 0): droppable memory never locks. */
static unsigned with_lock(const struct vma *v, unsigned lock)
{
	if (v->flags & VMA_DROPPABLE)
		return v->flags;
	return (v->flags & ~(unsigned)LOCK_BITS) | lock;
}

/*
 * Linux's apply_vma_lock_flags: gives the areas of [start, end) (whole
 * pages) the lock bits `lock`. Returns 0; -EINVAL if the range wraps;
 * -ENOMEM if a page of it is in no area (what came before stays changed)
 * or a split finds the map count at its limit.
 */
static int lock_range(struct mm *u, uint64_t start, uint64_t end, unsigned lock)
{
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	uint64_t at = start;
	struct vma *v = vma_lookup(&u->vmas, start);
	while (at < end) {
		if (!v)
			return -ENOMEM; /* a hole at `at` (or the range starts in one) */
		uint64_t e = v->end < end ? v->end : end;
		unsigned flags = with_lock(v, lock);
		if (flags != v->flags) {
			int err = mm_reflag(u, v, at, e, flags, -ENOMEM);
			if (err)
				return err;
		}
		at = e;
		/* the area at `at` (a split or a merge may have changed v) */
		v = at < end ? vma_lookup(&u->vmas, at) : NULL;
	}
	return 0;
}

/* The whole pages [*start, *end) holding [addr, addr + len), as do_mlock
 * rounds them (the end wraps to 0 like Linux's PAGE_ALIGN). */
static void whole_pages(uint64_t addr, uint64_t len, uint64_t *start, uint64_t *end)
{
	*start = addr & ~PAGE_MASK;
	*end = *start + mm_page_align(len + (addr & PAGE_MASK));
}

int mm_mlock(struct mm *u, uint64_t addr, uint64_t len, bool onfault)
{
	uint64_t start, end;
	whole_pages(addr, len, &start, &end);
	int err = lock_range(u, start, end, VMA_LOCKED | (onfault ? VMA_LOCKONFAULT : 0));
	if (err)
		return err;
	err = end > start ? mm_populate(u, start, end, true) : 0;
	/* __mlock_posix_error_return: no page there is ENOMEM, no memory EAGAIN */
	return err == -EFAULT ? -ENOMEM : err == -ENOMEM ? -EAGAIN : err;
}

int mm_munlock(struct mm *u, uint64_t addr, uint64_t len)
{
	uint64_t start, end;
	whole_pages(addr, len, &start, &end);
	return lock_range(u, start, end, 0);
}

/* Linux's apply_mlockall_flags: MCL_FUTURE for the areas to come, and
 * with MCL_CURRENT (or none of the two: munlockall) every area now gets
 * the lock bits asked for; an area that cannot change is left as it is. */
static void lock_all(struct mm *u, int flags)
{
	unsigned lock = VMA_LOCKED | ((flags & MCL_ONFAULT) ? VMA_LOCKONFAULT : 0);
	u->def_flags = (flags & MCL_FUTURE) ? lock : 0;
	if ((flags & MCL_FUTURE) && !(flags & MCL_CURRENT))
		return; /* the current areas keep what they have */
	if (!(flags & MCL_CURRENT))
		lock = 0;
	for (struct vma *v = vma_first(&u->vmas); v;) {
		uint64_t end = v->end;
		unsigned want = with_lock(v, lock);
		if (want != v->flags)
			(void)mm_reflag(u, v, v->start, v->end, want,
					-ENOMEM); /* no split: no error */
		v = vma_find(&u->vmas, end);	  /* the next area after a merge */
	}
}

int mm_mlockall(struct mm *u, int flags)
{
	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	lock_all(u, flags);
	if (flags & MCL_CURRENT) /* mm_populate(0, TASK_SIZE): its errors are ignored */
		(void)mm_populate(u, 0, TASK_SIZE, false);
	return 0;
}

int mm_munlockall(struct mm *u)
{
	lock_all(u, 0);
	return 0;
}
