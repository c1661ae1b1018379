/*
 * trace.c - the allocator's trace lines (trace.h).
 *
 * Theory of operation. The kernel sees the heap only as brk and mmap
 * calls; which block a malloc returned, and from which of the four tiers
 * (malloc.c), only the allocator knows. So while tracing, each public
 * call takes its slow path and, once it has its result, hands it to the
 * kernel with SYS_trace_event, which writes the line (the kernel owns the
 * trace's channel and its clock). The tier, "path", follows from the size
 * as malloc.c chooses it (but a small block in a sparse span, which only
 * the block can tell, is "sparse"): a size class up to MID_MIN, a mid block up to
 * SMALL_MAX, its own mapping from the current mmap threshold, else a run
 * of pages; an aligned block (aligned_alloc, memalign, posix_memalign)
 * follows core_aligned's tiers instead, and its line also gives the
 * alignment. Under a checking mode (MALLOC_CHECK) the block comes from the
 * checker, and the path says where a plain malloc would have put it.
 */
#include "malloc/trace.h"
#include <interlude/syscall.h>
#include "malloc/debug.h"
#include "malloc/heap.h"
#include "malloc/os.h"
#include "malloc/pagemap.h"
#include "malloc/small.h"

bool im_traced;

/* Reads the auxiliary vector's word once; a mode decided already (a
 * malloc before the start-up code) is moved off the fast paths. */
void im_trace_start(void)
{
	im_traced = im_os_traced() != 0;
	if (im_traced && dbg_mode == 0)
		dbg_mode = DBG_OFF_TRACED;
	small_fast_paths(dbg_mode == 0);
}

/* Returns the TRACE_PATH_* of a request of n bytes. */
static long path_of(size_t n)
{
	if (n <= MID_MIN)
		return TRACE_PATH_CLASS;
	if (n <= SMALL_MAX)
		return TRACE_PATH_MID;
	return n >= heap.mmap_threshold ? TRACE_PATH_MMAP : TRACE_PATH_RUN;
}

/* True if ret is a block of a sparse span, which a class without a span
 * of its own took it from (only the block says so). Under a checking mode
 * the checker's block says nothing of the sort: false. */
static bool in_sparse_span(const void *ret)
{
	size_t i = page_index((uintptr_t)ret); /* outside the heap: beyond npages */
	if (dbg_on() || i >= pagemap.npages)
		return false;
	const struct span *s = pagemap.owner[i];
	return s && s->tag == TAG_MID && s->gshift == SPARSE_GRAN_SHIFT;
}

/* The path of block ret that malloc (or realloc) returned for n bytes:
 * the size's tier, or `sparse`. */
static long path_of_block(size_t n, const void *ret)
{
	if (!ret)
		return TRACE_PATH_NONE;
	if (n <= MID_MIN && in_sparse_span(ret))
		return TRACE_PATH_SPARSE;
	return path_of(n);
}

void im_trace_malloc(size_t n, void *ret, uintptr_t site)
{
	im_os_trace_event(TRACE_USER_MALLOC, n, (uintptr_t)ret, 0, path_of_block(n, ret), site);
}

void im_trace_aligned(size_t align, size_t n, void *ret, uintptr_t site)
{
	long path = align <= 16			      ? path_of(n)
		    : n <= SMALL_MAX && align <= PAGE ? TRACE_PATH_CLASS /* core_aligned's tiers */
		    : n >= heap.mmap_threshold	      ? TRACE_PATH_MMAP
						      : TRACE_PATH_RUN;
	if (ret && path == TRACE_PATH_CLASS && in_sparse_span(ret))
		path = TRACE_PATH_SPARSE; /* up to 32 bytes of alignment, a sparse block may do */
	im_os_trace_event(TRACE_USER_MALLOC, n, (uintptr_t)ret, align, ret ? path : TRACE_PATH_NONE,
			  site);
}

void im_trace_free(void *p)
{
	if (p)
		im_os_trace_event(TRACE_USER_FREE, (uintptr_t)p, 0, 0, TRACE_PATH_NONE, 0);
}

void im_trace_realloc(void *p, size_t n, void *ret, uintptr_t site)
{
	im_os_trace_event(TRACE_USER_REALLOC, (uintptr_t)p, n, (uintptr_t)ret,
			  path_of_block(n, ret), site);
}
