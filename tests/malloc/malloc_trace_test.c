/*
 * malloc_trace_test.c - the allocator's lines of the memory trace
 * (libc/malloc/trace.c, docs/TRACE.md), on the host under ASan/UBSan.
 *
 * The host build's os layer stands in for the kernel (os.h): im_os_traced
 * says what the test sets, and each trace_event is recorded in a table.
 * The tests run in order in one process: first untraced (no event, the
 * fast paths), then traced after the mode was decided (as when a program
 * mallocs before the libc's start-up code reads the auxiliary vector):
 * each public call's kind, arguments, result, tier ("path") and site,
 * aligned allocations' alignment too.
 */
#include "interlude/syscall.h" /* TRACE_USER_*, TRACE_PATH_* */
#include "malloc/debug.h"      /* dbg_mode, DBG_OFF_TRACED */
#include "malloc/heap.h"       /* heap.mmap_threshold */
#include "malloc/malloc_api.h"
#include "malloc/os.h"
#include "malloc/small.h" /* size_class */
#include "malloc/trace.h"
#include "ktap.h"

#include <stdint.h>
#include <stdlib.h>

/* The calls are made from these, so that each event's site is known: the
 * return address lies inside the caller, a few bytes past its start. */
static __attribute__((noinline)) void *call_malloc(size_t n)
{
	void *p = im_malloc(n);
	__asm__ volatile("" ::: "memory"); /* not a tail call: the site stays here */
	return p;
}

static __attribute__((noinline)) void *call_realloc(void *p, size_t n)
{
	void *q = im_realloc(p, n);
	__asm__ volatile("" ::: "memory");
	return q;
}

/* Is site inside fn (its first 512 bytes)? */
static int site_in(uintptr_t site, void *fn)
{
	return site > (uintptr_t)fn && site < (uintptr_t)fn + 512;
}

/* Returns the i-th recorded event (a zeroed one past the end). */
static struct im_os_trace_record event(unsigned i)
{
	struct im_os_trace_record none = {0};
	return i < im_os_host_nevents && i < IM_OS_HOST_EVENTS ? im_os_host_events[i] : none;
}

static void t_untraced_calls_send_nothing(void)
{
	void *p = im_malloc(24), *q = im_malloc(300000), *r = im_calloc(3, 8);
	p = im_realloc(p, 5000);
	im_free(p), im_free(q), im_free(r);
	ASSERT_EQ(im_os_host_nevents, 0);
	ASSERT_EQ(dbg_mode, 0, "decided: the fast paths are open");
}

static void t_traced_start_closes_the_fast_paths(void)
{
	im_os_host_traced = 1;
	im_trace_start(); /* as the libc's start-up code does */
	ASSERT(im_traced);
	ASSERT_EQ(dbg_mode, DBG_OFF_TRACED, "the fast paths closed");
}

static void t_malloc_names_its_tier_and_its_site(void)
{
	/* The mmap tier starts at the current threshold (freeing a mapped
	 * block raises it, as the first test did). */
	const struct {
		size_t n;
		long path;
	} want[] = {{24, TRACE_PATH_SPARSE}, /* its class has no span yet */
		    {2000, TRACE_PATH_MID},
		    {40000, TRACE_PATH_RUN},
		    {heap.mmap_threshold + 4096, TRACE_PATH_MMAP}};
	void *p[4];
	im_os_host_nevents = 0;
	for (int i = 0; i < 4; i++)
		p[i] = call_malloc(want[i].n);
	ASSERT_EQ(im_os_host_nevents, 4);
	for (int i = 0; i < 4; i++) {
		struct im_os_trace_record e = event(i);
		EXPECT_EQ(e.kind, TRACE_USER_MALLOC);
		EXPECT_EQ(e.a, want[i].n, "the size asked for");
		EXPECT_EQ(e.b, (uintptr_t)p[i], "the block returned");
		EXPECT_EQ(e.path, want[i].path, "the tier of the size");
		EXPECT(site_in(e.site, (void *)call_malloc), "the site is the caller's");
	}
	im_os_host_nevents = 0;
	for (int i = 0; i < 4; i++)
		im_free(p[i]);
	ASSERT_EQ(im_os_host_nevents, 4);
	for (int i = 0; i < 4; i++) {
		EXPECT_EQ(event(i).kind, TRACE_USER_FREE);
		EXPECT_EQ(event(i).a, (uintptr_t)p[i], "free names the block");
		EXPECT_EQ(event(i).path, TRACE_PATH_NONE);
	}
}

static void t_realloc_calloc_and_free_null(void)
{
	im_os_host_nevents = 0;
	char *p = call_malloc(24);
	char *q = call_realloc(p, 5000);
	void *z = im_calloc(3, 8);
	im_free(NULL); /* no line */
	im_free(q);
	im_free(z);
	ASSERT_EQ(im_os_host_nevents, 5);
	struct im_os_trace_record r = event(1), c = event(2);
	EXPECT_EQ(r.kind, TRACE_USER_REALLOC);
	EXPECT_EQ(r.a, (uintptr_t)p, "realloc: the old block");
	EXPECT_EQ(r.b, 5000, "realloc: the size");
	EXPECT_EQ(r.c, (uintptr_t)q, "realloc: the new block");
	EXPECT_EQ(r.path, TRACE_PATH_MID, "realloc: the new block's tier");
	EXPECT(site_in(r.site, (void *)call_realloc), "realloc: the site is the caller's");
	EXPECT_EQ(c.kind, TRACE_USER_MALLOC, "calloc is a malloc line");
	EXPECT_EQ(c.a, 24, "calloc(3, 8): 24 bytes");
	EXPECT_EQ(c.b, (uintptr_t)z);
	EXPECT_EQ(c.path, TRACE_PATH_SPARSE, "calloc's 24 bytes: a class without a span");
	EXPECT_EQ(event(3).kind, TRACE_USER_FREE, "free(NULL) sent nothing");
	EXPECT_EQ(event(3).a, (uintptr_t)q);
}

/* The blocks of a size whose class has no span are `sparse` until they
 * hold SPARSE_BUCKET_GRANULES granules; the next one, from the class's own
 * span, is `class`. */
static void t_class_path_once_the_class_has_a_span(void)
{
	enum { G = (240 + 31) / 32, N = SPARSE_BUCKET_GRANULES / G + 1 }; /* 232 B: class 240 */
	void *p[N];
	ASSERT(heap.cls[size_class(232)].nspans == 0, "no span of the class yet");
	im_os_host_nevents = 0;
	for (int i = 0; i < N; i++)
		p[i] = call_malloc(232);
	ASSERT_EQ(im_os_host_nevents, N);
	for (int i = 0; i < N - 1; i++)
		EXPECT_EQ(event(i).path, TRACE_PATH_SPARSE, "block %d: the sparse span", i);
	EXPECT_EQ(event(N - 1).path, TRACE_PATH_CLASS, "the next: the class's own span");
	for (int i = 0; i < N; i++)
		im_free(p[i]);
}

static void t_a_failed_malloc_has_no_path(void)
{
	im_os_host_nevents = 0;
	void *p = im_malloc(SIZE_MAX / 2);
	ASSERT(p == NULL);
	ASSERT_EQ(im_os_host_nevents, 1);
	EXPECT_EQ(event(0).kind, TRACE_USER_MALLOC);
	EXPECT_EQ(event(0).b, 0, "no block");
	EXPECT_EQ(event(0).path, TRACE_PATH_NONE, "no tier");
}

static void t_aligned_blocks_are_malloc_lines_with_their_alignment(void)
{
	im_os_host_nevents = 0;
	void *a = im_aligned_alloc(64, 100), *r = im_memalign(4 * 4096, 40000), *m = NULL;
	size_t big = heap.mmap_threshold + 4096;
	ASSERT_EQ(im_posix_memalign(&m, 8192, big), 0);
	void *s = im_aligned_alloc(8, 24); /* up to 16: malloc's own */
	ASSERT_EQ(im_os_host_nevents, 4);
	const struct {
		void *p;
		size_t n, align;
		long path;
	} want[] = {
	    {a, 100, 64, TRACE_PATH_CLASS},
	    {r, 40000, 4 * 4096, TRACE_PATH_RUN},
	    {m, big, 8192, TRACE_PATH_MMAP},
	    {s, 24, 8, TRACE_PATH_SPARSE}}; /* its class has no span: malloc's sparse span */
	for (int i = 0; i < 4; i++) {
		struct im_os_trace_record e = event(i);
		EXPECT_EQ(e.kind, TRACE_USER_MALLOC);
		EXPECT_EQ(e.a, want[i].n, "the size");
		EXPECT_EQ(e.b, (uintptr_t)want[i].p, "the block");
		EXPECT_EQ(e.c, want[i].align, "the alignment");
		EXPECT_EQ(e.path, want[i].path, "core_aligned's tier");
		EXPECT(e.site != 0, "a site");
		im_free(want[i].p);
	}
}

static const struct ktap_case tests[] = {
    {"untraced_calls_send_nothing", t_untraced_calls_send_nothing}, /* first: fresh mode */
    {"traced_start_closes_the_fast_paths", t_traced_start_closes_the_fast_paths},
    {"malloc_names_its_tier_and_its_site", t_malloc_names_its_tier_and_its_site},
    {"realloc_calloc_and_free_null", t_realloc_calloc_and_free_null},
    {"class_path_once_the_class_has_a_span", t_class_path_once_the_class_has_a_span},
    {"a_failed_malloc_has_no_path", t_a_failed_malloc_has_no_path},
    {"aligned_blocks_are_malloc_lines_with_their_alignment",
     t_aligned_blocks_are_malloc_lines_with_their_alignment},
};

int main(void)
{
	return ktap_run_cases("malloc_trace", tests, sizeof tests / sizeof *tests);
}
