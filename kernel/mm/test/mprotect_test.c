/*
 * mprotect_test.c - mprotect (mprotect.*) against the rules of
 * docs/spec/memory-syscalls.md (suite "mm").
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

/* Returns the protection of the VMA holding addr (-1 if none). */
static int prot_at(struct mm *u, uint64_t addr)
{
	struct vma *v = vma_lookup(&u->vmas, addr);
	return v ? (int)v->prot : -1;
}

KTEST(mm, mprotect_unaligned_einval_even_with_zero_length)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mprotect(&u, 0x400001, P, PROT_READ), -EINVAL);
	EXPECT_EQ(mm_mprotect(&u, 0x400001, 0, PROT_READ), -EINVAL);
	done(&u);
}

KTEST(mm, mprotect_len_zero_ok_regardless)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mprotect(&u, A, 0, PROT_READ), 0);
	EXPECT_EQ(mm_mprotect(&u, A, 0, 0x100), 0);
	done(&u);
}

KTEST(mm, mprotect_unmapped_enomem)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mprotect(&u, 0, P + 1, PROT_READ), -ENOMEM);
	EXPECT_EQ(mm_mprotect(&u, A, P, PROT_READ), -ENOMEM);
	EXPECT_EQ(mm_mprotect(&u, LOWER_HALF_END, P, PROT_READ), -ENOMEM);
	done(&u);
}

KTEST(mm, mprotect_wrapping_end_enomem)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mprotect(&u, 0x400000, 0xfffffffffffff000ULL, PROT_READ), -ENOMEM);
	done(&u);
}

KTEST(mm, mprotect_bad_prot_einval)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_EQ(mm_mprotect(&u, A, P, 0x100), -EINVAL);
	EXPECT_EQ(mm_mprotect(&u, A, P, 0x10), -EINVAL);
	EXPECT_EQ(mm_mprotect(&u, A + 8 * P, P, 0x100), -EINVAL); /* before the lookup */
	EXPECT_EQ(mm_mprotect(&u, A, P, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP), -EINVAL);
	EXPECT_EQ(mm_mprotect(&u, A, P, PROT_READ | PROT_GROWSDOWN), -EINVAL); /* not growsdown */
	EXPECT_EQ(mm_mprotect(&u, A, P, PROT_READ | PROT_GROWSUP), -EINVAL);   /* none on x86 */
	EXPECT_EQ(mm_mprotect(&u, A, P, PROT_READ | PROT_SEM), 0);
	EXPECT_EQ(prot_at(&u, A), PROT_READ);
	done(&u);
}

KTEST(mm, mprotect_bad_prot_einval_but_growsdown_extends_to_area_start)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mprotect(&u, STACK_LOW + 2 * P, P, PROT_READ | PROT_GROWSDOWN), 0);
	EXPECT_EQ(mm_fake_count('p', STACK_LOW, STACK_LOW + 3 * P), 1);
	EXPECT_EQ(prot_at(&u, STACK_LOW), PROT_READ);
	EXPECT_EQ(prot_at(&u, STACK_LOW + 3 * P), RW);
	done(&u);
}

KTEST(mm, mprotect_not_atomic_changes_pages_before_hole)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 3 * P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_EQ(mm_mprotect(&u, A, 4 * P, PROT_READ), -ENOMEM);
	EXPECT_EQ(prot_at(&u, A + 2 * P), PROT_READ);
	EXPECT_EQ(mm_fake_count('p', A, A + 3 * P), 1);
	done(&u);
}

KTEST(mm, mprotect_not_atomic_pages_after_hole_unchanged)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 2 * P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_mmap(&u, A + 3 * P, P, RW, FIXED, -1, 0), (int64_t)(A + 3 * P));
	EXPECT_EQ(mm_mprotect(&u, A, 4 * P, PROT_READ), -ENOMEM);
	EXPECT_EQ(prot_at(&u, A + P), PROT_READ);
	EXPECT_EQ(prot_at(&u, A + 3 * P), RW);
	done(&u);
}

KTEST(mm, mprotect_not_atomic_first_page_unmapped_changes_nothing)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A + P, 2 * P, RW, FIXED, -1, 0), (int64_t)(A + P));
	mm_fake_clear_calls();
	EXPECT_EQ(mm_mprotect(&u, A, 3 * P, PROT_READ), -ENOMEM);
	EXPECT_EQ(prot_at(&u, A + P), RW);
	EXPECT_EQ(mm_fake_ncalls, 0);
	done(&u);
}

KTEST(mm, mprotect_len_rounded_up)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_EQ(mm_mprotect(&u, A, 4097, PROT_READ), 0);
	EXPECT_EQ(mm_fake_count('p', A, A + 2 * P), 1);
	EXPECT_EQ(prot_at(&u, A + 2 * P), RW);
	done(&u);
}

KTEST(mm, mprotect_split_merge_split_then_merged_back)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_EQ(mm_mprotect(&u, A + P, P, PROT_READ), 0);
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 4 * P), "10000000-10001000 rw-p [anon]\n"
							"10001000-10002000 r--p [anon]\n"
							"10002000-10004000 rw-p [anon]\n");
	EXPECT_EQ(mm_mprotect(&u, A + P, P, RW), 0);
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 4 * P), "10000000-10004000 rw-p [anon]\n");
	done(&u);
}

KTEST(mm, mprotect_split_merge_one_call_spans_private_and_shared)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 2 * P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_mmap(&u, A + 2 * P, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		  (int64_t)(A + 2 * P));
	EXPECT_EQ(mm_mprotect(&u, A + P, 2 * P, PROT_READ), 0);
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 4 * P), "10000000-10001000 rw-p [anon]\n"
							"10001000-10002000 r--p [anon]\n"
							"10002000-10003000 r--s [anon]\n"
							"10003000-10004000 rw-s [anon]\n");
	done(&u);
}

KTEST(mm, mprotect_prot_none_keeps_data)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_mprotect(&u, A, P, PROT_NONE), 0);
	EXPECT_EQ(mm_fault_check(&u, A, MM_ACCESS_READ, NULL), MM_FAULT_ACCERR);
	ASSERT_EQ(mm_mprotect(&u, A, P, RW), 0);
	EXPECT_EQ(mm_fault_check(&u, A, MM_ACCESS_WRITE, NULL), MM_FAULT_OK);
	EXPECT_EQ(mm_fake_count('u', A, A + P) + mm_fake_count('z', A, A + P), 0);
	done(&u);
}

KTEST(mm, mprotect_eacces_never_for_anonymous_or_image)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, P, PROT_READ, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		  (int64_t)A);
	EXPECT_EQ(mm_mprotect(&u, A, P, RW), 0);
	EXPECT_EQ(mm_mprotect(&u, 0x400000, P, PROT_READ | PROT_WRITE | PROT_EXEC), 0);
	EXPECT_STREQ(mm_fake_maps_in(&u, 0x400000, 0x401000), "00400000-00401000 rwxp [image]\n");
	done(&u);
}

KTEST(mm, mprotect_making_huge_private_map_writable_is_charged)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	int64_t a = mm_mmap(&u, 0, 1ULL << 40, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_GT(a, 0);
	EXPECT_EQ(mm_mprotect(&u, (uint64_t)a, 1ULL << 40, RW), -ENOMEM); /* measured on 6.18 */
	EXPECT_EQ(mm_mprotect(&u, (uint64_t)a, 1ULL << 30, RW), 0);
	done(&u);
}
