/*
 * malloc_grow_test.c - host unit tests of where libc/malloc's heap goes
 * when the break does not give it the pages above its top (grow.c, KTAP
 * output): the program moved the break itself (its own sbrk), the break
 * cannot move (the heap goes on in mappings just above its top), a
 * mapping sits above the top (the heap goes past it, leaving a gap, where
 * the kernel may later put a big block: the table finds it, no page-map
 * entry there is left naming a descriptor), and the gaps run out (malloc returns NULL with ENOMEM, the heap intact). In
 * each, every block lies outside the memory that is not the heap's, a
 * pointer into that memory is refused by free, and the heap walk passes.
 * Built as malloc_test.c is (the im_ prefix, the os layer's fake break,
 * whose reservation also emulates fixed mappings); a process of its own.
 */
#include "malloc/malloc_api.h"
#include "malloc/os.h"
#include "malloc/pagemap.h" /* the gaps, white-box */
#include "child_run.h"
#include "ktap.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#define HEAP_OK() ASSERT(malloc_check_heap() == 0)

enum { NBLK = 24000 }; /* small, mid and page-run blocks: about 8 MiB */
static void *blk[NBLK];

/* The size of block i: mostly small, some mid, a few page runs. */
static size_t size_of(int i)
{
	return i % 100 == 0 ? 40000 : i % 10 == 0 ? 3000 : 200;
}

/* Allocates the blocks; returns how many it got before the first NULL.
 * Each is filled with its number's low byte. */
static int alloc_all(void)
{
	for (int i = 0; i < NBLK; i++) {
		blk[i] = im_malloc(size_of(i));
		if (!blk[i])
			return i;
		memset(blk[i], i & 0xff, size_of(i));
	}
	return NBLK;
}

/* True if none of the first n blocks meets [lo, hi) and each still holds its fill. */
static bool blocks_clear_of(int n, uintptr_t lo, uintptr_t hi)
{
	for (int i = 0; i < n; i++) {
		uintptr_t a = (uintptr_t)blk[i];
		if (a < hi && lo < a + size_of(i))
			return false;
		const unsigned char *p = blk[i];
		if (p[0] != (i & 0xff) || p[size_of(i) - 1] != (i & 0xff))
			return false;
	}
	return true;
}

static void free_all(int n)
{
	for (int i = n - 1; i >= 0; i--)
		im_free(blk[i]);
}

/* True if the n bytes at p all hold c. */
static bool all(const unsigned char *p, size_t n, unsigned char c)
{
	for (size_t k = 0; k < n; k++)
		if (p[k] != c)
			return false;
	return true;
}

static void free_it(void *p)
{
	im_free(p);
}

/* True if im_free(p), run in a child, ended it as the allocator does on
 * a bad pointer (exit status 134, as abort's) with a report that says want. */
static bool free_refused(void *p, const char *want)
{
	char err[2048];
	int status = child_run(free_it, p, err, sizeof err);
	if (status != 134 || !strstr(err, want))
		ktap_diag("free(%p): status %d, said: %s\n", p, status, err);
	return status == 134 && strstr(err, want);
}

/* The program's own sbrk between mallocs (OSTEP's exercise): its bytes
 * become a gap, the heap goes on above them, and when the heap above is
 * given back the gap goes and the break is exactly where the program
 * left it. Before, the heap stopped there: every later block that needed
 * new pages was NULL. */
static void t_program_moves_break(void)
{
	void *first = im_malloc(100);
	ASSERT(first);
	char *own = im_os_sbrk(5000); /* an unaligned size, as a program may */
	ASSERT(own);
	memset(own, 0xab, 5000);
	char *own_end = own + 5000;
	int n = alloc_all();
	EXPECT_EQ(n, NBLK, "every block, after the program's own sbrk");
	EXPECT_EQ(pagemap.ngaps, 1u, "the program's bytes are a gap in the heap");
	EXPECT(heap_gaps[0].start <= (uintptr_t)own && heap_gaps[0].end >= (uintptr_t)own_end,
	       "the gap holds them");
	EXPECT(blocks_clear_of(n, (uintptr_t)own, (uintptr_t)own_end), "no block among them");
	EXPECT(all((unsigned char *)own, 5000, 0xab), "and they are untouched");
	EXPECT_EQ(im_mallinfo2().arena, heap_pages() * PAGE, "the gap is not the heap's size");
	HEAP_OK();
	EXPECT(free_refused(own + 16, "not from malloc"), "free of the program's bytes is refused");
	free_all(n);
	HEAP_OK();
	im_malloc_trim(0);
	HEAP_OK();
	EXPECT_EQ(pagemap.ngaps, 0u, "the gap goes with the heap above it");
	EXPECT(im_os_sbrk(0) == own_end, "the break is where the program left it");
	EXPECT(all((unsigned char *)own, 5000, 0xab), "its bytes still untouched");
	im_free(first);
	HEAP_OK();
}

/* The break cannot grow (Valgrind's stops at 8 MiB): the heap goes on in
 * mappings just above its top, with no gap, and gives them back. */
static void t_break_stops(void)
{
	void *first = im_malloc(100); /* the heap's first pages: the break's */
	ASSERT(first && pagemap.brk_end == heap_top());
	im_os_refuse_sbrk = 1;
	uintptr_t top0 = heap_top();
	int n = alloc_all();
	EXPECT_EQ(n, NBLK, "every block, with the break stopped");
	EXPECT(pagemap.mapped_pages > 0 && pagemap.brk_end <= top0 && pagemap.brk_end < heap_top(),
	       "the pages above the break's are mapped");
	EXPECT_EQ(pagemap.ngaps, 0u, "right above the top: no gap");
	struct IM_NAME(mallinfo2) mi = im_mallinfo2();
	EXPECT(mi.hblkhd >= pagemap.mapped_pages * PAGE &&
		   mi.arena == (heap_pages() - pagemap.mapped_pages) * PAGE,
	       "mallinfo2 counts them as mapped");
	EXPECT(blocks_clear_of(n, 0, 0), "every block keeps its bytes");
	HEAP_OK();
	unsigned long u0 = im_os_counters.munmap_calls;
	free_all(n);
	im_malloc_trim(0);
	HEAP_OK();
	EXPECT_EQ(pagemap.mapped_pages, (size_t)0, "the mapped pages are given back");
	EXPECT(im_os_counters.munmap_calls > u0, "with munmap");
	EXPECT(pagemap.brk_end == heap_top() && heap_top() <= top0,
	       "the top is the break's pages again");
	im_free(first);
	im_os_refuse_sbrk = 0;
}

/* A mapping right above the top, the break stopped below it: the heap
 * goes past it, and a pointer into it is not the heap's. */
static void t_mapping_above_top(void)
{
	im_os_refuse_sbrk = 1;
	uintptr_t top0 = heap_top();
	im_os_host_taken_lo = top0;
	im_os_host_taken_hi = top0 + (1u << 20);
	int n = alloc_all();
	EXPECT_EQ(n, NBLK, "every block, past the mapping");
	ASSERT_EQ(pagemap.ngaps, 1u, "one gap");
	EXPECT(heap_gaps[0].start == top0 && heap_gaps[0].end >= im_os_host_taken_hi,
	       "the gap holds the mapping");
	EXPECT(blocks_clear_of(n, im_os_host_taken_lo, im_os_host_taken_hi), "no block in it");
	HEAP_OK();
	EXPECT(free_refused((void *)(top0 + 8192), "not from malloc"),
	       "free of a pointer into the mapping is refused");
	/* the mapping goes; the kernel puts a big block in its place */
	im_os_host_taken_lo = im_os_host_taken_hi = 0;
	im_os_host_next_map = top0 + 8192;
	char *big = im_malloc(512u << 10);
	ASSERT(big == (char *)(top0 + 8192), "an mmapped block in the gap");
	memset(big, 7, 512u << 10);
	HEAP_OK(); /* a block in a gap does not overlap the heap */
	EXPECT(im_malloc_usable_size(big) >= 512u << 10, "it is a block like any other");
	EXPECT(free_refused(big + 16, "inside a block"), "free of a pointer into it says so");
	unsigned long u0 = im_os_counters.munmap_calls;
	im_free(big);
	EXPECT(im_os_counters.munmap_calls == u0 + 1, "free unmaps it");
	free_all(n);
	im_malloc_trim(0);
	HEAP_OK();
	EXPECT_EQ(pagemap.ngaps, 0u, "the gap goes with the pages above it");
	EXPECT_EQ(pagemap.mapped_pages, (size_t)0);
	EXPECT(heap_top() <= top0, "the top is back below the mapping");
	EXPECT(pagemap.owner[pagemap.npages] == NULL &&
		   pagemap.owner[page_index(top0) + 256] == NULL,
	       "no page-map entry above the top names a descriptor");
	im_os_refuse_sbrk = 0;
}

/* The program moves the break each time the heap grows: after MAX_GAPS
 * gaps the heap grows no more, and malloc says so (NULL, ENOMEM) with
 * the heap intact; freed, everything above the last gap goes back. */
static void t_gaps_run_out(void)
{
	int n = 0;
	void *p = NULL;
	errno = 0;
	for (unsigned g = 0; g <= MAX_GAPS && n < NBLK; g++) {
		ASSERT(im_os_sbrk(4096), "the program's own page");
		for (unsigned have = pagemap.ngaps; n < NBLK && pagemap.ngaps == have; n++) {
			p = blk[n] = im_malloc(size_of(n));
			if (!p)
				break;
			memset(blk[n], n & 0xff, size_of(n));
		}
		if (!p)
			break;
	}
	EXPECT(p == NULL && errno == ENOMEM, "NULL and ENOMEM once the gaps run out");
	EXPECT_EQ(pagemap.ngaps, (unsigned)MAX_GAPS);
	EXPECT(blocks_clear_of(n, 0, 0), "every block keeps its bytes");
	HEAP_OK();
	free_all(n);
	im_malloc_trim(0);
	HEAP_OK();
	void *q = im_malloc(200);
	EXPECT(q != NULL, "small blocks again, from the freed pages");
	im_free(q);
	HEAP_OK();
}

static const struct ktap_case tests[] = {
    {"break_stops", t_break_stops}, /* first: the break at the heap's top */
    {"mapping_above_top", t_mapping_above_top},
    {"program_moves_break", t_program_moves_break}, /* leaves its bytes above the top */
    {"gaps_run_out", t_gaps_run_out},		    /* last: leaves the gaps */
};

int main(void)
{
	return ktap_run_cases("malloc_grow", tests, sizeof tests / sizeof *tests);
}
