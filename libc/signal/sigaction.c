/*
 * sigaction.c - sigaction(2) over rt_sigaction, whose struct sigaction is
 * the kernel's: {handler, flags, restorer, a 64-bit mask}. Every handler
 * returns through __restore_rt (restore_rt.S), as glibc's and musl's do.
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* rt_sigaction's layout (Linux x86-64). */
struct kernel_sigaction {
	unsigned long handler;
	unsigned long flags;
	unsigned long restorer;
	unsigned long mask;
};

void __restore_rt(void);

/* Sets and/or reads sig's action: 0, or -1 with errno. */
int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct kernel_sigaction k, ko;
	if (act) {
		k.handler = (unsigned long)act->sa_handler;
		/* sa_flags is an int: zero-extend it, SA_RESETHAND is its sign bit. */
		k.flags = (unsigned int)act->sa_flags | SA_RESTORER;
		k.restorer = (unsigned long)__restore_rt;
		k.mask = act->sa_mask.__val[0];
	}
	long r =
	    __syscall4(SYS_rt_sigaction, sig, act ? &k : NULL, old ? &ko : NULL, sizeof k.mask);
	if (__syscall_failed(r))
		return (int)__syscall_ret(r);
	if (old) {
		memset(old, 0, sizeof *old);
		old->sa_handler = (__sighandler_t)ko.handler;
		old->sa_flags = (int)ko.flags;
		old->sa_restorer = (void (*)(void))ko.restorer;
		old->sa_mask.__val[0] = ko.mask;
	}
	return 0;
}
