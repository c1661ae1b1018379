/*
 * oom_populate.c - MAP_POPULATE of more memory than the machine has: the
 * mmap fails with ENOMEM and takes its mapping (and every frame it had
 * filled) back, so the range is free again. (Interlude only: on Linux the
 * out-of-memory killer would end this program, or the host's memory would
 * be populated.)
 *
 * Exits with the number of failed checks.
 */
#include "rt/rt.h"

#define A 0x200000000000L
#define HUGE (16L << 30) /* more RAM than any test machine has */

int main(void)
{
	ktap_begin(3);
	EXPECT_EQ(rt_anon(A, HUGE, PROT_RW, MAP_FIXED_NOREPLACE | MAP_NORESERVE | MAP_POPULATE),
		  -ENOMEM, "MAP_POPULATE of 16 GiB: ENOMEM when the frames run out");
	EXPECT_EQ(rt_anon(A, PAGE, PROT_RW, MAP_FIXED_NOREPLACE), A,
		  "the failed mapping is gone: MAP_FIXED_NOREPLACE there works");
	volatile char *p = (volatile char *)A;
	p[0] = 1;
	EXPECT_EQ(rt_anon(0, 64 * PAGE, PROT_RW, MAP_POPULATE) > 0, 1,
		  "and the frames are back: a small MAP_POPULATE works");
	return ktap_end();
}
