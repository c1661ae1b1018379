/*
 * malloc_giveback.c - the allocator gives memory back to the kernel:
 *
 *  - a big block (>= the mmap threshold, 128 KiB at first) has its own
 *    mapping, and free unmaps it (mallinfo2's hblks and hblkhd fall).
 *    As in glibc, freeing an mmapped block raises the threshold to just
 *    above its size (docs/MALLOC.md), so the next block of that size
 *    comes from the heap; a bigger one is still mmapped;
 *  - the break rises when the heap grows and falls when a big enough free
 *    run reaches the top of the heap: per docs/MALLOC.md a top free run
 *    larger than the trim threshold (2 MiB) and than twice the next growth
 *    step (a quarter of the heap) is trimmed to a 1 MiB pad on free, no
 *    malloc_trim needed; malloc_trim(0) then gives back the pad too. Like
 *    glibc, freeing an mmapped block also raises the trim threshold (to
 *    twice the block): after the first part the test sets it back to 2 MiB
 *    with mallopt, so that the heap parts measure the rule above.
 *    Checked with 8 MiB of page runs (64 KiB blocks) and with 8 MiB of
 *    small blocks (1 KiB).
 *
 * Only comparisons are printed (the break's address differs between Linux
 * and Interlude), so the output is the same on both.
 *
 * test-run: ktap
 * needs: libc/malloc: it measures the production allocator's policy of giving memory back (mmap threshold, trimming, mallopt, malloc_trim)
 */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ktap.h"

/* the allocator's extras (libc/malloc/malloc_api.h) */
int malloc_check_heap(void);

#define KiB ((size_t)1 << 10)
#define MiB ((size_t)1 << 20)

static char *brk_now(void)
{
	return sbrk(0);
}

/* Fills n bytes and checks them: the memory is really there. */
static int usable_memory(void *p, size_t n, int seed)
{
	unsigned char *c = p;
	for (size_t i = 0; i < n; i += 512)
		c[i] = (unsigned char)(i / 512 + (size_t)seed);
	for (size_t i = 0; i < n; i += 512)
		if (c[i] != (unsigned char)(i / 512 + (size_t)seed))
			return 0;
	return 1;
}

/* A "#" line with a distance from the break in KiB (allocator-determined, the same on both systems). */
static void diag_kib(const char *what, const char *a, const char *b)
{
	ktap_diag("%s: %ld KiB\n", what, (long)(a - b) / 1024);
}

static void mmapped_blocks(void)
{
	struct mallinfo2 m0 = mallinfo2();
	char *b0 = brk_now();
	void *p = malloc(1 * MiB);
	struct mallinfo2 m1 = mallinfo2();
	EXPECT(p && m1.hblks == m0.hblks + 1 && m1.hblkhd >= m0.hblkhd + 1 * MiB && brk_now() == b0,
	       "a 1 MiB block is mmapped: hblks and hblkhd rise, the break does not move");
	EXPECT(p && usable_memory(p, 1 * MiB, 1), "the mmapped block's memory is usable");
	free(p);
	struct mallinfo2 m2 = mallinfo2();
	EXPECT(m2.hblks == m0.hblks && m2.hblkhd == m0.hblkhd,
	       "freeing it unmaps it: hblks and hblkhd fall back");

	/* glibc's dynamic threshold: now above 1 MiB, so this one comes from the heap */
	p = malloc(1 * MiB);
	struct mallinfo2 m3 = mallinfo2();
	EXPECT(p && m3.hblks == m0.hblks && m3.arena >= m0.arena + 1 * MiB && brk_now() > b0,
	       "after that free the mmap threshold has risen: the next 1 MiB block comes from the "
	       "heap");
	void *q = malloc(4 * MiB);
	struct mallinfo2 m4 = mallinfo2();
	EXPECT(q && m4.hblks == m0.hblks + 1 && m4.hblkhd >= m0.hblkhd + 4 * MiB,
	       "a 4 MiB block (above the raised threshold) is still mmapped");
	EXPECT(q && usable_memory(q, 4 * MiB, 2), "the 4 MiB block's memory is usable");
	free(q);
	struct mallinfo2 m5 = mallinfo2();
	EXPECT(m5.hblks == m0.hblks && m5.hblkhd == m0.hblkhd, "freeing the 4 MiB block unmaps it");
	free(p);
	malloc_trim(0);
	struct mallinfo2 m6 = mallinfo2();
	EXPECT(m6.arena <= m0.arena && brk_now() <= b0 + 4 * KiB,
	       "malloc_trim(0) gives back the heap block's pages (arena and break fall back)");
}

/* Allocates 8 MiB in blocks of `size`, frees them all (newest first or oldest first),
 * and checks that the break rises, then falls. */
static void heap_blocks(size_t size, const char *what, int newest_first)
{
	static void *blocks[8 * 1024];
	size_t n = 8 * MiB / size;
	char *b0 = brk_now();
	struct mallinfo2 m0 = mallinfo2();
	int ok = 1;
	for (size_t i = 0; i < n; i++) {
		blocks[i] = malloc(size);
		ok = ok && blocks[i] != NULL;
	}
	char *b1 = brk_now();
	struct mallinfo2 m1 = mallinfo2();
	EXPECT(ok && b1 >= b0 + 8 * MiB && m1.arena >= m0.arena + 8 * MiB,
	       "8 MiB of %s blocks raise the break (and arena) by at least 8 MiB", what);
	for (size_t i = 0; i < n; i++)
		free(blocks[newest_first ? n - 1 - i : i]);
	char *b2 = brk_now();
	struct mallinfo2 m2 = mallinfo2();
	if (!EXPECT(
		b2 + 6 * MiB <= b1 && m2.arena + 6 * MiB <= m1.arena,
		"freeing them (%s first) lowers the break by at least 6 MiB, without malloc_trim",
		newest_first ? "newest" : "oldest"))
		diag_kib("the break fell by", b1, b2);
	malloc_trim(0);
	char *b3 = brk_now();
	if (!EXPECT(b3 <= b0 + 1 * MiB,
		    "malloc_trim(0) then brings the break back within 1 MiB of where it was"))
		diag_kib("the break is still above where it was by", b3, b0);
	EXPECT(malloc_check_heap() == 0, "the heap walk passes after freeing the %s blocks", what);
}

int main(void)
{
	ktap_begin(21);
	mmapped_blocks();
	mallopt(M_TRIM_THRESHOLD, 2 * MiB); /* the 4 MiB free raised it to 8 MiB */
	heap_blocks(64 * KiB, "64 KiB", 0);
	heap_blocks(64 * KiB, "64 KiB", 1);
	heap_blocks(1 * KiB, "1 KiB", 1);
	void *p = malloc(100), *q = malloc(100 * KiB), *r = malloc(2 * MiB);
	EXPECT(p && q && r && usable_memory(q, 100 * KiB, 3) && usable_memory(r, 2 * MiB, 4) &&
		   malloc_check_heap() == 0,
	       "the heap is still usable");
	free(r);
	free(q);
	free(p);
	return ktap_end();
}
