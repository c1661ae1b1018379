/*
 * ptdrill_test.c - translate an address by hand (suite "ptdrill"), kernel
 * only; part 0 of the pagetables lab (docs/labs/pagetables.md).
 *
 * The question of a seed (mm/ptdrill.h: a user address, and a space that
 * maps it beside three decoys) is printed by ptdrill.the_question; the
 * student's answers (ptdrill_answers.h) are then checked against the
 * kernel's own walk (vmm_translate, pte_index), one test per kind of
 * answer. The seed is ptdrill=SEED of the command line (the teacher's,
 * GRADE_CMDLINE when grading), else PTDRILL_SEED of the answers.
 */
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"
#include "mm/pagetable.h"
#include "mm/ptdrill.h"
#include "mm/test/ptdrill_answers.h"
#include "test/ktest.h"

/* Returns the seed of the question: ptdrill=SEED, else the answers'. */
static uint64_t drill_seed(void)
{
	char buf[24];
	if (ktest_option_value("ptdrill", buf, sizeof buf))
		return ptdrill_parse_seed(buf);
	return (uint64_t)PTDRILL_SEED;
}

/* Builds the question and checks the answers are for it; false (with the
 * test failed) if there is nothing to check. */
static bool drill_open(struct ptdrill *d)
{
	uint64_t seed = drill_seed();
	if (seed == 0) {
		KTEST_FAIL(
		    "no seed: write yours as PTDRILL_SEED in kernel/mm/test/ptdrill_answers.h");
		return false;
	}
	if (seed != (uint64_t)PTDRILL_SEED) {
		KTEST_FAIL("the question is seed %lu; the answers are for seed %lu", seed,
			   (uint64_t)PTDRILL_SEED);
		return false;
	}
	if (!ptdrill_build(d, seed)) {
		KTEST_FAIL("no memory for the drill's page tables");
		return false;
	}
	return true;
}

/* Prints the question: always passes once the space could be built. */
KTEST(ptdrill, the_question)
{
	struct ptdrill d;
	uint64_t seed = drill_seed();
	if (seed == 0)
		KTEST_SKIP("no seed: boot with ptdrill=SEED, or write PTDRILL_SEED");
	ASSERT_TRUE(ptdrill_build(&d, seed));
	ptdrill_print(&d);
	ptdrill_free(&d);
}

/* Returns how many of the four levels va and question share, from the top:
 * 0 if they differ in the PML4 index, 4 if they are on the same page. */
static int shared_levels(uint64_t va, uint64_t question)
{
	int n = 0;
	for (int l = 3; l >= 0 && pte_index(va, l) == pte_index(question, l); l--)
		n++;
	return n;
}

/* Different seeds ask different questions, each of the promised shape: a
 * user address off the first 512 GiB, and decoy k on the question's path
 * for exactly 3 - k levels below the PML4 (so it shares k tables). */
KTEST(ptdrill, seeds_give_different_questions)
{
	enum { SEEDS = 16 };
	static struct ptdrill d[SEEDS];
	for (int s = 0; s < SEEDS; s++) {
		ptdrill_pick(&d[s], 1000 + (uint64_t)s);
		uint64_t q = d[s].va[0];
		EXPECT_TRUE(q < LOWER_HALF_END);
		EXPECT_NE(pte_index(q, 3), 0u);
		for (int k = 1; k < PTDRILL_PAGES; k++)
			EXPECT_EQ(shared_levels(d[s].va[k], q), k);
		for (int t = 0; t < s; t++) {
			EXPECT_NE(d[t].va[0], q);
			EXPECT_NE(d[t].bits[0] & PTE_ADDR, d[s].bits[0] & PTE_ADDR);
		}
	}
}

KTEST(ptdrill, four_indices)
{
	struct ptdrill d;
	if (!drill_open(&d))
		return;
	EXPECT_EQ(pte_index(d.va[0], 3), (unsigned)PTDRILL_PML4_INDEX);
	EXPECT_EQ(pte_index(d.va[0], 2), (unsigned)PTDRILL_PDPT_INDEX);
	EXPECT_EQ(pte_index(d.va[0], 1), (unsigned)PTDRILL_PD_INDEX);
	EXPECT_EQ(pte_index(d.va[0], 0), (unsigned)PTDRILL_PT_INDEX);
	ptdrill_free(&d);
}

KTEST(ptdrill, offset)
{
	struct ptdrill d;
	if (!drill_open(&d))
		return;
	EXPECT_EQ(d.va[0] % PAGE_SIZE, (uint64_t)PTDRILL_OFFSET);
	ptdrill_free(&d);
}

KTEST(ptdrill, physical_address)
{
	struct ptdrill d;
	if (!drill_open(&d))
		return;
	uint64_t pa = 0;
	EXPECT_TRUE(vmm_translate(&d.space, d.va[0], &pa, NULL));
	EXPECT_EQ(pa, (uint64_t)PTDRILL_PHYS);
	ptdrill_free(&d);
}

KTEST(ptdrill, user_rights)
{
	struct ptdrill d;
	if (!drill_open(&d))
		return;
	unsigned flags = 0;
	EXPECT_TRUE(vmm_translate(&d.space, d.va[0], NULL, &flags));
	EXPECT_TRUE(flags & VM_USER);
	EXPECT_EQ((flags & VM_WRITE) ? 1 : 0, PTDRILL_USER_WRITABLE);
	EXPECT_EQ((flags & VM_EXEC) ? 1 : 0, PTDRILL_USER_EXECUTABLE);
	ptdrill_free(&d);
}
