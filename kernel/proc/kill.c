/*
 * kill.c - signals one process sends another: kill, tgkill, tkill, and
 * acting on them on the way back to user mode.
 *
 * Theory of operation. Sending (proc_send_signal) only records: a signal
 * the target ignores (SIG_IGN, or a default action of doing nothing) is
 * dropped at once, as Linux does; any other becomes a bit in the
 * target's sig_pending, and a target asleep in a blocking call is woken
 * so that the call can return (-ERESTARTSYS, then -EINTR or a restart).
 * Nothing happens to the target until it is about to return to user
 * mode (after a system call: sys/syscall.c; after a timer tick:
 * sched.c), where signal_on_return acts on the pending signals it does
 * not block, lowest number first: the default action ends the process
 * (SIGKILL always does: it cannot be caught, blocked or ignored), and a
 * handler gets Linux's signal frame, built by signal.c as for a fault,
 * with si_code SI_USER and the sender's pid (0: the kernel). Stop and continue signals have no
 * effect (no job control here): SIGSTOP and SIGTSTP are dropped, say so in SYSCALLS.md.
 *
 * Permissions: every process is root (uid 0), so any process may signal
 * any other. There are no threads, so a thread id is the process id.
 */
#include "arch/x86_64/trap.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/syscalls.h"

/* The signals whose default action is to do nothing (stop signals too: no job control). */
#define DEFAULT_IGNORED                                                                            \
	(SIGBIT(SIGCHLD) | SIGBIT(SIGCONT) | SIGBIT(SIGURG) | SIGBIT(SIGWINCH) | SIGBIT(SIGSTOP) | \
	 SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))

bool signal_default_ignores(int sig)
{
	return sig >= 32 ? false : (DEFAULT_IGNORED & SIGBIT(sig)) != 0;
}

/* Returns true if p would do nothing on sig (its action, or the default). */
static bool ignored(const struct proc *p, int sig)
{
	if (sig == SIGKILL)
		return false;
	uint64_t h = p->sig.action[sig - 1].handler;
	return h == (uint64_t)SIG_IGN || (h == (uint64_t)SIG_DFL && signal_default_ignores(sig));
}

void proc_send_signal(struct proc *p, int sig, int sender_pid)
{
	if (p->state == PROC_ZOMBIE || p->state == PROC_UNUSED || ignored(p, sig))
		return;
	p->sig_pending |= SIGBIT(sig);
	p->sig_sender = sender_pid;
	if (p->state == PROC_SLEEPING && proc_signal_pending(p))
		sched_set_runnable(p); /* its blocking call sees the signal and returns */
}

/* Kills the current process with sig's default action, logging who sent it. */
__attribute__((noreturn)) static void die(struct proc *p, int sig)
{
	kprintf("signal: %s[%d] killed by %s (sent by pid %d), exit status %d\n", p->name, p->pid,
		sigstate_name(sig), p->sig_sender, 128 + sig);
	proc_exit_signal(sig);
}

/* Decides a system call's result after the signal: restart, or -EINTR. */
static void restart_or_eintr(struct trap_frame *f, int64_t nr, bool handler, uint64_t flags)
{
	if (nr < 0 || (int64_t)f->rax != -ERESTARTSYS)
		return;
	if (!handler || (flags & SA_RESTART)) {
		f->rax = (uint64_t)nr; /* the syscall instruction again, same arguments */
		f->rip -= 2;
	} else {
		f->rax = (uint64_t)-EINTR;
	}
}

void signal_on_return(struct trap_frame *f, int64_t nr)
{
	struct proc *p = proc_current();
	while (proc_signal_pending(p)) {
		uint64_t ready = p->sig_pending & ~(p->sig.blocked & ~SIG_UNBLOCKABLE);
		int sig = __builtin_ctzll(ready) + 1;
		p->sig_pending &= ~SIGBIT(sig);
		const struct ksigaction *a = &p->sig.action[sig - 1];
		if (sig == SIGKILL || a->handler == (uint64_t)SIG_DFL) {
			if (!signal_default_ignores(sig))
				die(p, sig);
			continue;
		}
		if (a->handler == (uint64_t)SIG_IGN)
			continue;
		restart_or_eintr(f, nr, true, a->flags);
		/* The frame's siginfo: si_pid and si_uid (0) share si_addr's place. */
		struct fault_signal fs = {
		    .signo = sig,
		    .code = SI_USER,
		    .addr = (uint64_t)(uint32_t)p->sig_sender,
		};
		if (!signal_deliver_fault(p, f, &fs)) {
			kprintf("signal: %s[%d]: no frame for the %s handler\n", p->name, p->pid,
				sigstate_name(sig));
			die(p, SIGSEGV);
		}
		p->sig.restore_blocked = false; /* the frame holds the saved mask now */
		return; /* one handler at a time; the rest at the next return */
	}
	restart_or_eintr(f, nr, false, 0);
	sigstate_restore_mask(&p->sig); /* no handler ran: back to the mask before the wait */
}

/* Returns the signal number if sig is valid for kill (0..64), else -1. */
static int check_signal(uint64_t sig)
{
	return sig <= _KERNEL_NSIG ? (int)sig : -1;
}

/* kill(pid, sig): 0, -EINVAL, -ESRCH. pid 0 reaches the caller's process
 * group, pid < -1 the group -pid, -1 everyone but process 1 and the caller. */
int64_t sys_kill(uint64_t upid, uint64_t usig, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	int pid = (int)upid, sig = check_signal(usig);
	struct proc *self = proc_current();
	if (sig < 0)
		return -EINVAL;
	if (pid > 0) {
		struct proc *t = proc_find(pid);
		if (!t)
			return -ESRCH;
		if (sig)
			proc_send_signal(t, sig, self->pid);
		return 0;
	}
	if (pid == INT32_MIN) /* -pid does not exist: Linux's answer */
		return -ESRCH;
	int pgid = pid == 0 ? self->pgid : -pid; /* the group, unless pid is -1 */
	bool found = false;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *t = proc_slot(i);
		if (t->state == PROC_UNUSED || t->state == PROC_EMBRYO)
			continue;
		if (pid == -1 ? (t->pid == 1 || t == self) : t->pgid != pgid)
			continue;
		found = true;
		if (sig)
			proc_send_signal(t, sig, self->pid);
	}
	return found ? 0 : -ESRCH;
}

/* Sends sig to thread tid (the process tid), as tkill/tgkill: 0, -EINVAL, -ESRCH. */
static int64_t thread_kill(int tgid, int tid, uint64_t usig)
{
	int sig = check_signal(usig);
	if (tid <= 0 || sig < 0)
		return -EINVAL;
	struct proc *t = proc_find(tid);
	if (!t || (tgid > 0 && t->pid != tgid))
		return -ESRCH;
	if (sig)
		proc_send_signal(t, sig, proc_current()->pid);
	return 0;
}

/* tgkill(tgid, tid, sig). */
int64_t sys_tgkill(uint64_t tgid, uint64_t tid, uint64_t sig, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	if ((int)tgid <= 0)
		return -EINVAL;
	return thread_kill((int)tgid, (int)tid, sig);
}

/* tkill(tid, sig). */
int64_t sys_tkill(uint64_t tid, uint64_t sig, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return thread_kill(0, (int)tid, sig);
}
