/* sysconf.c - sysconf() and getpagesize(): the page size is all there is. */
#include <errno.h>
#include <limits.h>
#include <unistd.h>

/* The value of a configuration name; only _SC_PAGESIZE is known. */
long sysconf(int name)
{
	if (name == _SC_PAGESIZE)
		return PAGE_SIZE;
	errno = EINVAL;
	return -1;
}

/* The page size in bytes (4096 on x86-64). */
int getpagesize(void)
{
	return PAGE_SIZE;
}
