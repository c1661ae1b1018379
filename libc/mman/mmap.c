/* mmap.c - mmap(2). */
#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* Maps len bytes; the address, or MAP_FAILED with errno (the kernel's checks). */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	long r = __syscall6(SYS_mmap, (long)addr, (long)len, prot, flags, fd, off);
	if (__syscall_failed(r)) {
		errno = (int)-r;
		return MAP_FAILED;
	}
	return (void *)r;
}
