/* isatty.c - isatty() by asking the terminal for its window size. */
#include <errno.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* 1 if fd is a terminal; else 0 with errno (ENOTTY, EBADF). */
int isatty(int fd)
{
	struct winsize ws;
	long r = __syscall3(SYS_ioctl, fd, TIOCGWINSZ, &ws);
	if (__syscall_failed(r)) {
		errno = (int)-r;
		return 0;
	}
	return 1;
}
