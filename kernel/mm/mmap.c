/*
 * mmap.c - mmap(2) and munmap(2): the arguments and the areas.
 *
 * Theory of operation. mmap validates its arguments in exactly Linux's
 * order, because when several are wrong the first check decides the errno
 * (mmap.order-of-checks lists it); then it chooses an address
 * (get_area below), charges the overcommit budget, removes whatever
 * MAP_FIXED replaces and inserts the new VMA, merging it with compatible
 * neighbours (mmap.kernel-picks-top-down). Nothing is read or allocated
 * here: the pages come on first touch (fault.c).
 *
 * A mapping without MAP_ANONYMOUS maps a file of the boot file system.
 * The system call (sys/sys_mm.c) turns the descriptor into a struct
 * mm_mmap_source (a bad one stays EBADF, checked right after the offset
 * as Linux's fget is); filemap_rules.c applies Linux's rules for files
 * (what the descriptor's mode allows, which types and flags a file
 * takes), in place of the anonymous ones (anon_type below). Here a file
 * area differs from an anonymous one only in what it records: the file
 * and its origin (vma.h), so that munmap, mprotect, madvise and fork
 * treat it like any other area, and in its charge (a shared file's pages
 * are the file's, never charged). Its pages come on first touch from the
 * page cache (filemap.c's faults, pagecache.c's frames: that file says
 * when they are freed).
 *
 * Placement (Linux's arch_get_unmapped_area_topdown on x86-64):
 *  - MAP_FIXED: exactly addr;
 *  - a hint: used exactly if [hint, hint + len) is free, else ignored;
 *  - otherwise the highest free range below mmap_base (top-down), falling
 *    back to a bottom-up search above TASK_SIZE/3 when that is full;
 *  - MAP_32BIT: bottom-up in [1 GiB, 2 GiB).
 * A grows-down area keeps stack_guard_gap free below it in every search.
 *
 * munmap removes whole pages, splitting or trimming areas
 * (munmap.splits-areas); a range with nothing mapped is not an error.
 */
#include "mm/mm_internal.h"

#include "lib/errno.h"
#include "lib/panic.h" /* the mmap lab's stub (docs/labs/mmap.md) */
#include "mm/filemap.h"

/* Returns true if [a, a + len) is free, counting the guard gap below stacks. */
static bool range_free(const struct mm *u, uint64_t a, uint64_t len)
{
	struct vma *v = vma_find(&u->vmas, a);
	return !v || a + len <= vma_start_gap(v, u->stack_guard_gap);
}

/*
 * Linux's __get_unmapped_area for an anonymous mapping: returns the
 * address or -ENOMEM / -EINVAL / -EPERM, in Linux's order.
 */
static int64_t get_area(const struct mm *u, uint64_t addr, uint64_t len, unsigned long flags,
			uint64_t huge)
{
	uint64_t a, guard = u->stack_guard_gap;
	if (len > TASK_SIZE)
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		/*
		 * Exactly addr, whatever the length: a fixed mapping at 0 over
		 * nearly all of user space is refused below by mmap_min_addr
		 * (EPERM), not for its size (mmap.low-address-eperm). A huge
		 * page mapping must start on a huge page (mmap.hugetlb).
		 */
		if (huge && (addr & (huge - 1)))
			return -EINVAL;
		a = addr;
	} else if (len > TASK_SIZE - u->mmap_min_addr) {
		return -ENOMEM; /* no gap can hold it */
	} else if (flags & MAP_32BIT) {
		/*
		 * Linux's arch_get_unmapped_area: len > end is ENOMEM, hint or
		 * not (mmap.placement-flags); it also keeps the hint test
		 * below from underflowing.
		 */
		if (len > MM_32BIT_END)
			return -ENOMEM;
		uint64_t h = mm_page_align(addr);
		if (h && h <= MM_32BIT_END - len && range_free(u, h, len))
			a = h;
		else
			a = vma_gap_bottomup(&u->vmas, len, MM_32BIT_BASE, MM_32BIT_END, guard);
		if (a == VMA_NO_GAP)
			return -ENOMEM;
	} else {
		/* A hint at or past TASK_SIZE - len is invalid and ignored (mmap.hint). */
		if (addr && addr <= TASK_SIZE - len && range_free(u, addr, len))
			return (int64_t)addr;
		a = vma_gap_topdown(&u->vmas, len, u->mmap_min_addr, u->mmap_base, guard);
		if (a == VMA_NO_GAP) {
			uint64_t legacy = mm_page_align(TASK_SIZE / 3);
			a = vma_gap_bottomup(&u->vmas, len, legacy, TASK_SIZE, guard);
		}
		if (a == VMA_NO_GAP)
			return -ENOMEM;
	}
	if (a > TASK_SIZE - len) /* mmap.top-of-user-space */
		return -ENOMEM;
	if (a & PAGE_MASK) /* only a MAP_FIXED addr can be misaligned (mmap.fixed) */
		return -EINVAL;
	if (a < u->mmap_min_addr) /* no CAP_SYS_RAWIO in Interlude (mmap.low-address-eperm) */
		return -EPERM;
	return (int64_t)a;
}

/* mremap's placement: get_area without huge pages. */
int64_t mm_get_area(const struct mm *u, uint64_t addr, uint64_t len, unsigned long flags)
{
	return get_area(u, addr, len, flags, 0);
}

/* What map_region makes: the new area's protection, kind and file. */
struct region {
	unsigned prot, vflags;
	const struct mm_file *file; /* a VMA_FILE area's */
	uint64_t off;		    /* its offset in the file, in bytes */
};

/*
 * Linux's mmap_region: charge, replace, insert, merge, and with populate
 * page it in. Returns a, or -ENOMEM having changed nothing (except what a
 * MAP_FIXED mapping replaced, if it was the populating that failed).
 */
static int64_t map_region(struct mm *u, uint64_t a, uint64_t len, const struct region *r,
			  bool fixed, bool populating)
{
	unsigned vflags = r->vflags;
	uint64_t end = a + len;
	bool split = fixed && mm_range_splits_one(u, a, end);
	struct mm_spares sp;

	/*
	 * mmap.max-map-count and munmap.split-at-map-count-enomem: replacing
	 * the middle of an area needs one more VMA.
	 */
	if (split && vma_count(&u->vmas) >= u->max_map_count)
		return -ENOMEM;
	/*
	 * mmap.commit-accounting: pages already charged in a replaced range are
	 * not charged twice.
	 */
	if (vflags & VMA_ACCOUNT) {
		uint64_t charge = len / PAGE_SIZE;
		if (fixed)
			charge -= mm_accounted_pages(u, a, end);
		if (mm_over_budget(u, charge))
			return -ENOMEM;
	}
	/*
	 * One spare more when populating: undoing the mapping may have to
	 * cut it out of an area it merged with on both sides.
	 */
	if (!mm_spares_get(u, &sp, 1 + split + populating))
		return -ENOMEM;
	if (fixed)
		mm_unmap_range(u, a, end, &sp); /* mmap.fixed: replaces silently */
	struct vma *v = mm_spare_take(&sp);
	v->start = a;
	v->end = end;
	v->prot = r->prot;
	v->flags = vflags;
	v->file = r->file;
	mm_file_ref(v->file, 1);     /* the area's; op_free (fault.c) drops it */
	v->file_origin = a - r->off; /* may wrap: only differences are used */
	vma_insert(&u->vmas, v);
	mm_merge(u, v);
	int err = populating ? mm_populate(u, a, end, false) : 0;
	if (err) /* out of memory: the mapping goes again, with its frames */
		mm_unmap_range(u, a, end, &sp);
	mm_spares_put(u, &sp);
	return err ? err : (int64_t)a;
}

/*
 * The huge page size MAP_HUGETLB asks for, from the size bits above
 * MAP_HUGE_SHIFT (0: the default, 2 MiB); 0 for a size x86-64 has no
 * huge pages of (Linux's hstate_sizelog finds no hstate: -EINVAL).
 */
static uint64_t hugetlb_size(unsigned long flags)
{
	switch ((flags >> MAP_HUGE_SHIFT) & MAP_HUGE_MASK) {
	case 0:
	case 21: return 1ULL << 21;
	case 30: return 1ULL << 30;
	}
	return 0;
}

/*
 * The mapping type of anonymous memory (mmap.type-must-be-valid): adds to
 * *vflags what flags ask for; returns 0 or -EINVAL.
 */
static int anon_type(unsigned long flags, uint64_t huge, unsigned *vflags)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED_VALIDATE: /* files only; a huge page mapping is a file */
		if (!huge)
			return -EINVAL;
		/* fall through */
	case MAP_SHARED:
		if (flags & MAP_GROWSDOWN) /* mmap.shared-growsdown-einval */
			return -EINVAL;
		*vflags |= VMA_SHARED;
		return 0;
	case MAP_PRIVATE: return 0;
	case MAP_DROPPABLE:
		/*
		 * mmap.droppable: its pages may vanish at any time, so it may
		 * not be locked, grow down or use huge pages; it is never
		 * copied by fork nor dumped.
		 */
		if (flags & (MAP_LOCKED | MAP_HUGETLB | MAP_GROWSDOWN))
			return -EINVAL;
		*vflags |= VMA_DROPPABLE | VMA_WIPEONFORK | VMA_DONTDUMP;
		return 0;
	}
	return -EINVAL; /* 0 and the rest */
}

/*
 * Linux's sys_mmap -> ksys_mmap_pgoff -> do_mmap. src is the file a
 * non-anonymous mapping maps, or NULL: a descriptor that names none.
 */
static int64_t do_mmap(struct mm *u, uint64_t addr, uint64_t len, unsigned long prot,
		       unsigned long flags, const struct mm_mmap_source *src, uint64_t off)
{
	if (off & PAGE_MASK) /* mmap.offset-aligned-first: before anything else */
		return -EINVAL;
	if (flags & MAP_ANONYMOUS)
		src = NULL; /* MAP_ANONYMOUS ignores fd (mmap.anonymous-ignores-fd) */
	/* a bad fd, and EBADF beats len == 0 (mmap.anonymous-ignores-fd) */
	else if (!src)
		return -EBADF;
	else if (flags & MAP_HUGETLB) /* our files are not hugetlbfs's */
		return -EINVAL;
	/*
	 * mmap.hugetlb: ksys_mmap_pgoff first finds the huge page size (bad
	 * size bits: -EINVAL) and rounds len up to it (wrapping to 0, which
	 * is -EINVAL next).
	 */
	uint64_t huge = 0;
	if (flags & MAP_HUGETLB) {
		huge = hugetlb_size(flags);
		if (!huge)
			return -EINVAL;
		len = (len + huge - 1) & ~(huge - 1);
	}
	if (len == 0) /* mmap.len-zero-einval */
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!(flags & MAP_FIXED)) { /* round_hint_to_min (mmap.hint) */
		addr &= ~PAGE_MASK;
		if (addr && addr < u->mmap_min_addr)
			addr = mm_page_align(u->mmap_min_addr);
	}
	len = mm_page_align(len);
	if (len == 0) /* PAGE_ALIGN overflowed: ENOMEM, before the type (mmap.huge-len-enomem) */
		return -ENOMEM;
	/* pgoff + pages cannot overflow 64 bits here, so no EOVERFLOW. */
	if (vma_count(&u->vmas) > u->max_map_count) /* mmap.max-map-count */
		return -ENOMEM;

	int64_t a = get_area(u, addr, len, flags, huge);
	if (a < 0)
		return a;
	if ((flags & MAP_FIXED_NOREPLACE) && mm_range_mapped(u, (uint64_t)a, (uint64_t)a + len))
		return -EEXIST; /* mmap.fixed-noreplace-eexist */

	/* mmap.type-must-be-valid; after the length (mmap.huge-len-enomem) */
	unsigned vflags = src ? VMA_FILE : VMA_ANON;
	int err = src ? filemap_type(src, &flags, prot, &vflags) : anon_type(flags, huge, &vflags);
	if (err)
		return err;
	/*
	 * mmap.hugetlb: no huge pages are reserved (Linux with nr_hugepages
	 * = 0), so reserving them for the mapping fails.
	 */
	if (huge)
		return -ENOMEM;
	if (flags & MAP_LOCKED) /* mmap.locked: remembered for madvise */
		vflags |= VMA_LOCKED;
	if (!(vflags & VMA_DROPPABLE)) /* mlock.future: after mlockall(MCL_FUTURE) */
		vflags |= u->def_flags;
	if (flags & MAP_GROWSDOWN)
		vflags |= VMA_GROWSDOWN;
	if (flags & MAP_NORESERVE)
		vflags |= VMA_NORESERVE;
	/*
	 * Private writable memory is charged (mmap.commit-accounting); shared
	 * anonymous memory too, whatever its prot, as shmem charges its size
	 * (measured on Linux 6.18: a 1 TiB MAP_SHARED PROT_READ map gives
	 * ENOMEM). A shared file's pages are the file's: never charged.
	 */
	bool shared = vflags & VMA_SHARED;
	if (!(flags & MAP_NORESERVE) && ((shared && !src) || (!shared && (prot & PROT_WRITE))))
		vflags |= VMA_ACCOUNT;
	/* Unknown prot bits are accepted and dropped (mmap.prot-not-validated). */
	struct region r = {
	    .prot = (unsigned)prot & (PROT_READ | PROT_WRITE | PROT_EXEC),
	    .vflags = vflags,
	    .file = src ? src->file : NULL,
	    .off = src ? off : 0,
	};
	return map_region(u, (uint64_t)a, len, &r, (flags & MAP_FIXED) != 0,
			  (flags & MAP_POPULATE) || (vflags & VMA_LOCKED));
}

/* Anonymous memory; without MAP_ANONYMOUS, fd names no file: -EBADF. */
int64_t mm_mmap(struct mm *u, uint64_t addr, uint64_t len, unsigned long prot, unsigned long flags,
		int fd, uint64_t off)
{
	(void)fd;
	return do_mmap(u, addr, len, prot, flags, NULL, off);
}

/* A file (or, with MAP_ANONYMOUS, anonymous memory: src is ignored). */
int64_t mm_mmap_file(struct mm *u, uint64_t addr, uint64_t len, unsigned long prot,
		     unsigned long flags, const struct mm_mmap_source *src, uint64_t off)
{
	return do_mmap(u, addr, len, prot, flags, src, off);
}

/* Linux's __vm_munmap -> do_vmi_munmap: munmap.order-of-checks. */
int mm_munmap(struct mm *u, uint64_t addr, uint64_t len)
{
	/* LAB(mmap) BEGIN: part 1, munmap's arguments, checked in Linux's order (docs/labs/mmap.md)
	 * stub: (void)u; (void)addr; (void)len;
	 * stub: panic("not implemented: see docs/labs/mmap.md (part 1, mm_munmap)");
	 */
	/*
	 * munmap.unaligned-einval and munmap.out-of-range-einval: misaligned or
	 * outside [0, TASK_SIZE).
	 */
	if ((addr & PAGE_MASK) || addr > TASK_SIZE || len > TASK_SIZE - addr)
		return -EINVAL;
	len = mm_page_align(len); /* munmap.len-rounded-up */
	if (len == 0)		  /* munmap.len-zero-einval */
		return -EINVAL;
	/* LAB(mmap) END */
	uint64_t end = addr + len;
	if (!mm_range_mapped(u, addr, end)) /* munmap.nothing-mapped-ok */
		return 0;
	bool split = mm_range_splits_one(u, addr, end);
	if (split && vma_count(&u->vmas) >= u->max_map_count) /* munmap.split-at-map-count-enomem */
		return -ENOMEM;
	struct mm_spares sp;
	if (!mm_spares_get(u, &sp, split))
		return -ENOMEM;
	mm_unmap_range(u, addr, end, &sp); /* munmap.splits-areas */
	mm_spares_put(u, &sp);
	return 0;
}
