/*
 * uvm_mprotect_test.c - mprotect (mprotect.*), madvise, page faults and
 * stack growth (fault.demand-zero, fault.sigsegv-codes and fault.stack-grows),
 * and the initial layout (suite "uvm"). Tests are named after the rule (slug)
 * they check.
 */
#include "lib/errno.h"
#include "mm/test/mm_fake.h"
#include "test/ktest.h"

#define P FAKE_PAGE
#define FIXED (MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define RW (PROT_READ | PROT_WRITE)
#define A 0x10000000ULL
#define STACK_LOW (UVM_TASK_SIZE - FAKE_STACK_PAGES * P)

/* Checks the set and that destroying u frees every VMA. */
static void done(struct uvm *u)
{
	EXPECT_NULL(vma_check_why(&u->vmas));
	uvm_destroy(u);
	EXPECT_EQ(uvm_fake_live(), 0);
}

/* Returns the protection of the VMA holding addr (-1 if none). */
static int prot_at(struct uvm *u, uint64_t addr)
{
	struct vma *v = vma_lookup(&u->vmas, addr);
	return v ? (int)v->prot : -1;
}

KTEST(uvm, mprotect_unaligned_einval_even_with_zero_length)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	EXPECT_EQ(uvm_mprotect(&u, 0x400001, P, PROT_READ), -EINVAL);
	EXPECT_EQ(uvm_mprotect(&u, 0x400001, 0, PROT_READ), -EINVAL);
	done(&u);
}

KTEST(uvm, mprotect_len_zero_ok_regardless)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	EXPECT_EQ(uvm_mprotect(&u, A, 0, PROT_READ), 0);
	EXPECT_EQ(uvm_mprotect(&u, A, 0, 0x100), 0);
	done(&u);
}

KTEST(uvm, mprotect_unmapped_enomem)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	EXPECT_EQ(uvm_mprotect(&u, 0, P + 1, PROT_READ), -ENOMEM);
	EXPECT_EQ(uvm_mprotect(&u, A, P, PROT_READ), -ENOMEM);
	EXPECT_EQ(uvm_mprotect(&u, 0x800000000000ULL, P, PROT_READ), -ENOMEM);
	done(&u);
}

KTEST(uvm, mprotect_wrapping_end_enomem)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	EXPECT_EQ(uvm_mprotect(&u, 0x400000, 0xfffffffffffff000ULL, PROT_READ), -ENOMEM);
	done(&u);
}

KTEST(uvm, mprotect_bad_prot_einval)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	ASSERT_EQ(uvm_mmap(&u, A, P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_EQ(uvm_mprotect(&u, A, P, 0x100), -EINVAL);
	EXPECT_EQ(uvm_mprotect(&u, A, P, 0x10), -EINVAL);
	EXPECT_EQ(uvm_mprotect(&u, A + 8 * P, P, 0x100), -EINVAL); /* before the lookup */
	EXPECT_EQ(uvm_mprotect(&u, A, P, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP), -EINVAL);
	EXPECT_EQ(uvm_mprotect(&u, A, P, PROT_READ | PROT_GROWSDOWN), -EINVAL); /* not growsdown */
	EXPECT_EQ(uvm_mprotect(&u, A, P, PROT_READ | PROT_GROWSUP), -EINVAL); /* none on x86 */
	EXPECT_EQ(uvm_mprotect(&u, A, P, PROT_READ | PROT_SEM), 0);
	EXPECT_EQ(prot_at(&u, A), PROT_READ);
	done(&u);
}

KTEST(uvm, mprotect_bad_prot_einval_but_growsdown_extends_to_area_start)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	EXPECT_EQ(uvm_mprotect(&u, STACK_LOW + 2 * P, P, PROT_READ | PROT_GROWSDOWN), 0);
	EXPECT_EQ(uvm_fake_count('p', STACK_LOW, STACK_LOW + 3 * P), 1);
	EXPECT_EQ(prot_at(&u, STACK_LOW), PROT_READ);
	EXPECT_EQ(prot_at(&u, STACK_LOW + 3 * P), RW);
	done(&u);
}

KTEST(uvm, mprotect_not_atomic_changes_pages_before_hole)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	ASSERT_EQ(uvm_mmap(&u, A, 3 * P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_EQ(uvm_mprotect(&u, A, 4 * P, PROT_READ), -ENOMEM);
	EXPECT_EQ(prot_at(&u, A + 2 * P), PROT_READ);
	EXPECT_EQ(uvm_fake_count('p', A, A + 3 * P), 1);
	done(&u);
}

KTEST(uvm, mprotect_not_atomic_pages_after_hole_unchanged)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	ASSERT_EQ(uvm_mmap(&u, A, 2 * P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(uvm_mmap(&u, A + 3 * P, P, RW, FIXED, -1, 0), (int64_t)(A + 3 * P));
	EXPECT_EQ(uvm_mprotect(&u, A, 4 * P, PROT_READ), -ENOMEM);
	EXPECT_EQ(prot_at(&u, A + P), PROT_READ);
	EXPECT_EQ(prot_at(&u, A + 3 * P), RW);
	done(&u);
}

KTEST(uvm, mprotect_not_atomic_first_page_unmapped_changes_nothing)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	ASSERT_EQ(uvm_mmap(&u, A + P, 2 * P, RW, FIXED, -1, 0), (int64_t)(A + P));
	uvm_fake_clear_calls();
	EXPECT_EQ(uvm_mprotect(&u, A, 3 * P, PROT_READ), -ENOMEM);
	EXPECT_EQ(prot_at(&u, A + P), RW);
	EXPECT_EQ(uvm_fake_ncalls, 0);
	done(&u);
}

KTEST(uvm, mprotect_len_rounded_up)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	ASSERT_EQ(uvm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_EQ(uvm_mprotect(&u, A, 4097, PROT_READ), 0);
	EXPECT_EQ(uvm_fake_count('p', A, A + 2 * P), 1);
	EXPECT_EQ(prot_at(&u, A + 2 * P), RW);
	done(&u);
}

KTEST(uvm, mprotect_split_merge_split_then_merged_back)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	ASSERT_EQ(uvm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_EQ(uvm_mprotect(&u, A + P, P, PROT_READ), 0);
	EXPECT_STREQ(uvm_fake_maps_in(&u, A, A + 4 * P),
		     "10000000-10001000 rw-p [anon]\n"
		     "10001000-10002000 r--p [anon]\n"
		     "10002000-10004000 rw-p [anon]\n");
	EXPECT_EQ(uvm_mprotect(&u, A + P, P, RW), 0);
	EXPECT_STREQ(uvm_fake_maps_in(&u, A, A + 4 * P), "10000000-10004000 rw-p [anon]\n");
	done(&u);
}

KTEST(uvm, mprotect_split_merge_one_call_spans_private_and_shared)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	ASSERT_EQ(uvm_mmap(&u, A, 2 * P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(uvm_mmap(&u, A + 2 * P, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		  (int64_t)(A + 2 * P));
	EXPECT_EQ(uvm_mprotect(&u, A + P, 2 * P, PROT_READ), 0);
	EXPECT_STREQ(uvm_fake_maps_in(&u, A, A + 4 * P),
		     "10000000-10001000 rw-p [anon]\n"
		     "10001000-10002000 r--p [anon]\n"
		     "10002000-10003000 r--s [anon]\n"
		     "10003000-10004000 rw-s [anon]\n");
	done(&u);
}

KTEST(uvm, mprotect_prot_none_keeps_data)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	ASSERT_EQ(uvm_mmap(&u, A, P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(uvm_mprotect(&u, A, P, PROT_NONE), 0);
	EXPECT_EQ(uvm_fault_check(&u, A, UVM_ACCESS_READ, NULL), UVM_FAULT_ACCERR);
	ASSERT_EQ(uvm_mprotect(&u, A, P, RW), 0);
	EXPECT_EQ(uvm_fault_check(&u, A, UVM_ACCESS_WRITE, NULL), UVM_FAULT_OK);
	EXPECT_EQ(uvm_fake_count('u', A, A + P) + uvm_fake_count('z', A, A + P), 0);
	done(&u);
}

KTEST(uvm, mprotect_eacces_never_for_anonymous_or_image)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	ASSERT_EQ(uvm_mmap(&u, A, P, PROT_READ, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		  (int64_t)A);
	EXPECT_EQ(uvm_mprotect(&u, A, P, RW), 0);
	EXPECT_EQ(uvm_mprotect(&u, 0x400000, P, PROT_READ | PROT_WRITE | PROT_EXEC), 0);
	EXPECT_STREQ(uvm_fake_maps_in(&u, 0x400000, 0x401000), "00400000-00401000 rwxp [image]\n");
	done(&u);
}

KTEST(uvm, mprotect_making_huge_private_map_writable_is_charged)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	int64_t a = uvm_mmap(&u, 0, 1ULL << 40, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_GT(a, 0);
	EXPECT_EQ(uvm_mprotect(&u, (uint64_t)a, 1ULL << 40, RW), -ENOMEM); /* measured on 6.18 */
	EXPECT_EQ(uvm_mprotect(&u, (uint64_t)a, 1ULL << 30, RW), 0);
	done(&u);
}

/* --- madvise ---------------------------------------------------------------------- */

KTEST(uvm, madvise_dontneed_zaps_pages_but_keeps_vmas)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	ASSERT_EQ(uvm_mmap(&u, A, 4 * P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_EQ(uvm_madvise(&u, A + P, 2 * P, MADV_DONTNEED), 0);
	EXPECT_EQ(uvm_fake_count('z', A + P, A + 3 * P), 1);
	EXPECT_EQ(vma_count(&u.vmas), 4);
	EXPECT_EQ(uvm_fault_check(&u, A + P, UVM_ACCESS_READ, NULL), UVM_FAULT_OK);
	done(&u);
}

KTEST(uvm, madvise_checks_advice_alignment_and_holes)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	ASSERT_EQ(uvm_mmap(&u, A, 3 * P, RW, FIXED, -1, 0), (int64_t)A);
	ASSERT_EQ(uvm_munmap(&u, A + P, P), 0);
	uvm_fake_clear_calls();
	EXPECT_EQ(uvm_madvise(&u, A + 1, P, 99), -EINVAL); /* advice first */
	EXPECT_EQ(uvm_madvise(&u, A + 1, P, MADV_NORMAL), -EINVAL);
	EXPECT_EQ(uvm_madvise(&u, A, 0, MADV_DONTNEED), 0);
	EXPECT_EQ(uvm_madvise(&u, 0x100000000ULL, P, MADV_NORMAL), -ENOMEM);
	EXPECT_EQ(uvm_madvise(&u, 0x100000000ULL, P, MADV_FREE), -ENOMEM);
	/* A hole: the mapped parts are still zapped, the result is ENOMEM. */
	EXPECT_EQ(uvm_madvise(&u, A, 3 * P, MADV_DONTNEED), -ENOMEM);
	EXPECT_EQ(uvm_fake_count('z', A, A + P), 1);
	EXPECT_EQ(uvm_fake_count('z', A + 2 * P, A + 3 * P), 1);
	uvm_fake_clear_calls();
	EXPECT_EQ(uvm_madvise(&u, A, P, MADV_RANDOM), 0);
	EXPECT_EQ(uvm_madvise(&u, A, P, MADV_SEQUENTIAL), 0);
	EXPECT_EQ(uvm_madvise(&u, A, P, MADV_WILLNEED), 0);
	EXPECT_EQ(uvm_madvise(&u, A, P, MADV_FREE), 0);
	EXPECT_EQ(uvm_fake_ncalls, 0);
	done(&u);
}

/* --- faults and the stack --------------------------------------------------------- */

KTEST(uvm, fault_demand_zero_untouched_memory_is_demand_paged)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	int64_t a = uvm_mmap(&u, 0, 1024 * P, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_GT(a, 0);
	struct vma *v = NULL;
	EXPECT_EQ(uvm_fault_check(&u, (uint64_t)a + 77 * P, UVM_ACCESS_READ, &v), UVM_FAULT_OK);
	ASSERT_NOT_NULL(v);
	EXPECT_EQ(v->prot, RW); /* the kernel maps a zero frame with this */
	done(&u);
}

KTEST(uvm, fault_sigsegv_codes_maperr_and_accerr)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	EXPECT_EQ(uvm_fault_check(&u, 0, UVM_ACCESS_READ, NULL), UVM_FAULT_MAPERR);
	EXPECT_EQ(uvm_fault_check(&u, A + 0x123, UVM_ACCESS_READ, NULL), UVM_FAULT_MAPERR);
	EXPECT_EQ(uvm_fault_check(&u, 0x800000000000ULL, UVM_ACCESS_READ, NULL), UVM_FAULT_MAPERR);
	EXPECT_EQ(uvm_fault_check(&u, 0xffffffff80000000ULL, UVM_ACCESS_READ, NULL),
		  UVM_FAULT_MAPERR);
	EXPECT_EQ(uvm_fault_check(&u, 0x400000, UVM_ACCESS_WRITE, NULL), UVM_FAULT_ACCERR);
	EXPECT_EQ(uvm_fault_check(&u, 0x401000, UVM_ACCESS_EXEC, NULL), UVM_FAULT_ACCERR);
	EXPECT_EQ(uvm_fault_check(&u, 0x400000, UVM_ACCESS_EXEC, NULL), UVM_FAULT_OK);
	EXPECT_STREQ(uvm_fault_name(UVM_FAULT_STACK_GUARD), "STACK_GUARD");
	done(&u);
}

KTEST(uvm, fault_stack_grows_on_demand_up_to_the_limit)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	struct vma *v = NULL;
	uint64_t four_mib_down = UVM_TASK_SIZE - (4ULL << 20) + 8;
	EXPECT_EQ(uvm_fault_check(&u, four_mib_down, UVM_ACCESS_WRITE, &v), UVM_FAULT_OK);
	ASSERT_NOT_NULL(v);
	EXPECT_EQ(v->start, four_mib_down & ~(P - 1));
	EXPECT_TRUE(v->flags & VMA_STACK);
	/* The last page within 8 MiB, then the first beyond it. */
	uint64_t limit = UVM_TASK_SIZE - UVM_STACK_LIMIT;
	EXPECT_EQ(uvm_fault_check(&u, limit, UVM_ACCESS_WRITE, NULL), UVM_FAULT_OK);
	EXPECT_EQ(uvm_fault_check(&u, limit - 1, UVM_ACCESS_WRITE, NULL), UVM_FAULT_STACK_GUARD);
	EXPECT_EQ(vma_lookup(&u.vmas, limit)->start, limit);
	/* Far below the stack a fault is a stray pointer, not an overflow. */
	EXPECT_EQ(uvm_fault_check(&u, limit - (64ULL << 20), UVM_ACCESS_READ, NULL),
		  UVM_FAULT_MAPERR);
	EXPECT_EQ(vma_count(&u.vmas), 3);
	done(&u);
}

KTEST(uvm, fault_stack_grows_keeping_guard_gap_above_a_mapping)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	/* A mapping 300 pages below the stack: the stack may grow to 256 pages above it. */
	uint64_t m_end = STACK_LOW - 300 * P;
	ASSERT_EQ(uvm_mmap(&u, m_end - P, P, PROT_READ, FIXED, -1, 0), (int64_t)(m_end - P));
	uint64_t lowest = m_end + UVM_STACK_GUARD_GAP;
	EXPECT_EQ(uvm_fault_check(&u, lowest - 1, UVM_ACCESS_WRITE, NULL), UVM_FAULT_STACK_GUARD);
	EXPECT_EQ(uvm_fault_check(&u, lowest, UVM_ACCESS_WRITE, NULL), UVM_FAULT_OK);
	EXPECT_EQ(uvm_fault_check(&u, m_end, UVM_ACCESS_WRITE, NULL), UVM_FAULT_STACK_GUARD);
	/* An inaccessible (PROT_NONE) area below does not block growth, as on Linux. */
	ASSERT_EQ(uvm_mprotect(&u, m_end - P, P, PROT_NONE), 0);
	EXPECT_EQ(uvm_fault_check(&u, m_end + P, UVM_ACCESS_WRITE, NULL), UVM_FAULT_OK);
	done(&u);
}

KTEST(uvm, mmap_placement_keeps_guard_gap_below_the_stack)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	u.mmap_base = UVM_TASK_SIZE; /* let top-down placement reach the stack */
	int64_t a = uvm_mmap(&u, 0, P, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_EQ(a, (int64_t)(STACK_LOW - UVM_STACK_GUARD_GAP - P));
	done(&u);
}

/* --- setup, listing, teardown ----------------------------------------------------- */

KTEST(uvm, setup_builds_image_stack_and_mmap_base)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	EXPECT_STREQ(uvm_fake_maps(&u),
		     "00400000-00401000 r-xp [image]\n"
		     "00401000-00402000 rw-p [image]\n"
		     "7fffffffb000-7ffffffff000 rw-p [stack]\n");
	EXPECT_EQ(u.stack_top, UVM_TASK_SIZE);
	EXPECT_EQ(u.mmap_base, 0x7ffff7fff000ULL);
	ASSERT_EQ(uvm_brk(&u, FAKE_START_BRK + 1), FAKE_START_BRK + 1);
	ASSERT_EQ(uvm_mmap(&u, A, P, RW, FIXED, -1, 0), (int64_t)A);
	EXPECT_STREQ(uvm_fake_maps_in(&u, 0x402000, 0x20000000),
		     "00402000-00403000 rw-p [heap]\n10000000-10001000 rw-p [anon]\n");
	done(&u);
}

KTEST(uvm, setup_rejects_bad_segments_and_cleans_up)
{
	struct uvm u;
	static const struct uvm_segment overlap[] = { { 0x400000, 0x401800, PROT_READ },
						      { 0x401000, 0x402000, RW } };
	static const struct uvm_segment low[] = { { 0x1000, 0x2000, PROT_READ } };
	uvm_fake_reset(-1);
	uvm_init(&u, &uvm_fake_ops, NULL, FAKE_RAM_PAGES);
	EXPECT_EQ(uvm_setup(&u, overlap, 2, P), -EINVAL);
	EXPECT_EQ(uvm_fake_live(), 0);
	EXPECT_EQ(uvm_setup(&u, low, 1, P), -EINVAL);
	EXPECT_EQ(uvm_setup(&u, overlap, 1, 0), -EINVAL);
	EXPECT_EQ(uvm_setup(&u, overlap, 1, UVM_STACK_LIMIT + P), -EINVAL);
	uvm_fake_fail_after(1); /* the segment, not the stack */
	EXPECT_EQ(uvm_setup(&u, overlap, 1, P), -ENOMEM);
	EXPECT_EQ(uvm_fake_live(), 0);
	EXPECT_EQ(vma_count(&u.vmas), 0);
}

KTEST(uvm, destroy_unmaps_and_frees_every_vma)
{
	struct uvm u;
	ASSERT_EQ(uvm_fake_fresh(&u), 0);
	ASSERT_EQ(uvm_brk(&u, FAKE_START_BRK + P), FAKE_START_BRK + P);
	uvm_destroy(&u);
	EXPECT_EQ(uvm_fake_live(), 0);
	EXPECT_EQ(uvm_fake_ncalls, 4);
	EXPECT_EQ(uvm_fake_count('u', STACK_LOW, UVM_TASK_SIZE), 1);
	EXPECT_EQ(vma_count(&u.vmas), 0);
}
