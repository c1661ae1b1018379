/*
 * dev_poll_test.c - the devices of /dev, getrandom, poll/ppoll/select/
 * pselect on pipes, and sigsuspend between two processes: what a shell
 * and most Unix programs take for granted. Run on Linux and on Interlude
 * and compared (nothing printed depends on time or randomness).
 *
 * test-run: ktap
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/random.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"

#define FAILS_WITH(call, e) ((call) == -1 && errno == (e))

static void t_dev_null_zero_full(void)
{
	char buf[64];
	int fd = open("/dev/null", O_RDWR);
	ASSERT(fd >= 0);
	EXPECT_EQ(write(fd, "gone", 4), 4, "/dev/null takes every write");
	EXPECT_EQ(read(fd, buf, sizeof buf), 0, "and reads end of file");
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	ASSERT(fd >= 0);
	memset(buf, 'x', sizeof buf);
	EXPECT_EQ(read(fd, buf, sizeof buf), (long)sizeof buf, "/dev/zero fills the buffer");
	int zeroes = 0;
	for (size_t i = 0; i < sizeof buf; i++)
		zeroes += buf[i] == 0;
	EXPECT_EQ(zeroes, (int)sizeof buf, "with zeroes");
	close(fd);
	fd = open("/dev/full", O_WRONLY);
	ASSERT(fd >= 0);
	EXPECT(FAILS_WITH(write(fd, "x", 1), ENOSPC), "/dev/full: ENOSPC");
	close(fd);
	struct stat st;
	EXPECT(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode),
	       "/dev/null is a character device");
	EXPECT_EQ((long)st.st_rdev, (1 << 8) | 3, "number 1, 3");
	EXPECT(stat("/dev/urandom", &st) == 0 && st.st_rdev == ((1 << 8) | 9),
	       "/dev/urandom is 1, 9");
}

static void t_random_bytes(void)
{
	unsigned char a[32], b[32];
	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	EXPECT_EQ(getrandom(a, sizeof a, 0), (long)sizeof a, "getrandom fills the buffer");
	EXPECT_EQ(getrandom(b, sizeof b, GRND_NONBLOCK), (long)sizeof b);
	EXPECT(memcmp(a, b, sizeof a) != 0, "two draws differ");
	EXPECT(FAILS_WITH(getrandom(a, 1, 0x100), EINVAL), "an unknown flag: EINVAL");
	EXPECT(FAILS_WITH(getrandom(a, 1, GRND_RANDOM | GRND_INSECURE), EINVAL),
	       "GRND_RANDOM with GRND_INSECURE: EINVAL");
	int fd = open("/dev/urandom", O_RDONLY);
	ASSERT(fd >= 0);
	EXPECT_EQ(read(fd, a, sizeof a), (long)sizeof a, "/dev/urandom reads");
	EXPECT(memcmp(a, b, sizeof a) != 0);
	close(fd);
}

static void t_poll_a_pipe(void)
{
	int p[2];
	ASSERT(pipe(p) == 0);
	struct pollfd fds[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
	EXPECT_EQ(poll(fds, 1, 0), 0, "an empty pipe is not readable");
	EXPECT_EQ(poll(fds, 1, 30), 0, "not after 30 ms either");
	EXPECT_EQ(poll(fds + 1, 1, 0), 1, "its write end is writable");
	EXPECT_EQ(fds[1].revents, POLLOUT);
	EXPECT_EQ(write(p[1], "x", 1), 1);
	EXPECT_EQ(poll(fds, 2, -1), 2, "both ready once a byte waits");
	EXPECT_EQ(fds[0].revents, POLLIN);
	struct pollfd bad = {1000, POLLIN, 0};
	EXPECT(poll(&bad, 1, 0) == 1 && bad.revents == POLLNVAL, "a closed descriptor: POLLNVAL");
	struct pollfd skip = {-1, POLLIN, 7};
	EXPECT(poll(&skip, 1, 0) == 0 && skip.revents == 0, "a negative descriptor is skipped");
	close(p[1]);
	char c;
	EXPECT_EQ(read(p[0], &c, 1), 1);
	EXPECT(poll(fds, 1, 0) == 1 && (fds[0].revents & POLLHUP), "no writer left: POLLHUP");
	close(p[0]);
	EXPECT(FAILS_WITH(poll(fds, 1u << 20, 0), EINVAL), "more than RLIMIT_NOFILE: EINVAL");
	struct timespec ts = {0, 20 * 1000 * 1000};
	EXPECT_EQ(ppoll(&skip, 1, &ts, NULL), 0, "ppoll times out");
}

static void t_select_a_pipe(void)
{
	int p[2];
	ASSERT(pipe(p) == 0);
	fd_set in, out;
	FD_ZERO(&in);
	FD_SET(p[0], &in);
	struct timeval tv = {0, 10000};
	EXPECT_EQ(select(p[0] + 1, &in, NULL, NULL, &tv), 0, "select times out on an empty pipe");
	EXPECT(!FD_ISSET(p[0], &in), "and clears the bit");
	EXPECT_EQ(write(p[1], "y", 1), 1);
	FD_ZERO(&in);
	FD_SET(p[0], &in);
	FD_ZERO(&out);
	FD_SET(p[1], &out);
	EXPECT_EQ(select(p[1] + 1, &in, &out, NULL, NULL), 2, "readable and writable");
	EXPECT(FD_ISSET(p[0], &in) && FD_ISSET(p[1], &out));
	FD_ZERO(&in);
	FD_SET(50, &in); /* closed, and inside the table Linux starts with (64) */
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	EXPECT(FAILS_WITH(select(51, &in, NULL, NULL, &tv), EBADF), "a closed descriptor: EBADF");
	struct timespec ts = {0, 0};
	FD_ZERO(&in);
	FD_SET(p[0], &in);
	EXPECT_EQ(pselect(p[0] + 1, &in, NULL, NULL, &ts, NULL), 1, "pselect sees the byte");
	close(p[0]);
	close(p[1]);
}

static volatile sig_atomic_t got;
static void on_usr1(int sig)
{
	got = sig;
}

static void t_sigsuspend_waits_for_a_signal(void)
{
	signal(SIGUSR1, on_usr1);
	sigset_t block, old, during;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	pid_t pid = fork();
	ASSERT(pid >= 0);
	if (pid == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	sigemptyset(&during);
	got = 0;
	EXPECT(FAILS_WITH(sigsuspend(&during), EINTR), "sigsuspend returns EINTR");
	EXPECT_EQ(got, SIGUSR1, "after the handler ran");
	sigset_t now;
	sigprocmask(SIG_SETMASK, NULL, &now);
	EXPECT(sigismember(&now, SIGUSR1), "the old mask is back: SIGUSR1 blocked again");
	int status;
	waitpid(pid, &status, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGUSR1, SIG_DFL);
}

static const struct ktap_case cases[] = {
    KTAP_CASE(t_dev_null_zero_full),
    KTAP_CASE(t_random_bytes),
    KTAP_CASE(t_poll_a_pipe),
    KTAP_CASE(t_select_a_pipe),
    KTAP_CASE(t_sigsuspend_waits_for_a_signal),
};

int main(void)
{
	return ktap_run_cases("dev_poll", cases, KTAP_NCASES(cases));
}
