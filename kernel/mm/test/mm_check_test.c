/*
 * mm_check_test.c - the invariant checker finds what it should (suite
 * "mmcheck"), kernel only.
 *
 * A checker that never fails proves nothing, so each test breaks one
 * invariant on purpose, on a fake mm's areas, on a real address space's
 * page-table entries or on a copy of the frame counts, and expects the
 * checker to name it; then it repairs the damage, so the teardown and the
 * runner's leak check see a healthy system again.
 */
#include "arch/x86_64/pagewalk.h"
#include "lib/string.h"
#include "mm/fault.h"
#include "mm/mm_check.h"
#include "mm/pmm.h"
#include "mm/test/mm_fake.h"
#include "test/ktest.h"

/* An address in the middle of user space that the tests map at. */
#define CHECK_VA 0x10000000ULL

static char why[256];

/* Returns the leaf entry of va in mm's tables (which must exist). */
static uint64_t *leaf_of(struct mm *mm, uint64_t va)
{
	int level;
	uint64_t *e = pagewalk_entry(mm->pt.pml4_phys, va, 0, NULL, &level);
	return e && level == 0 ? e : NULL;
}

/* A real address space with one touched page of prot at CHECK_VA (and one untouched). */
static bool make_space(struct mm *mm, unsigned prot)
{
	if (mm_create(mm) < 0)
		return false;
	if (mm_mmap(mm, CHECK_VA, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (int64_t)CHECK_VA ||
	    mm_handle_fault(mm, CHECK_VA, MM_ACCESS_WRITE) != MM_FAULT_OK ||
	    mm_mprotect(mm, CHECK_VA, 2 * PAGE_SIZE, prot) < 0) {
		mm_destroy(mm);
		return false;
	}
	return true;
}

KTEST(mmcheck, a_fresh_layout_passes)
{
	struct mm u = {0}; /* pt 0: no page tables */
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_NULL(mm_check_areas(&u, why, sizeof why));
	EXPECT_NULL(mm_check_process(&u, why, sizeof why)); /* no page tables: areas only */
	mm_clear(&u);
}

KTEST(mmcheck, overlapping_areas_are_found)
{
	struct mm u = {0}; /* pt 0: no page tables */
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	struct vma *text = vma_first(&u.vmas);
	text->end += PAGE_SIZE; /* now runs into the data segment */
	EXPECT_TRUE(ktest_contains(mm_check_areas(&u, why, sizeof why),
				   "areas [0x400000, 0x402000) and [0x401000, 0x402000) overlap"));
	text->end -= PAGE_SIZE;
	EXPECT_NULL(mm_check_areas(&u, why, sizeof why));
	mm_clear(&u);
}

KTEST(mmcheck, unaligned_empty_and_stray_areas_are_found)
{
	struct mm u = {0}; /* pt 0: no page tables */
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	struct vma *data = vma_next(vma_first(&u.vmas));
	data->end -= 8;
	EXPECT_TRUE(ktest_contains(mm_check_areas(&u, why, sizeof why),
				   "area [0x401000, 0x401ff8) is not page-aligned"));
	data->end = data->start;
	EXPECT_TRUE(ktest_contains(mm_check_areas(&u, why, sizeof why),
				   "area [0x401000, 0x401000) is empty or reversed"));
	data->end = data->start + PAGE_SIZE;
	struct vma *stack = vma_last(&u.vmas);
	stack->end += PAGE_SIZE;
	EXPECT_TRUE(ktest_contains(mm_check_areas(&u, why, sizeof why),
				   "[0x7fffffffb000, 0x800000000000) lies outside user space"));
	stack->end -= PAGE_SIZE;
	stack->prot |= 0x10;
	EXPECT_TRUE(
	    ktest_contains(mm_check_areas(&u, why, sizeof why), "unknown protection bits 0x10"));
	stack->prot &= ~0x10u;
	EXPECT_NULL(mm_check_areas(&u, why, sizeof why));
	mm_clear(&u);
}

KTEST(mmcheck, a_wrong_count_and_break_are_found)
{
	struct mm u = {0}; /* pt 0: no page tables */
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	u.vmas.count++;
	EXPECT_TRUE(ktest_contains(mm_check_areas(&u, why, sizeof why),
				   "the area count says 4 but 3 areas are linked"));
	u.vmas.count--;
	u.brk = u.start_brk - 1;
	EXPECT_TRUE(ktest_contains(mm_check_areas(&u, why, sizeof why), "is below its start"));
	u.brk = u.start_brk;
	EXPECT_NULL(mm_check_areas(&u, why, sizeof why));
	mm_clear(&u);
}

KTEST(mmcheck, a_real_address_space_passes)
{
	struct mm mm;
	ASSERT_TRUE(make_space(&mm, PROT_READ));
	EXPECT_NULL(mm_check_process(&mm, why, sizeof why));
	ASSERT_EQ(mm_mprotect(&mm, CHECK_VA, PAGE_SIZE, PROT_NONE), 0);
	EXPECT_NULL(mm_check_process(&mm, why, sizeof why)); /* frame kept, not present */
	EXPECT_NULL(mm_check_system(why, sizeof why));
	mm_destroy(&mm);
}

KTEST(mmcheck, a_page_more_permissive_than_its_area_is_found)
{
	struct mm mm;
	ASSERT_TRUE(make_space(&mm, PROT_READ));
	uint64_t *e = leaf_of(&mm, CHECK_VA);
	ASSERT_NOT_NULL(e);
	uint64_t saved = *e;
	*e |= PTE_W;
	EXPECT_TRUE(
	    ktest_contains(mm_check_pages(&mm, why, sizeof why),
			   "page 0x10000000 is writable in the area [0x10000000, 0x10002000) "
			   "without PROT_WRITE"));
	*e = saved & ~PTE_NX;
	EXPECT_TRUE(
	    ktest_contains(mm_check_pages(&mm, why, sizeof why), "page 0x10000000 is executable"));
	*e = saved & ~PTE_U;
	EXPECT_TRUE(ktest_contains(mm_check_pages(&mm, why, sizeof why), "is not a user page"));
	*e = saved;
	EXPECT_NULL(mm_check_pages(&mm, why, sizeof why));
	mm_destroy(&mm);
}

KTEST(mmcheck, present_and_hidden_pages_must_match_prot_none)
{
	struct mm mm;
	ASSERT_TRUE(make_space(&mm, PROT_NONE));
	uint64_t *e = leaf_of(&mm, CHECK_VA);
	ASSERT_NOT_NULL(e);
	uint64_t saved = *e;
	*e |= PTE_P;
	EXPECT_TRUE(ktest_contains(mm_check_pages(&mm, why, sizeof why),
				   "page 0x10000000 is present (r--) in the PROT_NONE area"));
	*e = saved;
	ASSERT_EQ(mm_mprotect(&mm, CHECK_VA, PAGE_SIZE, PROT_READ), 0);
	*e &= ~PTE_P; /* as if mprotect had forgotten the page */
	EXPECT_TRUE(ktest_contains(mm_check_pages(&mm, why, sizeof why),
				   "behind a non-present entry in an accessible area"));
	*e |= PTE_P;
	EXPECT_NULL(mm_check_pages(&mm, why, sizeof why));
	mm_destroy(&mm);
}

KTEST(mmcheck, a_page_outside_every_area_is_found)
{
	struct mm mm;
	ASSERT_TRUE(make_space(&mm, PROT_READ | PROT_WRITE));
	struct vma *v = vma_lookup(&mm.vmas, CHECK_VA);
	ASSERT_NOT_NULL(v);
	vma_remove(&mm.vmas, v); /* as if munmap had forgotten the page tables */
	EXPECT_TRUE(
	    ktest_contains(mm_check_pages(&mm, why, sizeof why), "page 0x10000000 (frame 0x"));
	EXPECT_TRUE(ktest_contains(why, "rw-) lies in no area"));
	ASSERT_TRUE(vma_insert(&mm.vmas, v));
	EXPECT_NULL(mm_check_pages(&mm, why, sizeof why));
	mm_destroy(&mm);
}

KTEST(mmcheck, a_page_or_table_on_a_free_frame_is_found)
{
	struct mm mm;
	ASSERT_TRUE(make_space(&mm, PROT_READ | PROT_WRITE));
	uint64_t freed = pmm_alloc(0);
	ASSERT_NE(freed, 0);
	pmm_free(freed, 0); /* now a frame the allocator says is free */
	uint64_t *e = leaf_of(&mm, CHECK_VA);
	ASSERT_NOT_NULL(e);
	uint64_t saved = *e;
	*e = (saved & ~PTE_ADDR) | freed;
	EXPECT_TRUE(ktest_contains(mm_check_pages(&mm, why, sizeof why),
				   "which the frame allocator says is free"));
	*e = saved;
	/* The page table itself, seen from the directory above it. */
	int level;
	uint64_t *pde = pagewalk_entry(mm.pt.pml4_phys, CHECK_VA, 1, NULL, &level);
	ASSERT_NOT_NULL(pde);
	ASSERT_EQ(level, 1);
	uint64_t saved_pde = *pde;
	*pde = (saved_pde & ~PTE_ADDR) | freed;
	EXPECT_TRUE(ktest_contains(mm_check_pages(&mm, why, sizeof why),
				   "the page table for 0x10000000 (level 0) is frame"));
	*pde = saved_pde | PTE_PS;
	EXPECT_TRUE(ktest_contains(mm_check_pages(&mm, why, sizeof why),
				   "a huge page maps user address 0x10000000"));
	*pde = saved_pde;
	EXPECT_NULL(mm_check_pages(&mm, why, sizeof why));
	mm_destroy(&mm);
}

KTEST(mmcheck, frame_counts_that_do_not_add_up_are_found)
{
	struct pmm_stats st;
	pmm_get_stats(&st);
	EXPECT_NULL(mm_check_frame_counts(&st, why, sizeof why));
	struct pmm_stats bad = st;
	bad.reserved_frames++;
	EXPECT_TRUE(ktest_contains(mm_check_frame_counts(&bad, why, sizeof why), "+ reserved"));
	bad = st;
	bad.allocated_frames++;
	EXPECT_TRUE(ktest_contains(mm_check_frame_counts(&bad, why, sizeof why), "+ used"));
	bad = st;
	bad.free_blocks[0]++;
	bad.free_blocks[1]--; /* one frame missing from the blocks */
	EXPECT_TRUE(
	    ktest_contains(mm_check_frame_counts(&bad, why, sizeof why), "the free blocks hold"));
}

KTEST(mmcheck, the_checkpoint_panics_with_the_violation)
{
	struct mm u = {0}; /* pt 0: no page tables */
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	u.vmas.count++;
	EXPECT_PANIC("mmcheck: exit of a test: the area count says 4",
		     mm_check_or_panic(&u, "exit of a test"));
	u.vmas.count--;
	mm_check_or_panic(&u, "exit of a test"); /* healthy again: returns */
	mm_clear(&u);
}
