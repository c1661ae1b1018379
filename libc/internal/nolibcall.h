/*
 * internal/nolibcall.h - keeps GCC from compiling a byte loop into a call
 * to memset/memcpy/memmove, which inside those very functions would call
 * itself forever.
 */
#ifndef LIBC_INTERNAL_NOLIBCALL_H
#define LIBC_INTERNAL_NOLIBCALL_H
#define NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
