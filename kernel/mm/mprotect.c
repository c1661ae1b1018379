/*
 * mprotect.c - mprotect(2) and madvise(2).
 *
 * Theory of operation. mprotect checks its arguments in Linux's order
 * (mprotect.order-of-checks), then walks the areas from addr upwards, changing
 * each piece's protection: an area only partly inside the range is split first,
 * and the changed piece is merged back with neighbours that now match
 * (mprotect.split-merge). The walk stops with -ENOMEM at the first hole,
 * leaving the pieces before it changed: Linux's mprotect is not atomic
 * (mprotect.not-atomic).
 *
 * Making private memory writable charges it against the RAM budget once
 * (VMA_ACCOUNT, Linux's VM_ACCOUNT), so a huge read-only mapping cannot
 * become writable behind the overcommit heuristic's back.
 *
 * Anonymous memory may take any protection; a MAP_SHARED file opened
 * read-only may not become writable (VMA_NOMAYWRITE): EACCES, at the
 * piece where the walk meets it (mprotect.eacces).
 */
#include "mm/mm_internal.h"

#include "lib/errno.h"
#include "lib/panic.h" /* the mmap lab's stub (docs/labs/mmap.md) */

#define PROT_RWX (PROT_READ | PROT_WRITE | PROT_EXEC)

/*
 * Gives [s, e), inside area v, protection prot: splits v as needed
 * (spares reserved by the caller), charges newly writable private memory,
 * notifies ops->protect and merges. Returns 0, -EACCES or -ENOMEM (v
 * unchanged).
 */
static int change_piece(struct mm *u, struct vma *v, uint64_t s, uint64_t e, unsigned prot)
{
	unsigned flags = v->flags;
	if ((prot & PROT_WRITE) && (flags & VMA_NOMAYWRITE))
		return -EACCES;
	if ((prot & PROT_EXEC) && (flags & VMA_NOMAYEXEC))
		return -EACCES;
	if (v->prot == prot)
		return 0;
	/* mlock.populates-growth: locked private memory made writable is
	 * paged in (Linux's mprotect_fixup breaks its copy-on-write now) */
	bool fault_in = (flags & (VMA_LOCKED | VMA_SHARED)) == VMA_LOCKED &&
			!(v->prot & PROT_WRITE) && (prot & PROT_WRITE);
	if ((prot & PROT_WRITE) && !(v->prot & PROT_WRITE) &&
	    !(flags & (VMA_ACCOUNT | VMA_SHARED | VMA_NORESERVE))) {
		if (mm_over_budget(u, (e - s) / PAGE_SIZE))
			return -ENOMEM;
		flags |= VMA_ACCOUNT;
	}
	unsigned splits = (s > v->start) + (e < v->end);
	if (splits && vma_count(&u->vmas) + splits > u->max_map_count)
		return -ENOMEM; /* mmap.max-map-count: split_vma refuses at max_map_count */
	struct mm_spares sp;
	if (!mm_spares_get(u, &sp, splits))
		return -ENOMEM;
	/* LAB(mmap) BEGIN: part 3, change only [s, e): split v around it (docs/labs/mmap.md)
	 * stub: (void)sp;
	 * stub: panic("not implemented: see docs/labs/mmap.md (part 3, change_piece)");
	 */
	if (s > v->start)
		v = vma_split(&u->vmas, v, s, mm_spare_take(&sp));
	if (e < v->end)
		vma_split(&u->vmas, v, e, mm_spare_take(&sp));
	v->prot = prot;
	v->flags = flags;
	mm_notify_protect(u, s, e, prot);
	mm_merge(u, v);
	/* LAB(mmap) END */
	if (fault_in) /* as on Linux, a failure leaves the pages to first touch */
		(void)mm_populate(u, s, e, false);
	return 0;
}

/* Linux's do_mprotect_pkey without pkeys: mprotect.order-of-checks. */
int mm_mprotect(struct mm *u, uint64_t addr, uint64_t len, unsigned long prot)
{
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP)) /* mprotect.bad-prot-einval */
		return -EINVAL;
	if (addr & PAGE_MASK) /* mprotect.unaligned-einval: before len == 0 */
		return -EINVAL;
	if (len == 0) /* mprotect.len-zero-ok */
		return 0;
	len = mm_page_align(len); /* mprotect.len-rounded-up */
	uint64_t end = addr + len;
	if (end <= addr) /* mprotect.wrapping-end-enomem */
		return -ENOMEM;
	prot &= ~grows;
	/* mprotect.bad-prot-einval: before the lookup */
	if (prot & ~(unsigned long)(PROT_RWX | PROT_SEM))
		return -EINVAL;

	struct vma *v = vma_find(&u->vmas, addr);
	if (!v) /* mprotect.unmapped-enomem */
		return -ENOMEM;
	if (grows & PROT_GROWSDOWN) {
		/* Extend the range down to the start of a grows-down area. */
		if (v->start >= end)
			return -ENOMEM;
		addr = v->start;
		if (!(v->flags & VMA_GROWSDOWN)) /* mprotect.bad-prot-einval */
			return -EINVAL;
	} else {
		if (v->start > addr) /* mprotect.not-atomic: first page unmapped, nothing changes */
			return -ENOMEM;
		if (grows & PROT_GROWSUP) /* no area grows up on x86 */
			return -EINVAL;
	}

	unsigned vprot = (unsigned)prot & PROT_RWX; /* PROT_SEM means nothing on x86 */
	uint64_t at = addr;
	for (;;) {
		uint64_t piece_end = v->end < end ? v->end : end;
		int err = change_piece(u, v, at, piece_end, vprot);
		if (err)
			return err;
		at = piece_end;
		if (at >= end)
			return 0;
		/* The area holding `at` (a merge may have made it start lower). */
		v = vma_find(&u->vmas, at);
		/* mprotect.not-atomic: a hole; what came before stays changed */
		if (!v || v->start > at)
			return -ENOMEM;
	}
}
