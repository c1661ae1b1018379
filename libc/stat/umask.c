/* umask.c - umask(): the file mode creation mask (it cannot fail). */
#include <sys/stat.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* Sets the mask to mask & 0777; returns the previous one. */
mode_t umask(mode_t mask)
{
	return (mode_t)__syscall1(SYS_umask, mask);
}
