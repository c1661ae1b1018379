/* write.c - write(2). */
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* Writes up to n bytes to fd; the count written (maybe short) or -1 with errno. */
ssize_t write(int fd, const void *buf, size_t n)
{
	return __syscall_ret(__syscall3(SYS_write, fd, buf, n));
}
