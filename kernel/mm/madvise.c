/*
 * madvise.c - madvise(2).
 *
 * Theory of operation. Advice is a hint about how a range will be used;
 * the only advice with an effect here is MADV_DONTNEED: the pages of the
 * range are dropped (ops->zap) but the areas stay, so the next touch
 * faults in a zero page. The checks and their order are Linux's
 * (do_madvise): the advice first, then alignment and length; the advice
 * applies to the mapped parts of the range and a hole makes the call
 * fail with -ENOMEM after the rest was advised.
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
	case MADV_FREE: return true;
	}
	return false;
}

/*
 * Linux's do_madvise: advice first, then alignment and length; the advice
 * applies to the mapped parts of the range and holes make it -ENOMEM.
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
		/*
		 * DONTNEED drops the pages now. FREE lets the kernel drop them
		 * lazily; keeping them is allowed, so it does nothing, like the
		 * other hints.
		 */
		if (advice == MADV_DONTNEED)
			mm_notify_zap(u, s, e);
		at = e;
		v = vma_next(v);
	}
	return err;
}
