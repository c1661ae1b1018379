/*
 * errno.h (kernel) - error numbers, with Linux's x86-64 values so that a
 * system call can hand them to user programs unchanged (as -errno). One
 * copy serves the kernel and the C library: abi/interlude/errno.h.
 */
#ifndef LIB_ERRNO_H
#define LIB_ERRNO_H

#include <interlude/errno.h>

#endif
