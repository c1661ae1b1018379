/*
 * wx_test.c - W^X over every page the kernel maps for itself (suite
 * "vmm"), kernel only.
 *
 * The page tables are walked as the CPU walks them: a page is writable
 * only if every level allows writing, and executable only if no level
 * sets NX. No page of the kernel half (the direct map, the kernel image,
 * the process kernel stack) may be both. The walk reads the tables the
 * CPU uses now (CR3), so it sees what is really in force, not what the
 * code meant to build.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"
#include "test/ktest.h"

struct wx_walk {
	uint64_t leaves;     /* mapped pages or huge pages seen */
	uint64_t executable; /* of which executable */
	uint64_t bad;	     /* of which writable and executable */
	uint64_t first_bad;  /* the address of the first such */
};

/* Walks the table at phys (level 3: PML4 .. 0: PT) mapping from va;
 * w and x are what the levels above allow. */
static void walk(struct wx_walk *r, uint64_t phys, int level, uint64_t va, bool w, bool x,
		 unsigned from, unsigned to)
{
	const uint64_t *t = phys_to_virt(phys);
	for (unsigned i = from; i < to; i++) {
		uint64_t e = t[i];
		if (!(e & PTE_P))
			continue;
		uint64_t a = va + ((uint64_t)i << (12 + 9 * level));
		if (level == 3 && (a & (1ull << 47)))
			a |= 0xffff000000000000ull; /* canonical form of the upper half */
		bool ew = w && (e & PTE_W), ex = x && !(e & PTE_NX);
		if (level == 0 || (level < 3 && (e & PTE_PS))) {
			r->leaves++;
			r->executable += ex;
			if (ew && ex && r->bad++ == 0)
				r->first_bad = a;
			continue;
		}
		walk(r, e & PTE_ADDR, level - 1, a, ew, ex, 0, 512);
	}
}

KTEST(vmm, no_kernel_page_is_writable_and_executable)
{
	struct wx_walk r = {0, 0, 0, 0};
	walk(&r, read_cr3() & PTE_ADDR, 3, 0, true, true, 256, 512);
	EXPECT_GT(r.leaves, 0);
	EXPECT_GT(r.executable, 0); /* the kernel's .text: the walk sees code */
	if (r.bad)
		KTEST_FAIL("%lu kernel pages are writable and executable, the first at 0x%lx",
			   r.bad, r.first_bad);
}
