/*
 * msync.c - msync(2).
 *
 * Theory of operation. msync writes a shared file mapping's changed pages
 * back to the file. Nothing here is ever dirty: the boot file system is
 * read-only, so no file is mapped shared and writable (filemap_rules.c),
 * and anonymous memory has no file to go to. What is left is what a
 * program sees, Linux's checks in Linux's order (its SYSCALL_DEFINE3(msync)):
 *  - flags other than MS_ASYNC, MS_INVALIDATE, MS_SYNC, a misaligned
 *    address, or MS_ASYNC with MS_SYNC: -EINVAL (msync.flags);
 *  - the length is rounded up to pages; a range that then wraps is
 *    -ENOMEM, an empty one 0;
 *  - the range is walked area by area: a hole makes the result -ENOMEM
 *    but the walk goes on, except that MS_SYNC alone stops at the first
 *    hole (msync.holes); MS_INVALIDATE of a locked area stops it with
 *    -EBUSY, which wins over a hole before it (msync.invalidate-locked).
 */
#include "mm/mm_internal.h"

#include "lib/errno.h"

int mm_msync(struct mm *u, uint64_t addr, uint64_t len, int flags)
{
	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (addr & PAGE_MASK)
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	uint64_t end = addr + mm_page_align(len);
	if (end < addr)
		return -ENOMEM;
	int hole = 0;
	for (uint64_t at = addr; at < end;) {
		struct vma *v = vma_find(&u->vmas, at); /* the first area ending after at */
		if (!v)
			return -ENOMEM;
		if (at < v->start) { /* a hole before v */
			if (flags == MS_SYNC)
				return -ENOMEM;
			at = v->start;
			if (at >= end)
				return -ENOMEM;
			hole = -ENOMEM;
		}
		if ((flags & MS_INVALIDATE) && (v->flags & VMA_LOCKED))
			return -EBUSY;
		at = v->end;
	}
	return hole;
}
