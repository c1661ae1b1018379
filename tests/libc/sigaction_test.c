/*
 * sigaction_test.c - the signal system calls' answers, without any signal
 * being delivered: sigaction's and rt_sigaction's error returns (EINVAL,
 * EFAULT, a bad sigsetsize), what reads back (unknown flags dropped,
 * SA_RESTORER added by the libc, SIGKILL and SIGSTOP out of sa_mask),
 * sigprocmask's rules (SIGKILL and SIGSTOP never blocked, how looked at
 * only with a set, the mask changed before a bad oldset is reported) and
 * the signal-set functions. Faults and handlers: signal_test.c.
 *
 * test-run: ktap
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"

static void all(void)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	errno = 0;
	EXPECT(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL,
	       "sigaction(SIGKILL): EINVAL");
	errno = 0;
	EXPECT(sigaction(SIGSTOP, &sa, NULL) == -1 && errno == EINVAL,
	       "sigaction(SIGSTOP): EINVAL");
	errno = 0;
	EXPECT(sigaction(0, &sa, NULL) == -1 && errno == EINVAL, "sigaction(0): EINVAL");
	errno = 0;
	EXPECT(sigaction(65, NULL, &old) == -1 && errno == EINVAL, "sigaction(65): EINVAL");
	EXPECT(sigaction(SIGKILL, NULL, &old) == 0 && old.sa_handler == SIG_DFL,
	       "reading SIGKILL's action is allowed");
	EXPECT_EQ(sigaction(64, NULL, &old), 0, "signal 64 exists");

	unsigned long k[4] = {0}, m = 0;
	errno = 0;
	EXPECT(syscall(SYS_rt_sigaction, SIGUSR1, NULL, k, 16) == -1 && errno == EINVAL,
	       "rt_sigaction with sigsetsize 16: EINVAL");
	errno = 0;
	EXPECT(syscall(SYS_rt_sigaction, SIGUSR1, (void *)8, NULL, 8) == -1 && errno == EFAULT,
	       "rt_sigaction with a bad act: EFAULT");
	errno = 0;
	EXPECT(syscall(SYS_rt_sigaction, SIGUSR1, NULL, (void *)8, 8) == -1 && errno == EFAULT,
	       "rt_sigaction with a bad oldact: EFAULT");
	errno = 0;
	EXPECT(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 4) == -1 && errno == EINVAL,
	       "rt_sigprocmask with sigsetsize 4: EINVAL");

	/* Unknown flags are dropped, SIGKILL/SIGSTOP leave sa_mask. */
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = SA_SIGINFO | SA_UNSUPPORTED;
	sigfillset(&sa.sa_mask);
	EXPECT_EQ(sigaction(SIGUSR1, &sa, NULL), 0, "sigaction(SIGUSR1, SIG_IGN)");
	EXPECT_EQ(sigaction(SIGUSR1, NULL, &old), 0, "read it back");
	EXPECT(old.sa_handler == SIG_IGN, "the handler reads back");
	EXPECT(old.sa_flags == (int)(SA_SIGINFO | SA_RESTORER),
	       "SA_UNSUPPORTED dropped, SA_RESTORER set");
	EXPECT(sigismember(&old.sa_mask, SIGUSR2) && !sigismember(&old.sa_mask, SIGKILL) &&
		   !sigismember(&old.sa_mask, SIGSTOP),
	       "sa_mask kept, without SIGKILL and SIGSTOP");
	signal(SIGUSR1, SIG_DFL);

	sigset_t set, cur;
	sigfillset(&set);
	EXPECT_EQ(sigprocmask(SIG_SETMASK, &set, &cur), 0, "block everything");
	sigprocmask(SIG_SETMASK, NULL, &set);
	EXPECT(!sigismember(&set, SIGKILL) && !sigismember(&set, SIGSTOP) &&
		   sigismember(&set, SIGSEGV),
	       "SIGKILL and SIGSTOP cannot be blocked");
	errno = 0;
	EXPECT(sigprocmask(99, &set, NULL) == -1 && errno == EINVAL,
	       "sigprocmask(99, set): EINVAL");
	EXPECT_EQ(sigprocmask(99, NULL, &set), 0, "sigprocmask(99, NULL): how is not looked at");
	errno = 0;
	EXPECT(sigprocmask(SIG_UNBLOCK, (sigset_t *)8, NULL) == -1 && errno == EFAULT,
	       "sigprocmask(bad set): EFAULT");
	sigemptyset(&set);
	errno = 0;
	EXPECT(sigprocmask(SIG_SETMASK, &set, (sigset_t *)8) == -1 && errno == EFAULT,
	       "sigprocmask(bad oldset): EFAULT...");
	sigprocmask(SIG_BLOCK, NULL, &cur);
	EXPECT(!sigismember(&cur, SIGSEGV), "...after changing the mask, as Linux");

	errno = 0;
	EXPECT(sigaddset(&set, 0) == -1 && errno == EINVAL, "sigaddset(0): EINVAL");
	errno = 0;
	EXPECT(sigaddset(&set, 65) == -1 && errno == EINVAL, "sigaddset(65): EINVAL");
	EXPECT(sigaddset(&set, 64) == 0 && sigismember(&set, 64) == 1 && sigdelset(&set, 64) == 0 &&
		   sigismember(&set, 64) == 0,
	       "sigaddset, sigismember, sigdelset of 64");
}

int main(void)
{
	return ktap_run(all);
}
