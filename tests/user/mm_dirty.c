/*
 * mm_dirty.c - fills 8 MiB of mmap memory, 1 MiB of heap and 1 MiB of
 * stack with 0x5a and exits: run it before mm_fresh, which checks that
 * none of it shows through in a new process's memory (on Interlude the
 * frames are reused within one boot).
 *
 * Prints KTAP; its exit status is the number of failed checks.
 */
#include "rt/rt.h"

#define MIB (1L << 20)

__attribute__((noinline)) static void stack_fill(int n)
{
	volatile unsigned char a[4000];
	for (int i = 0; i < 4000; i++)
		a[i] = 0x5a;
	if (n > 0)
		stack_fill(n - 1);
	if (a[0] != 0x5a) /* uses the array, so it is really written */
		__syscall1(SYS_exit, 99);
}

int main(void)
{
	ktap_begin(3);
	long m = rt_anon(0, 8 * MIB, PROT_RW, 0);
	EXPECT(m > 0, "mmap 8 MiB");
	if (m > 0)
		rt_fill(m, 8 * MIB, 0x5a);
	EXPECT(m > 0 && rt_all(m, 8 * MIB, 0x5a), "8 MiB filled with 0x5a");
	long b = rt_brk(0);
	EXPECT_EQ(rt_brk(b + MIB), b + MIB, "brk grows by 1 MiB");
	if (rt_brk(0) == b + MIB)
		rt_fill(b, MIB, 0x5a);
	stack_fill(256);
	return ktap_end();
}
