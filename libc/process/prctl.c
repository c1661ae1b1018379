/* prctl.c - prctl(option, arg2, arg3, arg4, arg5): operations on the caller. */
#include <stdarg.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* Passes the option and its four arguments on; the result, or -1 with errno. */
int prctl(int option, ...)
{
	va_list ap;
	va_start(ap, option);
	unsigned long a2 = va_arg(ap, unsigned long), a3 = va_arg(ap, unsigned long);
	unsigned long a4 = va_arg(ap, unsigned long), a5 = va_arg(ap, unsigned long);
	va_end(ap);
	return (int)__syscall_ret(__syscall5(SYS_prctl, option, a2, a3, a4, a5));
}
