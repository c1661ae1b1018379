/*
 * fwprog_place.c - choosing where a program from fw_cfg goes in RAM
 * (fwprog.h). Pure code, so that the host tests can give it any memory map.
 *
 * The lowest fit wins: candidates are the start of every available entry
 * and the page-rounded end of everything in the way; the answer, if any,
 * is one of them, because moving a fitting range down stops only at such
 * an edge.
 */
#include "boot/fwprog.h"

#define PAGE 4096ULL

static uint64_t page_up(uint64_t a)
{
	return (a + PAGE - 1) & ~(PAGE - 1);
}

/* Returns true if [a, a + size) overlaps [s, e). */
static bool overlaps(uint64_t a, uint64_t size, uint64_t s, uint64_t e)
{
	return a < e && s < a + size;
}

/* Returns true if [a, a + size) is a usable place (see fwprog_place). */
static bool fits(const struct boot_info *bi, const struct phys_range *busy, unsigned n, uint64_t a,
		 uint64_t size, uint64_t floor, uint64_t limit)
{
	if (a < floor || a % PAGE || a + size < a || a + size > limit)
		return false;
	bool inside = false;
	for (unsigned i = 0; i < bi->mmap_count && !inside; i++) {
		const struct mb2_mmap_entry *m = &bi->mmap[i];
		inside = m->type == MB2_MEM_AVAILABLE && a >= m->base &&
			 a + size <= m->base + m->length && m->base + m->length >= m->base;
	}
	if (!inside)
		return false;
	for (unsigned i = 0; i < bi->module_count; i++)
		if (overlaps(a, size, bi->modules[i].start, bi->modules[i].end))
			return false;
	for (unsigned i = 0; i < n; i++)
		if (overlaps(a, size, busy[i].start, busy[i].end))
			return false;
	return true;
}

/* Keeps the lower of *best and candidate a when a fits. */
static void consider(const struct boot_info *bi, const struct phys_range *busy, unsigned n,
		     uint64_t a, uint64_t size, uint64_t floor, uint64_t limit, uint64_t *best)
{
	if ((*best == 0 || a < *best) && fits(bi, busy, n, a, size, floor, limit))
		*best = a;
}

uint64_t fwprog_place(const struct boot_info *bi, const struct phys_range *busy, unsigned n,
		      uint64_t size, uint64_t floor, uint64_t limit)
{
	uint64_t best = 0;
	if (size == 0)
		return 0;
	consider(bi, busy, n, page_up(floor), size, floor, limit, &best);
	for (unsigned i = 0; i < bi->mmap_count; i++)
		consider(bi, busy, n, page_up(bi->mmap[i].base), size, floor, limit, &best);
	for (unsigned i = 0; i < bi->module_count; i++)
		consider(bi, busy, n, page_up(bi->modules[i].end), size, floor, limit, &best);
	for (unsigned i = 0; i < n; i++)
		consider(bi, busy, n, page_up(busy[i].end), size, floor, limit, &best);
	return best;
}
