/*
 * files.c - the descriptor and directory calls of <unistd.h>: dup, dup2,
 * dup3, pipe, pipe2, pread, getcwd, chdir, fchdir, access, faccessat,
 * readlink, readlinkat, unlink, unlinkat, rmdir. Each is its Linux system
 * call, the result in the C convention (-1 with errno).
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/malloc_contract.h"
#include "internal/syscall.h"

/* A new descriptor (the lowest free) for fd's open file. */
int dup(int fd)
{
	return (int)__syscall_ret(__syscall1(SYS_dup, fd));
}

/* newfd becomes a copy of oldfd (closed first if open); newfd or -1. */
int dup2(int oldfd, int newfd)
{
	return (int)__syscall_ret(__syscall2(SYS_dup2, oldfd, newfd));
}

/* dup2 with flags (O_CLOEXEC); EINVAL if oldfd == newfd. */
int dup3(int oldfd, int newfd, int flags)
{
	return (int)__syscall_ret(__syscall3(SYS_dup3, oldfd, newfd, flags));
}

/* A pipe: fds[0] reads what fds[1] writes; 0 or -1. */
int pipe(int fds[2])
{
	return (int)__syscall_ret(__syscall2(SYS_pipe2, fds, 0));
}

/* pipe with O_CLOEXEC and O_NONBLOCK. */
int pipe2(int fds[2], int flags)
{
	return (int)__syscall_ret(__syscall2(SYS_pipe2, fds, flags));
}

/* Reads at offset without moving the file's offset. */
ssize_t pread(int fd, void *buf, size_t n, off_t offset)
{
	__malloc_prepare_write(buf, n, "pread");
	return __syscall_ret(__syscall4(SYS_pread64, fd, buf, n, offset));
}

/* Writes at offset without moving the file's offset (with O_APPEND, at
 * the end all the same: Linux's). */
ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset)
{
	return __syscall_ret(__syscall4(SYS_pwrite64, fd, buf, n, offset));
}

/* The current directory's absolute path in buf[0, size): buf, or NULL
 * with errno (ERANGE when it does not fit). glibc's NULL buf extension
 * is not provided: EINVAL. */
char *getcwd(char *buf, size_t size)
{
	if (!buf) {
		errno = EINVAL;
		return NULL;
	}
	long r = __syscall_ret(__syscall2(SYS_getcwd, buf, size));
	return r < 0 ? NULL : buf;
}

/* Makes path the current directory. */
int chdir(const char *path)
{
	return (int)__syscall_ret(__syscall1(SYS_chdir, path));
}

/* Makes the directory open as fd the current directory. */
int fchdir(int fd)
{
	return (int)__syscall_ret(__syscall1(SYS_fchdir, fd));
}

/* Whether the caller may access path for mode (F_OK, R_OK, W_OK, X_OK). */
int access(const char *path, int mode)
{
	return (int)__syscall_ret(__syscall2(SYS_access, path, mode));
}

/* access relative to dirfd; flags through faccessat2 when there are any. */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	if (flags)
		return (int)__syscall_ret(__syscall4(SYS_faccessat2, dirfd, path, mode, flags));
	return (int)__syscall_ret(__syscall3(SYS_faccessat, dirfd, path, mode));
}

/* The target of the symbolic link path, not NUL-terminated; its length. */
ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
	return __syscall_ret(__syscall3(SYS_readlink, path, buf, size));
}

/* readlink relative to dirfd. */
ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf, size_t size)
{
	return __syscall_ret(__syscall4(SYS_readlinkat, dirfd, path, buf, size));
}

/* Removes the name path (a file; EISDIR for a directory); 0 or -1 (EROFS
 * on Interlude's read-only file system, after Linux's own checks). */
int unlink(const char *path)
{
	return (int)__syscall_ret(__syscall1(SYS_unlink, path));
}

/* unlink relative to dirfd; rmdir with AT_REMOVEDIR. */
int unlinkat(int dirfd, const char *path, int flags)
{
	return (int)__syscall_ret(__syscall3(SYS_unlinkat, dirfd, path, flags));
}

/* Removes the empty directory path; 0 or -1. */
int rmdir(const char *path)
{
	return (int)__syscall_ret(__syscall1(SYS_rmdir, path));
}
