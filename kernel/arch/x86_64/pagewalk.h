/*
 * pagewalk.h - the page-table walk: from the top-level table down to the
 * entry that maps an address. Looking up pages (mm/pagetable.c), building
 * the kernel's tables at boot (mm/kernel_map.c) and asking whether an
 * address can be read without faulting (pagewalk_is_mapped, for a crashed
 * stack) use it; mapping pages writes the same loop out (walk_create in
 * mm/pagetable.c), as the pagetables lab's students do.
 * It lives here, below the memory manager, because it is the format of
 * the x86-64 tables (pte.h) and nothing more.
 */
#ifndef ARCH_X86_64_PAGEWALK_H
#define ARCH_X86_64_PAGEWALK_H

#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Starting at the top-level table at physical address pml4, goes down to
 * the table at `level` (0: the page table; 1 and 2 hold 2 MiB and 1 GiB
 * pages) and returns a pointer to va's entry there, present or not. Stops
 * early at a huge page mapping va and returns its entry instead. *found
 * (if found) gets the level of the entry returned. A missing table on the
 * way is made with new_table(), which returns the physical address of a
 * zeroed page or 0 (the entry pointing to it is present, writable, and
 * user in the lower half); returns NULL if new_table is NULL or fails.
 *
 * Every table is reached through the direct map. Inline, and always so: a
 * first-touch fault walks twice (look up, then map), and with new_table
 * a constant the compiler folds the allocation in.
 */
static inline __attribute__((always_inline)) uint64_t *
pagewalk_entry(uint64_t pml4, uint64_t va, int level, uint64_t (*new_table)(void), int *found)
{
	uint64_t *table = phys_to_virt(pml4);
	int at = 3;
	for (; at > level; at--) {
		uint64_t *e = &table[pte_index(va, at)];
		if (!(*e & PTE_P)) {
			uint64_t frame = new_table ? new_table() : 0;
			if (!frame)
				return NULL;
			*e = frame | PTE_P | PTE_W | (va < LOWER_HALF_END ? PTE_U : 0);
		} else if (at <= 2 && (*e & PTE_PS)) {
			break; /* a 1 GiB or 2 MiB page maps va: this is its entry */
		}
		table = phys_to_virt(*e & PTE_ADDR);
	}
	if (found)
		*found = at;
	return &table[pte_index(va, at)];
}

/* Returns true if va is mapped (present) in the current address space, whatever the page size. */
bool pagewalk_is_mapped(uint64_t va);

#endif
