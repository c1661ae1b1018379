/*
 * errno.h - the error numbers, with Linux's x86-64 values (the kernel's
 * system calls return them negated), and errno itself. There are no
 * threads, so errno is one plain variable.
 */
#ifndef _ERRNO_H
#define _ERRNO_H

extern int errno;

#include <interlude/errno.h>

#endif
