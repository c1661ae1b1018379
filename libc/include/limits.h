/*
 * limits.h - the ranges of the integer types (x86-64, LP64) and the
 * POSIX limits, with Linux's and glibc's values.
 */
#ifndef _LIMITS_H
#define _LIMITS_H

#define CHAR_BIT 8
#define SCHAR_MIN (-128)
#define SCHAR_MAX 127
#define UCHAR_MAX 255
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN 0
#define CHAR_MAX UCHAR_MAX
#else
#define CHAR_MIN SCHAR_MIN
#define CHAR_MAX SCHAR_MAX
#endif
#define MB_LEN_MAX 16 /* glibc's bound (there are no multibyte locales here) */
#define SHRT_MIN (-1 - 0x7fff)
#define SHRT_MAX 0x7fff
#define USHRT_MAX 0xffff
#define INT_MIN (-1 - 0x7fffffff)
#define INT_MAX 0x7fffffff
#define UINT_MAX 0xffffffffU
#define LONG_MIN (-LONG_MAX - 1)
#define LONG_MAX 0x7fffffffffffffffL
#define ULONG_MAX 0xffffffffffffffffUL
#define LLONG_MIN (-LLONG_MAX - 1)
#define LLONG_MAX 0x7fffffffffffffffLL
#define ULLONG_MAX 0xffffffffffffffffULL
#define SSIZE_MAX LONG_MAX
#define LONG_BIT 64
#define WORD_BIT 32

#include <interlude/memlayout.h> /* the kernel's page size */
#define PAGE_SIZE INTERLUDE_PAGE_SIZE
#define PAGESIZE INTERLUDE_PAGE_SIZE
#define PATH_MAX 4096
#define NAME_MAX 255
#define PIPE_BUF 4096
#define IOV_MAX 1024
#define NGROUPS_MAX 65536
#define HOST_NAME_MAX 64
#define LOGIN_NAME_MAX 256
#define TTY_NAME_MAX 32
#define ATEXIT_MAX 32

/* The least values POSIX promises (<limits.h>'s _POSIX_ names). */
#define _POSIX_ARG_MAX 4096
#define _POSIX_NAME_MAX 14
#define _POSIX_PATH_MAX 256
#define _POSIX_PIPE_BUF 512
#define _POSIX_OPEN_MAX 20
#define _POSIX_SSIZE_MAX 32767

#endif
