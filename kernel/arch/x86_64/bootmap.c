/* bootmap.c - see bootmap.h. */
#include "arch/x86_64/bootmap.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"

#include <stdint.h>

/* Linked at its physical address (linker.ld's .boot.bss). */
extern uint64_t boot_pml4[];

void bootmap_remove_identity(void)
{
	uint64_t *pml4 = phys_to_virt((uint64_t)boot_pml4);
	pml4[0] = 0;
	write_cr3(read_cr3()); /* flush every non-global TLB entry */
}
