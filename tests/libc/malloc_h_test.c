/*
 * malloc_h_test.c - <malloc.h> as programs written for glibc use it:
 *
 *  - memalign, valloc and pvalloc return aligned blocks that free frees
 *    (pvalloc's rounded up to whole pages);
 *  - mallopt(M_MMAP_THRESHOLD) moves the line between the heap and a
 *    mapping of its own (mallinfo2's hblks counts the mappings), and
 *    mallopt(M_ARENA_MAX, 1), which servers call to keep glibc's
 *    per-thread arenas down, answers 1: there is one arena;
 *  - malloc_trim(0) gives freed memory back and says so;
 *  - mallinfo, glibc's older mallinfo2, has the same figures as int.
 *
 * Before, <malloc.h> declared none of them (nor the M_ numbers): such a
 * program did not compile. Only results are printed, the same on Linux
 * and on Interlude.
 *
 * test-run: ktap
 * needs: libc/malloc: mallopt and malloc_trim do something only with the production allocator
 */
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"

#define KiB ((size_t)1 << 10)

/* True if p is a block of at least n writable bytes at a multiple of align. */
static int good(void *p, size_t align, size_t n)
{
	if (!p || (uintptr_t)p % align || malloc_usable_size(p) < n)
		return 0;
	memset(p, 0x5a, n);
	return 1;
}

int main(void)
{
	ktap_begin(8);
	void *m = memalign(64, 100), *v = valloc(100), *pv = pvalloc(5000);
	EXPECT(good(m, 64, 100), "memalign(64, 100): 100 bytes at a multiple of 64");
	EXPECT(good(v, 4096, 100), "valloc(100): at a page");
	EXPECT(good(pv, 4096, 8192), "pvalloc(5000): at a page, rounded up to 2 pages");
	free(m);
	free(v);
	free(pv);

	EXPECT(mallopt(M_MMAP_THRESHOLD, 512 * KiB) == 1, "mallopt(M_MMAP_THRESHOLD, 512 KiB)");
	size_t maps = mallinfo2().hblks;
	char *below = malloc(400 * KiB);
	size_t with_below = mallinfo2().hblks;
	char *above = malloc(600 * KiB);
	EXPECT(below && above && with_below == maps && mallinfo2().hblks == maps + 1,
	       "then 400 KiB comes from the heap and 600 KiB has a mapping of its own");
	struct mallinfo old = mallinfo();
	struct mallinfo2 now = mallinfo2();
	EXPECT(old.uordblks == (int)now.uordblks && old.hblks == (int)now.hblks &&
		   old.uordblks >= (int)(1000 * KiB),
	       "mallinfo: mallinfo2's figures, as int (1 MiB in use)");
	free(above);
	EXPECT(mallopt(M_ARENA_MAX, 1) == 1, "mallopt(M_ARENA_MAX, 1): one arena, as asked");

	enum { N = 2000 };
	static char *blocks[N];
	for (int i = 0; i < N; i++)
		blocks[i] = malloc(4000);
	for (int i = 0; i < N; i++)
		free(blocks[i]);
	free(below);
	EXPECT(malloc_trim(0) == 1, "malloc_trim(0) after 8 MiB freed gives memory back");
	return ktap_end();
}
