/*
 * malloc_test.c - host unit tests of libc/malloc (KTAP output).
 *
 *   gcc -std=gnu11 -O1 -g -fsanitize=address,undefined -DMALLOC_HOST_TEST \
 *       -Ilibc tests/malloc/malloc_test.c libc/malloc/[a-z]*.c \
 *       -o /tmp/mt && /tmp/mt
 *
 * The allocator is built with the im_ prefix (IM_NAME) and its os layer's
 * fake break, so it lives beside glibc's malloc and ASan. Tests that make
 * the allocator abort run in a forked child: exit status 134 and the
 * HEAP ERROR line on its stderr are checked.
 */
#include "malloc/malloc_api.h"
#include "malloc/os.h"
#include "malloc/heap.h" /* c_mid_index_corrupt damages a free-run record */
#include "malloc/pagemap.h"
#include "malloc/small.h" /* free's fast path, white-box */
#include "child_run.h"
#include "ktap.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define HEAP_OK() ASSERT(malloc_check_heap() == 0)

static void t_alignment_every_size(void)
{
	static void *ps[4097];
	for (size_t n = 0; n <= 4096; n++) {
		ps[n] = im_malloc(n);
		ASSERT(ps[n] && ((uintptr_t)ps[n] & 15) == 0);
		ASSERT(im_malloc_usable_size(ps[n]) >= n);
		memset(ps[n], 0xab, n);
	}
	HEAP_OK();
	for (size_t n = 0; n <= 4096; n++)
		im_free(ps[n]);
	HEAP_OK();
}

static void t_aligned_alloc_pow2(void)
{
	for (size_t a = 1; a <= (8u << 20); a <<= 1) {
		size_t sizes[] = {1, a / 2 + 1, a, 3 * a + 5, 100000};
		for (int i = 0; i < 5; i++) {
			void *p = im_aligned_alloc(a, sizes[i]);
			ASSERT(p && ((uintptr_t)p & (a - 1)) == 0 && ((uintptr_t)p & 15) == 0);
			memset(p, 1, sizes[i]);
			void *q = NULL;
			ASSERT(im_posix_memalign(&q, a < 8 ? 8 : a, sizes[i]) == 0);
			ASSERT(((uintptr_t)q & ((a < 8 ? 8 : a) - 1)) == 0);
			void *r = im_memalign(a, sizes[i]);
			ASSERT(r && ((uintptr_t)r & (a - 1)) == 0);
			HEAP_OK();
			im_free(p);
			im_free(q);
			im_free(r);
		}
	}
	errno = 0;
	ASSERT(im_aligned_alloc(24, 10) == NULL && errno == EINVAL);
	void *q;
	ASSERT(im_posix_memalign(&q, 4, 10) == EINVAL);
	HEAP_OK();
}

static void t_calloc(void)
{
	for (size_t n = 1; n < 600000; n = n * 3 + 1) {
		unsigned char *p = im_malloc(n);
		memset(p, 0xff, n);
		im_free(p);
		p = im_calloc(1, n);
		ASSERT(p);
		for (size_t i = 0; i < n; i++)
			ASSERT(p[i] == 0);
		im_free(p);
	}
	errno = 0;
	ASSERT(im_calloc(SIZE_MAX / 2, 3) == NULL && errno == ENOMEM);
	errno = 0;
	ASSERT(im_calloc((size_t)1 << 33, (size_t)1 << 33) == NULL && errno == ENOMEM);
	void *z = im_calloc(0, 5);
	ASSERT(z);
	im_free(z);
	HEAP_OK();
}

static void t_reallocarray(void)
{
	int *p = im_reallocarray(NULL, 10, sizeof(int));
	ASSERT(p);
	for (int i = 0; i < 10; i++)
		p[i] = i;
	errno = 0;
	ASSERT(im_reallocarray(p, SIZE_MAX / 4, 8) == NULL && errno == ENOMEM);
	ASSERT(p[9] == 9); /* untouched on failure */
	p = im_reallocarray(p, 1000, sizeof(int));
	ASSERT(p && p[9] == 9);
	im_free(p);
	HEAP_OK();
}

static void t_malloc0_unique(void)
{
	void *ps[1000];
	for (int i = 0; i < 1000; i++) {
		ps[i] = im_malloc(0);
		ASSERT(ps[i]);
		for (int j = 0; j < i; j++)
			ASSERT(ps[j] != ps[i]);
	}
	for (int i = 0; i < 1000; i++)
		im_free(ps[i]);
	im_free(NULL);
	HEAP_OK();
}

static void t_large_munmapped(void)
{
	im_free(im_malloc(1)); /* the heap's own set-up mmaps */
	im_free(im_malloc(1 << 16));
	unsigned long m0 = im_os_counters.mmap_calls, u0 = im_os_counters.munmap_calls;
	char *p = im_malloc(1 << 20);
	ASSERT(p && im_os_counters.mmap_calls == m0 + 1);
	memset(p, 3, 1 << 20);
	ASSERT(im_malloc_usable_size(p) >= (1 << 20));
	im_free(p);
	ASSERT(im_os_counters.munmap_calls == u0 + 1);
	/* glibc's dynamic threshold: that size now comes from the heap */
	struct im_mallinfo2 mi = im_mallinfo2();
	ASSERT(mi.hblks == 0);
	p = im_malloc(1 << 20);
	ASSERT(im_os_counters.munmap_calls == u0 + 1 && im_mallinfo2().hblks == 0);
	im_free(p);
	/* it rises to at least twice itself: 1.5 MiB (mmapped) freed, 1.8 MiB is a heap block */
	p = im_malloc(3 << 19);
	ASSERT(im_mallinfo2().hblks == 1);
	im_free(p);
	p = im_malloc(1800 << 10);
	EXPECT(im_mallinfo2().hblks == 0, "the threshold doubled, not only past 1.5 MiB");
	im_free(p);
	u0++;
	im_mallopt(IM_M_MMAP_THRESHOLD, 128 << 10);
	p = im_malloc(200000);
	ASSERT(im_mallinfo2().hblks == 1);
	im_free(p);
	ASSERT(im_os_counters.munmap_calls == u0 + 2);
	HEAP_OK();
}

static void t_exhaustion(void)
{
	void *keep = im_malloc(100);
	im_os_refuse_sbrk = 1;
	im_os_refuse_mmap = 1;
	int nulls = 0;
	static void *ps[100000];
	int n = 0;
	/* use up what the heap has, then every size class must fail cleanly */
	for (n = 0; n < 100000; n++) {
		errno = 0;
		ps[n] = im_malloc(4000 + (n % 7) * 3000);
		if (!ps[n]) {
			ASSERT(errno == ENOMEM);
			nulls++;
			break;
		}
	}
	ASSERT(nulls == 1);
	size_t sizes[] = {0, 16, 1000, 16384, 20000, 1 << 20, 100 << 20};
	for (int i = 0; i < 7; i++) {
		errno = 0;
		void *p = im_malloc(sizes[i]);
		if (!p)
			ASSERT(errno == ENOMEM);
		else
			im_free(p);
		errno = 0;
		ASSERT(im_aligned_alloc(1 << 16, 1 << 20) == NULL && errno == ENOMEM);
		errno = 0;
		ASSERT(im_realloc(keep, 10 << 20) == NULL && errno == ENOMEM);
	}
	HEAP_OK();
	im_os_refuse_sbrk = 0;
	im_os_refuse_mmap = 0;
	for (int i = 0; i < n; i++)
		im_free(ps[i]);
	void *p = im_malloc(5 << 20);
	ASSERT(p);
	im_free(p);
	im_free(keep);
	HEAP_OK();
}

static void t_random_soak(void)
{
	enum { N = 3000 };
	static unsigned char *ps[N];
	static size_t ns[N];
	unsigned x = 12345;
	for (int it = 0; it < 200000; it++) {
		x = x * 1103515245 + 12345;
		int i = (x >> 8) % N;
		if (ps[i]) {
			ASSERT(ps[i][0] == (unsigned char)i &&
			       ps[i][ns[i] - 1] == (unsigned char)i);
			if (x & 1) {
				im_free(ps[i]);
				ps[i] = NULL;
				continue;
			}
		}
		size_t n = 1 + ((x >> 12) % ((x & 0x30) == 0x30 ? 200000 : 600));
		unsigned char *p = ps[i] ? im_realloc(ps[i], n) : im_malloc(n);
		ASSERT(p);
		if (ps[i] && p)
			ASSERT(p[0] == (unsigned char)i);
		ps[i] = p;
		ns[i] = n;
		p[0] = p[n - 1] = (unsigned char)i;
		if (it % 20000 == 0)
			HEAP_OK();
	}
	for (int i = 0; i < N; i++)
		im_free(ps[i]);
	HEAP_OK();
	im_malloc_trim(0);
	HEAP_OK();
}

/* --- the always-on checks, each in a child process ------------------- */

/* Calls the check *f points to (child_run's function). */
static void call(void *f)
{
	(*(void (**)(void))f)();
}

/* Runs fn in a child: its status, its stderr in err (child_run.h). */
static int child(void (*fn)(void), char *err, size_t errlen)
{
	return child_run(call, &fn, err, errlen);
}

static void c_double_small(void)
{
	void *p = im_malloc(24);
	im_free(p);
	im_free(p);
}
static void c_double_run(void)
{
	void *p = im_malloc(30000);
	void *q = im_malloc(30000);
	im_free(p);
	im_free(p);
	(void)q;
}
static void c_double_large(void)
{
	void *p = im_malloc(8 << 20);
	im_free(p);
	im_free(p);
}
static void c_stack(void)
{
	int x;
	im_free(&x);
}
static void c_interior(void)
{
	char *p = im_malloc(400);
	im_free(p + 16);
}
static void c_double_mid(void)
{
	char *p = im_malloc(3000);
	im_malloc(3000);
	im_free(p);
	im_free(p);
}
static void c_mid_interior(void)
{
	char *p = im_malloc(3000);
	im_free(p + 64);
}
static void c_misaligned(void)
{
	char *p = im_malloc(400);
	im_free(p + 4);
}
static void c_run_interior(void)
{
	char *p = im_malloc(50000);
	im_free(p + 4096);
}
static void c_global(void)
{
	static char buf[64];
	im_free(buf);
}
static void c_corrupt(void)
{
	char *p = im_malloc(64);
	uint32_t *desc = malloc_debug_span_of(p);
	desc[2] = 0x41414141; /* the tag word, as a wild write would */
	im_free(p);
}
static void c_mid_index_corrupt(void)
{
	char *p = im_malloc(3000), *q = im_malloc(3000);
	im_malloc(3000);
	if (q != p + 47 * 64)
		return; /* not neighbours: exits 0, and the check fails */
	im_free(p);
	struct span *s = malloc_debug_span_of(q);
	for (uint32_t i = 0; i < s->mx->cap; i++)
		if (s->mx->run[i].len)
			s->mx->run[i].start ^= 1; /* every free run recorded one granule off */
	im_free(q); /* merging with p's run: its record is not there */
}
static void c_realloc_freed(void)
{
	void *p = im_malloc(50);
	im_free(p);
	im_realloc(p, 100);
}
/* realloc's fast path for a mid block that stays (core_realloc) checks
 * the pointer as free does */
static void c_realloc_freed_mid(void)
{
	char *p = im_malloc(3000), *pin = im_malloc(3000);
	im_free(p);
	im_realloc(p, 3000);
	im_free(pin);
}
static void c_realloc_mid_interior(void)
{
	char *p = im_malloc(3000);
	im_realloc(p + 64, 1000);
}
static void c_clean(void)
{
	void *p = im_malloc(50);
	im_free(p);
}

static void check_abort(void (*fn)(void), const char *want)
{
	char err[2048];
	int st = child(fn, err, sizeof err);
	if (st != 134 || !strstr(err, want))
		printf("    # status %d, stderr: %s\n", st, err);
	ASSERT(st == 134);
	ASSERT(strstr(err, want) == err);
}

static void t_err_double_free(void)
{
	check_abort(c_double_small, "HEAP ERROR [double-free]: freeing memory repeatedly");
	check_abort(c_double_mid, "HEAP ERROR [double-free]: freeing memory repeatedly");
	check_abort(c_double_run, "HEAP ERROR [double-free]: freeing memory repeatedly");
	check_abort(c_double_large, "HEAP ERROR [double-free]: freeing memory repeatedly");
}

static void t_err_invalid_free(void)
{
	const char *w = "HEAP ERROR [invalid-free]: calling free() incorrectly";
	check_abort(c_stack, w);
	check_abort(c_interior, w);
	check_abort(c_misaligned, w);
	check_abort(c_run_interior, w);
	check_abort(c_mid_interior, w);
	check_abort(c_global, w);
	check_abort(c_realloc_freed, "HEAP ERROR [double-free]");
	check_abort(c_realloc_freed_mid, "HEAP ERROR [double-free]");
	check_abort(c_realloc_mid_interior, w);
}

static void t_err_corruption(void)
{
	check_abort(c_corrupt, "HEAP ERROR [heap-corruption]: heap metadata corrupted");
	check_abort(c_mid_index_corrupt, "HEAP ERROR [heap-corruption]: heap metadata corrupted");
	char err[256];
	ASSERT(child(c_clean, err, sizeof err) == 0 && err[0] == 0);
}

static void t_stats(void)
{
	void *p = im_malloc(100), *q = im_malloc(300000);
	struct im_mallinfo2 mi = im_mallinfo2();
	ASSERT(mi.uordblks >= 300100 && mi.arena > 0);
	char err[4096];
	ASSERT(child(im_malloc_stats, err, sizeof err) == 0 && strstr(err, "in use bytes"));
	im_free(p);
	im_free(q);
	HEAP_OK();
}

/*
 * malloc's and free's fast paths do not test the checking mode: free
 * finds a block's page from pagemap.free_base, and malloc its class's
 * span in small_fast_cur, which a checking mode or a trace turns off
 * (small_fast_paths): free_base moves out of the heap's way and the
 * spans' table is one of NULLs, so that every call then takes the slow
 * path, which asks for the mode. Off, free's fast path refuses a live
 * small block and leaves it live, and malloc's finds no span; on, both
 * serve.
 */
static void t_fast_paths_off_in_a_mode(void)
{
	im_mallopt(IM_M_SPARSE, 0); /* a block of its class's own span */
	void *p = im_malloc(40);
	ASSERT(p);
	ASSERT(pagemap.free_base == pagemap.base && small_fast_cur == heap.cur,
	       "no checking mode here: the fast paths are on");
	small_fast_paths(false);
	void *q;
	EXPECT(!small_take(small_fast_cur[size_class(40)], &q), "off, malloc's finds no span");
	EXPECT(!small_free_from(p, pagemap.free_base), "and free's refuses a live small block");
	EXPECT(malloc_check_heap() == 0 && !small_free_from(p, pagemap.free_base),
	       "and leaves it live");
	small_fast_paths(true);
	EXPECT(small_free_from(p, pagemap.free_base), "on again, free's frees it");
	EXPECT(small_take(small_fast_cur[size_class(40)], &q) && q == p,
	       "and malloc's serves the slot again");
	im_free(q);
	HEAP_OK();
	im_mallopt(IM_M_SPARSE, 1);
}

static const struct ktap_case tests[] = {
    {"large_blocks_munmapped_on_free", t_large_munmapped}, /* first: fresh thresholds */
    {"alignment_every_size_0_4096", t_alignment_every_size},
    {"aligned_alloc_powers_of_two_to_8MiB", t_aligned_alloc_pow2},
    {"calloc_zero_and_overflow", t_calloc},
    {"reallocarray_overflow", t_reallocarray},
    {"malloc0_unique_freeable", t_malloc0_unique},
    {"exhaustion_null_enomem_heap_usable", t_exhaustion},
    {"random_soak_with_heap_walk", t_random_soak},
    {"double_free_detected", t_err_double_free},
    {"invalid_free_detected", t_err_invalid_free},
    {"metadata_corruption_detected", t_err_corruption},
    {"mallinfo2_and_malloc_stats", t_stats},
    {"fast_paths_off_in_a_mode", t_fast_paths_off_in_a_mode},
};

int main(void)
{
	return ktap_run_cases("malloc", tests, sizeof tests / sizeof *tests);
}
