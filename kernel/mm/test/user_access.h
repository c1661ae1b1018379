/*
 * user_access.h - user loads and stores simulated on a real address space,
 * for the kernel-only mm tests (cow_test.c, mremap_pt_test.c,
 * pagecache_test.c): the CPU's way, a fault first when the page table
 * entry does not allow the access (mm_handle_fault, as the page-fault
 * handler does), then the access through the direct map into the frame
 * the entry names.
 */
#ifndef MM_TEST_USER_ACCESS_H
#define MM_TEST_USER_ACCESS_H

#include "arch/x86_64/memlayout.h"
#include "mm/fault.h"
#include "mm/mm.h"
#include "mm/pagetable.h"

#include <stdint.h>

/* Returns the frame mapped at va in mm (0 if none) and its VM_* flags in *flags. */
static inline uint64_t frame_at(struct mm *mm, uint64_t va, unsigned *flags)
{
	uint64_t pa;
	unsigned f = 0;
	if (!vmm_translate(&mm->pt, va, &pa, &f))
		return 0;
	if (flags)
		*flags = f;
	return pa & ~PAGE_MASK;
}

/* Returns where the byte at va is in the direct map, after the fault a
 * user access of that kind would take when the entry does not allow it;
 * NULL with the fault's verdict in *r if the fault was refused. */
static inline volatile uint8_t *user_byte(struct mm *mm, uint64_t va, bool write, enum mm_fault *r)
{
	unsigned f = 0;
	*r = MM_FAULT_OK;
	if (!frame_at(mm, va, &f) || (write && !(f & VM_WRITE)))
		*r = mm_handle_fault(mm, va, write ? MM_ACCESS_WRITE : MM_ACCESS_READ);
	if (*r != MM_FAULT_OK)
		return NULL;
	uint64_t frame = frame_at(mm, va, &f);
	if (!frame || (write && !(f & VM_WRITE))) {
		*r = MM_FAULT_ACCERR; /* the retry would fault again: a bug */
		return NULL;
	}
	return (volatile uint8_t *)phys_to_virt(frame) + (va & PAGE_MASK);
}

/* Stores the word val at va as a user store would; returns the fault's verdict. */
static inline enum mm_fault user_store(struct mm *mm, uint64_t va, uint64_t val)
{
	enum mm_fault r;
	volatile uint8_t *p = user_byte(mm, va, true, &r);
	if (p)
		*(volatile uint64_t *)p = val;
	return r;
}

/* Loads the word at va as a user load would; ~0 if the fault was refused. */
static inline uint64_t user_load(struct mm *mm, uint64_t va)
{
	enum mm_fault r;
	volatile uint8_t *p = user_byte(mm, va, false, &r);
	return p ? *(volatile uint64_t *)p : ~0ull;
}

#endif
