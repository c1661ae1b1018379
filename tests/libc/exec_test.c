/*
 * exec_test.c - execve and the clock, from a program's side: a missing
 * file (ENOENT), a directory (EACCES), a file without the x bit
 * (EACCES), an executable that is no ELF and no script (ENOEXEC), a bad
 * pointer (EFAULT), then a real program (busybox) run by a child with
 * its arguments and environment, its exit status and its output through
 * a pipe; close-on-exec descriptors closed across exec; and sleeps
 * measured against the monotonic clock. Run on Linux in rootfs/ and on
 * Interlude in / (make test's --same, 7th field), compared.
 *
 * (Not a test-run program: it needs rootfs/ as its working folder.)
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"

#define FAILS_WITH(call, e) ((call) == -1 && errno == (e))

static char *const no_args[] = {"x", NULL};
static char *const no_env[] = {NULL};

static void t_exec_refusals(void)
{
	EXPECT(FAILS_WITH(execve("no/such/file", no_args, no_env), ENOENT),
	       "a missing file: ENOENT");
	EXPECT(FAILS_WITH(execve("etc", no_args, no_env), EACCES), "a directory: EACCES");
	EXPECT(FAILS_WITH(execve("etc/passwd", no_args, no_env), EACCES), "no x bit: EACCES");
	EXPECT(FAILS_WITH(execve("root/not-elf", no_args, no_env), ENOEXEC),
	       "executable, but no ELF and no #!: ENOEXEC");
	EXPECT(FAILS_WITH(execve("etc/passwd/x", no_args, no_env), ENOTDIR),
	       "through a file: ENOTDIR");
	char *volatile bad = (char *)8;
	EXPECT(FAILS_WITH(execve(bad, no_args, no_env), EFAULT), "a bad path pointer: EFAULT");
	char *bad_argv[] = {"x", (char *)8, NULL};
	EXPECT(FAILS_WITH(execve("/bin/busybox", bad_argv, no_env), EFAULT),
	       "a bad argument pointer: EFAULT, and the caller goes on");
}

/* Runs busybox with argv in a child, its standard output into buf; returns the wait status. */
static int run(char *const argv[], char *const envp[], char *buf, size_t size)
{
	int p[2];
	if (pipe(p) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execve("/bin/busybox", argv, envp);
		_exit(127);
	}
	close(p[1]);
	size_t got = 0;
	long n;
	while (got + 1 < size && (n = read(p[0], buf + got, size - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
	close(p[0]);
	int status = -1;
	waitpid(pid, &status, 0);
	return status;
}

static void t_exec_runs_a_program(void)
{
	char out[256];
	char *echo[] = {"echo", "one", "two", NULL};
	int st = run(echo, no_env, out, sizeof out);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "echo exits 0");
	EXPECT(strcmp(out, "one two\n") == 0, "with its arguments");
	char *env[] = {"GREETING=from the parent", NULL};
	char *printenv[] = {"sh", "-c", "echo \"$GREETING\"", NULL};
	run(printenv, env, out, sizeof out);
	EXPECT(strcmp(out, "from the parent\n") == 0, "and its environment");
	char *sh[] = {"sh", "-c", "exit 42", NULL};
	st = run(sh, no_env, out, sizeof out);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 42, "its exit status reaches the parent");
	char *kill_self[] = {"sh", "-c", "kill -9 $$", NULL};
	st = run(kill_self, no_env, out, sizeof out);
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == 9, "a program killed by SIGKILL");
}

/* A child with descriptor 3 kept and 4 close-on-exec runs a shell that
 * reads each: 3 is still open in the new program, 4 was closed by exec. */
static void t_close_on_exec(void)
{
	int p[2];
	ASSERT(pipe(p) == 0);
	pid_t pid = fork();
	ASSERT(pid >= 0);
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		int keep = open("etc/hostname", O_RDONLY), drop = open("etc/passwd", O_RDONLY);
		if (keep != 3 || drop != 4)
			_exit(126); /* 3 and 4 were the lowest free ones */
		fcntl(4, F_SETFD, FD_CLOEXEC);
		char *probe[] = {
		    "sh", "-c",
		    "cat <&3 >/dev/null && echo 3-open; (cat <&4) 2>/dev/null || echo 4-closed",
		    NULL};
		execve("/bin/busybox", probe, no_env);
		_exit(127);
	}
	close(p[1]);
	char out[64] = {0};
	size_t got = 0;
	long n;
	while (got + 1 < sizeof out && (n = read(p[0], out + got, sizeof out - 1 - got)) > 0)
		got += (size_t)n;
	close(p[0]);
	int status;
	waitpid(pid, &status, 0);
	EXPECT(strcmp(out, "3-open\n4-closed\n") == 0,
	       "exec kept 3 and closed the close-on-exec 4");
}

/* Returns the monotonic clock in milliseconds. */
static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void t_sleeps_last_as_long_as_asked(void)
{
	long t0 = now_ms();
	struct timespec req = {0, 150 * 1000 * 1000};
	EXPECT_EQ(nanosleep(&req, NULL), 0, "nanosleep(150 ms)");
	long dt = now_ms() - t0;
	EXPECT(dt >= 150 && dt < 1500, "took at least 150 ms (and not seconds)");
	t0 = now_ms();
	pid_t pid = fork();
	if (pid == 0) {
		struct timespec r = {0, 100 * 1000 * 1000};
		nanosleep(&r, NULL);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	dt = now_ms() - t0;
	EXPECT(dt >= 100 && dt < 1500, "waiting for a sleeping child: its 100 ms");
}

static const struct ktap_case cases[] = {
    KTAP_CASE(t_exec_refusals),
    KTAP_CASE(t_exec_runs_a_program),
    KTAP_CASE(t_close_on_exec),
    KTAP_CASE(t_sleeps_last_as_long_as_asked),
};

int main(void)
{
	return ktap_run_cases("exec", cases, KTAP_NCASES(cases));
}
