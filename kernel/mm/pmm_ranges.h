/*
 * pmm_ranges.h - the arithmetic of physical ranges that pmm_init uses to
 * turn the boot loader's memory map into RAM nothing uses yet
 * (pmm_ranges.c; pmm_usable_ranges itself is declared in pmm.h).
 */
#ifndef MM_PMM_RANGES_H
#define MM_PMM_RANGES_H

#include <stdint.h>

#include "arch/x86_64/memlayout.h"
#include "mm/pmm.h"

/* Returns a rounded down to a multiple of PAGE_SIZE. */
static inline uint64_t pmm_page_down(uint64_t a)
{
	return a & ~(uint64_t)(PAGE_SIZE - 1);
}

/* Returns a rounded up to a multiple of PAGE_SIZE, or the last page's start
 * if that would wrap past the top of the address space. */
static inline uint64_t pmm_page_up(uint64_t a)
{
	if (a > UINT64_MAX - (PAGE_SIZE - 1))
		return pmm_page_down(UINT64_MAX);
	return pmm_page_down(a + PAGE_SIZE - 1);
}

/* Returns the number of frames in the n ranges of r. */
uint64_t pmm_ranges_frames(const struct pmm_range *r, unsigned n);

/* Removes [s, e) from the sorted, disjoint ranges r[0..n) (room for max);
 * returns the new count. */
unsigned pmm_ranges_cut(struct pmm_range *r, unsigned n, unsigned max, uint64_t s, uint64_t e);

#endif
