/*
 * multiboot2_test.c - tests of the boot information parser on well-formed
 * input (suite "multiboot2"), run both in the kernel and on the host
 * (under AddressSanitizer). Malformed input is multiboot2_validation_test.c,
 * printing multiboot2_write_test.c: their names sort after this one's, so
 * the suite runs in the order it was written. The structures are built
 * with multiboot2_build.h.
 */
#include "test/ktest.h"
#include "boot/multiboot2.h"
#include "boot/test/multiboot2_build.h"

/* --- well-formed input ---------------------------------------------------------- */

KTEST(multiboot2, parses_well_formed_structure)
{
	size_t n = mb2t_build_good();
	ASSERT_TRUE(mb2t_parse(n));
	EXPECT_EQ(mb2t_bi.problem_count, 0);
	EXPECT_EQ(mb2t_bi.total_size, n);
	EXPECT_TRUE(mb2t_bi.has_end_tag);
	EXPECT_STREQ(mb2t_bi.cmdline, "selftest console=ttyS0");
	EXPECT_STREQ(mb2t_bi.bootloader, "GRUB 2.06");
	EXPECT_TRUE(mb2t_bi.has_basic_meminfo);
	EXPECT_EQ(mb2t_bi.mem_lower_kib, 639);
	EXPECT_EQ(mb2t_bi.mem_upper_kib, 129920);
	ASSERT_EQ(mb2t_bi.mmap_count, 3);
	for (unsigned i = 0; i < 3; i++) {
		EXPECT_EQ(mb2t_bi.mmap[i].base, mb2t_good_map[i].base);
		EXPECT_EQ(mb2t_bi.mmap[i].length, mb2t_good_map[i].length);
		EXPECT_EQ(mb2t_bi.mmap[i].type, mb2t_good_map[i].type);
	}
	ASSERT_EQ(mb2t_bi.module_count, 2);
	EXPECT_EQ(mb2t_bi.modules[0].start, 0x200000);
	EXPECT_EQ(mb2t_bi.modules[0].end, 0x201000);
	EXPECT_STREQ(mb2t_bi.modules[0].string, "initrd");
	EXPECT_EQ(mb2t_bi.modules[1].start, 0x300000);
	EXPECT_EQ(mb2t_bi.modules[1].end, 0x300800);
	EXPECT_STREQ(mb2t_bi.modules[1].string, "symbols v2");
}

KTEST(multiboot2, defaults_when_optional_tags_are_missing)
{
	mb2t_begin();
	mb2t_add_good_mmap();
	mb2t_add_end();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	EXPECT_EQ(mb2t_bi.problem_count, 0);
	EXPECT_STREQ(mb2t_bi.cmdline, "");
	EXPECT_STREQ(mb2t_bi.bootloader, "");
	EXPECT_FALSE(mb2t_bi.has_basic_meminfo);
	EXPECT_EQ(mb2t_bi.module_count, 0);
}

KTEST(multiboot2, skips_unknown_tags)
{
	mb2t_begin();
	size_t t = mb2t_tag(5, 20); /* BIOS boot device */
	mb2t_put32(t + 8, 0x80);
	mb2t_tag(21, 12);    /* load base address */
	mb2t_tag(0x1234, 8); /* a type no spec knows, empty */
	mb2t_add_string(MB2_TAG_CMDLINE, "quiet");
	mb2t_tag(14, 8 + 20); /* ACPI RSDP, contents irrelevant */
	mb2t_add_good_mmap();
	mb2t_add_end();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	EXPECT_EQ(mb2t_bi.problem_count, 0);
	EXPECT_STREQ(mb2t_bi.cmdline, "quiet");
	EXPECT_EQ(mb2t_bi.mmap_count, 3);
}

KTEST(multiboot2, handles_padding_after_odd_length_strings)
{
	mb2t_begin();
	mb2t_add_string(MB2_TAG_CMDLINE, "abc");     /* size 12, 4 bytes of padding */
	mb2t_add_string(MB2_TAG_BOOTLOADER, "GRUB"); /* size 13, 3 of padding */
	mb2t_add_module(0x1000, 0x2000, "m");	     /* size 18, 6 of padding */
	mb2t_add_string(5, "1234567");		     /* unknown, size 16, no padding */
	mb2t_add_good_mmap();
	mb2t_add_end();
	size_t n = mb2t_finish();
	EXPECT_EQ(n, 8 + 16 + 16 + 24 + 16 + 88 + 8);
	ASSERT_TRUE(mb2t_parse(n));
	EXPECT_EQ(mb2t_bi.problem_count, 0);
	EXPECT_STREQ(mb2t_bi.cmdline, "abc");
	EXPECT_STREQ(mb2t_bi.bootloader, "GRUB");
	ASSERT_EQ(mb2t_bi.module_count, 1);
	EXPECT_STREQ(mb2t_bi.modules[0].string, "m");
	ASSERT_EQ(mb2t_bi.mmap_count, 3);
	EXPECT_EQ(mb2t_bi.mmap[2].base, 0x100000);
}

KTEST(multiboot2, accepts_longer_mmap_entries)
{
	/* A later entry_version may grow entries; the extra bytes are skipped. */
	mb2t_begin();
	mb2t_add_mmap(32, mb2t_good_map, 3);
	mb2t_add_end();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	EXPECT_EQ(mb2t_bi.problem_count, 0);
	ASSERT_EQ(mb2t_bi.mmap_count, 3);
	EXPECT_EQ(mb2t_bi.mmap[1].base, 0x9fc00);
	EXPECT_EQ(mb2t_bi.mmap[1].length, 0x400);
	EXPECT_EQ(mb2t_bi.mmap[2].type, MB2_MEM_AVAILABLE);
}

KTEST(multiboot2, keeps_unsorted_overlapping_entries_as_given)
{
	static const struct mb2_mmap_entry map[3] = {
	    {0x100000, 0x100000, MB2_MEM_AVAILABLE},
	    {0x0, 0x9fc00, MB2_MEM_AVAILABLE},
	    {0x180000, 0x1000, 7},
	};
	mb2t_begin();
	mb2t_add_mmap(24, map, 3);
	mb2t_add_end();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	EXPECT_EQ(mb2t_bi.problem_count, 0);
	ASSERT_EQ(mb2t_bi.mmap_count, 3);
	EXPECT_EQ(mb2t_bi.mmap[0].base, 0x100000);
	EXPECT_EQ(mb2t_bi.mmap[1].base, 0);
	EXPECT_EQ(mb2t_bi.mmap[2].type, 7);
}
