/* uname.c - uname(2): the kernel fills the six names. */
#include <sys/syscall.h>
#include <sys/utsname.h>
#include "internal/syscall.h"

/* 0, or -1 with errno (EFAULT). */
int uname(struct utsname *buf)
{
	return (int)__syscall_ret(__syscall1(SYS_uname, buf));
}
