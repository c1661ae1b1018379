/*
 * brk.c - the program break: brk(2) and xv6's sbrk.
 *
 * Theory of operation. The break is byte-exact (brk.byte-exact): u->brk is what
 * the program asked for, while the heap's pages run from start_brk to
 * PAGE_ALIGN(brk). A change within the same page only stores the number.
 * Growing adds a [heap] VMA (or extends the one ending at the old break)
 * after Linux's checks: the new range must fit below TASK_SIZE, end a
 * page short of the next area (brk.one-page-below-next-mapping), or 257 pages
 * short of a grows-down stack (brk.stack-guard-gap), and pass the overcommit
 * heuristic (brk.growth-needs-commit-headroom). Shrinking munmaps
 * [PAGE_ALIGN(new), PAGE_ALIGN(old)) whatever lives there
 * (brk.heap-is-ordinary-space), but only if some area meets that range
 * (brk.shrink-needs-an-area). Nothing is zeroed here: unmapped pages come back
 * as fresh zero frames from the fault handler (brk.new-memory-zero and
 * brk.shrink-within-page-keeps-bytes).
 *
 * Like Linux, brk never returns an error: a failure returns the old break
 * (brk.failure-returns-old-break). sbrk is built on the same code and returns
 * the old break or -ENOMEM, as glibc's sbrk and xv6's do
 * (sbrk.returns-old-break).
 */
#include "mm/mm_internal.h"

#include "lib/errno.h"

#define HEAP_FLAGS (VMA_ANON | VMA_HEAP | VMA_ACCOUNT)
#define HEAP_PROT (PROT_READ | PROT_WRITE)

/* Shrinks the heap's pages to end at newbrk; returns false if Linux refuses. */
static bool brk_shrink(struct mm *u, uint64_t newbrk, uint64_t oldbrk)
{
	/* brk.shrink-needs-an-area: with no area at all in the range, the kernel refuses. */
	if (!mm_range_mapped(u, newbrk, oldbrk))
		return false;
	struct mm_spares sp;
	bool split = mm_range_splits_one(u, newbrk, oldbrk);
	if (split && vma_count(&u->vmas) >= u->max_map_count)
		return false; /* munmap.split-at-map-count-enomem */
	if (!mm_spares_get(u, &sp, split))
		return false;
	mm_unmap_range(u, newbrk, oldbrk, &sp);
	mm_spares_put(u, &sp);
	return true;
}

/* Maps [oldbrk, newbrk) as heap; returns false if Linux refuses. */
static bool brk_grow(struct mm *u, uint64_t newbrk, uint64_t oldbrk)
{
	uint64_t len = newbrk - oldbrk; /* huge when PAGE_ALIGN wrapped to 0 */

	/* check_brk_limits: get_unmapped_area(MAP_FIXED) rules. */
	if (len > TASK_SIZE || oldbrk > TASK_SIZE - len || oldbrk < u->mmap_min_addr)
		return false;
	/*
	 * brk.one-page-below-next-mapping and brk.stack-guard-gap: one free
	 * page (plus the guard gap below a stack) must remain.
	 */
	struct vma *next = vma_find(&u->vmas, oldbrk);
	if (next && newbrk + PAGE_SIZE > vma_start_gap(next, u->stack_guard_gap))
		return false;
	/* do_brk_flags: map count, then the commit charge (brk.growth-needs-commit-headroom). */
	if (vma_count(&u->vmas) > u->max_map_count)
		return false;
	if (mm_over_budget(u, len / PAGE_SIZE))
		return false;

	/* mlock.future: after mlockall(MCL_FUTURE) the heap's new pages are locked */
	unsigned flags = HEAP_FLAGS | u->def_flags;
	struct vma *prev = vma_find(&u->vmas, oldbrk - 1);
	if (prev && prev->end == oldbrk && prev->start >= u->start_brk && prev->prot == HEAP_PROT &&
	    prev->flags == flags) {
		prev->end = newbrk; /* next is at least a page away */
		return true;
	}
	struct vma *v = u->ops->alloc(u->ctx);
	if (!v)
		return false;
	v->start = oldbrk;
	v->end = newbrk;
	v->prot = HEAP_PROT;
	v->flags = flags;
	vma_insert(&u->vmas, v);
	return true;
}

/* Linux's SYSCALL_DEFINE1(brk), minus RLIMIT_DATA. */
uint64_t mm_brk(struct mm *u, uint64_t addr)
{
	uint64_t orig = u->brk;
	/*
	 * includes brk(0): brk.zero-returns-break,
	 * brk.failure-returns-old-break and brk.start-empties-heap
	 */
	if (addr < u->start_brk)
		return orig;
	uint64_t newbrk = mm_page_align(addr), oldbrk = mm_page_align(u->brk);
	/*
	 * same page: only the number moves (brk.byte-exact and
	 * brk.shrink-within-page-keeps-bytes)
	 */
	if (newbrk == oldbrk) {
		u->brk = addr;
		return addr;
	}
	bool ok = addr <= u->brk ? brk_shrink(u, newbrk, oldbrk) : brk_grow(u, newbrk, oldbrk);
	if (!ok)
		return orig;
	u->brk = addr;
	/* mlock.future: locked memory is paged in; as on Linux, a failure
	 * to do so leaves the new break (the pages come on first touch) */
	if (newbrk > oldbrk && (u->def_flags & VMA_LOCKED))
		(void)mm_populate(u, oldbrk, newbrk, false);
	return addr;
}

/* Moves the break by increment with the overflow checks of glibc's sbrk. */
int64_t mm_sbrk(struct mm *u, int64_t increment)
{
	uint64_t old = u->brk, target;
	if (increment == 0)
		return (int64_t)old;
	if (increment > 0) {
		target = old + (uint64_t)increment;
		if (target < old)
			return -ENOMEM;
	} else {
		uint64_t down = (uint64_t)0 - (uint64_t)increment;
		if (down > old)
			return -ENOMEM;
		target = old - down;
	}
	if (mm_brk(u, target) != target)
		return -ENOMEM;
	return (int64_t)old;
}
