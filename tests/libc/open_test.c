/*
 * open_test.c - what opening says for missing and read-only files, and
 * the standard streams as streams: fopen's errors, open's answers on
 * Interlude (the read-only boot file system: kernel/sys/sys_file.c),
 * seeking a pipe, fdopen and fclose on fd 2,
 * setvbuf. Run on Linux and on Interlude and compared, so a check that
 * differs by system is written to hold on both (on_interlude() ? ... : ...).
 *
 * test-run: ktap
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"

static int on_interlude(void)
{
	char u[6 * 65];
	return syscall(SYS_uname, u) == 0 && strcmp(u, "Interlude") == 0;
}

/* True if call failed with errno e. */
#define FAILS_WITH(call, e) ((call) == -1 && errno == (e))

static void t_fopen_missing_file(void)
{
	errno = 0;
	EXPECT(fopen("/interlude-no-such-dir/file", "r") == NULL && errno == ENOENT);
	errno = 0;
	EXPECT(fopen("/interlude-no-such-dir/file", "w") == NULL && errno == ENOENT,
	       "creating in a missing directory is ENOENT");
	errno = 0;
	EXPECT(fopen("/tmp", "z") == NULL && errno == EINVAL, "a bad mode is EINVAL");
}

static void t_open_read_only(void)
{
	int i = on_interlude();
	EXPECT(FAILS_WITH(open("", O_RDONLY), ENOENT), "an empty path is ENOENT");
	EXPECT(FAILS_WITH(open((const char *)8, O_RDONLY), EFAULT));
	EXPECT(FAILS_WITH(openat(7, "x", O_RDONLY), EBADF), "a relative path needs an open dirfd");
	EXPECT(FAILS_WITH(openat(1, "x", O_RDONLY), ENOTDIR), "fd 1 is not a directory");
	int root = open("/", O_RDONLY);
	EXPECT(root == 3, "the root opens as the lowest free descriptor");
	EXPECT(close(root) == 0);
	EXPECT(!i || FAILS_WITH(open("/", O_WRONLY), EISDIR));
	EXPECT(!i || FAILS_WITH(open("/a/b", O_CREAT | O_WRONLY, 0600), ENOENT));
	EXPECT(!i || FAILS_WITH(open("./x", O_CREAT | O_WRONLY, 0600), EROFS));
	EXPECT(!i || FAILS_WITH(openat(7, "/x", O_RDONLY), ENOENT),
	       "an absolute path ignores dirfd");
	EXPECT(!i || (fopen("x", "w") == NULL && errno == EROFS), "fopen for writing: EROFS");
	EXPECT(!i || FAILS_WITH(lseek(0, 0, SEEK_CUR), ESPIPE), "standard input cannot seek");
}

static void t_standard_streams_do_not_seek(void)
{
	/* make test gives both systems a pipe for standard output. */
	errno = 0;
	EXPECT(fseek(stdout, 0, SEEK_SET) == -1 && errno == ESPIPE);
	errno = 0;
	EXPECT(ftell(stdout) == -1 && errno == ESPIPE);
	EXPECT(fseek(stdout, 0, 7) == -1 && errno == EINVAL, "a bad whence is EINVAL first");
}

static void t_fdopen_and_fclose_stderr(void)
{
	FILE *e = fdopen(2, "w");
	ASSERT(e != NULL);
	EXPECT_EQ(fclose(e), 0, "fclose closes the descriptor");
	errno = 0;
	EXPECT(write(2, "x", 1) == -1 && errno == EBADF, "fd 2 is closed now");
	EXPECT(close(2) == -1 && errno == EBADF, "and cannot be closed twice");
	EXPECT_EQ(fputs("lost\n", stderr), EOF, "stderr writes to a closed descriptor");
	EXPECT(ferror(stderr));
	EXPECT(fdopen(-1, "r") == NULL && errno == EBADF);
}

static void t_setvbuf(void)
{
	static char mine[64];
	EXPECT(setvbuf(stdout, NULL, 3, 0) != 0 && errno == EINVAL, "an unknown mode");
	EXPECT_EQ(setvbuf(stdout, mine, _IOFBF, sizeof mine), 0);
	EXPECT_EQ(fflush(NULL), 0, "fflush(NULL) flushes every stream");
}

static const struct ktap_case cases[] = {
    KTAP_CASE(t_fopen_missing_file),
    KTAP_CASE(t_open_read_only),
    KTAP_CASE(t_standard_streams_do_not_seek),
    KTAP_CASE(t_fdopen_and_fclose_stderr),
    KTAP_CASE(t_setvbuf),
};

int main(void)
{
	return ktap_run_cases("open", cases, KTAP_NCASES(cases));
}
