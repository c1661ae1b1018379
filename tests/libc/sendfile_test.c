/*
 * sendfile_test.c - sendfile(2): a file's bytes into a pipe (the same
 * bytes read(2) gives), an offset pointer that advances while the file's
 * position stays, the position moving without one, 0 at the end, and
 * Linux's errors: EBADF for a closed or wrong-direction descriptor,
 * EINVAL for a pipe as input, an O_APPEND output and a negative offset,
 * EFAULT for a bad offset pointer; /dev/null takes everything. Reads
 * /etc/group, which both systems have (its contents differ, so only
 * agreement with read(2) is printed). Run on Linux and on Interlude, and
 * against glibc, and compared.
 *
 * test-run: ktap glibc
 */
#define _GNU_SOURCE /* pipe2, in glibc */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/sendfile.h>
#include <unistd.h>
#include "ktap.h"

#define FAILS_WITH(call, e) ((call) == -1 && errno == (e))
#define FILE_PATH "/etc/group"

static char whole[4096];
static ssize_t whole_len;

/* Reads FILE_PATH with read(2) into whole; its length. */
static ssize_t read_whole(void)
{
	int fd = open(FILE_PATH, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, whole, sizeof whole);
	close(fd);
	return n;
}

/* Reads what is waiting in the pipe's read end p into buf; the count. */
static ssize_t drain(int p, char *buf, size_t size)
{
	ssize_t got = 0, r;
	while ((size_t)got < size && (r = read(p, buf + got, size - (size_t)got)) > 0)
		got += r;
	return got;
}

static void t_bytes_match_read(void)
{
	whole_len = read_whole();
	ASSERT(whole_len > 0 && whole_len < (ssize_t)sizeof whole);
	int fd = open(FILE_PATH, O_RDONLY), p[2];
	ASSERT(fd >= 0 && pipe(p) == 0);
	EXPECT(sendfile(p[1], fd, NULL, sizeof whole) == whole_len, "the whole file");
	EXPECT_EQ(sendfile(p[1], fd, NULL, sizeof whole), 0, "then the end: 0");
	EXPECT(lseek(fd, 0, SEEK_CUR) == whole_len, "the file's position moved");
	close(p[1]);
	char buf[4096];
	EXPECT(drain(p[0], buf, sizeof buf) == whole_len &&
		   memcmp(buf, whole, (size_t)whole_len) == 0,
	       "the pipe holds read(2)'s bytes");
	close(p[0]);
	close(fd);
}

static void t_offset_pointer(void)
{
	int fd = open(FILE_PATH, O_RDONLY), p[2];
	ASSERT(fd >= 0 && pipe2(p, O_NONBLOCK) == 0); /* an empty pipe fails, not hangs */
	off_t off = 2;
	EXPECT_EQ(sendfile(p[1], fd, &off, 3), 3, "three bytes from offset 2");
	EXPECT_EQ(off, 5, "the offset advanced");
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 0, "the file's position did not");
	char buf[8] = {0};
	EXPECT(read(p[0], buf, sizeof buf) == 3 && memcmp(buf, whole + 2, 3) == 0);
	off = whole_len + 10;
	EXPECT_EQ(sendfile(p[1], fd, &off, 3), 0, "past the end: 0");
	EXPECT(off == whole_len + 10, "and the offset stays");
	EXPECT_EQ(sendfile(p[1], fd, NULL, 0), 0, "a count of 0");
	close(p[0]), close(p[1]), close(fd);
}

static void t_errors(void)
{
	int fd = open(FILE_PATH, O_RDONLY), p[2];
	int null = open("/dev/null", O_WRONLY), app = open("/dev/null", O_WRONLY | O_APPEND);
	ASSERT(fd >= 0 && null >= 0 && app >= 0 && pipe(p) == 0);
	EXPECT(FAILS_WITH(sendfile(null, 99, NULL, 1), EBADF), "a closed input");
	EXPECT(FAILS_WITH(sendfile(99, fd, NULL, 1), EBADF), "a closed output");
	EXPECT(FAILS_WITH(sendfile(null, p[1], NULL, 1), EBADF), "an input open for writing");
	EXPECT(FAILS_WITH(sendfile(fd, fd, NULL, 1), EBADF), "an output open for reading");
	EXPECT(FAILS_WITH(sendfile(p[1], p[0], NULL, 1), EINVAL), "a pipe as input");
	EXPECT(FAILS_WITH(sendfile(app, fd, NULL, 1), EINVAL), "an O_APPEND output");
	off_t off = -1;
	EXPECT(FAILS_WITH(sendfile(null, fd, &off, 1), EINVAL), "a negative offset");
	EXPECT(FAILS_WITH(sendfile(null, fd, (off_t *)8, 1), EFAULT), "a bad offset pointer");
	EXPECT(FAILS_WITH(sendfile(null, 99, (off_t *)8, 1), EFAULT),
	       "the offset pointer is read first");
	EXPECT(sendfile(null, fd, NULL, 1 << 20) == whole_len, "/dev/null takes it all");
	close(p[0]), close(p[1]), close(fd), close(null), close(app);
}

static const struct ktap_case cases[] = {
    KTAP_CASE(t_bytes_match_read),
    KTAP_CASE(t_offset_pointer),
    KTAP_CASE(t_errors),
};

int main(void)
{
	return ktap_run_cases("sendfile", cases, KTAP_NCASES(cases));
}
