/* kernel/mm/test/hoard.c - take every free frame, for out-of-memory tests
 * (see hoard.h). */
#include "mm/test/hoard.h"

#include "arch/x86_64/memlayout.h"
#include "lib/panic.h"
#include "mm/pmm.h"

/* Enough for every 4 MiB block of 16 GiB, and the odd smaller ones. */
#define HOARD_TABLE 4200

/* A block: its physical address with its order in the low bits (the
 * address is page aligned, and orders fit in 12 bits). */
static uint64_t table[HOARD_TABLE];
static uint64_t used;	  /* entries of table[] in use */
static uint64_t overflow; /* blocks beyond the table, chained through word 0 */
static bool held;

/* Remembers the block at f of 2^order frames. */
static void keep(uint64_t f, unsigned order)
{
	if (used < HOARD_TABLE) {
		table[used++] = f | order;
		return;
	}
	uint64_t *link = phys_to_virt(f);
	link[0] = overflow;
	link[1] = order;
	overflow = f;
}

uint64_t hoard_take_all(void)
{
	if (held)
		panic("hoard_take_all: a hoard is already held (release it first)");
	held = true;
	uint64_t taken = 0;
	for (int order = PMM_MAX_ORDER; order >= 0; order--) {
		uint64_t f;
		while ((f = pmm_alloc((unsigned)order)) != 0) {
			keep(f, (unsigned)order);
			taken += 1ull << order;
		}
	}
	return taken;
}

void hoard_release(void)
{
	while (used > 0) {
		uint64_t e = table[--used];
		pmm_free(e & ~(uint64_t)(PAGE_SIZE - 1), (unsigned)(e & (PAGE_SIZE - 1)));
	}
	while (overflow) {
		uint64_t *link = phys_to_virt(overflow);
		uint64_t next = link[0];
		pmm_free(overflow, (unsigned)link[1]);
		overflow = next;
	}
	held = false;
}
