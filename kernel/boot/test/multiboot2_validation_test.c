/*
 * multiboot2_validation_test.c - the boot information parser on malformed
 * input (suite "multiboot2", continued from multiboot2_test.c): a fixed
 * part that is missing, too small or bigger than what may be read, tags
 * that run past the end or are too small, and tags that are malformed
 * inside. The parser must never read past min(total_size, available)
 * (ASan checks it on the host), keep what it can, and say what was wrong
 * in problems[]. (Tests run in file name order, then line order: the
 * name sorts between multiboot2_test.c and multiboot2_write_test.c.)
 */
#include "test/ktest.h"
#include "boot/multiboot2.h"
#include "boot/test/multiboot2_build.h"
#include "lib/kprintf.h"

/* --- the fixed part and the bounds ------------------------------------------------ */

KTEST(multiboot2, rejects_null_and_tiny_input)
{
	EXPECT_FALSE(mb2_parse(NULL, 4096, &mb2t_bi));
	EXPECT_EQ(mb2t_bi.problem_count, 1);
	EXPECT_STREQ(mb2t_bi.cmdline, "");

	mb2t_build_good();
	EXPECT_FALSE(mb2t_parse(4)); /* cannot even read total_size */
	EXPECT_TRUE(mb2t_has_problem("only 4 bytes"));
	EXPECT_FALSE(mb2t_parse(0));
	EXPECT_EQ(mb2t_bi.mmap_count, 0);
}

KTEST(multiboot2, rejects_total_size_below_16)
{
	mb2t_begin();
	mb2t_add_good_mmap();
	mb2t_add_end();
	mb2t_finish();
	mb2t_put32(0, 8);
	EXPECT_FALSE(mb2t_parse(mb2t_len));
	EXPECT_TRUE(mb2t_has_problem("less than 16"));
	EXPECT_EQ(mb2t_bi.total_size, 8);
	EXPECT_EQ(mb2t_bi.mmap_count, 0);
}

KTEST(multiboot2, warns_about_total_size_not_multiple_of_8)
{
	size_t n = mb2t_build_good();
	mb2t_put32(0, (uint32_t)(n + 4)); /* 4 bytes of junk after the end tag */
	ASSERT_TRUE(mb2t_parse(n + 4));
	EXPECT_EQ(mb2t_bi.problem_count, 1);
	EXPECT_TRUE(mb2t_has_problem("not a multiple of 8"));
	EXPECT_TRUE(mb2t_bi.has_end_tag);
	EXPECT_EQ(mb2t_bi.module_count, 2);
}

KTEST(multiboot2, reads_no_more_than_available)
{
	/* The structure claims 8 bytes more than we may read: its end tag. */
	size_t n = mb2t_build_good();
	ASSERT_TRUE(mb2t_parse(n - 8));
	EXPECT_EQ(mb2t_bi.total_size, n);
	EXPECT_TRUE(mb2t_has_problem("more than the"));
	EXPECT_TRUE(mb2t_has_problem("no end tag"));
	EXPECT_FALSE(mb2t_bi.has_end_tag);
	EXPECT_EQ(mb2t_bi.mmap_count, 3);
	EXPECT_EQ(mb2t_bi.module_count, 2);
}

KTEST(multiboot2, stops_at_tag_cut_by_available)
{
	/* available ends in the middle of the second module's tag. */
	size_t n = mb2t_build_good();
	ASSERT_TRUE(mb2t_parse(n - 8 - 12));
	EXPECT_TRUE(mb2t_has_problem("more than the"));
	EXPECT_TRUE(mb2t_has_problem("runs past"));
	EXPECT_FALSE(mb2t_has_problem("no end tag")); /* said once is enough */
	EXPECT_EQ(mb2t_bi.mmap_count, 3);
	ASSERT_EQ(mb2t_bi.module_count, 1);
	EXPECT_STREQ(mb2t_bi.modules[0].string, "initrd");

	/* ... and even inside a tag header: 4 bytes of the header only. */
	mb2t_begin();
	mb2t_add_good_mmap();
	mb2t_add_string(MB2_TAG_CMDLINE, "never seen");
	mb2t_add_end();
	mb2t_finish();
	ASSERT_TRUE(mb2t_parse(8 + 88 + 4));
	EXPECT_STREQ(mb2t_bi.cmdline, "");
	EXPECT_TRUE(mb2t_has_problem("no end tag"));
}

KTEST(multiboot2, stops_at_tag_smaller_than_8)
{
	mb2t_begin();
	mb2t_add_string(MB2_TAG_CMDLINE, "before");
	mb2t_add_good_mmap();
	mb2t_tag_room(7, 4, 8); /* claims 4 bytes: no room for its own header */
	mb2t_add_module(0x1000, 0x2000, "after");
	mb2t_add_end();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	EXPECT_TRUE(mb2t_has_problem("size 4 < 8"));
	EXPECT_STREQ(mb2t_bi.cmdline, "before");
	EXPECT_EQ(mb2t_bi.mmap_count, 3);
	EXPECT_EQ(mb2t_bi.module_count, 0);
	EXPECT_FALSE(mb2t_bi.has_end_tag);
	EXPECT_EQ(mb2t_bi.problem_count, 1);
}

KTEST(multiboot2, stops_at_tag_past_total_size)
{
	mb2t_begin();
	mb2t_add_good_mmap();
	mb2t_tag_room(MB2_TAG_CMDLINE, 1000, 16); /* claims far more than there is */
	mb2t_add_end();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	EXPECT_TRUE(mb2t_has_problem("runs past"));
	EXPECT_EQ(mb2t_bi.problem_count, 1);
	EXPECT_STREQ(mb2t_bi.cmdline, "");
	EXPECT_EQ(mb2t_bi.mmap_count, 3);
	EXPECT_FALSE(mb2t_bi.has_end_tag);
}

KTEST(multiboot2, reports_missing_end_tag)
{
	mb2t_begin();
	mb2t_add_string(MB2_TAG_BOOTLOADER, "sloppy");
	mb2t_add_good_mmap();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	EXPECT_FALSE(mb2t_bi.has_end_tag);
	EXPECT_EQ(mb2t_bi.problem_count, 1);
	EXPECT_TRUE(mb2t_has_problem("no end tag"));
	EXPECT_STREQ(mb2t_bi.bootloader, "sloppy");
}

/* --- malformed tags ------------------------------------------------------------ */

KTEST(multiboot2, ignores_unterminated_cmdline)
{
	mb2t_begin();
	size_t t = mb2t_tag(MB2_TAG_CMDLINE, 8 + 8);
	__builtin_memcpy(mb2t_scratch + t + 8, "no_nul!!", 8);
	mb2t_add_good_mmap();
	mb2t_add_end();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	EXPECT_STREQ(mb2t_bi.cmdline, "");
	EXPECT_EQ(mb2t_bi.problem_count, 1);
	EXPECT_TRUE(mb2t_has_problem("command line tag at offset 0x8 is not NUL-terminated"));
}

KTEST(multiboot2, ignores_unterminated_loader_name_and_module_string)
{
	mb2t_begin();
	mb2t_tag(MB2_TAG_BOOTLOADER, 8); /* no bytes at all, so no NUL */
	size_t t = mb2t_tag(MB2_TAG_MODULE, 16 + 3);
	mb2t_put32(t + 8, 0x1000);
	mb2t_put32(t + 12, 0x2000);
	__builtin_memcpy(mb2t_scratch + t + 16, "abc", 3);
	/* The NUL right after the tag's end (in the padding) must not count. */
	mb2t_add_module(0x3000, 0x4000, "ok");
	mb2t_add_good_mmap();
	mb2t_add_end();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	EXPECT_STREQ(mb2t_bi.bootloader, "");
	EXPECT_TRUE(mb2t_has_problem("boot loader name tag"));
	EXPECT_TRUE(mb2t_has_problem("module string"));
	EXPECT_EQ(mb2t_bi.problem_count, 2);
	ASSERT_EQ(mb2t_bi.module_count, 1);
	EXPECT_STREQ(mb2t_bi.modules[0].string, "ok");
}

KTEST(multiboot2, ignores_mmap_with_entry_size_below_24)
{
	mb2t_begin();
	mb2t_add_mmap(16, mb2t_good_map, 3);
	mb2t_add_end();
	EXPECT_FALSE(mb2t_parse(mb2t_finish()));
	EXPECT_EQ(mb2t_bi.mmap_count, 0);
	EXPECT_TRUE(mb2t_has_problem("entry_size 16"));
	EXPECT_TRUE(mb2t_has_problem("no usable memory map"));
}

KTEST(multiboot2, ignores_mmap_with_unaligned_entry_size)
{
	mb2t_begin();
	mb2t_add_mmap(28, mb2t_good_map, 3);
	mb2t_add_good_mmap(); /* a second, well-formed map is then the one taken */
	mb2t_add_end();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	EXPECT_TRUE(mb2t_has_problem("entry_size 28"));
	EXPECT_EQ(mb2t_bi.problem_count, 1);
	ASSERT_EQ(mb2t_bi.mmap_count, 3);
	EXPECT_EQ(mb2t_bi.mmap[2].length, 0x7ee0000);
}

KTEST(multiboot2, keeps_first_entries_of_oversized_mmap)
{
	static struct mb2_mmap_entry map[MB2_MAX_MMAP + 6];
	for (unsigned i = 0; i < MB2_MAX_MMAP + 6; i++)
		map[i] = (struct mb2_mmap_entry){i * 0x10000ull, 0x10000, 1 + i % 5};
	mb2t_begin();
	mb2t_add_mmap(24, map, MB2_MAX_MMAP + 6);
	mb2t_add_end();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	ASSERT_EQ(mb2t_bi.mmap_count, MB2_MAX_MMAP);
	EXPECT_EQ(mb2t_bi.mmap[MB2_MAX_MMAP - 1].base, (MB2_MAX_MMAP - 1) * 0x10000ull);
	EXPECT_EQ(mb2t_bi.mmap[MB2_MAX_MMAP - 1].type, 1 + (MB2_MAX_MMAP - 1) % 5);
	EXPECT_EQ(mb2t_bi.problem_count, 1);
	EXPECT_TRUE(mb2t_has_problem("70 entries; kept the first 64"));
}

KTEST(multiboot2, keeps_first_modules_when_too_many)
{
	mb2t_begin();
	for (unsigned i = 0; i < MB2_MAX_MODULES + 2; i++)
		mb2t_add_module(0x100000 + i * 0x1000, 0x100000 + i * 0x1000 + 0x800, "mod");
	mb2t_add_good_mmap();
	mb2t_add_end();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	ASSERT_EQ(mb2t_bi.module_count, MB2_MAX_MODULES);
	EXPECT_EQ(mb2t_bi.modules[MB2_MAX_MODULES - 1].start,
		  0x100000 + (MB2_MAX_MODULES - 1) * 0x1000);
	EXPECT_EQ(mb2t_bi.problem_count, 1);
	char words[48];
	ksnprintf(words, sizeof words, "%d modules; kept the first %d", MB2_MAX_MODULES + 2,
		  MB2_MAX_MODULES);
	EXPECT_TRUE(mb2t_has_problem(words));
}

KTEST(multiboot2, ignores_module_ending_before_start)
{
	mb2t_begin();
	mb2t_add_module(0x5000, 0x4000, "backwards");
	mb2t_add_module(0x6000, 0x6000, "empty is fine");
	mb2t_add_good_mmap();
	mb2t_add_end();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	EXPECT_EQ(mb2t_bi.problem_count, 1);
	EXPECT_TRUE(mb2t_has_problem("before it starts"));
	ASSERT_EQ(mb2t_bi.module_count, 1);
	EXPECT_STREQ(mb2t_bi.modules[0].string, "empty is fine");
}

KTEST(multiboot2, ignores_short_basic_meminfo)
{
	mb2t_begin();
	size_t t = mb2t_tag(MB2_TAG_BASIC_MEMINFO, 12);
	mb2t_put32(t + 8, 639);
	mb2t_add_good_mmap();
	mb2t_add_end();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	EXPECT_FALSE(mb2t_bi.has_basic_meminfo);
	EXPECT_TRUE(mb2t_has_problem("basic meminfo tag at offset 0x8 is too short"));
}

KTEST(multiboot2, fails_without_memory_map)
{
	mb2t_begin();
	mb2t_add_string(MB2_TAG_CMDLINE, "still read");
	mb2t_add_meminfo(639, 1024);
	mb2t_add_end();
	EXPECT_FALSE(mb2t_parse(mb2t_finish()));
	EXPECT_EQ(mb2t_bi.problem_count, 1);
	EXPECT_TRUE(mb2t_has_problem("no usable memory map"));
	EXPECT_STREQ(mb2t_bi.cmdline, "still read"); /* the rest is still there */
	EXPECT_TRUE(mb2t_bi.has_basic_meminfo);
}

KTEST(multiboot2, fails_with_empty_memory_map)
{
	mb2t_begin();
	mb2t_add_mmap(24, mb2t_good_map, 0);
	mb2t_add_end();
	EXPECT_FALSE(mb2t_parse(mb2t_finish()));
	EXPECT_TRUE(mb2t_has_problem("no entries"));
}

KTEST(multiboot2, caps_the_problem_list)
{
	mb2t_begin();
	for (int i = 0; i < MB2_MAX_PROBLEMS + 3; i++)
		mb2t_tag(MB2_TAG_CMDLINE, 8); /* each unterminated */
	mb2t_add_good_mmap();
	mb2t_add_end();
	ASSERT_TRUE(mb2t_parse(mb2t_finish()));
	EXPECT_EQ(mb2t_bi.problem_count, MB2_MAX_PROBLEMS);
	EXPECT_EQ(mb2t_bi.problems_dropped, 3);
	EXPECT_TRUE(ktest_contains(mb2t_bi.problems[0], "offset 0x8 "));
}
