/*
 * tree.c - the calls of <unistd.h> that change the file tree or write it
 * back: link, linkat, symlink, symlinkat, chown, fchown, lchown,
 * fchownat, truncate, ftruncate, fsync, fdatasync, sync, syncfs. Each is
 * its Linux system call, the result in the C convention (-1 with errno).
 * On Interlude's read-only tree they fail as on a read-only Linux mount,
 * after Linux's own checks (kernel/sys/sys_rofs.c).
 */
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* Makes newpath a second name of the file oldpath. */
int link(const char *oldpath, const char *newpath)
{
	return (int)__syscall_ret(__syscall2(SYS_link, oldpath, newpath));
}

/* link relative to the directories olddirfd and newdirfd. */
int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	return (int)__syscall_ret(
	    __syscall5(SYS_linkat, olddirfd, oldpath, newdirfd, newpath, flags));
}

/* Makes path a symbolic link to target. */
int symlink(const char *target, const char *path)
{
	return (int)__syscall_ret(__syscall2(SYS_symlink, target, path));
}

/* symlink relative to the directory dirfd. */
int symlinkat(const char *target, int dirfd, const char *path)
{
	return (int)__syscall_ret(__syscall3(SYS_symlinkat, target, dirfd, path));
}

/* Gives path the owner uid and group gid ((uid_t)-1: unchanged). */
int chown(const char *path, uid_t uid, gid_t gid)
{
	return (int)__syscall_ret(__syscall3(SYS_chown, path, uid, gid));
}

/* chown of the file open as fd. */
int fchown(int fd, uid_t uid, gid_t gid)
{
	return (int)__syscall_ret(__syscall3(SYS_fchown, fd, uid, gid));
}

/* chown of a symbolic link itself, not its target. */
int lchown(const char *path, uid_t uid, gid_t gid)
{
	return (int)__syscall_ret(__syscall3(SYS_lchown, path, uid, gid));
}

/* chown relative to dirfd (flags: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH). */
int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	return (int)__syscall_ret(__syscall5(SYS_fchownat, dirfd, path, uid, gid, flags));
}

/* Makes the file path len bytes long. */
int truncate(const char *path, off_t len)
{
	return (int)__syscall_ret(__syscall2(SYS_truncate, path, len));
}

/* truncate of the file open (for writing) as fd. */
int ftruncate(int fd, off_t len)
{
	return (int)__syscall_ret(__syscall2(SYS_ftruncate, fd, len));
}

/* Writes fd's file back to its device. */
int fsync(int fd)
{
	return (int)__syscall_ret(__syscall1(SYS_fsync, fd));
}

/* fsync of the data, not necessarily the times. */
int fdatasync(int fd)
{
	return (int)__syscall_ret(__syscall1(SYS_fdatasync, fd));
}

/* Writes every file system back; cannot fail. */
void sync(void)
{
	__syscall0(SYS_sync);
}

/* Writes back the file system fd is on. */
int syncfs(int fd)
{
	return (int)__syscall_ret(__syscall1(SYS_syncfs, fd));
}
