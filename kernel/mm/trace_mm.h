/*
 * trace_mm.h - the memory manager's trace events (lib/trace.h, docs/TRACE.md):
 * frames allocated and freed, kernel-heap objects allocated and freed, and
 * how the last page fault was served.
 *
 * Each call site tests TRACE_ON() first; these functions are out of line.
 * Host builds of the shared heap code (HOST_TEST) get empty inlines.
 */
#ifndef MM_TRACE_MM_H
#define MM_TRACE_MM_H

#include "lib/trace.h"
#include "mm/frame_owner.h"
#include "mm/mm.h"

#ifdef HOST_TEST
static inline void trace_slab(const char *ev, const char *cache, const void *addr, size_t size)
{
	(void)ev, (void)cache, (void)addr, (void)size;
}
#else
/* Writes a frame_alloc or frame_free line: block pa of 2^order frames, owner's tag. */
void trace_frame(const char *ev, uint64_t pa, unsigned order, enum frame_owner owner);

/* Writes a slab_alloc or slab_free line: object addr of cache, size bytes. */
void trace_slab(const char *ev, const char *cache, const void *addr, size_t size);

/*
 * Writes a fault line: the access (MM_ACCESS_*) at addr, served as how
 * ("zero-fill", "stack-growth", "cow-copy", "cow-reuse", "fixup") or, when
 * why is not MM_FAULT_OK, refused ("refused", with "why", or "oom").
 */
void trace_fault(uint64_t addr, unsigned access, enum mm_fault why, const char *how);

#endif

#endif
