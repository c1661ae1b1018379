/*
 * sys_signal.c - rt_sigaction, rt_sigprocmask, sigaltstack and
 * rt_sigreturn: the doors from the system-call ABI into a process's
 * signal state (the rules are proc/sigstate.c, delivery proc/signal.c).
 *
 * Each follows Linux's order of checks: the signal-set size first, then
 * the copy from user memory (-EFAULT), then the rules (-EINVAL...), the
 * change, and last the copy of the old value back (-EFAULT, the change
 * made all the same).
 */
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/usermode.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "sys/syscall.h"

/* rt_sigaction(sig, act, oldact, 8): 0, -EINVAL or -EFAULT. */
int64_t sys_rt_sigaction(uint64_t sig, uint64_t act, uint64_t oact, uint64_t sigsetsize,
			 uint64_t a4, uint64_t a5)
{
	(void)a4, (void)a5;
	struct ksigaction new, old;
	if (sigsetsize != _KERNEL_SIGSET_SIZE)
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof new))
		return -EFAULT;
	int r = sigstate_set_action(&proc_current()->sig, (int)sig, act ? &new : NULL,
				    oact ? &old : NULL);
	if (r < 0)
		return r;
	if (oact && copy_to_user(oact, &old, sizeof old))
		return -EFAULT;
	return 0;
}

/* rt_sigprocmask(how, set, oldset, 8): 0, -EINVAL or -EFAULT. */
int64_t sys_rt_sigprocmask(uint64_t how, uint64_t set, uint64_t oset, uint64_t sigsetsize,
			   uint64_t a4, uint64_t a5)
{
	(void)a4, (void)a5;
	uint64_t new, old;
	if (sigsetsize != _KERNEL_SIGSET_SIZE)
		return -EINVAL;
	if (set && copy_from_user(&new, set, sizeof new))
		return -EFAULT;
	int r = sigstate_procmask(&proc_current()->sig, (int)how, set ? &new : NULL, &old);
	if (r < 0)
		return r;
	if (oset && copy_to_user(oset, &old, sizeof old))
		return -EFAULT;
	return 0;
}

/* sigaltstack(ss, oldss): 0, -EPERM, -EINVAL, -ENOMEM or -EFAULT. */
int64_t sys_sigaltstack(uint64_t uss, uint64_t uoss, uint64_t a2, uint64_t a3, uint64_t a4,
			uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	struct kstack ss, old;
	if (uss && copy_from_user(&ss, uss, sizeof ss))
		return -EFAULT;
	/* "Running on the alternate stack" is judged by the caller's rsp. */
	int r = sigstate_altstack(&proc_current()->sig, uss ? &ss : NULL, uoss ? &old : NULL,
				  usermode_frame()->rsp);
	if (r < 0)
		return r;
	if (uoss && copy_to_user(uoss, &old, sizeof old))
		return -EFAULT;
	return 0;
}

/*
 * Never returns to its caller: the registers become those of the signal
 * frame (or the program is killed for a bad one), and the way back to
 * user mode is iretq, which sets them all.
 */
int64_t sys_rt_sigreturn(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			 uint64_t a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	struct trap_frame *f = usermode_frame();
	signal_return(proc_current(), f);
	usermode_return(f);
}

/* pause(): waits until a signal is delivered; always -EINTR (a signal that
 * ends the process never returns here). */
int64_t sys_pause(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	struct proc *p = proc_current();
	while (!proc_signal_pending(p))
		sched_sleep(&p->sig); /* only a signal wakes it (proc_send_signal) */
	return -EINTR;
}

/* rt_sigsuspend(mask, size): waits with mask until a signal is handled;
 * always -EINTR (the old mask is back once the handler returns). */
int64_t sys_rt_sigsuspend(uint64_t umask, uint64_t size, uint64_t a2, uint64_t a3, uint64_t a4,
			  uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	uint64_t mask;
	if (size != _KERNEL_SIGSET_SIZE)
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof mask))
		return -EFAULT;
	struct proc *p = proc_current();
	sigstate_wait_with_mask(&p->sig, mask);
	while (!proc_signal_pending(p))
		sched_sleep(&p->sig); /* only a signal wakes it (proc_send_signal) */
	return -EINTR;
}
