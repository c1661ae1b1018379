/*
 * pvh_test.c - QEMU direct boot's start_info read into a boot_info (suite
 * "pvh"): the memory map and command line as QEMU lays them out, and every
 * way a damaged structure is refused without reading outside memory.
 */
#include "test/ktest.h"
#include "boot/pvh.h"
#include "lib/string.h"

/* A small "physical memory": start_info at 0x100, the map at 0x200, the
 * command line at 0x300. */
#define MEM_SIZE 0x1000
#define SI_PA 0x100
#define MAP_PA 0x200
#define CMD_PA 0x300

static uint8_t mem[MEM_SIZE];
static struct boot_info bi;
static char cmdline[PVH_CMDLINE_MAX];

/* The start_info as QEMU writes it for a 127 MiB machine, with cmd as its command line. */
static struct pvh_start_info *machine(const char *cmd)
{
	memset(mem, 0, sizeof mem);
	struct pvh_start_info *si = (struct pvh_start_info *)(mem + SI_PA);
	si->magic = PVH_START_MAGIC;
	si->version = 1;
	si->memmap_paddr = MAP_PA;
	si->memmap_entries = 3;
	struct pvh_memmap_entry *map = (struct pvh_memmap_entry *)(mem + MAP_PA);
	map[0] = (struct pvh_memmap_entry){0, 0x9fc00, 1, 0};
	map[1] = (struct pvh_memmap_entry){0xf0000, 0x10000, 2, 0};
	map[2] = (struct pvh_memmap_entry){0x100000, 0x7ee0000, 1, 0};
	if (cmd) {
		memcpy(mem + CMD_PA, cmd, strlen(cmd) + 1);
		si->cmdline_paddr = CMD_PA;
	}
	return si;
}

KTEST(pvh, memory_map_and_command_line_as_qemu_gives_them)
{
	machine("selftest mmcheck");
	ASSERT_TRUE(pvh_parse(mem, MEM_SIZE, SI_PA, &bi, cmdline));
	EXPECT_EQ(bi.mmap_count, 3u);
	EXPECT_EQ(bi.mmap[2].base, 0x100000u);
	EXPECT_EQ(bi.mmap[2].length, 0x7ee0000u);
	EXPECT_EQ(bi.mmap[1].type, (uint32_t)MB2_MEM_RESERVED);
	EXPECT_STREQ(bi.cmdline, "selftest mmcheck");
	EXPECT_EQ(bi.module_count, 0u);
	EXPECT_EQ(bi.problem_count, 0u);
	EXPECT_TRUE(bi.has_end_tag);
}

KTEST(pvh, no_command_line_is_the_empty_string)
{
	machine(NULL);
	ASSERT_TRUE(pvh_parse(mem, MEM_SIZE, SI_PA, &bi, cmdline));
	EXPECT_STREQ(bi.cmdline, "");
}

KTEST(pvh, wrong_magic_or_version_0_is_refused)
{
	machine(NULL)->magic = 0x36d76289; /* multiboot2's, not PVH's */
	EXPECT_FALSE(pvh_parse(mem, MEM_SIZE, SI_PA, &bi, cmdline));
	EXPECT_EQ(bi.problem_count, 1u);
	machine(NULL)->version = 0;
	EXPECT_FALSE(pvh_parse(mem, MEM_SIZE, SI_PA, &bi, cmdline));
}

KTEST(pvh, nothing_is_read_outside_memory)
{
	/* start_info itself past the end */
	machine(NULL);
	EXPECT_FALSE(pvh_parse(mem, MEM_SIZE, MEM_SIZE - 8, &bi, cmdline));
	/* a map whose entries run past the end, or whose size overflows */
	machine(NULL)->memmap_entries = 1000;
	EXPECT_FALSE(pvh_parse(mem, MEM_SIZE, SI_PA, &bi, cmdline));
	machine(NULL)->memmap_paddr = ~0ull - 8;
	EXPECT_FALSE(pvh_parse(mem, MEM_SIZE, SI_PA, &bi, cmdline));
	/* a command line running off the end: ignored, the boot goes on */
	struct pvh_start_info *si = machine(NULL);
	memset(mem + MEM_SIZE - 4, 'x', 4);
	si->cmdline_paddr = MEM_SIZE - 4;
	EXPECT_TRUE(pvh_parse(mem, MEM_SIZE, SI_PA, &bi, cmdline));
	EXPECT_STREQ(bi.cmdline, "");
	EXPECT_EQ(bi.problem_count, 1u);
}

KTEST(pvh, a_map_without_ram_is_refused)
{
	struct pvh_start_info *si = machine(NULL);
	struct pvh_memmap_entry *map = (struct pvh_memmap_entry *)(mem + MAP_PA);
	map[0].type = map[2].type = 2;
	EXPECT_FALSE(pvh_parse(mem, MEM_SIZE, SI_PA, &bi, cmdline));
	si->memmap_entries = 0;
	EXPECT_FALSE(pvh_parse(mem, MEM_SIZE, SI_PA, &bi, cmdline));
}

KTEST(pvh, an_overlong_command_line_is_ignored)
{
	machine(NULL);
	struct pvh_start_info *si = (struct pvh_start_info *)(mem + SI_PA);
	memset(mem + 0x400, 'a', PVH_CMDLINE_MAX + 10);
	si->cmdline_paddr = 0x400;
	EXPECT_TRUE(pvh_parse(mem, MEM_SIZE, SI_PA, &bi, cmdline));
	EXPECT_STREQ(bi.cmdline, "");
	EXPECT_EQ(bi.problem_count, 1u);
}
