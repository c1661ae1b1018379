/*
 * mm_brk.c - brk(2) against Linux's behaviour (the brk rules in
 * docs/spec/memory-syscalls.md), and Interlude's sbrk (syscall 1000), skipped
 * on Linux where it does not exist.
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
	/*
	 * brk.zero-returns-break, brk.failure-returns-old-break and
	 * brk.initial-break-page-aligned: brk(0) reads the break, which starts
	 * page-aligned.
	 */
	b0 = rt_brk(0);
	EXPECT(b0 > 0 && (b0 & (PAGE - 1)) == 0,
	       "brk.zero-returns-break: brk(0) is a page-aligned initial break");
	EXPECT_EQ(rt_brk(0), b0, "brk.zero-returns-break: brk(0) again changes nothing");
	/* brk.failure-returns-old-break: failures return the current break, never -errno. */
	EXPECT_EQ(rt_brk(b0 - 1), b0,
		  "brk.failure-returns-old-break: brk(start-1) fails with the current break");
	EXPECT_EQ(rt_brk(1), b0,
		  "brk.failure-returns-old-break: brk(1) fails with the current break");
	EXPECT_EQ(
	    rt_brk(-1), b0,
	    "brk.failure-returns-old-break: brk(0xffffffffffffffff) fails with the current break");
	EXPECT_EQ(
	    rt_brk(0x800000000000L), b0,
	    "brk.failure-returns-old-break: brk(0x800000000000) fails with the current break");
	EXPECT_EQ(rt_brk(0), b0,
		  "brk.failure-returns-old-break: the failures left the break alone");

	/* brk.byte-exact: byte-exact break, page-granular mapping. */
	EXPECT_EQ(rt_brk(b0 + 1), b0 + 1, "brk.byte-exact: brk(start+1) returns exactly start+1");
	EXPECT_EQ(rt_brk(0), b0 + 1, "brk.byte-exact: brk(0) then says start+1");
	EXPECT(rt_mapped(b0) && !rt_mapped(b0 + PAGE), "brk.byte-exact: one heap page is mapped");
	/*
	 * brk.new-memory-zero and brk.page-granular-access: zero, including the
	 * tail past the break; that tail is usable.
	 */
	EXPECT(rt_all(b0, PAGE, 0),
	       "brk.new-memory-zero: the new page reads zero, tail past the break too");
	((volatile char *)b0)[11] = 'x';
	EXPECT(((volatile char *)b0)[11] == 'x',
	       "brk.page-granular-access: brk+10 (same page) is writable");
	((volatile char *)b0)[11] = 0;

	long top = b0 + 3 * PAGE + 100;
	EXPECT_EQ(rt_brk(top), top, "brk.byte-exact: brk(start+3 pages+100) returns exactly that");
	EXPECT(rt_all(b0, 4 * PAGE, 0), "brk.new-memory-zero: four heap pages read zero");
	EXPECT(rt_mapped(b0 + 3 * PAGE) && !rt_mapped(b0 + 4 * PAGE),
	       "brk.page-granular-access: mapped up to PAGE_ALIGN(brk)");
}

static void shrink(void)
{
	long top = rt_brk(0); /* b0 + 3 pages + 100 */
	/* brk.shrink-within-page-keeps-bytes: shrinking within a page keeps the bytes. */
	rt_fill(top - 90, 90, 0x5a);
	EXPECT_EQ(rt_brk(top - 90), top - 90,
		  "brk.shrink-within-page-keeps-bytes: shrink by 90 bytes within a page");
	EXPECT_EQ(rt_brk(top), top, "brk.shrink-within-page-keeps-bytes: regrow by 90 bytes");
	EXPECT(rt_all(top - 90, 90, 0x5a),
	       "brk.shrink-within-page-keeps-bytes: bytes of a shrink within a page are kept");

	/*
	 * brk.shrink-unmaps-whole-pages and brk.shrink-within-page-keeps-bytes:
	 * whole pages go; they come back as zero, kept pages keep data.
	 */
	rt_fill(b0, 4 * PAGE, 0x33);
	EXPECT_EQ(rt_brk(b0 + 5), b0 + 5, "brk.shrink-unmaps-whole-pages: shrink to start+5");
	EXPECT(rt_mapped(b0) && !rt_mapped(b0 + PAGE),
	       "brk.shrink-unmaps-whole-pages: shrinking unmapped whole pages");
	EXPECT_EQ(rt_brk(b0 + 3 * PAGE), b0 + 3 * PAGE,
		  "brk.shrink-within-page-keeps-bytes: regrow by 3 pages");
	EXPECT(rt_all(b0 + PAGE, 2 * PAGE, 0),
	       "brk.shrink-within-page-keeps-bytes: regrown pages read zero");
	EXPECT(rt_all(b0, PAGE, 0x33), "brk.shrink-within-page-keeps-bytes: the page that stayed "
				       "keeps its data, past the break too");

	/* brk.start-empties-heap: brk(start) empties the heap; below start fails. */
	EXPECT_EQ(rt_brk(b0), b0, "brk.start-empties-heap: brk(start_brk) succeeds");
	EXPECT(!rt_mapped(b0), "brk.start-empties-heap: the heap is empty");
	EXPECT_EQ(rt_brk(b0 - PAGE), b0, "brk.start-empties-heap: brk(start_brk - 4096) fails");

	/*
	 * brk.growth-needs-commit-headroom: commit headroom. 1 TiB is refused
	 * by both (RAM 128 MiB / 24 GiB); 4 MiB fits even at -m 16M (16 MiB
	 * would not: it is more than all of RAM there, and Linux refuses it
	 * too).
	 */
	EXPECT_EQ(rt_brk(b0 + TIB), b0,
		  "brk.growth-needs-commit-headroom: brk(+1 TiB) fails: over the commit heuristic");
	EXPECT_EQ(rt_brk(b0 + 4 * MIB), b0 + 4 * MIB,
		  "brk.growth-needs-commit-headroom: brk(+4 MiB) succeeds, untouched");
	EXPECT_EQ(rt_brk(b0), b0, "brk.growth-needs-commit-headroom: and shrinks back");
}

static void next_mapping(void)
{
	/* brk.one-page-below-next-mapping: growth stops one page short of the next mapping. */
	long m = b0 + 16 * PAGE;
	long r = rt_anon(m, PAGE, PROT_RW, MAP_FIXED_NOREPLACE);
	EXPECT_EQ(r, m, "brk.one-page-below-next-mapping: map a page 16 pages above the break");
	EXPECT_EQ(rt_brk(m - PAGE), m - PAGE,
		  "brk.one-page-below-next-mapping: brk(M-4096) succeeds");
	EXPECT_EQ(rt_brk(m - PAGE + 1), m - PAGE,
		  "brk.one-page-below-next-mapping: brk(M-4096+1) fails");
	EXPECT_EQ(rt_brk(m + 4 * PAGE), m - PAGE,
		  "brk.one-page-below-next-mapping: brk(M+4 pages) fails");
	EXPECT_EQ(rt_munmap(m, PAGE), 0, "brk.one-page-below-next-mapping: munmap the mapping");
	EXPECT_EQ(rt_brk(m + 4 * PAGE), m + 4 * PAGE,
		  "brk.one-page-below-next-mapping: now brk(M+4 pages) succeeds");
	EXPECT_EQ(rt_brk(b0), b0, "brk.one-page-below-next-mapping: shrink back to start");

	/* brk.heap-is-ordinary-space: the heap area is ordinary address space. */
	r = rt_anon(b0, PAGE, PROT_RW, 0);
	EXPECT_EQ(r, b0,
		  "brk.heap-is-ordinary-space: empty heap: an mmap hint at start_brk is honoured");
	EXPECT_EQ(rt_brk(b0 + PAGE), b0, "brk.heap-is-ordinary-space: then brk cannot grow");
	EXPECT_EQ(rt_munmap(b0, PAGE), 0, "brk.heap-is-ordinary-space: munmap it");

	EXPECT_EQ(rt_brk(b0 + 4 * PAGE), b0 + 4 * PAGE,
		  "brk.heap-is-ordinary-space: grow by 4 pages");
	r = rt_anon(b0 + PAGE, PAGE, PROT_RW, 0);
	EXPECT(r > 0 && r != b0 + PAGE,
	       "brk.heap-is-ordinary-space: a hint inside the heap is not honoured");
	rt_munmap(r, PAGE);
	rt_fill(b0, 4 * PAGE, 0x44);
	r = rt_anon(b0 + PAGE, PAGE, PROT_READ, MAP_FIXED);
	EXPECT_EQ(r, b0 + PAGE, "brk.heap-is-ordinary-space: MAP_FIXED over a heap page succeeds");
	EXPECT(rt_all(b0 + PAGE, PAGE, 0) && rt_all(b0, PAGE, 0x44) &&
		   rt_all(b0 + 2 * PAGE, 2 * PAGE, 0x44),
	       "brk.heap-is-ordinary-space: it reads zero, heap neighbours keep their data");
	EXPECT_EQ(rt_brk(b0 + 5), b0 + 5,
		  "brk.heap-is-ordinary-space: shrink below the foreign page");
	EXPECT(!rt_mapped(b0 + PAGE),
	       "brk.heap-is-ordinary-space: the shrink unmapped the foreign mapping too");

	EXPECT_EQ(rt_brk(b0 + 4 * PAGE), b0 + 4 * PAGE,
		  "brk.heap-is-ordinary-space: regrow by 4 pages");
	EXPECT_EQ(rt_munmap(b0 + PAGE, PAGE), 0, "brk.heap-is-ordinary-space: munmap a heap page");
	EXPECT_EQ(rt_brk(0), b0 + 4 * PAGE,
		  "brk.heap-is-ordinary-space: munmap leaves the break unchanged");
	EXPECT_EQ(rt_brk(b0 + 6 * PAGE), b0 + 6 * PAGE,
		  "brk.heap-is-ordinary-space: brk still grows");
	EXPECT_EQ(rt_brk(b0), b0, "brk.heap-is-ordinary-space: and shrinks across the hole");

	/* LTP brk02: grow, grow, mprotect the 2nd page, grow, back to start. */
	EXPECT_EQ(rt_brk(b0 + PAGE), b0 + PAGE, "brk.heap-is-ordinary-space: grow by 1 page");
	EXPECT_EQ(rt_brk(b0 + 2 * PAGE), b0 + 2 * PAGE,
		  "brk.heap-is-ordinary-space: grow by a 2nd page");
	EXPECT_EQ(rt_mprotect(b0 + PAGE, PAGE, PROT_READ), 0,
		  "brk.heap-is-ordinary-space: mprotect a heap page read-only");
	EXPECT_EQ(rt_brk(b0 + 3 * PAGE), b0 + 3 * PAGE,
		  "brk.heap-is-ordinary-space: grow by a 3rd page");
	EXPECT_EQ(rt_brk(b0), b0,
		  "brk.heap-is-ordinary-space: shrink across the split areas to start");

	/* brk.shrink-needs-an-area: a shrink whose whole range is already unmapped fails. */
	long a = b0;
	EXPECT_EQ(rt_brk(a + 4 * PAGE), a + 4 * PAGE, "brk.shrink-needs-an-area: heap of 4 pages");
	EXPECT_EQ(rt_munmap(a + 2 * PAGE, 2 * PAGE), 0,
		  "brk.shrink-needs-an-area: munmap its upper 2 pages");
	EXPECT_EQ(rt_brk(a + 2 * PAGE), a + 4 * PAGE,
		  "brk.shrink-needs-an-area: brk(A+2p) fails: nothing left to unmap");
	EXPECT_EQ(rt_brk(a + PAGE), a + PAGE,
		  "brk.shrink-needs-an-area: brk(A+1p) succeeds: its range holds a heap page");
	EXPECT_EQ(rt_brk(b0), b0, "brk.shrink-needs-an-area: back to start");
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

/*
 * Interlude's sbrk (syscall 1000): old break or -ENOMEM, like glibc's sbrk
 * (sbrk.returns-old-break).
 */
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
