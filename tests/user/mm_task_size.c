/*
 * mm_task_size.c - the end of user space is TASK_SIZE, 0x7ffffffff000, for
 * the kernel's copies too (uaccess.range-checked-first in
 * docs/spec/memory-syscalls.md): the last page below 2^47 is not user
 * space, so a buffer that runs into it is refused whole (-EFAULT, nothing
 * copied), not copied up to the fault.
 *
 * The page just below TASK_SIZE is mapped by the test itself on Linux
 * (where the stack is placed at random, lower down) and is the top of
 * the stack on Interlude (no randomisation); either way it is readable
 * and writable, and its last 16 bytes are saved and put back.
 *
 * A short count would be written to fd 1 on Interlude, to a memfd on
 * Linux (see mm_uaccess.c); the buffers are "# ..." comment lines.
 *
 * test-run: native
 */
#include "rt/rt.h"

#define LAST (TASK_SIZE - PAGE) /* the last user page */
#define UTSNAME_SIZE 390	/* struct utsname: 6 fields of 65 bytes */

static long out = 1;

int main(void)
{
	ktap_begin(10);
	if (!rt_on_interlude())
		out = __syscall2(SYS_memfd_create, "mm_task_size", 0);
	long m = rt_anon(LAST, PAGE, PROT_RW, MAP_FIXED_NOREPLACE);
	EXPECT(m == LAST || m == -EEXIST,
	       "setup: the page below TASK_SIZE is there (ours or the stack's)");

	volatile char *tail = (volatile char *)rt_launder(TASK_SIZE - 16); /* the last 16 bytes */
	char saved[16];
	for (int i = 0; i < 16; i++)
		saved[i] = tail[i];
	static const char line[] = "# last 16 bytes\n"; /* a KTAP comment if printed */
	for (int i = 0; i < 16; i++)
		tail[i] = line[i];

	/* A buffer ending exactly at TASK_SIZE is user memory. */
	EXPECT_EQ(rt_write(out, TASK_SIZE - 16, 16), 16,
		  "write of the 16 bytes below TASK_SIZE: 16");
	/* One crossing it is not: refused whole, not a short count. */
	EXPECT_EQ(rt_write(out, TASK_SIZE - 16, 32), -EFAULT,
		  "write of 32 bytes from 16 below TASK_SIZE (access_ok): EFAULT, not 16");
	EXPECT_EQ(rt_write(out, TASK_SIZE - 16, 4096 + 16), -EFAULT,
		  "write running over TASK_SIZE into 2^47: EFAULT");
	/* Nothing at or above TASK_SIZE is; an empty buffer may end there, not past it. */
	EXPECT_EQ(rt_write(out, 0x800000000000L, 0), -EFAULT, "write of 0 bytes at 2^47: EFAULT");
	EXPECT_EQ(rt_write(out, TASK_SIZE, 16), -EFAULT, "write of 16 bytes at TASK_SIZE: EFAULT");
	EXPECT_EQ(rt_write(out, TASK_SIZE, 0), 0, "write of 0 bytes at TASK_SIZE (ends there): 0");
	/* A segment base must be a user address too (do_arch_prctl_64: TASK_SIZE_MAX). */
	EXPECT_EQ(__syscall2(SYS_arch_prctl, 0x1001 /* ARCH_SET_GS */, TASK_SIZE), -EPERM,
		  "arch_prctl(ARCH_SET_GS, TASK_SIZE): EPERM");

	/* uname into a buffer crossing TASK_SIZE: EFAULT and not one byte written. */
	for (int i = 0; i < 8; i++)
		tail[i + 8] = (char)0xa5;
	EXPECT_EQ(__syscall1(SYS_uname, TASK_SIZE - 8), -EFAULT, "uname(TASK_SIZE - 8): EFAULT");
	int intact = 1;
	for (int i = 0; i < 8; i++)
		intact &= tail[i + 8] == (char)0xa5;
	EXPECT(intact, "uname(TASK_SIZE - 8) wrote nothing");

	for (int i = 0; i < 16; i++)
		tail[i] = saved[i];
	if (m == LAST)
		rt_munmap(LAST, PAGE);
	return ktap_end();
}
