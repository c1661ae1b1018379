/* pagewalk.c - see pagewalk.h. */
#include "arch/x86_64/pagewalk.h"
#include "arch/x86_64/cpu.h"

/* Walks the tables CR3 points to, without making any. */
bool pagewalk_is_mapped(uint64_t va)
{
	if (!is_canonical(va))
		return false;
	uint64_t *e = pagewalk_entry(read_cr3() & PTE_ADDR, va, 0, NULL, NULL);
	return e && (*e & PTE_P);
}
