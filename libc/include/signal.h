/*
 * signal.h - signals: Linux's numbers and flags (shared with the kernel,
 * <interlude/signal.h>) and glibc's user-side types (a 1024-bit sigset_t,
 * struct sigaction, siginfo_t, stack_t), so that a program compiled
 * against this libc means the same on Linux and on Interlude.
 *
 * Interlude delivers the signals a fault raises (SIGSEGV, SIGBUS, SIGILL,
 * SIGFPE, SIGTRAP) to handlers installed with sigaction, with Linux's
 * frame; it has no kill (-ENOSYS), so nothing else arrives. The handler's
 * third argument is a ucontext_t (<sys/ucontext.h>, included below).
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <stddef.h>
#include <sys/types.h>

#include <bits/signal_types.h> /* sigset_t, stack_t */

#include <interlude/signal.h> /* SIG*, SA_*, SS_*, SIG_BLOCK..., si_code values */

#define NSIG 65 /* one more than the highest signal number (64), as glibc */
#define _NSIG NSIG

typedef void (*__sighandler_t)(int);
typedef __sighandler_t sighandler_t;
typedef int sig_atomic_t;

union sigval {
	int sival_int;
	void *sival_ptr;
};

/* What a SA_SIGINFO handler is told (128 bytes, Linux's layout). */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code; /* SEGV_MAPERR, SEGV_ACCERR, SI_KERNEL, ILL_ILLOPN... */
	int __pad0;
	union {
		int __pad[28];
		struct {
			pid_t __pid;
			uid_t __uid;
			union sigval __value;
		} __rt;
		struct {
			pid_t __pid;
			uid_t __uid;
			int __status;
		} __chld;
		struct {
			void *__addr; /* the faulting address (SIGSEGV, SIGBUS) or instruction */
			short __addr_lsb;
		} __fault;
	} __fields;
} siginfo_t;

#define si_pid __fields.__rt.__pid
#define si_uid __fields.__rt.__uid
#define si_value __fields.__rt.__value
#define si_int si_value.sival_int
#define si_ptr si_value.sival_ptr
#define si_status __fields.__chld.__status
#define si_addr __fields.__fault.__addr
#define si_addr_lsb __fields.__fault.__addr_lsb

/* glibc's struct sigaction; sigaction() turns it into the kernel's. */
struct sigaction {
	union {
		__sighandler_t sa_handler;			/* without SA_SIGINFO */
		void (*sa_sigaction)(int, siginfo_t *, void *); /* with SA_SIGINFO */
	} __sigaction_handler;
	sigset_t sa_mask;	   /* also blocked while the handler runs */
	int sa_flags;		   /* SA_* */
	void (*sa_restorer)(void); /* set by sigaction() itself */
};
#define sa_handler __sigaction_handler.sa_handler
#define sa_sigaction __sigaction_handler.sa_sigaction

/* Sets the action for sig (and returns the old one in *old): 0, or -1
 * with errno (EINVAL for SIGKILL, SIGSTOP or a bad number). The handler
 * returns through __restore_rt, which calls rt_sigreturn. */
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);

/* Sets sig's handler (BSD semantics, as glibc: SA_RESTART, sig blocked
 * while it runs); the old handler, or SIG_ERR with errno. */
__sighandler_t signal(int sig, __sighandler_t handler);

/* Changes the blocked signals (how: SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK): 0, or -1. */
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigsuspend(const sigset_t *mask);

/* Sets (ss) and/or reads (old) the alternate signal stack: 0, or -1 with
 * errno (EPERM while running on it, ENOMEM below MINSIGSTKSZ, EINVAL). */
int sigaltstack(const stack_t *ss, stack_t *old);

/* Signal sets: 0, or -1 with EINVAL for a number outside 1..64. */
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig); /* 1 if a member, 0 if not, -1 */

int kill(pid_t pid, int sig);
int raise(int sig);
/* Prints "s: description of sig" (strsignal) to stderr, as perror. */
void psignal(int sig, const char *s);

#include <sys/ucontext.h> /* ucontext_t, as glibc's <signal.h> gives it */

#endif
