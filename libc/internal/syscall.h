/*
 * internal/syscall.h - system calls inside the libc: the syscall
 * instruction itself (__syscall0..__syscall6, __syscall_failed) comes from
 * common/syscall/syscall.h, shared with the freestanding test programs;
 * this header adds the C convention on top.
 *
 * __syscallN() return the raw result; __syscall_ret() turns it into the
 * C convention (-1 with errno set).
 */
#ifndef LIBC_INTERNAL_SYSCALL_H
#define LIBC_INTERNAL_SYSCALL_H

#include "syscall/syscall.h"

/* A raw result in the C convention: -errno becomes -1 with errno set. */
long __syscall_ret(long r);

#endif
