/* pagewalk.c - see pagewalk.h. Reads the tables through the direct map. */
#include "arch/x86_64/pagewalk.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"

#define PTE_PRESENT 0x1ull
#define PTE_HUGE 0x80ull
#define PTE_ADDR_MASK 0x000ffffffffff000ull

bool pagewalk_is_mapped(uint64_t va)
{
	if (!is_canonical(va))
		return false;
	uint64_t table = read_cr3() & PTE_ADDR_MASK;
	for (int level = 3; level >= 0; level--) {
		const uint64_t *t = phys_to_virt(table);
		uint64_t e = t[(va >> (12 + 9 * level)) & 511];
		if (!(e & PTE_PRESENT))
			return false;
		if (level == 0 || (level <= 2 && (e & PTE_HUGE)))
			return true;
		table = e & PTE_ADDR_MASK;
	}
	return true;
}
