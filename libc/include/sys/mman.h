/*
 * sys/mman.h - memory mappings. Every value is Linux's x86-64 one, so a
 * program means the same on both kernels.
 */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <stddef.h>
#include <sys/types.h>

#include <interlude/mman.h> /* PROT_*, MAP_*, MADV_*, MREMAP_*, MS_*, MCL_*, MLOCK_ONFAULT */

#define POSIX_MADV_NORMAL 0
#define POSIX_MADV_RANDOM 1
#define POSIX_MADV_SEQUENTIAL 2
#define POSIX_MADV_WILLNEED 3
#define POSIX_MADV_DONTNEED 4

/* The address of a new mapping, or MAP_FAILED with errno set. */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
int madvise(void *addr, size_t len, int advice);
/* Resizes or moves a mapping (Linux's; new_address only with MREMAP_FIXED/DONTUNMAP). */
void *mremap(void *old_address, size_t old_size, size_t new_size, int flags, ...);
/* Keeping pages resident: mlock and mlock2 page them in now (MLOCK_ONFAULT: as touched). */
int mlock(const void *addr, size_t len);
int mlock2(const void *addr, size_t len, unsigned int flags);
int munlock(const void *addr, size_t len);
int mlockall(int flags);
int munlockall(void);
int msync(void *addr, size_t len, int flags);
/* Which pages of [addr, addr + len) are resident: one byte per page, bit 0. */
int mincore(void *addr, size_t len, unsigned char *vec);

#endif
