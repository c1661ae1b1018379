/* kill.c - kill(2) and raise(); Interlude has no kill system call (ENOSYS):
 * it delivers only the signals a fault raises. */
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* Sends sig to process pid; 0, or -1 with errno (ENOSYS on Interlude). */
int kill(pid_t pid, int sig)
{
	return (int)__syscall_ret(__syscall2(SYS_kill, pid, sig));
}

/* Sends sig to this process. */
int raise(int sig)
{
	return kill(getpid(), sig);
}
