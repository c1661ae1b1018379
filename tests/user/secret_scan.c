/*
 * secret_scan.c - the second half of secret_fill.c: reserves 1 TiB and
 * reads every byte of every page it can get, until the kernel has no frame
 * left and kills it (137), having handed it every frame secret_fill had.
 * A page that is not all zero ends the program at once with status 1
 * (and says where). (Interlude only.)
 */
#include "rt/rt.h"

int main(void)
{
	long len = 1L << 40;
	long p = rt_anon(0, len, PROT_RW, MAP_NORESERVE);
	if (p < 0)
		return 3;
	for (long pg = p; pg < p + len; pg += PAGE) {
		for (long i = 0; i < PAGE; i += 8)
			if (*(volatile long *)(pg + i) != 0) {
				rt_puts("secret_scan: a fresh page holds old data at ");
				rt_puthex((unsigned long)(pg + i));
				rt_puts("\n");
				return 1;
			}
		/* Reading maps a zero frame; writing keeps it from being shared. */
		*(volatile long *)pg = 0;
	}
	return 2;
}
