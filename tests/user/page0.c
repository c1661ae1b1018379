/*
 * page0.c - page 0 can never be mapped (nor anything below mmap_min_addr,
 * 64 KiB on Interlude), whichever call asks: MAP_FIXED of one page or of
 * nearly all of user space, MAP_FIXED_NOREPLACE, hints (moved up to 64
 * KiB), MAP_32BIT, mprotect and madvise of the page (ENOMEM: nothing is
 * there), and a grows-down area just above 64 KiB cannot grow below it
 * (mm_test's stack rules). Interlude only: Linux's root may map page 0.
 * Exits with the number of failed checks.
 */
#include "rt/rt.h"

int main(void)
{
	ktap_begin(9);
	EXPECT_EQ(rt_anon(0, PAGE, PROT_RW, MAP_FIXED), -EPERM, "MAP_FIXED at 0: EPERM");
	EXPECT_EQ(rt_anon(0, TASK_SIZE - PAGE, PROT_NONE, MAP_FIXED | MAP_NORESERVE), -EPERM,
		  "MAP_FIXED at 0 over nearly all of user space: EPERM");
	EXPECT_EQ(rt_anon(0xf000, 2 * PAGE, PROT_RW, MAP_FIXED_NOREPLACE), -EPERM,
		  "MAP_FIXED_NOREPLACE across 64 KiB: EPERM");
	long h = rt_anon(PAGE, PAGE, PROT_RW, 0);
	EXPECT(h >= 0x10000, "a hint of 4096 is moved up to 64 KiB at least");
	long m = rt_anon(0, PAGE, PROT_RW, MAP_32BIT);
	EXPECT(m >= 0x10000, "MAP_32BIT never gives a low page");
	EXPECT_EQ(rt_mprotect(0, PAGE, PROT_RW), -ENOMEM,
		  "mprotect of page 0: ENOMEM (nothing there)");
	EXPECT_EQ(__syscall3(SYS_madvise, 0, PAGE, MADV_WILLNEED), -ENOMEM,
		  "madvise of page 0: ENOMEM (nothing there)");
	EXPECT(rt_brk(PAGE) != PAGE, "brk(4096) is refused");
	int low = 0;
	for (long a = 0; a < 0x10000; a += PAGE)
		low |= rt_mapped(a);
	EXPECT(!low, "nothing below 64 KiB is mapped after all that");
	return ktap_end();
}
