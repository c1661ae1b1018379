/*
 * mlock_test.c - mlock, mlock2, munlock, mlockall, munlockall and msync
 * on the bookkeeping (suite "mm"): which areas get marked, which pages
 * are paged in, the errors in Linux's order. The expected values were
 * measured on Linux 6.x (tests/libc/mlock_test.c runs the same cases on
 * both kernels).
 */
#include "lib/errno.h"
#include "mm/test/mm_fake.h"
#include "test/ktest.h"

#define P PAGE_SIZE
#define FIXED (MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)
#define A 0x10000000ULL
#define LOCKS (VMA_LOCKED | VMA_LOCKONFAULT)

/* Checks the set and that destroying u frees every VMA. */
static void done(struct mm *u)
{
	EXPECT_NULL(vma_check_why(&u->vmas));
	mm_clear(u);
	EXPECT_EQ(mm_fake_live(), 0);
}

/* The lock bits of the area holding a (0 if none holds it). */
static unsigned locks_at(const struct mm *u, uint64_t a)
{
	const struct vma *v = vma_lookup(&u->vmas, a);
	return v ? v->flags & LOCKS : 0;
}

KTEST(mm, mlock_marks_the_pages_and_pages_them_in)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	mm_fake_clear_calls();
	/* rounded out to whole pages: one byte at A + P + 1 is the page A + P */
	EXPECT_EQ(mm_mlock(&u, A + P + 1, 1, false), 0);
	EXPECT_EQ(locks_at(&u, A + P), VMA_LOCKED);
	EXPECT_EQ(locks_at(&u, A), 0u);
	EXPECT_EQ(locks_at(&u, A + 2 * P), 0u);
	EXPECT_EQ(vma_count(&u.vmas), 6); /* split out of its area */
	EXPECT_EQ(mm_fake_count('f', A + P, A + 2 * P), 1);
	/* munlock merges it back */
	EXPECT_EQ(mm_munlock(&u, A + P, P), 0);
	EXPECT_EQ(vma_count(&u.vmas), 4);
	EXPECT_EQ(locks_at(&u, A + P), 0u);
	/* locked on fault: marked, not paged in */
	mm_fake_clear_calls();
	EXPECT_EQ(mm_mlock(&u, A, 4 * P, true), 0);
	EXPECT_EQ(locks_at(&u, A), LOCKS);
	EXPECT_EQ(mm_fake_ncalls, 0);
	/* and mlock of it then pages it in */
	EXPECT_EQ(mm_mlock(&u, A, 4 * P, false), 0);
	EXPECT_EQ(locks_at(&u, A), VMA_LOCKED);
	EXPECT_EQ(mm_fake_count('f', A, A + 4 * P), 1);
	/* a locked area's pages may not be discarded (madvise.area-rules) */
	EXPECT_EQ(mm_madvise(&u, A, P, MADV_DONTNEED), -EINVAL);
	done(&u);
}

KTEST(mm, mlock_ranges_are_checked_in_linux_order)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	mm_fake_clear_calls();
	/* a length that rounds past 2^64 is 0: nothing to do */
	EXPECT_EQ(mm_mlock(&u, A, UINT64_MAX, false), 0);
	EXPECT_EQ(mm_munlock(&u, A, UINT64_MAX), 0);
	EXPECT_EQ(mm_mlock(&u, A, 0, false), 0);
	EXPECT_EQ(mm_fake_ncalls, 0);
	/* a range that wraps */
	EXPECT_EQ(mm_mlock(&u, A, (uint64_t)0 - P, false), -EINVAL);
	EXPECT_EQ(mm_munlock(&u, A, (uint64_t)0 - A), -EINVAL);
	/* nothing mapped at the start */
	EXPECT_EQ(mm_mlock(&u, 0x200000000000ULL, P, false), -ENOMEM);
	EXPECT_EQ(mm_munlock(&u, 0x200000000000ULL, P), -ENOMEM);
	EXPECT_EQ(mm_mlock(&u, A - P, 2 * P, false), -ENOMEM);
	EXPECT_EQ(locks_at(&u, A), 0u);
	done(&u);
}

KTEST(mm, mlock_hole_after_marking)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 8 * P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_munmap(&u, A + 4 * P, P), 0);
	mm_fake_clear_calls();
	/* the areas before the hole are marked, nothing is paged in */
	EXPECT_EQ(mm_mlock(&u, A, 8 * P, false), -ENOMEM);
	EXPECT_EQ(locks_at(&u, A), VMA_LOCKED);
	EXPECT_EQ(locks_at(&u, A + 5 * P), 0u);
	EXPECT_EQ(mm_fake_ncalls, 0);
	EXPECT_EQ(mm_munlock(&u, A, 8 * P), -ENOMEM);
	EXPECT_EQ(locks_at(&u, A), 0u);
	done(&u);
}

KTEST(mm, mlock_populate_errors)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	/* [RW][NONE][RW]: all three marked, the first paged in, then ENOMEM */
	ASSERT_EQ(mm_mmap(&u, A, 6 * P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_mprotect(&u, A + 2 * P, 2 * P, PROT_NONE), 0);
	mm_fake_clear_calls();
	EXPECT_EQ(mm_mlock(&u, A, 6 * P, false), -ENOMEM);
	EXPECT_EQ(locks_at(&u, A), VMA_LOCKED);
	EXPECT_EQ(locks_at(&u, A + 2 * P), VMA_LOCKED);
	EXPECT_EQ(locks_at(&u, A + 4 * P), VMA_LOCKED);
	EXPECT_EQ(mm_fake_count('f', A, A + 2 * P), 1);
	EXPECT_EQ(mm_fake_ncalls, 1);
	/* making the locked PROT_NONE area writable pages it in */
	mm_fake_clear_calls();
	EXPECT_EQ(mm_mprotect(&u, A + 2 * P, 2 * P, RW), 0);
	EXPECT_EQ(mm_fake_count('f', A + 2 * P, A + 4 * P), 1);
	/* no memory to page in: EAGAIN, and the marks stay */
	EXPECT_EQ(mm_munlock(&u, A, 6 * P), 0);
	mm_fake_fail_populate(true);
	EXPECT_EQ(mm_mlock(&u, A, 6 * P, false), -EAGAIN);
	mm_fake_fail_populate(false);
	EXPECT_EQ(locks_at(&u, A + 5 * P), VMA_LOCKED);
	done(&u);
}

KTEST(mm, mlock_split_at_map_count)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	u.max_map_count = vma_count(&u.vmas) + 1;
	EXPECT_EQ(mm_mlock(&u, A + P, P, false), -ENOMEM); /* two splits needed */
	EXPECT_EQ(locks_at(&u, A + P), 0u);
	EXPECT_EQ(mm_mlock(&u, A, P, false), 0); /* one is allowed */
	done(&u);
}

KTEST(mm, mlock_future)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mlockall(&u, 0), -EINVAL);
	EXPECT_EQ(mm_mlockall(&u, MCL_ONFAULT), -EINVAL);
	EXPECT_EQ(mm_mlockall(&u, 8), -EINVAL);
	EXPECT_EQ(mm_mlockall(&u, MCL_FUTURE | 8), -EINVAL);
	/* MCL_FUTURE alone leaves the current areas unlocked */
	EXPECT_EQ(mm_mlockall(&u, MCL_FUTURE), 0);
	EXPECT_EQ(locks_at(&u, 0x400000), 0u);
	mm_fake_clear_calls();
	int64_t a = mm_mmap(&u, 0, 3 * P, RW, ANON, -1, 0);
	ASSERT_GT(a, 0);
	EXPECT_EQ(locks_at(&u, (uint64_t)a), VMA_LOCKED);
	EXPECT_EQ(mm_fake_count('f', (uint64_t)a, (uint64_t)a + 3 * P), 1);
	/* the heap's new pages too, in an area of their own */
	mm_fake_clear_calls();
	EXPECT_EQ(mm_brk(&u, FAKE_START_BRK + 2 * P), FAKE_START_BRK + 2 * P);
	EXPECT_EQ(locks_at(&u, FAKE_START_BRK), VMA_LOCKED);
	EXPECT_EQ(mm_fake_count('f', FAKE_START_BRK, FAKE_START_BRK + 2 * P), 1);
	/* a locked area that grows by mremap has its new pages paged in */
	mm_fake_clear_calls();
	int64_t g = mm_mremap(&u, (uint64_t)a, 3 * P, 5 * P, MREMAP_MAYMOVE, 0);
	ASSERT_GT(g, 0);
	EXPECT_EQ(mm_fake_count('f', (uint64_t)g + 3 * P, (uint64_t)g + 5 * P), 1);
	/* mlockall without MCL_FUTURE ends it; munlockall unlocks all */
	EXPECT_EQ(mm_mlockall(&u, MCL_CURRENT | MCL_ONFAULT), 0);
	EXPECT_EQ(locks_at(&u, 0x400000), LOCKS);
	EXPECT_EQ(locks_at(&u, (uint64_t)g), LOCKS);
	mm_fake_clear_calls();
	a = mm_mmap(&u, 0, P, RW, ANON, -1, 0);
	EXPECT_EQ(locks_at(&u, (uint64_t)a), 0u);
	EXPECT_EQ(mm_fake_ncalls, 0);
	EXPECT_EQ(mm_munlockall(&u), 0);
	for (struct vma *v = vma_first(&u.vmas); v; v = vma_next(v))
		EXPECT_EQ(v->flags & LOCKS, 0u);
	done(&u);
}

KTEST(mm, msync_flags_holes_and_locked_memory)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 8 * P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_munmap(&u, A + 4 * P, P), 0);
	/* msync.flags */
	EXPECT_EQ(mm_msync(&u, A, P, 8), -EINVAL);
	EXPECT_EQ(mm_msync(&u, A + 1, P, MS_ASYNC), -EINVAL);
	EXPECT_EQ(mm_msync(&u, A, P, MS_ASYNC | MS_SYNC), -EINVAL);
	EXPECT_EQ(mm_msync(&u, A, P, 0), 0);
	EXPECT_EQ(mm_msync(&u, A, 0, MS_SYNC), 0);
	EXPECT_EQ(mm_msync(&u, A, UINT64_MAX, MS_ASYNC), 0);		/* rounds to 0 */
	EXPECT_EQ(mm_msync(&u, A, (uint64_t)0 - P, MS_ASYNC), -ENOMEM); /* wraps */
	/* msync.holes */
	EXPECT_EQ(mm_msync(&u, A, 4 * P, MS_SYNC), 0);
	EXPECT_EQ(mm_msync(&u, A, 8 * P, MS_ASYNC), -ENOMEM);
	EXPECT_EQ(mm_msync(&u, A, 8 * P, MS_SYNC), -ENOMEM);
	EXPECT_EQ(mm_msync(&u, A + 4 * P, P, MS_ASYNC), -ENOMEM);
	EXPECT_EQ(mm_msync(&u, 0x200000000000ULL, P, MS_ASYNC), -ENOMEM);
	/* msync.invalidate-locked: EBUSY, even after a hole */
	ASSERT_EQ(mm_mlock(&u, A + 5 * P, P, false), 0);
	EXPECT_EQ(mm_msync(&u, A + 5 * P, P, MS_INVALIDATE), -EBUSY);
	EXPECT_EQ(mm_msync(&u, A, 8 * P, MS_INVALIDATE), -EBUSY);
	EXPECT_EQ(mm_msync(&u, A + 4 * P, 2 * P, MS_INVALIDATE | MS_ASYNC), -EBUSY);
	/* MS_SYNC alone stops at the first hole, before the locked area;
	 * with MS_INVALIDATE it is not alone and goes on to it */
	EXPECT_EQ(mm_msync(&u, A + 4 * P, 2 * P, MS_SYNC), -ENOMEM);
	EXPECT_EQ(mm_msync(&u, A + 4 * P, 2 * P, MS_SYNC | MS_INVALIDATE), -EBUSY);
	EXPECT_EQ(mm_msync(&u, A + 5 * P, P, MS_ASYNC), 0);
	done(&u);
}
