/*
 * kill_test.c - signals a process sends itself (kill, raise through
 * tgkill, tkill), their handlers, masks and errors, and the ids a process
 * has (getpid, gettid, getppid, the user and group ids), compared between
 * Linux and Interlude. Signals between processes: fork_test.c.
 *
 * test-run: ktap
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"

static volatile sig_atomic_t got, got_code;

static void on_signal(int sig)
{
	got = sig;
}

static void on_siginfo(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got = sig;
	got_code = si->si_code == SI_USER || si->si_code == SI_TKILL;
}

static void all(void)
{
	pid_t me = getpid();
	EXPECT_EQ(gettid(), me, "gettid() == getpid(): one thread");
	EXPECT(getppid() >= 0, "getppid() answers");
	EXPECT_EQ(sched_yield(), 0, "sched_yield()");

	/* ids: whatever they are, they agree with each other. */
	uid_t r, e, s;
	gid_t gr, ge, gs;
	EXPECT(getresuid(&r, &e, &s) == 0 && r == getuid() && e == geteuid() && s == e,
	       "getresuid agrees with getuid and geteuid");
	EXPECT(getresgid(&gr, &ge, &gs) == 0 && gr == getgid() && ge == getegid() && gs == ge,
	       "getresgid agrees with getgid and getegid");
	errno = 0;
	EXPECT(getresuid((uid_t *)8, &e, &s) == -1 && errno == EFAULT, "getresuid(bad): EFAULT");
	EXPECT(getgroups(0, NULL) >= 0, "getgroups(0, NULL) counts");
	errno = 0;
	EXPECT(getgroups(-1, NULL) == -1 && errno == EINVAL, "getgroups(-1): EINVAL");
	EXPECT_EQ(setuid(getuid()), 0, "setuid(getuid())");
	EXPECT_EQ(setgid(getgid()), 0, "setgid(getgid())");

	/* A handler runs before raise returns. */
	signal(SIGUSR1, on_signal);
	got = 0;
	EXPECT_EQ(raise(SIGUSR1), 0, "raise(SIGUSR1)");
	EXPECT_EQ(got, SIGUSR1, "its handler ran before raise returned");
	got = 0;
	EXPECT_EQ(kill(me, SIGUSR1), 0, "kill(self, SIGUSR1)");
	EXPECT_EQ(got, SIGUSR1, "its handler ran before kill returned");
	got = 0;
	EXPECT_EQ(syscall(SYS_tkill, me, SIGUSR1), 0, "tkill(self, SIGUSR1)");
	EXPECT_EQ(got, SIGUSR1, "its handler ran before tkill returned");

	/* SA_SIGINFO: the handler is told who sent it. */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_siginfo;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR2, &sa, NULL);
	got = got_code = 0;
	kill(me, SIGUSR2);
	EXPECT(got == SIGUSR2 && got_code, "SA_SIGINFO handler: si_code of a user signal");

	/* Blocked: pending until unblocked. */
	sigset_t set, pending;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	got = 0;
	raise(SIGUSR1);
	EXPECT_EQ(got, 0, "blocked: not delivered");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	EXPECT_EQ(got, SIGUSR1, "delivered once unblocked");
	(void)pending;

	/* Ignored, or a default action of nothing: nothing happens. */
	signal(SIGTERM, SIG_IGN);
	EXPECT_EQ(raise(SIGTERM), 0, "raise(SIGTERM) while ignored: nothing happens");
	signal(SIGTERM, SIG_DFL);
	EXPECT_EQ(raise(SIGCHLD), 0, "SIGCHLD by default: nothing happens");
	EXPECT_EQ(raise(SIGWINCH), 0, "SIGWINCH by default: nothing happens");
	EXPECT_EQ(kill(me, 0), 0, "kill(self, 0): this process exists");

	/* Errors. */
	errno = 0;
	EXPECT(kill(me, 65) == -1 && errno == EINVAL, "kill(self, 65): EINVAL");
	errno = 0;
	EXPECT(kill(me, -1) == -1 && errno == EINVAL, "kill(self, -1): EINVAL");
	errno = 0;
	EXPECT(kill(999999, SIGTERM) == -1 && errno == ESRCH, "kill(no such pid): ESRCH");
	errno = 0;
	EXPECT(syscall(SYS_tgkill, me, 999999, SIGTERM) == -1 && errno == ESRCH,
	       "tgkill(self, no such tid): ESRCH");
	errno = 0;
	EXPECT(syscall(SYS_tgkill, 0, me, SIGTERM) == -1 && errno == EINVAL,
	       "tgkill(0, ...): EINVAL");
	errno = 0;
	EXPECT(syscall(SYS_tgkill, me, 0, SIGTERM) == -1 && errno == EINVAL,
	       "tgkill(..., 0, ...): EINVAL");
	errno = 0;
	EXPECT(syscall(SYS_tkill, -5, SIGTERM) == -1 && errno == EINVAL, "tkill(-5): EINVAL");
	errno = 0;
	EXPECT(syscall(SYS_tgkill, me, me, 65) == -1 && errno == EINVAL, "tgkill(65): EINVAL");
}

int main(void)
{
	return ktap_run(all);
}
