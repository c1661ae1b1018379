/* close.c - close(2). */
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* Closes fd: 0, or -1 with errno (EBADF). */
int close(int fd)
{
	return (int)__syscall_ret(__syscall1(SYS_close, fd));
}
