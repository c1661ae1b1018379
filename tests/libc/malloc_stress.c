/*
 * malloc_stress.c - a seeded random workout of the allocator: 40000
 * operations (malloc, calloc, realloc, free, aligned_alloc,
 * posix_memalign) on up to 1024 live blocks of 0 bytes to 300 KiB (mostly
 * small, some page runs, a few above the 128 KiB mmap threshold).
 *
 * Every block is filled with a pattern derived from its id and checked
 * before it is freed or reallocated (a block that overlaps another, or
 * that the allocator scribbled on, shows up here); the live blocks are
 * also kept in an array sorted by address, so an overlap is caught the
 * moment it is handed out. Other checks: 16-byte alignment, the requested
 * alignment of aligned_alloc and posix_memalign, calloc's zeroes,
 * malloc_usable_size >= the request, malloc(0) unique and freeable, the
 * heap walk (malloc_check_heap) at checkpoints, and after freeing
 * everything no block left in use.
 *
 * The sequence depends only on the seed, never on addresses, so the
 * output (check names and pass/fail; counts of operations) is the same
 * on Linux and on Interlude. Results are counted per kind of check, not
 * printed per operation; the first failure of each kind is described in a
 * "#" line (with an operation number, never an address).
 *
 * test-run: ktap
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"

/* the allocator's heap walk (libc/malloc/malloc_api.h): 0 if every invariant holds */
int malloc_check_heap(void);

#define SEED 0x1e7e1dec0ffeeULL
#define NOPS 40000
#define NSLOTS 1024
#define CHECKPOINT 10000

static uint64_t rng_state = SEED;

/* xorshift64* */
static uint64_t rnd(void)
{
	uint64_t x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static size_t rnd_below(size_t n)
{
	return (size_t)(rnd() % n);
}

/* Mostly small; some page runs; a few mmapped (>= 128 KiB). */
static size_t rnd_size(void)
{
	unsigned r = (unsigned)rnd_below(1000);
	if (r < 5)
		return 0;
	if (r < 700)
		return 1 + rnd_below(256);
	if (r < 900)
		return 257 + rnd_below(4096 - 257);
	if (r < 975)
		return 4096 + rnd_below(64 << 10);
	if (r < 990)
		return (64 << 10) + rnd_below(64 << 10);
	return (128 << 10) + rnd_below(172 << 10); /* up to 300 KiB */
}

struct block {
	unsigned char *p;
	size_t size;  /* bytes requested */
	uint64_t id;  /* the pattern's seed */
	size_t align; /* asked for (16 = malloc's) */
};

static struct block slots[NSLOTS];
static uint64_t next_id = 1;

/* The live blocks' [start, end), sorted by start. */
struct range {
	uintptr_t lo, hi;
};
static struct range ranges[NSLOTS];
static size_t nranges;

/* Checks by kind: how many were made and how many failed, and the first failure. */
enum kind {
	K_NONNULL,
	K_ALIGN16,
	K_ALIGN,
	K_USABLE,
	K_ZERO,
	K_CONTENT,
	K_REALLOC,
	K_OVERLAP,
	K_NKINDS
};
static const char *const kind_name[K_NKINDS] = {
    "every allocation succeeded",
    "malloc, calloc and realloc return 16-byte aligned blocks",
    "aligned_alloc and posix_memalign return blocks with the asked alignment",
    "malloc_usable_size is at least the size asked for",
    "calloc returns zeroed memory",
    "every block kept its pattern until it was freed",
    "realloc kept the old contents",
    "no two live blocks overlap",
};
static unsigned long made[K_NKINDS], failed[K_NKINDS];
static long op_no;

static void note(enum kind k, int ok)
{
	made[k]++;
	if (!ok && failed[k]++ == 0)
		ktap_diag("first failure of \"%s\" at operation %ld\n", kind_name[k], op_no);
}

/* The pattern: 64-bit words id * golden + word index, little endian. */
static uint64_t pat_word(uint64_t id, size_t k)
{
	return (id * 0x9e3779b97f4a7c15ULL) ^ (k * 0xd6e8feb86659fd93ULL) ^ 0x5a5a5a5a5a5a5a5aULL;
}

static void fill(unsigned char *p, size_t n, uint64_t id)
{
	uint64_t *w = (uint64_t *)p; /* blocks are at least 16-byte aligned */
	size_t k;
	for (k = 0; k < n / 8; k++)
		w[k] = pat_word(id, k);
	if (n % 8) {
		uint64_t last = pat_word(id, k);
		for (size_t i = k * 8; i < n; i++)
			p[i] = (unsigned char)(last >> (8 * (i % 8)));
	}
}

/* Are the first n bytes of p id's pattern? */
static int intact(const unsigned char *p, size_t n, uint64_t id)
{
	const uint64_t *w = (const uint64_t *)p;
	size_t k;
	for (k = 0; k < n / 8; k++)
		if (w[k] != pat_word(id, k))
			return 0;
	if (n % 8) {
		uint64_t last = pat_word(id, k);
		for (size_t i = k * 8; i < n; i++)
			if (p[i] != (unsigned char)(last >> (8 * (i % 8))))
				return 0;
	}
	return 1;
}

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* The index of the first range whose start is >= lo. */
static size_t range_pos(uintptr_t lo)
{
	size_t a = 0, b = nranges;
	while (a < b) {
		size_t m = (a + b) / 2;
		if (ranges[m].lo < lo)
			a = m + 1;
		else
			b = m;
	}
	return a;
}

/* Adds a new live block's range; a zero-byte block counts as one byte. */
static void range_add(const unsigned char *p, size_t n)
{
	uintptr_t lo = (uintptr_t)p, hi = lo + (n ? n : 1);
	size_t i = range_pos(lo);
	int ok = (i == 0 || ranges[i - 1].hi <= lo) && (i == nranges || hi <= ranges[i].lo);
	note(K_OVERLAP, ok);
	memmove(&ranges[i + 1], &ranges[i], (nranges - i) * sizeof ranges[0]);
	ranges[i].lo = lo;
	ranges[i].hi = hi;
	nranges++;
}

static void range_del(const unsigned char *p)
{
	size_t i = range_pos((uintptr_t)p);
	if (i < nranges && ranges[i].lo == (uintptr_t)p) {
		memmove(&ranges[i], &ranges[i + 1], (nranges - i - 1) * sizeof ranges[0]);
		nranges--;
	}
}

static unsigned long n_malloc, n_calloc, n_realloc, n_free, n_aligned, n_memalign, n_big;

/* Checks a fresh block and records it in slot b. */
static void took(struct block *b, void *p, size_t n, size_t align, int zeroed)
{
	note(K_NONNULL, p != NULL);
	if (!p) {
		b->p = NULL;
		return;
	}
	if (align > 16)
		note(K_ALIGN, ((uintptr_t)p & (align - 1)) == 0);
	else
		note(K_ALIGN16, ((uintptr_t)p & 15) == 0);
	note(K_USABLE, malloc_usable_size(p) >= n);
	if (zeroed)
		note(K_ZERO, all_zero(p, n));
	if (n >= (128 << 10))
		n_big++;
	range_add(p, n);
	b->p = p;
	b->size = n;
	b->align = align;
	b->id = next_id++;
	fill(b->p, n, b->id);
}

static void alloc_into(struct block *b)
{
	size_t n = rnd_size();
	unsigned r = (unsigned)rnd_below(100);
	if (r < 60) {
		n_malloc++;
		took(b, malloc(n), n, 16, 0);
	} else if (r < 80) {
		n_calloc++;
		size_t count = 1 + rnd_below(8), each = n / count;
		took(b, calloc(count, each), count * each, 16, 1);
	} else if (r < 85) {
		n_realloc++;
		took(b, realloc(NULL, n), n, 16, 0);
	} else if (r < 93) {
		n_aligned++;
		size_t align = (size_t)32 << rnd_below(9); /* 32 .. 8 KiB */
		if (rnd_below(20) == 0)
			align = (size_t)64 << 10;
		took(b, aligned_alloc(align, n), n, align, 0);
	} else {
		n_memalign++;
		size_t align = (size_t)8 << rnd_below(11); /* 8 .. 8 KiB */
		void *p = NULL;
		int e = posix_memalign(&p, align, n);
		took(b, e == 0 ? p : NULL, n, align < 16 ? 16 : align, 0);
	}
}

static void release(struct block *b)
{
	note(K_CONTENT, intact(b->p, b->size, b->id));
	range_del(b->p);
	free(b->p);
	n_free++;
	b->p = NULL;
}

static void reallocate(struct block *b)
{
	size_t n = rnd_below(8) == 0 ? 0 : rnd_size();
	note(K_CONTENT, intact(b->p, b->size, b->id));
	range_del(b->p);
	n_realloc++;
	unsigned char *q = realloc(b->p, n);
	note(K_NONNULL, q != NULL);
	if (!q) { /* the old block is still live */
		range_add(b->p, b->size);
		return;
	}
	size_t keep = n < b->size ? n : b->size;
	note(K_REALLOC, intact(q, keep, b->id));
	note(K_ALIGN16, ((uintptr_t)q & 15) == 0);
	note(K_USABLE, malloc_usable_size(q) >= n);
	range_add(q, n);
	b->p = q;
	b->size = n;
	b->align = 16;
	b->id = next_id++;
	fill(q, n, b->id);
}

static int zero_sized(void)
{
	enum { N = 64 };
	void *z[N];
	int ok = 1;
	for (int i = 0; i < N; i++) {
		z[i] = malloc(0);
		ok = ok && z[i] != NULL;
		for (int j = 0; ok && j < i; j++)
			ok = z[j] != z[i];
	}
	for (int i = 0; i < N; i++)
		free(z[i]);
	return ok;
}

int main(void)
{
	ktap_begin(K_NKINDS + NOPS / CHECKPOINT + 6);

	EXPECT(zero_sized(), "malloc(0) returns distinct pointers that free accepts");
	struct mallinfo2 before = mallinfo2();

	int heap_ok = 1;
	for (op_no = 1; op_no <= NOPS; op_no++) {
		struct block *b = &slots[rnd_below(NSLOTS)];
		if (!b->p)
			alloc_into(b);
		else if (rnd_below(3) == 0)
			reallocate(b);
		else
			release(b);
		if (op_no % CHECKPOINT == 0) {
			int r = malloc_check_heap();
			EXPECT(r == 0, "the heap walk passes after %ld operations", op_no);
			heap_ok = heap_ok && r == 0;
		}
	}
	ktap_diag(
	    "%d operations: %lu malloc, %lu calloc, %lu realloc, %lu free, %lu aligned_alloc, "
	    "%lu posix_memalign; %lu blocks of 128 KiB or more\n",
	    NOPS, n_malloc, n_calloc, n_realloc, n_free, n_aligned, n_memalign, n_big);

	op_no = 0; /* the final frees */
	for (size_t i = 0; i < NSLOTS; i++)
		if (slots[i].p)
			release(&slots[i]);
	EXPECT(nranges == 0, "every block freed at the end");

	for (int k = 0; k < K_NKINDS; k++)
		EXPECT(made[k] > 0 && failed[k] == 0, "%s", kind_name[k]);

	struct mallinfo2 after = mallinfo2();
	EXPECT(after.uordblks == before.uordblks,
	       "the bytes in use are back to what they were before");
	EXPECT(after.hblks == 0 && after.hblkhd == 0, "no mmapped block is left");
	EXPECT(malloc_check_heap() == 0, "the heap walk passes after freeing everything");
	void *p = malloc(1000), *q = malloc(200000);
	EXPECT(p && q && ((uintptr_t)p & 15) == 0, "the heap is still usable");
	free(q);
	free(p);
	return ktap_end();
}
