/*
 * mm_placement.c - MAP_32BIT's limit and MAP_POPULATE of inaccessible
 * memory (mmap.placement-flags in docs/spec/memory-syscalls.md).
 *
 * A MAP_32BIT mapping must end below 2 GiB: one longer than that is
 * ENOMEM whatever the hint; a hint that keeps it below 2 GiB is taken.
 * MAP_POPULATE pages in only what may be accessed: a PROT_NONE area,
 * however large, is not populated, so a 1 TiB one returns at once.
 * The addresses Linux picks for MAP_32BIT without a usable hint are
 * random, so only the refusals and the taken hint are compared.
 *
 * test-run: native
 */
#include "rt/rt.h"

#define GIB (1L << 30)
#define NORESERVE_ANON (MAP_32BIT | MAP_NORESERVE)

int main(void)
{
	ktap_begin(7);
	EXPECT_EQ(rt_anon(4 * GIB, 3 * GIB, PROT_NONE, NORESERVE_ANON), -ENOMEM,
		  "MAP_32BIT of 3 GiB, hint at 4 GiB: ENOMEM");
	EXPECT_EQ(rt_anon(0x10000000, 3 * GIB, PROT_NONE, NORESERVE_ANON), -ENOMEM,
		  "MAP_32BIT of 3 GiB, hint at 256 MiB: ENOMEM");
	EXPECT_EQ(rt_anon(0, 3 * GIB, PROT_NONE, NORESERVE_ANON), -ENOMEM,
		  "MAP_32BIT of 3 GiB, no hint: ENOMEM");
	EXPECT_EQ(rt_anon(0x10000000, 2 * GIB, PROT_NONE, NORESERVE_ANON), -ENOMEM,
		  "MAP_32BIT of 2 GiB, hint at 256 MiB: ENOMEM");
	long a = rt_anon(0x10000000, 3 * GIB / 2, PROT_NONE, NORESERVE_ANON);
	EXPECT_EQ(a, 0x10000000, "MAP_32BIT of 1.5 GiB, hint at 256 MiB: the hint");
	if (a > 0)
		rt_munmap(a, 3 * GIB / 2);

	long big = rt_anon(0, 1L << 40, PROT_NONE, MAP_NORESERVE | MAP_POPULATE);
	EXPECT(big > 0, "MAP_POPULATE of 1 TiB of PROT_NONE: mapped (and nothing populated)");
	EXPECT_EQ(big > 0 ? rt_munmap(big, 1L << 40) : -1, 0, "and unmapped");
	return ktap_end();
}
