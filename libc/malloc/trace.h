/*
 * trace.h - the allocator's lines of Interlude's memory trace (docs/TRACE.md):
 * malloc, free and realloc, each with its result, the path that served
 * it and the caller's return address, written by the kernel for us
 * (SYS_trace_event). Only when the kernel said at start that it traces
 * (AT_INTERLUDE_TRACE): otherwise im_traced stays false. The public
 * functions' fast paths never read it: a traced program's dbg_mode is
 * DBG_OFF_TRACED (debug.h), which sends every call to the slow paths,
 * and only these test im_traced.
 */
#ifndef LIBC_MALLOC_TRACE_H
#define LIBC_MALLOC_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

/* True while the kernel traces this program: read once, by im_trace_start. */
extern bool im_traced __asm__("__im_traced");

/* Reads AT_INTERLUDE_TRACE (the libc's start-up, before main). */
void im_trace_start(void) __asm__("__im_trace_start");

/* The lines: malloc(n) gave ret; free(p); realloc(p, n) gave ret. */
void im_trace_malloc(size_t n, void *ret, uintptr_t site) __asm__("__im_trace_malloc");
/* aligned_alloc(align, n), memalign, posix_memalign gave ret: a malloc line with its alignment. */
void im_trace_aligned(size_t align, size_t n, void *ret,
		      uintptr_t site) __asm__("__im_trace_aligned");
void im_trace_free(void *p) __asm__("__im_trace_free");
void im_trace_realloc(void *p, size_t n, void *ret, uintptr_t site) __asm__("__im_trace_realloc");

#pragma GCC visibility pop

#endif
