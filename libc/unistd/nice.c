/*
 * nice.c - getpriority, setpriority and nice: the nice value. The kernel's
 * getpriority returns 20 - nice (never negative, so that it cannot look
 * like an error); these return the nice value itself, as glibc's.
 */
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* The lowest nice value among what (which, who) names, or -1 with errno
 * (which is also a nice value: clear errno first to tell them apart). */
int getpriority(int which, id_t who)
{
	long r = __syscall2(SYS_getpriority, which, who);
	if (r < 0)
		return (int)__syscall_ret(r);
	return 20 - (int)r;
}

/* Sets the nice value of what (which, who) names: 0, or -1 with errno. */
int setpriority(int which, id_t who, int prio)
{
	return (int)__syscall_ret(__syscall3(SYS_setpriority, which, who, prio));
}

/* Adds inc to the caller's nice value (clamped to -20..19 by the kernel)
 * and returns the new one, or -1 with errno. */
int nice(int inc)
{
	errno = 0;
	int now = getpriority(PRIO_PROCESS, 0);
	if (now == -1 && errno)
		return -1;
	if (setpriority(PRIO_PROCESS, 0, now + inc) < 0)
		return -1;
	return getpriority(PRIO_PROCESS, 0);
}
