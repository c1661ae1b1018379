/* isatty.c - isatty() by asking for the terminal's settings (TCGETS), as glibc does. */
#include <errno.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* 1 if fd is a terminal; else 0 with errno (ENOTTY, EBADF). */
int isatty(int fd)
{
	unsigned char termios[64]; /* Linux's struct termios is 36 bytes */
	long r = __syscall3(SYS_ioctl, fd, TCGETS, termios);
	if (__syscall_failed(r)) {
		errno = (int)-r;
		return 0;
	}
	return 1;
}
