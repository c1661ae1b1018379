/* random.c - getrandom(2): n random bytes from the kernel; the count, or -1 with errno. */
#include <sys/random.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

ssize_t getrandom(void *buf, size_t n, unsigned flags)
{
	return (ssize_t)__syscall_ret(__syscall3(SYS_getrandom, buf, n, flags));
}
