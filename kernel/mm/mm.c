/*
 * mm.c - a process's address space (struct mm): setup, teardown, what a
 * page fault means, printing, and the helpers the system calls share.
 *
 * Theory of operation. A process's address space is a set of VMAs
 * (vma.h) plus a few numbers: the program break, the top of the mmap area
 * and the stack. The system calls (brk.c, mmap.c, mprotect.c, madvise.c)
 * only edit this set; page tables follow lazily: a fresh area has no
 * pages, and the first touch faults, mm_fault_check() finds the VMA and
 * the kernel maps a zeroed frame with the VMA's protection. When areas
 * shrink, vanish or change protection, the ops callbacks tell the kernel
 * to fix the pages it had mapped there.
 *
 * The initial layout, as for a static non-PIE program on Linux without
 * address randomisation (layout.static-binary, brk.initial-break-page-aligned):
 *
 *   0x7ffffffff000  TASK_SIZE = STACK_TOP: end of the stack
 *        [stack]    grows down, up to stack_limit (8 MiB)
 *   mmap_base       TASK_SIZE - max(stack_limit + guard gap, 128 MiB),
 *                   which is Linux's mmap_base without its random part
 *        mmap area  grows down from mmap_base
 *        ...
 *        [heap]     from start_brk up to the break
 *   start_brk       the page after the highest ELF segment
 *   0x400000        the ELF segments ([image])
 *   0x10000         mmap_min_addr: nothing is ever mapped below 64 KiB
 */
#include "mm/mm_internal.h"

#include "lib/panic.h" /* the mmap lab's stubs (docs/labs/mmap.md) */

#include "lib/errno.h"

/* Returns Linux's mmap_base without randomisation for u's stack limit. */
static uint64_t default_mmap_base(const struct mm *u)
{
	uint64_t gap = u->stack_limit + u->stack_guard_gap;
	if (gap < MM_MMAP_GAP_MIN)
		gap = MM_MMAP_GAP_MIN;
	return TASK_SIZE - gap;
}

/* Sets up an empty u: Linux's tunables, the break at 0 until mm_setup. */
void mm_init(struct mm *u, const struct mm_ops *ops, void *ctx, uint64_t ram_pages)
{
	vma_set_init(&u->vmas);
	u->start_brk = u->brk = 0;
	u->stack_top = 0;
	u->stack_limit = MM_STACK_LIMIT;
	u->stack_guard_gap = MM_STACK_GUARD_GAP;
	u->mmap_min_addr = MMAP_MIN_ADDR;
	u->ram_pages = ram_pages;
	u->max_map_count = MM_MAX_MAP_COUNT;
	u->def_flags = 0;
	u->ops = ops;
	u->ctx = ctx;
	u->mmap_base = default_mmap_base(u);
}

/* Allocates a VMA and fills it in; returns NULL when out of memory. */
static struct vma *new_vma(struct mm *u, uint64_t start, uint64_t end, unsigned prot,
			   unsigned flags)
{
	struct vma *v = u->ops->alloc(u->ctx);
	if (!v)
		return NULL;
	v->start = start;
	v->end = end;
	v->prot = prot;
	v->flags = flags;
	return v;
}

/*
 * Adds the image segments and the stack; on failure undoes everything.
 * Writable segments are private writable memory, charged as Linux charges
 * them (its ELF loader's bss through vm_brk_flags, the data through the
 * private file mapping): more than all of RAM is -ENOMEM before anything
 * is made (exec.bss-demand-zero).
 */
int mm_setup(struct mm *u, const struct mm_segment *segs, size_t nsegs, uint64_t stack_size)
{
	uint64_t top = 0, charge = 0;
	int err = -EINVAL;
	stack_size = mm_page_align(stack_size);
	if (stack_size == 0 || stack_size > u->stack_limit || vma_count(&u->vmas) != 0)
		return -EINVAL;
	for (size_t i = 0; i < nsegs; i++) {
		uint64_t s = segs[i].start & ~PAGE_MASK, e = mm_page_align(segs[i].end);
		if (segs[i].end <= segs[i].start || e == 0)
			return -EINVAL;
		if (segs[i].prot & PROT_WRITE)
			charge += (e - s) / PAGE_SIZE;
	}
	if (mm_over_budget(u, charge))
		return -ENOMEM;
	for (size_t i = 0; i < nsegs; i++) {
		uint64_t s = segs[i].start & ~PAGE_MASK, e = mm_page_align(segs[i].end);
		if (segs[i].end <= segs[i].start || e == 0 || e > u->mmap_base ||
		    s < u->mmap_min_addr)
			goto fail;
		unsigned prot = segs[i].prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
		struct vma *v =
		    new_vma(u, s, e, prot, VMA_IMAGE | (prot & PROT_WRITE ? VMA_ACCOUNT : 0));
		if (!v) {
			err = -ENOMEM;
			goto fail;
		}
		if (!vma_insert(&u->vmas, v)) { /* segments overlapping after rounding */
			u->ops->free(u->ctx, v);
			goto fail;
		}
		if (e > top)
			top = e;
	}
	/*
	 * No randomisation: the heap starts right after the image
	 * (brk.initial-break-page-aligned).
	 */
	u->start_brk = u->brk = top;

	struct vma *stack = new_vma(u, STACK_TOP - stack_size, STACK_TOP, PROT_READ | PROT_WRITE,
				    VMA_ANON | VMA_STACK | VMA_GROWSDOWN);
	if (!stack) {
		err = -ENOMEM;
		goto fail;
	}
	vma_insert(&u->vmas, stack);
	u->stack_top = STACK_TOP;
	u->mmap_base = default_mmap_base(u);
	return 0;
fail:
	mm_clear(u);
	return err;
}

/* Removes every VMA, lowest first, telling ops->unmap and freeing each. */
void mm_clear(struct mm *u)
{
	struct vma *v;
	while ((v = vma_first(&u->vmas)) != NULL) {
		vma_remove(&u->vmas, v);
		mm_notify_unmap(u, v->start, v->end);
		u->ops->free(u->ctx, v);
	}
	u->start_brk = u->brk = 0;
	u->stack_top = 0;
}

/* Allocates n spares up front, so later steps cannot fail halfway. */
bool mm_spares_get(struct mm *u, struct mm_spares *sp, unsigned n)
{
	sp->n = 0;
	while (sp->n < n) {
		struct vma *v = u->ops->alloc(u->ctx);
		if (!v) {
			mm_spares_put(u, sp);
			return false;
		}
		sp->v[sp->n++] = v;
	}
	return true;
}

/* Returns the last spare. */
struct vma *mm_spare_take(struct mm_spares *sp)
{
	return sp->v[--sp->n];
}

/* Frees whatever the call did not use. */
void mm_spares_put(struct mm *u, struct mm_spares *sp)
{
	while (sp->n)
		u->ops->free(u->ctx, sp->v[--sp->n]);
}

/* Returns true if the first VMA ending above start begins below end. */
bool mm_range_mapped(const struct mm *u, uint64_t start, uint64_t end)
{
	struct vma *v = vma_find(&u->vmas, start);
	return v && v->start < end;
}

/* Returns true if removing [start, end) would cut one VMA in two. */
bool mm_range_splits_one(const struct mm *u, uint64_t start, uint64_t end)
{
	struct vma *v = vma_find(&u->vmas, start);
	return v && v->start < start && v->end > end;
}

/* Sums the overlap of [start, end) with VMA_ACCOUNT areas, in pages. */
uint64_t mm_accounted_pages(const struct mm *u, uint64_t start, uint64_t end)
{
	uint64_t bytes = 0;
	for (struct vma *v = vma_find(&u->vmas, start); v && v->start < end; v = vma_next(v)) {
		if (!(v->flags & VMA_ACCOUNT))
			continue;
		uint64_t s = v->start > start ? v->start : start, e = v->end < end ? v->end : end;
		bytes += e - s;
	}
	return bytes / PAGE_SIZE;
}

/*
 * Linux's heuristic overcommit (vm.overcommit_memory=0) refuses a single
 * charge larger than all of RAM plus swap; we have no swap
 * (brk.growth-needs-commit-headroom and mmap.commit-accounting).
 */
bool mm_over_budget(const struct mm *u, uint64_t pages)
{
	return pages > u->ram_pages;
}

/* Tells the caller that [start, end) is no longer mapped. */
void mm_notify_unmap(struct mm *u, uint64_t start, uint64_t end)
{
	if (u->ops->unmap && start < end)
		u->ops->unmap(u->ctx, start, end);
}

/* Tells the caller that [start, end) now has protection prot. */
void mm_notify_protect(struct mm *u, uint64_t start, uint64_t end, unsigned prot)
{
	if (u->ops->protect && start < end)
		u->ops->protect(u->ctx, start, end, prot);
}

/* Tells the caller to discard the pages of [start, end). */
void mm_notify_zap(struct mm *u, uint64_t start, uint64_t end)
{
	if (u->ops->zap && start < end)
		u->ops->zap(u->ctx, start, end);
}

/*
 * Walks the VMAs meeting [start, end): one strictly containing the range
 * is split around the hole; ones overlapping an edge are trimmed in place
 * (their order is unchanged); ones inside are removed and freed.
 */
void mm_unmap_range(struct mm *u, uint64_t start, uint64_t end, struct mm_spares *sp)
{
	/* LAB(mmap) BEGIN: part 2, split, trim or remove the areas of a hole (docs/labs/mmap.md)
	 * stub: (void)u; (void)start; (void)end; (void)sp;
	 * stub: panic("not implemented: see docs/labs/mmap.md (part 2, mm_unmap_range)");
	 */
	struct vma *v = vma_find(&u->vmas, start);
	while (v && v->start < end) {
		if (v->start < start && v->end > end) {
			vma_split(&u->vmas, v, end, mm_spare_take(sp));
			v->end = start;
			mm_notify_unmap(u, start, end);
			return;
		}
		if (v->start < start) { /* keep the head */
			mm_notify_unmap(u, start, v->end);
			v->end = start;
			v = vma_next(v);
		} else if (v->end > end) { /* keep the tail */
			mm_notify_unmap(u, v->start, end);
			v->start = end;
			return;
		} else {
			struct vma *next = vma_next(v);
			vma_remove(&u->vmas, v);
			mm_notify_unmap(u, v->start, v->end);
			u->ops->free(u->ctx, v);
			v = next;
		}
	}
	/* LAB(mmap) END */
}

/* Lets the lower VMA absorb v, then v absorb the upper one, when compatible. */
struct vma *mm_merge(struct mm *u, struct vma *v)
{
	/* LAB(mmap) BEGIN: part 4, merge an area with its compatible neighbours (docs/labs/mmap.md)
	 * stub: (void)u; (void)v;
	 * stub: panic("not implemented: see docs/labs/mmap.md (part 4, mm_merge)");
	 */
	struct vma *prev = vma_prev(v), *gone;
	if (prev && vma_mergeable(prev, v)) {
		gone = vma_merge_next(&u->vmas, prev);
		u->ops->free(u->ctx, gone);
		v = prev;
	}
	gone = vma_merge_next(&u->vmas, v);
	if (gone)
		u->ops->free(u->ctx, gone);
	return v;
	/* LAB(mmap) END */
}

/*
 * Returns true if prot allows the access. On x86 every present page is
 * readable, so a writable or executable area is readable too
 * (mmap.prot-enforcement); only PROT_NONE refuses reads.
 */
static bool access_allowed(unsigned prot, unsigned access)
{
	if ((access & MM_ACCESS_WRITE) && !(prot & PROT_WRITE))
		return false;
	if ((access & MM_ACCESS_EXEC) && !(prot & PROT_EXEC))
		return false;
	if ((access & MM_ACCESS_READ) && !(prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
		return false;
	return true;
}

/*
 * Tries to extend grows-down area v down to cover addr (Linux's
 * expand_downwards): the area may not exceed stack_limit, and must stay
 * stack_guard_gap above an accessible, non-grows-down area below it.
 */
static bool grow_stack(struct mm *u, struct vma *v, uint64_t addr)
{
	/* LAB(lazy) BEGIN: part 3, grow the stack down, within its limit and guard gap (lazy.md)
	 * stub: (void)u; (void)v; (void)addr;
	 * stub: panic("not implemented: see docs/labs/lazy.md (part 3, grow_stack)");
	 */
	uint64_t new_start = addr & ~PAGE_MASK;
	if (new_start < u->mmap_min_addr || v->end - new_start > u->stack_limit)
		return false;
	struct vma *prev = vma_prev(v);
	if (prev && !(prev->flags & VMA_GROWSDOWN) && prev->prot != PROT_NONE &&
	    new_start - prev->end < u->stack_guard_gap)
		return false;
	v->start = new_start; /* still above prev: the tree order holds */
	return true;
	/* LAB(lazy) END */
}

/* Finds the VMA for addr, growing the stack when that is what the fault asks. */
enum mm_fault mm_fault_check(struct mm *u, uint64_t addr, unsigned access, struct vma **vp)
{
	if (addr >= TASK_SIZE)
		return MM_FAULT_MAPERR;
	struct vma *v = vma_find(&u->vmas, addr);
	if (!v)
		return MM_FAULT_MAPERR;
	if (v->start > addr) {
		if (!(v->flags & VMA_GROWSDOWN))
			return MM_FAULT_MAPERR;
		if (!grow_stack(u, v, addr)) {
			/* Near the stack: an overflow, not a stray pointer. */
			uint64_t reach = u->stack_limit + u->stack_guard_gap;
			return v->end - addr <= reach ? MM_FAULT_STACK_GUARD : MM_FAULT_MAPERR;
		}
	}
	if (!access_allowed(v->prot, access))
		return MM_FAULT_ACCERR;
	if (vp)
		*vp = v;
	return MM_FAULT_OK;
}

/* Names a fault result for messages and tests. */
const char *mm_fault_name(enum mm_fault r)
{
	switch (r) {
	case MM_FAULT_OK: return "OK";
	case MM_FAULT_MAPERR: return "MAPERR";
	case MM_FAULT_ACCERR: return "ACCERR";
	case MM_FAULT_STACK_GUARD: return "STACK_GUARD";
	case MM_FAULT_OOM: return "OOM";
	case MM_FAULT_SIGBUS: return "SIGBUS";
	case MM_FAULT_NOSPACE: return "NOSPACE";
	}
	return "?";
}

/* Returns the bracketed name /proc/self/maps would show for v. */
static const char *vma_label(const struct vma *v)
{
	if (v->flags & VMA_IMAGE)
		return "[image]";
	if (v->flags & VMA_HEAP)
		return "[heap]";
	if (v->flags & VMA_STACK)
		return "[stack]";
	if (v->flags & VMA_FILE)
		return "[file]";
	return "[anon]";
}

/* Formats one line per VMA and hands it to sink. */
void mm_print_maps(const struct mm *u, kprintf_sink sink, void *ctx)
{
	char line[64];
	for (struct vma *v = vma_first(&u->vmas); v; v = vma_next(v)) {
		int n = ksnprintf(line, sizeof line, "%08llx-%08llx %c%c%c%c %s\n",
				  (unsigned long long)v->start, (unsigned long long)v->end,
				  v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-',
				  v->prot & PROT_EXEC ? 'x' : '-',
				  v->flags & VMA_SHARED ? 's' : 'p', vma_label(v));
		sink(ctx, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
	}
}

/*
 * Gives [s, e), inside area v, the flags `flags`: splits v as needed and
 * merges the piece with neighbours that now match. Returns 0, or
 * split_err if a split is needed at the map count limit or no VMA struct
 * is left (Linux's split_vma fails with -ENOMEM, which mlock returns and
 * madvise turns into -EAGAIN).
 */
int mm_reflag(struct mm *u, struct vma *v, uint64_t s, uint64_t e, unsigned flags, int split_err)
{
	unsigned splits = (s > v->start) + (e < v->end);
	if (splits && vma_count(&u->vmas) + splits > u->max_map_count)
		return split_err;
	struct mm_spares sp;
	if (!mm_spares_get(u, &sp, splits))
		return split_err;
	if (s > v->start)
		v = vma_split(&u->vmas, v, s, mm_spare_take(&sp));
	if (e < v->end)
		vma_split(&u->vmas, v, e, mm_spare_take(&sp));
	v->flags = flags;
	mm_merge(u, v);
	mm_spares_put(u, &sp);
	return 0;
}

/*
 * Linux's __mm_populate: pages in each piece of [start, end) that lies in
 * an area, except an area locked on fault (populate_vma_page_range has
 * nothing to do there). An inaccessible (PROT_NONE) area cannot be paged
 * in: strict (mlock) stops there with -EFAULT, as Linux's get_user_pages
 * fails; otherwise (MAP_POPULATE, whose errors Linux ignores) it is
 * skipped whole, so even a huge one costs one look. Returns 0, -EFAULT
 * or ops->populate's -ENOMEM.
 */
int mm_populate(struct mm *u, uint64_t start, uint64_t end, bool strict)
{
	if (!u->ops->populate)
		return 0;
	for (struct vma *v = vma_find(&u->vmas, start); v && v->start < end; v = vma_next(v)) {
		if (v->flags & VMA_LOCKONFAULT)
			continue;
		if (!(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC))) {
			if (strict)
				return -EFAULT;
			continue;
		}
		uint64_t s = v->start > start ? v->start : start, e = v->end < end ? v->end : end;
		int err = u->ops->populate(u->ctx, s, e, v->prot);
		if (err)
			return err;
	}
	return 0;
}
