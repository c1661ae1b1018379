/*
 * sys_headers_test.c - <sys/time.h>, <sys/stat.h>, <sys/wait.h>: the
 * layouts and constants are Linux's (the glibc build of this program,
 * test-run glibc, prints the same, sizes and offsets included, so they
 * are glibc's too), the status macros decode Linux's encoding, the
 * timeval macros carry and borrow, and the system calls either work
 * (Linux) or fail with ENOSYS (Interlude): only that is printed, so the
 * output is the same on both.
 *
 * test-run: ktap glibc
 */
#include <errno.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"

static void tests(void)
{
	EXPECT(sizeof(struct stat) == 144 && offsetof(struct stat, st_mode) == 24 &&
		   offsetof(struct stat, st_size) == 48 && offsetof(struct stat, st_mtim) == 88,
	       "struct stat: 144 bytes, st_mode at 24, st_size at 48, st_mtim at 88");
	EXPECT(S_ISDIR(040755) && S_ISREG(0100644) && S_ISLNK(0120777) && S_ISCHR(020666) &&
		   S_ISFIFO(010600) && S_ISSOCK(0140755) && S_ISBLK(060660) && !S_ISDIR(0100644),
	       "the S_IS* macros");
	EXPECT((S_IRWXU | S_IRWXG | S_IRWXO) == 0777 && S_IRUSR == 0400 && S_IXOTH == 1 &&
		   S_ISVTX == 01000,
	       "the permission bits");

	struct stat st;
	int r = fstat(1, &st);
	EXPECT(r == 0 || errno == ENOSYS,
	       "fstat(1) works (Linux) or fails with ENOSYS (Interlude)");
	errno = 0;
	r = fstat(-1, &st);
	EXPECT(r == -1 && (errno == EBADF || errno == ENOSYS),
	       "fstat(-1): EBADF (Linux) or ENOSYS");
	r = stat("/", &st);
	EXPECT(r == 0 ? S_ISDIR(st.st_mode) : errno == ENOSYS,
	       "stat(\"/\") is a directory, or ENOSYS");
	r = lstat("/no/such/file", &st);
	EXPECT(r == -1 && (errno == ENOENT || errno == ENOSYS),
	       "lstat of a missing file: ENOENT, or ENOSYS");

	EXPECT(WIFEXITED(3 << 8) && WEXITSTATUS(3 << 8) == 3 && !WIFSIGNALED(3 << 8),
	       "an exit status of 3");
	EXPECT(WIFSIGNALED(9) && WTERMSIG(9) == 9 && !WIFEXITED(9) && !WCOREDUMP(9),
	       "killed by SIGKILL");
	EXPECT(WIFSIGNALED(0x86) && WTERMSIG(0x86) == 6 && WCOREDUMP(0x86),
	       "killed by SIGABRT with a core dump");
	EXPECT(WIFSTOPPED(0x137f) && WSTOPSIG(0x137f) == 19 && !WIFSIGNALED(0x137f),
	       "stopped by SIGSTOP");
	EXPECT(WIFCONTINUED(0xffff) && WNOHANG == 1 && WUNTRACED == 2, "continued; the options");
	int status;
	errno = 0;
	pid_t p = waitpid(-1, &status, WNOHANG);
	EXPECT(p == -1 && (errno == ECHILD || errno == ENOSYS),
	       "waitpid without children: ECHILD, or ENOSYS");
	p = wait(NULL);
	EXPECT(p == -1 && (errno == ECHILD || errno == ENOSYS),
	       "wait without children: ECHILD, or ENOSYS");

	EXPECT(sizeof(struct timeval) == 16 && offsetof(struct timeval, tv_usec) == 8,
	       "struct timeval");
	struct timeval a = {5, 700000}, b = {2, 600000}, c;
	timeradd(&a, &b, &c);
	EXPECT(c.tv_sec == 8 && c.tv_usec == 300000, "timeradd carries");
	timersub(&b, &a, &c);
	EXPECT(c.tv_sec == -4 && c.tv_usec == 900000, "timersub borrows");
	EXPECT(timercmp(&b, &a, <) && !timercmp(&a, &b, <) && timercmp(&a, &a, ==) &&
		   timerisset(&a),
	       "timercmp");
	timerclear(&c);
	EXPECT(!timerisset(&c), "timerclear");
	struct timeval now;
	struct timezone tz = {99, 99};
	r = gettimeofday(&now, &tz);
	EXPECT(r == 0 && now.tv_sec > 1600000000 && now.tv_usec >= 0 && now.tv_usec < 1000000,
	       "gettimeofday: a time after 2020");
	EXPECT(tz.tz_minuteswest == 0 && tz.tz_dsttime == 0,
	       "gettimeofday zeroes the obsolete timezone");
}

int main(void)
{
	return ktap_run(tests);
}
