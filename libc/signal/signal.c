/*
 * signal.c - signal(), the old interface, with glibc's (BSD) semantics:
 * the handler stays installed, sig is blocked while it runs, and
 * interrupted system calls restart (SA_RESTART).
 */
#include <signal.h>

/* Sets sig's handler: the previous one, or SIG_ERR with errno. */
__sighandler_t signal(int sig, __sighandler_t handler)
{
	struct sigaction sa, old;
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	if (sigaddset(&sa.sa_mask, sig) < 0)
		return SIG_ERR;
	sa.sa_flags = SA_RESTART;
	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}
