/*
 * ostep_sbrk.c - OSTEP "Interlude: Memory API", section 14.7: malloc is a
 * library that asks the kernel for memory with brk/sbrk (and mmap); the
 * program break moves when the heap grows. Also sbrk by hand, and malloc
 * going on after it: the heap grows past the program's own page (before,
 * it stopped there, and every later block that needed new pages was NULL);
 * and a page taken by hand above the heap survives the heap's shrinking
 * when its blocks are freed (before, the allocator took its own last
 * break for the real one and cut the program's page instead of its own:
 * the program died touching it).
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
	ktap_begin(10);
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

	/* 4 MiB more of malloc, far more than the heap had: past the page */
	enum { N = 40000 };
	static char *blocks[N];
	int got = 0, clear = 1;
	for (; got < N && (blocks[got] = malloc(100)) != NULL; got++) {
		blocks[got][0] = blocks[got][99] = (char)got;
		if (blocks[got] + 100 > mine && blocks[got] < mine + 4096)
			clear = 0;
	}
	EXPECT(got == N, "malloc goes on after the sbrk by hand (%d of %d blocks)", got, N);
	EXPECT(clear, "no block in the page the program took");
	EXPECT(mine[0] == 'x' && mine[4095] == 'y', "and the page is as the program left it");

	/* a second page by hand, above the heap, then the heap shrinks */
	char *above = sbrk(4096);
	above[0] = 'z';
	above[4095] = 'w';
	for (int i = 0; i < got; i++)
		free(blocks[i]);
	EXPECT(above[0] == 'z' && above[4095] == 'w',
	       "a page taken by hand above the heap survives the heap's shrinking");
	char *again = malloc(100);
	EXPECT(again != NULL && mine[0] == 'x', "and malloc still works");
	free(again);
	return ktap_end();
}
