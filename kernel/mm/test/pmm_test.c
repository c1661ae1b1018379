/*
 * pmm_test.c - tests of the physical memory manager on the real machine
 * (suite "pmm", kernel only).
 *
 * They run after pmm_init, on whatever RAM QEMU gave. Each one leaves
 * pmm_free_frames() exactly as it found it. Memory is written through the
 * direct map only where pmm_direct_mapped() says it is reachable (before
 * vmm_init, only the first GiB is).
 */
#include "arch/x86_64/memlayout.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "test/ktest.h"

#include <stddef.h>
#include <stdint.h>

#define MIB (1024ull * 1024)

extern char _kernel_end[];

static int marker; /* its address tags the frames a test took */

/* Skips the test if pmm_init has not run. */
static void need_pmm(void)
{
	struct pmm_stats s;
	pmm_get_stats(&s);
	if (s.usable_frames == 0)
		KTEST_SKIP("pmm_init has not run");
}

/* Returns true if [phys, phys + size) touches the first MiB, the kernel
 * image or anything pmm_init reserved. */
static bool hits_reserved(uint64_t phys, uint64_t size)
{
	uint64_t end = phys + size;
	if (phys < MIB)
		return true;
	if (phys < (uint64_t)_kernel_end - KERNEL_VMA && end > MIB)
		return true;
	const struct pmm_reservation *r;
	unsigned n = pmm_reservations(&r);
	for (unsigned i = 0; i < n; i++)
		if (phys < r[i].end && end > r[i].start)
			return true;
	return false;
}

KTEST(pmm, stats_are_consistent)
{
	need_pmm();
	struct pmm_stats s;
	pmm_get_stats(&s);
	EXPECT_EQ(s.total_frames, s.usable_frames + s.reserved_frames);
	EXPECT_EQ(s.usable_frames, s.free_frames + s.allocated_frames);
	EXPECT_EQ(s.free_frames, pmm_free_frames());
	uint64_t in_blocks = 0;
	for (unsigned o = 0; o < PMM_NUM_ORDERS; o++)
		in_blocks += s.free_blocks[o] << o;
	EXPECT_EQ(in_blocks, s.free_frames);
	const struct pmm_reservation *r;
	unsigned n = pmm_reservations(&r);
	uint64_t reserved = 0;
	for (unsigned i = 0; i < n; i++)
		reserved += r[i].frames;
	EXPECT_EQ(reserved, s.reserved_frames);
	EXPECT_EQ(pmm_ram_end() % PAGE_SIZE, 0);
	EXPECT_TRUE(pmm_check());
}

KTEST(pmm, every_frame_once_then_all_back)
{
	need_pmm();
	struct pmm_stats before, after;
	pmm_get_stats(&before);

	uint64_t taken = 0, bad = 0;
	for (uint64_t p; (p = pmm_alloc(0)) != 0; taken++) {
		void **slot = pmm_owner_slot(p);
		if (!slot || *slot || p % PAGE_SIZE || hits_reserved(p, PAGE_SIZE)) {
			if (bad++ == 0)
				KTEST_FAIL("frame 0x%llx was handed out wrongly",
					   (unsigned long long)p);
			continue; /* lost, but the test fails anyway */
		}
		*slot = &marker;
	}
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(taken, before.free_frames);
	EXPECT_EQ(pmm_free_frames(), 0);
	EXPECT_EQ(pmm_alloc(0), 0);
	EXPECT_EQ(pmm_alloc(9), 0);

	/* Give back exactly the frames tagged above, wherever they are. */
	uint64_t freed = 0;
	for (uint64_t p = 0; p < pmm_ram_end(); p += PAGE_SIZE) {
		void **slot = pmm_owner_slot(p);
		if (slot && *slot == &marker) {
			pmm_free(p, 0);
			freed++;
		}
	}
	EXPECT_EQ(freed, taken);
	pmm_get_stats(&after);
	EXPECT_EQ(after.free_frames, before.free_frames);
	EXPECT_EQ(after.allocated_frames, before.allocated_frames);
	for (unsigned o = 0; o < PMM_NUM_ORDERS; o++)
		EXPECT_EQ(after.free_blocks[o], before.free_blocks[o]);
	EXPECT_TRUE(pmm_check());
}

KTEST(pmm, order9_is_2mib_aligned_and_contiguous)
{
	need_pmm();
	uint64_t before = pmm_free_frames();
	uint64_t p = pmm_alloc(9);
	if (p == 0)
		KTEST_SKIP("no free 2 MiB block on this machine");
	EXPECT_EQ(p % (2 * MIB), 0);
	EXPECT_EQ(pmm_free_frames(), before - 512);
	EXPECT_FALSE(hits_reserved(p, 2 * MIB));
	unsigned not_ram = 0;
	for (uint64_t f = p; f < p + 2 * MIB; f += PAGE_SIZE)
		not_ram += !pmm_is_ram(f);
	EXPECT_EQ(not_ram, 0);
	/* No later allocation lands inside the block. */
	uint64_t q = pmm_alloc(0);
	EXPECT_TRUE(q == 0 || q < p || q >= p + 2 * MIB);
	if (q)
		pmm_free(q, 0);
	/* Every page of it is distinct memory: tag each, then read all tags. */
	if (pmm_direct_mapped(p, 2 * MIB)) {
		for (uint64_t f = p; f < p + 2 * MIB; f += PAGE_SIZE)
			*(volatile uint64_t *)phys_to_virt(f) = f ^ 0x5a5a5a5a;
		unsigned wrong = 0;
		for (uint64_t f = p; f < p + 2 * MIB; f += PAGE_SIZE)
			wrong += *(volatile uint64_t *)phys_to_virt(f) != (f ^ 0x5a5a5a5a);
		EXPECT_EQ(wrong, 0);
	}
	pmm_free(p, 9);
	EXPECT_EQ(pmm_free_frames(), before);
}

/* Returns the number of bytes of [phys, phys + size) that are not zero. */
static uint64_t nonzero_bytes(uint64_t phys, uint64_t size)
{
	const volatile uint8_t *v = phys_to_virt(phys);
	uint64_t n = 0;
	for (uint64_t i = 0; i < size; i++)
		n += v[i] != 0;
	return n;
}

KTEST(pmm, alloc_zeroed_is_zero)
{
	need_pmm();
	uint64_t before = pmm_free_frames();
	for (unsigned order = 0; order <= 2; order++) {
		uint64_t size = (uint64_t)PAGE_SIZE << order;
		uint64_t p = pmm_alloc(order);
		ASSERT_NE(p, 0);
		if (!pmm_direct_mapped(p, size)) {
			pmm_free(p, order);
			KTEST_SKIP("the frames are not in the direct map yet");
		}
		memset(phys_to_virt(p), 0xa5, size);
		pmm_free(p, order);
		/* Freeing undid exactly the allocation, so the same block returns. */
		uint64_t q = pmm_alloc_zeroed(order);
		EXPECT_EQ(q, p);
		EXPECT_EQ(nonzero_bytes(q, size), 0);
		pmm_free(q, order);
	}
	EXPECT_EQ(pmm_free_frames(), before);
}

KTEST(pmm, misuse_is_caught)
{
	need_pmm();
	uint64_t before = pmm_free_frames();
	uint64_t p = pmm_alloc(0);
	ASSERT_NE(p, 0);
	pmm_free(p, 0);
	EXPECT_PANIC("double free", pmm_free(p, 0));
	EXPECT_PANIC("not owned", pmm_free(0, 0));
	EXPECT_PANIC("not owned", pmm_free(MIB, 0)); /* the kernel image */
	EXPECT_PANIC("not page aligned", pmm_free(p + 8, 0));
	uint64_t q = pmm_alloc(1);
	ASSERT_NE(q, 0);
	EXPECT_PANIC("allocated with order 1, freed with order 0", pmm_free(q, 0));
	EXPECT_PANIC("not the start of a block", pmm_free(q + PAGE_SIZE, 0));
	pmm_free(q, 1);
	EXPECT_EQ(pmm_free_frames(), before);
	EXPECT_TRUE(pmm_check());
}

KTEST(pmm, owner_slot)
{
	need_pmm();
	uint64_t p = pmm_alloc(1);
	ASSERT_NE(p, 0);
	void **slot = pmm_owner_slot(p);
	ASSERT_NOT_NULL(slot);
	EXPECT_NULL(*slot);
	*slot = &marker;
	EXPECT_EQ(pmm_owner_slot(p + 100), slot);	/* any address in the frame */
	EXPECT_EQ(pmm_owner_slot(p + PAGE_SIZE), slot); /* and in the block: one slot */
	EXPECT_NULL(pmm_owner_slot(0));
	EXPECT_NULL(pmm_owner_slot(MIB));
	EXPECT_NULL(pmm_owner_slot(pmm_ram_end()));
	pmm_free(p, 1);
	EXPECT_NULL(*slot); /* the owner does not outlive the block */
}

KTEST(pmm, single_frames_are_recycled_and_stats_merged)
{
	need_pmm();
	struct pmm_stats before, after;
	pmm_get_stats(&before);
	static uint64_t p[2 * BUDDY_UNMERGED_MAX];
	for (unsigned k = 0; k < 2 * BUDDY_UNMERGED_MAX; k++) {
		p[k] = pmm_alloc(0);
		ASSERT_NE(p[k], 0);
	}
	for (unsigned k = 0; k < 2 * BUDDY_UNMERGED_MAX; k++)
		pmm_free(p[k], 0);
	EXPECT_EQ(pmm_free_frames(), before.free_frames); /* exact, merged or not */
	/* With nothing held unmerged (pmm_get_stats drains), a freed frame is
	 * held and comes back first. (Which of the 64 above are still held
	 * depends on what the heap freed before: not a thing to test.) */
	struct pmm_stats mid;
	pmm_get_stats(&mid);
	uint64_t a = pmm_alloc(0);
	ASSERT_NE(a, 0);
	pmm_free(a, 0);
	uint64_t q = pmm_alloc(0);
	EXPECT_EQ(q, a);
	pmm_free(q, 0);
	EXPECT_TRUE(pmm_check());
	/* The stats show the merged state: as before, block for block. */
	pmm_get_stats(&after);
	EXPECT_EQ(after.free_frames, before.free_frames);
	for (unsigned o = 0; o < PMM_NUM_ORDERS; o++)
		EXPECT_EQ(after.free_blocks[o], before.free_blocks[o]);
	EXPECT_TRUE(pmm_check());
}

KTEST(pmm, direct_map_below_the_end_is_mapped)
{
	need_pmm();
	/* The first GiB (boot map) or all RAM (vmm_init) is direct-mapped. */
	EXPECT_TRUE(pmm_direct_mapped(MIB, PAGE_SIZE));
	EXPECT_TRUE(pmm_direct_mapped(0, 0));
	uint64_t p = pmm_alloc(0);
	ASSERT_NE(p, 0);
	EXPECT_TRUE(pmm_direct_mapped(p, PAGE_SIZE));
	pmm_free(p, 0);
	/* Far beyond any RAM the answer comes from the page tables: no. */
	EXPECT_FALSE(pmm_direct_mapped(1ull << 45, PAGE_SIZE));
}

KTEST(pmm, reserved_memory_is_not_ram)
{
	need_pmm();
	EXPECT_FALSE(pmm_is_ram(0));
	EXPECT_FALSE(pmm_is_ram(MIB));
	EXPECT_FALSE(pmm_is_ram((uint64_t)_kernel_end - KERNEL_VMA - 1));
	const struct pmm_reservation *r;
	unsigned n = pmm_reservations(&r);
	for (unsigned i = 0; i < n; i++) {
		if (r[i].end <= r[i].start)
			continue;
		EXPECT_FALSE(pmm_is_ram(r[i].start));
		EXPECT_FALSE(pmm_is_ram(r[i].end - 1));
	}
	uint64_t p = pmm_alloc(0);
	EXPECT_TRUE(pmm_is_ram(p));
	pmm_free(p, 0);
}

/* --- the memory-map arithmetic, on made-up maps ---------------------------------- */

static const struct mb2_mmap_entry messy_map[] = {
    {0x100000000, 0x40000000, MB2_MEM_AVAILABLE}, /* above 4 GiB, listed first */
    {0x100000, 0x7ee0000, MB2_MEM_AVAILABLE},
    {0x0, 0x9fc00, MB2_MEM_AVAILABLE}, /* ends mid-frame */
    {0x7fe0000, 0x20000, MB2_MEM_RESERVED},
    {0x200000, 0x100000, MB2_MEM_AVAILABLE},	     /* inside the one above */
    {0x3000800, 0x1000, MB2_MEM_RESERVED},	     /* straddles two frames */
    {0x13ffff000, 0x2000, MB2_MEM_ACPI_RECLAIMABLE}, /* overlaps the end */
    {0x5000, 0x1234, MB2_MEM_AVAILABLE},
    {0xfffffffffffff000, 0x2000, MB2_MEM_AVAILABLE}, /* wraps around */
    {0x9fc00, 0x400, 77},			     /* an unknown type */
};
#define MESSY_N (sizeof messy_map / sizeof messy_map[0])

static struct pmm_range out[16];

KTEST(pmm, usable_ranges_of_a_messy_map)
{
	unsigned n = pmm_usable_ranges(messy_map, MESSY_N, NULL, 0, out, 16);
	ASSERT_EQ(n, 4);
	EXPECT_EQ(out[0].start, 0);
	EXPECT_EQ(out[0].end, 0x9f000);
	EXPECT_EQ(out[1].start, 0x100000);
	EXPECT_EQ(out[1].end, 0x3000000);
	EXPECT_EQ(out[2].start, 0x3002000);
	EXPECT_EQ(out[2].end, 0x7fe0000);
	EXPECT_EQ(out[3].start, 0x100000000);
	EXPECT_EQ(out[3].end, 0x13ffff000);
}

KTEST(pmm, usable_ranges_cut_reservations)
{
	static const struct pmm_range res[] = {
	    {0, 0x100000},		/* the first MiB */
	    {0x1000010, 0x1000020},	/* a few bytes: the whole frame goes */
	    {0x120000000, 0x200000000}, /* the end of high memory, and beyond */
	};
	unsigned n = pmm_usable_ranges(messy_map, MESSY_N, res, 3, out, 16);
	ASSERT_EQ(n, 4);
	EXPECT_EQ(out[0].start, 0x100000);
	EXPECT_EQ(out[0].end, 0x1000000);
	EXPECT_EQ(out[1].start, 0x1001000);
	EXPECT_EQ(out[1].end, 0x3000000);
	EXPECT_EQ(out[2].start, 0x3002000);
	EXPECT_EQ(out[3].start, 0x100000000);
	EXPECT_EQ(out[3].end, 0x120000000);
	EXPECT_PANIC("more than", pmm_usable_ranges(messy_map, MESSY_N, res, 3, out, 3));
}

/* --- frame owner tags (mm/frame_owner.h) ---------------------------------------- */

KTEST(pmm, owner_tags_follow_alloc_and_free)
{
	need_pmm();
	char why[160];
	ASSERT_NULL(pmm_check_owners(why, sizeof why));
	uint64_t free0 = frame_owner_count(FRAME_OWNER_FREE);
	uint64_t user0 = frame_owner_count(FRAME_OWNER_USER);
	EXPECT_EQ(free0, pmm_free_frames());
	uint64_t p = pmm_alloc_owned(2, FRAME_OWNER_USER);
	ASSERT_NE(p, 0);
	for (unsigned i = 0; i < 4; i++)
		EXPECT_EQ(frame_owner_of(p / PAGE_SIZE + i), FRAME_OWNER_USER);
	EXPECT_EQ(frame_owner_count(FRAME_OWNER_USER), user0 + 4);
	EXPECT_EQ(frame_owner_count(FRAME_OWNER_FREE), free0 - 4);
	EXPECT_NULL(pmm_check_owners(why, sizeof why));
	pmm_set_owner(p, 2, FRAME_OWNER_PAGE_CACHE);
	EXPECT_EQ(frame_owner_of(p / PAGE_SIZE + 3), FRAME_OWNER_PAGE_CACHE);
	EXPECT_EQ(frame_owner_count(FRAME_OWNER_USER), user0);
	EXPECT_PANIC("not an allocated block of order 1", pmm_set_owner(p, 1, FRAME_OWNER_USER));
	pmm_free(p, 2);
	EXPECT_EQ(frame_owner_of(p / PAGE_SIZE), FRAME_OWNER_FREE);
	EXPECT_EQ(frame_owner_count(FRAME_OWNER_FREE), free0);
	uint64_t q = pmm_alloc(0); /* no owner named: "kernel" */
	ASSERT_NE(q, 0);
	EXPECT_EQ(frame_owner_of(q / PAGE_SIZE), FRAME_OWNER_KERNEL);
	pmm_free(q, 0);
	EXPECT_PANIC("not an owner of allocated frames", pmm_alloc_owned(0, FRAME_OWNER_FREE));
	EXPECT_PANIC("not an owner of allocated frames",
		     pmm_alloc_owned(0, FRAME_OWNER_KERNEL_IMAGE));
	EXPECT_NULL(pmm_check_owners(why, sizeof why));
}

KTEST(pmm, reservations_carry_their_owners)
{
	need_pmm();
	EXPECT_EQ(frame_owner_of(0), FRAME_OWNER_RESERVED); /* the first MiB */
	EXPECT_EQ(frame_owner_of(MIB / PAGE_SIZE), FRAME_OWNER_KERNEL_IMAGE);
	const struct pmm_reservation *r;
	unsigned n = pmm_reservations(&r);
	bool saw_metadata = false;
	for (unsigned i = 0; i < n; i++) {
		if (r[i].frames == 0)
			continue;
		enum frame_owner o = frame_owner_of(r[i].start / PAGE_SIZE);
		if (ktest_contains(r[i].what, "metadata")) {
			saw_metadata = true;
			EXPECT_EQ(o, FRAME_OWNER_METADATA);
		} else if (ktest_contains(r[i].what, "module")) {
			EXPECT_EQ(o, FRAME_OWNER_BOOT);
		}
	}
	EXPECT_TRUE(saw_metadata);
	EXPECT_GT(frame_owner_count(FRAME_OWNER_KERNEL_IMAGE), 0);
	/* Beyond the end of RAM there is nothing to own. */
	EXPECT_EQ(frame_owner_of(pmm_ram_end() / PAGE_SIZE), FRAME_OWNER_RESERVED);
}

KTEST(pmm, a_wrong_owner_tag_is_found)
{
	need_pmm();
	char why[160];
	uint64_t p = pmm_alloc_owned(0, FRAME_OWNER_KHEAP);
	ASSERT_NE(p, 0);
	uint64_t pfn = p / PAGE_SIZE;
	/* Tag an allocated frame free behind the allocator's back... */
	frame_owner_set(pfn, 1, FRAME_OWNER_FREE);
	EXPECT_TRUE(ktest_contains(pmm_check_owners(why, sizeof why),
				   "is allocated but its owner tag says free"));
	frame_owner_set(pfn, 1, FRAME_OWNER_KHEAP);
	EXPECT_NULL(pmm_check_owners(why, sizeof why));
	pmm_free(p, 0);
	/* ... and a free frame allocated. */
	frame_owner_set(pfn, 1, FRAME_OWNER_USER);
	EXPECT_TRUE(ktest_contains(pmm_check_owners(why, sizeof why),
				   "is free but its owner tag says user"));
	frame_owner_set(pfn, 1, FRAME_OWNER_FREE);
	EXPECT_NULL(pmm_check_owners(why, sizeof why));
}
