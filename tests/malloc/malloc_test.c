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
#include "malloc/heap.h" /* the white-box tests of the mid tier */
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

/*
 * The mid tier (mid.c): two freed neighbours become one free run that
 * serves a size neither could alone (realloc into a free neighbour is in
 * malloc_realloc_test.c).
 */
static void t_mid_coalescing(void)
{
	char *a = im_malloc(2000), *b = im_malloc(2000), *pin = im_malloc(2000);
	struct span *s = malloc_debug_span_of(a);
	ASSERT(s->tag == TAG_MID && malloc_debug_span_of(b) == s && b == a + 2048,
	       "two 2000-byte blocks: neighbours of 32 granules in one mid span");
	ASSERT(im_malloc_usable_size(a) == 2048);
	im_free(a);
	im_free(b);
	HEAP_OK();
	char *c = im_malloc(4000);
	ASSERT(c == a, "the merged 4096 bytes serve 4000 (best fit), which neither 2048 could");
	im_free(c);
	im_free(pin);
	HEAP_OK();
}

/*
 * Best fit through the free-run lists: of free runs of 20, 12, 16 and 12
 * granules, 11 granules take the 12 freed last, then the other 12, 16 the
 * 16 and 18 the 20 (the shortest run that holds each, the newest of equal
 * ones).
 */
static void t_mid_best_fit(void)
{
	size_t len[4] = {20, 12, 16, 12};
	char *run[4], *pin[4];
	for (int i = 0; i < 4; i++) {
		run[i] = im_malloc(len[i] * 64);
		pin[i] = im_malloc(600);
		ASSERT(malloc_debug_span_of(run[i]) == malloc_debug_span_of(run[0]) &&
			   pin[i] == run[i] + len[i] * 64 && (!i || run[i] == pin[i - 1] + 640),
		       "runs and pins side by side in one mid span");
	}
	for (int i = 0; i < 4; i++)
		im_free(run[i]);
	HEAP_OK();
	char *a = im_malloc(11 * 64), *b = im_malloc(11 * 64), *c = im_malloc(16 * 64);
	char *d = im_malloc(18 * 64);
	EXPECT(a == run[3] && b == run[1] && c == run[2] && d == run[0],
	       "each request took the shortest free run that holds it, the newest first");
	HEAP_OK();
	im_free(a);
	im_free(b);
	im_free(c);
	im_free(d);
	for (int i = 0; i < 4; i++)
		im_free(pin[i]);
	HEAP_OK();
}

/*
 * Best fit across spans: a run of 12 granules in the first mid span (4
 * pages, the rest of it taken) serves 11 granules before a newer run of
 * 20 in the second span and that span's long free rest; 19 then take the
 * 20.
 */
static void t_mid_best_fit_across_spans(void)
{
	im_malloc_trim(0); /* the kept empty mid span of the tests before goes */
	ASSERT(heap.mid_nspans == 0, "no mid span left by the tests before");
	char *p = im_malloc(12 * 64), *pin = im_malloc(9 * 64), *rest = im_malloc(235 * 64);
	char *q = im_malloc(20 * 64), *pin2 = im_malloc(9 * 64);
	struct span *a = malloc_debug_span_of(p), *b = malloc_debug_span_of(q);
	ASSERT(a && a->nslots == 256 && a->nfree == 0 && b && b != a && pin2 == q + 20 * 64,
	       "the first span full, the second holding q and a pin");
	im_free(p);
	im_free(q);
	HEAP_OK();
	char *x = im_malloc(11 * 64), *y = im_malloc(19 * 64);
	EXPECT(x == p && y == q, "each took the shortest run of any span that holds it");
	HEAP_OK();
	im_free(x);
	im_free(y);
	im_free(pin);
	im_free(pin2);
	im_free(rest);
	HEAP_OK();
}

/*
 * The most free runs a mid span records: a 16-page span filled with
 * blocks of 9 granules (113 and 7 granules over), every other one freed
 * (those at granules 0, 18, 36, ...): 57 runs that can hold a block (the
 * last one with the 7 over), which the index holds and the heap walk
 * finds exact.
 */
static void t_mid_many_runs(void)
{
	enum { N = 200 };
	static char *p[N];
	im_malloc_trim(0);
	for (int i = 0; i < N; i++)
		ASSERT((p[i] = im_malloc(576)) != NULL);
	for (int i = 0; i < N; i++) {
		struct span *s = malloc_debug_span_of(p[i]);
		if (((uintptr_t)p[i] - s->start) / 64 % 18 == 0) {
			im_free(p[i]);
			p[i] = NULL;
		}
	}
	HEAP_OK();
	uint32_t most = 0;
	for (int i = 0; i < N; i++) {
		struct span *s = p[i] ? malloc_debug_span_of(p[i]) : NULL;
		if (s && s->nslots == 1024 && s->mx->nruns > most)
			most = s->mx->nruns;
	}
	EXPECT(most == 57,
	       "a 16-page span of 9-granule blocks, every other one freed, has 57 free runs");
	for (int i = 0; i < N; i++)
		im_free(p[i]);
	HEAP_OK();
}

/*
 * The heap walk finds a damaged free-run list: a run's back link pointing
 * at itself instead of the run before it.
 */
static void t_mid_run_list_damage_found(void)
{
	char *a = im_malloc(600), *pin = im_malloc(600), *b = im_malloc(600),
	     *pin2 = im_malloc(600);
	im_free(a);
	im_free(b); /* two runs of 10 granules, on one list: b's first */
	HEAP_OK();
	struct span *s = malloc_debug_span_of(a);
	struct mid_run *ra = &s->mx->run[((uintptr_t)a - s->start) / 64 >> RUN_BUCKET_SHIFT];
	ASSERT(ra->len == 10 && ra->prev != RUN_NONE, "a's run second on its list");
	uint32_t was = ra->prev;
	ra->prev = RUN_NONE;
	EXPECT(malloc_check_heap() != 0, "the heap walk sees the broken back link");
	ra->prev = was;
	HEAP_OK();
	im_free(pin);
	im_free(pin2);
	HEAP_OK();
}

/*
 * A new mid span takes a shorter free run of the heap (here 8 pages, the
 * only free run of 5 or more) when none of the 16 pages it wants is free:
 * with the break refused, the old rule (16 pages, else 4) put a 4-page
 * span there.
 */
static void t_mid_span_takes_a_hole(void)
{
	enum { N = 4000 };
	static char *runs[N], *mids[N];
	int nr = 0, nm = 0;
	im_malloc_trim(0);
	while (nm < 3) /* a 4-page and an 8-page mid span, full: the next one wants 16 */
		ASSERT((mids[nm++] = im_malloc(16384)) != NULL);
	while (nr < 40)
		ASSERT((runs[nr++] = im_malloc(8 * 4096 - 64)) != NULL);
	im_os_refuse_sbrk = 1;
	while (nr < N && (runs[nr] = im_malloc(8 * 4096 - 64)) != NULL)
		nr++; /* every free run of 8 pages or more used up */
	while (nr < N && (runs[nr] = im_malloc(5 * 4096 - 64)) != NULL)
		nr++; /* and of 5 or more */
	char *hole = runs[20];
	runs[20] = NULL;
	im_free(hole); /* between two runs: a free run of 8 pages */
	struct span *in_hole = NULL;
	while (nm < N && !in_hole && (mids[nm] = im_malloc(16384)) != NULL) {
		struct span *s = malloc_debug_span_of(mids[nm++]);
		if ((uintptr_t)hole <= s->start && s->start < (uintptr_t)hole + 8 * 4096)
			in_hole = s;
	}
	im_os_refuse_sbrk = 0;
	EXPECT(nr < N && in_hole && in_hole->tag == TAG_MID && in_hole->npages == 8,
	       "the new mid span is the whole 8-page hole");
	HEAP_OK();
	for (int i = 0; i < nm; i++)
		im_free(mids[i]);
	for (int i = 0; i < nr; i++)
		im_free(runs[i]);
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

static int child(void (*fn)(void), char *err, size_t errlen)
{
	int fds[2];
	if (pipe(fds))
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		fn();
		_exit(0);
	}
	close(fds[1]);
	size_t got = 0;
	ssize_t r;
	while (got + 1 < errlen && (r = read(fds[0], err + got, errlen - 1 - got)) > 0)
		got += (size_t)r;
	err[got] = 0;
	close(fds[0]);
	int st;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
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
	for (uint32_t i = 0; i < s->nslots >> RUN_BUCKET_SHIFT; i++)
		s->mx->run[i].g ^= 1; /* every free run recorded one granule off */
	im_free(q);		      /* merging with p's run: its record is not there */
}
static void c_realloc_freed(void)
{
	void *p = im_malloc(50);
	im_free(p);
	im_realloc(p, 100);
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

static const struct ktap_case tests[] = {
    {"large_blocks_munmapped_on_free", t_large_munmapped}, /* first: fresh thresholds */
    {"alignment_every_size_0_4096", t_alignment_every_size},
    {"aligned_alloc_powers_of_two_to_8MiB", t_aligned_alloc_pow2},
    {"calloc_zero_and_overflow", t_calloc},
    {"reallocarray_overflow", t_reallocarray},
    {"malloc0_unique_freeable", t_malloc0_unique},
    {"exhaustion_null_enomem_heap_usable", t_exhaustion},
    {"mid_freed_neighbours_coalesce", t_mid_coalescing},
    {"mid_best_fit", t_mid_best_fit},
    {"mid_best_fit_across_spans", t_mid_best_fit_across_spans},
    {"mid_run_list_damage_found", t_mid_run_list_damage_found},
    {"mid_many_runs", t_mid_many_runs},
    {"mid_span_takes_a_hole", t_mid_span_takes_a_hole},
    {"random_soak_with_heap_walk", t_random_soak},
    {"double_free_detected", t_err_double_free},
    {"invalid_free_detected", t_err_invalid_free},
    {"metadata_corruption_detected", t_err_corruption},
    {"mallinfo2_and_malloc_stats", t_stats},
};

int main(void)
{
	return ktap_run_cases("malloc", tests, sizeof tests / sizeof *tests);
}
