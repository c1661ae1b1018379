/*
 * mm_fresh.c - demand paging hands out zeroed memory (brk.new-memory-zero,
 * mmap.fresh-memory-zero, fault.demand-zero and fault.stack-grows in
 * docs/spec/memory-syscalls.md): a 16 MiB mmap (4 MiB on a machine too small
 * for 16: at -m 16M the overcommit heuristic refuses 16 MiB, as Linux's
 * would), a 1 MiB brk growth and 4 MiB of stack all read zero until
 * written, keep what is written, and MADV_DONTNEED gives zero pages back.
 *
 * Before exiting it fills all that memory with 0xa5, so that running it
 * again (or after mm_dirty) checks that a process never sees the frames
 * of one that ran before it: on Interlude the runs share one boot and one
 * frame allocator; on Linux this is trivially true.
 *
 * The same static binary runs on Linux and on Interlude and prints KTAP;
 * its exit status is the number of failed checks.
 *
 * test-run: native
 */
#include "rt/rt.h"

#define MIB (1L << 20)
#define FRAME 4000 /* bytes of array per recursion level: ~4 KiB frames */
#define DEPTH 1024 /* ~4 MiB of stack */

static long bad_zero_depth = -1, bad_keep_depth = -1, deepest;

/* Recurses n levels; each level's array must read zero on the way down
 * (fresh stack pages) once below the first 64 KiB, and keep its pattern
 * until the way back up. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized" /* reading fresh stack is the point */
__attribute__((noinline)) static void recurse(int n, int fill)
{
	volatile unsigned char a[FRAME];
	int level = DEPTH - n;
	if (level >= 16 && bad_zero_depth < 0 && !fill)
		for (int i = 0; i < FRAME; i++)
			if (a[i] != 0) {
				bad_zero_depth = level;
				break;
			}
	for (int i = 0; i < FRAME; i++)
		a[i] = fill ? 0xa5 : (unsigned char)(level + i);
	deepest = (long)a;
	if (n > 0)
		recurse(n - 1, fill);
	if (!fill && bad_keep_depth < 0)
		for (int i = 0; i < FRAME; i++)
			if (a[i] != (unsigned char)(level + i)) {
				bad_keep_depth = level;
				break;
			}
}
#pragma GCC diagnostic pop

int main(void)
{
	ktap_begin(12);
	long top = (long)__builtin_frame_address(0);

	/*
	 * mmap.fresh-memory-zero and fault.demand-zero: 16 MiB of never-touched
	 * memory reads zero.
	 */
	long map_len = 16 * MIB;
	long m = rt_anon(0, map_len, PROT_RW, 0);
	if (m == -ENOMEM) {
		map_len = 4 * MIB;
		m = rt_anon(0, map_len, PROT_RW, 0);
	}
	EXPECT(m > 0, "mmap 16 MiB (or 4 MiB if RAM is smaller than 16 MiB)");
	if (m <= 0)
		return ktap_end();
	EXPECT(rt_all(m, map_len, 0), "fault.demand-zero: the mapping, never touched, reads zero");
	/* Touch every page: a value at both ends of each, then read them all back. */
	for (long pg = 0; pg < map_len / PAGE; pg++) {
		((volatile long *)(m + pg * PAGE))[0] = pg;
		((volatile long *)(m + pg * PAGE))[PAGE / 8 - 1] = ~pg;
	}
	int kept = 1;
	for (long pg = 0; pg < map_len / PAGE; pg++)
		kept &= ((volatile long *)(m + pg * PAGE))[0] == pg &&
			((volatile long *)(m + pg * PAGE))[PAGE / 8 - 1] == ~pg;
	EXPECT(kept, "fault.demand-zero: every page keeps what was written to it");
	EXPECT(rt_all(m + 8, PAGE - 16, 0),
	       "fault.demand-zero: the rest of a written page is still zero");

	/* MADV_DONTNEED drops private pages: they come back zero. */
	EXPECT_EQ(__syscall3(SYS_madvise, m, 4 * PAGE, 4 /* MADV_DONTNEED */), 0,
		  "madvise(MADV_DONTNEED) 4 pages");
	EXPECT(rt_all(m, 4 * PAGE, 0) && ((volatile long *)(m + 4 * PAGE))[0] == 4,
	       "after MADV_DONTNEED they read zero, the next page is kept");

	/* brk.new-memory-zero: 1 MiB of brk growth reads zero. */
	long b = rt_brk(0);
	EXPECT_EQ(rt_brk(b + MIB), b + MIB, "brk grows by 1 MiB");
	EXPECT(rt_all(b, MIB, 0), "brk.new-memory-zero: 1 MiB of new heap reads zero");
	rt_fill(b, MIB, 0x3c);
	EXPECT(rt_all(b, MIB, 0x3c), "brk.new-memory-zero: the heap keeps what was written");

	/* fault.stack-grows: the stack grows on demand; 4 MiB of recursion is fine. */
	recurse(DEPTH, 0);
	EXPECT(top - deepest >= 4 * MIB - 64 * 1024, "fault.stack-grows: the stack grew by 4 MiB");
	EXPECT_EQ(bad_zero_depth, -1,
		  "fault.stack-grows: fresh stack pages read zero (first bad level, -1 = none)");
	EXPECT_EQ(bad_keep_depth, -1,
		  "fault.stack-grows: every level's array kept its data (first bad level)");

	/* Leave a pattern behind for the next process to (not) see. */
	rt_fill(m, map_len, 0xa5);
	rt_fill(b, MIB, 0xa5);
	recurse(DEPTH, 1);
	return ktap_end();
}
