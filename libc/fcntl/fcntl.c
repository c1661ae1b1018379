/*
 * fcntl.c - fcntl(2): every command's argument is an int or absent, as
 * for the commands Interlude has (F_DUPFD, F_GETFD, F_SETFD, F_GETFL,
 * F_SETFL, F_DUPFD_CLOEXEC), so it is read as an int.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* The command's result, or -1 with errno. */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	va_start(ap, cmd);
	long arg = va_arg(ap, long);
	va_end(ap);
	return (int)__syscall_ret(__syscall3(SYS_fcntl, fd, cmd, arg));
}
