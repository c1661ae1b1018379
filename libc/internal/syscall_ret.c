/* syscall_ret.c - from a raw system call result to the C convention. */
#include <errno.h>
#include "internal/syscall.h"

/* -4095..-1 is an error: store it in errno and return -1; else return r. */
long __syscall_ret(long r)
{
	if (__syscall_failed(r)) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
