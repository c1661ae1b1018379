/*
 * filemap.c - file areas: demand paging from the page cache (filemap.h);
 * mmap's rules for files are in filemap_rules.c.
 *
 * Theory of operation. A file area's page at va is page
 * (va - file_origin) / PAGE_SIZE of its file (vma.h). Its first touch
 * asks the page cache for that page's frame (pagecache.c fills it on the
 * first request from any process) and maps it:
 *
 *   MAP_SHARED: with the area's rights. Every process mapping the page
 *     maps the same frame. The boot file system is read-only, so no
 *     descriptor is open for writing and a shared file area is never
 *     writable (mmap says EACCES, and mprotect too: VMA_NOMAYWRITE).
 *   MAP_PRIVATE, a read or execute: read-only and copy-on-write (VM_COW),
 *     whatever the area's rights, so that the cache's frame is never
 *     written: a later write fault, or an mprotect(PROT_WRITE), goes
 *     through cow.c's break, which copies (the cache's own reference
 *     keeps the count above 1).
 *   MAP_PRIVATE, a write to a page not yet present: the private copy at
 *     once (Linux's do_cow_fault), filled from the cached page.
 *
 * Beyond the end of the file: the last page's tail reads zeroes (the
 * cache filled it so); a page wholly past the end is MM_FAULT_SIGBUS,
 * which the fault handler turns into SIGBUS with BUS_ADRERR, as Linux.
 * A fill or a copy that finds no frame is MM_FAULT_OOM: the process dies,
 * the cache and other processes keep what they have.
 */
#include "mm/filemap.h"
#include "arch/x86_64/memlayout.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/fault.h"
#include "mm/pmm.h"

/* Returns the number of pages that hold bytes of f (the last one partly). */
static uint64_t file_pages(const struct mm_file *f)
{
	return f->size / PAGE_SIZE + (f->size % PAGE_SIZE != 0);
}

/* Maps a private copy of the cached frame at page, writable; false: no frame. */
static bool map_copy(struct mm *mm, uint64_t page, uint64_t cached, unsigned prot)
{
	uint64_t copy = pmm_alloc_owned(0, FRAME_OWNER_USER);
	if (!copy)
		return false;
	memcpy(phys_to_virt(copy), phys_to_virt(cached), PAGE_SIZE);
	if (vmm_map(&mm->pt, page, copy, 1, mm_vm_flags(prot)) < 0) {
		pmm_free(copy, 0);
		return false;
	}
	return true;
}

enum mm_fault filemap_fault(struct mm *mm, const struct vma *v, uint64_t page, unsigned access)
{
	uint64_t index = (page - v->file_origin) / PAGE_SIZE;
	if (index >= file_pages(v->file))
		return MM_FAULT_SIGBUS;
	bool full;
	uint64_t frame = pagecache_get(v->file, index, &full); /* one reference is ours */
	if (!frame)
		return full ? MM_FAULT_NOSPACE : MM_FAULT_OOM;
	bool private = !(v->flags & VMA_SHARED);
	if (private && (access & MM_ACCESS_WRITE)) {
		bool ok = map_copy(mm, page, frame, v->prot);
		pmm_unref(frame); /* the copy does not name the cached frame */
		return ok ? MM_FAULT_OK : MM_FAULT_OOM;
	}
	unsigned flags = mm_vm_flags(v->prot);
	if (private)
		flags = (flags & ~VM_WRITE) | VM_COW;
	if (vmm_map(&mm->pt, page, frame, 1, flags) < 0) { /* no frame for a page table */
		pmm_unref(frame);
		return MM_FAULT_OOM;
	}
	return MM_FAULT_OK; /* the entry keeps our reference */
}

void filemap_unmap_from(struct mm *u, const struct mm_file *f, uint64_t first)
{
	for (struct vma *v = vma_first(&u->vmas); v; v = vma_next(v)) {
		if (v->file != f)
			continue;
		uint64_t lo = (v->start - v->file_origin) / PAGE_SIZE; /* the pages v maps */
		uint64_t hi = (v->end - v->file_origin) / PAGE_SIZE;
		if (hi <= first)
			continue;
		uint64_t s = lo >= first ? v->start : v->start + (first - lo) * PAGE_SIZE;
		u->ops->unmap(u->ctx, s, v->end); /* private copies too, as Linux's truncate */
	}
}

int filemap_populate(struct mm *mm, const struct vma *v, uint64_t start, uint64_t end)
{
	for (uint64_t page = start; page < end; page += PAGE_SIZE) {
		if (vmm_translate(&mm->pt, page, NULL, NULL))
			continue;
		enum mm_fault r = filemap_fault(mm, v, page, MM_ACCESS_READ);
		if (r == MM_FAULT_SIGBUS) /* Linux's populate stops quietly at the end */
			return 0;
		if (r != MM_FAULT_OK)
			return -ENOMEM;
	}
	return 0;
}
