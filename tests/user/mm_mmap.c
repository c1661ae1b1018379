/*
 * mm_mmap.c - anonymous mmap(2) against Linux's behaviour (the mmap rules in
 * docs/spec/memory-syscalls.md, those that need no files, fork or signals).
 *
 * The same static binary runs on Linux and on Interlude and prints KTAP;
 * its exit status is the number of failed checks. Fixed addresses are in
 * 0x200000000000 (32 TiB), free on both: Linux puts its heap near the
 * binary and its mmap area, vdso and stack near 0x7f..., and so does
 * Interlude. Two checks branch on the system (their names say so):
 *  - MAP_FIXED at 0: EPERM, except for Linux's root (CAP_SYS_RAWIO);
 *  - the page at 0x7fffffffe000: free on Linux (its stack top is
 *    randomised lower), but Interlude's stack ends at 0x7ffffffff000.
 *
 * test-run: native
 */
#include "rt/rt.h"

#define H 0x200000000000L
#define TIB (1L << 40)

static long mm(long addr, long len, long prot, long flags, long fd, long off)
{
	return rt_mmap(addr, len, prot, flags, fd, off);
}

/* Checks that r is a page-aligned address (a success), then unmaps len bytes there. */
static void ok_unmap(long r, long len, const char *name)
{
	EXPECT(r > 0 && (r & (PAGE - 1)) == 0, name);
	if (r > 0)
		rt_munmap(r, len);
}

static void placement(void)
{
	/*
	 * mmap.kernel-picks-top-down, first, before any munmap leaves a hole:
	 * top-down and adjacent.
	 */
	long m1 = rt_anon(0, PAGE, PROT_RW, 0), m2 = rt_anon(0, PAGE, PROT_RW, 0);
	EXPECT(m1 >= 0x10000 && (m1 & (PAGE - 1)) == 0 && m1 < TASK_SIZE,
	       "mmap.kernel-picks-top-down: addr=NULL gives a page-aligned address above 64 KiB");
	EXPECT_EQ(m2, m1 - PAGE,
		  "mmap.kernel-picks-top-down: the next one is directly below (top-down)");
	EXPECT_EQ(rt_munmap(m2, 2 * PAGE), 0,
		  "mmap.kernel-picks-top-down: one munmap removes both");

	/* mmap.hint: hints. */
	EXPECT_EQ(rt_anon(H, PAGE, PROT_RW, 0), H, "mmap.hint: a free hint is used exactly");
	EXPECT_EQ(rt_anon(H + 0x6123, PAGE, PROT_RW, 0), H + 0x6000,
		  "mmap.hint: an unaligned hint is rounded down");
	long r = rt_anon(H, PAGE, PROT_RW, 0);
	EXPECT(r > 0 && r != H, "mmap.hint: a hint on a mapping: another address, no error");
	rt_munmap(r, PAGE);
	r = rt_anon(H - PAGE, 2 * PAGE, PROT_RW, 0);
	EXPECT(r > 0 && r != H - PAGE, "mmap.hint: a hint overlapping a mapping is ignored");
	rt_munmap(r, 2 * PAGE);
	r = rt_anon(0x800000000000L, PAGE, PROT_RW, 0);
	EXPECT(r > 0 && r < TASK_SIZE, "mmap.hint: a hint at 2^47 is ignored");
	rt_munmap(r, PAGE);
	r = rt_anon(0x7ffffffff000L, PAGE, PROT_RW, 0);
	EXPECT(r > 0 && r < 0x7ffffffff000L,
	       "mmap.hint: a hint at 0x7ffffffff000 (past TASK_SIZE-len) is ignored");
	rt_munmap(r, PAGE);
	rt_munmap(H, 0x7000);

	/* mmap.placement-flags: MAP_32BIT and MAP_POPULATE. */
	r = rt_anon(0, 4 * PAGE, PROT_RW, MAP_32BIT);
	EXPECT(r >= 0x10000 && r + 4 * PAGE <= 0x80000000L,
	       "mmap.placement-flags: MAP_32BIT maps below 2 GiB");
	rt_munmap(r, 4 * PAGE);
	r = rt_anon(0, 16 * PAGE, PROT_RW, MAP_POPULATE);
	EXPECT(r > 0 && rt_all(r, 16 * PAGE, 0),
	       "mmap.placement-flags: MAP_POPULATE succeeds, zero-filled");
	rt_munmap(r, 16 * PAGE);
}

static void arguments(void)
{
	const long AP = MAP_ANON_PRIV;
	/* mmap.len-zero-einval to mmap.commit-accounting, and the order of the checks. */
	EXPECT_EQ(mm(0, 0, PROT_RW, AP, -1, 0), -EINVAL, "mmap.len-zero-einval: len 0: EINVAL");
	EXPECT_EQ(mm(H, 0, PROT_RW, AP | MAP_FIXED, -1, 0), -EINVAL,
		  "mmap.len-zero-einval: len 0 with MAP_FIXED: EINVAL");
	EXPECT_EQ(mm(0, PAGE, PROT_RW, MAP_ANONYMOUS, -1, 0), -EINVAL,
		  "mmap.type-must-be-valid: no SHARED/PRIVATE type: EINVAL");
	EXPECT_EQ(mm(0, PAGE, PROT_RW, MAP_ANONYMOUS | 0xf, -1, 0), -EINVAL,
		  "mmap.type-must-be-valid: type 0xf: EINVAL");
	EXPECT_EQ(mm(0, PAGE, PROT_RW, MAP_ANONYMOUS | MAP_SHARED_VALIDATE, -1, 0), -EINVAL,
		  "mmap.type-must-be-valid: anonymous MAP_SHARED_VALIDATE: EINVAL");
	EXPECT_EQ(mm(0, PAGE, PROT_RW, AP, -1, 1), -EINVAL,
		  "mmap.offset-aligned-first: offset 1: EINVAL");
	EXPECT_EQ(mm(0, PAGE, PROT_RW, MAP_PRIVATE, -1, 1), -EINVAL,
		  "mmap.offset-aligned-first: offset 1 beats a bad fd: EINVAL");
	ok_unmap(mm(0, PAGE, PROT_RW, AP, -1, PAGE), PAGE,
		 "mmap.offset-aligned-first: offset 4096 with MAP_ANONYMOUS is ignored");
	ok_unmap(mm(0, PAGE, PROT_RW, AP, 7, 0), PAGE,
		 "mmap.anonymous-ignores-fd: MAP_ANONYMOUS ignores fd 7");
	EXPECT_EQ(mm(0, PAGE, PROT_RW, MAP_PRIVATE, -1, 0), -EBADF,
		  "mmap.anonymous-ignores-fd: a file mapping of fd -1: EBADF");
	EXPECT_EQ(mm(0, PAGE, PROT_RW, MAP_PRIVATE, 999, 0), -EBADF,
		  "mmap.anonymous-ignores-fd: a file mapping of a closed fd: EBADF");
	EXPECT_EQ(mm(0, 0, PROT_RW, MAP_PRIVATE, -1, 0), -EBADF,
		  "mmap.anonymous-ignores-fd: EBADF beats len 0");
	ok_unmap(mm(0, PAGE, 0x100 | PROT_READ, AP, -1, 0), PAGE,
		 "mmap.prot-not-validated: unknown prot bit 0x100 accepted");
	ok_unmap(mm(0, PAGE, PROT_RW, AP | 0x400, -1, 0), PAGE,
		 "mmap.unknown-flags-ignored: unknown flag 0x400 ignored");
	ok_unmap(mm(0, PAGE, PROT_RW, AP | 0x40000000, -1, 0), PAGE,
		 "mmap.unknown-flags-ignored: MAP_HUGE size bits ignored");
	EXPECT_EQ(mm(0, PAGE, PROT_RW, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0), -EINVAL,
		  "mmap.shared-growsdown-einval: shared anonymous MAP_GROWSDOWN: EINVAL");
	EXPECT_EQ(mm(0, 1L << 47, PROT_RW, AP, -1, 0), -ENOMEM,
		  "mmap.huge-len-enomem: len 2^47: ENOMEM");
	EXPECT_EQ(mm(0, -1L, PROT_RW, AP, -1, 0), -ENOMEM,
		  "mmap.huge-len-enomem: len SIZE_MAX: ENOMEM");
	EXPECT_EQ(mm(0, -PAGE, PROT_RW, AP, -1, 0), -ENOMEM,
		  "mmap.huge-len-enomem: len 0xfffffffffffff000: ENOMEM");
	EXPECT_EQ(mm(0, -1L, PROT_RW, MAP_ANONYMOUS, -1, 0), -ENOMEM,
		  "mmap.huge-len-enomem: len SIZE_MAX beats a bad type: ENOMEM");
	/*
	 * mmap.commit-accounting: commit accounting (Interlude: 128 MiB RAM;
	 * Linux here: 24 GiB).
	 */
	EXPECT_EQ(mm(0, TIB, PROT_RW, AP, -1, 0), -ENOMEM,
		  "mmap.commit-accounting: 1 TiB private writable: ENOMEM");
	ok_unmap(mm(0, TIB, PROT_RW, AP | MAP_NORESERVE, -1, 0), TIB,
		 "mmap.commit-accounting: 1 TiB with MAP_NORESERVE succeeds");
	ok_unmap(mm(0, TIB, PROT_READ, AP, -1, 0), TIB,
		 "mmap.commit-accounting: 1 TiB PROT_READ private succeeds");
}

static void fixed(void)
{
	/* mmap.fixed: MAP_FIXED. */
	EXPECT_EQ(rt_anon(H + 1, PAGE, PROT_RW, MAP_FIXED), -EINVAL,
		  "mmap.fixed: unaligned MAP_FIXED: EINVAL");
	EXPECT_EQ(rt_anon(H + 1, PAGE, PROT_RW, MAP_FIXED_NOREPLACE), -EINVAL,
		  "mmap.fixed: unaligned MAP_FIXED_NOREPLACE: EINVAL");
	long a = H + 16 * PAGE;
	EXPECT_EQ(rt_anon(a, 4 * PAGE, PROT_RW, MAP_FIXED_NOREPLACE), a,
		  "mmap.fixed: map 4 pages at a free address");
	for (int i = 0; i < 4; i++)
		rt_fill(a + i * PAGE, PAGE, 'a' + i);
	EXPECT_EQ(rt_anon(a + PAGE, PAGE, PROT_READ, MAP_FIXED), a + PAGE,
		  "mmap.fixed: MAP_FIXED PROT_READ over page 2");
	EXPECT(rt_all(a + PAGE, PAGE, 0), "mmap.fixed: the new page reads zero");
	EXPECT(rt_all(a, PAGE, 'a') && rt_all(a + 2 * PAGE, PAGE, 'c') &&
		   rt_all(a + 3 * PAGE, PAGE, 'd'),
	       "mmap.fixed: the neighbours keep their data");
	EXPECT(!rt_kernel_can_write(a + PAGE) && rt_kernel_can_write(a + 2 * PAGE),
	       "mmap.fixed: the new page is read-only, the next one still writable");
	EXPECT_EQ(rt_anon(a + 3 * PAGE, 3 * PAGE, PROT_RW, MAP_FIXED), a + 3 * PAGE,
		  "mmap.fixed: MAP_FIXED over mapped and unmapped pages");
	EXPECT(rt_all(a + 3 * PAGE, 3 * PAGE, 0), "mmap.fixed: the replaced range reads zero");
	EXPECT_EQ(rt_munmap(a, 6 * PAGE), 0, "mmap.fixed: munmap all of it");

	/* mmap.fixed-noreplace-eexist: MAP_FIXED_NOREPLACE. */
	long b = H + 64 * PAGE;
	EXPECT_EQ(rt_anon(b, 4 * PAGE, PROT_RW, MAP_FIXED_NOREPLACE), b,
		  "mmap.fixed-noreplace-eexist: a free range: exactly there");
	EXPECT_EQ(rt_anon(b, 4 * PAGE, PROT_RW, MAP_FIXED_NOREPLACE), -EEXIST,
		  "mmap.fixed-noreplace-eexist: full overlap: EEXIST");
	EXPECT_EQ(rt_anon(b + PAGE, PAGE, PROT_RW, MAP_FIXED_NOREPLACE), -EEXIST,
		  "mmap.fixed-noreplace-eexist: contained: EEXIST");
	EXPECT_EQ(rt_anon(b - PAGE, 2 * PAGE, PROT_RW, MAP_FIXED_NOREPLACE), -EEXIST,
		  "mmap.fixed-noreplace-eexist: start-partial overlap: EEXIST");
	EXPECT_EQ(rt_anon(b + 3 * PAGE, 2 * PAGE, PROT_RW, MAP_FIXED_NOREPLACE), -EEXIST,
		  "mmap.fixed-noreplace-eexist: end-partial overlap: EEXIST");
	EXPECT_EQ(rt_anon(b - PAGE, 6 * PAGE, PROT_RW, MAP_FIXED_NOREPLACE), -EEXIST,
		  "mmap.fixed-noreplace-eexist: covering: EEXIST");
	EXPECT_EQ(rt_anon(b - PAGE, PAGE, PROT_RW, MAP_FIXED_NOREPLACE), b - PAGE,
		  "mmap.fixed-noreplace-eexist: adjacent below succeeds");
	EXPECT_EQ(rt_anon(b + 4 * PAGE, PAGE, PROT_RW, MAP_FIXED_NOREPLACE), b + 4 * PAGE,
		  "mmap.fixed-noreplace-eexist: adjacent above succeeds");
	EXPECT_EQ(rt_munmap(b - PAGE, 6 * PAGE), 0,
		  "mmap.fixed-noreplace-eexist: munmap all of it");
}

static void limits(void)
{
	/* mmap.top-of-user-space: the top of user space. All fail before anything is unmapped. */
	EXPECT_EQ(rt_anon(0x7ffffffff000L, PAGE, PROT_RW, MAP_FIXED), -ENOMEM,
		  "mmap.top-of-user-space: MAP_FIXED at 0x7ffffffff000: ENOMEM");
	EXPECT_EQ(rt_anon(0x7ffffffff000L, PAGE, PROT_RW, MAP_FIXED_NOREPLACE), -ENOMEM,
		  "mmap.top-of-user-space: MAP_FIXED_NOREPLACE at 0x7ffffffff000: ENOMEM");
	EXPECT_EQ(rt_anon(0x7fffffffe000L, 2 * PAGE, PROT_RW, MAP_FIXED), -ENOMEM,
		  "mmap.top-of-user-space: MAP_FIXED [0x7fffffffe000, +8192): ENOMEM");
	EXPECT_EQ(rt_anon(0x800000000000L, PAGE, PROT_RW, MAP_FIXED), -ENOMEM,
		  "mmap.top-of-user-space: MAP_FIXED at 2^47: ENOMEM");
	EXPECT_EQ(rt_anon(0xffffffffffff0000L, PAGE, PROT_RW, MAP_FIXED), -ENOMEM,
		  "mmap.top-of-user-space: MAP_FIXED at 0xffffffffffff0000: ENOMEM");
	long r = rt_anon(0x7fffffffe000L, PAGE, PROT_RW, MAP_FIXED_NOREPLACE);
	if (rt_on_interlude()) {
		EXPECT_EQ(r, -EEXIST,
			  "mmap.top-of-user-space: 0x7fffffffe000 is mappable (Interlude: its "
			  "stack is there, EEXIST)");
	} else {
		EXPECT(r == 0x7fffffffe000L || r == -EEXIST,
		       "mmap.top-of-user-space: 0x7fffffffe000 is mappable (Linux: success, or "
		       "EEXIST if the stack is there)");
		if (r > 0)
			rt_munmap(r, PAGE);
	}

	/*
	 * mmap.low-address-eperm: low addresses (mmap_min_addr: Interlude
	 * 65536, Linux 4096 or 65536).
	 */
	r = rt_anon(0, PAGE, PROT_RW, MAP_FIXED);
	if (!rt_on_interlude() && __syscall0(SYS_geteuid) == 0) {
		EXPECT_EQ(r, 0,
			  "mmap.low-address-eperm: MAP_FIXED at 0 (Linux as root, CAP_SYS_RAWIO: "
			  "succeeds)");
		if (r == 0)
			rt_munmap(0, PAGE);
	} else {
		EXPECT_EQ(r, -EPERM, "mmap.low-address-eperm: MAP_FIXED at 0: EPERM");
	}
	EXPECT_EQ(rt_anon(0x10000, PAGE, PROT_RW, MAP_FIXED_NOREPLACE), 0x10000,
		  "mmap.low-address-eperm: MAP_FIXED at 0x10000 succeeds");
	rt_munmap(0x10000, PAGE);
}

static void fresh(void)
{
	/* mmap.fresh-memory-zero: fresh memory is zero; a short length maps a whole page. */
	long r = rt_anon(0, 2 * PAGE, PROT_RW, 0);
	EXPECT(r > 0 && rt_all(r, 2 * PAGE, 0),
	       "mmap.fresh-memory-zero: fresh private memory reads zero");
	rt_munmap(r, 2 * PAGE);
	r = mm(0, 2 * PAGE, PROT_RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	EXPECT(r > 0 && rt_all(r, 2 * PAGE, 0),
	       "mmap.fresh-memory-zero: fresh shared anonymous memory reads zero");
	rt_munmap(r, 2 * PAGE);
	long c = H + 128 * PAGE;
	r = rt_anon(c, 100, PROT_RW, MAP_FIXED_NOREPLACE);
	EXPECT_EQ(r, c, "mmap.fresh-memory-zero: len 100 maps");
	((volatile char *)c)[4000] = 7;
	EXPECT(((volatile char *)c)[4000] == 7 && rt_all(c, 4000, 0),
	       "mmap.fresh-memory-zero: offset 4000 of a 100-byte map is usable");
	EXPECT(rt_mapped(c) && !rt_mapped(c + PAGE),
	       "mmap.fresh-memory-zero: exactly one page was mapped");
	rt_munmap(c, PAGE);

	/* mmap.prot-enforcement: what each protection allows (x86, no protection keys used). */
	r = rt_anon(0, PAGE, PROT_WRITE, 0);
	EXPECT(r > 0 && rt_all(r, PAGE, 0), "mmap.prot-enforcement: PROT_WRITE implies read");
	rt_munmap(r, PAGE);
	r = rt_anon(0, PAGE, PROT_EXEC, 0);
	EXPECT(r > 0 && rt_all(r, PAGE, 0), "mmap.prot-enforcement: PROT_EXEC alone is readable");
	rt_munmap(r, PAGE);
	r = rt_anon(0, PAGE, PROT_READ, 0);
	EXPECT(r > 0 && rt_all(r, PAGE, 0) && !rt_kernel_can_write(r),
	       "mmap.prot-enforcement: PROT_READ reads zero, is not writable");
	rt_munmap(r, PAGE);
}

int main(void)
{
	ktap_begin(11 + 23 + 19 + 8 + 8);
	placement();
	arguments();
	fixed();
	limits();
	fresh();
	return ktap_end();
}
