/* sigprocmask.c - sigprocmask(2) over rt_sigprocmask, which reads and writes 64 bits. */
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
