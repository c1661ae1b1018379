/*
 * tmpfs_test.c - files that programs write: /tmp, where the tree can
 * change. Making, writing, reading and seeking a file, holes, O_APPEND,
 * pread and pwrite, truncation both ways, renames (with renameat2's
 * flags), a file unlinked while open, directories made, listed and
 * removed, symbolic links, stdio's streams, mkstemp and tmpfile,
 * sendfile between two files, and mmap of a file: MAP_SHARED writes seen
 * by read and the other way round, MAP_PRIVATE copies, SIGBUS past an
 * end that a truncation moved, a mapping that outlives the file's name. Built against glibc too, and run on this
 * machine's /tmp with the same output: nothing here depends on which file
 * system /tmp is (tmpfs_only_test.c has what Interlude alone answers).
 *
 * test-run: ktap glibc
 */
#define _GNU_SOURCE /* renameat2, sendfile */
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"

static char dir[64];

/* dir/name in a buffer of the caller's. */
static const char *at(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
	return buf;
}

/* -errno of a call's result: 0 when it returned 0, -errno when -1. */
static int err_of(int r)
{
	return r == 0 ? 0 : r == -1 ? -errno : 1;
}

/* The size of path, or -errno. */
static long long size_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long long)st.st_size : -errno;
}

static void writing_and_reading(void)
{
	char a[96], buf[64];
	at(a, sizeof a, "a");
	int fd = open(a, O_CREAT | O_EXCL | O_RDWR, 0666);
	ASSERT(fd >= 0, "open with O_CREAT | O_EXCL makes the file");
	struct stat st;
	EXPECT(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0644 &&
		   st.st_size == 0 && st.st_nlink == 1,
	       "a new empty regular file, its mode less the umask (022)");
	EXPECT_EQ(err_of(open(a, O_CREAT | O_EXCL | O_RDWR, 0644)), -EEXIST,
		  "O_EXCL on a name that is there: EEXIST");
	EXPECT_EQ(err_of(open(a, O_CREAT | O_DIRECTORY | O_RDONLY, 0644)), -EINVAL,
		  "O_CREAT with O_DIRECTORY: EINVAL (Linux 6.4 on)");
	EXPECT_EQ(write(fd, "hello, world\n", 13), 13, "write: all 13 bytes");
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 13, "the offset moved with it");
	EXPECT_EQ(lseek(fd, 0, SEEK_END), 13, "SEEK_END: the size");
	memset(buf, 0, sizeof buf);
	EXPECT(pread(fd, buf, 5, 7) == 5 && strcmp(buf, "world") == 0, "pread from the middle");
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 13, "pread leaves the offset");
	EXPECT_EQ(pwrite(fd, "X", 1, 20), 1, "pwrite past the end");
	EXPECT_EQ(size_of(a), 21, "the file grew to 21 bytes");
	char hole[8];
	EXPECT(pread(fd, hole, 7, 13) == 7 && memcmp(hole, "\0\0\0\0\0\0\0", 7) == 0,
	       "the gap reads zeroes");
	EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0, "SEEK_SET 0");
	EXPECT(read(fd, buf, 0) == 0 && pread(fd, buf, 0, 3) == 0, "a read of 0 bytes: 0");
	EXPECT(read(fd, buf, sizeof buf) == 21 && buf[20] == 'X' && read(fd, buf, 1) == 0,
	       "read: the whole file, then the end");
	EXPECT_EQ(ftruncate(fd, 5), 0, "ftruncate shrinks");
	EXPECT(pread(fd, buf, sizeof buf, 0) == 5 && memcmp(buf, "hello", 5) == 0,
	       "what is left is the start");
	EXPECT_EQ(ftruncate(fd, 8192 + 5), 0, "ftruncate grows");
	EXPECT(pread(fd, buf, 8, 8192) == 5 && memcmp(buf, "\0\0\0\0\0", 5) == 0,
	       "the growth reads zeroes, even where the shrink cut");
	EXPECT(pread(fd, buf, 10, 0) == 10 && memcmp(buf, "hello\0\0\0\0\0", 10) == 0,
	       "the old tail past the shrink stays zeroes");
	close(fd);

	fd = open(a, O_WRONLY | O_APPEND);
	EXPECT(fd >= 0 && lseek(fd, 0, SEEK_SET) == 0 && write(fd, "!", 1) == 1 &&
		   size_of(a) == 8192 + 6,
	       "O_APPEND writes at the end, wherever the offset was");
	EXPECT_EQ(pwrite(fd, "?", 1, 0), 1, "pwrite on O_APPEND (Linux appends)");
	EXPECT_EQ(size_of(a), 8192 + 7, "it went to the end");
	EXPECT_EQ(read(fd, buf, 1), -1, "read of a write-only file fails");
	EXPECT_EQ(errno, EBADF, "with EBADF");
	close(fd);
	fd = open(a, O_RDONLY);
	EXPECT(fd >= 0 && write(fd, "x", 1) == -1 && errno == EBADF,
	       "write of a read-only descriptor: EBADF");
	EXPECT(ftruncate(fd, 0) == -1 && errno == EINVAL,
	       "ftruncate of a read-only descriptor: EINVAL");
	close(fd);
	fd = open(a, O_RDWR | O_TRUNC);
	EXPECT(fd >= 0 && size_of(a) == 0, "O_TRUNC empties it");
	close(fd);
	EXPECT(truncate(a, 100) == 0 && size_of(a) == 100, "truncate by name");
	EXPECT_EQ(err_of(truncate(dir, 0)), -EISDIR, "truncate of a directory: EISDIR");
	EXPECT_EQ(err_of(truncate("/dev/null", 0)), -EINVAL, "truncate of a device: EINVAL");
}

/* Fills buf[0, n) with the pattern of offset off on. */
static void pattern(unsigned char *buf, size_t n, size_t off)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)((off + i) * 7 + (off + i) / 4096);
}

static void many_pages(void)
{
	char big[96];
	at(big, sizeof big, "big");
	enum { SIZE = 300000 };
	unsigned char *w = malloc(SIZE), *r = malloc(SIZE);
	ASSERT(w && r, "two buffers");
	pattern(w, SIZE, 0);
	int fd = open(big, O_CREAT | O_TRUNC | O_RDWR, 0600);
	ASSERT(fd >= 0, "a file for many pages");
	size_t done = 0;
	while (done < SIZE) { /* pieces that do not line up with the pages */
		size_t k = SIZE - done < 12345 ? SIZE - done : 12345;
		if (write(fd, w + done, k) != (ssize_t)k)
			break;
		done += k;
	}
	EXPECT_EQ(done, SIZE, "300,000 bytes written in pieces of 12,345");
	EXPECT(pread(fd, r, SIZE, 0) == SIZE && memcmp(r, w, SIZE) == 0,
	       "read back in one call, the same");
	EXPECT(pread(fd, r, 5000, 4094) == 5000 && memcmp(r, w + 4094, 5000) == 0,
	       "a read across page boundaries");
	EXPECT(pread(fd, r, 100, SIZE - 50) == 50, "a read past the end is short");
	close(fd);
	EXPECT_EQ(unlink(big), 0, "unlink");
	free(w);
	free(r);
}

static void names(void)
{
	char a[80], b[80], c[80], sub[80], l[80], buf[96];
	at(a, sizeof a, "a");
	at(b, sizeof b, "b");
	at(c, sizeof c, "c");
	at(sub, sizeof sub, "sub");
	at(l, sizeof l, "l");
	EXPECT_EQ(rename(a, b), 0, "rename");
	EXPECT(size_of(a) == -ENOENT && size_of(b) == 100,
	       "the old name is gone, the new one there");
	int fd = open(c, O_CREAT | O_WRONLY, 0644);
	close(fd);
	EXPECT_EQ(err_of(renameat2(AT_FDCWD, c, AT_FDCWD, b, RENAME_NOREPLACE)), -EEXIST,
		  "RENAME_NOREPLACE onto a name that is there: EEXIST");
	EXPECT(renameat2(AT_FDCWD, c, AT_FDCWD, b, RENAME_EXCHANGE) == 0 && size_of(c) == 100 &&
		   size_of(b) == 0,
	       "RENAME_EXCHANGE swaps the two");
	EXPECT(rename(c, b) == 0 && size_of(b) == 100 && size_of(c) == -ENOENT,
	       "rename over a file replaces it");
	EXPECT_EQ(mkdir(sub, 0777), 0, "mkdir");
	EXPECT_EQ(err_of(mkdir(sub, 0777)), -EEXIST, "mkdir again: EEXIST");
	struct stat st;
	EXPECT(stat(sub, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0755 &&
		   st.st_nlink == 2,
	       "a directory with two links, its mode less the umask");
	EXPECT_EQ(err_of(rename(dir, sub)), -EINVAL, "rename of a directory below itself: EINVAL");
	EXPECT_EQ(err_of(rename(b, sub)), -EISDIR, "a file over a directory: EISDIR");
	EXPECT_EQ(err_of(rename(sub, b)), -ENOTDIR, "a directory over a file: ENOTDIR");
	snprintf(buf, sizeof buf, "%s/x", sub);
	fd = open(buf, O_CREAT | O_WRONLY, 0644);
	close(fd);
	EXPECT_EQ(err_of(rmdir(sub)), -ENOTEMPTY, "rmdir of a directory with a file: ENOTEMPTY");
	EXPECT_EQ(err_of(unlink(sub)), -EISDIR, "unlink of a directory: EISDIR");
	EXPECT_EQ(err_of(rmdir(b)), -ENOTDIR, "rmdir of a file: ENOTDIR");
	snprintf(buf, sizeof buf, "%s/", b);
	EXPECT_EQ(err_of(unlink(buf)), -ENOTDIR, "unlink of \"file/\": ENOTDIR");
	EXPECT_EQ(err_of(unlink(c)), -ENOENT, "unlink of a missing name: ENOENT");
	EXPECT_EQ(symlink("b", l), 0, "symlink");
	char target[16] = {0};
	EXPECT(readlink(l, target, sizeof target) == 1 && strcmp(target, "b") == 0,
	       "readlink gives the target");
	EXPECT(lstat(l, &st) == 0 && S_ISLNK(st.st_mode) && size_of(l) == 100,
	       "lstat sees the link, stat the file");
	EXPECT_EQ(chmod(b, 0600), 0, "chmod");
	EXPECT(stat(b, &st) == 0 && (st.st_mode & 07777) == 0600, "the new mode");
	DIR *d = opendir(dir);
	char seen[8][16];
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d)) && n < 8;)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			snprintf(seen[n++], sizeof seen[0], "%.8s%c", e->d_name,
				 e->d_type == DT_DIR   ? '/'
				 : e->d_type == DT_LNK ? '@'
						       : ' ');
	if (d)
		closedir(d);
	qsort(seen, (size_t)n, sizeof seen[0], (int (*)(const void *, const void *))strcmp);
	char list[64] = "";
	for (int i = 0; i < n; i++)
		strcat(list, seen[i]);
	EXPECT_STR(list, "b l@sub/", "readdir lists the file, the link and the directory");
	snprintf(buf, sizeof buf, "%s/x", sub);
	EXPECT(unlink(buf) == 0 && rmdir(sub) == 0 && size_of(sub) == -ENOENT,
	       "rmdir once it is empty");
	EXPECT_EQ(unlink(l), 0, "unlink of a link");
	EXPECT_EQ(size_of(b), 100, "leaves its target");
}

static void hard_links(void)
{
	char h1[96], h2[96], h3[96], buf[8] = {0};
	at(h1, sizeof h1, "h1");
	at(h2, sizeof h2, "h2");
	at(h3, sizeof h3, "h3");
	int fd = open(h1, O_CREAT | O_RDWR | O_TRUNC, 0644);
	ASSERT(fd >= 0 && write(fd, "link", 4) == 4, "a file with four bytes");
	struct stat a, b;
	EXPECT_EQ(link(h1, h2), 0, "link: a second name");
	EXPECT(stat(h1, &a) == 0 && stat(h2, &b) == 0 && a.st_ino == b.st_ino && a.st_nlink == 2 &&
		   b.st_nlink == 2,
	       "both names, one inode, two links");
	EXPECT_EQ(err_of(link(h1, h2)), -EEXIST, "link onto a name that is there: EEXIST");
	EXPECT_EQ(err_of(link(dir, h3)), -EPERM, "link of a directory: EPERM");
	EXPECT_EQ(rename(h1, h2), 0, "rename between two names of one file: 0");
	EXPECT(size_of(h1) == 4 && size_of(h2) == 4, "and both are still there");
	EXPECT(unlink(h1) == 0 && size_of(h1) == -ENOENT, "unlink of the first name");
	EXPECT(stat(h2, &b) == 0 && b.st_nlink == 1 && b.st_ino == a.st_ino,
	       "the other keeps the file, one link");
	EXPECT_EQ(pwrite(fd, "LINK", 4, 0), 4, "a write through the first name's descriptor");
	int fd2 = open(h2, O_RDONLY);
	EXPECT(fd2 >= 0 && read(fd2, buf, 4) == 4 && strcmp(buf, "LINK") == 0,
	       "what one wrote the other name reads");
	close(fd2);
	EXPECT(link(h2, h3) == 0 && unlink(h2) == 0 && size_of(h3) == 4,
	       "a third name, the second removed: the file lives on");
	EXPECT(unlink(h3) == 0 && fstat(fd, &a) == 0 && a.st_nlink == 0, "no name left: 0 links");
	EXPECT_EQ(err_of(linkat(fd, "", AT_FDCWD, h1, AT_EMPTY_PATH)), -ENOENT,
		  "linkat of a file with no name left: ENOENT");
	close(fd);
}

/* An O_TMPFILE file named by linkat, as a program makes a file whole
 * before it appears; one opened with O_EXCL never is. */
static void unnamed_then_named(void)
{
	char n1[96], n2[96], link[64], buf[8] = {0};
	at(n1, sizeof n1, "named");
	at(n2, sizeof n2, "named2");
	int fd = open(dir, O_TMPFILE | O_RDWR, 0600);
	ASSERT(fd >= 0 && write(fd, "anon", 4) == 4, "an O_TMPFILE file with four bytes");
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	EXPECT_EQ(linkat(AT_FDCWD, link, AT_FDCWD, n1, AT_SYMLINK_FOLLOW), 0,
		  "linkat of /proc/self/fd/N: its first name");
	struct stat st;
	EXPECT(stat(n1, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 && st.st_size == 4,
	       "a regular file of one link and four bytes");
	int fd2 = open(n1, O_RDONLY);
	EXPECT(fd2 >= 0 && read(fd2, buf, 4) == 4 && strcmp(buf, "anon") == 0,
	       "what the descriptor wrote, read by the name");
	if (fd2 >= 0)
		close(fd2);
	EXPECT_EQ(err_of(linkat(AT_FDCWD, link, AT_FDCWD, n1, AT_SYMLINK_FOLLOW)), -EEXIST,
		  "linkat onto the name it has: EEXIST");
	EXPECT(linkat(fd, "", AT_FDCWD, n2, AT_EMPTY_PATH) == 0 && stat(n1, &st) == 0 &&
		   st.st_nlink == 2,
	       "a second name, as any file's: two links");
	EXPECT(unlink(n1) == 0 && unlink(n2) == 0 && fstat(fd, &st) == 0 && st.st_nlink == 0,
	       "both names removed: no link");
	EXPECT_EQ(err_of(linkat(AT_FDCWD, link, AT_FDCWD, n1, AT_SYMLINK_FOLLOW)), -ENOENT,
		  "named once, then no name left: ENOENT");
	close(fd);
	fd = open(dir, O_TMPFILE | O_RDWR | O_EXCL, 0600);
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	EXPECT(fd >= 0 &&
		   err_of(linkat(AT_FDCWD, link, AT_FDCWD, n1, AT_SYMLINK_FOLLOW)) == -ENOENT,
	       "O_TMPFILE | O_EXCL: never named, ENOENT");
	EXPECT_EQ(size_of(n1), -ENOENT, "and no name made");
	if (fd >= 0)
		close(fd);
}

/* Makes n files in directory path; how many were made. */
static int make_files(const char *path, int n)
{
	char name[160];
	int made = 0;
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof name, "%s/a-rather-long-name-to-fill-a-listing-%04d", path,
			 i);
		int fd = open(name, O_CREAT | O_WRONLY, 0644);
		made += fd >= 0;
		if (fd >= 0)
			close(fd);
	}
	return made;
}

/* Removes every entry of directory path while reading it, as rm -r does;
 * how many went. */
static int remove_while_listing(const char *path)
{
	char name[96 + 256];
	int gone = 0;
	DIR *d = opendir(path);
	for (struct dirent *e; d && (e = readdir(d));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(name, sizeof name, "%s/%s", path, e->d_name);
		gone += unlink(name) == 0;
	}
	if (d)
		closedir(d);
	return gone;
}

static void big_directory(void)
{
	char big[96];
	at(big, sizeof big, "many");
	ASSERT_EQ(mkdir(big, 0755), 0, "a directory for 2000 files");
	EXPECT_EQ(make_files(big, 2000), 2000,
		  "2000 files, their names 41 bytes: many listings' worth");
	EXPECT_EQ(remove_while_listing(big), 2000,
		  "removed while the directory is read: none skipped (what rm -r does)");
	EXPECT_EQ(rmdir(big), 0, "then it is empty");
}

static void unlinked_while_open(void)
{
	char t[96], buf[16];
	at(t, sizeof t, "t");
	int fd = open(t, O_CREAT | O_RDWR, 0644);
	ASSERT(fd >= 0, "a file to unlink");
	EXPECT_EQ(unlink(t), 0, "unlink while it is open");
	struct stat st;
	EXPECT(fstat(fd, &st) == 0 && st.st_nlink == 0, "fstat: no link left");
	EXPECT_EQ(size_of(t), -ENOENT, "the name is gone");
	char link[64], want[112], got[112] = {0};
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	snprintf(want, sizeof want, "%s (deleted)", t);
	EXPECT(readlink(link, got, sizeof got - 1) > 0 && strcmp(got, want) == 0,
	       "/proc/self/fd names it, \"(deleted)\"");
	EXPECT(write(fd, "still", 5) == 5 && pread(fd, buf, 5, 0) == 5 &&
		   memcmp(buf, "still", 5) == 0,
	       "the open file is still written and read");
	close(fd);
}

static void removed_cwd(void)
{
	char gone[96], buf[96];
	at(gone, sizeof gone, "gone");
	char moved[96];
	at(moved, sizeof moved, "moved");
	int mfd = open(moved, O_CREAT | O_WRONLY, 0644);
	close(mfd);
	ASSERT(mkdir(gone, 0755) == 0 && chdir(gone) == 0, "a directory to be in");
	char link[128] = {0}, want[128];
	EXPECT(readlink("/proc/self/cwd", link, sizeof link - 1) > 0 && strcmp(link, gone) == 0,
	       "/proc/self/cwd names it");
	EXPECT_EQ(rmdir(gone), 0, "rmdir of the current directory");
	memset(link, 0, sizeof link);
	snprintf(want, sizeof want, "%s (deleted)", gone);
	EXPECT(readlink("/proc/self/cwd", link, sizeof link - 1) > 0 && strcmp(link, want) == 0,
	       "then \"(deleted)\"");
	EXPECT(getcwd(buf, sizeof buf) == NULL && errno == ENOENT, "getcwd then: ENOENT");
	EXPECT_EQ(err_of(open("x", O_CREAT | O_WRONLY, 0644)), -ENOENT, "a new name in it: ENOENT");
	EXPECT_EQ(err_of(rename(moved, "x")), -ENOENT, "a rename into it: ENOENT");
	EXPECT_EQ(err_of(mkdir("x", 0755)), -ENOENT, "a mkdir in it: ENOENT");
	EXPECT_EQ(size_of(moved), 0, "the file stays where it was");
	unlink(moved);
	EXPECT(chdir("..") == 0 && getcwd(buf, sizeof buf) && strcmp(buf, dir) == 0,
	       "\"..\" leads back to where it was");
	chdir("/");
}

/* Fills every descriptor below a limit of 16 (dup of 0); how many it took. */
static int fill_fds(int fds[16])
{
	int n = 0;
	while (n < 16 && (fds[n] = dup(0)) >= 0)
		n++;
	return n;
}

static void edges(void)
{
	char f[96], l[96], through[112], nope[96], y[112];
	at(f, sizeof f, "edge");
	at(l, sizeof l, "dangling");
	at(nope, sizeof nope, "nope");
	snprintf(through, sizeof through, "%s/x", l);
	snprintf(y, sizeof y, "%s/y/", dir);
	int fd = open(f, O_CREAT | O_RDWR | O_TRUNC, 0644);
	ASSERT(fd >= 0 && write(fd, "keep", 4) == 4, "a file of four bytes");
	EXPECT_EQ(symlink(nope, l), 0, "a link to a name that is not there");
	EXPECT_EQ(err_of(open(through, O_CREAT | O_WRONLY, 0644)), -ENOENT,
		  "O_CREAT through a dangling link in the middle of a path: ENOENT");
	EXPECT_EQ(size_of(nope), -ENOENT, "and the link's target was not made");
	EXPECT_EQ(err_of(symlink("t", y)), -ENOENT, "symlink to a new \"name/\": ENOENT");
	EXPECT_EQ(err_of(mknod(y, S_IFREG | 0644, 0)), -ENOENT, "mknod of a new \"name/\": ENOENT");
	int p[2];
	EXPECT(pipe(p) == 0 && pwrite(p[0], "x", 1, 0) == -1 && errno == ESPIPE,
	       "pwrite on a pipe's read end: ESPIPE, before its direction");
	EXPECT(pwrite(-1, "x", 1, -1) == -1 && errno == EINVAL,
	       "pwrite with a negative offset: EINVAL, before the descriptor");
	close(p[0]);
	close(p[1]);
	struct rlimit old, low = {16, 16};
	int fds[16], n = 0;
	getrlimit(RLIMIT_NOFILE, &old);
	low.rlim_max = old.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &low) == 0)
		n = fill_fds(fds);
	EXPECT_EQ(err_of(open(f, O_WRONLY | O_TRUNC)), -EMFILE,
		  "open with no descriptor left: EMFILE");
	for (int i = 0; i < n; i++)
		close(fds[i]);
	setrlimit(RLIMIT_NOFILE, &old);
	EXPECT_EQ(size_of(f), 4, "and O_TRUNC emptied nothing");
	close(fd);
	unlink(f);
	unlink(l);
}

static void streams(void)
{
	char s[96], line[64];
	at(s, sizeof s, "s.txt");
	FILE *f = fopen(s, "w");
	ASSERT(f, "fopen \"w\" makes a file");
	for (int i = 1; i <= 3; i++)
		fprintf(f, "line %d of 3\n", i);
	EXPECT_EQ(fclose(f), 0, "fclose writes it out");
	f = fopen(s, "a+");
	EXPECT(f && fputs("appended\n", f) >= 0 && fclose(f) == 0, "fopen \"a+\" appends");
	f = fopen(s, "r");
	int lines = 0;
	while (f && fgets(line, sizeof line, f))
		lines++;
	EXPECT(lines == 4 && strcmp(line, "appended\n") == 0, "fopen \"r\" reads the four lines");
	if (f)
		fclose(f);
	EXPECT_EQ(remove(s), 0, "remove");

	char name[] = "/tmp/tmpfs-test-XXXXXX";
	int fd = mkstemp(name);
	EXPECT(fd >= 0 && strcmp(name + 16, "XXXXXX") != 0 && size_of(name) == 0,
	       "mkstemp makes an empty file with a new name");
	if (fd >= 0) {
		close(fd);
		unlink(name);
	}
	FILE *t = tmpfile();
	ASSERT(t, "tmpfile");
	EXPECT(fputs("scratch", t) >= 0 && fseek(t, 0, SEEK_SET) == 0 &&
		   fgets(line, sizeof line, t) && strcmp(line, "scratch") == 0,
	       "tmpfile: written, rewound, read");
	fclose(t);
}

static void copying(void)
{
	char b[96], c[96];
	at(b, sizeof b, "b");
	at(c, sizeof c, "c");
	int in = open(b, O_RDWR), out = open(c, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ASSERT(in >= 0 && out >= 0, "two files");
	char text[100];
	memset(text, 'q', sizeof text);
	EXPECT_EQ(pwrite(in, text, 100, 0), 100, "100 bytes to copy");
	off_t off = 10;
	EXPECT_EQ(sendfile(out, in, &off, 200), 90, "sendfile from offset 10: 90 bytes");
	EXPECT(off == 100 && size_of(c) == 90, "the offset moved, the copy has them");
	close(in);
	close(out);
	EXPECT(unlink(b) == 0 && unlink(c) == 0, "both gone");
}

/* The signal that kills a child touching byte p[i], or 0 if it exits. */
static int touch_dies(volatile char *p, size_t i)
{
	pid_t pid = fork();
	if (pid == 0) {
		p[i] = 1;
		_exit(0);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

/* True if a line of /proc/self/maps ends with text (its newline included). */
static bool maps_have(const char *text)
{
	char line[256];
	bool found = false;
	FILE *f = fopen("/proc/self/maps", "r");
	size_t n = strlen(text);
	while (f && fgets(line, sizeof line, f))
		found |= strlen(line) >= n && strcmp(line + strlen(line) - n, text) == 0;
	if (f)
		fclose(f);
	return found;
}

static void mapping(void)
{
	char m[96], buf[16];
	at(m, sizeof m, "m");
	long page = sysconf(_SC_PAGESIZE);
	int fd = open(m, O_CREAT | O_RDWR | O_TRUNC, 0644);
	ASSERT(fd >= 0 && ftruncate(fd, 3 * page) == 0, "a file of three pages");
	char *s = mmap(NULL, (size_t)(3 * page), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT(s != MAP_FAILED, "mmap MAP_SHARED, PROT_READ | PROT_WRITE");
	EXPECT(s[0] == 0 && s[3 * page - 1] == 0, "it reads the file's zeroes");
	memcpy(s + page - 2, "abcd", 4);
	EXPECT(pread(fd, buf, 4, page - 2) == 4 && memcmp(buf, "abcd", 4) == 0,
	       "a store through the mapping is in the file at once");
	EXPECT_EQ(pwrite(fd, "WXYZ", 4, 2 * page), 4, "pwrite into the mapped file");
	EXPECT(memcmp(s + 2 * page, "WXYZ", 4) == 0, "the mapping sees the write at once");
	EXPECT_EQ(msync(s, (size_t)page, MS_SYNC), 0, "msync");
	char *p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, page);
	ASSERT(p != MAP_FAILED, "mmap MAP_PRIVATE at the second page");
	EXPECT(memcmp(p, "cd", 2) == 0, "a private mapping reads the file");
	pwrite(fd, "12", 2, page);
	EXPECT(memcmp(p, "12", 2) == 0, "and sees later writes to a page it has not written");
	p[0] = 'P';
	EXPECT(pread(fd, buf, 1, page) == 1 && buf[0] == '1' && s[page] == '1',
	       "a store to a private page stays private");
	munmap(p, (size_t)page);
	s[page + 20] = 'T';
	EXPECT_EQ(ftruncate(fd, page + 10), 0, "ftruncate to a page and 10 bytes while mapped");
	EXPECT(s[page] == '1' && s[page + 20] == 0,
	       "the last page keeps its bytes, its tail past the end is zeroed");
	EXPECT_EQ(touch_dies(s, (size_t)(2 * page)), SIGBUS,
		  "a touch wholly past the new end: SIGBUS");
	EXPECT_EQ(ftruncate(fd, 3 * page), 0, "grown again");
	EXPECT(s[2 * page] == 0 && s[2 * page + 1] == 0, "the cut page comes back as zeroes");
	EXPECT_EQ(touch_dies(s, (size_t)(2 * page)), 0, "and can be touched");
	EXPECT_EQ(
	    err_of(mmap(NULL, (size_t)page, PROT_READ, MAP_SHARED, -1, 0) == MAP_FAILED ? -1 : 0),
	    -EBADF, "mmap of a bad descriptor: EBADF");
	int ro = open(m, O_RDONLY);
	EXPECT(mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED &&
		   errno == EACCES,
	       "MAP_SHARED and PROT_WRITE of a read-only descriptor: EACCES");
	close(ro);
	close(fd);
	EXPECT_EQ(unlink(m), 0, "unlink while it is mapped");
	char want[112];
	snprintf(want, sizeof want, "%s (deleted)\n", m);
	EXPECT(maps_have(want), "/proc/self/maps names it, \"(deleted)\"");
	s[5] = 'k';
	EXPECT(s[5] == 'k' && s[page - 2] == 'a',
	       "the mapping goes on without a name or a descriptor");
	EXPECT_EQ(munmap(s, (size_t)(3 * page)), 0, "munmap: the last hold on the file goes");
}

static void tests(void)
{
	writing_and_reading();
	many_pages();
	names();
	hard_links();
	unnamed_then_named();
	big_directory();
	unlinked_while_open();
	removed_cwd();
	edges();
	streams();
	copying();
	mapping();
}

int main(void)
{
	umask(022);
	snprintf(dir, sizeof dir, "/tmp/tmpfs-test-%d", (int)getpid());
	if (mkdir(dir, 0755) != 0) {
		printf("Bail out! cannot make %s: %s\n", dir, strerror(errno));
		return 1;
	}
	int r = ktap_run(tests);
	rmdir(dir);
	return r;
}
