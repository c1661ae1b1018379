/*
 * fwprog_place_test.c - where a program from fw_cfg is put (suite
 * "fwprog"): the lowest free page-aligned place inside available RAM,
 * clear of the kernel, the boot information and GRUB's modules.
 */
#include "test/ktest.h"
#include "boot/fwprog.h"
#include "lib/string.h"

#define MIB 0x100000ULL

static struct boot_info bi;

/* A machine with RAM [0, 640 KiB) and [1 MiB, 1 MiB + mib MiB), no modules. */
static void machine(uint64_t mib)
{
	memset(&bi, 0, sizeof bi);
	bi.mmap[0] = (struct mb2_mmap_entry){0, 0xa0000, MB2_MEM_AVAILABLE};
	bi.mmap[1] = (struct mb2_mmap_entry){0xf0000, 0x10000, MB2_MEM_RESERVED};
	bi.mmap[2] = (struct mb2_mmap_entry){MIB, mib * MIB, MB2_MEM_AVAILABLE};
	bi.mmap_count = 3;
}

KTEST(fwprog, goes_right_after_the_kernel_and_the_modules)
{
	machine(127);
	bi.modules[0] = (struct mb2_module){0x65c000, 0x6ac7e8, "rootfs"};
	bi.module_count = 1;
	struct phys_range busy[] = {{MIB, 0x44d000}, {0x1002a8, 0x1009c0}};
	/* 0x44d000 is free, but 3 MiB from there would hit the module */
	EXPECT_EQ(fwprog_place(&bi, busy, 2, 0x300000, MIB, 1ULL << 30), 0x6ad000);
	/* a small one fits in the gap between the kernel and the module */
	EXPECT_EQ(fwprog_place(&bi, busy, 2, 0x1000, MIB, 1ULL << 30), 0x44d000);
}

KTEST(fwprog, never_below_the_floor_nor_in_reserved_memory)
{
	machine(16);
	/* the low 640 KiB are available but below the floor; [1 MiB, ...) is the first fit */
	EXPECT_EQ(fwprog_place(&bi, NULL, 0, 0x1000, MIB, 1ULL << 30), MIB);
	/* exactly the rest of RAM fits; one page more does not */
	EXPECT_EQ(fwprog_place(&bi, NULL, 0, 16 * MIB, MIB, 1ULL << 30), MIB);
	EXPECT_EQ(fwprog_place(&bi, NULL, 0, 16 * MIB + 1, MIB, 1ULL << 30), 0);
}

KTEST(fwprog, respects_the_limit_and_the_size)
{
	machine(127);
	EXPECT_EQ(fwprog_place(&bi, NULL, 0, 8 * MIB, MIB, 8 * MIB), 0); /* ends past 8 MiB */
	EXPECT_EQ(fwprog_place(&bi, NULL, 0, 7 * MIB, MIB, 8 * MIB), MIB);
	EXPECT_EQ(fwprog_place(&bi, NULL, 0, 0, MIB, 8 * MIB), 0);
	EXPECT_EQ(fwprog_place(&bi, NULL, 0, ~0ULL - 100, MIB, ~0ULL), 0); /* no wrap-around */
}

KTEST(fwprog, a_range_in_the_way_moves_it_past_its_page_rounded_end)
{
	machine(127);
	struct phys_range busy[] = {{MIB, MIB + 10}};
	EXPECT_EQ(fwprog_place(&bi, busy, 1, 0x1000, MIB, 1ULL << 30), MIB + 0x1000);
}
