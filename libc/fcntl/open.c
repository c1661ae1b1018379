/*
 * open.c - open(2) and openat(2), both through openat as glibc does. On
 * Interlude, which has no file system yet, they fail as on a Linux with
 * an empty read-only root (kernel/sys/sys_file.c): ENOENT, or EROFS when
 * creating.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* Opens path relative to dirfd; the new descriptor, or -1 with errno. The
 * mode argument is read only when the flags create a file. */
int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	if (flags & (O_CREAT | __O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return (int)__syscall_ret(__syscall4(SYS_openat, dirfd, path, flags, mode));
}

/* openat from the current directory. */
int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	if (flags & (O_CREAT | __O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return openat(AT_FDCWD, path, flags, mode);
}
