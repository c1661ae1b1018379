/* ioctl.c - ioctl(2). */
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* Device request req on fd with one pointer-sized argument; result or -1/errno. */
int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	va_start(ap, req);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	return (int)__syscall_ret(__syscall3(SYS_ioctl, fd, req, arg));
}
