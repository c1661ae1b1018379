/*
 * multiboot2_test.c - tests of the boot information parser, run both in the
 * kernel and on the host (under AddressSanitizer).
 *
 * Each test builds a structure in `scratch` with the helpers below, then
 * parse() copies it to the very end of `tail` and parses it there, so that
 * the byte after the last one the parser may read is past the end of a
 * global array: on the host, ASan reports any read beyond it.
 */
#include "test/ktest.h"
#include "boot/multiboot2.h"

#define BUF_SIZE 4096

static uint8_t scratch[BUF_SIZE] __attribute__((aligned(8)));
static uint8_t tail[BUF_SIZE] __attribute__((aligned(8)));
static size_t len;	    /* bytes of scratch used so far */
static struct boot_info bi; /* too big for the kernel stack's comfort */

/* --- builder ----------------------------------------------------------------- */

/* Returns the length of s (no libc on the kernel side). */
static size_t slen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

static void put32(size_t off, uint32_t v)
{
	__builtin_memcpy(scratch + off, &v, sizeof v);
}

static void put64(size_t off, uint64_t v)
{
	__builtin_memcpy(scratch + off, &v, sizeof v);
}

/* Starts an empty structure: just the fixed part (total_size set by finish). */
static void begin(void)
{
	__builtin_memset(scratch, 0, sizeof scratch);
	len = 8;
}

/*
 * Appends a tag header claiming `size` bytes, and reserves `room` bytes
 * (usually == size) plus padding to 8. Returns the tag's offset; its
 * payload starts 8 bytes further.
 */
static size_t tag_room(uint32_t type, uint32_t size, size_t room)
{
	size_t off = len;
	put32(off, type);
	put32(off + 4, size);
	len = (off + room + 7) & ~(size_t)7;
	return off;
}

static size_t tag(uint32_t type, uint32_t size)
{
	return tag_room(type, size, size);
}

/* Appends a string tag (command line, loader name), NUL included. */
static void add_string(uint32_t type, const char *s)
{
	size_t n = slen(s) + 1;
	size_t off = tag(type, 8 + n);
	__builtin_memcpy(scratch + off + 8, s, n);
}

static void add_module(uint32_t start, uint32_t end, const char *s)
{
	size_t n = slen(s) + 1;
	size_t off = tag(MB2_TAG_MODULE, 16 + n);
	put32(off + 8, start);
	put32(off + 12, end);
	__builtin_memcpy(scratch + off + 16, s, n);
}

static void add_meminfo(uint32_t lower, uint32_t upper)
{
	size_t off = tag(MB2_TAG_BASIC_MEMINFO, 16);
	put32(off + 8, lower);
	put32(off + 12, upper);
}

/* Appends a memory map of n entries, each entry_size bytes (24 normally). */
static void add_mmap(uint32_t entry_size, const struct mb2_mmap_entry *e, size_t n)
{
	size_t off = tag(MB2_TAG_MMAP, 16 + n * entry_size);
	put32(off + 8, entry_size);
	put32(off + 12, 0);
	for (size_t i = 0; i < n; i++) {
		size_t at = off + 16 + i * entry_size;
		put64(at, e[i].base);
		put64(at + 8, e[i].length);
		put32(at + 16, e[i].type);
	}
}

static void add_end(void)
{
	tag(MB2_TAG_END, 8);
}

/* Sets total_size to the length built so far and returns it. */
static size_t finish(void)
{
	put32(0, (uint32_t)len);
	return len;
}

/*
 * Copies the first `available` bytes of scratch to the end of tail and
 * parses them there.
 */
static bool parse(size_t available)
{
	uint8_t *at = tail + BUF_SIZE - available;
	__builtin_memcpy(at, scratch, available);
	return mb2_parse(at, available, &bi);
}

/* Returns true if one of the recorded problems mentions `what`. */
static bool has_problem(const char *what)
{
	for (unsigned i = 0; i < bi.problem_count; i++)
		if (ktest_contains(bi.problems[i], what))
			return true;
	return false;
}

static const struct mb2_mmap_entry good_map[3] = {
    {0x0, 0x9fc00, MB2_MEM_AVAILABLE},
    {0x9fc00, 0x400, MB2_MEM_RESERVED},
    {0x100000, 0x7ee0000, MB2_MEM_AVAILABLE},
};

/* A memory map alone, enough for mb2_parse to call the structure usable. */
static void add_good_mmap(void)
{
	add_mmap(24, good_map, 3);
}

/* The well-formed structure most tests start from. */
static size_t build_good(void)
{
	begin();
	add_string(MB2_TAG_CMDLINE, "selftest console=ttyS0");
	add_string(MB2_TAG_BOOTLOADER, "GRUB 2.06");
	add_meminfo(639, 129920);
	add_good_mmap();
	add_module(0x200000, 0x201000, "initrd");
	add_module(0x300000, 0x300800, "symbols v2");
	add_end();
	return finish();
}

/* --- well-formed input ---------------------------------------------------------- */

KTEST(multiboot2, parses_well_formed_structure)
{
	size_t n = build_good();
	ASSERT_TRUE(parse(n));
	EXPECT_EQ(bi.problem_count, 0);
	EXPECT_EQ(bi.total_size, n);
	EXPECT_TRUE(bi.has_end_tag);
	EXPECT_STREQ(bi.cmdline, "selftest console=ttyS0");
	EXPECT_STREQ(bi.bootloader, "GRUB 2.06");
	EXPECT_TRUE(bi.has_basic_meminfo);
	EXPECT_EQ(bi.mem_lower_kib, 639);
	EXPECT_EQ(bi.mem_upper_kib, 129920);
	ASSERT_EQ(bi.mmap_count, 3);
	for (unsigned i = 0; i < 3; i++) {
		EXPECT_EQ(bi.mmap[i].base, good_map[i].base);
		EXPECT_EQ(bi.mmap[i].length, good_map[i].length);
		EXPECT_EQ(bi.mmap[i].type, good_map[i].type);
	}
	ASSERT_EQ(bi.module_count, 2);
	EXPECT_EQ(bi.modules[0].start, 0x200000);
	EXPECT_EQ(bi.modules[0].end, 0x201000);
	EXPECT_STREQ(bi.modules[0].string, "initrd");
	EXPECT_EQ(bi.modules[1].start, 0x300000);
	EXPECT_EQ(bi.modules[1].end, 0x300800);
	EXPECT_STREQ(bi.modules[1].string, "symbols v2");
}

KTEST(multiboot2, defaults_when_optional_tags_are_missing)
{
	begin();
	add_good_mmap();
	add_end();
	ASSERT_TRUE(parse(finish()));
	EXPECT_EQ(bi.problem_count, 0);
	EXPECT_STREQ(bi.cmdline, "");
	EXPECT_STREQ(bi.bootloader, "");
	EXPECT_FALSE(bi.has_basic_meminfo);
	EXPECT_EQ(bi.module_count, 0);
}

KTEST(multiboot2, skips_unknown_tags)
{
	begin();
	size_t t = tag(5, 20); /* BIOS boot device */
	put32(t + 8, 0x80);
	tag(21, 12);	/* load base address */
	tag(0x1234, 8); /* a type no spec knows, empty */
	add_string(MB2_TAG_CMDLINE, "quiet");
	tag(14, 8 + 20); /* ACPI RSDP, contents irrelevant */
	add_good_mmap();
	add_end();
	ASSERT_TRUE(parse(finish()));
	EXPECT_EQ(bi.problem_count, 0);
	EXPECT_STREQ(bi.cmdline, "quiet");
	EXPECT_EQ(bi.mmap_count, 3);
}

KTEST(multiboot2, handles_padding_after_odd_length_strings)
{
	begin();
	add_string(MB2_TAG_CMDLINE, "abc");	/* size 12, 4 bytes of padding */
	add_string(MB2_TAG_BOOTLOADER, "GRUB"); /* size 13, 3 of padding */
	add_module(0x1000, 0x2000, "m");	/* size 18, 6 of padding */
	add_string(5, "1234567");		/* unknown, size 16, no padding */
	add_good_mmap();
	add_end();
	size_t n = finish();
	EXPECT_EQ(n, 8 + 16 + 16 + 24 + 16 + 88 + 8);
	ASSERT_TRUE(parse(n));
	EXPECT_EQ(bi.problem_count, 0);
	EXPECT_STREQ(bi.cmdline, "abc");
	EXPECT_STREQ(bi.bootloader, "GRUB");
	ASSERT_EQ(bi.module_count, 1);
	EXPECT_STREQ(bi.modules[0].string, "m");
	ASSERT_EQ(bi.mmap_count, 3);
	EXPECT_EQ(bi.mmap[2].base, 0x100000);
}

KTEST(multiboot2, accepts_longer_mmap_entries)
{
	/* A later entry_version may grow entries; the extra bytes are skipped. */
	begin();
	add_mmap(32, good_map, 3);
	add_end();
	ASSERT_TRUE(parse(finish()));
	EXPECT_EQ(bi.problem_count, 0);
	ASSERT_EQ(bi.mmap_count, 3);
	EXPECT_EQ(bi.mmap[1].base, 0x9fc00);
	EXPECT_EQ(bi.mmap[1].length, 0x400);
	EXPECT_EQ(bi.mmap[2].type, MB2_MEM_AVAILABLE);
}

KTEST(multiboot2, keeps_unsorted_overlapping_entries_as_given)
{
	static const struct mb2_mmap_entry map[3] = {
	    {0x100000, 0x100000, MB2_MEM_AVAILABLE},
	    {0x0, 0x9fc00, MB2_MEM_AVAILABLE},
	    {0x180000, 0x1000, 7},
	};
	begin();
	add_mmap(24, map, 3);
	add_end();
	ASSERT_TRUE(parse(finish()));
	EXPECT_EQ(bi.problem_count, 0);
	ASSERT_EQ(bi.mmap_count, 3);
	EXPECT_EQ(bi.mmap[0].base, 0x100000);
	EXPECT_EQ(bi.mmap[1].base, 0);
	EXPECT_EQ(bi.mmap[2].type, 7);
}

/* --- the fixed part and the bounds ------------------------------------------------ */

KTEST(multiboot2, rejects_null_and_tiny_input)
{
	EXPECT_FALSE(mb2_parse(NULL, 4096, &bi));
	EXPECT_EQ(bi.problem_count, 1);
	EXPECT_STREQ(bi.cmdline, "");

	build_good();
	EXPECT_FALSE(parse(4)); /* cannot even read total_size */
	EXPECT_TRUE(has_problem("only 4 bytes"));
	EXPECT_FALSE(parse(0));
	EXPECT_EQ(bi.mmap_count, 0);
}

KTEST(multiboot2, rejects_total_size_below_16)
{
	begin();
	add_good_mmap();
	add_end();
	finish();
	put32(0, 8);
	EXPECT_FALSE(parse(len));
	EXPECT_TRUE(has_problem("less than 16"));
	EXPECT_EQ(bi.total_size, 8);
	EXPECT_EQ(bi.mmap_count, 0);
}

KTEST(multiboot2, warns_about_total_size_not_multiple_of_8)
{
	size_t n = build_good();
	put32(0, (uint32_t)(n + 4)); /* 4 bytes of junk after the end tag */
	ASSERT_TRUE(parse(n + 4));
	EXPECT_EQ(bi.problem_count, 1);
	EXPECT_TRUE(has_problem("not a multiple of 8"));
	EXPECT_TRUE(bi.has_end_tag);
	EXPECT_EQ(bi.module_count, 2);
}

KTEST(multiboot2, reads_no_more_than_available)
{
	/* The structure claims 8 bytes more than we may read: its end tag. */
	size_t n = build_good();
	ASSERT_TRUE(parse(n - 8));
	EXPECT_EQ(bi.total_size, n);
	EXPECT_TRUE(has_problem("more than the"));
	EXPECT_TRUE(has_problem("no end tag"));
	EXPECT_FALSE(bi.has_end_tag);
	EXPECT_EQ(bi.mmap_count, 3);
	EXPECT_EQ(bi.module_count, 2);
}

KTEST(multiboot2, stops_at_tag_cut_by_available)
{
	/* available ends in the middle of the second module's tag. */
	size_t n = build_good();
	ASSERT_TRUE(parse(n - 8 - 12));
	EXPECT_TRUE(has_problem("more than the"));
	EXPECT_TRUE(has_problem("runs past"));
	EXPECT_FALSE(has_problem("no end tag")); /* said once is enough */
	EXPECT_EQ(bi.mmap_count, 3);
	ASSERT_EQ(bi.module_count, 1);
	EXPECT_STREQ(bi.modules[0].string, "initrd");

	/* ... and even inside a tag header: 4 bytes of the header only. */
	begin();
	add_good_mmap();
	add_string(MB2_TAG_CMDLINE, "never seen");
	add_end();
	finish();
	ASSERT_TRUE(parse(8 + 88 + 4));
	EXPECT_STREQ(bi.cmdline, "");
	EXPECT_TRUE(has_problem("no end tag"));
}

KTEST(multiboot2, stops_at_tag_smaller_than_8)
{
	begin();
	add_string(MB2_TAG_CMDLINE, "before");
	add_good_mmap();
	tag_room(7, 4, 8); /* claims 4 bytes: no room for its own header */
	add_module(0x1000, 0x2000, "after");
	add_end();
	ASSERT_TRUE(parse(finish()));
	EXPECT_TRUE(has_problem("size 4 < 8"));
	EXPECT_STREQ(bi.cmdline, "before");
	EXPECT_EQ(bi.mmap_count, 3);
	EXPECT_EQ(bi.module_count, 0);
	EXPECT_FALSE(bi.has_end_tag);
	EXPECT_EQ(bi.problem_count, 1);
}

KTEST(multiboot2, stops_at_tag_past_total_size)
{
	begin();
	add_good_mmap();
	tag_room(MB2_TAG_CMDLINE, 1000, 16); /* claims far more than there is */
	add_end();
	ASSERT_TRUE(parse(finish()));
	EXPECT_TRUE(has_problem("runs past"));
	EXPECT_EQ(bi.problem_count, 1);
	EXPECT_STREQ(bi.cmdline, "");
	EXPECT_EQ(bi.mmap_count, 3);
	EXPECT_FALSE(bi.has_end_tag);
}

KTEST(multiboot2, reports_missing_end_tag)
{
	begin();
	add_string(MB2_TAG_BOOTLOADER, "sloppy");
	add_good_mmap();
	ASSERT_TRUE(parse(finish()));
	EXPECT_FALSE(bi.has_end_tag);
	EXPECT_EQ(bi.problem_count, 1);
	EXPECT_TRUE(has_problem("no end tag"));
	EXPECT_STREQ(bi.bootloader, "sloppy");
}

/* --- malformed tags ------------------------------------------------------------ */

KTEST(multiboot2, ignores_unterminated_cmdline)
{
	begin();
	size_t t = tag(MB2_TAG_CMDLINE, 8 + 8);
	__builtin_memcpy(scratch + t + 8, "no_nul!!", 8);
	add_good_mmap();
	add_end();
	ASSERT_TRUE(parse(finish()));
	EXPECT_STREQ(bi.cmdline, "");
	EXPECT_EQ(bi.problem_count, 1);
	EXPECT_TRUE(has_problem("command line tag at offset 0x8 is not NUL-terminated"));
}

KTEST(multiboot2, ignores_unterminated_loader_name_and_module_string)
{
	begin();
	tag(MB2_TAG_BOOTLOADER, 8); /* no bytes at all, so no NUL */
	size_t t = tag(MB2_TAG_MODULE, 16 + 3);
	put32(t + 8, 0x1000);
	put32(t + 12, 0x2000);
	__builtin_memcpy(scratch + t + 16, "abc", 3);
	/* The NUL right after the tag's end (in the padding) must not count. */
	add_module(0x3000, 0x4000, "ok");
	add_good_mmap();
	add_end();
	ASSERT_TRUE(parse(finish()));
	EXPECT_STREQ(bi.bootloader, "");
	EXPECT_TRUE(has_problem("boot loader name tag"));
	EXPECT_TRUE(has_problem("module string"));
	EXPECT_EQ(bi.problem_count, 2);
	ASSERT_EQ(bi.module_count, 1);
	EXPECT_STREQ(bi.modules[0].string, "ok");
}

KTEST(multiboot2, ignores_mmap_with_entry_size_below_24)
{
	begin();
	add_mmap(16, good_map, 3);
	add_end();
	EXPECT_FALSE(parse(finish()));
	EXPECT_EQ(bi.mmap_count, 0);
	EXPECT_TRUE(has_problem("entry_size 16"));
	EXPECT_TRUE(has_problem("no usable memory map"));
}

KTEST(multiboot2, ignores_mmap_with_unaligned_entry_size)
{
	begin();
	add_mmap(28, good_map, 3);
	add_good_mmap(); /* a second, well-formed map is then the one taken */
	add_end();
	ASSERT_TRUE(parse(finish()));
	EXPECT_TRUE(has_problem("entry_size 28"));
	EXPECT_EQ(bi.problem_count, 1);
	ASSERT_EQ(bi.mmap_count, 3);
	EXPECT_EQ(bi.mmap[2].length, 0x7ee0000);
}

KTEST(multiboot2, keeps_first_entries_of_oversized_mmap)
{
	static struct mb2_mmap_entry map[MB2_MAX_MMAP + 6];
	for (unsigned i = 0; i < MB2_MAX_MMAP + 6; i++)
		map[i] = (struct mb2_mmap_entry){i * 0x10000ull, 0x10000, 1 + i % 5};
	begin();
	add_mmap(24, map, MB2_MAX_MMAP + 6);
	add_end();
	ASSERT_TRUE(parse(finish()));
	ASSERT_EQ(bi.mmap_count, MB2_MAX_MMAP);
	EXPECT_EQ(bi.mmap[MB2_MAX_MMAP - 1].base, (MB2_MAX_MMAP - 1) * 0x10000ull);
	EXPECT_EQ(bi.mmap[MB2_MAX_MMAP - 1].type, 1 + (MB2_MAX_MMAP - 1) % 5);
	EXPECT_EQ(bi.problem_count, 1);
	EXPECT_TRUE(has_problem("70 entries; kept the first 64"));
}

KTEST(multiboot2, keeps_first_modules_when_too_many)
{
	begin();
	for (unsigned i = 0; i < MB2_MAX_MODULES + 2; i++)
		add_module(0x100000 + i * 0x1000, 0x100000 + i * 0x1000 + 0x800, "mod");
	add_good_mmap();
	add_end();
	ASSERT_TRUE(parse(finish()));
	ASSERT_EQ(bi.module_count, MB2_MAX_MODULES);
	EXPECT_EQ(bi.modules[MB2_MAX_MODULES - 1].start, 0x100000 + (MB2_MAX_MODULES - 1) * 0x1000);
	EXPECT_EQ(bi.problem_count, 1);
	EXPECT_TRUE(has_problem("18 modules; kept the first 16"));
}

KTEST(multiboot2, ignores_module_ending_before_start)
{
	begin();
	add_module(0x5000, 0x4000, "backwards");
	add_module(0x6000, 0x6000, "empty is fine");
	add_good_mmap();
	add_end();
	ASSERT_TRUE(parse(finish()));
	EXPECT_EQ(bi.problem_count, 1);
	EXPECT_TRUE(has_problem("before it starts"));
	ASSERT_EQ(bi.module_count, 1);
	EXPECT_STREQ(bi.modules[0].string, "empty is fine");
}

KTEST(multiboot2, ignores_short_basic_meminfo)
{
	begin();
	size_t t = tag(MB2_TAG_BASIC_MEMINFO, 12);
	put32(t + 8, 639);
	add_good_mmap();
	add_end();
	ASSERT_TRUE(parse(finish()));
	EXPECT_FALSE(bi.has_basic_meminfo);
	EXPECT_TRUE(has_problem("basic meminfo tag at offset 0x8 is too short"));
}

KTEST(multiboot2, fails_without_memory_map)
{
	begin();
	add_string(MB2_TAG_CMDLINE, "still read");
	add_meminfo(639, 1024);
	add_end();
	EXPECT_FALSE(parse(finish()));
	EXPECT_EQ(bi.problem_count, 1);
	EXPECT_TRUE(has_problem("no usable memory map"));
	EXPECT_STREQ(bi.cmdline, "still read"); /* the rest is still there */
	EXPECT_TRUE(bi.has_basic_meminfo);
}

KTEST(multiboot2, fails_with_empty_memory_map)
{
	begin();
	add_mmap(24, good_map, 0);
	add_end();
	EXPECT_FALSE(parse(finish()));
	EXPECT_TRUE(has_problem("no entries"));
}

KTEST(multiboot2, caps_the_problem_list)
{
	begin();
	for (int i = 0; i < MB2_MAX_PROBLEMS + 3; i++)
		tag(MB2_TAG_CMDLINE, 8); /* each unterminated */
	add_good_mmap();
	add_end();
	ASSERT_TRUE(parse(finish()));
	EXPECT_EQ(bi.problem_count, MB2_MAX_PROBLEMS);
	EXPECT_EQ(bi.problems_dropped, 3);
	EXPECT_TRUE(ktest_contains(bi.problems[0], "offset 0x8 "));
}

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
	size_t n = build_good();
	ASSERT_TRUE(parse(n - 8)); /* two problems: too few bytes, no end tag */
	text_len = 0;
	text[0] = '\0';
	mb2_write(&bi, capture, NULL);
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
