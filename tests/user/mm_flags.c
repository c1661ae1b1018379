/*
 * mm_flags.c - what mmap's flags and madvise's advice leave in an area,
 * seen by later calls (mmap.locked, mmap.droppable, mmap.hugetlb,
 * mmap.low-address-eperm, madvise.shared-keeps-data and
 * madvise.area-rules in docs/spec/memory-syscalls.md).
 *
 * The same static binary runs on Linux and on Interlude and prints KTAP;
 * its exit status is the number of failed checks. The huge page checks
 * assume no huge pages are reserved (vm.nr_hugepages = 0, Linux's
 * default), as on Interlude, which has none. One check branches on the
 * system (its name says so): a MAP_FIXED_NOREPLACE mapping at 0 over
 * nearly all of user space is EPERM, but Linux's root (CAP_SYS_RAWIO)
 * passes that check and gets EEXIST, since the program's own pages are
 * in the range.
 *
 * test-run: native
 */
#include "rt/rt.h"

#define MIB (1L << 20)
#define H 0x200000000000L /* free on both systems (mm_mmap.c) */

static long madvise(long p, long len, long advice)
{
	return __syscall3(SYS_madvise, p, len, advice);
}

static void locked(void)
{
	long p = rt_anon(0, 2 * PAGE, PROT_RW, MAP_LOCKED);
	EXPECT(p > 0, "mmap.locked: a MAP_LOCKED mapping");
	rt_fill(p, 2 * PAGE, 0x11);
	EXPECT_EQ(madvise(p, PAGE, MADV_DONTNEED), -EINVAL,
		  "mmap.locked: MADV_DONTNEED on it: EINVAL");
	EXPECT_EQ(madvise(p, PAGE, MADV_FREE), -EINVAL, "mmap.locked: MADV_FREE on it: EINVAL");
	EXPECT_EQ(madvise(p, PAGE, MADV_PAGEOUT), -EINVAL,
		  "mmap.locked: MADV_PAGEOUT on it: EINVAL");
	EXPECT_EQ(madvise(p, PAGE, MADV_WILLNEED), 0, "mmap.locked: MADV_WILLNEED on it: 0");
	EXPECT(rt_all(p, 2 * PAGE, 0x11), "mmap.locked: the data is still there");
	/* An area that refuses the advice ends the call; the ones before it were advised. */
	long q = rt_anon(p - PAGE, PAGE, PROT_RW, MAP_FIXED_NOREPLACE);
	EXPECT_EQ(q, p - PAGE, "setup: an ordinary page just below it");
	rt_fill(q, PAGE, 0x22);
	EXPECT_EQ(madvise(q, 2 * PAGE, MADV_DONTNEED), -EINVAL,
		  "madvise.area-rules: DONTNEED over an ordinary then a locked area: EINVAL");
	EXPECT(rt_all(q, PAGE, 0),
	       "madvise.area-rules: ... the ordinary area before it was discarded");
	rt_munmap(q, 3 * PAGE);
}

static void droppable(void)
{
	long f = MAP_DROPPABLE | MAP_ANONYMOUS;
	EXPECT_EQ(rt_mmap(0, PAGE, PROT_RW, f | MAP_GROWSDOWN, -1, 0), -EINVAL,
		  "mmap.droppable: with MAP_GROWSDOWN: EINVAL");
	EXPECT_EQ(rt_mmap(0, PAGE, PROT_RW, f | MAP_LOCKED, -1, 0), -EINVAL,
		  "mmap.droppable: with MAP_LOCKED: EINVAL");
	EXPECT_EQ(rt_mmap(0, 2 * MIB, PROT_RW, f | MAP_HUGETLB, -1, 0), -EINVAL,
		  "mmap.droppable: with MAP_HUGETLB: EINVAL");
	long p = rt_mmap(0, PAGE, PROT_RW, f, -1, 0);
	EXPECT(p > 0, "mmap.droppable: alone: succeeds");
	EXPECT_EQ(madvise(p, PAGE, MADV_KEEPONFORK), -EINVAL,
		  "madvise.area-rules: KEEPONFORK on droppable memory: EINVAL");
	EXPECT_EQ(madvise(p, PAGE, MADV_DODUMP), -EINVAL,
		  "madvise.area-rules: DODUMP on droppable memory: EINVAL");
	EXPECT_EQ(madvise(p, PAGE, MADV_DONTFORK), 0,
		  "madvise.area-rules: DONTFORK on droppable memory: 0");
	rt_munmap(p, PAGE);
}

static void shared(void)
{
	long p = rt_mmap(0, 2 * PAGE, PROT_RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	EXPECT(p > 0, "setup: 2 pages of shared anonymous memory");
	rt_fill(p, 2 * PAGE, 0x33);
	EXPECT_EQ(madvise(p, PAGE, MADV_DONTNEED), 0, "madvise.shared-keeps-data: DONTNEED: 0");
	EXPECT(rt_all(p, PAGE, 0x33), "madvise.shared-keeps-data: the data is still there");
	EXPECT_EQ(madvise(p, PAGE, MADV_FREE), -EINVAL,
		  "madvise.area-rules: FREE on shared memory: EINVAL");
	EXPECT_EQ(madvise(p, PAGE, MADV_WIPEONFORK), -EINVAL,
		  "madvise.area-rules: WIPEONFORK on shared memory: EINVAL");
	EXPECT_EQ(madvise(p + PAGE, PAGE, MADV_REMOVE), 0,
		  "madvise.shared-keeps-data: REMOVE on shared memory: 0");
	EXPECT(rt_all(p + PAGE, PAGE, 0), "madvise.shared-keeps-data: ... and the page reads zero");
	rt_munmap(p, 2 * PAGE);

	long q = rt_anon(0, PAGE, PROT_RW, 0);
	rt_fill(q, PAGE, 0x44);
	EXPECT_EQ(madvise(q, PAGE, MADV_REMOVE), -EINVAL,
		  "madvise.area-rules: REMOVE on private memory: EINVAL");
	EXPECT_EQ(madvise(q, PAGE, MADV_WIPEONFORK), 0,
		  "madvise.area-rules: WIPEONFORK on private memory: 0");
	EXPECT_EQ(madvise(q, PAGE, MADV_KEEPONFORK), 0,
		  "madvise.area-rules: KEEPONFORK on private memory: 0");
	EXPECT_EQ(madvise(q, PAGE, MADV_DONTDUMP), 0, "madvise.area-rules: DONTDUMP: 0");
	EXPECT_EQ(madvise(q, PAGE, MADV_DODUMP), 0, "madvise.area-rules: DODUMP: 0");
	EXPECT_EQ(madvise(q, PAGE, MADV_HUGEPAGE), 0, "madvise.area-rules: HUGEPAGE (a hint): 0");
	EXPECT(rt_all(q, PAGE, 0x44), "madvise.area-rules: none of these touched the data");
	EXPECT_EQ(madvise(q, PAGE, MADV_DONTNEED), 0,
		  "madvise.area-rules: DONTNEED on private memory: 0");
	EXPECT(rt_all(q, PAGE, 0), "madvise.area-rules: ... and the page reads zero");
	rt_munmap(q, PAGE);
}

static void hugetlb(void)
{
	long f = MAP_ANON_PRIV | MAP_HUGETLB;
	EXPECT_EQ(rt_mmap(0, 2 * MIB, PROT_RW, f, -1, 0), -ENOMEM,
		  "mmap.hugetlb: 2 MiB, no huge pages reserved: ENOMEM");
	EXPECT_EQ(rt_mmap(0, PAGE, PROT_RW, f, -1, 0), -ENOMEM,
		  "mmap.hugetlb: 4 KiB (rounded up to 2 MiB): ENOMEM");
	EXPECT_EQ(rt_mmap(0, 2 * MIB, PROT_RW, f | (21L << MAP_HUGE_SHIFT), -1, 0), -ENOMEM,
		  "mmap.hugetlb: MAP_HUGE_2MB: ENOMEM");
	EXPECT_EQ(rt_mmap(0, 2 * MIB, PROT_RW, f | (12L << MAP_HUGE_SHIFT), -1, 0), -EINVAL,
		  "mmap.hugetlb: size bits 12 (4 KiB is no huge page): EINVAL");
	EXPECT_EQ(rt_mmap(0, 2 * MIB, PROT_RW, f | (63L << MAP_HUGE_SHIFT), -1, 0), -EINVAL,
		  "mmap.hugetlb: size bits 63: EINVAL");
	EXPECT_EQ(rt_mmap(H + PAGE, 2 * MIB, PROT_RW, f | MAP_FIXED, -1, 0), -EINVAL,
		  "mmap.hugetlb: MAP_FIXED not on a 2 MiB boundary: EINVAL");
	EXPECT_EQ(rt_mmap(H, 2 * MIB, PROT_RW, f | MAP_FIXED, -1, 0), -ENOMEM,
		  "mmap.hugetlb: MAP_FIXED on a 2 MiB boundary: ENOMEM");
	EXPECT_EQ(rt_mmap(0, -PAGE, PROT_RW, f, -1, 0), -EINVAL,
		  "mmap.hugetlb: a length rounding up past 2^64: EINVAL");
	EXPECT_EQ(rt_mmap(0, 2 * MIB, PROT_RW, MAP_ANONYMOUS | MAP_HUGETLB, -1, 0), -EINVAL,
		  "mmap.hugetlb: no mapping type: EINVAL");
	EXPECT_EQ(
	    rt_mmap(0, 2 * MIB, PROT_RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0),
	    -ENOMEM, "mmap.hugetlb: MAP_SHARED_VALIDATE (a huge page mapping is a file): ENOMEM");
}

static void fixed_at_zero(void)
{
	long r = rt_anon(0, TASK_SIZE - PAGE, PROT_NONE, MAP_FIXED_NOREPLACE | MAP_NORESERVE);
	if (!rt_on_interlude() && __syscall0(SYS_geteuid) == 0)
		EXPECT_EQ(r, -EEXIST,
			  "mmap.low-address-eperm: MAP_FIXED_NOREPLACE at 0 over nearly all of "
			  "user space (Linux as root: EEXIST)");
	else
		EXPECT_EQ(r, -EPERM,
			  "mmap.low-address-eperm: MAP_FIXED_NOREPLACE at 0 over nearly all of "
			  "user space: EPERM");
	EXPECT_EQ(rt_anon(0, TASK_SIZE + PAGE, PROT_NONE, MAP_FIXED_NOREPLACE | MAP_NORESERVE),
		  -ENOMEM, "mmap.low-address-eperm: ... but longer than user space: ENOMEM");
}

int main(void)
{
	ktap_begin(44);
	locked();
	droppable();
	shared();
	hugetlb();
	fixed_at_zero();
	return ktap_end();
}
