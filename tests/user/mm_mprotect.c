/*
 * mm_mprotect.c - mprotect(2) against Linux's behaviour (the mprotect rules in
 * docs/spec/memory-syscalls.md, without signals).
 *
 * A page's protection is observed through system calls, never by a
 * faulting access: uname() makes the kernel write 390 bytes there (it
 * gives -EFAULT on a page that is not writable), write() makes it read
 * (-EFAULT on PROT_NONE), madvise says whether the page is mapped.
 *
 * The same static binary runs on Linux and on Interlude and prints KTAP;
 * its exit status is the number of failed checks. Fixed addresses are in
 * 0x200000000000 (32 TiB), free on both systems.
 *
 * test-run: native
 */
#include "rt/rt.h"

#define H 0x200000000000L

static long map_at(long a, int pages, long flags)
{
	return rt_anon(a, pages * PAGE, PROT_RW, MAP_FIXED_NOREPLACE | flags);
}

/* Can the kernel write page i of a? (uname() there; clobbers 390 bytes) */
static int writable(long a, int i)
{
	return rt_kernel_can_write(a + i * PAGE);
}

static void errors(void)
{
	long a = H, hole = H + 0x100000;
	EXPECT_EQ(map_at(a, 4, 0), a, "setup: 4 pages");
	EXPECT_EQ(rt_mprotect(a + 1, PAGE, PROT_READ), -EINVAL,
		  "mprotect.unaligned-einval: unaligned addr: EINVAL");
	EXPECT_EQ(rt_mprotect(a + 1, 0, PROT_READ), -EINVAL,
		  "mprotect.unaligned-einval: unaligned addr beats len 0: EINVAL");
	EXPECT_EQ(rt_mprotect(hole, 0, PROT_READ), 0,
		  "mprotect.len-zero-ok: len 0 on an unmapped address: 0");
	EXPECT_EQ(rt_mprotect(a, 0, 0x100), 0,
		  "mprotect.len-zero-ok: len 0 with an invalid prot: 0");
	EXPECT_EQ(rt_mprotect(0, PAGE + 1, PROT_READ), -ENOMEM,
		  "mprotect.unmapped-enomem: mprotect(NULL, 4097): ENOMEM");
	EXPECT_EQ(rt_mprotect(hole, PAGE, PROT_READ), -ENOMEM,
		  "mprotect.unmapped-enomem: an unmapped range: ENOMEM");
	EXPECT_EQ(rt_mprotect(0x800000000000L, PAGE, PROT_READ), -ENOMEM,
		  "mprotect.unmapped-enomem: mprotect(2^47, 4096): ENOMEM");
	EXPECT_EQ(rt_mprotect(a, -PAGE, PROT_READ), -ENOMEM,
		  "mprotect.wrapping-end-enomem: an end that wraps: ENOMEM");
	EXPECT_EQ(rt_mprotect(a, PAGE, 0x100), -EINVAL,
		  "mprotect.bad-prot-einval: prot 0x100: EINVAL");
	EXPECT_EQ(rt_mprotect(a, PAGE, 0x10), -EINVAL,
		  "mprotect.bad-prot-einval: prot 0x10: EINVAL");
	EXPECT_EQ(rt_mprotect(hole, PAGE, 0x100), -EINVAL,
		  "mprotect.bad-prot-einval: bad prot beats an unmapped range: EINVAL");
	EXPECT_EQ(rt_mprotect(a, PAGE, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP), -EINVAL,
		  "mprotect.bad-prot-einval: GROWSDOWN|GROWSUP: EINVAL");
	EXPECT_EQ(
	    rt_mprotect(a, PAGE, PROT_READ | PROT_GROWSDOWN), -EINVAL,
	    "mprotect.bad-prot-einval: PROT_GROWSDOWN on an area that does not grow down: EINVAL");
	EXPECT_EQ(rt_mprotect(a, PAGE, PROT_READ | PROT_GROWSUP), -EINVAL,
		  "mprotect.bad-prot-einval: PROT_GROWSUP on x86: EINVAL");
	EXPECT(writable(a, 0) && writable(a, 1) && writable(a, 2) && writable(a, 3),
	       "mprotect.unaligned-einval to mprotect.bad-prot-einval: the failed calls changed "
	       "nothing");
	EXPECT_EQ(rt_mprotect(a, PAGE, PROT_RW | PROT_SEM), 0,
		  "mprotect.bad-prot-einval: PROT_SEM is accepted");
	EXPECT(writable(a, 0), "mprotect.bad-prot-einval: and means nothing");
	rt_munmap(a, 4 * PAGE);

	/* PROT_GROWSDOWN on a grows-down area extends the range down to its start. */
	long g = H + 0x200000;
	EXPECT_EQ(map_at(g, 4, MAP_GROWSDOWN), g, "setup: 4 pages MAP_GROWSDOWN");
	EXPECT_EQ(rt_mprotect(g + 3 * PAGE, PAGE, PROT_READ | PROT_GROWSDOWN), 0,
		  "mprotect.bad-prot-einval: PROT_GROWSDOWN on a grows-down area succeeds");
	EXPECT(!writable(g, 0) && !writable(g, 3),
	       "mprotect.bad-prot-einval: it changed the area down to its start");
	rt_munmap(g, 4 * PAGE);
}

static void not_atomic(void)
{
	/* mprotect.not-atomic: the walk stops at the first hole, with what came before changed. */
	long c = H + 0x300000;
	EXPECT(map_at(c, 4, 0) == c && rt_munmap(c + 3 * PAGE, PAGE) == 0,
	       "setup: [3 pages][hole]");
	EXPECT_EQ(rt_mprotect(c, 4 * PAGE, PROT_READ), -ENOMEM,
		  "mprotect.not-atomic: [3 pages][hole]: ENOMEM");
	EXPECT(!writable(c, 0) && !writable(c, 1) && !writable(c, 2),
	       "mprotect.not-atomic: but the 3 pages became read-only");
	rt_munmap(c, 4 * PAGE);

	EXPECT(map_at(c, 4, 0) == c && rt_munmap(c + 2 * PAGE, PAGE) == 0,
	       "setup: [2 pages][hole][1 page]");
	EXPECT_EQ(rt_mprotect(c, 4 * PAGE, PROT_READ), -ENOMEM,
		  "mprotect.not-atomic: [2 pages][hole][1 page]: ENOMEM");
	EXPECT(!writable(c, 0) && !writable(c, 1) && writable(c, 3),
	       "mprotect.not-atomic: the pages before the hole changed, the one after did not");
	rt_munmap(c, 4 * PAGE);

	EXPECT(map_at(c + PAGE, 2, 0) == c + PAGE, "setup: [hole][2 pages]");
	EXPECT_EQ(rt_mprotect(c, 3 * PAGE, PROT_READ), -ENOMEM,
		  "mprotect.not-atomic: [hole][2 pages]: ENOMEM");
	EXPECT(writable(c, 1) && writable(c, 2),
	       "mprotect.not-atomic: a hole first: nothing changed");
	rt_munmap(c, 3 * PAGE);
}

static void split_merge(void)
{
	long a = H + 0x400000;
	/* mprotect.len-rounded-up: len rounds up. */
	EXPECT_EQ(map_at(a, 4, 0), a, "setup: 4 pages");
	EXPECT_EQ(rt_mprotect(a, PAGE + 1, PROT_READ), 0,
		  "mprotect.len-rounded-up: mprotect(a, 4097, PROT_READ)");
	EXPECT(!writable(a, 0) && !writable(a, 1) && writable(a, 2),
	       "mprotect.len-rounded-up: it covered 2 pages");
	EXPECT_EQ(rt_mprotect(a, 4 * PAGE, PROT_RW), 0,
		  "mprotect.len-rounded-up: back to RW over mixed areas");
	EXPECT(writable(a, 0) && writable(a, 1) && writable(a, 3),
	       "mprotect.len-rounded-up: all writable again");

	/* mprotect.split-merge: split and merge. */
	EXPECT_EQ(rt_mprotect(a + PAGE, PAGE, PROT_READ), 0,
		  "mprotect.split-merge: the 2nd page read-only");
	EXPECT(writable(a, 0) && !writable(a, 1) && writable(a, 2) && writable(a, 3),
	       "mprotect.split-merge: only the 2nd page changed (split in 3)");
	EXPECT_EQ(rt_munmap(a + 2 * PAGE, PAGE), 0,
		  "mprotect.split-merge: munmap the 3rd page of the split");
	EXPECT(writable(a, 0) && !writable(a, 1) && !rt_mapped(a + 2 * PAGE) && writable(a, 3),
	       "mprotect.split-merge: the others are unchanged");
	EXPECT_EQ(rt_anon(a + 2 * PAGE, PAGE, PROT_RW, MAP_FIXED), a + 2 * PAGE,
		  "mprotect.split-merge: map it again");
	EXPECT_EQ(rt_mprotect(a + PAGE, PAGE, PROT_RW), 0,
		  "mprotect.split-merge: the 2nd page RW again (merge)");
	EXPECT_EQ(rt_mprotect(a, 4 * PAGE, PROT_READ), 0,
		  "mprotect.split-merge: one mprotect over all 4 pages");
	EXPECT(!writable(a, 0) && !writable(a, 3), "mprotect.split-merge: all 4 read-only");
	rt_munmap(a, 4 * PAGE);

	long f = H + 0x500000;
	EXPECT(map_at(f, 1, 0) == f &&
		   rt_mmap(f + PAGE, PAGE, PROT_RW,
			   MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) == f + PAGE,
	       "setup: a private page, then a shared page");
	EXPECT_EQ(rt_mprotect(f, 2 * PAGE, PROT_READ), 0,
		  "mprotect.split-merge: one mprotect over private then shared");
	EXPECT(!writable(f, 0) && !writable(f, 1), "mprotect.split-merge: both read-only");
	rt_munmap(f, 2 * PAGE);
}

static int (*volatile call)(void);

static void none_exec(void)
{
	/*
	 * mprotect.prot-none-keeps-data: PROT_NONE keeps the data; PROT_EXEC
	 * runs code written before.
	 */
	long p = H + 0x600000;
	static const char line[] =
	    "# mm_mprotect: this line was written by write() from a PROT_READ page\n";
	long n = (long)sizeof line - 1;
	EXPECT_EQ(map_at(p, 1, 0), p, "setup: 1 page");
	for (long i = 0; i < n; i++)
		((volatile char *)p)[i] = line[i];
	EXPECT_EQ(rt_mprotect(p, PAGE, PROT_READ), 0, "mprotect.prot-none-keeps-data: PROT_READ");
	EXPECT_EQ(rt_write(1, p, n), n,
		  "mprotect.prot-none-keeps-data: the kernel can read a PROT_READ page");
	EXPECT(!writable(p, 0), "mprotect.prot-none-keeps-data: but cannot write it");
	EXPECT_EQ(rt_mprotect(p, PAGE, PROT_NONE), 0, "mprotect.prot-none-keeps-data: PROT_NONE");
	EXPECT_EQ(rt_write(1, p, n), -EFAULT,
		  "mprotect.prot-none-keeps-data: a PROT_NONE page cannot be read: EFAULT");
	EXPECT(rt_mapped(p), "mprotect.prot-none-keeps-data: it is still mapped");
	EXPECT_EQ(rt_mprotect(p, PAGE, PROT_RW), 0, "mprotect.prot-none-keeps-data: back to RW");
	int same = 1;
	for (long i = 0; i < n; i++)
		same &= ((volatile char *)p)[i] == line[i];
	EXPECT(same, "mprotect.prot-none-keeps-data: the data survived PROT_NONE");

	/* mov eax, 42; ret */
	static const unsigned char code[] = {0xb8, 42, 0, 0, 0, 0xc3};
	for (unsigned i = 0; i < sizeof code; i++)
		((volatile unsigned char *)p)[i] = code[i];
	EXPECT_EQ(rt_mprotect(p, PAGE, PROT_READ | PROT_EXEC), 0,
		  "mprotect.prot-none-keeps-data: PROT_READ|PROT_EXEC");
	call = (int (*)(void))p;
	EXPECT_EQ(call(), 42, "mprotect.prot-none-keeps-data: code written before runs");
	EXPECT(!writable(p, 0), "mprotect.prot-none-keeps-data: and the page is not writable");
	rt_munmap(p, PAGE);
}

int main(void)
{
	ktap_begin(21 + 9 + 16 + 12);
	errors();
	not_atomic();
	split_merge();
	none_exec();
	return ktap_end();
}
