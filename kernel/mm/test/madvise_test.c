/*
 * madvise_test.c - madvise: DONTNEED, the other advice, the order of its
 * checks (suite "mm").
 * Tests are named after the rule (slug) they check.
 */
#include "lib/errno.h"
#include "mm/test/mm_fake.h"
#include "test/ktest.h"

#define P PAGE_SIZE
#define FIXED (MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define RW (PROT_READ | PROT_WRITE)
#define A 0x10000000ULL

/* Checks the set and that destroying u frees every VMA. */
static void done(struct mm *u)
{
	EXPECT_NULL(vma_check_why(&u->vmas));
	mm_clear(u);
	EXPECT_EQ(mm_fake_live(), 0);
}

KTEST(mm, madvise_dontneed_zaps_pages_but_keeps_vmas)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_EQ(mm_madvise(&u, A + P, 2 * P, MADV_DONTNEED), 0);
	EXPECT_EQ(mm_fake_count('z', A + P, A + 3 * P), 1);
	EXPECT_EQ(vma_count(&u.vmas), 4);
	EXPECT_EQ(mm_fault_check(&u, A + P, MM_ACCESS_READ, NULL), MM_FAULT_OK);
	done(&u);
}

KTEST(mm, madvise_checks_advice_alignment_and_holes)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 3 * P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_munmap(&u, A + P, P), 0);
	mm_fake_clear_calls();
	EXPECT_EQ(mm_madvise(&u, A + 1, P, 99), -EINVAL); /* advice first */
	EXPECT_EQ(mm_madvise(&u, A + 1, P, MADV_NORMAL), -EINVAL);
	EXPECT_EQ(mm_madvise(&u, A, 0, MADV_DONTNEED), 0);
	EXPECT_EQ(mm_madvise(&u, 0x100000000ULL, P, MADV_NORMAL), -ENOMEM);
	EXPECT_EQ(mm_madvise(&u, 0x100000000ULL, P, MADV_FREE), -ENOMEM);
	/* A hole: the mapped parts are still zapped, the result is ENOMEM. */
	EXPECT_EQ(mm_madvise(&u, A, 3 * P, MADV_DONTNEED), -ENOMEM);
	EXPECT_EQ(mm_fake_count('z', A, A + P), 1);
	EXPECT_EQ(mm_fake_count('z', A + 2 * P, A + 3 * P), 1);
	mm_fake_clear_calls();
	EXPECT_EQ(mm_madvise(&u, A, P, MADV_RANDOM), 0);
	EXPECT_EQ(mm_madvise(&u, A, P, MADV_SEQUENTIAL), 0);
	EXPECT_EQ(mm_madvise(&u, A, P, MADV_WILLNEED), 0);
	EXPECT_EQ(mm_madvise(&u, A, P, MADV_FREE), 0);
	EXPECT_EQ(mm_fake_ncalls, 0);
	done(&u);
}

KTEST(mm, madvise_area_rules_locked_memory_keeps_its_pages)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_mmap(&u, A + P, P, RW, FIXED | MAP_LOCKED, -1, 0), (int64_t)(A + P));
	mm_fake_clear_calls();
	EXPECT_EQ(mm_madvise(&u, A + P, P, MADV_FREE), -EINVAL);
	EXPECT_EQ(mm_madvise(&u, A + P, P, MADV_PAGEOUT), -EINVAL);
	EXPECT_EQ(mm_madvise(&u, A + P, P, MADV_WILLNEED), 0);
	EXPECT_EQ(mm_fake_ncalls, 0);
	/* The area before the locked one is advised, then the call stops. */
	EXPECT_EQ(mm_madvise(&u, A, 2 * P, MADV_DONTNEED), -EINVAL);
	EXPECT_EQ(mm_fake_count('z', A, A + P), 1);
	EXPECT_EQ(mm_fake_count('z', A + P, A + 2 * P), 0);
	done(&u);
}

KTEST(mm, madvise_shared_keeps_data)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	unsigned long sh = MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED;
	ASSERT_EQ(mm_mmap(&u, A, 2 * P, RW, sh, -1, 0), (int64_t)A);
	mm_fake_clear_calls();
	EXPECT_EQ(mm_madvise(&u, A, P, MADV_DONTNEED), 0);
	EXPECT_EQ(mm_fake_ncalls, 0); /* the pages are the shared object's */
	EXPECT_EQ(mm_madvise(&u, A, P, MADV_FREE), -EINVAL);
	EXPECT_EQ(mm_madvise(&u, A, P, MADV_WIPEONFORK), -EINVAL);
	EXPECT_EQ(mm_madvise(&u, A + P, P, MADV_REMOVE), 0);
	EXPECT_EQ(mm_fake_count('z', A + P, A + 2 * P), 1);
	ASSERT_EQ(mm_mmap(&u, A + 4 * P, P, RW, FIXED, -1, 0), (int64_t)(A + 4 * P));
	EXPECT_EQ(mm_madvise(&u, A + 4 * P, P, MADV_REMOVE), -EINVAL); /* private */
	done(&u);
}

KTEST(mm, madvise_area_rules_flags_split_and_merge_back)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	size_t n = vma_count(&u.vmas);
	EXPECT_EQ(mm_madvise(&u, A + P, 2 * P, MADV_DONTFORK), 0);
	EXPECT_EQ(vma_count(&u.vmas), n + 2);
	EXPECT_EQ(vma_lookup(&u.vmas, A + P)->flags & VMA_DONTFORK, VMA_DONTFORK);
	EXPECT_EQ(vma_lookup(&u.vmas, A)->flags & VMA_DONTFORK, 0);
	EXPECT_EQ(mm_madvise(&u, A + 2 * P, P, MADV_WIPEONFORK), 0);
	EXPECT_EQ(mm_madvise(&u, A + 2 * P, P, MADV_DONTDUMP), 0);
	EXPECT_EQ(vma_count(&u.vmas), n + 3);
	EXPECT_EQ(mm_madvise(&u, A, 4 * P, MADV_DODUMP), 0);
	EXPECT_EQ(mm_madvise(&u, A, 4 * P, MADV_KEEPONFORK), 0);
	EXPECT_EQ(mm_madvise(&u, A, 4 * P, MADV_DOFORK), 0);
	EXPECT_EQ(vma_count(&u.vmas), n); /* all alike again: one area */
	/* At the map count limit a split is refused with EAGAIN, as Linux. */
	u.max_map_count = vma_count(&u.vmas);
	EXPECT_EQ(mm_madvise(&u, A + P, P, MADV_DONTDUMP), -EAGAIN);
	EXPECT_EQ(vma_count(&u.vmas), n);
	done(&u);
}
