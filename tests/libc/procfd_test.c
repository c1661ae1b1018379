/*
 * procfd_test.c - /proc/self/fd: one link per open descriptor, as ls -l
 * /proc/self/fd and programs that look at their own descriptors read it.
 * A file's link names its path, a pipe's "pipe:[inode]"; opening the link
 * opens the file itself; the listing has every open descriptor; a closed
 * or never-opened number is ENOENT. A pipe's link, opened, is that pipe
 * (what /dev/stdin and /dev/stderr lead to in scripts): bytes written
 * through it come out of the pipe, stat of it is a FIFO, lstat a link.
 * Run on Linux and on Interlude and compared.
 *
 * test-run: ktap
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ktap.h"

/* readlink of /proc/self/fd/<fd> into buf (NUL-terminated); its length or -errno. */
static long link_of(int fd, char *buf, size_t size)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	long n = readlink(path, buf, size - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return n;
}

/* Returns 1 if the listing of /proc/self/fd has an entry for fd. */
static int listed(int fd)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int found = 0;
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && atoi(e->d_name) == fd)
			found = 1;
	if (d)
		closedir(d);
	return found;
}

int main(void)
{
	ktap_begin(12);
	int fd = open("/etc/passwd", O_RDONLY);
	char buf[256];
	EXPECT(fd >= 3 && link_of(fd, buf, sizeof buf) == 11 && strcmp(buf, "/etc/passwd") == 0,
	       "a file's link: its path");
	int p[2];
	EXPECT(pipe(p) == 0 && link_of(p[0], buf, sizeof buf) > 7 &&
		   strncmp(buf, "pipe:[", 6) == 0 && buf[strlen(buf) - 1] == ']',
	       "a pipe's link: pipe:[inode]");
	char other[256];
	EXPECT(link_of(p[1], other, sizeof other) > 0 && strcmp(buf, other) == 0,
	       "both ends of a pipe name the same one");
	char path[64], a[16], b[16];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	int again = open(path, O_RDONLY);
	EXPECT(again >= 0 && read(again, a, sizeof a) == (long)sizeof a &&
		   pread(fd, b, sizeof b, 0) == (long)sizeof b && memcmp(a, b, sizeof a) == 0,
	       "opening the link opens the file itself");
	EXPECT(listed(0) && listed(1) && listed(2) && listed(fd) && listed(p[0]) && listed(p[1]),
	       "the listing has every open descriptor");
	EXPECT(link_of(999, buf, sizeof buf) == -ENOENT, "a descriptor never opened: ENOENT");
	close(fd);
	EXPECT(link_of(fd, buf, sizeof buf) == -ENOENT, "a closed one: ENOENT");
	EXPECT(access("/proc/self/fd", R_OK) == 0, "/proc/self/fd is readable");
	snprintf(path, sizeof path, "/proc/self/fd/%d", p[1]);
	int w = open(path, O_WRONLY);
	char got[8] = "";
	EXPECT(w >= 0 && write(w, "via", 3) == 3 && read(p[0], got, sizeof got) == 3 &&
		   memcmp(got, "via", 3) == 0,
	       "a pipe's link opened for writing: bytes come out of the pipe");
	struct stat st;
	EXPECT(stat(path, &st) == 0 && S_ISFIFO(st.st_mode), "stat of a pipe's link: a FIFO");
	EXPECT(lstat(path, &st) == 0 && S_ISLNK(st.st_mode), "lstat of it: a link");
	EXPECT(lstat("/dev/stderr", &st) == 0 && S_ISLNK(st.st_mode) &&
		   readlink("/dev/stderr", buf, sizeof buf) > 0,
	       "/dev/stderr is a link (into /proc/self/fd)");
	return ktap_end();
}
