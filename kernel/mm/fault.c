/*
 * fault.c - demand paging, and the page-table side of a process's areas.
 *
 * Theory of operation. brk and mmap only record areas (mm.h); no frame is
 * allocated until the program touches a page. That first touch is a page
 * fault, and the fault handler (proc/fault.c) asks mm_handle_fault to
 * serve it: mm_fault_check says what the address means (and grows the
 * stack if the touch is just below it); if the area allows the access, a
 * zeroed frame is mapped with the area's protection, and the faulting
 * instruction, retried, now succeeds. A kernel copy to or from user
 * memory that faults is served by the same function. Whatever cannot be
 * served is returned as a verdict; this file never decides the program's
 * fate.
 *
 * A file area's absent page is not zero-filled but comes from the page
 * cache (filemap.c); anonymous memory, the common case, keeps its short
 * path (one flag test more).
 *
 * After fork, a present page may be copy-on-write (cow.c): a write to it
 * is allowed by the area but not by the entry, and is served by copying
 * the frame (mm_cow_break) instead of by a fresh zeroed one.
 *
 * The other direction: when areas shrink, vanish or change protection,
 * mm.h's code calls the ops below, which bring the page tables in line
 * (unmap drops the frames' references, freeing those no one else maps; PROT_NONE keeps them behind
 * non-present entries, so the data survives a later mprotect back).
 */
#include "mm/fault.h"
#include "arch/x86_64/memlayout.h"
#include "lib/errno.h"
#include "lib/panic.h" /* the lazy and cow labs' stubs (docs/labs/) */
#include "mm/cow.h"
#include "mm/filemap.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/trace_mm.h"

/* User pages are owned by the mapping (freed on unmap); x86 has no write-only page. */
unsigned mm_vm_flags(unsigned prot)
{
	return VM_USER | VM_OWNED | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/* --- the ops: area changes reach the page tables ------------------------------------ */

/* Returns a zeroed VMA struct from the kernel heap, or NULL. */
static struct vma *op_alloc(void *ctx)
{
	(void)ctx;
	return kzalloc(sizeof(struct vma));
}

/* Gives a VMA struct back to the kernel heap, and its hold on its file
 * (taken where an area is given a file: mmap, fork, a split, mremap). */
static void op_free(void *ctx, struct vma *v)
{
	(void)ctx;
	mm_file_ref(v->file, -1);
	kfree(v);
}

/* Drops the pages of [start, end) and frees their frames. */
static void op_unmap(void *ctx, uint64_t start, uint64_t end)
{
	struct mm *mm = ctx;
	vmm_unmap(&mm->pt, start, (end - start) / PAGE_SIZE);
}

/* Rewrites the entries of the pages already present in [start, end). */
static void op_protect(void *ctx, uint64_t start, uint64_t end, unsigned prot)
{
	struct mm *mm = ctx;
	if (prot & (PROT_READ | PROT_WRITE | PROT_EXEC))
		vmm_protect(&mm->pt, start, (end - start) / PAGE_SIZE, mm_vm_flags(prot));
	else /* PROT_NONE: no access at all, but the frames (the data) survive */
		vmm_protect(&mm->pt, start, (end - start) / PAGE_SIZE, VM_USER | VM_NONE);
}

/* mremap: the present pages of [from, from + len) move to to, frames and counts unchanged. */
static int op_move(void *ctx, uint64_t from, uint64_t to, uint64_t len)
{
	struct mm *mm = ctx;
	long r = vmm_move(&mm->pt, from, to, len / PAGE_SIZE);
	return r < 0 ? (int)r : 0;
}

/* --- demand paging ------------------------------------------------------------------ */

/*
 * Maps a zeroed frame at the absent page `page` with protection prot;
 * returns false when no frame was left (for it or for a page table).
 * Inlined: it is the heart of every first-touch fault.
 */
static inline __attribute__((always_inline)) bool map_zeroed(struct mm *mm, uint64_t page,
							     unsigned prot)
{
	/* LAB(lazy) BEGIN: part 1, a zeroed frame mapped at the page (docs/labs/lazy.md)
	 * stub: (void)mm; (void)page; (void)prot;
	 * stub: panic("not implemented: see docs/labs/lazy.md (part 1, map_zeroed)");
	 */
	uint64_t frame = pmm_alloc_zeroed_owned(0, FRAME_OWNER_USER);
	if (!frame)
		return false;
	if (vmm_map(&mm->pt, page, frame, 1, mm_vm_flags(prot)) < 0) {
		pmm_free(frame, 0); /* no frame for a page table */
		return false;
	}
	return true;
	/* LAB(lazy) END */
}

/* Asks mm_fault_check, then maps a zeroed frame (or repairs a stale entry). */
static inline __attribute__((always_inline)) enum mm_fault serve_fault(struct mm *mm, uint64_t addr,
								       unsigned access)
{
	struct vma *v;
	enum mm_fault why = mm_fault_check(mm, addr, access, &v);
	if (why != MM_FAULT_OK)
		return why;
	uint64_t page = addr & ~PAGE_MASK;
	uint64_t pa;
	unsigned flags;
	if (vmm_translate(&mm->pt, page, &pa, &flags)) {
		/* A write to a page shared since fork, by the program or by a
		 * kernel copy for a system call: copy it (cow.c). */
		/* LAB(cow) BEGIN: part 4, a write to a copy-on-write page (docs/labs/cow.md)
		 * stub: (void)pa;
		 * stub: if (flags & VM_COW)
		 * stub: 	panic("not implemented: see docs/labs/cow.md (part 4, the write)");
		 */
		if ((access & MM_ACCESS_WRITE) && (flags & VM_COW))
			return mm_cow_break(mm, page, pa & ~PAGE_MASK, v->prot);
		/* LAB(cow) END */
		/* Present, and the area allows the access: bring the entry in
		 * line with the area (which also drops a stale TLB entry), so
		 * that the retry cannot fault the same way again. */
		vmm_protect(&mm->pt, page, 1, mm_vm_flags(v->prot));
		return MM_FAULT_OK;
	}
	if (__builtin_expect(v->flags & VMA_FILE, 0))
		return filemap_fault(mm, v, page, access);
	return map_zeroed(mm, page, v->prot) ? MM_FAULT_OK : MM_FAULT_OOM;
}

/*
 * Returns how serving the fault will go if it is allowed, in the words of
 * docs/TRACE.md, found out before it is served: afterwards the stack has
 * grown, and a shared frame's count has dropped. Only while tracing: it
 * costs a lookup and a walk of its own.
 */
static const char *fault_how(struct mm *mm, uint64_t addr, unsigned access)
{
	uint64_t pa;
	unsigned flags;
	if (!vmm_translate(&mm->pt, addr & ~PAGE_MASK, &pa, &flags))
		return vma_lookup(&mm->vmas, addr) ? "zero-fill" : "stack-growth";
	if ((access & MM_ACCESS_WRITE) && (flags & VM_COW)) /* mm_cow_break's two cases */
		return pmm_refcount(pa & ~PAGE_MASK) == 1 ? "cow-reuse" : "cow-copy";
	return "fixup";
}

/* Returns serve_fault's verdict after writing the fault line: the traced
 * path, out of line, so that the untraced one is the same code as before. */
__attribute__((noinline, cold)) static enum mm_fault traced_fault(struct mm *mm, uint64_t addr,
								  unsigned access)
{
	const char *how = fault_how(mm, addr, access);
	enum mm_fault why = serve_fault(mm, addr, access);
	trace_fault(addr, access, why, how);
	trace_fault_ip = 0; /* set by proc/fault.c for this fault only */
	return why;
}

/* Returns the verdict of the fault (serve_fault); while tracing, also
 * writes its line (one load and an untaken branch when not). */
enum mm_fault mm_handle_fault(struct mm *mm, uint64_t addr, unsigned access)
{
	if (TRACE_ON())
		return traced_fault(mm, addr, access);
	return serve_fault(mm, addr, access);
}

/* MAP_POPULATE: maps what is not mapped yet in [start, end), one area of prot. */
static int op_populate(void *ctx, uint64_t start, uint64_t end, unsigned prot)
{
	struct mm *mm = ctx;
	struct vma *v = vma_lookup(&mm->vmas, start); /* [start, end) lies in one area */
	if (v && (v->flags & VMA_FILE))
		return filemap_populate(mm, v, start, end);
	for (uint64_t page = start; page < end; page += PAGE_SIZE)
		if (!vmm_translate(&mm->pt, page, NULL, NULL) && !map_zeroed(mm, page, prot))
			return -ENOMEM;
	return 0;
}

/* --- a process's address space ----------------------------------------------------- */

static const struct mm_ops kernel_ops = {
    .alloc = op_alloc,
    .free = op_free,
    .unmap = op_unmap,
    .protect = op_protect,
    .zap = op_unmap, /* MADV_DONTNEED: next touch gets a zero page */
    .populate = op_populate,
    .move = op_move,
};

/* Page tables first: mm_init leaves mm->pt alone. The RAM budget is all usable frames. */
int mm_create(struct mm *mm)
{
	if (vmm_space_create(&mm->pt) < 0)
		return -ENOMEM;
	struct pmm_stats st;
	pmm_get_stats(&st);
	mm_init(mm, &kernel_ops, mm, st.usable_frames);
	return 0;
}

/*
 * The areas first (their frames go back through op_unmap), then the
 * tables; then the page cache forgets the pages nobody maps any more
 * (pagecache.c says why then).
 */
void mm_destroy(struct mm *mm)
{
	mm_clear(mm);
	vmm_space_destroy(&mm->pt);
	pagecache_trim();
}
