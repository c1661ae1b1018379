/*
 * uaccess_test.c - copy_from_user and copy_to_user (suite "uaccess").
 *
 * A scratch address space gets two user pages at U, U + 8 KiB (the page
 * between them is a hole) and a read-only user page at U + 16 KiB.
 */
#include "arch/x86_64/cpu_bits.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "mm/pagetable.h"
#include "test/ktest.h"

#define U 0x0000004000000000ull

static struct vmm_space space;

static void setup(void)
{
	ASSERT_EQ(vmm_space_create(&space), 0);
	uint64_t offsets[] = {0, 2 * PAGE_SIZE, 4 * PAGE_SIZE};
	for (int i = 0; i < 3; i++) {
		uint64_t f = pmm_alloc_zeroed(0);
		ASSERT_NE(f, 0u);
		memset(phys_to_virt(f), 'a' + i, PAGE_SIZE);
		unsigned flags = VM_USER | VM_OWNED | (i < 2 ? VM_WRITE : 0);
		ASSERT_EQ(vmm_map(&space, U + offsets[i], f, 1, flags), 0);
	}
	vmm_activate(&space);
}

static void teardown(void)
{
	vmm_activate(vmm_kernel_space());
	vmm_space_destroy(&space);
}

KTEST(uaccess, copy_from_user_reads_user_memory)
{
	setup();
	char buf[8];
	EXPECT_EQ(copy_from_user(buf, U + 100, sizeof buf), 0);
	EXPECT_EQ(buf[0], 'a');
	EXPECT_EQ(buf[7], 'a');
	teardown();
}

KTEST(uaccess, copy_to_user_writes_user_memory)
{
	setup();
	EXPECT_EQ(copy_to_user(U + 2 * PAGE_SIZE + 10, "hello", 5), 0);
	char buf[6] = {0};
	EXPECT_EQ(copy_from_user(buf, U + 2 * PAGE_SIZE + 10, 5), 0);
	EXPECT_STREQ(buf, "hello");
	teardown();
}

KTEST(uaccess, unmapped_user_address_is_efault)
{
	setup();
	char buf[4];
	EXPECT_EQ(copy_from_user(buf, U + PAGE_SIZE, sizeof buf), -EFAULT);
	EXPECT_EQ(copy_to_user(U + PAGE_SIZE, buf, sizeof buf), -EFAULT);
	EXPECT_EQ(copy_from_user(buf, 0, sizeof buf), -EFAULT);
	teardown();
}

KTEST(uaccess, read_only_user_page_refuses_writes)
{
	setup();
	char buf[4] = "xyz";
	EXPECT_EQ(copy_to_user(U + 4 * PAGE_SIZE, buf, sizeof buf), -EFAULT);
	EXPECT_EQ(copy_from_user(buf, U + 4 * PAGE_SIZE, sizeof buf), 0);
	EXPECT_EQ(buf[0], 'c');
	teardown();
}

KTEST(uaccess, kernel_addresses_are_refused)
{
	setup();
	char buf[4];
	static char secret[4] = "key";
	EXPECT_EQ(copy_from_user(buf, (uint64_t)secret, sizeof buf), -EFAULT);
	EXPECT_EQ(copy_to_user((uint64_t)secret, buf, sizeof buf), -EFAULT);
	EXPECT_STREQ(secret, "key");
	/* A range that starts in user space and runs past its end (TASK_SIZE). */
	EXPECT_EQ(copy_from_user(buf, TASK_SIZE - 2, sizeof buf), -EFAULT);
	EXPECT_EQ(copy_from_user(buf, U, (size_t)-1), -EFAULT);
	teardown();
}

KTEST(uaccess, partial_copy_stops_at_the_hole)
{
	setup();
	static char buf[64];
	/* 20 bytes starting 10 bytes before the hole: 10 are readable. */
	EXPECT_EQ(copy_from_user_partial(buf, U + PAGE_SIZE - 10, 20), 10u);
	EXPECT_EQ(buf[9], 'a');
	EXPECT_EQ(copy_to_user_partial(U + PAGE_SIZE - 4, "0123456789", 10), 4u);
	teardown();
}

KTEST(uaccess, smap_is_restored_after_a_copy)
{
	setup();
	char buf[4];
	EXPECT_EQ(copy_from_user(buf, U, sizeof buf), 0);
	EXPECT_EQ(copy_from_user(buf, U + PAGE_SIZE, sizeof buf), -EFAULT);
	/* After both the normal and the faulting path, AC is clear again:
	 * a direct kernel access to the user page must fault under SMAP. */
	uint64_t rflags;
	__asm__ volatile("pushfq; popq %0" : "=r"(rflags));
	EXPECT_EQ(rflags & RFLAGS_AC, 0u);
	teardown();
}
