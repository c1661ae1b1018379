/*
 * malloc_realloc_test.c - host unit tests of libc/malloc's realloc (KTAP
 * output): contents kept across every tier, growth and shrink in place
 * (a run into the free pages after it, a mid block into its free
 * granules), and the growth policy: a page-run block grown a little at a
 * time moves with a quarter of headroom, so that a buffer appended to is
 * copied O(log n) times; a block that jumps, or a mid block that moves,
 * gets what it asked for; a mid block grown in place by less than a
 * quarter takes an eighth more of the free granules beside it, and keeps
 * them while it grows into them. The
 * policy: docs/MALLOC.md, "realloc". Built as malloc_test.c is (the im_
 * prefix, the os layer's fake break).
 */
#include "malloc/malloc_api.h"
#include "malloc/os.h"
#include "ktap.h"

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#define HEAP_OK() ASSERT(malloc_check_heap() == 0)

enum { PAGE_BYTES = 4096 };

static void t_realloc_contents(void)
{
	size_t sizes[] = {1,	  17,	   100, 1000, 5000,   20000, 70000,
			  200000, 3000000, 50,	9000, 300000, 8};
	unsigned char *p = im_malloc(1);
	p[0] = 0;
	size_t cur = 1;
	for (unsigned k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		size_t n = sizes[k];
		p = im_realloc(p, n);
		ASSERT(p && ((uintptr_t)p & 15) == 0);
		for (size_t i = 0; i < (cur < n ? cur : n); i++)
			ASSERT(p[i] == (unsigned char)(i * 7 + 3) || i >= cur ||
			       (k == 0 && i == 0));
		for (size_t i = 0; i < n; i++)
			p[i] = (unsigned char)(i * 7 + 3);
		cur = n;
		HEAP_OK();
	}
	im_free(p);
	/* in place: shrink of a run, growth into the free pages after it */
	char *a = im_malloc(40000), *pin = im_malloc(100);
	char *b = im_realloc(a, 30000);
	ASSERT(b == a);
	char *c = im_realloc(b, 40000);
	ASSERT(c == a);
	char *d = im_realloc(c, 40);
	ASSERT(d != NULL);
	char *s = im_malloc(100);
	ASSERT(im_realloc(s, 90) == s);
	im_free(s);
	im_free(d);
	im_free(pin);
	ASSERT(im_realloc(NULL, 10) != NULL);
	HEAP_OK();
}

static void t_mid_realloc_in_place(void)
{
	char *a = im_malloc(1000), *b = im_malloc(1000), *c = im_malloc(1000);
	ASSERT(b == a + 1024 && c == b + 1024, "neighbours of 16 granules");
	im_free(b);
	memset(a, 0x33, 1000);
	char *g = im_realloc(a, 2000);
	ASSERT(g == a && im_malloc_usable_size(g) == 2048,
	       "grown in place into the free neighbour");
	for (int i = 0; i < 1000; i++)
		ASSERT(g[i] == 0x33);
	HEAP_OK();
	g = im_realloc(g, 600);
	ASSERT(g == a && im_malloc_usable_size(g) == 640, "shrunk in place to 10 granules");
	char *t = im_malloc(1400);
	ASSERT(t == a + 640, "the freed tail (22 granules) serves 1400 bytes, an exact fit");
	HEAP_OK();
	char *m = im_realloc(g, 1000);
	ASSERT(m && m != a && m[599] == 0x33, "the neighbour is live: the block moves");
	im_free(t);
	im_free(m);
	im_free(c);
	HEAP_OK();
}

/*
 * A mid block grown in place by less than a quarter takes an eighth of its
 * old length more than it asked for, as far as the free granules after it
 * reach: a buffer appended to 64 bytes at a time then calls the index once
 * per eighth, not once per granule. Without the headroom: 18 granules,
 * and every next growth another resize. A block that shrinks by less than
 * a quarter keeps its granules (a buffer growing into its headroom must
 * not hand it back); a bigger shrink frees the tail. A doubling takes
 * just what it asks.
 */
static void t_mid_growth_headroom_in_place(void)
{
	char *a = im_malloc(1000), *b = im_malloc(1000), *c = im_malloc(1000);
	ASSERT(b == a + 1024 && c == b + 1024, "neighbours of 16 granules");
	im_free(b);
	char *g = im_realloc(a, 1100);
	ASSERT(g == a, "grown in place");
	EXPECT_EQ(im_malloc_usable_size(g), (size_t)20 * 64, "18 granules asked, 2 more taken");
	ASSERT(im_realloc(g, 1250) == a && im_malloc_usable_size(a) == 20 * 64,
	       "the next growth fits where it is");
	ASSERT(im_realloc(a, 1100) == a, "a small shrink stays");
	EXPECT_EQ(im_malloc_usable_size(a), (size_t)20 * 64, "and keeps its headroom");
	char *t = im_malloc(640);
	ASSERT(t == a + 20 * 64, "the 12 granules left after it serve a 640-byte block");
	HEAP_OK();
	im_free(t);
	g = im_realloc(a, 1500);
	EXPECT_EQ(im_malloc_usable_size(g), (size_t)26 * 64, "24 granules asked, 2 more taken");
	g = im_realloc(g, 1950);
	ASSERT(g == a && im_malloc_usable_size(g) == 32 * 64,
	       "the headroom stops at the live neighbour");
	im_free(c);
	g = im_realloc(g, 4096);
	ASSERT(g == a, "doubled in place into the freed neighbour");
	EXPECT_EQ(im_malloc_usable_size(g), (size_t)4096, "a doubling takes no headroom");
	g = im_realloc(g, 2000);
	ASSERT(g == a, "shrunk in place");
	EXPECT_EQ(im_malloc_usable_size(g), (size_t)32 * 64, "a shrink by half frees the tail");
	char *u = im_malloc(2048);
	ASSERT(u == a + 32 * 64, "the freed tail serves the next block");
	im_free(u);
	im_free(g);
	HEAP_OK();
}

/*
 * String builders: sixteen page-run buffers grown in turn by 256 bytes at
 * a time from 20,000 to 120,000 bytes, so that each one's neighbour is
 * usually another live buffer. Without headroom they move 300 times in
 * all (at nearly every page they cross); with a quarter of headroom, 111
 * times (about log(6)/log(1.25) = 8 each). The bytes are kept at every
 * move.
 */
static void t_run_growth_headroom(void)
{
	enum { BUFS = 16, FROM = 20000, TO = 120000, STEP = 256 };
	unsigned char *p[BUFS];
	int moves = 0;
	for (int b = 0; b < BUFS; b++) {
		p[b] = im_malloc(FROM);
		for (size_t i = 0; i < FROM; i++)
			p[b][i] = (unsigned char)(i * 13 + b);
	}
	size_t len = FROM;
	for (size_t n = FROM + STEP; n <= TO; n += STEP) {
		for (int b = 0; b < BUFS; b++) {
			unsigned char *q = im_realloc(p[b], n);
			ASSERT(q != NULL);
			if (q != p[b]) {
				moves++;
				ASSERT(im_malloc_usable_size(q) >= n + n / 4,
				       "a small growth moves with a quarter of headroom");
			}
			for (size_t i = len; i < n; i++)
				q[i] = (unsigned char)(i * 13 + b);
			p[b] = q;
		}
		len = n;
	}
	for (int b = 0; b < BUFS; b++)
		for (size_t i = 0; i < len; i++)
			ASSERT(p[b][i] == (unsigned char)(i * 13 + b));
	EXPECT(moves <= BUFS * 9,
	       "16 buffers grown 256 bytes at a time moved %d times (at most 144)", moves);
	HEAP_OK();
	for (int b = 0; b < BUFS; b++)
		im_free(p[b]);
	HEAP_OK();
}

/* A block that doubles, or a mid block that grows, moves to just what it
 * asked for: headroom there would be waste. */
static void t_no_headroom_for_jumps_and_mid_blocks(void)
{
	char *p = im_malloc(20000), *wall = im_malloc(20000);
	char *q = im_realloc(p, 40000);
	ASSERT(q != NULL && q != p, "the wall after it makes it move");
	EXPECT(im_malloc_usable_size(q) < 40000 + PAGE_BYTES, "usable %zu for 40000",
	       im_malloc_usable_size(q));
	im_free(q);
	im_free(wall);
	char *m = im_malloc(1000), *pin = im_malloc(1000);
	char *g = im_realloc(m, 1100);
	ASSERT(g != NULL && g != m, "the live neighbour makes it move");
	EXPECT(im_malloc_usable_size(g) == 1152, "18 granules for 1100 bytes, got %zu",
	       im_malloc_usable_size(g));
	im_free(g);
	im_free(pin);
	HEAP_OK();
}

/*
 * A mid block that grows out of its place by less than a quarter moves to
 * a run with room after it (an eighth of it, at least 4 granules, and a
 * granule more), not to
 * the best fit: here a hole of exactly its new length, which would stop
 * its next growth at once.
 */
static void t_mid_growth_moves_to_room(void)
{
	char *hole = im_malloc(18 * 64), *pin = im_malloc(600);
	char *m = im_malloc(16 * 64), *pin2 = im_malloc(600);
	ASSERT(pin == hole + 18 * 64 && m == pin + 640 && pin2 == m + 16 * 64,
	       "hole, pin, block, pin side by side");
	im_free(hole); /* 18 granules free, between the span's start and pin */
	char *g = im_realloc(m, 18 * 64 - 10);
	ASSERT(g != NULL && g != m, "the pin after it makes it move");
	EXPECT(g != hole, "not into the hole of exactly 18 granules");
	EXPECT(im_realloc(g, 18 * 64 + 100) == g, "it grows again in place");
	char *h = im_malloc(18 * 64);
	EXPECT(h == hole, "the hole serves the next block of its length");
	im_free(h);
	im_free(g);
	im_free(pin);
	im_free(pin2);
	HEAP_OK();
}

/*
 * The room a moved mid block looks for is at least 4 granules (and a
 * granule): an eighth of a short block is too little to grow into. A
 * block of 16 granules grown to 18 (an eighth: 2) takes a hole of 23
 * granules, not one of 21, which an eighth and a granule would take, and
 * grows in place to the end of it.
 */
static void t_mid_short_growth_moves_to_4_granules(void)
{
	char *pin0 = im_malloc(600), *h21 = im_malloc(21 * 64), *pin1 = im_malloc(600);
	char *h23 = im_malloc(23 * 64), *pin2 = im_malloc(600);
	char *m = im_malloc(16 * 64), *pin3 = im_malloc(600);
	ASSERT(h21 == pin0 + 640 && pin1 == h21 + 21 * 64 && h23 == pin1 + 640 &&
		   pin2 == h23 + 23 * 64 && m == pin2 + 640 && pin3 == m + 16 * 64,
	       "pin, hole, pin, hole, pin, block, pin side by side");
	im_free(h21); /* 21 and 23 granules free, each between two live blocks */
	im_free(h23);
	char *g = im_realloc(m, 18 * 64 - 10);
	ASSERT(g != NULL && g != m, "the pin after it makes it move");
	EXPECT(g == h23, "into the hole of 23 granules (5 of room), not the one of 21 (3)");
	for (size_t n = 19 * 64; n <= 23 * 64; n += 64)
		EXPECT(im_realloc(g, n) == g, "it grows in place to the end of the hole");
	char *h = im_malloc(21 * 64);
	EXPECT(h == h21, "the hole of 21 serves the next block of its length");
	im_free(h);
	im_free(g);
	im_free(pin0);
	im_free(pin1);
	im_free(pin2);
	im_free(pin3);
	HEAP_OK();
}

/* A page-run block shrunk by at most a quarter stays as it is (keeping a
 * growing buffer's headroom); shrunk by more, its tail pages are freed. */
static void t_run_shrink(void)
{
	char *p = im_malloc(100000), *pin = im_malloc(100);
	size_t u = im_malloc_usable_size(p);
	ASSERT(im_realloc(p, 80000) == p && im_malloc_usable_size(p) == u,
	       "a fifth less: unchanged");
	ASSERT(im_realloc(p, 50000) == p, "half: in place");
	EXPECT(im_malloc_usable_size(p) < 50000 + PAGE_BYTES, "the tail pages freed (usable %zu)",
	       im_malloc_usable_size(p));
	char *t = im_malloc(40000);
	EXPECT(t > p && t < p + u, "the freed tail serves the next run");
	im_free(t);
	im_free(p);
	im_free(pin);
	HEAP_OK();
}

/* Grows mmapped block p (of len bytes, pattern-filled) to new_len where it
 * cannot grow in place; checks the contents and returns the new block. */
static char *grow_blocked(char *p, size_t len, size_t new_len)
{
	/* a mapping right after the block: it cannot grow in place */
	void *wall = mmap(p + len, PAGE_BYTES, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	char *q = im_realloc(p, new_len);
	if (wall != MAP_FAILED)
		munmap(wall, PAGE_BYTES);
	if (!q)
		return NULL;
	size_t bad = 0;
	for (size_t i = 0; i < len; i++)
		bad += q[i] != (char)(i * 7);
	EXPECT_EQ(bad, 0, "the contents moved with the block");
	return q;
}

/* A big (mmapped) block that must move is moved by the kernel (mremap:
 * its pages, no copy); on a kernel without mremap, copied. Fails if the
 * move path copies where mremap could move, or loses data either way. */
static void t_large_moves_by_mremap(void)
{
	enum { MIB = 1 << 20 };
	ASSERT(im_mallopt(IM_M_MMAP_THRESHOLD, 256 * 1024) == 1);
	char *p = im_malloc(MIB);
	ASSERT(p != NULL);
	for (size_t i = 0; i < MIB; i++)
		p[i] = (char)(i * 7);
	unsigned long calls = im_os_counters.mremap_calls;
	char *q = grow_blocked(p, MIB, 4 * MIB);
	ASSERT(q != NULL);
	EXPECT_EQ(im_os_counters.mremap_calls, calls + 1, "moved by one mremap");
	EXPECT(im_malloc_usable_size(q) >= 4 * MIB);
	HEAP_OK();
	im_os_host_no_mremap = 1; /* as on a kernel without mremap */
	char *r = grow_blocked(q, MIB, 16 * MIB);
	im_os_host_no_mremap = 0;
	ASSERT(r != NULL);
	EXPECT_EQ(im_os_counters.mremap_calls, calls + 1, "no mremap: a copy");
	im_free(r);
	HEAP_OK();
}

static const struct ktap_case tests[] = {
    {"realloc_preserves_contents_and_works_in_place", t_realloc_contents},
    {"mid_realloc_in_place", t_mid_realloc_in_place},
    {"mid_growth_in_place_takes_headroom", t_mid_growth_headroom_in_place},
    {"run_growth_moves_with_headroom", t_run_growth_headroom},
    {"no_headroom_for_jumps_and_mid_blocks", t_no_headroom_for_jumps_and_mid_blocks},
    {"mid_growth_moves_to_room", t_mid_growth_moves_to_room},
    {"mid_short_growth_moves_to_4_granules", t_mid_short_growth_moves_to_4_granules},
    {"run_shrink_keeps_or_frees_the_tail", t_run_shrink},
    {"large_moves_by_mremap", t_large_moves_by_mremap},
};

int main(void)
{
	return ktap_run_cases("malloc_realloc", tests, sizeof tests / sizeof *tests);
}
