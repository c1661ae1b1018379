/*
 * mremap_test.c - mremap, the bookkeeping half (suite "mm", host and
 * kernel): Linux's order of checks and errnos, shrinking, growing in
 * place, moving (what the new area records, which pages the ops are told
 * to move), MREMAP_FIXED and MREMAP_DONTUNMAP, and failures that must leave
 * the old mapping as it was. The page tables are mremap_pt_test.c's.
 */
#include "lib/errno.h"
#include "mm/pagecache.h"
#include "mm/test/mm_fake.h"
#include "test/ktest.h"

#define P PAGE_SIZE
#define FIXED (MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define RW (PROT_READ | PROT_WRITE)
#define A 0x10000000ULL
#define B 0x20000000ULL
#define MAYMOVE MREMAP_MAYMOVE

/* Checks the set and that destroying u frees every VMA. */
static void done(struct mm *u)
{
	EXPECT_NULL(vma_check_why(&u->vmas));
	mm_clear(u);
	EXPECT_EQ(mm_fake_live(), 0);
}

KTEST(mm, mremap_checks_in_linuxs_order)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	mm_fake_clear_calls();
	EXPECT_EQ(mm_mremap(&u, A, P, 2 * P, 8, 0), -EINVAL);		 /* unknown flag */
	EXPECT_EQ(mm_mremap(&u, A + 1, P, 2 * P, 8, 0), -EINVAL);	 /* flags first */
	EXPECT_EQ(mm_mremap(&u, A, P, 2 * P, MREMAP_FIXED, B), -EINVAL); /* FIXED needs MAYMOVE */
	EXPECT_EQ(mm_mremap(&u, A, P, 2 * P, MAYMOVE | MREMAP_DONTUNMAP, B), -EINVAL); /* sizes */
	EXPECT_EQ(mm_mremap(&u, A, P, P, MREMAP_DONTUNMAP, B), -EINVAL); /* needs MAYMOVE */
	EXPECT_EQ(mm_mremap(&u, A + 1, P, 2 * P, 0, 0), -EINVAL);	 /* misaligned */
	EXPECT_EQ(mm_mremap(&u, A, P, 0, 0, 0), -EINVAL);		 /* new_len 0 */
	EXPECT_EQ(mm_mremap(&u, B, P, 0, 0, 0), -EINVAL);		 /* before the lookup */
	EXPECT_EQ(mm_mremap(&u, B, P, 2 * P, MAYMOVE, 0), -EFAULT);	 /* nothing there */
	EXPECT_EQ(mm_mremap(&u, A, 5 * P, 6 * P, MAYMOVE, 0), -EFAULT);	 /* past the area */
	EXPECT_EQ(mm_mremap(&u, A, 0, P, MAYMOVE, 0), -EINVAL); /* duplicating a private one */
	/* MREMAP_FIXED: the target's alignment, limit and overlap. */
	EXPECT_EQ(mm_mremap(&u, A, P, P, MAYMOVE | MREMAP_FIXED, B + 1), -EINVAL);
	EXPECT_EQ(mm_mremap(&u, A, P, P, MAYMOVE | MREMAP_FIXED, TASK_SIZE), -EINVAL);
	EXPECT_EQ(mm_mremap(&u, A, 2 * P, 2 * P, MAYMOVE | MREMAP_FIXED, A + P), -EINVAL);
	EXPECT_EQ(mm_mremap(&u, A + P, P, 2 * P, MAYMOVE | MREMAP_FIXED, A), -EINVAL);
	EXPECT_EQ(mm_mremap(&u, A, P, P, MAYMOVE | MREMAP_FIXED, 0x1000),
		  -EPERM); /* mmap_min_addr */
	EXPECT_EQ(mm_fake_ncalls, 0);
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 4 * P), "10000000-10004000 rw-p [anon]\n");
	done(&u);
}

KTEST(mm, mremap_shrink_unmaps_the_tail)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	mm_fake_clear_calls();
	EXPECT_EQ(mm_mremap(&u, A, 4 * P, 4 * P, 0, 0), (int64_t)A); /* same size: nothing */
	EXPECT_EQ(mm_fake_ncalls, 0);
	EXPECT_EQ(mm_mremap(&u, A, 4 * P, P + 1, 0, 0), (int64_t)A); /* rounded up: 2 pages */
	EXPECT_EQ(mm_fake_count('u', A + 2 * P, A + 4 * P), 1);
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 4 * P), "10000000-10002000 rw-p [anon]\n");
	/* The middle of an area: it splits, as munmap would. */
	EXPECT_EQ(mm_mremap(&u, A, P, 1, MAYMOVE, 0), (int64_t)A);
	ASSERT_EQ(mm_mmap(&u, B, 4 * P, RW, FIXED, -1, 0), (int64_t)B);
	EXPECT_EQ(mm_mremap(&u, B + P, 2 * P, P, 0, 0), (int64_t)(B + P));
	EXPECT_STREQ(mm_fake_maps_in(&u, B, B + 4 * P),
		     "20000000-20002000 rw-p [anon]\n20003000-20004000 rw-p [anon]\n");
	done(&u);
}

KTEST(mm, mremap_grows_in_place_when_the_range_after_is_free)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 2 * P, RW, FIXED, -1, 0), (int64_t)A);
	mm_fake_clear_calls();
	EXPECT_EQ(mm_mremap(&u, A, 2 * P, 5 * P, 0, 0), (int64_t)A);
	EXPECT_EQ(mm_fake_ncalls, 0); /* no page moves: the new ones come on first touch */
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 8 * P), "10000000-10005000 rw-p [anon]\n");
	EXPECT_EQ(mm_fault_check(&u, A + 4 * P, MM_ACCESS_WRITE, NULL), MM_FAULT_OK);
	/* Up to a neighbour it may not grow: ENOMEM without MAYMOVE, nothing changed. */
	ASSERT_EQ(mm_mmap(&u, A + 6 * P, P, PROT_READ, FIXED, -1, 0), (int64_t)(A + 6 * P));
	EXPECT_EQ(mm_mremap(&u, A, 5 * P, 7 * P, 0, 0), -ENOMEM);
	/* Exactly up to it, it may, and a compatible neighbour merges. */
	EXPECT_EQ(mm_mremap(&u, A, 5 * P, 6 * P, 0, 0), (int64_t)A);
	ASSERT_EQ(mm_mprotect(&u, A + 6 * P, P, RW), 0);
	EXPECT_EQ(vma_count(&u.vmas), 4); /* image x2, stack, and one area */
	/* A range not reaching the end of its area cannot grow in place. */
	EXPECT_EQ(mm_mremap(&u, A, P, 2 * P, 0, 0), -ENOMEM);
	/* The charge: more than the RAM budget is ENOMEM, even with room. */
	u.ram_pages = 8;
	EXPECT_EQ(mm_mremap(&u, A, 7 * P, 16 * P, 0, 0), -ENOMEM);
	EXPECT_EQ(mm_mremap(&u, A, 7 * P, 16 * P, MAYMOVE, 0), -ENOMEM); /* nor by moving */
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 16 * P), "10000000-10007000 rw-p [anon]\n");
	/* Uncharged memory (read-only private) is not limited by it. */
	ASSERT_EQ(mm_mmap(&u, B, P, PROT_READ, FIXED, -1, 0), (int64_t)B);
	EXPECT_EQ(mm_mremap(&u, B, P, 64 * P, 0, 0), (int64_t)B);
	done(&u);
}

KTEST(mm, mremap_moves_when_blocked_and_keeps_the_kind)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_mmap(&u, A + 4 * P, P, PROT_READ, FIXED, -1, 0), (int64_t)(A + 4 * P));
	mm_fake_clear_calls();
	int64_t n = mm_mremap(&u, A + 2 * P, 2 * P, 3 * P, MAYMOVE, 0);
	ASSERT_GT(n, 0);
	ASSERT_NE(n, (int64_t)(A + 2 * P));
	uint64_t to = (uint64_t)n;
	EXPECT_EQ(to & PAGE_MASK, 0);
	/* The pages of the old range moved (all of it, not the new tail). */
	EXPECT_EQ(mm_fake_count_move(A + 2 * P, A + 4 * P, to), 1);
	struct vma *v = vma_lookup(&u.vmas, to);
	ASSERT_NOT_NULL(v);
	EXPECT_EQ(v->start, to);
	EXPECT_EQ(v->end, to + 3 * P);
	EXPECT_EQ(v->prot, RW);
	EXPECT_EQ(v->flags, VMA_ANON | VMA_ACCOUNT);
	/* The old range is gone from the areas; the head stays. */
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 5 * P),
		     "10000000-10002000 rw-p [anon]\n10004000-10005000 r--p [anon]\n");
	EXPECT_EQ(mm_fault_check(&u, A + 2 * P, MM_ACCESS_READ, NULL), MM_FAULT_MAPERR);
	done(&u);
}

KTEST(mm, mremap_fixed_replaces_the_target_and_dontunmap_keeps_the_old_area)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 2 * P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_mmap(&u, B, 8 * P, PROT_READ, FIXED, -1, 0), (int64_t)B);
	mm_fake_clear_calls();
	/* To the middle of another area: that part of it is unmapped first. */
	EXPECT_EQ(mm_mremap(&u, A, 2 * P, 3 * P, MAYMOVE | MREMAP_FIXED, B + 2 * P),
		  (int64_t)(B + 2 * P));
	EXPECT_EQ(mm_fake_count('u', B + 2 * P, B + 5 * P), 1);
	EXPECT_EQ(mm_fake_count_move(A, A + 2 * P, B + 2 * P), 1);
	EXPECT_STREQ(mm_fake_maps_in(&u, B, B + 8 * P), "20000000-20002000 r--p [anon]\n"
							"20002000-20005000 rw-p [anon]\n"
							"20005000-20008000 r--p [anon]\n");
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 2 * P), "");
	/* FIXED and smaller: the old tail goes, the rest moves. */
	EXPECT_EQ(mm_mremap(&u, B + 2 * P, 3 * P, P, MAYMOVE | MREMAP_FIXED, A), (int64_t)A);
	EXPECT_EQ(mm_fake_count_move(B + 2 * P, B + 3 * P, A), 1);
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 2 * P), "10000000-10001000 rw-p [anon]\n");
	/* DONTUNMAP: the pages move, the old area stays (empty). */
	mm_fake_clear_calls();
	int64_t n = mm_mremap(&u, A, P, P, MAYMOVE | MREMAP_DONTUNMAP, 0);
	ASSERT_GT(n, 0);
	EXPECT_EQ(mm_fake_count_move(A, A + P, (uint64_t)n), 1);
	EXPECT_EQ(mm_fake_count('u', A, A + P), 0);
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + P), "10000000-10001000 rw-p [anon]\n");
	EXPECT_NOT_NULL(vma_lookup(&u.vmas, (uint64_t)n));
	done(&u);
}

/*
 * Linux 6.17 on: a move of the same size to a fixed address takes every
 * area of the range, each to its offset, and leaves the target of a gap as
 * it was; a resize must still lie in one area, and that (or old_len 0) is
 * refused before the target or the tail is unmapped.
 */
KTEST(mm, mremap_fixed_move_takes_every_area_and_refuses_before_unmapping)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 2 * P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_mmap(&u, A + 2 * P, P, PROT_READ, FIXED, -1, 0), (int64_t)(A + 2 * P));
	ASSERT_EQ(mm_mmap(&u, A + 4 * P, P, RW, FIXED, -1, 0), (int64_t)(A + 4 * P));
	ASSERT_EQ(mm_mmap(&u, B, 6 * P, PROT_EXEC, FIXED, -1, 0), (int64_t)B);
	const char *before = "10000000-10002000 rw-p [anon]\n10002000-10003000 r--p [anon]\n"
			     "10004000-10005000 rw-p [anon]\n";
	/* Resizes across two areas, and old_len 0: nothing unmapped. */
	EXPECT_EQ(mm_mremap(&u, A + P, 3 * P, 2 * P, MAYMOVE | MREMAP_FIXED, B), -EFAULT);
	EXPECT_EQ(mm_mremap(&u, A, 3 * P, 4 * P, MAYMOVE | MREMAP_FIXED, B), -EFAULT);
	EXPECT_EQ(mm_mremap(&u, A, 0, 2 * P, MAYMOVE | MREMAP_FIXED, B), -EINVAL);
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 5 * P), before);
	EXPECT_STREQ(mm_fake_maps_in(&u, B, B + 6 * P), "20000000-20006000 --xp [anon]\n");
	/* A bad target is refused before the old range is looked up (6.17). */
	EXPECT_EQ(mm_mremap(&u, A + 3 * P, P, P, MAYMOVE | MREMAP_FIXED, B + 1), -EINVAL);
	EXPECT_EQ(mm_mremap(&u, A + 3 * P, P, P, MAYMOVE | MREMAP_DONTUNMAP, TASK_SIZE), -EINVAL);
	EXPECT_EQ(mm_mremap(&u, A + 3 * P, P, P, MAYMOVE | MREMAP_FIXED, B), -EFAULT);
	/* Without FIXED a move still needs one area. */
	EXPECT_EQ(mm_mremap(&u, A, 3 * P, 3 * P, MAYMOVE | MREMAP_DONTUNMAP, 0), -EFAULT);
	/* The same size to B: three areas and a gap. */
	mm_fake_clear_calls();
	EXPECT_EQ(mm_mremap(&u, A, 5 * P, 5 * P, MAYMOVE | MREMAP_FIXED, B), (int64_t)B);
	EXPECT_EQ(mm_fake_count_move(A, A + 2 * P, B), 1);
	EXPECT_EQ(mm_fake_count_move(A + 4 * P, A + 5 * P, B + 4 * P), 1);
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 5 * P), "");
	EXPECT_STREQ(mm_fake_maps_in(&u, B, B + 6 * P), "20000000-20002000 rw-p [anon]\n"
							"20002000-20003000 r--p [anon]\n"
							"20003000-20004000 --xp [anon]\n"
							"20004000-20005000 rw-p [anon]\n"
							"20005000-20006000 --xp [anon]\n");
	done(&u);
}

KTEST(mm, mremap_failures_leave_the_old_mapping_as_it_was)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_mmap(&u, A + 4 * P, P, PROT_READ, FIXED, -1, 0), (int64_t)(A + 4 * P));
	/* The page tables of the new place could not be had. */
	mm_fake_fail_move(true);
	EXPECT_EQ(mm_mremap(&u, A + P, 2 * P, 8 * P, MAYMOVE, 0), -ENOMEM);
	mm_fake_fail_move(false);
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 5 * P),
		     "10000000-10004000 rw-p [anon]\n10004000-10005000 r--p [anon]\n");
	/* No VMA struct for the new area, or for the split of the old one. */
	mm_fake_fail_after(0);
	EXPECT_EQ(mm_mremap(&u, A + 3 * P, P, 8 * P, MAYMOVE, 0), -ENOMEM);
	mm_fake_fail_after(1);
	EXPECT_EQ(mm_mremap(&u, A + P, 2 * P, 8 * P, MAYMOVE, 0), -ENOMEM);
	mm_fake_fail_after(-1);
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 5 * P),
		     "10000000-10004000 rw-p [anon]\n10004000-10005000 r--p [anon]\n");
	/* The map count: a move refuses near the limit. */
	u.max_map_count = vma_count(&u.vmas) + 3;
	EXPECT_EQ(mm_mremap(&u, A, 4 * P, 8 * P, MAYMOVE, 0), -ENOMEM);
	u.max_map_count = MM_MAX_MAP_COUNT;
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 5 * P),
		     "10000000-10004000 rw-p [anon]\n10004000-10005000 r--p [anon]\n");
	done(&u);
}

static const uint8_t bytes[4 * 4096];
static const struct mm_file file = {.data = bytes, .size = sizeof bytes, .ino = 7, .dev = 1};
static const struct mm_mmap_source rd = {.file = &file, .readable = true};

KTEST(mm, mremap_of_a_file_area_keeps_its_file_pages)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	/* File pages 1..3 at A; a neighbour blocks growing in place. */
	ASSERT_EQ(mm_mmap_file(&u, A, 3 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, &rd, P),
		  (int64_t)A);
	ASSERT_EQ(mm_mmap(&u, A + 3 * P, P, PROT_READ, FIXED, -1, 0), (int64_t)(A + 3 * P));
	int64_t n = mm_mremap(&u, A + P, 2 * P, 4 * P, MAYMOVE, 0);
	ASSERT_GT(n, 0);
	struct vma *v = vma_lookup(&u.vmas, (uint64_t)n);
	ASSERT_NOT_NULL(v);
	EXPECT_EQ(v->file, &file);
	EXPECT_TRUE(v->flags & VMA_FILE);
	/* The page now at n is file page 2, as it was at A + P... */
	EXPECT_EQ(((uint64_t)n - v->file_origin) / P, 2);
	/* ...and the old area keeps page 1 at A. */
	struct vma *old = vma_lookup(&u.vmas, A);
	ASSERT_NOT_NULL(old);
	EXPECT_EQ(old->end, A + P);
	EXPECT_EQ((A - old->file_origin) / P, 1);
	done(&u);
}
