/*
 * malloc_hooks.h - where other parts of the libc call into malloc's
 * checking modes (libc/malloc/debug.c). Every program links malloc (the
 * start-up code sets the checker up), so these are ordinary calls.
 */
#ifndef LIBC_INTERNAL_MALLOC_HOOKS_H
#define LIBC_INTERNAL_MALLOC_HOOKS_H

#include <stddef.h>

/* Before a system call writes n bytes at p: with MALLOC_CHECK=2 the pages
 * of heap blocks there are opened (the kernel's writes do not fault), and
 * a freed block or a guard page in the range is reported against fn. */
void __malloc_prepare_write(void *p, size_t n, const char *fn);

#endif
