/*
 * core.h - the allocator without the checking modes (core.c, aligned.c):
 * what the public functions (malloc.c) call when no MALLOC_CHECK mode is
 * on, and what MALLOC_CHECK=1 builds its blocks from (debug_redzone.c).
 * Errors found here are the always-on checks' (report.h).
 */
#ifndef LIBC_MALLOC_CORE_H
#define LIBC_MALLOC_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

/* A block of n bytes, or NULL with ENOMEM. */
void *core_malloc(size_t n) __asm__("__im_core_malloc");
/* A block of n bytes at a multiple of align (a power of two), or NULL with ENOMEM. */
void *core_aligned(size_t align, size_t n) __asm__("__im_core_aligned");
/* n zeroed bytes (n = count * size, already checked), or NULL with ENOMEM. */
void *core_calloc(size_t n) __asm__("__im_core_calloc");
/* Block p (not NULL) resized to n bytes, in place when its tier allows;
 * NULL with ENOMEM (p untouched) if there is no memory. */
void *core_realloc(void *p, size_t n) __asm__("__im_core_realloc");
/* Frees p (NULL: nothing); an invalid or double free ends the program
 * with a report that names free. */
void core_free(void *p) __asm__("__im_core_free");
/* core_free of p that small_free has already refused (free's fast path):
 * not a live small block, so straight to the other tiers' checks. */
void core_free_other(void *p) __asm__("__im_core_free_other");
/* The usable size of live block p. */
size_t core_usable(void *p) __asm__("__im_core_usable");
/* The start of the heap block holding address a, or 0; *is_free if it is free. */
uintptr_t core_block_start(uintptr_t a, bool *is_free) __asm__("__im_core_block_start");

#pragma GCC visibility pop

#endif
