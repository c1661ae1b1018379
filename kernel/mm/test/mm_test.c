/*
 * mm_test.c - the initial layout of an address space (mm_setup), its
 * listing and its teardown (suite "mm").
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

KTEST(mm, setup_builds_image_stack_and_mmap_base)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_STREQ(mm_fake_maps(&u), "00400000-00401000 r-xp [image]\n"
				       "00401000-00402000 rw-p [image]\n"
				       "7fffffffb000-7ffffffff000 rw-p [stack]\n");
	EXPECT_EQ(u.stack_top, TASK_SIZE);
	EXPECT_EQ(u.mmap_base, 0x7ffff7fff000ULL);
	ASSERT_EQ(mm_brk(&u, FAKE_START_BRK + 1), FAKE_START_BRK + 1);
	ASSERT_EQ(mm_mmap(&u, A, P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_STREQ(mm_fake_maps_in(&u, 0x402000, 0x20000000),
		     "00402000-00403000 rw-p [heap]\n10000000-10001000 rw-p [anon]\n");
	done(&u);
}

KTEST(mm, setup_rejects_bad_segments_and_cleans_up)
{
	struct mm u;
	static const struct mm_segment overlap[] = {{0x400000, 0x401800, PROT_READ},
						    {0x401000, 0x402000, RW}};
	static const struct mm_segment low[] = {{0x1000, 0x2000, PROT_READ}};
	mm_fake_reset(-1);
	mm_init(&u, &mm_fake_ops, NULL, FAKE_RAM_PAGES);
	EXPECT_EQ(mm_setup(&u, overlap, 2, P), -EINVAL);
	EXPECT_EQ(mm_fake_live(), 0);
	EXPECT_EQ(mm_setup(&u, low, 1, P), -EINVAL);
	EXPECT_EQ(mm_setup(&u, overlap, 1, 0), -EINVAL);
	EXPECT_EQ(mm_setup(&u, overlap, 1, MM_STACK_LIMIT + P), -EINVAL);
	mm_fake_fail_after(1); /* the segment, not the stack */
	EXPECT_EQ(mm_setup(&u, overlap, 1, P), -ENOMEM);
	EXPECT_EQ(mm_fake_live(), 0);
	EXPECT_EQ(vma_count(&u.vmas), 0);
}

/* exec.bss-demand-zero: writable segments are charged; more than all of RAM is refused. */
KTEST(mm, setup_charges_writable_segments)
{
	struct mm u;
	static const struct mm_segment big_bss[] = {{0x400000, 0x401000, PROT_READ | PROT_EXEC},
						    {0x401000, 0x401000 + (1ULL << 40), RW}};
	static const struct mm_segment big_ro[] = {{0x400000, 0x400000 + (1ULL << 40), PROT_READ}};
	mm_fake_reset(-1);
	mm_init(&u, &mm_fake_ops, NULL, FAKE_RAM_PAGES);
	EXPECT_EQ(mm_setup(&u, big_bss, 2, P), -ENOMEM);
	EXPECT_EQ(mm_fake_live(), 0);
	EXPECT_EQ(mm_setup(&u, big_ro, 1, P), 0); /* read-only: nothing to charge */
	mm_clear(&u);
	u.ram_pages = 16;
	static const struct mm_segment fits[] = {{0x400000, 0x410000, RW}};
	EXPECT_EQ(mm_setup(&u, fits, 1, P), 0); /* 16 pages: exactly all of RAM */
	EXPECT_EQ(vma_lookup(&u.vmas, 0x400000)->flags & VMA_ACCOUNT, VMA_ACCOUNT);
	mm_clear(&u);
	static const struct mm_segment over[] = {{0x400000, 0x410001, RW}};
	EXPECT_EQ(mm_setup(&u, over, 1, P), -ENOMEM);
	EXPECT_EQ(mm_fake_live(), 0);
}

KTEST(mm, destroy_unmaps_and_frees_every_vma)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_brk(&u, FAKE_START_BRK + P), FAKE_START_BRK + P);
	mm_clear(&u);
	EXPECT_EQ(mm_fake_live(), 0);
	EXPECT_EQ(mm_fake_ncalls, 4);
	EXPECT_EQ(mm_fake_count('u', STACK_LOW, TASK_SIZE), 1);
	EXPECT_EQ(vma_count(&u.vmas), 0);
}
