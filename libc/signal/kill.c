/* kill.c - kill(2), and raise() through tgkill(2) to this very thread (as
 * glibc does: a signal for the process could go to another thread). */
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* Sends sig to process pid; 0, or -1 with errno (ENOSYS on Interlude). */
int kill(pid_t pid, int sig)
{
	return (int)__syscall_ret(__syscall2(SYS_kill, pid, sig));
}

/* Sends sig to this thread; it is acted on before raise returns. 0, or -1 with errno. */
int raise(int sig)
{
	return (int)__syscall_ret(
	    __syscall3(SYS_tgkill, __syscall0(SYS_getpid), __syscall0(SYS_gettid), sig));
}
