/*
 * kernel_pointers.c - every system call that writes to or reads from user
 * memory, given a kernel address, returns EFAULT and touches nothing.
 * The address comes as argv[1] (hex): the self-test that runs this
 * passes a kernel buffer holding a pattern and checks afterwards that the
 * pattern is intact (kernel/proc/test/user_mm_test.c). Exits with the
 * number of failed checks. (Interlude only: the address is Interlude's.)
 */
#include "rt/rt.h"

static long parse_hex(const char *s)
{
	long v = 0;
	for (; *s; s++)
		v = v * 16 + (*s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10);
	return v;
}

int main(int argc, char **argv)
{
	ktap_begin(10);
	if (argc < 2)
		return 99;
	long k = parse_hex(argv[1]);
	long iov[2] = {k, 16};
	EXPECT_EQ(__syscall1(SYS_uname, k), -EFAULT, "uname into the kernel buffer: EFAULT");
	EXPECT_EQ(__syscall3(SYS_read, 0, k, 16), -EFAULT, "read into it: EFAULT");
	EXPECT_EQ(__syscall3(SYS_write, 1, k, 16), -EFAULT, "write from it: EFAULT");
	EXPECT_EQ(__syscall3(SYS_writev, 1, (long)iov, 1), -EFAULT, "writev from it: EFAULT");
	EXPECT_EQ(__syscall3(SYS_writev, 1, k, 1), -EFAULT,
		  "writev with it as the iovec array: EFAULT");
	EXPECT_EQ(__syscall2(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, k), -EFAULT,
		  "arch_prctl(ARCH_GET_FS) into it: EFAULT");
	EXPECT_EQ(__syscall4(SYS_rt_sigaction, 11, 0, k, 8), -EFAULT,
		  "rt_sigaction's oldact in it: EFAULT");
	EXPECT_EQ(__syscall4(SYS_rt_sigaction, 11, k, 0, 8), -EFAULT,
		  "rt_sigaction's act from it: EFAULT");
	EXPECT_EQ(__syscall4(SYS_rt_sigprocmask, 0, 0, k, 8), -EFAULT,
		  "rt_sigprocmask's oldset in it: EFAULT");
	EXPECT_EQ(__syscall2(SYS_sigaltstack, 0, k), -EFAULT,
		  "sigaltstack's old stack in it: EFAULT");
	return ktap_end();
}
