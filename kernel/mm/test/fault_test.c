/*
 * fault_test.c - what a page fault means (mm_fault_check): demand paging
 * and the SIGSEGV codes (fault.demand-zero, fault.sigsegv-codes) and stack
 * growth (fault.stack-grows), with its guard gap (suite "mm").
 * Tests are named after the rule (slug) they check.
 */
#include "lib/errno.h"
#include "mm/test/mm_fake.h"
#include "test/ktest.h"

#define P PAGE_SIZE
#define FIXED (MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define RW (PROT_READ | PROT_WRITE)
#define A 0x10000000ULL
#define STACK_LOW (TASK_SIZE - FAKE_STACK_PAGES * P)

/* Checks the set and that destroying u frees every VMA. */
static void done(struct mm *u)
{
	EXPECT_NULL(vma_check_why(&u->vmas));
	mm_clear(u);
	EXPECT_EQ(mm_fake_live(), 0);
}

KTEST(mm, fault_demand_zero_untouched_memory_is_demand_paged)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	int64_t a = mm_mmap(&u, 0, 1024 * P, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_GT(a, 0);
	struct vma *v = NULL;
	EXPECT_EQ(mm_fault_check(&u, (uint64_t)a + 77 * P, MM_ACCESS_READ, &v), MM_FAULT_OK);
	ASSERT_NOT_NULL(v);
	EXPECT_EQ(v->prot, RW); /* the kernel maps a zero frame with this */
	done(&u);
}

KTEST(mm, fault_sigsegv_codes_maperr_and_accerr)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_fault_check(&u, 0, MM_ACCESS_READ, NULL), MM_FAULT_MAPERR);
	EXPECT_EQ(mm_fault_check(&u, A + 0x123, MM_ACCESS_READ, NULL), MM_FAULT_MAPERR);
	EXPECT_EQ(mm_fault_check(&u, LOWER_HALF_END, MM_ACCESS_READ, NULL), MM_FAULT_MAPERR);
	EXPECT_EQ(mm_fault_check(&u, 0xffffffff80000000ULL, MM_ACCESS_READ, NULL), MM_FAULT_MAPERR);
	EXPECT_EQ(mm_fault_check(&u, 0x400000, MM_ACCESS_WRITE, NULL), MM_FAULT_ACCERR);
	EXPECT_EQ(mm_fault_check(&u, 0x401000, MM_ACCESS_EXEC, NULL), MM_FAULT_ACCERR);
	EXPECT_EQ(mm_fault_check(&u, 0x400000, MM_ACCESS_EXEC, NULL), MM_FAULT_OK);
	EXPECT_STREQ(mm_fault_name(MM_FAULT_STACK_GUARD), "STACK_GUARD");
	done(&u);
}

KTEST(mm, fault_stack_grows_on_demand_up_to_the_limit)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	struct vma *v = NULL;
	uint64_t four_mib_down = TASK_SIZE - (4ULL << 20) + 8;
	EXPECT_EQ(mm_fault_check(&u, four_mib_down, MM_ACCESS_WRITE, &v), MM_FAULT_OK);
	ASSERT_NOT_NULL(v);
	EXPECT_EQ(v->start, four_mib_down & ~(P - 1));
	EXPECT_TRUE(v->flags & VMA_STACK);
	/* The last page within 8 MiB, then the first beyond it. */
	uint64_t limit = TASK_SIZE - MM_STACK_LIMIT;
	EXPECT_EQ(mm_fault_check(&u, limit, MM_ACCESS_WRITE, NULL), MM_FAULT_OK);
	EXPECT_EQ(mm_fault_check(&u, limit - 1, MM_ACCESS_WRITE, NULL), MM_FAULT_STACK_GUARD);
	EXPECT_EQ(vma_lookup(&u.vmas, limit)->start, limit);
	/* Far below the stack a fault is a stray pointer, not an overflow. */
	EXPECT_EQ(mm_fault_check(&u, limit - (64ULL << 20), MM_ACCESS_READ, NULL), MM_FAULT_MAPERR);
	EXPECT_EQ(vma_count(&u.vmas), 3);
	done(&u);
}

KTEST(mm, fault_stack_grows_keeping_guard_gap_above_a_mapping)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	/* A mapping 300 pages below the stack: the stack may grow to 256 pages above it. */
	uint64_t m_end = STACK_LOW - 300 * P;
	ASSERT_EQ(mm_mmap(&u, m_end - P, P, PROT_READ, FIXED, -1, 0), (int64_t)(m_end - P));
	uint64_t lowest = m_end + MM_STACK_GUARD_GAP;
	EXPECT_EQ(mm_fault_check(&u, lowest - 1, MM_ACCESS_WRITE, NULL), MM_FAULT_STACK_GUARD);
	EXPECT_EQ(mm_fault_check(&u, lowest, MM_ACCESS_WRITE, NULL), MM_FAULT_OK);
	EXPECT_EQ(mm_fault_check(&u, m_end, MM_ACCESS_WRITE, NULL), MM_FAULT_STACK_GUARD);
	/* An inaccessible (PROT_NONE) area below does not block growth, as on Linux. */
	ASSERT_EQ(mm_mprotect(&u, m_end - P, P, PROT_NONE), 0);
	EXPECT_EQ(mm_fault_check(&u, m_end + P, MM_ACCESS_WRITE, NULL), MM_FAULT_OK);
	done(&u);
}

KTEST(mm, mmap_placement_keeps_guard_gap_below_the_stack)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	u.mmap_base = TASK_SIZE; /* let top-down placement reach the stack */
	int64_t a = mm_mmap(&u, 0, P, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_EQ(a, (int64_t)(STACK_LOW - MM_STACK_GUARD_GAP - P));
	done(&u);
}

/* Page 0 stays unmapped: a grows-down area just above mmap_min_addr never
 * grows below it. */
KTEST(mm, fault_stack_never_grows_below_mmap_min_addr)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	uint64_t low = MMAP_MIN_ADDR;
	ASSERT_EQ(mm_mmap(&u, low, P, RW, FIXED | MAP_GROWSDOWN, -1, 0), (int64_t)low);
	EXPECT_NE(mm_fault_check(&u, low - 8, MM_ACCESS_WRITE, NULL), MM_FAULT_OK);
	EXPECT_NE(mm_fault_check(&u, 0, MM_ACCESS_WRITE, NULL), MM_FAULT_OK);
	EXPECT_EQ(vma_lookup(&u.vmas, low)->start, low);
	EXPECT_NULL(vma_lookup(&u.vmas, 0));
	done(&u);
}
