/*
 * statfs_test.c - statfs(2), fstatfs(2) and /proc/mounts, which df reads:
 * /proc is procfs (PROC_SUPER_MAGIC) and a pipe pipefs (PIPEFS_MAGIC) on
 * both systems; / and /proc each have a line in /proc/mounts; the errors
 * are Linux's (ENOENT, ENOTDIR, EBADF, EFAULT). Only Interlude's root is
 * known to be read-only: ST_RDONLY, and no free block, is checked there
 * (Linux prints the same line untried). Run on Linux and on Interlude and
 * compared.
 *
 * test-run: ktap
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"

#define PROC_SUPER_MAGIC 0x9fa0
#define PIPEFS_MAGIC 0x50495045
#define ST_RDONLY 1

/* Linux x86-64's struct statfs. */
struct kstatfs {
	long type, bsize;
	unsigned long blocks, bfree, bavail, files, ffree;
	int fsid[2];
	long namelen, frsize, flags, spare[4];
};

/* -errno of a -1 result, or the result itself. */
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

/* Returns 1 if /proc/mounts has a line whose mount point is dir. */
static int mounted(const char *dir)
{
	FILE *f = fopen("/proc/mounts", "r");
	char line[512], dev[128], at[256];
	int found = 0;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "%127s %255s", dev, at) == 2 && strcmp(at, dir) == 0)
			found = 1;
	if (f)
		fclose(f);
	return found;
}

int main(void)
{
	ktap_begin(9);
	struct kstatfs st;
	EXPECT(res(syscall(SYS_statfs, "/proc", &st)) == 0 && st.type == PROC_SUPER_MAGIC &&
		   st.bsize == 4096 && st.namelen == 255,
	       "statfs /proc: procfs, 4096-byte blocks, names of 255");
	EXPECT(res(syscall(SYS_statfs, "/proc/self/status", &st)) == 0 &&
		   st.type == PROC_SUPER_MAGIC,
	       "statfs of a file under /proc: procfs");
	int p[2];
	EXPECT(pipe(p) == 0 && res(syscall(SYS_fstatfs, p[0], &st)) == 0 && st.type == PIPEFS_MAGIC,
	       "fstatfs of a pipe: pipefs");
	EXPECT(res(syscall(SYS_statfs, "/", &st)) == 0 && st.bsize > 0 && st.namelen == 255,
	       "statfs /: 0");
	EXPECT(res(syscall(SYS_statfs, "/nosuch-dir/x", &st)) == -ENOENT &&
		   res(syscall(SYS_statfs, "/etc/passwd/x", &st)) == -ENOTDIR,
	       "statfs of a missing path: ENOENT, through a file: ENOTDIR");
	EXPECT(res(syscall(SYS_fstatfs, 12345, &st)) == -EBADF,
	       "fstatfs of a closed descriptor: EBADF");
	EXPECT(res(syscall(SYS_statfs, "/", (void *)8)) == -EFAULT,
	       "statfs into a bad buffer: EFAULT");
	EXPECT(mounted("/") && mounted("/proc"), "/proc/mounts lists / and /proc");
	int ro = on_interlude();
	EXPECT(!ro || (res(syscall(SYS_statfs, "/etc", &st)) == 0 && (st.flags & ST_RDONLY) &&
		       st.bfree == 0 && st.bavail == 0 && st.blocks > 0 && st.files > 0),
	       "the boot tree: read-only (ST_RDONLY), its blocks and inodes all used");
	return ktap_end();
}
