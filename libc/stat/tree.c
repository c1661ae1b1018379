/*
 * tree.c - the calls of <sys/stat.h> that make or change a name of the
 * file tree: mkdir, mkdirat, mknod, mknodat, mkfifo, mkfifoat, chmod,
 * fchmod, fchmodat, utimensat, futimens. Each is its Linux system call,
 * the result in the C convention (-1 with errno). On Interlude the tree is
 * read-only: they fail as on a read-only Linux mount, after Linux's own
 * checks (EEXIST for a name that is there, ENOENT for a missing parent,
 * then EROFS: kernel/sys/sys_rofs.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* Makes the directory path with mode (less the umask); 0 or -1. */
int mkdir(const char *path, mode_t mode)
{
	return (int)__syscall_ret(__syscall2(SYS_mkdir, path, mode));
}

/* mkdir relative to the directory dirfd (AT_FDCWD: the current one). */
int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return (int)__syscall_ret(__syscall3(SYS_mkdirat, dirfd, path, mode));
}

/* Makes the node path: a file, a FIFO, a device (mode's S_IF* kind). */
int mknod(const char *path, mode_t mode, dev_t dev)
{
	return (int)__syscall_ret(__syscall3(SYS_mknod, path, mode, dev));
}

/* mknod relative to the directory dirfd. */
int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev)
{
	return (int)__syscall_ret(__syscall4(SYS_mknodat, dirfd, path, mode, dev));
}

/* Makes the FIFO (named pipe) path: mknod with S_IFIFO. */
int mkfifo(const char *path, mode_t mode)
{
	return mknod(path, (mode & 07777) | S_IFIFO, 0);
}

/* mkfifo relative to the directory dirfd. */
int mkfifoat(int dirfd, const char *path, mode_t mode)
{
	return mknodat(dirfd, path, (mode & 07777) | S_IFIFO, 0);
}

/* Gives path the permission bits mode. */
int chmod(const char *path, mode_t mode)
{
	return (int)__syscall_ret(__syscall2(SYS_chmod, path, mode));
}

/* chmod of the file open as fd. */
int fchmod(int fd, mode_t mode)
{
	return (int)__syscall_ret(__syscall2(SYS_fchmod, fd, mode));
}

/* chmod relative to dirfd. The system call takes no flags: another flag
 * than AT_SYMLINK_NOFOLLOW is EINVAL, as in glibc, and that one
 * EOPNOTSUPP (Linux cannot change a symbolic link's mode; glibc 2.36
 * emulates it through /proc for a name that is not a link). */
int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return (int)__syscall_ret(-EINVAL);
	if (flags)
		return (int)__syscall_ret(-EOPNOTSUPP);
	return (int)__syscall_ret(__syscall3(SYS_fchmodat, dirfd, path, mode));
}

/* Sets path's access and modification times (times[0], times[1]; NULL:
 * now; UTIME_NOW and UTIME_OMIT in tv_nsec). */
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
	return (int)__syscall_ret(__syscall4(SYS_utimensat, dirfd, path, times, flags));
}

/* utimensat of the file open as fd. */
int futimens(int fd, const struct timespec times[2])
{
	return (int)__syscall_ret(__syscall4(SYS_utimensat, fd, 0, times, 0));
}
