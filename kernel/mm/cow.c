/*
 * cow.c - fork's copy-on-write address spaces (cow.h).
 *
 * Theory of operation. mm_fork works in two passes over the parent's
 * areas. The first copies the areas themselves into the child (the books:
 * struct vma, with prot and flags, so madvise advice survives), skipping
 * MADV_DONTFORK ones as Linux does; if any struct cannot be allocated, the
 * child is cleared and the fork fails before a single page is shared. The
 * second copies page-table entries (vmm_fork_range): every frame the
 * parent maps is now mapped by the child too and counted once more.
 *
 *   private area (the usual case): both entries lose their write bit and
 *     gain PTE_COW. Read-only private pages are marked too: they are
 *     shared, and a later mprotect(PROT_WRITE) must not hand either side a
 *     writable view of a frame the other still reads.
 *   MAP_SHARED area: both entries keep their rights; a write by one is
 *     seen by the other, since it is the same frame. A shared page neither
 *     had touched would later get a separate zero frame in each process,
 *     so the parent's missing shared pages are made present first.
 *     A shared file area needs none of that: each process's fault maps
 *     the page cache's one frame for the page.
 *   MADV_WIPEONFORK area (MAP_DROPPABLE sets it): the child gets the area
 *     but no pages, and so reads zeroes.
 *
 * Running out of memory in the second pass (a page table for the child)
 * clears the child: its entries are unmapped, which drops exactly the
 * references taken. The parent's pages stay copy-on-write; harmless, since
 * each is referenced once again and the next write fault simply makes it
 * writable.
 *
 * The break (mm_cow_break): on a write fault at a PTE_COW page, if the
 * frame's count is 1 the other sharers have all gone (exited, unmapped,
 * broken their own copy): the entry becomes writable in place. Otherwise
 * a new frame gets a copy of the page, replaces the old one in this
 * process's entry, and the old frame loses one reference. The kernel's
 * copies to user memory (uaccess) fault into the same path, so a read()
 * into a copy-on-write buffer breaks the sharing before the bytes land.
 */
#include "mm/cow.h"
#include "lib/errno.h"
#include "lib/panic.h" /* the cow lab's stub (docs/labs/cow.md) */
#include "lib/string.h"
#include "mm/fault.h"
#include "mm/pagecache.h"
#include "mm/pmm.h"

/* Copies parent's scalar fields (break, stack, tunables) into child. */
static void copy_layout(struct mm *child, const struct mm *parent)
{
	child->start_brk = parent->start_brk;
	child->brk = parent->brk;
	child->mmap_base = parent->mmap_base;
	child->stack_top = parent->stack_top;
	child->stack_limit = parent->stack_limit;
	child->stack_guard_gap = parent->stack_guard_gap;
	child->mmap_min_addr = parent->mmap_min_addr;
	child->ram_pages = parent->ram_pages;
	child->max_map_count = parent->max_map_count;
}

/* Empties child again after a failed fork (areas, pages, break). */
static void reset_child(struct mm *child)
{
	mm_clear(child);
	child->start_brk = child->brk = 0;
	child->stack_top = 0;
}

/* Returns true if the pages of v go to the child (not wiped on fork). */
static bool keeps_pages(const struct vma *v)
{
	return !(v->flags & VMA_WIPEONFORK);
}

/*
 * Makes every page of the shared area v present in mm (zeroed frames),
 * keeping PROT_NONE pages behind non-present entries; returns 0 or
 * -ENOMEM (what was mapped stays: it belongs to the area).
 */
static int populate_shared(struct mm *mm, const struct vma *v)
{
	unsigned flags = (v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC))
			     ? mm_vm_flags(v->prot)
			     : VM_USER | VM_OWNED | VM_NONE;
	for (uint64_t page = v->start; page < v->end; page += PAGE_SIZE) {
		if (vmm_translate(&mm->pt, page, NULL, NULL))
			continue;
		uint64_t frame = pmm_alloc_zeroed_owned(0, FRAME_OWNER_USER);
		if (!frame)
			return -ENOMEM;
		int r = vmm_map(&mm->pt, page, frame, 1, flags);
		if (r < 0)
			pmm_free(frame, 0);
		/* -EEXIST: a PROT_NONE page holding its frame behind its entry. */
		if (r < 0 && r != -EEXIST)
			return -ENOMEM;
	}
	return 0;
}

/* The first pass: the areas, or -ENOMEM (child then holds some; caller clears). */
static int copy_areas(struct mm *child, struct mm *parent)
{
	for (struct vma *v = vma_first(&parent->vmas); v; v = vma_next(v)) {
		if (v->flags & VMA_DONTFORK)
			continue;
		struct vma *c = child->ops->alloc(child->ctx);
		if (!c)
			return -ENOMEM;
		c->start = v->start;
		c->end = v->end;
		c->prot = v->prot;
		c->flags =
		    v->flags & ~(unsigned)(VMA_LOCKED | VMA_LOCKONFAULT); /* mlock.not-inherited */
		c->file = v->file;
		mm_file_ref(c->file, 1);
		c->file_origin = v->file_origin;
		if (!vma_insert(&child->vmas, c)) { /* child was not empty */
			child->ops->free(child->ctx, c);
			return -EINVAL;
		}
	}
	return 0;
}

/* The second pass: the page-table entries of every area that keeps its pages. */
static int copy_pages(struct mm *child, struct mm *parent)
{
	for (struct vma *v = vma_first(&parent->vmas); v; v = vma_next(v)) {
		if ((v->flags & VMA_DONTFORK) || !keeps_pages(v))
			continue;
		bool shared = v->flags & VMA_SHARED;
		/* A shared file's pages come from the page cache: the same frame in both. */
		bool anon_shared = shared && !(v->flags & VMA_FILE);
		if (anon_shared && populate_shared(parent, v) < 0)
			return -ENOMEM;
		/* Each entry is shared by fork_leaf (pagetable.c). */
		long r = vmm_fork_range(&child->pt, &parent->pt, v->start,
					(v->end - v->start) / PAGE_SIZE, shared);
		if (r < 0)
			return (int)r;
	}
	return 0;
}

/* Both passes; on failure the child is emptied and the error returned. */
int mm_fork(struct mm *child, struct mm *parent)
{
	if (vma_count(&child->vmas) != 0)
		return -EINVAL;
	copy_layout(child, parent);
	int err = copy_areas(child, parent);
	if (err == 0)
		err = copy_pages(child, parent);
	if (err < 0)
		reset_child(child);
	return err;
}

/* Copies (or reclaims) the frame; OOM leaves the entry as it was. */
enum mm_fault mm_cow_break(struct mm *mm, uint64_t page, uint64_t frame, unsigned prot)
{
	/* LAB(cow) BEGIN: part 3, break the sharing of a copy-on-write page (docs/labs/cow.md)
	 * stub: (void)mm; (void)page; (void)frame; (void)prot;
	 * stub: panic("not implemented: see docs/labs/cow.md (part 3, mm_cow_break)");
	 */
	if (pmm_refcount(frame) == 1) { /* the last sharer: take it back */
		vmm_set_leaf(&mm->pt, page, frame, mm_vm_flags(prot));
		return MM_FAULT_OK;
	}
	uint64_t copy = pmm_alloc_owned(0, FRAME_OWNER_USER);
	if (!copy)
		return MM_FAULT_OOM;
	memcpy(phys_to_virt(copy), phys_to_virt(frame), PAGE_SIZE);
	vmm_set_leaf(&mm->pt, page, copy, mm_vm_flags(prot));
	pmm_unref(frame); /* after the entry moved: never below 1 while still mapped */
	return MM_FAULT_OK;
	/* LAB(cow) END */
}
