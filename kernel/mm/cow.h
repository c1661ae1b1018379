/*
 * cow.h - fork's memory: copy-on-write address spaces.
 *
 * fork must give the child a copy of the parent's memory, but copying it
 * all (most of which neither process will write again) would cost a copy
 * of every page. Instead mm_fork copies only the books (the areas, the
 * break, the stack) and the page-table entries: parent and child then map
 * the same frames, read-only and marked copy-on-write (PTE_COW, pte.h),
 * and each frame's reference count (pmm.h) says how many mappings share
 * it. The first write to such a page faults, and mm_cow_break gives the
 * writer a private copy (or, if nobody else shares the frame any more,
 * simply makes the entry writable again). This is OSTEP's "copy-on-write"
 * (chapter 23, and xv6's cow lab).
 */
#ifndef MM_COW_H
#define MM_COW_H

#include "mm/mm.h"

/*
 * Makes child (fresh from mm_create, with no areas) a copy-on-write copy of
 * parent: every area with its flags and advice (none of a MADV_DONTFORK
 * area; a MADV_WIPEONFORK or MAP_DROPPABLE one without its pages, so the
 * child finds zeroes), the break, the stack and the tunables. Present
 * private pages are shared read-only and copy-on-write in both; MAP_SHARED
 * pages stay shared and writable in both (the parent's not-yet-touched
 * shared pages are made present first, so that later writes by either are
 * seen by the other). Returns 0, or -ENOMEM with the child left empty and
 * every frame it took given back.
 */
int mm_fork(struct mm *child, struct mm *parent);

/*
 * The write fault on the copy-on-write page `page` (page-aligned) of mm,
 * which maps frame, in an area of protection prot that allows writing:
 * gives mm its own writable copy of the frame, or just makes the entry
 * writable when mm holds the only reference. Returns MM_FAULT_OK, or
 * MM_FAULT_OOM when no frame was left for the copy (nothing changed).
 */
enum mm_fault mm_cow_break(struct mm *mm, uint64_t page, uint64_t frame, unsigned prot);

#endif
