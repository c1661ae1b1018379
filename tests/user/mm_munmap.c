/*
 * mm_munmap.c - munmap(2) against Linux's behaviour (the munmap rules in
 * docs/spec/memory-syscalls.md, without signals: whether a page is mapped is
 * asked with madvise, which says -ENOMEM for a hole, and never by touching it).
 *
 * The same static binary runs on Linux and on Interlude and prints KTAP;
 * its exit status is the number of failed checks. Fixed addresses are in
 * 0x200000000000 (32 TiB), free on both systems.
 *
 * Not tested: munmap(0x7fffffffe000, 4096) -> 0 (munmap.out-of-range-einval),
 * because on Interlude that page is the top of the process's own stack.
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
	EXPECT_EQ(rt_munmap(a + 1, PAGE), -EINVAL,
		  "munmap.unaligned-einval: unaligned addr: EINVAL");
	EXPECT_EQ(rt_munmap(a, 0), -EINVAL, "munmap.len-zero-einval: len 0: EINVAL");
	EXPECT_EQ(rt_munmap(0x800000000000L, PAGE), -EINVAL,
		  "munmap.out-of-range-einval: munmap(0x800000000000, 4096): EINVAL");
	EXPECT_EQ(rt_munmap(0x7ffffffff000L, PAGE), -EINVAL,
		  "munmap.out-of-range-einval: munmap(0x7ffffffff000, 4096): EINVAL");
	EXPECT_EQ(rt_munmap(0x7ffffffff000L, 2 * PAGE), -EINVAL,
		  "munmap.out-of-range-einval: munmap(0x7ffffffff000, 8192): EINVAL");
	EXPECT_EQ(rt_munmap(PAGE, -PAGE), -EINVAL,
		  "munmap.out-of-range-einval: munmap(4096, 0xfffffffffffff000): EINVAL");
	EXPECT_EQ(rt_munmap(-1L, PAGE), -EINVAL,
		  "munmap.out-of-range-einval: munmap(-1, 4096): EINVAL");
	EXPECT_EQ(rt_munmap(a, -1L), -EINVAL,
		  "munmap.out-of-range-einval: munmap(valid, SIZE_MAX): EINVAL");
	EXPECT_EQ(rt_munmap(0xfffffffffffff000L, PAGE), -EINVAL,
		  "munmap.out-of-range-einval: munmap(kernel address): EINVAL");
	EXPECT(kept(a, 0) && kept(a, 1),
	       "munmap.unaligned-einval, munmap.len-zero-einval and munmap.out-of-range-einval: "
	       "the failed calls unmapped nothing");

	/* munmap.nothing-mapped-ok: nothing mapped in the range is not an error. */
	EXPECT_EQ(rt_munmap(0, PAGE), 0, "munmap.nothing-mapped-ok: munmap(NULL, 4096): 0");
	EXPECT_EQ(rt_munmap(H + 0x100000, 16 * PAGE), 0,
		  "munmap.nothing-mapped-ok: munmap of a free range: 0");
	EXPECT_EQ(rt_munmap(a, 2 * PAGE), 0, "munmap.nothing-mapped-ok: munmap of a mapping: 0");
	EXPECT(!rt_mapped(a) && !rt_mapped(a + PAGE), "munmap.nothing-mapped-ok: it is gone");
	EXPECT_EQ(rt_munmap(a, 2 * PAGE), 0, "munmap.nothing-mapped-ok: the same munmap again: 0");
}

/* A one-page MAP_SHARED anonymous mapping at a (free). */
static long mm_shared(long a)
{
	return rt_mmap(a, PAGE, PROT_RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
}

static void pieces(void)
{
	/* munmap.len-rounded-up: len rounds up to whole pages. */
	long a = H + 32 * PAGE;
	EXPECT_EQ(map_filled(a, 4), a, "setup: 4 pages");
	EXPECT_EQ(rt_munmap(a + PAGE, PAGE + 1), 0, "munmap.len-rounded-up: munmap(a+4096, 4097)");
	EXPECT(!rt_mapped(a + PAGE) && !rt_mapped(a + 2 * PAGE),
	       "munmap.len-rounded-up: 4097 bytes removed 2 pages");
	EXPECT(kept(a, 0) && kept(a, 3),
	       "munmap.len-rounded-up: the pages around them keep their data");
	EXPECT_EQ(rt_munmap(a, 1), 0, "munmap.len-rounded-up: munmap(a, 1)");
	EXPECT(!rt_mapped(a) && kept(a, 3), "munmap.len-rounded-up: 1 byte removed 1 page");
	rt_munmap(a, 4 * PAGE);

	/* munmap.splits-areas: splitting, trimming, spanning several mappings and holes. */
	a = H + 64 * PAGE;
	EXPECT_EQ(map_filled(a, 5), a, "setup: 5 pages");
	EXPECT_EQ(rt_munmap(a + 2 * PAGE, PAGE), 0, "munmap.splits-areas: unmap the middle page");
	EXPECT(kept(a, 0) && kept(a, 1) && !rt_mapped(a + 2 * PAGE) && kept(a, 3) && kept(a, 4),
	       "munmap.splits-areas: two pieces remain, with their data");
	EXPECT_EQ(rt_mprotect(a, 2 * PAGE, PROT_READ), 0,
		  "munmap.splits-areas: the lower piece is a whole area");
	EXPECT_EQ(rt_mprotect(a, 3 * PAGE, PROT_READ), -ENOMEM,
		  "munmap.splits-areas: the hole is a hole to mprotect");
	EXPECT_EQ(rt_munmap(a, PAGE), 0, "munmap.splits-areas: unmap the first page");
	EXPECT_EQ(rt_munmap(a + 4 * PAGE, PAGE), 0, "munmap.splits-areas: unmap the last page");
	EXPECT(!rt_mapped(a) && kept(a, 1) && kept(a, 3) && !rt_mapped(a + 4 * PAGE),
	       "munmap.splits-areas: trimmed at both ends, the rest kept");
	EXPECT_EQ(rt_munmap(a, 5 * PAGE), 0,
		  "munmap.splits-areas: one munmap over areas and holes");
	EXPECT(!rt_mapped(a + PAGE) && !rt_mapped(a + 3 * PAGE),
	       "munmap.splits-areas: everything in the range is gone");

	a = H + 128 * PAGE;
	EXPECT(rt_anon(a, PAGE, PROT_READ, MAP_FIXED_NOREPLACE) == a &&
		   rt_anon(a + 2 * PAGE, PAGE, PROT_RW, MAP_FIXED_NOREPLACE) == a + 2 * PAGE &&
		   mm_shared(a + 4 * PAGE) == a + 4 * PAGE,
	       "setup: 3 different mappings with holes between them");
	EXPECT_EQ(rt_munmap(a, 5 * PAGE), 0,
		  "munmap.splits-areas: one munmap over 3 mappings and 2 holes");
	EXPECT(!rt_mapped(a) && !rt_mapped(a + 2 * PAGE) && !rt_mapped(a + 4 * PAGE),
	       "munmap.splits-areas: all 3 are gone");
}

static void remap(void)
{
	/* munmap.access-faults: the pages around a hole keep their data; remapping gives zeros. */
	long a = H + 256 * PAGE;
	EXPECT_EQ(map_filled(a, 3), a, "setup: 3 pages");
	EXPECT_EQ(rt_munmap(a + PAGE, PAGE), 0, "munmap.access-faults: unmap the middle page");
	EXPECT(kept(a, 0) && kept(a, 2), "munmap.access-faults: its neighbours keep their data");
	EXPECT_EQ(rt_anon(a + PAGE, PAGE, PROT_RW, MAP_FIXED_NOREPLACE), a + PAGE,
		  "munmap.access-faults: map the hole again");
	EXPECT(rt_all(a + PAGE, PAGE, 0), "munmap.access-faults: it reads zero, not the old data");
	EXPECT_EQ(rt_anon(a, 3 * PAGE, PROT_RW, MAP_FIXED), a,
		  "munmap.access-faults: MAP_FIXED over all 3");
	EXPECT(rt_all(a, 3 * PAGE, 0), "munmap.access-faults: all 3 read zero");
	EXPECT_EQ(rt_munmap(a, 3 * PAGE), 0, "munmap.access-faults: clean up");
}

int main(void)
{
	ktap_begin(16 + 19 + 8);
	errors();
	pieces();
	remap();
	return ktap_end();
}
