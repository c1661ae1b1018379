/*
 * tree_calls_test.c - the libc's functions that make, change or write
 * back names of the file tree (mkdir, mknod, mkfifo, chmod, chown, link,
 * symlink, truncate, rename, remove, utime, utimes, utimensat, futimens,
 * fsync, fdatasync, sync, syncfs, and their *at forms) and statfs,
 * fstatfs, statvfs, fstatvfs. Every call here fails the same way on a
 * writable Linux file system as on Interlude's read-only tree (EEXIST,
 * ENOENT, ENOTDIR, EISDIR, EINVAL, EBADF, in the order Linux checks), so
 * nothing is ever changed, and the output is compared with the same
 * program built against glibc. (tests/libc/rofs_test.c has the system
 * calls' own cases, EROFS included.)
 *
 * test-run: ktap glibc
 */
#define _GNU_SOURCE /* syncfs in glibc */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <utime.h>
#include "ktap.h"

#define NOPARENT "/nosuch-dir/x"

/* -errno of a call's result: 0 when it returned 0, -errno when -1. */
static int err_of(int r)
{
	return r == 0 ? 0 : r == -1 ? -errno : 1;
}

static void making(void)
{
	EXPECT_EQ(err_of(mkdir("/etc", 0755)), -EEXIST, "mkdir of a name that is there: EEXIST");
	EXPECT_EQ(err_of(mkdir(NOPARENT, 0755)), -ENOENT, "mkdir with no parent: ENOENT");
	EXPECT_EQ(err_of(mkdir("/etc/passwd/x", 0755)), -ENOTDIR, "mkdir under a file: ENOTDIR");
	EXPECT_EQ(err_of(mkdirat(AT_FDCWD, "/etc", 0755)), -EEXIST, "mkdirat: EEXIST");
	EXPECT_EQ(err_of(mkdirat(-5, "x", 0755)), -EBADF, "mkdirat with a bad dirfd: EBADF");
	EXPECT_EQ(err_of(mkfifo("/etc", 0644)), -EEXIST, "mkfifo: EEXIST");
	EXPECT_EQ(err_of(mkfifoat(AT_FDCWD, NOPARENT, 0644)), -ENOENT, "mkfifoat: ENOENT");
	EXPECT_EQ(err_of(mknod(NOPARENT, S_IFREG | 0644, 0)), -ENOENT, "mknod: ENOENT");
	EXPECT_EQ(err_of(mknodat(AT_FDCWD, "/etc", S_IFREG | 0644, 0)), -EEXIST, "mknodat: EEXIST");
	EXPECT_EQ(err_of(link("/etc/passwd", "/etc")), -EEXIST, "link to a name that is there");
	EXPECT_EQ(err_of(link(NOPARENT, "/nosuch-dir/y")), -ENOENT, "link of a missing file");
	EXPECT_EQ(err_of(linkat(AT_FDCWD, NOPARENT, AT_FDCWD, "/nosuch-dir/y", 0)), -ENOENT,
		  "linkat: ENOENT");
	EXPECT_EQ(err_of(symlink("x", "/etc")), -EEXIST, "symlink: EEXIST");
	EXPECT_EQ(err_of(symlink("x", NOPARENT)), -ENOENT, "symlink: ENOENT");
	EXPECT_EQ(err_of(symlinkat("x", AT_FDCWD, "/etc")), -EEXIST, "symlinkat: EEXIST");
}

static void changing(void)
{
	EXPECT_EQ(err_of(chmod(NOPARENT, 0644)), -ENOENT, "chmod: ENOENT");
	EXPECT_EQ(err_of(fchmod(-1, 0644)), -EBADF, "fchmod: EBADF");
	EXPECT_EQ(err_of(fchmodat(AT_FDCWD, NOPARENT, 0644, 0)), -ENOENT, "fchmodat: ENOENT");
	EXPECT_EQ(err_of(fchmodat(AT_FDCWD, "/etc", 0644, 0x1000)), -EINVAL,
		  "fchmodat with an unknown flag: EINVAL");
	EXPECT_EQ(err_of(chown(NOPARENT, 0, 0)), -ENOENT, "chown: ENOENT");
	EXPECT_EQ(err_of(fchown(-1, 0, 0)), -EBADF, "fchown: EBADF");
	EXPECT_EQ(err_of(lchown(NOPARENT, 0, 0)), -ENOENT, "lchown: ENOENT");
	EXPECT_EQ(err_of(fchownat(AT_FDCWD, NOPARENT, 0, 0, 0)), -ENOENT, "fchownat: ENOENT");
	EXPECT_EQ(err_of(truncate(NOPARENT, 0)), -ENOENT, "truncate: ENOENT");
	EXPECT_EQ(err_of(truncate("/etc", 0)), -EISDIR, "truncate of a directory: EISDIR");
	EXPECT_EQ(err_of(truncate("/etc/passwd", -1)), -EINVAL,
		  "truncate to a negative length: EINVAL");
	EXPECT_EQ(err_of(ftruncate(-1, 0)), -EBADF, "ftruncate: EBADF");
	EXPECT_EQ(err_of(rename(NOPARENT, "/nosuch-dir/y")), -ENOENT, "rename: ENOENT");
	EXPECT_EQ(err_of(renameat(AT_FDCWD, NOPARENT, AT_FDCWD, "/nosuch-dir/y")), -ENOENT,
		  "renameat: ENOENT");
	EXPECT_EQ(err_of(remove(NOPARENT)), -ENOENT, "remove: ENOENT");
	EXPECT_EQ(err_of(utime(NOPARENT, NULL)), -ENOENT, "utime: ENOENT");
	EXPECT_EQ(err_of(utimes(NOPARENT, NULL)), -ENOENT, "utimes: ENOENT");
	struct timeval bad[2] = {{0, 2000000}, {0, 0}};
	EXPECT_EQ(err_of(utimes("/etc/passwd", bad)), -EINVAL,
		  "utimes: microseconds past a second are EINVAL (checked first)");
	EXPECT_EQ(err_of(utimensat(AT_FDCWD, NOPARENT, NULL, 0)), -ENOENT, "utimensat: ENOENT");
	EXPECT_EQ(err_of(futimens(-1, NULL)), -EBADF, "futimens: EBADF");
	EXPECT_EQ(err_of(fsync(-1)), -EBADF, "fsync: EBADF");
	EXPECT_EQ(err_of(fdatasync(-1)), -EBADF, "fdatasync: EBADF");
	EXPECT_EQ(err_of(syncfs(-1)), -EBADF, "syncfs: EBADF");
	sync();
	EXPECT(1, "sync returns");
}

/* statvfs of / between two statfs calls that agree on the free inodes:
 * on a busy Linux machine other programs make and remove files meanwhile
 * (a few tries, then the last answer). 0 or -1. */
static int statvfs_steady(struct statfs *f, struct statvfs *v)
{
	struct statfs again;
	for (int i = 0; i < 20; i++) {
		if (statfs("/", f) != 0 || statvfs("/", v) != 0 || statfs("/", &again) != 0)
			return -1;
		if (again.f_ffree == f->f_ffree)
			break;
	}
	return 0;
}

static void file_systems(void)
{
	struct statfs f;
	struct statvfs v;
	EXPECT(statfs("/", &f) == 0 && f.f_namelen == 255 && f.f_bsize > 0,
	       "statfs of /: names of up to 255 bytes");
	EXPECT(statvfs_steady(&f, &v) == 0 && v.f_namemax == 255 &&
		   v.f_bsize == (unsigned long)f.f_bsize && v.f_blocks == f.f_blocks &&
		   v.f_files == f.f_files && v.f_favail == f.f_ffree && v.f_frsize > 0 &&
		   !(v.f_flag & 0x20),
	       "statvfs of /: statfs's figures, without ST_VALID");
	int fd = open("/etc/passwd", O_RDONLY);
	EXPECT(fd >= 0 && fstatfs(fd, &f) == 0 && fstatvfs(fd, &v) == 0 &&
		   v.f_namemax == (unsigned long)f.f_namelen,
	       "fstatfs and fstatvfs of an open file");
	if (fd >= 0)
		close(fd);
	EXPECT_EQ(err_of(statfs(NOPARENT, &f)), -ENOENT, "statfs: ENOENT");
	EXPECT_EQ(err_of(statvfs(NOPARENT, &v)), -ENOENT, "statvfs: ENOENT");
	EXPECT_EQ(err_of(fstatvfs(-1, &v)), -EBADF, "fstatvfs: EBADF");
	EXPECT(sizeof(struct statfs) == 120 && sizeof(struct statvfs) == 112,
	       "struct statfs and struct statvfs have glibc's sizes");
}

static void tests(void)
{
	making();
	changing();
	file_systems();
}

int main(void)
{
	return ktap_run(tests);
}
