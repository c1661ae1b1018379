/*
 * brk_test.c - brk and sbrk against the brk rules of
 * docs/spec/memory-syscalls.md (suite "mm"). Each test is named after the rule
 * (slug) it checks, starts from mm_fake_fresh()'s layout (break at S =
 * 0x402000) and checks the returned break, the VMAs and the callbacks the fake
 * ops recorded.
 */
#include "lib/errno.h"
#include "mm/test/mm_fake.h"
#include "test/ktest.h"

#define S FAKE_START_BRK
#define P PAGE_SIZE

/* Checks the set and that destroying u frees every VMA. */
static void done(struct mm *u)
{
	EXPECT_NULL(vma_check_why(&u->vmas));
	mm_clear(u);
	EXPECT_EQ(mm_fake_live(), 0);
}

/* Returns the heap VMA containing addr, or NULL if it is not a heap page. */
static struct vma *heap_at(struct mm *u, uint64_t addr)
{
	struct vma *v = vma_lookup(&u->vmas, addr);
	return v && (v->flags & VMA_HEAP) ? v : NULL;
}

KTEST(mm, brk_zero_returns_break)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_brk(&u, 0), S);
	EXPECT_EQ(mm_brk(&u, S + 100), S + 100);
	EXPECT_EQ(mm_brk(&u, 0), S + 100);
	EXPECT_EQ(u.brk, S + 100);
	done(&u);
}

KTEST(mm, brk_failure_returns_old_break_never_errno)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_brk(&u, S + 3 * P), S + 3 * P);
	EXPECT_EQ(mm_brk(&u, S - 1), S + 3 * P);
	EXPECT_EQ(mm_brk(&u, 1), S + 3 * P);
	EXPECT_EQ(mm_brk(&u, 0xffffffffffffffffULL), S + 3 * P);
	EXPECT_EQ(mm_brk(&u, LOWER_HALF_END), S + 3 * P);
	EXPECT_EQ(u.brk, S + 3 * P);
	EXPECT_EQ(mm_fake_ncalls, 0);
	done(&u);
}

KTEST(mm, brk_initial_break_page_aligned_after_image_no_heap)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(u.start_brk, S); /* the data segment ends at 0x401800 */
	EXPECT_EQ(u.brk, S);
	EXPECT_NULL(vma_lookup(&u.vmas, S));
	EXPECT_STREQ(mm_fake_maps_in(&u, 0, 0x1000000),
		     "00400000-00401000 r-xp [image]\n00401000-00402000 rw-p [image]\n");
	done(&u);
}

KTEST(mm, brk_byte_exact_heap_page_granular)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_brk(&u, S + 1), S + 1);
	struct vma *h = heap_at(&u, S);
	ASSERT_NOT_NULL(h);
	EXPECT_EQ(h->start, S);
	EXPECT_EQ(h->end, S + P);
	EXPECT_EQ(mm_brk(&u, S + P + 1), S + P + 1); /* extends the same VMA */
	EXPECT_EQ(heap_at(&u, S), h);
	EXPECT_EQ(h->end, S + 2 * P);
	EXPECT_EQ(vma_count(&u.vmas), 4);
	done(&u);
}

KTEST(mm, brk_new_memory_zero_after_regrowth)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_brk(&u, S + 2 * P), S + 2 * P);
	ASSERT_EQ(mm_brk(&u, S + P), S + P);
	/* The dropped page was unmapped: its frame is gone, a new touch gets zeros. */
	EXPECT_EQ(mm_fake_count('u', S + P, S + 2 * P), 1);
	mm_fake_clear_calls();
	ASSERT_EQ(mm_brk(&u, S + 2 * P), S + 2 * P);
	EXPECT_EQ(mm_fake_ncalls, 0); /* growing maps nothing: the fault handler will */
	done(&u);
}

KTEST(mm, brk_page_granular_access)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_brk(&u, S + 1), S + 1);
	EXPECT_EQ(mm_fault_check(&u, S + 10, MM_ACCESS_WRITE, NULL), MM_FAULT_OK);
	EXPECT_EQ(mm_fault_check(&u, S + P - 1, MM_ACCESS_WRITE, NULL), MM_FAULT_OK);
	EXPECT_EQ(mm_fault_check(&u, S + P, MM_ACCESS_READ, NULL), MM_FAULT_MAPERR);
	done(&u);
}

KTEST(mm, brk_maps_shows_heap_rw_up_to_aligned_break)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_brk(&u, S + P + 5), S + P + 5);
	EXPECT_STREQ(mm_fake_maps_in(&u, S, S + 0x100000), "00402000-00404000 rw-p [heap]\n");
	done(&u);
}

KTEST(mm, brk_shrink_unmaps_whole_pages)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_brk(&u, S + 3 * P), S + 3 * P);
	ASSERT_EQ(mm_brk(&u, S + 5), S + 5);
	EXPECT_EQ(mm_fake_count('u', S + P, S + 3 * P), 1);
	EXPECT_EQ(mm_fault_check(&u, S + P, MM_ACCESS_READ, NULL), MM_FAULT_MAPERR);
	EXPECT_EQ(mm_fault_check(&u, S + 4, MM_ACCESS_READ, NULL), MM_FAULT_OK);
	done(&u);
}

KTEST(mm, brk_shrink_within_page_keeps_bytes)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	uint64_t b = S + 2 * P - 10;
	ASSERT_EQ(mm_brk(&u, b), b);
	mm_fake_clear_calls();
	EXPECT_EQ(mm_brk(&u, b - 90), b - 90);
	EXPECT_EQ(mm_brk(&u, b), b);
	EXPECT_EQ(mm_fake_ncalls, 0); /* the bytes stay: nothing is re-zeroed */
	done(&u);
}

KTEST(mm, brk_start_empties_heap)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_brk(&u, S + 4 * P), S + 4 * P);
	EXPECT_EQ(mm_brk(&u, S), S);
	EXPECT_NULL(vma_lookup(&u.vmas, S));
	EXPECT_EQ(vma_count(&u.vmas), 3);
	EXPECT_EQ(mm_brk(&u, S - P), S);
	done(&u);
}

KTEST(mm, brk_growth_needs_commit_headroom)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_brk(&u, S + (1ULL << 40)), S); /* 1 TiB > 23 GiB of RAM */
	EXPECT_EQ(mm_brk(&u, S + (1ULL << 30)), S + (1ULL << 30));
	EXPECT_EQ(mm_fake_ncalls, 0); /* touches no memory */
	done(&u);
}

KTEST(mm, brk_one_page_below_next_mapping)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	uint64_t m = S + 16 * P;
	ASSERT_EQ(mm_mmap(&u, m, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		  (int64_t)m);
	EXPECT_EQ(mm_brk(&u, m - P + 1), S);
	EXPECT_EQ(mm_brk(&u, m + 4 * P), S);
	EXPECT_EQ(mm_brk(&u, m - P), m - P);
	EXPECT_EQ(mm_brk(&u, m - P + 1), m - P);
	ASSERT_EQ(mm_munmap(&u, m, P), 0);
	EXPECT_EQ(mm_brk(&u, m - P + 1), m - P + 1);
	done(&u);
}

KTEST(mm, brk_stack_guard_gap_257_pages_below_growsdown)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	uint64_t m = S + 512 * P;
	ASSERT_EQ(mm_mmap(&u, m, P, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, -1, 0),
		  (int64_t)m);
	EXPECT_EQ(mm_brk(&u, m - 257 * P + 1), S);
	EXPECT_EQ(mm_brk(&u, m - 257 * P), m - 257 * P);
	done(&u);
}

KTEST(mm, brk_heap_is_ordinary_space_when_empty)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_mmap(&u, S, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), (int64_t)S);
	EXPECT_EQ(mm_brk(&u, S + 1), S); /* the hint took the heap's first page */
	done(&u);
}

KTEST(mm, brk_heap_is_ordinary_space_hint_inside_not_honoured)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_brk(&u, S + 4 * P), S + 4 * P);
	int64_t a = mm_mmap(&u, S + P, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_GT(a, 0);
	EXPECT_NE(a, (int64_t)(S + P));
	done(&u);
}

KTEST(mm, brk_heap_is_ordinary_space_fixed_map_splits_shrink_unmaps_it)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_brk(&u, S + 4 * P), S + 4 * P);
	ASSERT_EQ(
	    mm_mmap(&u, S + 2 * P, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
	    (int64_t)(S + 2 * P));
	EXPECT_STREQ(mm_fake_maps_in(&u, S, S + 0x100000), "00402000-00404000 rw-p [heap]\n"
							   "00404000-00405000 r--p [anon]\n"
							   "00405000-00406000 rw-p [heap]\n");
	/* A shrink below that page unmaps the foreign mapping too. */
	mm_fake_clear_calls();
	EXPECT_EQ(mm_brk(&u, S + P), S + P);
	EXPECT_STREQ(mm_fake_maps_in(&u, S, S + 0x100000), "00402000-00403000 rw-p [heap]\n");
	EXPECT_EQ(mm_fake_count('u', S + 2 * P, S + 3 * P), 1);
	done(&u);
}

KTEST(mm, brk_heap_is_ordinary_space_munmap_keeps_break_and_growth)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_brk(&u, S + 3 * P), S + 3 * P);
	ASSERT_EQ(mm_munmap(&u, S + P, P), 0);
	EXPECT_EQ(u.brk, S + 3 * P);
	EXPECT_EQ(mm_brk(&u, S + 5 * P), S + 5 * P);
	EXPECT_EQ(mm_brk(&u, S), S); /* shrinks across the hole */
	EXPECT_EQ(vma_count(&u.vmas), 3);
	done(&u);
}

KTEST(mm, brk_heap_is_ordinary_space_mprotect_then_shrink_ltp_brk02)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_brk(&u, S + P), S + P);
	ASSERT_EQ(mm_brk(&u, S + 2 * P), S + 2 * P);
	ASSERT_EQ(mm_mprotect(&u, S + P, P, PROT_READ), 0);
	ASSERT_EQ(mm_brk(&u, S + 3 * P), S + 3 * P); /* a new VMA above the read-only one */
	EXPECT_EQ(vma_count(&u.vmas), 6);
	EXPECT_EQ(mm_brk(&u, S), S);
	EXPECT_EQ(vma_count(&u.vmas), 3);
	done(&u);
}

KTEST(mm, brk_shrink_needs_an_area)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	ASSERT_EQ(mm_brk(&u, S + 4 * P), S + 4 * P);
	ASSERT_EQ(mm_munmap(&u, S + 2 * P, 2 * P), 0);
	EXPECT_EQ(mm_brk(&u, S + 2 * P), S + 4 * P);
	EXPECT_EQ(mm_brk(&u, S + P), S + P);
	done(&u);
}

KTEST(mm, brk_out_of_vma_structs_fails_cleanly)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	mm_fake_fail_after(0);
	EXPECT_EQ(mm_brk(&u, S + P), S);
	mm_fake_fail_after(-1);
	EXPECT_EQ(vma_count(&u.vmas), 3);
	done(&u);
}

KTEST(mm, sbrk_returns_old_break)
{
	struct mm u;
	ASSERT_EQ(mm_fake_fresh(&u), 0);
	EXPECT_EQ(mm_sbrk(&u, 0), (int64_t)S);
	EXPECT_EQ(mm_sbrk(&u, P), (int64_t)S);
	EXPECT_EQ(u.brk, S + P);
	EXPECT_EQ(mm_sbrk(&u, 1), (int64_t)(S + P));
	EXPECT_EQ(u.brk, S + 4097);
	EXPECT_EQ(mm_sbrk(&u, -4097), (int64_t)(S + 4097));
	EXPECT_EQ(u.brk, S);
	EXPECT_EQ(mm_sbrk(&u, 1LL << 40), -ENOMEM);
	EXPECT_EQ(mm_sbrk(&u, INT64_MAX), -ENOMEM);
	EXPECT_EQ(mm_sbrk(&u, INT64_MIN), -ENOMEM);
	EXPECT_EQ(mm_sbrk(&u, -(int64_t)P), -ENOMEM); /* below start_brk: xv6 says no */
	EXPECT_EQ(u.brk, S);
	done(&u);
}
