/*
 * malloc_simple_test.c - host unit tests of libc/malloc-simple (KTAP
 * output), under ASan and UBSan: make build/host/malloc-simple-test.
 *
 * The allocator and this file are compiled with tests/malloc/simple_rename.h
 * force-included: malloc is sm_malloc and so on, so the allocator lives
 * beside glibc's malloc and ASan's, and its sbrk is test_sbrk below, a
 * break inside one reserved mapping that a test can refuse to move, or
 * move itself (as a program calling sbrk would) to put memory that is not
 * the allocator's in the middle of its heap. The contract's defaults
 * (libc/internal/malloc_defaults.c) give calloc, reallocarray,
 * aligned_alloc and posix_memalign. A test that makes the allocator abort
 * runs in a forked child.
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "malloc-simple/heap.h"

int malloc_check_heap(void);
void *memalign(size_t align, size_t n);

/* glibc's declarations, which the renamed functions get, warn of what
 * the tests do on purpose: sizes beyond any object, a pointer used after
 * a realloc that failed (and so left it as it was). */
#pragma GCC diagnostic ignored "-Walloc-size-larger-than="
#pragma GCC diagnostic ignored "-Wuse-after-free"

/* --- the test's break ------------------------------------------------ */

#define FAKE_RESERVE ((size_t)1 << 32)
static char *fake_base, *fake_brk;
static int refuse_sbrk; /* growth fails with ENOMEM */
static unsigned long sbrk_calls;

/* sbrk over a reserved range that starts unaligned, as a real break after .bss. */
void *test_sbrk(intptr_t inc)
{
	if (!fake_base) {
		fake_base = mmap(NULL, FAKE_RESERVE, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (fake_base == MAP_FAILED)
			abort();
		fake_brk = fake_base + 0x123;
	}
	sbrk_calls++;
	if (inc > 0 &&
	    (refuse_sbrk || (size_t)inc > FAKE_RESERVE - (size_t)(fake_brk - fake_base))) {
		errno = ENOMEM;
		return (void *)-1;
	}
	char *old = fake_brk;
	fake_brk += inc;
	return old;
}

#define HEAP_OK() ASSERT(malloc_check_heap() == 0)

/* True if the n bytes at p are (unsigned char)(seed + i). */
static int intact(const unsigned char *p, size_t n, size_t seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i))
			return 0;
	return 1;
}

/* Fills n bytes at p with (unsigned char)(seed + i). */
static void fill(unsigned char *p, size_t n, size_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i);
}

/* --- tests ----------------------------------------------------------- */

static void t_alignment_every_size(void)
{
	static unsigned char *ps[4097];
	for (size_t n = 0; n <= 4096; n++) {
		ps[n] = malloc(n);
		ASSERT(ps[n] && ((uintptr_t)ps[n] & 15) == 0);
		ASSERT(malloc_usable_size(ps[n]) >= n && malloc_usable_size(ps[n]) < n + 32);
		fill(ps[n], n, n);
	}
	HEAP_OK();
	for (size_t n = 0; n <= 4096; n++) {
		ASSERT(intact(ps[n], n, n), "block of %zu bytes kept its contents", n);
		free(ps[n]);
	}
	HEAP_OK();
	ASSERT(malloc_usable_size(NULL) == 0);
}

static void t_first_fit_and_split(void)
{
	char *a = malloc(1000), *b = malloc(1000), *c = malloc(1000);
	ASSERT(a && b && c && a < b && b < c);
	free(b);
	char *d = malloc(200); /* the first free block big enough is b's */
	EXPECT(d == b);
	char *e = malloc(500); /* and the rest of it, split off, comes next */
	EXPECT(e > d && e < c);
	HEAP_OK();
	free(d);
	free(e);
	free(a);
	free(c);
	HEAP_OK();
}

/* Returns the number of free blocks, from the walk. */
static size_t free_blocks(void)
{
	return mallinfo2().ordblks;
}

static void t_coalescing(void)
{
	char *p[6];
	size_t before = free_blocks();
	for (int i = 0; i < 6; i++)
		p[i] = malloc(4000);
	char *pin = malloc(16); /* keeps p[5] from merging with the free top */
	ASSERT(pin != NULL);
	free(p[1]);
	free(p[3]);
	EXPECT(free_blocks() == before + 2, "two separate frees make two free blocks");
	free(p[2]); /* between both: all three become one */
	EXPECT(free_blocks() == before + 1, "freeing the block between merges all three");
	free(p[0]);
	free(p[5]);
	free(p[4]);
	EXPECT(free_blocks() == before + 1, "every neighbour merged into one block");
	HEAP_OK();
	char *big = malloc(6 * 4000); /* the merged block is reused as one */
	EXPECT(big == p[0]);
	free(big);
	free(pin);
	HEAP_OK();
	EXPECT(free_blocks() == before, "the heap is back to its free blocks");
}

static void t_realloc(void)
{
	unsigned char *p = malloc(10);
	ASSERT(p);
	fill(p, 10, 0);
	unsigned char *pin = malloc(10); /* p cannot grow in place */
	unsigned char *q = realloc(p, 100000);
	ASSERT(q && q != p);
	ASSERT(intact(q, 10, 0), "the 10 bytes moved with the block");
	ASSERT(realloc(q, 50) == q, "shrinking stays in place");
	ASSERT(malloc_usable_size(q) < 100, "and the tail was given back");
	ASSERT(q[9] == 9);
	ASSERT(realloc(q, 0) == q);
	errno = 0;
	ASSERT(realloc(q, SIZE_MAX) == NULL && errno == ENOMEM);
	free(q);
	free(pin);
	ASSERT((p = realloc(NULL, 10)) != NULL);
	free(p);
	int *r = reallocarray(NULL, 10, sizeof(int));
	ASSERT(r);
	errno = 0;
	ASSERT(reallocarray(r, SIZE_MAX / 4, 8) == NULL && errno == ENOMEM);
	free(r);
	HEAP_OK();
}

static void t_calloc(void)
{
	for (size_t n = 1; n < 300000; n = n * 3 + 1) {
		unsigned char *p = malloc(n);
		ASSERT(p);
		memset(p, 0xff, n);
		free(p);
		p = calloc(1, n);
		ASSERT(p);
		int zero = 1;
		for (size_t i = 0; i < n; i++)
			zero &= p[i] == 0;
		ASSERT(zero, "calloc(1, %zu) is zeroed", n);
		free(p);
	}
	errno = 0;
	ASSERT(calloc(SIZE_MAX / 2, 3) == NULL && errno == ENOMEM);
	HEAP_OK();
}

static void t_aligned(void)
{
	for (size_t a = 1; a <= ((size_t)1 << 20); a <<= 1) {
		size_t sizes[] = {0, 1, a / 2 + 1, a, 3 * a + 5, 70000};
		for (int i = 0; i < 6; i++) {
			char *p = aligned_alloc(a, sizes[i]), *r = memalign(a, sizes[i]);
			void *q = NULL;
			ASSERT(p && ((uintptr_t)p & (a - 1)) == 0 && ((uintptr_t)p & 15) == 0);
			ASSERT(r && ((uintptr_t)r & (a - 1)) == 0);
			ASSERT(posix_memalign(&q, a < 8 ? 8 : a, sizes[i]) == 0);
			ASSERT(((uintptr_t)q & ((a < 8 ? 8 : a) - 1)) == 0);
			ASSERT(malloc_usable_size(p) >= sizes[i] &&
			       malloc_usable_size(r) >= sizes[i]);
			memset(p, 1, sizes[i]);
			memset(r, 2, sizes[i]);
			HEAP_OK();
			free(p);
			free(q);
			free(r);
		}
	}
	errno = 0;
	ASSERT(aligned_alloc(24, 10) == NULL && errno == EINVAL);
	void *q = NULL;
	ASSERT(posix_memalign(&q, 4, 10) == EINVAL && q == NULL);
	ASSERT(posix_memalign(&q, 16, SIZE_MAX) == ENOMEM && q == NULL);
	HEAP_OK();
}

static void t_growth_and_refusal(void)
{
	unsigned long calls = sbrk_calls;
	void *small[100];
	for (int i = 0; i < 100; i++)
		small[i] = malloc(100);
	EXPECT(sbrk_calls - calls <= 1, "100 small blocks cost at most one sbrk");
	char *big = malloc(1 << 20);
	ASSERT(big != NULL, "a block larger than the growth step");
	memset(big, 7, 1 << 20);
	refuse_sbrk = 1;
	errno = 0;
	EXPECT(malloc(mallinfo2().fordblks + 1) == NULL && errno == ENOMEM,
	       "more than the heap has free, sbrk refused: NULL and ENOMEM");
	void *fits = malloc(100); /* what the heap has is still given */
	EXPECT(fits != NULL);
	refuse_sbrk = 0;
	free(fits);
	free(big);
	for (int i = 0; i < 100; i++)
		free(small[i]);
	HEAP_OK();
	errno = 0;
	EXPECT(malloc(SIZE_MAX / 2) == NULL && errno == ENOMEM,
	       "a request beyond the address space");
}

static void t_someone_else_moves_the_break(void)
{
	char *a = malloc(100);
	ASSERT(a);
	char *theirs = test_sbrk(5000); /* not the allocator's: a fence */
	memset(theirs, 'x', 5000);
	char *b =
	    malloc(mallinfo2().fordblks + 1); /* more than it has free: it grows after theirs */
	ASSERT(b && b > theirs + 5000, "the new memory is past the other user's");
	HEAP_OK();
	struct block *fence = heap.first;
	while (fence != heap.end && fence->next != FENCE)
		fence = NEXT_BLOCK(fence);
	ASSERT(fence != heap.end && (char *)fence < theirs &&
		   (char *)NEXT_BLOCK(fence) >= theirs + 5000,
	       "a fence spans the other user's memory");
	free(b);
	free(a);
	HEAP_OK();
	ASSERT(memchr(theirs, 0, 5000) == NULL && theirs[0] == 'x' && theirs[4999] == 'x' &&
		   !memcmp(theirs, theirs + 1, 4999),
	       "the other user's memory is untouched");
	EXPECT(mallinfo2().arena + fence->size ==
		   (size_t)((char *)heap.end - (char *)heap.first) + HDR,
	       "the heap's bytes are its blocks' but the fence's");
	EXPECT(mallinfo2().ordblks >= 2, "the free memory on both sides of it stays apart");
}

/* Runs fn in a child; its exit status, or 128 + the signal that killed it. */
static int child(void (*fn)(void))
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(2);
		fn();
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void double_free(void)
{
	char *p = malloc(10);
	free(p);
	free(p);
}

static void free_of_a_stack_address(void)
{
	char local[32];
	free(local + 16);
}

static void realloc_of_a_freed_block(void)
{
	char *p = malloc(10), *pin = malloc(10);
	free(p);
	void *q = realloc(p, 20);
	free(q);
	free(pin);
}

static void t_bad_frees_abort(void)
{
	EXPECT(child(double_free) == 134, "a double free aborts");
	EXPECT(child(free_of_a_stack_address) == 134, "a free of a pointer not from malloc aborts");
	EXPECT(child(realloc_of_a_freed_block) == 134, "a realloc of a freed block aborts");
	free(NULL);
}

static uint64_t rnd_state = 0x5eed;

/* A pseudo-random number below n (xorshift64). */
static size_t rnd(size_t n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (size_t)(rnd_state % n);
}

static void t_random_workout(void)
{
	static unsigned char *p[512];
	static size_t len[512];
	for (int op = 0; op < 20000; op++) {
		int i = (int)rnd(512);
		if (p[i]) {
			ASSERT(intact(p[i], len[i], (size_t)i), "block %d intact at operation %d",
			       i, op);
			if (rnd(4) == 0) {
				size_t n = rnd(3000);
				unsigned char *q = realloc(p[i], n);
				ASSERT(q);
				if (n > len[i])
					fill(q + len[i], n - len[i], (size_t)i + len[i]);
				p[i] = q;
				len[i] = n;
				continue;
			}
			free(p[i]);
			p[i] = NULL;
			continue;
		}
		len[i] = rnd(4) ? rnd(300) : rnd(20000);
		p[i] = rnd(8) ? malloc(len[i]) : memalign((size_t)16 << rnd(6), len[i]);
		ASSERT(p[i]);
		fill(p[i], len[i], (size_t)i);
		if (op % 2000 == 0)
			HEAP_OK();
	}
	for (int i = 0; i < 512; i++)
		free(p[i]);
	HEAP_OK();
}

static const struct ktap_case cases[] = {
    KTAP_CASE(t_alignment_every_size),
    KTAP_CASE(t_first_fit_and_split),
    KTAP_CASE(t_coalescing),
    KTAP_CASE(t_realloc),
    KTAP_CASE(t_calloc),
    KTAP_CASE(t_aligned),
    KTAP_CASE(t_growth_and_refusal),
    KTAP_CASE(t_someone_else_moves_the_break),
    KTAP_CASE(t_bad_frees_abort),
    KTAP_CASE(t_random_workout),
};

int main(void)
{
	return ktap_run_cases("malloc_simple", cases, KTAP_NCASES(cases));
}
