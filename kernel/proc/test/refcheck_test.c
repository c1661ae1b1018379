/*
 * refcheck_test.c - the whole-system reference check (suite "refcheck",
 * kernel only): proc_check_refs over the process table and the kernel's
 * registered holders of frame references.
 *
 * Three processes that never run share one copy-on-write frame, as after
 * a parent forked twice: its count is 3 and each process sees one of the
 * three entries, so only the check over the whole table can say whether
 * the count is right. The tests corrupt the count (one too many, one too
 * few) and expect the checker's exact sentence, then register a kernel
 * holder (what a page cache is) and see its reference counted. Every test
 * frees what it made; the runner's leak check sees that.
 */
#include "arch/x86_64/memlayout.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/cow.h"
#include "mm/fault.h"
#include "mm/mm_check.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "test/ktest.h"

#define REFCHECK_VA 0x10000000ULL
#define REFCHECK_PROCS 3

static char why[256];
static char want[256];
static struct proc *procs[REFCHECK_PROCS];
static uint64_t held_frame; /* what the fake holder says it keeps */

/* Frees what make_family made (those that were made). */
static void free_family(void)
{
	for (int i = REFCHECK_PROCS - 1; i >= 0; i--) {
		if (!procs[i])
			continue;
		if (procs[i]->has_mm)
			mm_destroy(&procs[i]->mm);
		procs[i]->has_mm = false;
		proc_free(procs[i]);
		procs[i] = NULL;
	}
}

/*
 * A parent with one private page written at REFCHECK_VA and two children
 * forked from it; returns the shared frame, or 0 (nothing left) on failure.
 */
static uint64_t make_family(void)
{
	int err;
	for (int i = 0; i < REFCHECK_PROCS; i++) {
		procs[i] = proc_alloc(&err);
		if (!procs[i] || mm_create(&procs[i]->mm) < 0)
			goto fail;
		procs[i]->has_mm = true;
	}
	struct mm *parent = &procs[0]->mm;
	if (mm_mmap(parent, REFCHECK_VA, PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (int64_t)REFCHECK_VA ||
	    mm_handle_fault(parent, REFCHECK_VA, MM_ACCESS_WRITE) != MM_FAULT_OK)
		goto fail;
	for (int i = 1; i < REFCHECK_PROCS; i++)
		if (mm_fork(&procs[i]->mm, parent) < 0)
			goto fail;
	uint64_t pa;
	if (!vmm_translate(&parent->pt, REFCHECK_VA, &pa, NULL))
		goto fail;
	return pa & ~PAGE_MASK;
fail:
	free_family();
	return 0;
}

/* Fills `want` with the checker's sentence for frame f: count references, named names. */
static const char *sentence(uint64_t f, unsigned count, unsigned named)
{
	ksnprintf(want, sizeof want,
		  "frame 0x%llx has %u references but %u page-table entries and kernel "
		  "holders name it",
		  (unsigned long long)f, count, named);
	return want;
}

KTEST(refcheck, a_shared_frame_is_counted_over_every_process)
{
	uint64_t f = make_family();
	ASSERT_TRUE(f != 0);
	EXPECT_EQ(pmm_refcount(f), 3);
	EXPECT_NULL(proc_check_refs(NULL, why, sizeof why));
	/* One address space alone sees one entry of three: the rule needs them all. */
	struct mm *one[] = {&procs[1]->mm};
	EXPECT_NOT_NULL(mm_check_refs(one, 1, why, sizeof why));
	EXPECT_STREQ(why, sentence(f, 3, 1));
	free_family();
}

KTEST(refcheck, a_count_one_too_high_or_too_low_is_named_exactly)
{
	uint64_t f = make_family();
	ASSERT_TRUE(f != 0);
	pmm_ref(f); /* a leak: a reference nobody will drop */
	EXPECT_NOT_NULL(proc_check_refs(NULL, why, sizeof why));
	EXPECT_STREQ(why, sentence(f, 4, 3));
	EXPECT_EQ(pmm_refcount(f), 4); /* the checker gave back what it borrowed */
	pmm_unref(f);
	pmm_unref(f); /* a lost reference: the frame would be freed while mapped */
	EXPECT_NOT_NULL(proc_check_refs(NULL, why, sizeof why));
	EXPECT_STREQ(why, sentence(f, 2, 3));
	EXPECT_EQ(pmm_refcount(f), 2);
	pmm_ref(f);
	EXPECT_NULL(proc_check_refs(NULL, why, sizeof why));
	free_family();
}

/* The fake holder's one reference. */
static void held_each(void (*fn)(uint64_t, void *), void *arg)
{
	fn(held_frame, arg);
}

KTEST(refcheck, a_kernel_holders_reference_is_counted)
{
	static struct mm_check_holder holder = {.name = "test holder", .each = held_each};
	uint64_t f = make_family();
	ASSERT_TRUE(f != 0);
	pmm_ref(f); /* the kernel keeps the frame too, as a page cache would */
	EXPECT_STREQ(proc_check_refs(NULL, why, sizeof why), sentence(f, 4, 3));
	held_frame = f;
	mm_check_add_holder(&holder);
	EXPECT_NULL(proc_check_refs(NULL, why, sizeof why));
	pmm_unref(f); /* the holder lets go but stays registered: one too few */
	EXPECT_STREQ(proc_check_refs(NULL, why, sizeof why), sentence(f, 3, 4));
	mm_check_remove_holder(&holder);
	EXPECT_NULL(proc_check_refs(NULL, why, sizeof why));
	free_family();
}

KTEST(refcheck, an_address_space_outside_the_table_is_added_once)
{
	uint64_t f = make_family();
	ASSERT_TRUE(f != 0);
	/* A fourth sharer that is in no process (as a test's mm is). */
	struct mm extra;
	ASSERT_EQ(mm_create(&extra), 0);
	ASSERT_EQ(mm_fork(&extra, &procs[0]->mm), 0);
	EXPECT_STREQ(proc_check_refs(NULL, why, sizeof why), sentence(f, 4, 3));
	EXPECT_NULL(proc_check_refs(&extra, why, sizeof why));
	/* One already in the table is not counted twice: still 3 entries of 4. */
	EXPECT_STREQ(proc_check_refs(&procs[1]->mm, why, sizeof why), sentence(f, 4, 3));
	mm_destroy(&extra);
	free_family();
}
