/*
 * fork_test.c - processes: fork, wait, kill, exit statuses, orphans and
 * signals between processes, compared between Linux and Interlude (no
 * pid is printed: they differ).
 *
 * test-run: ktap
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"

static int shared_value = 1;	    /* .data: the child's writes must stay its own */
static char heap_text[] = "parent"; /* so must writes to an array */

/* Forks a child that runs fn and exits with its result; returns its pid. */
static pid_t spawn(int (*fn)(void))
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn());
	return pid;
}

static int child_writes(void)
{
	shared_value = 42;
	strcpy(heap_text, "child");
	char *m = malloc(100);
	strcpy(m, "in the child");
	return shared_value == 42 && strcmp(heap_text, "child") == 0 ? 7 : 1;
}

static int child_aborts(void)
{
	abort();
}

static int child_loops(void)
{
	while (sched_yield() == 0)
		;
	return 1;
}

static int child_terminates_itself(void)
{
	kill(getpid(), SIGTERM);
	return 0; /* not reached */
}

static volatile sig_atomic_t got_usr1;
static void on_usr1(int sig)
{
	got_usr1 = sig;
}

static void all(void)
{
	int status = 0;
	errno = 0;
	EXPECT(waitpid(-1, &status, 0) == -1 && errno == ECHILD, "wait without children: ECHILD");
	errno = 0;
	EXPECT(waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD,
	       "WNOHANG without children: ECHILD");
	errno = 0;
	EXPECT(waitpid(-1, &status, 0x4000) == -1 && errno == EINVAL, "unknown option: EINVAL");

	/* fork: two processes, each with its own memory. */
	pid_t me = getpid();
	pid_t pid = spawn(child_writes);
	ASSERT(pid > 0);
	EXPECT(pid != me, "the child has another pid");
	EXPECT_EQ(waitpid(pid, &status, 0), pid, "waitpid returns the child's pid");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 7,
	       "the child saw its own writes (exit 7)");
	EXPECT_EQ(shared_value, 1, "the parent's .data is unchanged");
	EXPECT(strcmp(heap_text, "parent") == 0, "the parent's array is unchanged");
	errno = 0;
	EXPECT(waitpid(pid, &status, 0) == -1 && errno == ECHILD, "a reaped child is gone: ECHILD");

	/* The child's view: getppid, fork's 0. */
	pid = fork();
	if (pid == 0)
		_exit(getppid() == me ? 3 : 4);
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 3,
	       "the child's getppid is the parent");

	/* Exit statuses: the whole byte, and deaths by signals. */
	pid = fork();
	if (pid == 0)
		exit(255);
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 255,
	       "exit(255)");
	pid = spawn(child_aborts);
	EXPECT(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
		   WTERMSIG(status) == SIGABRT,
	       "abort(): killed by SIGABRT");
	pid = spawn(child_terminates_itself);
	EXPECT(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
		   WTERMSIG(status) == SIGTERM,
	       "kill(getpid(), SIGTERM): killed by SIGTERM");
	pid = spawn(child_loops);
	EXPECT_EQ(waitpid(pid, &status, WNOHANG), 0, "WNOHANG while the child runs: 0");
	EXPECT_EQ(kill(pid, SIGKILL), 0, "kill(child, SIGKILL)");
	EXPECT(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
		   WTERMSIG(status) == SIGKILL,
	       "killed by SIGKILL");
	pid = spawn(child_loops);
	EXPECT_EQ(kill(pid, SIGTERM), 0, "kill(child, SIGTERM)");
	EXPECT(wait(&status) == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	       "wait(): killed by SIGTERM");

	/* kill's errors. */
	errno = 0;
	EXPECT(kill(pid, 0) == -1 && errno == ESRCH, "kill of a reaped pid: ESRCH");
	errno = 0;
	EXPECT(kill(me, 65) == -1 && errno == EINVAL, "kill with signal 65: EINVAL");
	EXPECT_EQ(kill(me, 0), 0, "kill(self, 0): exists");
	errno = 0;
	EXPECT(syscall(SYS_tgkill, me, me + 100000, SIGTERM) == -1 && errno == ESRCH,
	       "tgkill of another thread id: ESRCH");
	errno = 0;
	EXPECT(syscall(SYS_tgkill, 0, me, SIGTERM) == -1 && errno == EINVAL,
	       "tgkill(0, ...): EINVAL");
	EXPECT_EQ(gettid(), me, "gettid is the pid (one thread)");

	/* A handler runs for a signal sent by raise (tgkill), before raise returns. */
	signal(SIGUSR1, on_usr1);
	EXPECT_EQ(raise(SIGUSR1), 0, "raise(SIGUSR1)");
	EXPECT_EQ(got_usr1, SIGUSR1, "the handler ran before raise returned");
	/* A blocked signal waits until it is unblocked. */
	got_usr1 = 0;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR1);
	EXPECT_EQ(got_usr1, 0, "blocked: not delivered");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	EXPECT_EQ(got_usr1, SIGUSR1, "delivered once unblocked");
	/* A child's signal to its parent. */
	got_usr1 = 0;
	pid = fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	EXPECT_EQ(got_usr1, SIGUSR1, "the child's kill reached the parent's handler");
	signal(SIGUSR1, SIG_DFL);
	/* SIGCHLD's default action does nothing; ignored, a signal is dropped. */
	signal(SIGTERM, SIG_IGN);
	EXPECT_EQ(raise(SIGTERM), 0, "raise(SIGTERM) while ignored: nothing happens");
	signal(SIGTERM, SIG_DFL);
	EXPECT_EQ(raise(SIGCHLD), 0, "raise(SIGCHLD) with the default action: nothing happens");

	/* Orphans: the grandchild outlives its parent and gets another. */
	pid = fork();
	if (pid == 0) {
		pid_t mid = getpid();
		pid_t g = fork();
		if (g == 0) {
			while (getppid() == mid)
				sched_yield();
			_exit(getppid() != mid ? 0 : 1);
		}
		_exit(5);
	}
	EXPECT(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 5,
	       "the middle process exited; its child is an orphan now");
	/* Where this is process 1 (Interlude), the orphan is adopted by it:
	 * wait for it and see that it saw its new parent. Elsewhere some
	 * other process (init, a subreaper) adopts it. */
	int adopted = 1;
	if (me == 1)
		adopted = wait(&status) > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
	EXPECT(adopted, "the orphan is adopted by process 1");

	/* Many children at once, reaped in any order. */
	enum { N = 20 };
	pid_t kids[N];
	for (int i = 0; i < N; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			_exit(i);
	}
	int seen = 0;
	for (int i = N - 1; i >= 0; i--)
		if (waitpid(kids[i], &status, 0) == kids[i] && WIFEXITED(status) &&
		    WEXITSTATUS(status) == i)
			seen++;
	EXPECT_EQ(seen, N, "20 children, each with its own status");

	/* vfork: the parent resumes after the child's _exit. */
	pid = vfork();
	if (pid == 0)
		_exit(9);
	EXPECT(pid > 0 && waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 9,
	       "vfork + _exit(9)");
}

int main(void)
{
	return ktap_run(all);
}
