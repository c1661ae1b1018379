/* sigprocmask.c - sigprocmask(2) and sigsuspend(2) over rt_sigprocmask and rt_sigsuspend, which read and write 64 bits. */
#include <signal.h>
#include <sys/syscall.h>
#include "internal/malloc_contract.h"
#include "internal/syscall.h"

/* Changes and/or reads the blocked signals: 0, or -1 with errno. */
int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	if (old)
		__malloc_prepare_write(old, _KERNEL_SIGSET_SIZE, "sigprocmask");
	return (int)__syscall_ret(
	    __syscall4(SYS_rt_sigprocmask, how, set, old, _KERNEL_SIGSET_SIZE));
}

/* Waits with mask until a signal's handler has run; always -1 with EINTR. */
int sigsuspend(const sigset_t *mask)
{
	return (int)__syscall_ret(__syscall2(SYS_rt_sigsuspend, mask, _KERNEL_SIGSET_SIZE));
}
