/*
 * cow_test.c - fork's copy-on-write address spaces (suite "cow", kernel
 * only): mm_fork, the copy-on-write break, the reference counts behind
 * them, and what happens when memory runs out in either.
 *
 * Each test builds real address spaces (mm_create) in the kernel, forks
 * one into another with mm_fork and then plays both processes: a user
 * write is simulated the way the CPU would do it, by faulting first if the
 * entry does not allow writing (mm_handle_fault, as the page-fault handler
 * does) and then storing through the direct map into the frame the entry
 * names. Every test destroys what it built, so the runner's leak check
 * (free frames, heap objects) also checks that no reference was lost.
 */
#include "arch/x86_64/memlayout.h"
#include "lib/errno.h"
#include "mm/cow.h"
#include "mm/fault.h"
#include "mm/frame_owner.h"
#include "mm/mm_check.h"
#include "mm/pmm.h"
#include "mm/test/hoard.h"
#include "mm/test/user_access.h"
#include "test/ktest.h"

#define P PAGE_SIZE
#define RW (PROT_READ | PROT_WRITE)
#define PRIV (MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define SHARED (MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED)
#define A 0x10000000ULL

static char why[256];

/* A parent with `pages` private pages at A, each written with its number + 1. */
static bool make_parent(struct mm *mm, unsigned pages, unsigned long flags)
{
	if (mm_create(mm) < 0)
		return false;
	if (mm_mmap(mm, A, pages * P, RW, flags, -1, 0) != (int64_t)A) {
		mm_destroy(mm);
		return false;
	}
	for (unsigned i = 0; i < pages; i++)
		if (user_store(mm, A + i * P, i + 1) != MM_FAULT_OK) {
			mm_destroy(mm);
			return false;
		}
	return true;
}

/* Checks both address spaces with the invariant checker. */
static void check_both(struct mm *a, struct mm *b)
{
	EXPECT_NULL(mm_check_process(a, why, sizeof why));
	EXPECT_NULL(mm_check_process(b, why, sizeof why));
	struct mm *all[] = {a, b};
	EXPECT_NULL(mm_check_refs(all, 2, why, sizeof why));
}

KTEST(cow, fork_copies_the_areas_the_break_and_the_stack)
{
	struct mm p, c;
	static const struct mm_segment seg[] = {{0x400000, 0x402000, PROT_READ | PROT_EXEC}};
	ASSERT_EQ(mm_create(&p), 0);
	ASSERT_EQ(mm_setup(&p, seg, 1, 4 * P), 0);
	ASSERT_EQ(mm_mmap(&p, A, 2 * P, RW, PRIV, -1, 0), (int64_t)A);
	EXPECT_EQ(user_store(&p, STACK_TOP - 8, 1), MM_FAULT_OK);
	ASSERT_EQ(mm_madvise(&p, A, P, MADV_RANDOM), 0);
	mm_brk(&p, p.brk + 3 * P + 5);
	ASSERT_EQ(mm_create(&c), 0);
	ASSERT_EQ(mm_fork(&c, &p), 0);
	EXPECT_EQ(vma_count(&c.vmas), vma_count(&p.vmas));
	for (struct vma *v = vma_first(&p.vmas), *w = vma_first(&c.vmas); v && w;
	     v = vma_next(v), w = vma_next(w)) {
		EXPECT_EQ(w->start, v->start);
		EXPECT_EQ(w->end, v->end);
		EXPECT_EQ(w->prot, v->prot);
		EXPECT_EQ(w->flags, v->flags);
	}
	EXPECT_EQ(c.brk, p.brk);
	EXPECT_EQ(c.start_brk, p.start_brk);
	EXPECT_EQ(c.stack_top, p.stack_top);
	EXPECT_EQ(c.mmap_base, p.mmap_base);
	check_both(&p, &c);
	mm_destroy(&c);
	mm_destroy(&p);
}

KTEST(cow, fork_shares_private_pages_read_only_and_counted)
{
	struct mm p, c;
	ASSERT_TRUE(make_parent(&p, 4, PRIV));
	uint64_t before = pmm_free_frames();
	ASSERT_EQ(mm_create(&c), 0);
	ASSERT_EQ(mm_fork(&c, &p), 0);
	/* No page was copied: only the child's page tables were allocated. */
	EXPECT_LE(before - pmm_free_frames(), 4);
	for (unsigned i = 0; i < 4; i++) {
		unsigned pf = 0, cf = 0;
		uint64_t f = frame_at(&p, A + i * P, &pf);
		EXPECT_NE(f, 0);
		EXPECT_EQ(frame_at(&c, A + i * P, &cf), f);
		EXPECT_EQ(pmm_refcount(f), 2);
		EXPECT_EQ(pf & (VM_WRITE | VM_COW), VM_COW);
		EXPECT_EQ(cf & (VM_WRITE | VM_COW), VM_COW);
		EXPECT_EQ(user_load(&c, A + i * P), i + 1);
	}
	check_both(&p, &c);
	mm_destroy(&c);
	/* The child's exit dropped its references: back to one owner each. */
	EXPECT_EQ(pmm_refcount(frame_at(&p, A, NULL)), 1);
	mm_destroy(&p);
}

KTEST(cow, writes_after_fork_are_isolated_on_both_sides)
{
	struct mm p, c;
	ASSERT_TRUE(make_parent(&p, 3, PRIV));
	ASSERT_EQ(mm_create(&c), 0);
	ASSERT_EQ(mm_fork(&c, &p), 0);
	uint64_t shared = frame_at(&p, A, NULL);
	/* The parent writes: it gets a copy, the child keeps the original. */
	EXPECT_EQ(user_store(&p, A, 111), MM_FAULT_OK);
	EXPECT_NE(frame_at(&p, A, NULL), shared);
	EXPECT_EQ(frame_at(&c, A, NULL), shared);
	EXPECT_EQ(pmm_refcount(shared), 1);
	EXPECT_EQ(user_load(&p, A), 111);
	EXPECT_EQ(user_load(&c, A), 1);
	/* The rest of the copied page came along. */
	EXPECT_EQ(user_store(&p, A + P + 8, 7), MM_FAULT_OK);
	EXPECT_EQ(user_load(&p, A + P), 2);
	/* The child writes its page, now its alone: no copy, made writable. */
	EXPECT_EQ(user_store(&c, A, 222), MM_FAULT_OK);
	unsigned cf = 0;
	EXPECT_EQ(frame_at(&c, A, &cf), shared);
	EXPECT_EQ(cf & (VM_WRITE | VM_COW), VM_WRITE);
	EXPECT_EQ(user_load(&p, A), 111);
	EXPECT_EQ(user_load(&c, A), 222);
	/* The child writes a page still shared: copied, the parent's is intact. */
	EXPECT_EQ(user_store(&c, A + 2 * P, 333), MM_FAULT_OK);
	EXPECT_EQ(user_load(&p, A + 2 * P), 3);
	EXPECT_EQ(user_load(&c, A + 2 * P), 333);
	check_both(&p, &c);
	mm_destroy(&p);
	EXPECT_EQ(user_load(&c, A + P), 2); /* the parent's exit left the child's data */
	mm_destroy(&c);
}

/* The frame owner map (frame_owner.h) knows a COW copy and a page table. */
KTEST(cow, a_copy_is_tagged_user_and_the_tables_page_table)
{
	struct mm p, c;
	ASSERT_TRUE(make_parent(&p, 1, PRIV));
	ASSERT_EQ(mm_create(&c), 0);
	ASSERT_EQ(mm_fork(&c, &p), 0);
	EXPECT_EQ(frame_owner_of(c.pt.pml4_phys / PAGE_SIZE), FRAME_OWNER_PAGE_TABLE);
	uint64_t shared = frame_at(&p, A, NULL);
	EXPECT_EQ(frame_owner_of(shared / PAGE_SIZE), FRAME_OWNER_USER);
	EXPECT_EQ(user_store(&c, A, 5), MM_FAULT_OK);
	uint64_t copy = frame_at(&c, A, NULL);
	ASSERT_NE(copy, shared);
	EXPECT_EQ(frame_owner_of(copy / PAGE_SIZE), FRAME_OWNER_USER);
	mm_destroy(&c);
	EXPECT_EQ(frame_owner_of(copy / PAGE_SIZE), FRAME_OWNER_FREE);
	EXPECT_EQ(frame_owner_of(shared / PAGE_SIZE), FRAME_OWNER_USER);
	mm_destroy(&p);
	EXPECT_EQ(frame_owner_of(shared / PAGE_SIZE), FRAME_OWNER_FREE);
	EXPECT_NULL(pmm_check_owners(why, sizeof why));
}

KTEST(cow, a_grandchild_shares_with_both)
{
	struct mm p, c, g;
	ASSERT_TRUE(make_parent(&p, 1, PRIV));
	ASSERT_EQ(mm_create(&c), 0);
	ASSERT_EQ(mm_fork(&c, &p), 0);
	ASSERT_EQ(mm_create(&g), 0);
	ASSERT_EQ(mm_fork(&g, &c), 0);
	uint64_t f = frame_at(&p, A, NULL);
	EXPECT_EQ(pmm_refcount(f), 3);
	EXPECT_EQ(user_store(&c, A, 5), MM_FAULT_OK);
	EXPECT_EQ(pmm_refcount(f), 2);
	EXPECT_EQ(user_load(&p, A), 1);
	EXPECT_EQ(user_load(&g, A), 1);
	struct mm *all[] = {&p, &c, &g};
	EXPECT_NULL(mm_check_refs(all, 3, why, sizeof why));
	mm_destroy(&p);
	mm_destroy(&g);
	mm_destroy(&c);
}

KTEST(cow, read_only_pages_stay_shared_and_mprotect_keeps_them_cow)
{
	struct mm p, c;
	ASSERT_TRUE(make_parent(&p, 2, PRIV));
	ASSERT_EQ(mm_mprotect(&p, A, 2 * P, PROT_READ), 0);
	ASSERT_EQ(mm_create(&c), 0);
	ASSERT_EQ(mm_fork(&c, &p), 0);
	uint64_t f = frame_at(&p, A, NULL);
	EXPECT_EQ(frame_at(&c, A, NULL), f);
	EXPECT_EQ(pmm_refcount(f), 2);
	/* Writable again: still not writable in the tables while shared. */
	ASSERT_EQ(mm_mprotect(&c, A, 2 * P, RW), 0);
	unsigned cf = 0;
	frame_at(&c, A, &cf);
	EXPECT_EQ(cf & (VM_WRITE | VM_COW), VM_COW);
	EXPECT_NULL(mm_check_process(&c, why, sizeof why));
	EXPECT_EQ(user_store(&c, A, 9), MM_FAULT_OK);
	EXPECT_EQ(user_load(&p, A), 1);
	EXPECT_EQ(user_load(&c, A), 9);
	/* PROT_NONE and back keeps the bit too. */
	ASSERT_EQ(mm_mprotect(&c, A + P, P, PROT_NONE), 0);
	ASSERT_EQ(mm_mprotect(&c, A + P, P, RW), 0);
	frame_at(&c, A + P, &cf);
	EXPECT_EQ(cf & (VM_WRITE | VM_COW), VM_COW);
	check_both(&p, &c);
	mm_destroy(&c);
	mm_destroy(&p);
}

KTEST(cow, shared_anonymous_pages_stay_shared_and_writable)
{
	struct mm p, c;
	ASSERT_EQ(mm_create(&p), 0);
	ASSERT_EQ(mm_mmap(&p, A, 2 * P, RW, SHARED, -1, 0), (int64_t)A);
	EXPECT_EQ(user_store(&p, A, 1), MM_FAULT_OK); /* the second page untouched */
	ASSERT_EQ(mm_create(&c), 0);
	ASSERT_EQ(mm_fork(&c, &p), 0);
	for (unsigned i = 0; i < 2; i++) {
		unsigned pf = 0, cf = 0;
		uint64_t f = frame_at(&p, A + i * P, &pf);
		EXPECT_NE(f, 0);
		EXPECT_EQ(frame_at(&c, A + i * P, &cf), f);
		EXPECT_EQ(pf & (VM_WRITE | VM_COW), VM_WRITE);
		EXPECT_EQ(cf & (VM_WRITE | VM_COW), VM_WRITE);
	}
	EXPECT_EQ(user_store(&c, A, 42), MM_FAULT_OK);
	EXPECT_EQ(user_store(&p, A + P + 8, 43), MM_FAULT_OK);
	EXPECT_EQ(user_load(&p, A), 42);
	EXPECT_EQ(user_load(&c, A + P + 8), 43);
	check_both(&p, &c);
	mm_destroy(&c);
	mm_destroy(&p);
}

KTEST(cow, dontfork_areas_are_left_out_and_wipeonfork_ones_start_zeroed)
{
	struct mm p, c;
	ASSERT_TRUE(make_parent(&p, 3, PRIV));
	ASSERT_EQ(mm_madvise(&p, A, P, MADV_DONTFORK), 0);
	ASSERT_EQ(mm_madvise(&p, A + P, P, MADV_WIPEONFORK), 0);
	int64_t d = mm_mmap(&p, 0, P, RW, MAP_ANONYMOUS | MAP_DROPPABLE, -1, 0);
	ASSERT_GT(d, 0);
	EXPECT_EQ(user_store(&p, (uint64_t)d, 77), MM_FAULT_OK);
	ASSERT_EQ(mm_create(&c), 0);
	ASSERT_EQ(mm_fork(&c, &p), 0);
	EXPECT_NULL(vma_lookup(&c.vmas, A));
	EXPECT_NOT_NULL(vma_lookup(&c.vmas, A + P));
	EXPECT_EQ(frame_at(&c, A + P, NULL), 0);
	EXPECT_EQ(user_load(&c, A + P), 0);
	EXPECT_EQ(user_load(&p, A + P), 2);
	EXPECT_EQ(user_load(&c, A + 2 * P), 3);
	EXPECT_EQ(user_load(&c, (uint64_t)d), 0); /* MAP_DROPPABLE: wiped, as Linux */
	EXPECT_EQ(user_load(&p, (uint64_t)d), 77);
	check_both(&p, &c);
	mm_destroy(&c);
	mm_destroy(&p);
}

KTEST(cow, munmap_dontneed_and_brk_shrink_drop_one_reference)
{
	struct mm p, c;
	ASSERT_TRUE(make_parent(&p, 3, PRIV));
	uint64_t start = p.brk = p.start_brk = A + 16 * P;
	ASSERT_EQ(mm_brk(&p, start + P), start + P);
	EXPECT_EQ(user_store(&p, start, 9), MM_FAULT_OK);
	ASSERT_EQ(mm_create(&c), 0);
	ASSERT_EQ(mm_fork(&c, &p), 0);
	uint64_t f0 = frame_at(&p, A, NULL), f1 = frame_at(&p, A + P, NULL);
	uint64_t fh = frame_at(&p, start, NULL);
	ASSERT_EQ(mm_munmap(&c, A, P), 0);
	EXPECT_EQ(pmm_refcount(f0), 1);
	ASSERT_EQ(mm_madvise(&c, A + P, P, MADV_DONTNEED), 0);
	EXPECT_EQ(pmm_refcount(f1), 1);
	EXPECT_EQ(user_load(&c, A + P), 0); /* a fresh zero page */
	EXPECT_EQ(user_load(&p, A + P), 2);
	ASSERT_EQ(mm_brk(&c, start), start);
	EXPECT_EQ(pmm_refcount(fh), 1);
	/* The parent's pages, now alone, become writable without a copy. */
	EXPECT_EQ(user_store(&p, A, 10), MM_FAULT_OK);
	EXPECT_EQ(frame_at(&p, A, NULL), f0);
	check_both(&p, &c);
	mm_destroy(&c);
	mm_destroy(&p);
}

KTEST(cow, fork_out_of_memory_leaves_the_child_empty_and_leaks_nothing)
{
	struct mm p, c;
	ASSERT_TRUE(make_parent(&p, 8, PRIV));
	ASSERT_EQ(mm_create(&c), 0);
	hoard_take_all();
	EXPECT_EQ(mm_fork(&c, &p), -ENOMEM); /* no frame for the child's page tables */
	hoard_release();
	EXPECT_EQ(vma_count(&c.vmas), 0);
	EXPECT_EQ(vmm_table_pages(&c.pt), 0);
	EXPECT_EQ(c.brk, 0);
	EXPECT_EQ(pmm_refcount(frame_at(&p, A, NULL)), 1);
	EXPECT_EQ(user_load(&p, A + 7 * P), 8);
	struct mm *one[] = {&p};
	EXPECT_NULL(mm_check_refs(one, 1, why, sizeof why));
	/* The parent's pages were left copy-on-write: writing just reclaims them. */
	uint64_t f = frame_at(&p, A, NULL);
	EXPECT_EQ(user_store(&p, A, 5), MM_FAULT_OK);
	EXPECT_EQ(frame_at(&p, A, NULL), f);
	/* And the fork works once memory is back. */
	EXPECT_EQ(mm_fork(&c, &p), 0);
	EXPECT_EQ(user_load(&c, A), 5);
	mm_destroy(&c);
	mm_destroy(&p);
}

KTEST(cow, a_break_out_of_memory_is_an_oom_verdict_and_changes_nothing)
{
	struct mm p, c;
	ASSERT_TRUE(make_parent(&p, 1, PRIV));
	ASSERT_EQ(mm_create(&c), 0);
	ASSERT_EQ(mm_fork(&c, &p), 0);
	uint64_t f = frame_at(&p, A, NULL);
	hoard_take_all();
	EXPECT_EQ(mm_handle_fault(&c, A, MM_ACCESS_WRITE), MM_FAULT_OOM);
	hoard_release();
	unsigned cf = 0;
	EXPECT_EQ(frame_at(&c, A, &cf), f);
	EXPECT_EQ(cf & (VM_WRITE | VM_COW), VM_COW);
	EXPECT_EQ(pmm_refcount(f), 2);
	check_both(&p, &c);
	mm_destroy(&c);
	mm_destroy(&p);
}

KTEST(cow, the_checker_finds_a_writable_cow_page_and_a_lost_reference)
{
	struct mm p, c;
	ASSERT_TRUE(make_parent(&p, 1, PRIV));
	ASSERT_EQ(mm_create(&c), 0);
	ASSERT_EQ(mm_fork(&c, &p), 0);
	uint64_t f = frame_at(&p, A, NULL);
	/* A COW entry made writable behind the kernel's back. */
	ASSERT_EQ(vmm_set_leaf(&c.pt, A, f, mm_vm_flags(RW)), 0); /* writable, COW bit gone */
	EXPECT_NOT_NULL(mm_check_process(&c, why, sizeof why));
	EXPECT_TRUE(ktest_contains(why, "shares frame"));
	ASSERT_EQ(vmm_set_leaf(&c.pt, A, f, mm_vm_flags(RW) | VM_COW), 0);
	EXPECT_NULL(mm_check_process(&c, why, sizeof why));
	/* A reference count one too high, then one too low. */
	struct mm *all[] = {&p, &c};
	pmm_ref(f);
	EXPECT_NOT_NULL(mm_check_refs(all, 2, why, sizeof why));
	EXPECT_TRUE(ktest_contains(why, "reference"));
	pmm_unref(f);
	EXPECT_NULL(mm_check_refs(all, 2, why, sizeof why));
	struct mm *half[] = {&p}; /* the child's entry is not counted: one too few */
	EXPECT_NOT_NULL(mm_check_refs(half, 1, why, sizeof why));
	EXPECT_EQ(pmm_refcount(f), 2); /* the checker gave back what it borrowed */
	mm_destroy(&c);
	mm_destroy(&p);
}
