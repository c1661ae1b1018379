/*
 * secret_fill.c - the first half of a test that no program sees another's
 * data: reserves 1 TiB and writes a secret over every byte of every page
 * it can get, until the kernel has no frame left and kills it (137). Then
 * every frame the machine has for programs held the secret.
 * secret_scan.c is the second half. (Interlude only.)
 */
#include "rt/rt.h"

int main(void)
{
	long len = 1L << 40;
	long p = rt_anon(0, len, PROT_RW, MAP_NORESERVE);
	if (p < 0)
		return 1;
	for (long pg = p; pg < p + len; pg += PAGE)
		for (long i = 0; i < PAGE; i += 8)
			*(volatile long *)(pg + i) = 0x5ec7e75ec7e75ec7L;
	return 2;
}
