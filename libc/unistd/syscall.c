/* syscall.c - syscall(): any system call by number, as glibc and musl offer it. */
#include <stdarg.h>
#include <unistd.h>
#include "internal/syscall.h"

/*
 * Issues system call number with up to six long arguments (reading six
 * from the va_list is how every libc does it: the extra ones are
 * whatever is in the registers); the result, or -1 with errno.
 */
long syscall(long number, ...)
{
	va_list ap;
	long a[6];
	va_start(ap, number);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall6(number, a[0], a[1], a[2], a[3], a[4], a[5]));
}
