/*
 * mm_check.h - the memory invariant checker: are the books and the page
 * tables telling the same story?
 *
 * Every memory bug of a kernel ends as a broken invariant somewhere: two
 * areas that overlap, a page-table entry outside every area or more
 * permissive than its area, a page mapping a frame the frame allocator
 * believes free, frame counts that do not add up. These functions look
 * for exactly those, and say in one sentence what they found.
 *
 * With "mmcheck" on the kernel command line (make test's boots and the
 * syscall fuzzer set it), every user program's address space is checked
 * on its way out (proc.c, before teardown), and the whole system after
 * each boot-module program (main.c); a violation panics with the
 * sentence, so the run fails and names it.
 *
 * Each mm_check_* function returns NULL when everything holds, otherwise
 * `why` (of `n` bytes), filled with what is wrong and where.
 */
#ifndef MM_MM_CHECK_H
#define MM_MM_CHECK_H

#include "mm/mm.h"
#include "mm/pmm.h"

#include <stdbool.h>
#include <stddef.h>

/* Set from the kernel command line ("mmcheck"): check at the checkpoints. */
extern bool mm_check_enabled;

/*
 * The areas of mm: sorted, non-overlapping, page-aligned, non-empty,
 * inside [mmap_min_addr, TASK_SIZE), only PROT_READ/WRITE/EXEC bits, the
 * tree well formed and its count right, the break not below its start.
 * Pure bookkeeping: works on any struct mm, a fake one too.
 */
const char *mm_check_areas(const struct mm *mm, char *why, size_t n);

/*
 * The lower half of mm's page tables against its areas and the frame
 * allocator: every table is an allocated frame and no user entry is a huge
 * page; every leaf entry holding a frame is user, owned, inside an area,
 * no more permissive than it (present only if the area allows some access,
 * writable only with PROT_WRITE, never writable when copy-on-write, never
 * writable in a private area while another mapping shares its frame, executable only with
 * PROT_EXEC, not present only in a PROT_NONE area) and maps an allocated frame.
 */
const char *mm_check_pages(const struct mm *mm, char *why, size_t n);

/*
 * The frame counts of st: total = usable + reserved, usable = free +
 * allocated, free = the sum of the free blocks. Takes the counts as an
 * argument so that a test can hand it a corrupted copy.
 */
const char *mm_check_frame_counts(const struct pmm_stats *st, char *why, size_t n);

/*
 * Reference counts (copy-on-write) across the address spaces mms[0..count),
 * which must be every one there is: each frame that a page-table entry
 * or a registered holder names has exactly as many references as entries
 * and holders name it. A count too
 * high is a leak (the frame is never freed); too low, a frame freed while
 * still mapped. Leaves every count as it found it.
 */
const char *mm_check_refs(struct mm *const *mms, size_t count, char *why, size_t n);

/*
 * A part of the kernel that keeps references to user frames outside any
 * page table (a page cache keeps one per cached page): each(fn, arg) calls
 * fn(frame, arg) once per reference it holds, so mm_check_refs counts
 * them beside the mappings. Registered once, for as long as it holds any.
 */
struct mm_check_holder {
	const char *name;
	void (*each)(void (*fn)(uint64_t frame, void *arg), void *arg);
	struct mm_check_holder *next; /* the registry's link */
};

/* Adds h to the holders mm_check_refs counts (h stays the caller's). */
void mm_check_add_holder(struct mm_check_holder *h);

/* Takes h out of the registry again (nothing if it is not in it). */
void mm_check_remove_holder(struct mm_check_holder *h);

/* mm_check_areas, then mm_check_pages. */
const char *mm_check_process(const struct mm *mm, char *why, size_t n);

/*
 * The whole system: the frame counts, the frame allocator's own
 * structure (pmm_check), the frame owner tags against it
 * (pmm_check_owners) and the kernel heap's caches (kheap_check, which
 * panics itself on a breach with a HEAP ERROR report).
 */
const char *mm_check_system(char *why, size_t n);

/*
 * The checkpoint: checks mm (if not NULL) and the system, and panics with
 * "mmcheck: <where>: <why>" on the first violation.
 */
void mm_check_or_panic(const struct mm *mm, const char *where);

#endif
