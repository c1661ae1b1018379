/*
 * ostep_sbrk.c - OSTEP "Interlude: Memory API", section 14.7: malloc is a
 * library that asks the kernel for memory with brk/sbrk (and mmap); the
 * program break moves when the heap grows. Also sbrk by hand.
 *
 * test-run: ktap
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "ktap.h"

int main(void)
{
	ktap_begin(5);
	char *before = sbrk(0);
	char *p = malloc(100);
	char *after = sbrk(0);
	/* (addresses differ between Linux and Interlude: printed only on request) */
	if (getenv("OSTEP_SHOW"))
		ktap_diag("break before malloc %p, block %p, break after %p\n", (void *)before,
			  (void *)p, (void *)after);
	EXPECT(p != NULL, "malloc(100)");
	EXPECT(after > before, "the first malloc moved the program break (the heap grew)");
	EXPECT(p >= before && p < after,
	       "the block lies in the heap, between the old and the new break");
	free(p);

	char *cur = sbrk(0);
	char *mine = sbrk(4096);
	EXPECT(mine == cur && sbrk(0) == cur + 4096, "sbrk(4096) by hand returns the old break");
	mine[0] = 'x';
	mine[4095] = 'y';
	EXPECT(mine[0] == 'x' && mine[4095] == 'y', "the page is usable");
	return ktap_end();
}
