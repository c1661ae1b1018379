/*
 * statfs.c - what a file system is: statfs and fstatfs (Linux's struct
 * statfs, <sys/statfs.h>), and POSIX's statvfs and fstatvfs built on
 * them as glibc builds them (<sys/statvfs.h>).
 */
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

#define ST_VALID 0x20 /* Linux: f_flags is filled in */

/* The file system of path; 0 or -1 with errno. */
int statfs(const char *path, struct statfs *buf)
{
	return (int)__syscall_ret(__syscall2(SYS_statfs, path, buf));
}

/* The file system of the file open as fd. */
int fstatfs(int fd, struct statfs *buf)
{
	return (int)__syscall_ret(__syscall2(SYS_fstatfs, fd, buf));
}

/* struct statvfs from struct statfs: the fragment size is the block size
 * when the kernel gives none, the two fsid words are one number, and the
 * flags lose ST_VALID. */
static void to_statvfs(const struct statfs *f, struct statvfs *v)
{
	*v = (struct statvfs){0};
	v->f_bsize = (unsigned long)f->f_bsize;
	v->f_frsize = (unsigned long)(f->f_frsize ? f->f_frsize : f->f_bsize);
	v->f_blocks = f->f_blocks;
	v->f_bfree = f->f_bfree;
	v->f_bavail = f->f_bavail;
	v->f_files = f->f_files;
	v->f_ffree = f->f_ffree;
	v->f_favail = f->f_ffree;
	v->f_fsid = (unsigned)f->f_fsid.__val[0] | (unsigned long)(unsigned)f->f_fsid.__val[1]
						       << 32;
	v->f_flag = (unsigned long)f->f_flags & ~(unsigned long)ST_VALID;
	v->f_namemax = (unsigned long)f->f_namelen;
}

/* The file system of path, in POSIX's terms; 0 or -1 with errno. */
int statvfs(const char *restrict path, struct statvfs *restrict buf)
{
	struct statfs f;
	if (statfs(path, &f) != 0)
		return -1;
	to_statvfs(&f, buf);
	return 0;
}

/* statvfs of the file open as fd. */
int fstatvfs(int fd, struct statvfs *buf)
{
	struct statfs f;
	if (fstatfs(fd, &f) != 0)
		return -1;
	to_statvfs(&f, buf);
	return 0;
}
