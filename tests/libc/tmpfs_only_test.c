/*
 * tmpfs_only_test.c - what Interlude's /tmp answers that a Linux machine's
 * /tmp need not (tmpfs_test.c has the rest, compared with Linux): it is a
 * tmpfs of its own device, mounted nosuid, nodev, noexec (so execve and
 * PROT_EXEC are refused, as Linux refuses them on such a mount), holding
 * pages, not blocks, for its files; no device or FIFO can be made
 * there, a file cannot be renamed or linked across to the read-only tree; O_TMPFILE makes a file with no
 * name; it holds half the RAM, then ENOSPC (and a touch of a mapped hole
 * is SIGBUS).
 *
 * make test runs each such program on Linux too and compares the output:
 * there every check is printed as passed untried (CHECK), so nothing is
 * done to that machine's /tmp, whatever its administrator mounted, or to
 * its /etc (a rename from /etc/passwd into a /tmp on the same disk would
 * succeed).
 *
 * test-run: ktap
 */
#define _GNU_SOURCE /* O_TMPFILE */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"

#define TMPFS_MAGIC 0x01021994
#define ST_NOSUID 0x0002
#define ST_NODEV 0x0004
#define ST_NOEXEC 0x0008

static bool il; /* running on Interlude: uname says so */

/* A check made on Interlude only; on Linux its line is printed untried
 * (cond, with every call in it, is not evaluated). */
#define CHECK(cond, name) EXPECT(!il || (cond), name)

/* -errno of a call's result: 0 when it returned 0, -errno when -1. */
static int err_of(long r)
{
	return r == 0 ? 0 : r == -1 ? -errno : 1;
}

/* The file system's free blocks at path, or -1. */
static long free_blocks(const char *path)
{
	struct statfs fs;
	return statfs(path, &fs) == 0 ? (long)fs.f_bfree : -1;
}

/* True if /proc/mounts has /tmp as a tmpfs mounted rw, nosuid, nodev, noexec. */
static bool mounts_list_tmp(void)
{
	char line[256];
	bool found = false;
	FILE *m = fopen("/proc/mounts", "r");
	while (m && fgets(line, sizeof line, m))
		found |= strncmp(line, "tmpfs /tmp tmpfs rw,nosuid,nodev,noexec", 39) == 0;
	if (m)
		fclose(m);
	return found;
}

/* The Shmem line of /proc/meminfo, in kB, or -1. */
static long shmem_kb(void)
{
	char line[128];
	long kb = -1;
	FILE *m = fopen("/proc/meminfo", "r");
	while (m && fgets(line, sizeof line, m))
		if (sscanf(line, "Shmem: %ld kB", &kb) == 1)
			break;
	if (m)
		fclose(m);
	return kb;
}

static long shmem_before, shmem_during;

/* st_blocks of a file of size 1 MiB + 1 with only its last byte written. */
static long sparse_blocks(long *before, long *after)
{
	int fd = open("/tmp/only-pages", O_CREAT | O_RDWR | O_TRUNC, 0644);
	struct stat st;
	shmem_before = shmem_kb();
	*before = free_blocks("/tmp");
	long blocks = fd >= 0 && pwrite(fd, "x", 1, 1 << 20) == 1 && fstat(fd, &st) == 0 &&
			      st.st_size == (1 << 20) + 1
			  ? (long)st.st_blocks
			  : -1;
	*after = free_blocks("/tmp");
	shmem_during = shmem_kb();
	if (fd >= 0)
		close(fd);
	unlink("/tmp/only-pages");
	return blocks;
}

static void the_mount(void)
{
	struct statfs fs;
	struct stat root, tmp;
	long before = 0, after = 0;
	CHECK(statfs("/tmp", &fs) == 0 && fs.f_type == TMPFS_MAGIC, "statfs: a tmpfs");
	CHECK((fs.f_flags & (ST_NOSUID | ST_NODEV | ST_NOEXEC)) ==
		  (ST_NOSUID | ST_NODEV | ST_NOEXEC),
	      "mounted nosuid, nodev, noexec");
	CHECK(sparse_blocks(&before, &after) == 8,
	      "a file of 1 MiB that holds one page: 8 blocks of 512 bytes");
	CHECK(after == before - 1, "statfs counts the page as used");
	CHECK(shmem_during == shmem_before + 4, "and /proc/meminfo's Shmem: 4 kB more");
	CHECK(free_blocks("/tmp") == before, "and free again after unlink");
	CHECK(stat("/", &root) == 0 && stat("/tmp", &tmp) == 0 && root.st_dev != tmp.st_dev,
	      "a device of its own");
	CHECK((tmp.st_mode & 07777) == 01777, "/tmp is 1777, as Linux's");
	CHECK(mounts_list_tmp(), "/proc/mounts lists it");
}

/* An executable script in /tmp: its descriptor, open for reading. */
static int make_script(void)
{
	int fd = open("/tmp/only-exec", O_CREAT | O_RDWR | O_TRUNC, 0755);
	if (fd >= 0)
		write(fd, "#!/bin/sh\necho hi\n", 18);
	return fd;
}

static void no_exec(void)
{
	int fd = -1;
	char *p = MAP_FAILED;
	char *argv[] = {"only-exec", NULL};
	CHECK((fd = make_script()) >= 0, "an executable file");
	CHECK(err_of(execve("/tmp/only-exec", argv, argv + 1)) == -EACCES,
	      "execve on a noexec mount: EACCES");
	CHECK(mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0) == MAP_FAILED &&
		  errno == EPERM,
	      "mmap with PROT_EXEC: EPERM");
	CHECK((p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0)) != MAP_FAILED && p[0] == '#',
	      "mmap without it works");
	CHECK(err_of(mprotect(p, 4096, PROT_READ | PROT_EXEC)) == -EACCES,
	      "mprotect adding PROT_EXEC: EACCES");
	if (p != MAP_FAILED)
		munmap(p, 4096);
	if (fd >= 0) {
		close(fd);
		unlink("/tmp/only-exec");
	}
}

static void names(void)
{
	int fd = -1;
	CHECK((fd = open("/tmp/only-a", O_CREAT | O_WRONLY, 0644)) >= 0 && close(fd) == 0,
	      "a file");
	CHECK(err_of(link("/tmp", "/tmp/only-b")) == -EPERM,
	      "link of a directory: EPERM"); /* Linux's too, yet this one is /tmp itself */
	CHECK(err_of(link("/etc/passwd", "/tmp/only-b")) == -EXDEV,
	      "link from the boot tree: EXDEV");
	CHECK(err_of(rename("/etc/passwd", "/tmp/only-b")) == -EXDEV,
	      "rename from the boot tree: EXDEV");
	CHECK(err_of(rename("/tmp/only-a", "/etc/only-a")) == -EXDEV,
	      "rename to the boot tree: EXDEV");
	CHECK(err_of(mkfifo("/tmp/only-fifo", 0644)) == -EPERM, "mkfifo: EPERM");
	CHECK(err_of(mknod("/tmp/only-reg", S_IFREG | 0600, 0)) == 0, "mknod of a regular file");
	CHECK(err_of(mkdir("/etc/only", 0755)) == -EROFS, "beside it the boot tree stays EROFS");
	CHECK(err_of(rmdir("/tmp")) == -EROFS, "and /tmp itself is its name there");
	CHECK(unlink("/tmp/only-a") == 0 && unlink("/tmp/only-reg") == 0, "both removed");
}

static char chunk[1 << 20];

/* Writes /tmp/only-full in chunks until a write fails; the bytes written,
 * and the failing write's errno in *err. */
static long long fill_up(int *err)
{
	int fd = open("/tmp/only-full", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	long long total = 0;
	ssize_t w;
	memset(chunk, 'f', sizeof chunk);
	while (fd >= 0 && (w = write(fd, chunk, sizeof chunk)) > 0)
		total += w;
	*err = errno;
	if (fd >= 0)
		close(fd);
	return total;
}

/* Maps a file of one page that is a hole (/tmp/only-hole), MAP_SHARED,
 * and touches it in a child: the signal that ends the child, or 0 if it
 * exits (Linux's shmem: SIGBUS when the page finds no room). */
static int hole_touch_dies(void)
{
	int fd = open("/tmp/only-hole", O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd < 0 || ftruncate(fd, 4096) != 0)
		return -1;
	volatile char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	unlink("/tmp/only-hole");
	if (p == MAP_FAILED)
		return -1;
	int status = 0;
	pid_t pid = fork();
	if (pid == 0) {
		p[0] = 1;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	munmap((void *)p, 4096);
	return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static void full(void)
{
	long before = 0;
	int err = 0;
	long long total = 0;
	CHECK((before = free_blocks("/tmp")) > 0, "free blocks before");
	CHECK((total = fill_up(&err)) == (long long)before * 4096,
	      "a file grows until every free block of /tmp is used");
	CHECK(err == ENOSPC, "then a write fails with ENOSPC");
	CHECK(free_blocks("/tmp") == 0, "statfs: no block free");
	CHECK(hole_touch_dies() == SIGBUS, "a touch of a mapped hole with /tmp full: SIGBUS");
	CHECK(unlink("/tmp/only-full") == 0 && free_blocks("/tmp") == before,
	      "unlink gives every block back");
}

static void unnamed(void)
{
	int fd = -1;
	struct stat st;
	char buf[8] = {0};
	CHECK(err_of(open("/tmp", O_TMPFILE | O_RDONLY, 0600)) == -EINVAL,
	      "O_TMPFILE read-only: EINVAL");
	CHECK(err_of(open("/etc", O_TMPFILE | O_RDWR, 0600)) == -EROFS,
	      "O_TMPFILE in the boot tree: EROFS");
	CHECK((fd = open("/tmp", O_TMPFILE | O_RDWR, 0600)) >= 0, "O_TMPFILE in /tmp");
	CHECK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 0,
	      "a regular file with no link");
	CHECK(write(fd, "temp", 4) == 4 && pread(fd, buf, 4, 0) == 4 && strcmp(buf, "temp") == 0,
	      "written and read");
	if (fd >= 0)
		close(fd);
}

/* Makes /tmp/d/d/.../d, depth deep, and goes there: how many were made. */
static int dig(int depth)
{
	int made = 0;
	if (chdir("/tmp") != 0)
		return 0;
	while (made < depth && mkdir("d", 0755) == 0 && chdir("d") == 0)
		made++;
	return made;
}

/* Climbs out of dig's directories, removing each: how many went. */
static int climb(int depth)
{
	int gone = 0;
	while (gone < depth && chdir("..") == 0 && rmdir("d") == 0)
		gone++;
	chdir("/");
	return gone;
}

/* A child's exit status, 0 if it exited with 0 (its exit is checked by
 * mmcheck, which walks every node of /tmp). */
static int child_exits(void)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	int status = -1;
	waitpid(pid, &status, 0);
	return status;
}

static void deep(void)
{
	enum {
		DEPTH = 1500
	}; /* a path of 3000 bytes and more nodes than a kernel stack has frames */
	char cwd[64];
	CHECK(dig(DEPTH) == DEPTH, "1500 directories, one in another");
	CHECK(getcwd(cwd, sizeof cwd) == NULL && errno == ERANGE,
	      "getcwd: ERANGE in a small buffer");
	CHECK(child_exits() == 0, "a process exits down there");
	CHECK(climb(DEPTH) == DEPTH, "and all of them removed on the way up");
}

static void tests(void)
{
	struct utsname u;
	il = uname(&u) == 0 && strcmp(u.sysname, "Interlude") == 0;
	the_mount();
	no_exec();
	names();
	unnamed();
	full();
	deep();
}

int main(void)
{
	return ktap_run(tests);
}
