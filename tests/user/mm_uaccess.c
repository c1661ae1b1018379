/*
 * mm_uaccess.c - bad user pointers in system calls give -EFAULT or a
 * short count, never a signal (uaccess.efault-short-count in
 * docs/spec/memory-syscalls.md), for read, write, writev, uname and
 * arch_prctl.
 *
 * The same static binary runs on Linux and on Interlude and prints KTAP;
 * its exit status is the number of failed checks.
 *
 * Short counts: a write that stops part-way through a buffer is written
 * to fd 1 on Interlude (the bytes are KTAP comment lines, "# ..."), but on
 * Linux to a memfd: there the count depends on the file type (a pipe or a
 * terminal gives -EFAULT, not 10, for 20 bytes that start 10 before a
 * hole; uaccess.efault-short-count was measured on a regular file).
 *
 * The checks named "(vfs_write/import_iovec: ...)" check
 * uaccess.range-checked-first: they follow Linux's source, which checks the
 * whole range [buf, buf + count) lies in user space (access_ok) before copying.
 *
 * test-run: native
 */
#include "rt/rt.h"

#define H 0x200000000000L
#define KERNEL_ADDR 0xffffffff80000000L
#define SYS_lseek 8

struct iovec {
	long base, len;
};

static long out = 1; /* where partial writes go: see above */

static void rewind_out(void)
{
	if (out != 1)
		__syscall3(SYS_lseek, out, 0, 0);
}

static long writev(long fd, struct iovec *iov, long n)
{
	return __syscall3(SYS_writev, fd, iov, n);
}

/* Fills [p, p + n) with "# ..." lines; the last 10 bytes are the line "# tail 10\n". */
static void fill_lines(long p, long n)
{
	static const char tail[] = "# tail 10\n";
	volatile char *c = (volatile char *)p;
	long body = n - 10, i = 0;
	while (i < body) {
		long len = body - i >= 128 ? 64 : body - i; /* no line shorter than 64 */
		const char *head = "# mm_uaccess: copied by the kernel from user memory";
		for (long k = 0; k < len - 1; k++)
			c[i + k] = *head ? *head++ : '.';
		c[i + len - 1] = '\n';
		i += len;
	}
	for (int k = 0; k < 10; k++)
		c[body + k] = tail[k];
}

int main(void)
{
	ktap_begin(34);
	if (!rt_on_interlude())
		out = __syscall2(SYS_memfd_create, "mm_uaccess", 0);
	EXPECT(out > 0, "setup: the output for short counts (Interlude: fd 1; Linux: a memfd)");

	/* p: 1 RW page followed by a hole; q: a PROT_NONE page. */
	long p = H, q = H + 0x100000, hole = H + PAGE;
	EXPECT(rt_anon(p, 2 * PAGE, PROT_RW, MAP_FIXED_NOREPLACE) == p &&
		   rt_munmap(hole, PAGE) == 0 &&
		   rt_anon(q, PAGE, PROT_NONE, MAP_FIXED_NOREPLACE) == q,
	       "setup: a page before a hole, a PROT_NONE page");
	fill_lines(p, PAGE);

	/* uaccess.efault-short-count: nothing readable at all gives -EFAULT. */
	EXPECT_EQ(rt_write(1, hole, 10), -EFAULT,
		  "uaccess.efault-short-count: write from an unmapped buffer: EFAULT");
	EXPECT_EQ(rt_write(1, 0, 10), -EFAULT,
		  "uaccess.efault-short-count: write from NULL: EFAULT");
	EXPECT_EQ(rt_write(1, q, 10), -EFAULT,
		  "uaccess.efault-short-count: write from a PROT_NONE buffer: EFAULT");
	EXPECT_EQ(rt_write(1, 0x800000000000L, 10), -EFAULT,
		  "uaccess.efault-short-count: write from a non-canonical address: EFAULT");
	EXPECT_EQ(rt_write(1, KERNEL_ADDR, 10), -EFAULT,
		  "uaccess.efault-short-count: write from a kernel address: EFAULT");
	EXPECT_EQ(rt_write(999, p, 10), -EBADF, "write to a closed fd: EBADF");
	EXPECT_EQ(rt_write(-1, p, 10), -EBADF, "write to fd -1: EBADF");

	/* uaccess.efault-short-count: a partly valid buffer gives a short count. */
	rewind_out();
	EXPECT_EQ(rt_write(out, p, 2 * PAGE), PAGE,
		  "uaccess.efault-short-count: 8192 bytes, the 2nd page unmapped: 4096");
	rewind_out();
	EXPECT_EQ(rt_write(out, hole - 10, 20), 10,
		  "uaccess.efault-short-count: 20 bytes starting 10 before a hole: 10");
	rewind_out();
	EXPECT_EQ(rt_write(out, p, 0), 0, "write of 0 bytes: 0");
	EXPECT_EQ(rt_write(out, hole, 0), 0, "write of 0 bytes from a hole: 0");

	/* uaccess.range-checked-first: Linux checks [buf, buf+count) is user space first. */
	EXPECT_EQ(rt_write(out, p, 1L << 63), -EFAULT,
		  "write count >= 2^63 (vfs_write: access_ok first): EFAULT");
	EXPECT_EQ(rt_write(out, hole - 10, 0x600000000000L), -EFAULT,
		  "write whose end passes 2^47 (vfs_write: access_ok first): EFAULT");

	/* writev. */
	static char a[] = "# writev: first\n", b[] = "# writev: second\n";
	struct iovec *iov =
	    (struct iovec *)(hole - 2 * sizeof(struct iovec)); /* ends at the hole */
	iov[0] = (struct iovec){(long)a, sizeof a - 1};
	iov[1] = (struct iovec){(long)b, sizeof b - 1};
	rewind_out();
	EXPECT_EQ(writev(out, iov, 2), (long)(sizeof a + sizeof b - 2),
		  "writev of 2 buffers: their total");
	EXPECT_EQ(writev(out, iov, 0), 0, "writev of 0 buffers: 0");
	EXPECT_EQ(writev(out, (struct iovec *)hole, 1), -EFAULT,
		  "writev with an unmapped iovec array: EFAULT");
	EXPECT_EQ(writev(out, iov + 1, 2), -EFAULT,
		  "writev with an iovec array running into a hole: EFAULT");
	EXPECT_EQ(writev(out, 0, 1025), -EINVAL, "writev of 1025 buffers (IOV_MAX 1024): EINVAL");
	iov[1] = (struct iovec){hole, 10};
	rewind_out();
	EXPECT_EQ(writev(out, iov, 2), (long)sizeof a - 1,
		  "uaccess.efault-short-count: writev, 2nd buffer unmapped: the 1st's count");
	iov[0] = (struct iovec){hole, 10};
	iov[1] = (struct iovec){(long)b, sizeof b - 1};
	EXPECT_EQ(writev(out, iov, 2), -EFAULT,
		  "uaccess.efault-short-count: writev, 1st buffer unmapped: EFAULT");
	iov[0] = (struct iovec){(long)a, sizeof a - 1};
	iov[1] = (struct iovec){(long)b, -1};
	EXPECT_EQ(writev(out, iov, 2), -EINVAL, "writev with a negative length: EINVAL");
	iov[1] = (struct iovec){KERNEL_ADDR, 10};
	EXPECT_EQ(writev(out, iov, 2), -EFAULT,
		  "writev, 2nd buffer a kernel address (import_iovec: access_ok first): EFAULT");
	iov[0] = (struct iovec){KERNEL_ADDR, 10};
	iov[1] = (struct iovec){(long)b, -1};
	EXPECT_EQ(writev(out, iov, 2), -EINVAL,
		  "uaccess.iovec-lengths-before-ranges: a kernel 1st buffer, a negative 2nd "
		  "length: EINVAL");

	/* read: access_ok before the file is asked for anything (vfs_read). */
	EXPECT_EQ(__syscall3(SYS_read, 0, KERNEL_ADDR, 10), -EFAULT,
		  "uaccess.range-checked-first: read(0) into a kernel address: EFAULT");
	EXPECT_EQ(__syscall3(SYS_read, 0, 0x800000000000L, 10), -EFAULT,
		  "uaccess.range-checked-first: read(0) into a non-canonical address: EFAULT");
	EXPECT_EQ(__syscall3(SYS_read, 0, p, 1L << 63), -EFAULT,
		  "uaccess.range-checked-first: read(0) of count >= 2^63: EFAULT");

	/* The kernel writing to user memory: uname, arch_prctl(ARCH_GET_FS). */
	EXPECT_EQ(__syscall1(SYS_uname, hole), -EFAULT, "uname into an unmapped buffer: EFAULT");
	EXPECT_EQ(__syscall1(SYS_uname, q), -EFAULT, "uname into a PROT_NONE buffer: EFAULT");
	EXPECT_EQ(rt_mprotect(p, PAGE, PROT_READ), 0, "setup: the page before the hole read-only");
	EXPECT_EQ(__syscall1(SYS_uname, p), -EFAULT, "uname into a PROT_READ buffer: EFAULT");
	EXPECT_EQ(__syscall1(SYS_uname, KERNEL_ADDR), -EFAULT,
		  "uname into a kernel address: EFAULT");
	EXPECT_EQ(__syscall2(SYS_arch_prctl, 0x1003, hole), -EFAULT,
		  "arch_prctl(ARCH_GET_FS) into a hole: EFAULT");

	rt_munmap(p, PAGE);
	rt_munmap(q, PAGE);
	return ktap_end();
}
