/*
 * rofs_test.c - the calls that would change the file tree, with Linux's
 * errors in Linux's order (the libc's unlink, rmdir and unlinkat too):
 * mkdir, mknod, symlink, link, unlink, rmdir,
 * rename(at2), chmod, chown, utimensat, truncate, ftruncate, creat; the
 * calls that write back (sync, syncfs, fsync, fdatasync); and
 * sched_getaffinity/sched_setaffinity (which nproc asks).
 *
 * Every check but the last group fails the same way on a writable Linux
 * file system as on Interlude's read-only tree (EEXIST, ENOENT, ENOTDIR,
 * EINVAL, EBUSY, EISDIR, EPERM, EBADF, in the order Linux checks), so the
 * output is compared with Linux's. The last group names a new file:
 * Linux would make it, so only Interlude tries (EROFS, as Linux's
 * read-only mount answers) and Linux prints the same line untried.
 *
 * test-run: ktap
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"

#define AT_FDCWD (-100)
#define AT_REMOVEDIR 0x200
#define UTIME_OMIT ((1l << 30) - 2)
#define S_IFDIR 0040000
#define S_IFMT 0170000

/* -errno of a -1 result, or the result itself: easy to compare with EXPECT_EQ. */
static long res(long r)
{
	return r == -1 ? -errno : r;
}

/* 1 on Interlude (uname's sysname), 0 on Linux. */
static int on_interlude(void)
{
	char u[6 * 65];
	return syscall(SYS_uname, u) == 0 && strcmp(u, "Interlude") == 0;
}

int main(void)
{
	ktap_begin(48);
	/* Creations: the last name looked up first. */
	EXPECT_EQ(res(syscall(SYS_mkdir, "/etc", 0755)), -EEXIST, "mkdir of a directory: EEXIST");
	EXPECT_EQ(res(syscall(SYS_mkdir, "/etc/group", 0755)), -EEXIST, "mkdir of a file: EEXIST");
	EXPECT_EQ(res(syscall(SYS_mkdir, "/", 0755)), -EEXIST, "mkdir /: EEXIST");
	EXPECT_EQ(res(syscall(SYS_mkdir, "/etc/.", 0755)), -EEXIST, "mkdir /etc/.: EEXIST");
	EXPECT_EQ(res(syscall(SYS_mkdir, "/etc/", 0755)), -EEXIST, "mkdir /etc/: EEXIST");
	EXPECT_EQ(res(syscall(SYS_mkdir, "/nosuch-dir/x", 0755)), -ENOENT,
		  "mkdir under a missing directory: ENOENT");
	EXPECT_EQ(res(syscall(SYS_mkdir, "/etc/group/x", 0755)), -ENOTDIR,
		  "mkdir under a file: ENOTDIR");
	EXPECT_EQ(res(syscall(SYS_mkdir, "", 0755)), -ENOENT, "mkdir of \"\": ENOENT");
	EXPECT_EQ(res(syscall(SYS_mkdir, (char *)8, 0755)), -EFAULT,
		  "mkdir of a bad pointer: EFAULT");
	EXPECT_EQ(res(syscall(SYS_mkdirat, 12345, "x", 0755)), -EBADF,
		  "mkdirat from a closed descriptor: EBADF");
	EXPECT_EQ(res(syscall(SYS_mkdirat, AT_FDCWD, "/etc", 0755)), -EEXIST, "mkdirat: EEXIST");
	EXPECT_EQ(res(syscall(SYS_mknod, "/nosuch-dir/x", S_IFDIR | 0755, 0)), -EPERM,
		  "mknod of a directory: EPERM before the lookup");
	EXPECT_EQ(res(syscall(SYS_mknod, "/etc", S_IFMT, 0)), -EINVAL,
		  "mknod of an unknown type: EINVAL");
	EXPECT_EQ(res(syscall(SYS_mknod, "/etc", 0600, 0)), -EEXIST,
		  "mknod of a name there: EEXIST");
	EXPECT_EQ(res(syscall(SYS_symlink, "", "/etc")), -ENOENT, "symlink to \"\": ENOENT");
	EXPECT_EQ(res(syscall(SYS_symlink, "x", "/etc")), -EEXIST, "symlink onto a name: EEXIST");
	EXPECT_EQ(res(syscall(SYS_link, "/nosuch-file", "/etc/x")), -ENOENT,
		  "link of a missing file: ENOENT");
	EXPECT_EQ(res(syscall(SYS_link, "/etc/group", "/etc/passwd")), -EEXIST,
		  "link onto a name: EEXIST");
	EXPECT_EQ(res(syscall(SYS_linkat, AT_FDCWD, "/etc/group", AT_FDCWD, "/x", 1)), -EINVAL,
		  "linkat with an unknown flag: EINVAL");
	/* Removals and renames: the parents, then the last name's kind. */
	EXPECT_EQ(res(syscall(SYS_rmdir, "/etc/.")), -EINVAL, "rmdir of .: EINVAL");
	EXPECT_EQ(res(syscall(SYS_rmdir, "/etc/..")), -ENOTEMPTY, "rmdir of ..: ENOTEMPTY");
	EXPECT_EQ(res(syscall(SYS_rmdir, "/")), -EBUSY, "rmdir /: EBUSY");
	EXPECT_EQ(res(syscall(SYS_unlink, "/etc/..")), -EISDIR, "unlink of ..: EISDIR");
	EXPECT_EQ(res(syscall(SYS_unlink, "/nosuch-dir/x")), -ENOENT,
		  "unlink under a missing directory: ENOENT");
	EXPECT_EQ(res(syscall(SYS_unlinkat, AT_FDCWD, "/etc/x", 1)), -EINVAL,
		  "unlinkat with an unknown flag: EINVAL");
	EXPECT_EQ(res(syscall(SYS_unlinkat, AT_FDCWD, "/etc/.", AT_REMOVEDIR)), -EINVAL,
		  "unlinkat(AT_REMOVEDIR) of .: EINVAL");
	EXPECT(res(unlink("/etc/..")) == -EISDIR && res(rmdir("/")) == -EBUSY &&
		   res(unlinkat(AT_FDCWD, "/etc/.", AT_REMOVEDIR)) == -EINVAL,
	       "the libc's unlink, rmdir and unlinkat: the same errors");
	EXPECT_EQ(res(syscall(SYS_rename, "/etc/.", "/x")), -EBUSY, "rename of .: EBUSY");
	EXPECT_EQ(res(syscall(SYS_renameat2, AT_FDCWD, "/etc/x", AT_FDCWD, "/y", 3)), -EINVAL,
		  "renameat2 NOREPLACE|EXCHANGE: EINVAL");
	EXPECT_EQ(res(syscall(SYS_rename, "/nosuch-dir/x", "/y")), -ENOENT,
		  "rename from a missing directory: ENOENT");
	/* Changes of attributes: the walk's errors. */
	EXPECT_EQ(res(syscall(SYS_chmod, "/nosuch-file", 0644)), -ENOENT, "chmod: ENOENT");
	EXPECT_EQ(res(syscall(SYS_fchownat, AT_FDCWD, "/etc", 0, 0, 1)), -EINVAL,
		  "fchownat with an unknown flag: EINVAL");
	EXPECT_EQ(res(syscall(SYS_fchmod, 12345, 0644)), -EBADF,
		  "fchmod of a closed descriptor: EBADF");
	struct timespec omit[2] = {{0, UTIME_OMIT}, {0, UTIME_OMIT}}, bad[2] = {{0, -1}, {0, 0}};
	EXPECT_EQ(res(syscall(SYS_utimensat, AT_FDCWD, "/nosuch-file", omit, 0)), 0,
		  "utimensat with both UTIME_OMIT: 0 before the walk");
	EXPECT_EQ(res(syscall(SYS_utimensat, AT_FDCWD, "/etc", bad, 0)), -EINVAL,
		  "utimensat with bad nanoseconds: EINVAL after the walk");
	EXPECT_EQ(res(syscall(SYS_utimensat, AT_FDCWD, "/nosuch-file", NULL, 0)), -ENOENT,
		  "utimensat of a missing file: ENOENT");
	EXPECT_EQ(res(syscall(SYS_truncate, "/etc", 0)), -EISDIR,
		  "truncate of a directory: EISDIR");
	EXPECT_EQ(res(syscall(SYS_truncate, "/nosuch-file", -1L)), -EINVAL,
		  "truncate to a negative length: EINVAL before the walk");
	int fd = open("/etc/group", O_RDONLY);
	EXPECT_EQ(res(syscall(SYS_ftruncate, fd, 0)), -EINVAL,
		  "ftruncate of a read-only descriptor: EINVAL");
	EXPECT_EQ(res(syscall(SYS_ftruncate, 12345, 0)), -EBADF,
		  "ftruncate of a closed one: EBADF");
	/* Writing back. */
	int p[2];
	EXPECT(pipe(p) == 0, "pipe");
	EXPECT_EQ(res(syscall(SYS_fsync, fd)), 0, "fsync of a file: 0");
	EXPECT_EQ(res(syscall(SYS_fdatasync, p[0])), -EINVAL, "fdatasync of a pipe: EINVAL");
	EXPECT_EQ(res(syscall(SYS_fsync, 12345)), -EBADF, "fsync of a closed descriptor: EBADF");
	EXPECT_EQ(res(syscall(SYS_syncfs, fd)) + res(syscall(SYS_sync)), 0, "syncfs and sync: 0");
	/* The CPUs: at least CPU 0, in a mask of whole 8-byte words. */
	unsigned long mask[16] = {0};
	long n = res(syscall(SYS_sched_getaffinity, 0, sizeof mask, mask));
	EXPECT(n > 0 && n % 8 == 0 && (mask[0] & 1) &&
		   res(syscall(SYS_sched_getaffinity, 0, 4, mask)) == -EINVAL &&
		   res(syscall(SYS_sched_getaffinity, -1, sizeof mask, mask)) == -ESRCH,
	       "sched_getaffinity: CPU 0; EINVAL for 4 bytes, ESRCH for pid -1");
	unsigned long none = 0, cpu0 = 1;
	EXPECT(res(syscall(SYS_sched_setaffinity, 0, sizeof none, &none)) == -EINVAL &&
		   res(syscall(SYS_sched_setaffinity, 0, sizeof cpu0, &cpu0)) == 0,
	       "sched_setaffinity: EINVAL for no CPU, 0 for CPU 0");
	/* A new name: Interlude's tree is read-only (Linux would make it). */
	int ro = on_interlude();
	EXPECT(!ro || (res(syscall(SYS_mkdir, "/etc/new", 0755)) == -EROFS &&
		       res(syscall(SYS_unlink, "/etc/nosuch")) == -EROFS &&
		       res(syscall(SYS_rename, "/etc/group", "/etc/g2")) == -EROFS &&
		       res(syscall(SYS_creat, "/etc/new", 0644)) == -EROFS &&
		       res(syscall(SYS_chmod, "/etc/group", 0600)) == -EROFS &&
		       res(syscall(SYS_utimensat, AT_FDCWD, "/etc/group", NULL, 0)) == -EROFS),
	       "on a read-only tree: mkdir, unlink, rename, creat, chmod, utimensat are EROFS");
	return ktap_end();
}
