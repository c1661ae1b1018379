/*
 * mremap_pt_test.c - mremap on real address spaces (suite "mremap",
 * kernel only): the page tables' half. A move must carry each present
 * page's frame to its new address with its reference count unchanged (no
 * copy, nothing freed or leaked), free the page tables it empties, keep
 * copy-on-write pages shared with a forked child until a write, and on
 * running out of memory change nothing. User loads and stores are
 * simulated by mm/test/user_access.h; every test destroys what it built, so the
 * runner's leak check (free frames, heap objects) checks the counts too.
 */
#include "arch/x86_64/memlayout.h"
#include "lib/errno.h"
#include "mm/cow.h"
#include "mm/fault.h"
#include "mm/mm_check.h"
#include "mm/pmm.h"
#include "mm/test/hoard.h"
#include "mm/test/user_access.h"
#include "test/ktest.h"

#define P PAGE_SIZE
#define RW (PROT_READ | PROT_WRITE)
#define PRIV (MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define A 0x10000000ULL
#define B 0x40000000ULL /* another page-directory-pointer entry than A's */
#define NPAGES 6

static char why[256];

/*
 * An address space with NPAGES private pages at A, every other one
 * written (page i holds i + 1; the odd ones are never touched), and a
 * read-only page right after them so the area cannot grow in place.
 * Returns false (nothing left) on failure.
 */
static bool make_space(struct mm *mm, uint64_t frames[NPAGES])
{
	if (mm_create(mm) < 0)
		return false;
	if (mm_mmap(mm, A, NPAGES * P, RW, PRIV, -1, 0) != (int64_t)A ||
	    mm_mmap(mm, A + NPAGES * P, P, PROT_READ, PRIV, -1, 0) != (int64_t)(A + NPAGES * P)) {
		mm_destroy(mm);
		return false;
	}
	for (unsigned i = 0; i < NPAGES; i++) {
		frames[i] = 0;
		if (i % 2)
			continue;
		if (user_store(mm, A + i * P, i + 1) != MM_FAULT_OK) {
			mm_destroy(mm);
			return false;
		}
		frames[i] = frame_at(mm, A + i * P, NULL);
	}
	return true;
}

KTEST(mremap, a_move_carries_the_frames_and_their_counts)
{
	struct mm m;
	uint64_t frames[NPAGES];
	ASSERT_TRUE(make_space(&m, frames));
	uint64_t free_before = pmm_free_frames();
	int64_t n = mm_mremap(&m, A, NPAGES * P, 2 * NPAGES * P, MREMAP_MAYMOVE, 0);
	ASSERT_GT(n, 0);
	uint64_t to = (uint64_t)n;
	EXPECT_NE(to, A);
	for (unsigned i = 0; i < NPAGES; i++) {
		EXPECT_EQ(frame_at(&m, A + i * P, NULL), 0);	      /* nothing left behind */
		EXPECT_EQ(frame_at(&m, to + i * P, NULL), frames[i]); /* the same frame, or none */
		if (frames[i])
			EXPECT_EQ(pmm_refcount(frames[i]), 1);
	}
	/* No frame was taken for the data (page tables for the new place may be). */
	EXPECT_LE(free_before - pmm_free_frames(), 4);
	for (unsigned i = 0; i < NPAGES; i++)
		EXPECT_EQ(user_load(&m, to + i * P), i % 2 ? 0 : i + 1);
	/* The grown tail is demand-paged, zero-filled, writable. */
	EXPECT_EQ(user_load(&m, to + (2 * NPAGES - 1) * P), 0);
	EXPECT_EQ(user_store(&m, to + NPAGES * P, 77), MM_FAULT_OK);
	EXPECT_EQ(mm_handle_fault(&m, A, MM_ACCESS_READ), MM_FAULT_MAPERR);
	EXPECT_NULL(mm_check_process(&m, why, sizeof why));
	mm_destroy(&m);
}

KTEST(mremap, moving_there_and_back_frees_the_tables_it_empties)
{
	struct mm m;
	uint64_t frames[NPAGES];
	ASSERT_TRUE(make_space(&m, frames));
	ASSERT_EQ(mm_munmap(&m, A + NPAGES * P, P), 0); /* only the area at A */
	size_t tables = vmm_table_pages(&m.pt);
	ASSERT_EQ(mm_mremap(&m, A, NPAGES * P, NPAGES * P, MREMAP_MAYMOVE | MREMAP_FIXED, B),
		  (int64_t)B);
	EXPECT_EQ(frame_at(&m, B, NULL), frames[0]);
	EXPECT_NULL(mm_check_process(&m, why, sizeof why));
	ASSERT_EQ(mm_mremap(&m, B, NPAGES * P, NPAGES * P, MREMAP_MAYMOVE | MREMAP_FIXED, A),
		  (int64_t)A);
	EXPECT_EQ(vmm_table_pages(&m.pt), tables);
	for (unsigned i = 0; i < NPAGES; i++)
		EXPECT_EQ(frame_at(&m, A + i * P, NULL), frames[i]);
	EXPECT_NULL(mm_check_process(&m, why, sizeof why));
	mm_destroy(&m);
}

KTEST(mremap, shrink_and_grow_in_place_on_real_tables)
{
	struct mm m;
	uint64_t frames[NPAGES];
	ASSERT_TRUE(make_space(&m, frames));
	uint64_t free_before = pmm_free_frames();
	/* Shrink to 3 pages: page 4's frame (the only one in the tail) is freed. */
	ASSERT_EQ(mm_mremap(&m, A, NPAGES * P, 3 * P, 0, 0), (int64_t)A);
	EXPECT_EQ(pmm_free_frames(), free_before + 1);
	EXPECT_EQ(frame_at(&m, A + 4 * P, NULL), 0);
	/* Grow back in place up to the read-only neighbour: the pages stay put. */
	ASSERT_EQ(mm_mremap(&m, A, 3 * P, NPAGES * P, 0, 0), (int64_t)A);
	EXPECT_EQ(frame_at(&m, A + 2 * P, NULL), frames[2]);
	EXPECT_EQ(user_load(&m, A + 2 * P), 3);
	EXPECT_EQ(user_load(&m, A + 4 * P), 0); /* a fresh page now */
	EXPECT_NULL(mm_check_process(&m, why, sizeof why));
	mm_destroy(&m);
}

KTEST(mremap, cow_pages_stay_shared_with_the_child_after_a_move)
{
	struct mm p, c;
	uint64_t frames[NPAGES];
	ASSERT_TRUE(make_space(&p, frames));
	ASSERT_EQ(mm_create(&c), 0);
	ASSERT_EQ(mm_fork(&c, &p), 0);
	int64_t n = mm_mremap(&p, A, NPAGES * P, 2 * NPAGES * P, MREMAP_MAYMOVE, 0);
	ASSERT_GT(n, 0);
	uint64_t to = (uint64_t)n;
	unsigned f = 0;
	EXPECT_EQ(frame_at(&p, to, &f), frames[0]);
	EXPECT_EQ(f & (VM_WRITE | VM_COW), VM_COW);
	EXPECT_EQ(frame_at(&c, A, NULL), frames[0]);
	EXPECT_EQ(pmm_refcount(frames[0]), 2);
	struct mm *both[] = {&p, &c};
	EXPECT_NULL(mm_check_refs(both, 2, why, sizeof why));
	/* A write at the new address breaks the sharing there only. */
	EXPECT_EQ(user_store(&p, to, 100), MM_FAULT_OK);
	EXPECT_NE(frame_at(&p, to, NULL), frames[0]);
	EXPECT_EQ(pmm_refcount(frames[0]), 1);
	EXPECT_EQ(user_load(&c, A), 1);
	EXPECT_EQ(user_load(&p, to), 100);
	EXPECT_EQ(user_load(&p, to + 2 * P), 3);
	EXPECT_NULL(mm_check_process(&p, why, sizeof why));
	EXPECT_NULL(mm_check_process(&c, why, sizeof why));
	EXPECT_NULL(mm_check_refs(both, 2, why, sizeof why));
	mm_destroy(&c);
	mm_destroy(&p);
}

KTEST(mremap, out_of_memory_changes_nothing)
{
	struct mm m;
	uint64_t frames[NPAGES];
	ASSERT_TRUE(make_space(&m, frames));
	ASSERT_EQ(mm_munmap(&m, A + NPAGES * P, P), 0);
	size_t tables = vmm_table_pages(&m.pt);
	/* B's tables do not exist yet, and no frame is left to make them. */
	hoard_take_all();
	int64_t r = mm_mremap(&m, A, NPAGES * P, NPAGES * P, MREMAP_MAYMOVE | MREMAP_FIXED, B);
	hoard_release();
	EXPECT_EQ(r, -ENOMEM);
	EXPECT_EQ(vmm_table_pages(&m.pt), tables);
	EXPECT_NULL(vma_lookup(&m.vmas, B));
	for (unsigned i = 0; i < NPAGES; i++) {
		EXPECT_EQ(frame_at(&m, A + i * P, NULL), frames[i]);
		EXPECT_EQ(user_load(&m, A + i * P), i % 2 ? 0 : i + 1);
	}
	EXPECT_NULL(mm_check_process(&m, why, sizeof why));
	mm_destroy(&m);
}
