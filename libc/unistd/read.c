/* read.c - read(2). */
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* malloc's guard-page mode opens the pages the kernel will write (weak:
 * a program without malloc does not link it in). */
void __malloc_prepare_write(void *p, size_t n) __attribute__((weak));

/* Reads up to n bytes from fd; the count (0 at end of file) or -1 with errno. */
ssize_t read(int fd, void *buf, size_t n)
{
	if (__malloc_prepare_write)
		__malloc_prepare_write(buf, n);
	return __syscall_ret(__syscall3(SYS_read, fd, buf, n));
}
