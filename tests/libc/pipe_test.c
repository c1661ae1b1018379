/*
 * pipe_test.c - pipes: what is written is read back in
 * order, end of file once the writer is closed, EPIPE (with SIGPIPE
 * ignored) once the reader is, O_NONBLOCK's EAGAIN on both sides, a
 * write of PIPE_BUF bytes that never goes in part, pipe2's flags, and a
 * pipe as a file (fstat, lseek, F_GETFL); then between processes: a
 * child streaming 100,000 bytes through it, a reader waiting for a
 * writer, SIGPIPE ending a writer. Run on Linux and on Interlude
 * and compared; nothing depends on the pipe's capacity (64 KiB on Linux,
 * one page on Interlude) beyond "at least PIPE_BUF".
 *
 * test-run: ktap
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"

#define FAILS_WITH(call, e) ((call) == -1 && errno == (e))

static void t_bytes_come_back_in_order(void)
{
	int p[2];
	ASSERT(pipe(p) == 0);
	EXPECT(p[0] == 3 && p[1] == 4, "the two lowest free descriptors");
	EXPECT_EQ(write(p[1], "hello, ", 7), 7);
	EXPECT_EQ(write(p[1], "pipe", 4), 4);
	char buf[32] = {0};
	EXPECT_EQ(read(p[0], buf, 3), 3, "a read takes what it asks for");
	EXPECT_EQ(read(p[0], buf + 3, sizeof buf), 8, "and no more than is there");
	EXPECT(strcmp(buf, "hello, pipe") == 0);
	EXPECT_EQ(close(p[1]), 0);
	EXPECT_EQ(read(p[0], buf, sizeof buf), 0, "no writer left: end of file");
	EXPECT_EQ(read(p[0], buf, sizeof buf), 0, "and again");
	EXPECT_EQ(close(p[0]), 0);
}

static void t_no_reader_is_epipe(void)
{
	int p[2];
	ASSERT(pipe(p) == 0);
	signal(SIGPIPE, SIG_IGN);
	close(p[0]);
	EXPECT(FAILS_WITH(write(p[1], "x", 1), EPIPE), "SIGPIPE ignored: EPIPE");
	signal(SIGPIPE, SIG_DFL);
	close(p[1]);
}

static void t_a_dup_keeps_the_end_open(void)
{
	int p[2];
	ASSERT(pipe(p) == 0);
	int w2 = dup(p[1]);
	close(p[1]);
	EXPECT_EQ(write(w2, "ab", 2), 2, "the write end is still open through its dup");
	char buf[4];
	EXPECT_EQ(read(p[0], buf, sizeof buf), 2);
	close(w2);
	EXPECT_EQ(read(p[0], buf, sizeof buf), 0, "the last writer closed");
	close(p[0]);
}

static void t_nonblocking_sides(void)
{
	int p[2];
	ASSERT(pipe2(p, O_NONBLOCK) == 0);
	char buf[PIPE_BUF];
	EXPECT(FAILS_WITH(read(p[0], buf, 1), EAGAIN), "empty, a writer exists: EAGAIN");
	EXPECT((fcntl(p[0], F_GETFL) & (O_ACCMODE | O_NONBLOCK)) == (O_RDONLY | O_NONBLOCK));
	EXPECT((fcntl(p[1], F_GETFL) & (O_ACCMODE | O_NONBLOCK)) == (O_WRONLY | O_NONBLOCK));
	memset(buf, 'z', sizeof buf);
	long total = 0, n;
	while ((n = write(p[1], buf, 1)) == 1)
		total++;
	EXPECT(n == -1 && errno == EAGAIN, "full: EAGAIN");
	EXPECT(total >= PIPE_BUF, "it held at least PIPE_BUF bytes");
	EXPECT_EQ(read(p[0], buf, 100), 100);
	EXPECT(FAILS_WITH(write(p[1], buf, PIPE_BUF), EAGAIN),
	       "100 bytes of room: a PIPE_BUF write does not go in part");
	while (read(p[0], buf, sizeof buf) > 0)
		; /* empty it (Linux frees room a whole page at a time) */
	EXPECT(errno == EAGAIN, "emptied: EAGAIN again");
	EXPECT_EQ(write(p[1], buf, PIPE_BUF), PIPE_BUF, "then a PIPE_BUF write goes in whole");
	close(p[0]);
	close(p[1]);
}

static void t_pipe_as_a_file(void)
{
	int p[2];
	ASSERT(pipe2(p, O_CLOEXEC) == 0);
	EXPECT_EQ(fcntl(p[0], F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(p[1], F_GETFD), FD_CLOEXEC);
	struct stat st, st2;
	EXPECT(fstat(p[0], &st) == 0 && S_ISFIFO(st.st_mode));
	EXPECT(fstat(p[1], &st2) == 0 && st2.st_ino == st.st_ino, "both ends are one pipe");
	EXPECT(FAILS_WITH(lseek(p[0], 0, SEEK_CUR), ESPIPE));
	char c;
	EXPECT(FAILS_WITH(pread(p[0], &c, 1, 0), ESPIPE));
	EXPECT(FAILS_WITH(read(p[1], &c, 1), EBADF), "the write end cannot be read");
	EXPECT(FAILS_WITH(write(p[0], "x", 1), EBADF), "the read end cannot be written");
	EXPECT(!isatty(p[0]) && errno == ENOTTY);
	close(p[0]);
	close(p[1]);
	EXPECT(FAILS_WITH(pipe2(p, 1), EINVAL), "an unknown flag");
	int *volatile bad = (int *)8; /* volatile: the compiler must not see through it */
	EXPECT(FAILS_WITH(pipe(bad), EFAULT));
	EXPECT_EQ(open("/", O_RDONLY), 3, "a faulting pipe() left no descriptor behind");
	close(3);
}

/* A child writes far more than the pipe holds; the parent reads it all back. */
static void t_a_child_streams_through_a_pipe(void)
{
	enum { TOTAL = 100000, CHUNK = 1000 };
	int p[2];
	ASSERT(pipe(p) == 0);
	pid_t pid = fork();
	ASSERT(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		char buf[CHUNK];
		for (int sent = 0; sent < TOTAL; sent += CHUNK) {
			for (int i = 0; i < CHUNK; i++)
				buf[i] = (char)((sent + i) % 251);
			if (write(p[1], buf, CHUNK) != CHUNK)
				_exit(1);
		}
		_exit(0);
	}
	close(p[1]);
	long got = 0, bad = 0, n;
	char buf[777];
	while ((n = read(p[0], buf, sizeof buf)) > 0) {
		for (long i = 0; i < n; i++)
			bad += buf[i] != (char)((got + i) % 251);
		got += n;
	}
	EXPECT_EQ(n, 0, "end of file once the child has exited");
	EXPECT_EQ(got, TOTAL, "every byte arrived");
	EXPECT_EQ(bad, 0, "in order");
	int status;
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "every write of the child was whole");
	close(p[0]);
}

/* A read of an empty pipe waits for the other process's write. */
static void t_a_reader_waits_for_the_writer(void)
{
	int p[2];
	ASSERT(pipe(p) == 0);
	pid_t pid = fork();
	ASSERT(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		for (int i = 0; i < 50; i++)
			sched_yield(); /* the parent is already waiting, or will be */
		_exit(write(p[1], "late", 4) == 4 ? 0 : 1);
	}
	close(p[1]);
	char buf[8] = {0};
	EXPECT_EQ(read(p[0], buf, sizeof buf), 4, "the read waited for the bytes");
	EXPECT(strcmp(buf, "late") == 0);
	EXPECT_EQ(read(p[0], buf, sizeof buf), 0, "then the writer's exit closed its end");
	int status;
	waitpid(pid, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(p[0]);
}

/* Writing to a pipe nobody reads: SIGPIPE's default action ends the writer. */
static void t_sigpipe_ends_the_writer(void)
{
	int p[2];
	ASSERT(pipe(p) == 0);
	close(p[0]);
	pid_t pid = fork();
	ASSERT(pid >= 0);
	if (pid == 0) {
		(void)write(p[1], "x", 1);
		_exit(0); /* not reached */
	}
	close(p[1]);
	int status;
	EXPECT(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
		   WTERMSIG(status) == SIGPIPE,
	       "killed by SIGPIPE");
}

static const struct ktap_case cases[] = {
    KTAP_CASE(t_bytes_come_back_in_order),
    KTAP_CASE(t_no_reader_is_epipe),
    KTAP_CASE(t_a_dup_keeps_the_end_open),
    KTAP_CASE(t_nonblocking_sides),
    KTAP_CASE(t_pipe_as_a_file),
    KTAP_CASE(t_a_child_streams_through_a_pipe),
    KTAP_CASE(t_a_reader_waits_for_the_writer),
    KTAP_CASE(t_sigpipe_ends_the_writer),
};

int main(void)
{
	return ktap_run_cases("pipe", cases, KTAP_NCASES(cases));
}
