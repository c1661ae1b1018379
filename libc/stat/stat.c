/*
 * stat.c - stat, fstat and lstat: the Linux system calls of the same
 * names (and fstatat, newfstatat), whose struct stat is <sys/stat.h>'s.
 */
#include <sys/stat.h>
#include <sys/syscall.h>
#include "internal/malloc_contract.h"
#include "internal/syscall.h"

/* The status of the file at path (a symbolic link followed): 0, or -1 with errno. */
int stat(const char *restrict path, struct stat *restrict st)
{
	__malloc_prepare_write(st, sizeof *st, "stat");
	return (int)__syscall_ret(__syscall2(SYS_stat, path, st));
}

/* The status of the open file fd: 0, or -1 with errno. */
int fstat(int fd, struct stat *st)
{
	__malloc_prepare_write(st, sizeof *st, "fstat");
	return (int)__syscall_ret(__syscall2(SYS_fstat, fd, st));
}

/* The status of path itself, also when it is a symbolic link: 0, or -1 with errno. */
int lstat(const char *restrict path, struct stat *restrict st)
{
	__malloc_prepare_write(st, sizeof *st, "lstat");
	return (int)__syscall_ret(__syscall2(SYS_lstat, path, st));
}

/* The status of path relative to dirfd (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH). */
int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags)
{
	__malloc_prepare_write(st, sizeof *st, "fstatat");
	return (int)__syscall_ret(__syscall4(SYS_newfstatat, dirfd, path, st, flags));
}
