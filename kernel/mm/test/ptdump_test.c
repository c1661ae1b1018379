/*
 * ptdump_test.c - the page-table dump's format (suite "ptdump"), kernel
 * only; graded by the pagetables lab (docs/labs/pagetables.md).
 *
 * The leaves' lines are known to the byte (the test chooses the frames
 * and rights); a table's line holds the frame vmm_map chose for the
 * table, read from its entry, with the rights every upper-level entry of
 * a user space has: present, writable, user, executable.
 */
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/pagetable.h"
#include "mm/pt_dump.h"
#include "test/ktest.h"

#define DUMP_VA 0x0000060000400000ull /* PML4 12, PDPT 0, PD 2, PT 0 */
#define DUMP_MAX 12

/* The lines of a dump, kept for the test to compare. */
struct lines {
	char line[DUMP_MAX][PT_DUMP_LINE];
	int n;
};

static void keep(const char *line, void *arg)
{
	struct lines *l = arg;
	if (l->n < DUMP_MAX)
		ksnprintf(l->line[l->n], PT_DUMP_LINE, "%s", line);
	l->n++;
}

KTEST(ptdump, one_line_format)
{
	char buf[PT_DUMP_LINE];
	pt_dump_line(buf, sizeof buf, 0, 7, 0x8000000012345067ull);
	EXPECT_STREQ(buf, "      L0 007 8000000012345067 P W U NX A D -- 0x0000012345000");
	pt_dump_line(buf, sizeof buf, 1, 511, 0x00000000002000a1ull);
	EXPECT_STREQ(buf, "    L1 511 00000000002000a1 P - - -- A - PS 0x0000000200000");
	pt_dump_line(buf, sizeof buf, 3, 0, 0x0000000000203007ull);
	EXPECT_STREQ(buf, "L3 000 0000000000203007 P W U -- - - -- 0x0000000203000");
}

/* Returns the physical address of the table entry e points to. */
static uint64_t table(uint64_t e)
{
	return e & PTE_ADDR;
}

/* Three pages: two in one page table, one 1 GiB further (another PD of
 * the same PDPT). Eight lines, in address order, tables first. */
KTEST(ptdump, dump_of_three_pages_is_exact)
{
	struct vmm_space s;
	ASSERT_EQ(vmm_space_create(&s), 0);
	ASSERT_EQ(vmm_map(&s, DUMP_VA, 0x12345000, 1, VM_USER | VM_WRITE), 0);
	ASSERT_EQ(vmm_map(&s, DUMP_VA + PAGE_SIZE, 0x22222000, 1, VM_USER | VM_EXEC), 0);
	ASSERT_EQ(vmm_map(&s, DUMP_VA + (1ull << 30), 0x33333000, 1, VM_USER), 0);
	static struct lines got;
	got.n = 0;
	EXPECT_EQ(pt_dump(&s, 0, LOWER_HALF_END, keep, &got), 8u);
	ASSERT_EQ(got.n, 8);

	const uint64_t *pml4 = phys_to_virt(s.pml4_phys);
	uint64_t pdpt = table(pml4[12]);
	uint64_t pd0 = table(((uint64_t *)phys_to_virt(pdpt))[0]);
	uint64_t pd1 = table(((uint64_t *)phys_to_virt(pdpt))[1]);
	uint64_t pt0 = table(((uint64_t *)phys_to_virt(pd0))[2]);
	uint64_t pt1 = table(((uint64_t *)phys_to_virt(pd1))[2]);
	char want[8][PT_DUMP_LINE];
	const char *up = "%*sL%d %03u %016lx P W U -- - - -- 0x%013lx";
	ksnprintf(want[0], PT_DUMP_LINE, up, 0, "", 3, 12, pdpt | 7, pdpt);
	ksnprintf(want[1], PT_DUMP_LINE, up, 2, "", 2, 0, pd0 | 7, pd0);
	ksnprintf(want[2], PT_DUMP_LINE, up, 4, "", 1, 2, pt0 | 7, pt0);
	ksnprintf(want[3], PT_DUMP_LINE, "%s",
		  "      L0 000 8000000012345007 P W U NX - - -- 0x0000012345000");
	ksnprintf(want[4], PT_DUMP_LINE, "%s",
		  "      L0 001 0000000022222005 P - U -- - - -- 0x0000022222000");
	ksnprintf(want[5], PT_DUMP_LINE, up, 2, "", 2, 1, pd1 | 7, pd1);
	ksnprintf(want[6], PT_DUMP_LINE, up, 4, "", 1, 2, pt1 | 7, pt1);
	ksnprintf(want[7], PT_DUMP_LINE, "%s",
		  "      L0 000 8000000033333005 P - U NX - - -- 0x0000033333000");
	for (int i = 0; i < 8; i++)
		EXPECT_STREQ(got.line[i], want[i]);

	got.n = 0; /* a range that meets only the third page */
	EXPECT_EQ(pt_dump(&s, DUMP_VA + (1ull << 30), DUMP_VA + (1ull << 30) + 1, keep, &got), 4u);
	EXPECT_STREQ(got.line[3], want[7]);
	got.n = 0; /* and one that meets nothing */
	EXPECT_EQ(pt_dump(&s, DUMP_VA + 2 * PAGE_SIZE, DUMP_VA + 3 * PAGE_SIZE, keep, &got), 3u);
	vmm_space_destroy(&s);
}

/* After unmapping, the dump shows no line for the pages, and none for the
 * tables that held only them. */
KTEST(ptdump, unmapped_pages_and_their_tables_leave_the_dump)
{
	struct vmm_space s;
	ASSERT_EQ(vmm_space_create(&s), 0);
	ASSERT_EQ(vmm_map(&s, DUMP_VA, 0x12345000, 1, VM_USER | VM_WRITE), 0);
	ASSERT_EQ(vmm_map(&s, DUMP_VA + (1ull << 30), 0x33333000, 1, VM_USER), 0);
	static struct lines got;
	got.n = 0;
	EXPECT_EQ(pt_dump(&s, 0, LOWER_HALF_END, keep, &got), 7u);
	EXPECT_EQ(vmm_unmap(&s, DUMP_VA + (1ull << 30), 1), 1);
	got.n = 0;
	EXPECT_EQ(pt_dump(&s, 0, LOWER_HALF_END, keep, &got), 4u);
	EXPECT_EQ(vmm_unmap(&s, DUMP_VA, 1), 1);
	got.n = 0;
	EXPECT_EQ(pt_dump(&s, 0, LOWER_HALF_END, keep, &got), 0u);
	vmm_space_destroy(&s);
}
