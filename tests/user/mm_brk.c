/*
 * mm_brk.c - brk(2) against Linux's behaviour (reference items 1-12, 14,
 * 15 of ../shared/reference/linux-memory-syscalls.md), and Interlude's
 * sbrk (syscall 1000), skipped on Linux where it does not exist.
 *
 * The same static binary runs on Linux and on Interlude and prints KTAP;
 * its exit status is the number of failed checks. Nothing here faults:
 * an unmapped page is seen through madvise (-ENOMEM), never touched.
 *
 * test-run: native
 */
#include "rt/rt.h"

#define TIB (1L << 40)
#define MIB (1L << 20)

static long b0; /* the initial break */

static void basics(void)
{
	/* Items 1-3: brk(0) reads the break, which starts page-aligned. */
	b0 = rt_brk(0);
	EXPECT(b0 > 0 && (b0 & (PAGE - 1)) == 0, "item 1: brk(0) is a page-aligned initial break");
	EXPECT_EQ(rt_brk(0), b0, "item 1: brk(0) again changes nothing");
	/* Item 2: failures return the current break, never -errno. */
	EXPECT_EQ(rt_brk(b0 - 1), b0, "item 2: brk(start-1) fails with the current break");
	EXPECT_EQ(rt_brk(1), b0, "item 2: brk(1) fails with the current break");
	EXPECT_EQ(rt_brk(-1), b0, "item 2: brk(0xffffffffffffffff) fails with the current break");
	EXPECT_EQ(rt_brk(0x800000000000L), b0, "item 2: brk(0x800000000000) fails with the current break");
	EXPECT_EQ(rt_brk(0), b0, "item 2: the failures left the break alone");

	/* Item 4: byte-exact break, page-granular mapping. */
	EXPECT_EQ(rt_brk(b0 + 1), b0 + 1, "item 4: brk(start+1) returns exactly start+1");
	EXPECT_EQ(rt_brk(0), b0 + 1, "item 4: brk(0) then says start+1");
	EXPECT(rt_mapped(b0) && !rt_mapped(b0 + PAGE), "item 4: one heap page is mapped");
	/* Items 5, 6: zero, including the tail past the break; that tail is usable. */
	EXPECT(rt_all(b0, PAGE, 0), "item 5: the new page reads zero, tail past the break too");
	((volatile char *)b0)[11] = 'x';
	EXPECT(((volatile char *)b0)[11] == 'x', "item 6: brk+10 (same page) is writable");
	((volatile char *)b0)[11] = 0;

	long top = b0 + 3 * PAGE + 100;
	EXPECT_EQ(rt_brk(top), top, "item 4: brk(start+3 pages+100) returns exactly that");
	EXPECT(rt_all(b0, 4 * PAGE, 0), "item 5: four heap pages read zero");
	EXPECT(rt_mapped(b0 + 3 * PAGE) && !rt_mapped(b0 + 4 * PAGE), "item 6: mapped up to PAGE_ALIGN(brk)");
}

static void shrink(void)
{
	long top = rt_brk(0); /* b0 + 3 pages + 100 */
	/* Item 9: shrinking within a page keeps the bytes. */
	rt_fill(top - 90, 90, 0x5a);
	EXPECT_EQ(rt_brk(top - 90), top - 90, "item 9: shrink by 90 bytes within a page");
	EXPECT_EQ(rt_brk(top), top, "item 9: regrow by 90 bytes");
	EXPECT(rt_all(top - 90, 90, 0x5a), "item 9: bytes of a shrink within a page are kept");

	/* Items 8, 9: whole pages go; they come back as zero, kept pages keep data. */
	rt_fill(b0, 4 * PAGE, 0x33);
	EXPECT_EQ(rt_brk(b0 + 5), b0 + 5, "item 8: shrink to start+5");
	EXPECT(rt_mapped(b0) && !rt_mapped(b0 + PAGE), "item 8: shrinking unmapped whole pages");
	EXPECT_EQ(rt_brk(b0 + 3 * PAGE), b0 + 3 * PAGE, "item 9: regrow by 3 pages");
	EXPECT(rt_all(b0 + PAGE, 2 * PAGE, 0), "item 9: regrown pages read zero");
	EXPECT(rt_all(b0, PAGE, 0x33), "item 9: the page that stayed keeps its data, past the break too");

	/* Item 10: brk(start) empties the heap; below start fails. */
	EXPECT_EQ(rt_brk(b0), b0, "item 10: brk(start_brk) succeeds");
	EXPECT(!rt_mapped(b0), "item 10: the heap is empty");
	EXPECT_EQ(rt_brk(b0 - PAGE), b0, "item 10: brk(start_brk - 4096) fails");

	/* Item 11: commit headroom. 1 TiB is refused by both (RAM 128 MiB / 24 GiB). */
	EXPECT_EQ(rt_brk(b0 + TIB), b0, "item 11: brk(+1 TiB) fails: over the commit heuristic");
	EXPECT_EQ(rt_brk(b0 + 16 * MIB), b0 + 16 * MIB, "item 11: brk(+16 MiB) succeeds, untouched");
	EXPECT_EQ(rt_brk(b0), b0, "item 11: and shrinks back");
}

static void next_mapping(void)
{
	/* Item 12: growth stops one page short of the next mapping. */
	long m = b0 + 16 * PAGE;
	long r = rt_anon(m, PAGE, PROT_RW, MAP_FIXED_NOREPLACE);
	EXPECT_EQ(r, m, "item 12: map a page 16 pages above the break");
	EXPECT_EQ(rt_brk(m - PAGE), m - PAGE, "item 12: brk(M-4096) succeeds");
	EXPECT_EQ(rt_brk(m - PAGE + 1), m - PAGE, "item 12: brk(M-4096+1) fails");
	EXPECT_EQ(rt_brk(m + 4 * PAGE), m - PAGE, "item 12: brk(M+4 pages) fails");
	EXPECT_EQ(rt_munmap(m, PAGE), 0, "item 12: munmap the mapping");
	EXPECT_EQ(rt_brk(m + 4 * PAGE), m + 4 * PAGE, "item 12: now brk(M+4 pages) succeeds");
	EXPECT_EQ(rt_brk(b0), b0, "item 12: shrink back to start");

	/* Item 14: the heap area is ordinary address space. */
	r = rt_anon(b0, PAGE, PROT_RW, 0);
	EXPECT_EQ(r, b0, "item 14: empty heap: an mmap hint at start_brk is honoured");
	EXPECT_EQ(rt_brk(b0 + PAGE), b0, "item 14: then brk cannot grow");
	EXPECT_EQ(rt_munmap(b0, PAGE), 0, "item 14: munmap it");

	EXPECT_EQ(rt_brk(b0 + 4 * PAGE), b0 + 4 * PAGE, "item 14: grow by 4 pages");
	r = rt_anon(b0 + PAGE, PAGE, PROT_RW, 0);
	EXPECT(r > 0 && r != b0 + PAGE, "item 14: a hint inside the heap is not honoured");
	rt_munmap(r, PAGE);
	rt_fill(b0, 4 * PAGE, 0x44);
	r = rt_anon(b0 + PAGE, PAGE, PROT_READ, MAP_FIXED);
	EXPECT_EQ(r, b0 + PAGE, "item 14: MAP_FIXED over a heap page succeeds");
	EXPECT(rt_all(b0 + PAGE, PAGE, 0) && rt_all(b0, PAGE, 0x44) && rt_all(b0 + 2 * PAGE, 2 * PAGE, 0x44),
	      "item 14: it reads zero, heap neighbours keep their data");
	EXPECT_EQ(rt_brk(b0 + 5), b0 + 5, "item 14: shrink below the foreign page");
	EXPECT(!rt_mapped(b0 + PAGE), "item 14: the shrink unmapped the foreign mapping too");

	EXPECT_EQ(rt_brk(b0 + 4 * PAGE), b0 + 4 * PAGE, "item 14: regrow by 4 pages");
	EXPECT_EQ(rt_munmap(b0 + PAGE, PAGE), 0, "item 14: munmap a heap page");
	EXPECT_EQ(rt_brk(0), b0 + 4 * PAGE, "item 14: munmap leaves the break unchanged");
	EXPECT_EQ(rt_brk(b0 + 6 * PAGE), b0 + 6 * PAGE, "item 14: brk still grows");
	EXPECT_EQ(rt_brk(b0), b0, "item 14: and shrinks across the hole");

	/* LTP brk02: grow, grow, mprotect the 2nd page, grow, back to start. */
	EXPECT_EQ(rt_brk(b0 + PAGE), b0 + PAGE, "item 14: grow by 1 page");
	EXPECT_EQ(rt_brk(b0 + 2 * PAGE), b0 + 2 * PAGE, "item 14: grow by a 2nd page");
	EXPECT_EQ(rt_mprotect(b0 + PAGE, PAGE, PROT_READ), 0, "item 14: mprotect a heap page read-only");
	EXPECT_EQ(rt_brk(b0 + 3 * PAGE), b0 + 3 * PAGE, "item 14: grow by a 3rd page");
	EXPECT_EQ(rt_brk(b0), b0, "item 14: shrink across the split areas to start");

	/* Item 15: a shrink whose whole range is already unmapped fails. */
	long a = b0;
	EXPECT_EQ(rt_brk(a + 4 * PAGE), a + 4 * PAGE, "item 15: heap of 4 pages");
	EXPECT_EQ(rt_munmap(a + 2 * PAGE, 2 * PAGE), 0, "item 15: munmap its upper 2 pages");
	EXPECT_EQ(rt_brk(a + 2 * PAGE), a + 4 * PAGE, "item 15: brk(A+2p) fails: nothing left to unmap");
	EXPECT_EQ(rt_brk(a + PAGE), a + PAGE, "item 15: brk(A+1p) succeeds: its range holds a heap page");
	EXPECT_EQ(rt_brk(b0), b0, "item 15: back to start");
}

#define NSBRK 9
static const char *const sbrk_names[NSBRK] = {
	"sbrk(0) returns the break (Interlude; Linux: no syscall 1000, -ENOSYS)",
	"sbrk(4096) returns the old break",
	"sbrk(4096) moved the break by 4096",
	"sbrk(1) returns the old break",
	"sbrk(-4097) returns the old (higher) break",
	"sbrk(1 TiB) fails with -ENOMEM",
	"sbrk(INT64_MAX) wraps: -ENOMEM",
	"sbrk below start_brk fails with -ENOMEM",
	"the failed sbrks left the break alone",
};

/* Interlude's sbrk (syscall 1000): old break or -ENOMEM, like glibc's sbrk (item 20). */
static void sbrk_checks(void)
{
	const char *const *n = sbrk_names;
	long s0 = __syscall1(SYS_sbrk, 0);
	if (!rt_on_interlude()) {
		EXPECT_EQ(s0, -ENOSYS, n[0]);
		for (int i = 1; i < NSBRK; i++)
			SKIP(n[i], "not Interlude");
		return;
	}
	EXPECT_EQ(s0, b0, n[0]);
	EXPECT_EQ(__syscall1(SYS_sbrk, PAGE), b0, n[1]);
	EXPECT_EQ(rt_brk(0), b0 + PAGE, n[2]);
	EXPECT_EQ(__syscall1(SYS_sbrk, 1), b0 + PAGE, n[3]);
	EXPECT_EQ(__syscall1(SYS_sbrk, -PAGE - 1), b0 + PAGE + 1, n[4]);
	EXPECT_EQ(__syscall1(SYS_sbrk, TIB), -ENOMEM, n[5]);
	EXPECT_EQ(__syscall1(SYS_sbrk, 0x7fffffffffffffffL), -ENOMEM, n[6]);
	EXPECT_EQ(__syscall1(SYS_sbrk, -PAGE), -ENOMEM, n[7]);
	EXPECT_EQ(rt_brk(0), b0, n[8]);
}

int main(void)
{
	ktap_begin(15 + 14 + 31 + NSBRK);
	basics();
	shrink();
	next_mapping();
	sbrk_checks();
	return ktap_end();
}
