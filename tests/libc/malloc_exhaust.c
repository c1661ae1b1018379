/*
 * malloc_exhaust.c - running out of memory: every allocation function
 * returns NULL with errno ENOMEM (posix_memalign returns ENOMEM), a failed
 * realloc leaves its block as it was, and the heap stays usable.
 *
 *  - requests the kernel refuses: 1 TiB (Linux's default heuristic
 *    overcommit refuses a mapping or a break larger than RAM + swap, and
 *    Interlude counts commitments against its RAM; a Linux run with
 *    vm.overcommit_memory=1 could grant it), sizes whose product
 *    overflows, sizes beyond PTRDIFF_MAX; sbrk(1 TiB) fails and leaves
 *    the break where it was;
 *  - the break and mmap refused on purpose with the allocator's test
 *    controls im_os_refuse_sbrk and im_os_refuse_mmap (libc/malloc/os.h:
 *    "honoured by both builds; only tests set them"): big blocks cannot be
 *    mapped, a mapped block cannot grow; with the break alone refused the
 *    heap goes on in mappings above its top (libc/malloc/grow.c), and with
 *    both refused its free pages run out.
 *
 * Only check names are printed, so the output is the same on Linux and
 * on Interlude.
 *
 * test-run: ktap
 * needs: libc/malloc: it runs the heap out of memory with the production allocator's test controls (im_os_refuse_sbrk, im_os_refuse_mmap) and mallopt
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ktap.h"

/* the allocator's extras (libc/malloc/malloc_api.h) and test controls (libc/malloc/os.h) */
int malloc_check_heap(void);
extern int im_os_refuse_sbrk;
extern int im_os_refuse_mmap;

#define KiB ((size_t)1 << 10)
#define MiB ((size_t)1 << 20)
#define TiB ((size_t)1 << 40)

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7 + seed);
}

static int intact(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(i * 7 + seed))
			return 0;
	return 1;
}

/* p is NULL and errno is ENOMEM (errno is cleared before each call). */
#define FAILS(call) (errno = 0, (call) == NULL && errno == ENOMEM)

/* realloc(p, n) fails with ENOMEM and p keeps its n_old bytes. */
static int realloc_fails(size_t n_old, size_t n, unsigned seed)
{
	unsigned char *p = malloc(n_old);
	if (!p)
		return 0;
	fill(p, n_old, seed);
	int ok = FAILS(realloc(p, n)) && intact(p, n_old, seed);
	free(p);
	return ok;
}

/* Still works: a small, a page-run and an mmapped block, and the heap walk. */
static int heap_usable(void)
{
	unsigned char *a = malloc(100), *b = malloc(40 * KiB), *c = malloc(300 * KiB);
	int ok = a && b && c;
	if (ok) {
		fill(a, 100, 1);
		fill(b, 40 * KiB, 2);
		fill(c, 300 * KiB, 3);
		ok = intact(a, 100, 1) && intact(b, 40 * KiB, 2) && intact(c, 300 * KiB, 3);
	}
	free(c);
	free(b);
	free(a);
	return ok && malloc_check_heap() == 0;
}

int main(void)
{
	ktap_begin(22);

	/* what the kernel refuses, or no allocator could give */
	EXPECT(FAILS(malloc(TiB)), "malloc(1 TiB) returns NULL with ENOMEM");
	EXPECT(FAILS(malloc(SIZE_MAX)) && FAILS(malloc((size_t)PTRDIFF_MAX + 1)),
	       "malloc(SIZE_MAX) and malloc(PTRDIFF_MAX + 1) return NULL with ENOMEM");
	EXPECT(FAILS(calloc(SIZE_MAX / 2 + 1, 2)) && FAILS(calloc(2, SIZE_MAX / 2 + 1)) &&
		   FAILS(calloc((size_t)1 << 32, (size_t)1 << 32)),
	       "calloc with a count * size that overflows returns NULL with ENOMEM");
	EXPECT(FAILS(calloc(MiB, MiB)), "calloc(1 Mi, 1 MiB) (1 TiB) returns NULL with ENOMEM");
	EXPECT(realloc_fails(100, TiB, 1),
	       "realloc of a small block to 1 TiB fails with ENOMEM; the block is intact");
	EXPECT(realloc_fails(40 * KiB, TiB, 2),
	       "realloc of a page-run block to 1 TiB fails with ENOMEM; the block is intact");
	EXPECT(realloc_fails(300 * KiB, TiB, 3),
	       "realloc of an mmapped block to 1 TiB fails with ENOMEM; the block is intact");
	EXPECT(realloc_fails(100, SIZE_MAX, 4),
	       "realloc to SIZE_MAX fails with ENOMEM; the block is intact");
	EXPECT(FAILS(aligned_alloc(4096, TiB)) && FAILS(aligned_alloc(64, TiB)),
	       "aligned_alloc(4096 or 64, 1 TiB) returns NULL with ENOMEM");
	EXPECT(FAILS(aligned_alloc((size_t)1 << 62, 16)),
	       "aligned_alloc with a 2^62 alignment returns NULL with ENOMEM");
	void *sentinel = &sentinel, *out = sentinel;
	EXPECT(posix_memalign(&out, 4096, TiB) == ENOMEM && out == sentinel,
	       "posix_memalign(4096, 1 TiB) returns ENOMEM and leaves the pointer alone");
	char *before = sbrk(0);
	errno = 0;
	void *r = sbrk((intptr_t)TiB);
	EXPECT(r == (void *)-1 && errno == ENOMEM && sbrk(0) == before,
	       "sbrk(1 TiB) returns (void *)-1 with ENOMEM and the break does not move");
	EXPECT(heap_usable(), "the heap is still usable after the refusals");

	/* mmap refused: big blocks cannot be had, a mapped block cannot grow */
	unsigned char *big = malloc(300 * KiB);
	if (big)
		fill(big, 300 * KiB, 5);
	im_os_refuse_mmap = 1;
	int ok = FAILS(malloc(1 * MiB)) && FAILS(calloc(1, 1 * MiB)) &&
		 FAILS(aligned_alloc(8192, 1 * MiB));
	EXPECT(
	    ok,
	    "with mmap refused, malloc, calloc and aligned_alloc of 1 MiB return NULL with ENOMEM");
	EXPECT(
	    big && FAILS(realloc(big, 3 * MiB)) && intact(big, 300 * KiB, 5),
	    "with mmap refused, growing an mmapped block fails with ENOMEM; the block is intact");
	im_os_refuse_mmap = 0;
	free(big);

	/* the break refused: the heap goes on in mappings */
	mallopt(M_MMAP_THRESHOLD, 32 << 20); /* blocks below 32 MiB come from the heap */
	im_os_refuse_sbrk = 1;
	void *mapped = malloc(20 * MiB);
	EXPECT(
	    mapped && heap_usable() && malloc_check_heap() == 0,
	    "with the break refused, malloc(20 MiB) from the heap works: it goes on in mappings");
	free(mapped);
	malloc_trim(MiB); /* its pages given back but a MiB */

	/* the break and mmap refused: the heap's free pages run out */
	im_os_refuse_mmap = 1;
	EXPECT(FAILS(malloc(20 * MiB)),
	       "with the break and mmap refused, malloc(20 MiB) from the heap returns NULL with "
	       "ENOMEM");
	static void *small[1 << 16];
	size_t n = 0;
	while (n < sizeof small / sizeof small[0] && (small[n] = malloc(64)) != NULL)
		n++;
	int ran_out = n < sizeof small / sizeof small[0] && errno == ENOMEM;
	EXPECT(ran_out, "with both refused, 64-byte blocks run out: NULL with ENOMEM");
	EXPECT(FAILS(calloc(10, 100)) && FAILS(malloc(40 * KiB)),
	       "then calloc and malloc of other sizes return NULL with ENOMEM too");
	for (size_t i = 0; i < n; i++)
		free(small[i]);
	void *again = malloc(40 * KiB);
	EXPECT(again != NULL, "after freeing the 64-byte blocks their pages serve a 40 KiB block "
			      "(both still refused)");
	free(again);
	im_os_refuse_sbrk = im_os_refuse_mmap = 0;
	EXPECT(malloc_check_heap() == 0, "the heap walk passes after running out");
	void *huge = malloc(20 * MiB);
	EXPECT(huge && heap_usable(),
	       "with the break allowed again, malloc(20 MiB) works and the heap is usable");
	free(huge);
	return ktap_end();
}
