/*
 * mmap_test.c - mmap and munmap against the mmap and munmap rules of
 * docs/spec/memory-syscalls.md (suite "mm"). Tests are named after the rule
 * (slug) they check; each starts from mm_fake_fresh()'s layout (or an empty
 * space, bare()) and checks results, errnos, the VMAs and the recorded
 * callbacks.
 */
#include "lib/errno.h"
#include "mm/test/mm_fake.h"
#include "test/ktest.h"

#define P PAGE_SIZE
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define FIXED (MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define RW (PROT_READ | PROT_WRITE)
#define A 0x10000000ULL /* a free area for fixed mappings */

/* Checks the set and that destroying u frees every VMA. */
static void done(struct mm *u)
{
	EXPECT_NULL(vma_check_why(&u->vmas));
	mm_clear(u);
	EXPECT_EQ(mm_fake_live(), 0);
}

/* Makes u an empty address space (no image, no stack). */
static void bare(struct mm *u)
{
	mm_fake_reset(-1);
	mm_init(u, &mm_fake_ops, NULL, FAKE_RAM_PAGES);
}

/* Returns the number of VMAs meeting [start, end). */
static int vmas_in(struct mm *u, uint64_t start, uint64_t end)
{
	int n = 0;
	for (struct vma *v = vma_find(&u->vmas, start); v && v->start < end; v = vma_next(v))
		n++;
	return n;
}

KTEST(mm, mmap_len_zero_einval)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mmap(&u, 0, 0, RW, ANON, -1, 0), -EINVAL);
	EXPECT_EQ(mm_mmap(&u, A, 0, RW, FIXED, -1, 0), -EINVAL);
	done(&u);
}

KTEST(mm, mmap_type_must_be_valid)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, MAP_ANONYMOUS, -1, 0), -EINVAL);
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, MAP_ANONYMOUS | 0xf, -1, 0), -EINVAL);
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, MAP_ANONYMOUS | MAP_SHARED_VALIDATE, -1, 0), -EINVAL);
	EXPECT_GT(mm_mmap(&u, 0, P, RW, MAP_ANONYMOUS | MAP_DROPPABLE, -1, 0), 0);
	int64_t s = mm_mmap(&u, 0, P, RW, MAP_ANONYMOUS | MAP_SHARED, -1, 0);
	ASSERT_GT(s, 0);
	EXPECT_EQ(vma_lookup(&u.vmas, (uint64_t)s)->flags & VMA_SHARED, VMA_SHARED);
	done(&u);
}

KTEST(mm, mmap_offset_aligned_first)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, ANON, -1, 1), -EINVAL);
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, MAP_PRIVATE, -1, 1), -EINVAL); /* before EBADF */
	EXPECT_GT(mm_mmap(&u, 0, P, RW, ANON, -1, P), 0);	       /* aligned: ignored */
	done(&u);
}

KTEST(mm, mmap_anonymous_ignores_fd_files_are_ebadf)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_GT(mm_mmap(&u, 0, P, RW, ANON, 7, 0), 0);
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, MAP_PRIVATE, -1, 0), -EBADF);
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, MAP_SHARED, 3, 0), -EBADF);
	EXPECT_EQ(mm_mmap(&u, 0, 0, RW, MAP_PRIVATE, -1, 0), -EBADF); /* beats len == 0 */
	done(&u);
}

KTEST(mm, mmap_prot_not_validated)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	int64_t a = mm_mmap(&u, 0, P, PROT_READ | 0x100, ANON, -1, 0);
	ASSERT_GT(a, 0);
	EXPECT_EQ(vma_lookup(&u.vmas, (uint64_t)a)->prot, PROT_READ);
	done(&u);
}

KTEST(mm, mmap_unknown_flags_ignored)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_GT(mm_mmap(&u, 0, P, RW, ANON | 0x400, -1, 0), 0);
	EXPECT_GT(mm_mmap(&u, 0, P, RW, MAP_SHARED | MAP_ANONYMOUS | 0x400, -1, 0), 0);
	EXPECT_GT(mm_mmap(&u, 0, P, RW, ANON | 0x40000000, -1, 0), 0); /* MAP_HUGE_* bits */
	done(&u);
}

KTEST(mm, mmap_shared_growsdown_einval)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0),
		  -EINVAL);
	int64_t a = mm_mmap(&u, 0, P, RW, ANON | MAP_GROWSDOWN, -1, 0);
	ASSERT_GT(a, 0);
	EXPECT_EQ(vma_lookup(&u.vmas, (uint64_t)a)->flags & VMA_GROWSDOWN, VMA_GROWSDOWN);
	done(&u);
}

KTEST(mm, mmap_huge_len_enomem_before_type)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mmap(&u, 0, 1ULL << 47, RW, ANON, -1, 0), -ENOMEM);
	EXPECT_EQ(mm_mmap(&u, 0, UINT64_MAX, RW, ANON, -1, 0), -ENOMEM);
	EXPECT_EQ(mm_mmap(&u, 0, 0xfffffffffffff000ULL, RW, ANON, -1, 0), -ENOMEM);
	EXPECT_EQ(mm_mmap(&u, 0, UINT64_MAX, RW, MAP_ANONYMOUS, -1, 0), -ENOMEM);
	done(&u);
}

KTEST(mm, mmap_commit_accounting)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mmap(&u, 0, 1ULL << 40, RW, ANON, -1, 0), -ENOMEM);
	EXPECT_GT(mm_mmap(&u, 0, 1ULL << 40, RW, ANON | MAP_NORESERVE, -1, 0), 0);
	EXPECT_GT(mm_mmap(&u, 0, 1ULL << 40, PROT_READ, ANON, -1, 0), 0);
	/* Shared anonymous memory is charged whatever its prot (measured on 6.18). */
	EXPECT_EQ(mm_mmap(&u, 0, 1ULL << 40, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0),
		  -ENOMEM);
	done(&u);
}

KTEST(mm, mmap_kernel_picks_top_down_adjacent_maps_merge)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	int64_t a = mm_mmap(&u, 0, P, RW, ANON, -1, 0);
	int64_t b = mm_mmap(&u, 0, P, RW, ANON, -1, 0);
	EXPECT_EQ(a, (int64_t)(u.mmap_base - P));
	EXPECT_EQ(b, a - (int64_t)P);
	EXPECT_EQ(vmas_in(&u, (uint64_t)b, (uint64_t)a + P), 1);
	EXPECT_EQ(u.mmap_base, TASK_SIZE - (128ULL << 20));
	done(&u);
}

KTEST(mm, mmap_hint)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mmap(&u, A, P, RW, ANON, -1, 0), (int64_t)A); /* free: used exactly */
	EXPECT_EQ(mm_mmap(&u, A + 0x6123, P, RW, ANON, -1, 0), (int64_t)(A + 0x6000));
	int64_t c = mm_mmap(&u, A, P, RW, ANON, -1, 0); /* inside a mapping: elsewhere */
	EXPECT_GT(c, 0);
	EXPECT_NE(c, (int64_t)A);
	int64_t d = mm_mmap(&u, LOWER_HALF_END, P, RW, ANON, -1, 0);
	EXPECT_GT(d, 0);
	EXPECT_LT((uint64_t)d, u.mmap_base);
	/* A hint below mmap_min_addr is raised to it. */
	EXPECT_EQ(mm_mmap(&u, 0x1000, P, RW, ANON, -1, 0), (int64_t)MMAP_MIN_ADDR);
	done(&u);
}

KTEST(mm, mmap_fixed_must_be_aligned)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mmap(&u, A + 1, P, RW, FIXED, -1, 0), -EINVAL);
	EXPECT_EQ(mm_mmap(&u, A + 1, P, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), -EINVAL);
	done(&u);
}

KTEST(mm, mmap_fixed_replaces_and_splits)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	mm_fake_clear_calls();
	EXPECT_EQ(mm_mmap(&u, A + P, P, PROT_READ, FIXED, -1, 0), (int64_t)(A + P));
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 4 * P), "10000000-10001000 rw-p [anon]\n"
							"10001000-10002000 r--p [anon]\n"
							"10002000-10004000 rw-p [anon]\n");
	EXPECT_EQ(mm_fake_count('u', A + P, A + 2 * P), 1); /* the new page reads 0 */
	/* Spanning mapped and unmapped pages. */
	EXPECT_EQ(mm_mmap(&u, A + 3 * P, 3 * P, RW, FIXED, -1, 0), (int64_t)(A + 3 * P));
	EXPECT_STREQ(mm_fake_maps_in(&u, A + 2 * P, A + 8 * P), "10002000-10006000 rw-p [anon]\n");
	done(&u);
}

KTEST(mm, mmap_fixed_noreplace_eexist_on_any_overlap)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	unsigned long nr = ANON | MAP_FIXED_NOREPLACE;
	ASSERT_EQ(mm_mmap(&u, A + 2 * P, 2 * P, RW, FIXED, -1, 0), (int64_t)(A + 2 * P));
	EXPECT_EQ(mm_mmap(&u, A + 2 * P, 2 * P, RW, nr, -1, 0), -EEXIST); /* full */
	EXPECT_EQ(mm_mmap(&u, A + 2 * P, P, RW, nr, -1, 0), -EEXIST);	  /* contained */
	EXPECT_EQ(mm_mmap(&u, A, 8 * P, RW, nr, -1, 0), -EEXIST);	  /* containing */
	EXPECT_EQ(mm_mmap(&u, A + P, 2 * P, RW, nr, -1, 0), -EEXIST);	  /* end-partial */
	EXPECT_EQ(mm_mmap(&u, A + 3 * P, 2 * P, RW, nr, -1, 0), -EEXIST); /* start-partial */
	EXPECT_EQ(mm_mmap(&u, A + 4 * P, P, RW, nr, -1, 0), (int64_t)(A + 4 * P)); /* adjacent */
	EXPECT_EQ(mm_mmap(&u, A + P, P, RW, nr, -1, 0), (int64_t)(A + P));
	done(&u);
}

KTEST(mm, mmap_top_of_user_space)
{
	struct mm u;
	bare(&u);
	EXPECT_EQ(mm_mmap(&u, TASK_SIZE, P, RW, FIXED, -1, 0), -ENOMEM);
	EXPECT_EQ(mm_mmap(&u, (TASK_SIZE - P), 2 * P, RW, FIXED, -1, 0), -ENOMEM);
	EXPECT_EQ(mm_mmap(&u, LOWER_HALF_END, P, RW, FIXED, -1, 0), -ENOMEM);
	EXPECT_EQ(mm_mmap(&u, 0xffffffffffff0000ULL, P, RW, FIXED, -1, 0), -ENOMEM);
	EXPECT_EQ(mm_mmap(&u, (TASK_SIZE - P), P, RW, FIXED, -1, 0), 0x7fffffffe000LL);
	done(&u);
}

KTEST(mm, mmap_low_address_eperm_below_mmap_min_addr)
{
	struct mm u;
	bare(&u);
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, FIXED, -1, 0), -EPERM);
	EXPECT_EQ(mm_mmap(&u, 0x1000, P, RW, FIXED, -1, 0), -EPERM); /* Interlude: 64 KiB */
	EXPECT_EQ(mm_mmap(&u, 0xf000, 2 * P, RW, FIXED, -1, 0), -EPERM);
	EXPECT_EQ(mm_mmap(&u, 0x10000, P, RW, FIXED, -1, 0), 0x10000);
	/* However long: the address decides, not the size (Linux: EPERM). */
	EXPECT_EQ(mm_mmap(&u, 0, TASK_SIZE - P, PROT_NONE, FIXED | MAP_NORESERVE, -1, 0), -EPERM);
	EXPECT_EQ(mm_mmap(&u, 0, TASK_SIZE, PROT_NONE, FIXED | MAP_NORESERVE, -1, 0), -EPERM);
	EXPECT_EQ(mm_mmap(&u, 0, TASK_SIZE + P, PROT_NONE, FIXED | MAP_NORESERVE, -1, 0), -ENOMEM);
	done(&u);
}

KTEST(mm, mmap_fresh_memory_zero_whole_pages_accessible)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 100, RW, FIXED, -1, 0), (int64_t)A);
	struct vma *v = NULL;
	EXPECT_EQ(mm_fault_check(&u, A + 4000, MM_ACCESS_WRITE, &v), MM_FAULT_OK);
	ASSERT_NOT_NULL(v);
	EXPECT_EQ(v->end, A + P);
	EXPECT_EQ(mm_fault_check(&u, A + P, MM_ACCESS_READ, NULL), MM_FAULT_MAPERR);
	done(&u);
}

KTEST(mm, mmap_prot_enforcement)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, P, PROT_NONE, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_mmap(&u, A + P, P, PROT_READ, FIXED, -1, 0), (int64_t)(A + P));
	ASSERT_EQ(mm_mmap(&u, A + 2 * P, P, PROT_WRITE, FIXED, -1, 0), (int64_t)(A + 2 * P));
	ASSERT_EQ(mm_mmap(&u, A + 3 * P, P, PROT_EXEC, FIXED, -1, 0), (int64_t)(A + 3 * P));
	EXPECT_EQ(mm_fault_check(&u, A + 5, MM_ACCESS_READ, NULL), MM_FAULT_ACCERR);
	EXPECT_EQ(mm_fault_check(&u, A + P, MM_ACCESS_READ, NULL), MM_FAULT_OK);
	EXPECT_EQ(mm_fault_check(&u, A + P, MM_ACCESS_WRITE, NULL), MM_FAULT_ACCERR);
	EXPECT_EQ(mm_fault_check(&u, A + 2 * P, MM_ACCESS_READ, NULL), MM_FAULT_OK);
	EXPECT_EQ(mm_fault_check(&u, A + 2 * P, MM_ACCESS_EXEC, NULL), MM_FAULT_ACCERR);
	EXPECT_EQ(mm_fault_check(&u, A + 3 * P, MM_ACCESS_READ, NULL), MM_FAULT_OK);
	EXPECT_EQ(mm_fault_check(&u, A + 3 * P, MM_ACCESS_EXEC, NULL), MM_FAULT_OK);
	ASSERT_EQ(mm_mprotect(&u, A + P, P, PROT_READ | PROT_EXEC), 0);
	EXPECT_EQ(mm_fault_check(&u, A + P, MM_ACCESS_EXEC, NULL), MM_FAULT_OK);
	done(&u);
}

KTEST(mm, mmap_placement_flags_map_32bit_and_populate)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	int64_t a = mm_mmap(&u, 0, P, RW, ANON | MAP_32BIT, -1, 0);
	EXPECT_GE(a, (int64_t)MM_32BIT_BASE);
	EXPECT_LT(a, (int64_t)MM_32BIT_END);
	EXPECT_GT(mm_mmap(&u, 0, P, RW, ANON | MAP_POPULATE, -1, 0), 0);
	done(&u);
}

KTEST(mm, mmap_placement_flags_map_32bit_longer_than_2gib_is_enomem)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	uint64_t gib = 1ULL << 30;
	/* Longer than the 2 GiB MAP_32BIT ends at: ENOMEM, wherever the hint. */
	EXPECT_EQ(mm_mmap(&u, 4 * gib, 3 * gib, RW, ANON | MAP_32BIT | MAP_NORESERVE, -1, 0),
		  -ENOMEM);
	EXPECT_EQ(mm_mmap(&u, 0x10000000, 3 * gib, RW, ANON | MAP_32BIT | MAP_NORESERVE, -1, 0),
		  -ENOMEM);
	EXPECT_EQ(mm_mmap(&u, 0, 3 * gib, RW, ANON | MAP_32BIT | MAP_NORESERVE, -1, 0), -ENOMEM);
	EXPECT_EQ(mm_mmap(&u, 0x10000000, 2 * gib, RW, ANON | MAP_32BIT | MAP_NORESERVE, -1, 0),
		  -ENOMEM);
	/* A hint that leaves the mapping below 2 GiB is taken, even for 1.5 GiB. */
	EXPECT_EQ(mm_mmap(&u, 0x10000000, 3 * gib / 2, RW, ANON | MAP_32BIT | MAP_NORESERVE, -1, 0),
		  0x10000000);
	EXPECT_EQ(vma_count(&u.vmas), 4);
	done(&u);
}

KTEST(mm, mmap_placement_flags_populate_pages_in_only_accessible_areas)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	int64_t a = mm_mmap(&u, 0, 4 * P, RW, ANON | MAP_POPULATE, -1, 0);
	ASSERT_GT(a, 0);
	EXPECT_EQ(mm_fake_count('f', (uint64_t)a, (uint64_t)a + 4 * P), 1);
	EXPECT_EQ(mm_fake_calls[0].prot, RW);
	/* MAP_LOCKED populates too (mlock pages memory in). */
	mm_fake_clear_calls();
	a = mm_mmap(&u, 0, P, PROT_READ, ANON | MAP_LOCKED, -1, 0);
	EXPECT_EQ(mm_fake_count('f', (uint64_t)a, (uint64_t)a + P), 1);
	/* PROT_NONE is never populated: 1 TiB of it costs no page at all. */
	mm_fake_clear_calls();
	EXPECT_GT(mm_mmap(&u, 0, 1ULL << 40, PROT_NONE, ANON | MAP_NORESERVE | MAP_POPULATE, -1, 0),
		  0);
	EXPECT_EQ(mm_fake_ncalls, 0);
	/* Only the new range is populated, even when it merged with an old area. */
	ASSERT_EQ(mm_mmap(&u, A, P, RW, FIXED, -1, 0), (int64_t)A);
	mm_fake_clear_calls();
	ASSERT_EQ(mm_mmap(&u, A + P, P, RW, FIXED | MAP_POPULATE, -1, 0), (int64_t)(A + P));
	EXPECT_EQ(mm_fake_count('f', A + P, A + 2 * P), 1);
	EXPECT_EQ(mm_fake_ncalls, 1);
	done(&u);
}

KTEST(mm, mmap_placement_flags_populate_out_of_memory_undoes_the_mapping)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	size_t before = vma_count(&u.vmas);
	mm_fake_fail_populate(true);
	EXPECT_EQ(mm_mmap(&u, A, 4 * P, RW, ANON | MAP_FIXED_NOREPLACE | MAP_POPULATE, -1, 0),
		  -ENOMEM);
	EXPECT_EQ(vma_count(&u.vmas), before);
	EXPECT_EQ(mm_fake_count('u', A, A + 4 * P), 1); /* the frames go too */
	/* Between two areas it merged with: cut out again, with the spare. */
	ASSERT_EQ(mm_mmap(&u, A, P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_mmap(&u, A + 2 * P, P, RW, FIXED, -1, 0), (int64_t)(A + 2 * P));
	EXPECT_EQ(mm_mmap(&u, A + P, P, RW, FIXED | MAP_POPULATE, -1, 0), -ENOMEM);
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 3 * P),
		     "10000000-10001000 rw-p [anon]\n10002000-10003000 rw-p [anon]\n");
	EXPECT_EQ(mm_fake_live(), (int)vma_count(&u.vmas));
	/* Inside one area: a split to replace, a merge back, a split to undo (3 spares). */
	uint64_t b = A + 0x100000;
	ASSERT_EQ(mm_mmap(&u, b, 3 * P, RW, FIXED, -1, 0), (int64_t)b);
	EXPECT_EQ(mm_mmap(&u, b + P, P, RW, FIXED | MAP_POPULATE, -1, 0), -ENOMEM);
	EXPECT_STREQ(mm_fake_maps_in(&u, b, b + 3 * P),
		     "10100000-10101000 rw-p [anon]\n10102000-10103000 rw-p [anon]\n");
	EXPECT_EQ(mm_fake_live(), (int)vma_count(&u.vmas));
	/* The range is free again: a later MAP_FIXED_NOREPLACE there works. */
	mm_fake_fail_populate(false);
	EXPECT_EQ(mm_mmap(&u, A + P, P, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), (int64_t)(A + P));
	done(&u);
}

KTEST(mm, mmap_hugetlb_without_huge_pages_is_enomem)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, ANON | MAP_HUGETLB, -1, 0), -ENOMEM);
	done(&u);
}

KTEST(mm, mmap_hugetlb_checks_size_bits_and_alignment_first)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	unsigned long h = ANON | MAP_HUGETLB;
	EXPECT_EQ(mm_mmap(&u, 0, 2 << 20, RW, h | (21UL << MAP_HUGE_SHIFT), -1, 0), -ENOMEM);
	EXPECT_EQ(mm_mmap(&u, 0, 2 << 20, RW, h | (30UL << MAP_HUGE_SHIFT), -1, 0), -ENOMEM);
	EXPECT_EQ(mm_mmap(&u, 0, 2 << 20, RW, h | (12UL << MAP_HUGE_SHIFT), -1, 0), -EINVAL);
	EXPECT_EQ(mm_mmap(&u, 0, 2 << 20, RW, h | (63UL << MAP_HUGE_SHIFT), -1, 0), -EINVAL);
	EXPECT_EQ(mm_mmap(&u, A + P, 2 << 20, RW, h | MAP_FIXED, -1, 0), -EINVAL);
	EXPECT_EQ(mm_mmap(&u, A, 2 << 20, RW, h | MAP_FIXED, -1, 0), -ENOMEM);
	/* 1 GiB pages: 2 MiB-aligned is not enough. */
	EXPECT_EQ(mm_mmap(&u, A, 2 << 20, RW, h | MAP_FIXED | (30UL << MAP_HUGE_SHIFT), -1, 0),
		  -EINVAL);
	EXPECT_EQ(mm_mmap(&u, 0, -P, RW, h, -1, 0), -EINVAL); /* rounds up to 0 */
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, MAP_ANONYMOUS | MAP_HUGETLB, -1, 0), -EINVAL);
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, MAP_ANONYMOUS | MAP_SHARED_VALIDATE | MAP_HUGETLB, -1, 0),
		  -ENOMEM);
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, MAP_ANONYMOUS | MAP_SHARED_VALIDATE, -1, 0), -EINVAL);
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + (4 << 20)), "");
	done(&u);
}

KTEST(mm, mmap_droppable_refuses_locked_growsdown_hugetlb)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	unsigned long d = MAP_ANONYMOUS | MAP_DROPPABLE;
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, d | MAP_LOCKED, -1, 0), -EINVAL);
	EXPECT_EQ(mm_mmap(&u, 0, P, RW, d | MAP_GROWSDOWN, -1, 0), -EINVAL);
	EXPECT_EQ(mm_mmap(&u, 0, 2 << 20, RW, d | MAP_HUGETLB, -1, 0), -EINVAL);
	int64_t a = mm_mmap(&u, 0, P, RW, d, -1, 0);
	ASSERT_GT(a, 0);
	EXPECT_EQ(vma_lookup(&u.vmas, (uint64_t)a)->flags &
		      (VMA_DROPPABLE | VMA_WIPEONFORK | VMA_DONTDUMP),
		  VMA_DROPPABLE | VMA_WIPEONFORK | VMA_DONTDUMP);
	a = mm_mmap(&u, 0, P, RW, ANON | MAP_LOCKED, -1, 0);
	ASSERT_GT(a, 0);
	EXPECT_EQ(vma_lookup(&u.vmas, (uint64_t)a)->flags & VMA_LOCKED, VMA_LOCKED);
	done(&u);
}

KTEST(mm, mmap_max_map_count)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	u.max_map_count = 8;
	int made = 0;
	/* Non-mergeable: every other page, alternating prot. */
	for (int i = 0; i < 16; i++) {
		int64_t r = mm_mmap(&u, A + (uint64_t)i * 4 * P, 3 * P, i % 2 ? PROT_READ : RW,
				    FIXED, -1, 0);
		if (r < 0) {
			EXPECT_EQ(r, -ENOMEM);
			break;
		}
		made++;
	}
	/* Linux refuses when map_count > max, so the count may reach max + 1. */
	EXPECT_EQ(vma_count(&u.vmas), 9);
	EXPECT_EQ(made, 6);
	/* munmap.split-at-map-count-enomem: would split */
	EXPECT_EQ(mm_munmap(&u, A + P, P), -ENOMEM);
	EXPECT_EQ(mm_mprotect(&u, A + P, P, PROT_NONE), -ENOMEM);
	EXPECT_EQ(mm_munmap(&u, A, P), 0);	       /* trims: no new VMA */
	EXPECT_EQ(mm_munmap(&u, A + 4 * P, 3 * P), 0); /* a whole VMA */
	EXPECT_EQ(vma_count(&u.vmas), 8);
	done(&u);
}

KTEST(mm, mmap_out_of_vma_structs_changes_nothing)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	mm_fake_clear_calls();
	mm_fake_fail_after(1); /* the new VMA, but not the split */
	EXPECT_EQ(mm_mmap(&u, A + P, P, PROT_READ, FIXED, -1, 0), -ENOMEM);
	mm_fake_fail_after(-1);
	EXPECT_EQ(mm_fake_ncalls, 0);
	EXPECT_EQ(vmas_in(&u, A, A + 4 * P), 1);
	done(&u);
}

/* --- munmap --------------------------------------------------------------------- */

KTEST(mm, munmap_unaligned_einval)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_munmap(&u, 0x400001, P), -EINVAL);
	done(&u);
}

KTEST(mm, munmap_len_zero_einval)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_munmap(&u, 0x400000, 0), -EINVAL);
	done(&u);
}

KTEST(mm, munmap_out_of_range_einval)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_munmap(&u, LOWER_HALF_END, P), -EINVAL);
	EXPECT_EQ(mm_munmap(&u, TASK_SIZE, P), -EINVAL);
	EXPECT_EQ(mm_munmap(&u, TASK_SIZE, 2 * P), -EINVAL);
	EXPECT_EQ(mm_munmap(&u, P, 0xfffffffffffff000ULL), -EINVAL);
	EXPECT_EQ(mm_munmap(&u, UINT64_MAX, P), -EINVAL);
	EXPECT_EQ(mm_munmap(&u, 0x400000, UINT64_MAX), -EINVAL);
	EXPECT_EQ(vma_count(&u.vmas), 3);
	EXPECT_EQ(mm_munmap(&u, (TASK_SIZE - P), P), 0);
	EXPECT_EQ(mm_fake_count('u', (TASK_SIZE - P), TASK_SIZE), 1);
	done(&u);
}

KTEST(mm, munmap_nothing_mapped_ok)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_munmap(&u, 0, P), 0);
	ASSERT_EQ(mm_mmap(&u, A, P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_EQ(mm_munmap(&u, A, P), 0);
	EXPECT_EQ(mm_munmap(&u, A, P), 0);
	EXPECT_EQ(mm_fake_count('u', A, A + P), 1);
	done(&u);
}

KTEST(mm, munmap_len_rounded_up)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 8 * P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_EQ(mm_munmap(&u, A + P, 4097), 0);
	EXPECT_EQ(mm_fake_count('u', A + P, A + 3 * P), 1);
	EXPECT_EQ(mm_munmap(&u, A, 1), 0);
	EXPECT_EQ(mm_fake_count('u', A, A + P), 1);
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 8 * P), "10003000-10008000 rw-p [anon]\n");
	done(&u);
}

KTEST(mm, munmap_splits_areas_or_trims_them)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 6 * P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_EQ(mm_munmap(&u, A + 2 * P, P), 0); /* middle: two VMAs */
	EXPECT_EQ(vmas_in(&u, A, A + 6 * P), 2);
	EXPECT_EQ(mm_munmap(&u, A, P), 0);	   /* first page: shrinks */
	EXPECT_EQ(mm_munmap(&u, A + 5 * P, P), 0); /* last page: shrinks */
	EXPECT_STREQ(mm_fake_maps_in(&u, A, A + 6 * P),
		     "10001000-10002000 rw-p [anon]\n10003000-10005000 rw-p [anon]\n");
	/* One call across several mappings and holes. */
	ASSERT_EQ(mm_mmap(&u, A + 8 * P, P, PROT_READ, FIXED, -1, 0), (int64_t)(A + 8 * P));
	mm_fake_clear_calls();
	EXPECT_EQ(mm_munmap(&u, A, 16 * P), 0);
	EXPECT_EQ(vmas_in(&u, A, A + 16 * P), 0);
	EXPECT_EQ(mm_fake_ncalls, 3);
	done(&u);
}

KTEST(mm, munmap_access_faults_neighbours_stay_remap_is_fresh)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_mmap(&u, A, 3 * P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(mm_munmap(&u, A + P, P), 0);
	EXPECT_EQ(mm_fault_check(&u, A + P, MM_ACCESS_READ, NULL), MM_FAULT_MAPERR);
	EXPECT_EQ(mm_fault_check(&u, A, MM_ACCESS_WRITE, NULL), MM_FAULT_OK);
	EXPECT_EQ(mm_fault_check(&u, A + 2 * P, MM_ACCESS_WRITE, NULL), MM_FAULT_OK);
	EXPECT_EQ(mm_fake_count('u', A + P, A + 2 * P), 1); /* frames dropped */
	mm_fake_clear_calls();
	EXPECT_EQ(mm_mmap(&u, A + P, P, RW, FIXED, -1, 0), (int64_t)(A + P));
	EXPECT_EQ(vmas_in(&u, A, A + 3 * P), 1); /* merged back */
	done(&u);
}
