/*
 * brk.c - brk(), POSIX style, on Linux's brk system call.
 *
 * The system call never returns -errno: it returns the new break, or the
 * unchanged one when it refuses; so anything but the address asked for
 * is a failure, which POSIX spells -1 with errno ENOMEM.
 */
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* Sets the break to addr: 0, or -1 with errno ENOMEM (break unchanged). */
int brk(void *addr)
{
	long r = __syscall1(SYS_brk, addr);
	if (r != (long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}
