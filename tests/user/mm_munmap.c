/*
 * mm_munmap.c - munmap(2) against Linux's behaviour (reference items
 * 49-55 of ../shared/reference/linux-memory-syscalls.md, without signals:
 * whether a page is mapped is asked with madvise, which says -ENOMEM for
 * a hole, and never by touching it).
 *
 * The same static binary runs on Linux and on Interlude and prints KTAP;
 * its exit status is the number of failed checks. Fixed addresses are in
 * 0x200000000000 (32 TiB), free on both systems.
 *
 * Not tested: munmap(0x7fffffffe000, 4096) -> 0 (item 51), because on
 * Interlude that page is the top of the process's own stack.
 *
 * test-run: native
 */
#include "rt/rt.h"

#define H 0x200000000000L

/* Maps n pages at a (which must be free), page i filled with 'a' + i. */
static long map_filled(long a, int n)
{
	long r = rt_anon(a, n * PAGE, PROT_RW, MAP_FIXED_NOREPLACE);
	if (r == a)
		for (int i = 0; i < n; i++)
			rt_fill(a + i * PAGE, PAGE, 'a' + i);
	return r;
}

/* Page i of a is mapped and still holds 'a' + i. */
static int kept(long a, int i)
{
	return rt_mapped(a + i * PAGE) && rt_all(a + i * PAGE, PAGE, 'a' + i);
}

static void errors(void)
{
	long a = H;
	EXPECT_EQ(map_filled(a, 2), a, "setup: 2 pages");
	EXPECT_EQ(rt_munmap(a + 1, PAGE), -EINVAL, "item 49: unaligned addr: EINVAL");
	EXPECT_EQ(rt_munmap(a, 0), -EINVAL, "item 50: len 0: EINVAL");
	EXPECT_EQ(rt_munmap(0x800000000000L, PAGE), -EINVAL, "item 51: munmap(0x800000000000, 4096): EINVAL");
	EXPECT_EQ(rt_munmap(0x7ffffffff000L, PAGE), -EINVAL, "item 51: munmap(0x7ffffffff000, 4096): EINVAL");
	EXPECT_EQ(rt_munmap(0x7ffffffff000L, 2 * PAGE), -EINVAL, "item 51: munmap(0x7ffffffff000, 8192): EINVAL");
	EXPECT_EQ(rt_munmap(PAGE, -PAGE), -EINVAL, "item 51: munmap(4096, 0xfffffffffffff000): EINVAL");
	EXPECT_EQ(rt_munmap(-1L, PAGE), -EINVAL, "item 51: munmap(-1, 4096): EINVAL");
	EXPECT_EQ(rt_munmap(a, -1L), -EINVAL, "item 51: munmap(valid, SIZE_MAX): EINVAL");
	EXPECT_EQ(rt_munmap(0xfffffffffffff000L, PAGE), -EINVAL, "item 51: munmap(kernel address): EINVAL");
	EXPECT(kept(a, 0) && kept(a, 1), "items 49-51: the failed calls unmapped nothing");

	/* Item 52: nothing mapped in the range is not an error. */
	EXPECT_EQ(rt_munmap(0, PAGE), 0, "item 52: munmap(NULL, 4096): 0");
	EXPECT_EQ(rt_munmap(H + 0x100000, 16 * PAGE), 0, "item 52: munmap of a free range: 0");
	EXPECT_EQ(rt_munmap(a, 2 * PAGE), 0, "item 52: munmap of a mapping: 0");
	EXPECT(!rt_mapped(a) && !rt_mapped(a + PAGE), "item 52: it is gone");
	EXPECT_EQ(rt_munmap(a, 2 * PAGE), 0, "item 52: the same munmap again: 0");
}

/* A one-page MAP_SHARED anonymous mapping at a (free). */
static long mm_shared(long a)
{
	return rt_mmap(a, PAGE, PROT_RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
}

static void pieces(void)
{
	/* Item 53: len rounds up to whole pages. */
	long a = H + 32 * PAGE;
	EXPECT_EQ(map_filled(a, 4), a, "setup: 4 pages");
	EXPECT_EQ(rt_munmap(a + PAGE, PAGE + 1), 0, "item 53: munmap(a+4096, 4097)");
	EXPECT(!rt_mapped(a + PAGE) && !rt_mapped(a + 2 * PAGE), "item 53: 4097 bytes removed 2 pages");
	EXPECT(kept(a, 0) && kept(a, 3), "item 53: the pages around them keep their data");
	EXPECT_EQ(rt_munmap(a, 1), 0, "item 53: munmap(a, 1)");
	EXPECT(!rt_mapped(a) && kept(a, 3), "item 53: 1 byte removed 1 page");
	rt_munmap(a, 4 * PAGE);

	/* Item 54: splitting, trimming, spanning several mappings and holes. */
	a = H + 64 * PAGE;
	EXPECT_EQ(map_filled(a, 5), a, "setup: 5 pages");
	EXPECT_EQ(rt_munmap(a + 2 * PAGE, PAGE), 0, "item 54: unmap the middle page");
	EXPECT(kept(a, 0) && kept(a, 1) && !rt_mapped(a + 2 * PAGE) && kept(a, 3) && kept(a, 4),
	      "item 54: two pieces remain, with their data");
	EXPECT_EQ(rt_mprotect(a, 2 * PAGE, PROT_READ), 0, "item 54: the lower piece is a whole area");
	EXPECT_EQ(rt_mprotect(a, 3 * PAGE, PROT_READ), -ENOMEM, "item 54: the hole is a hole to mprotect");
	EXPECT_EQ(rt_munmap(a, PAGE), 0, "item 54: unmap the first page");
	EXPECT_EQ(rt_munmap(a + 4 * PAGE, PAGE), 0, "item 54: unmap the last page");
	EXPECT(!rt_mapped(a) && kept(a, 1) && kept(a, 3) && !rt_mapped(a + 4 * PAGE),
	      "item 54: trimmed at both ends, the rest kept");
	EXPECT_EQ(rt_munmap(a, 5 * PAGE), 0, "item 54: one munmap over areas and holes");
	EXPECT(!rt_mapped(a + PAGE) && !rt_mapped(a + 3 * PAGE), "item 54: everything in the range is gone");

	a = H + 128 * PAGE;
	EXPECT(rt_anon(a, PAGE, PROT_READ, MAP_FIXED_NOREPLACE) == a &&
	      rt_anon(a + 2 * PAGE, PAGE, PROT_RW, MAP_FIXED_NOREPLACE) == a + 2 * PAGE &&
	      mm_shared(a + 4 * PAGE) == a + 4 * PAGE,
	      "setup: 3 different mappings with holes between them");
	EXPECT_EQ(rt_munmap(a, 5 * PAGE), 0, "item 54: one munmap over 3 mappings and 2 holes");
	EXPECT(!rt_mapped(a) && !rt_mapped(a + 2 * PAGE) && !rt_mapped(a + 4 * PAGE), "item 54: all 3 are gone");
}

static void remap(void)
{
	/* Item 55: the pages around a hole keep their data; remapping gives zeros. */
	long a = H + 256 * PAGE;
	EXPECT_EQ(map_filled(a, 3), a, "setup: 3 pages");
	EXPECT_EQ(rt_munmap(a + PAGE, PAGE), 0, "item 55: unmap the middle page");
	EXPECT(kept(a, 0) && kept(a, 2), "item 55: its neighbours keep their data");
	EXPECT_EQ(rt_anon(a + PAGE, PAGE, PROT_RW, MAP_FIXED_NOREPLACE), a + PAGE, "item 55: map the hole again");
	EXPECT(rt_all(a + PAGE, PAGE, 0), "item 55: it reads zero, not the old data");
	EXPECT_EQ(rt_anon(a, 3 * PAGE, PROT_RW, MAP_FIXED), a, "item 55: MAP_FIXED over all 3");
	EXPECT(rt_all(a, 3 * PAGE, 0), "item 55: all 3 read zero");
	EXPECT_EQ(rt_munmap(a, 3 * PAGE), 0, "item 55: clean up");
}

int main(void)
{
	ktap_begin(16 + 19 + 8);
	errors();
	pieces();
	remap();
	return ktap_end();
}
