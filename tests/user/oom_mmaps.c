/*
 * oom_mmaps.c - maps one page at a time, untouched, at fixed addresses
 * a page apart so that no two areas merge (and no placement search
 * walks them all), until mmap says no: each area costs the kernel a VMA, so either vm.max_map_count
 * (65530) or the kernel heap runs out, and mmap must then fail with ENOMEM, not kill the program
 * nor the kernel. Then the program unmaps one area and maps again (the kernel still works), and
 * exits with the number of failed checks. (Interlude only: on Linux the map count is reached.)
 */
#include "rt/rt.h"

int main(void)
{
	ktap_begin(3);
	long n = 0, r, last = 0;
	while ((r = rt_anon(0x200000000000L + 2 * n * PAGE, PAGE, PROT_RW, MAP_FIXED_NOREPLACE)) >
	       0) {
		last = r;
		n++;
	}
	EXPECT_EQ(r, -ENOMEM, "mmap of one more page: ENOMEM");
	EXPECT(n > 1000, "over a thousand areas were mapped first");
	EXPECT(rt_munmap(last, PAGE) == 0 && rt_anon(0, PAGE, PROT_RW, 0) > 0,
	       "after an munmap, mmap works again");
	return ktap_end();
}
