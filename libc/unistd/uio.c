/* uio.c - readv(2) and writev(2). */
#include <sys/syscall.h>
#include <sys/uio.h>
#include "internal/syscall.h"

/* Reads into each buffer of iov in turn; the total count, or -1 with errno. */
ssize_t readv(int fd, const struct iovec *iov, int count)
{
	return __syscall_ret(__syscall3(SYS_readv, fd, iov, count));
}

/* Writes each buffer of iov in turn; the total count, or -1 with errno. */
ssize_t writev(int fd, const struct iovec *iov, int count)
{
	return __syscall_ret(__syscall3(SYS_writev, fd, iov, count));
}
