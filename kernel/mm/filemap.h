/*
 * filemap.h - areas that map a file: mmap's rules for files, and their
 * page faults, served from the page cache (pagecache.h).
 */
#ifndef MM_FILEMAP_H
#define MM_FILEMAP_H

#include "mm/mm.h"
#include "mm/pagecache.h"

/*
 * Linux's do_mmap for a file, after the address is chosen: checks the
 * mapping type and flags against what the descriptor src allows and adds
 * the area's kind to *vflags (VMA_SHARED, VMA_NOMAYWRITE). May clear
 * flags MAP_SHARED ignores. Returns 0, -EINVAL, -EOPNOTSUPP, -EACCES,
 * -EPERM (PROT_EXEC of a noexec file) or -ENODEV, in Linux's order.
 */
int filemap_type(const struct mm_mmap_source *src, unsigned long *flags, unsigned long prot,
		 unsigned *vflags);

/*
 * Serves a fault at the absent page `page` of the file area v for access
 * (MM_ACCESS_*): maps the cached page (read-only and copy-on-write in a
 * private area), or a private copy at once for a write to a private area.
 * Returns MM_FAULT_OK, MM_FAULT_SIGBUS (the page lies wholly past the end
 * of the file), MM_FAULT_NOSPACE (a page of /tmp, which is full) or
 * MM_FAULT_OOM.
 */
enum mm_fault filemap_fault(struct mm *mm, const struct vma *v, uint64_t page, unsigned access);

/*
 * MAP_POPULATE for [start, end) of the file area v: maps the cached pages
 * not mapped yet, stopping at the end of the file. Returns 0 or -ENOMEM.
 */
int filemap_populate(struct mm *mm, const struct vma *v, uint64_t start, uint64_t end);

/*
 * A file shrank to its first `first` pages (a truncation in /tmp): drops
 * every page of u's areas of f from page first on, shared or a private
 * copy, so that a later touch there faults and finds the new end
 * (SIGBUS), as Linux's truncate_pagecache.
 */
void filemap_unmap_from(struct mm *u, const struct mm_file *f, uint64_t first);

#endif
