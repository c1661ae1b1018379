/*
 * oom_reserve.c - reserves 1 TiB with MAP_NORESERVE (granted: nothing is
 * charged) and touches it a page at a time until no frame is left: the
 * kernel must kill this program as "out of memory" (137), free all it
 * had, and go on. (Interlude only: on Linux this would take the host's
 * memory.)
 */
#include "rt/rt.h"

int main(void)
{
	long len = 1L << 40;
	long p = rt_anon(0, len, PROT_RW, MAP_NORESERVE);
	if (p < 0)
		return 1;
	for (long i = 0; i < len; i += PAGE)
		((volatile char *)p)[i] = 1;
	return 2; /* 1 TiB of frames: not on any test machine */
}
