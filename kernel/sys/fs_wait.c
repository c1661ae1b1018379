/*
 * fs_wait.c - the scheduler and signal services the file layer asks for
 * (fs/wait.h): a pipe's reader or writer sleeps on a channel of the pipe
 * until the other side wakes it, or until a signal arrives. They live
 * here, in sys/, because fs/ must not include proc/ (which includes fs/
 * for the descriptor table).
 */
#include "fs/wait.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "sys/sys_poll.h"
#include "time/timer.h"

int fs_wait_sleep(const void *chan)
{
	struct proc *p = proc_current();
	if (!proc_signal_pending(p))
		sched_sleep(chan);
	/* Woken by a signal: the call ends, and is restarted after an
	 * SA_RESTART handler or fails with EINTR (signal_on_return). */
	return proc_signal_pending(p) ? -ERESTARTSYS : 0;
}

void fs_wait_wakeup(const void *chan)
{
	sched_wakeup(chan);
	if (sys_pollers)
		sched_wakeup(&timer_channel); /* where poll and select sleep: they look again */
}

void fs_wait_sigpipe(void)
{
	struct proc *p = proc_current();
	/* Delivered on the way back to user mode: the default action ends
	 * the process (status 141); ignored, it is dropped; blocked or
	 * handled, the write still returns EPIPE. */
	proc_send_signal(p, SIGPIPE, p->pid);
}
