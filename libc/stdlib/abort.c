/*
 * abort.c - abnormal termination, as glibc does it: SIGABRT is unblocked
 * and raised; if a handler returns, the action becomes SIG_DFL and it is
 * raised again, which ends the process (a shell shows status 134). It
 * writes nothing and flushes nothing.
 */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

/* Ends the process by SIGABRT; never returns. */
_Noreturn void abort(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	signal(SIGABRT, SIG_DFL); /* a handler returned */
	raise(SIGABRT);
	_exit(128 + SIGABRT); /* a kernel that cannot signal: the same status seen from outside */
}
