/*
 * multiboot2_write_test.c - printing the parsed boot information (suite
 * "multiboot2", continued from multiboot2_validation_test.c): memory type
 * names, and mb2_write's text for a parsed structure with problems and
 * for a zeroed one.
 */
#include "test/ktest.h"
#include "boot/multiboot2.h"
#include "boot/test/multiboot2_build.h"

/* --- names and printing --------------------------------------------------------- */

KTEST(multiboot2, names_memory_types)
{
	EXPECT_STREQ(mb2_mem_type_name(MB2_MEM_AVAILABLE), "available");
	EXPECT_STREQ(mb2_mem_type_name(MB2_MEM_RESERVED), "reserved");
	EXPECT_STREQ(mb2_mem_type_name(MB2_MEM_ACPI_RECLAIMABLE), "ACPI reclaimable");
	EXPECT_STREQ(mb2_mem_type_name(MB2_MEM_NVS), "ACPI NVS");
	EXPECT_STREQ(mb2_mem_type_name(MB2_MEM_BAD), "bad RAM");
	const char *a = mb2_mem_type_name(0);
	const char *b = mb2_mem_type_name(4000000000u);
	EXPECT_STREQ(a, "unknown (0)");
	EXPECT_STREQ(b, "unknown (4000000000)");
}

static char text[2048];
static size_t text_len;

/* Collects mb2_write's output in text (cut to fit, always NUL-terminated). */
static void capture(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	for (size_t i = 0; i < n && text_len + 1 < sizeof text; i++)
		text[text_len++] = s[i];
	text[text_len] = '\0';
}

KTEST(multiboot2, writes_map_totals_and_problems)
{
	size_t n = mb2t_build_good();
	ASSERT_TRUE(mb2t_parse(n - 8)); /* two problems: too few bytes, no end tag */
	text_len = 0;
	text[0] = '\0';
	mb2_write(&mb2t_bi, capture, NULL);
	EXPECT_TRUE(ktest_contains(text, "GRUB 2.06"));
	EXPECT_TRUE(ktest_contains(text, "\"selftest console=ttyS0\""));
	EXPECT_TRUE(ktest_contains(text, "639 KiB lower, 129920 KiB upper"));
	EXPECT_TRUE(ktest_contains(text, "0x0000000000000000-0x000000000009fbff"));
	EXPECT_TRUE(ktest_contains(text, "0x0000000000100000-0x0000000007fdffff"));
	EXPECT_TRUE(ktest_contains(text, "126.8 MiB  available"));
	EXPECT_TRUE(ktest_contains(text, "1 KiB  reserved"));
	EXPECT_TRUE(
	    ktest_contains(text, "available RAM: 127.4 MiB (133692416 bytes) in 2 regions"));
	EXPECT_TRUE(ktest_contains(text, "0x0000000000200000-0x0000000000200fff"));
	EXPECT_TRUE(ktest_contains(text, "\"symbols v2\""));
	EXPECT_TRUE(ktest_contains(text, "problems: 2"));
	EXPECT_TRUE(ktest_contains(text, "- no end tag"));
}

KTEST(multiboot2, writes_zeroed_boot_info_safely)
{
	/* Not from mb2_parse: NULL strings, nothing found. */
	static struct boot_info zero;
	text_len = 0;
	text[0] = '\0';
	mb2_write(&zero, capture, NULL);
	EXPECT_TRUE(ktest_contains(text, "boot loader:  (none)"));
	EXPECT_TRUE(ktest_contains(text, "memory map: 0 entries"));
	EXPECT_TRUE(ktest_contains(text, "available RAM: 0 B (0 bytes) in 0 regions"));
	EXPECT_FALSE(ktest_contains(text, "problems"));
}
