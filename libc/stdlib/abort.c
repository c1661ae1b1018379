/*
 * abort.c - abnormal termination. It writes nothing and flushes nothing.
 * On Linux, kill(getpid(), SIGABRT) ends the process by the signal (a
 * shell shows status 134). Interlude has no kill system call (-ENOSYS:
 * it delivers only the signals of faults), so abort then exits with 134
 * = 128 + SIGABRT itself, which is the same status as seen from outside.
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* Ends the process as if killed by SIGABRT (status 134). */
_Noreturn void abort(void)
{
	__syscall2(SYS_kill, __syscall0(SYS_getpid), SIGABRT);
	_exit(128 + SIGABRT);
}
