/*
 * exit.c - how a process ends: exit, exit_group, and death by a signal.
 *
 * Theory of operation. A process ends in its own context, on its own
 * kernel stack: it frees its address space at once (the areas give back
 * their frames, then the page tables) and closes its files, after switching to the kernel's
 * page tables, hands its children to process 1 (or, if it is process 1,
 * to the run itself, which reaps them once they end), and becomes a
 * ZOMBIE: only its table slot and kernel stack remain, holding the wait
 * status for its parent. It then tells the parent (its exit signal,
 * SIGCHLD, whose default action is to do nothing, and a wakeup for a
 * parent sleeping in wait4) and leaves the CPU for good. The parent's
 * wait (wait.c) or, with no parent, the scheduler loop frees the rest
 * (proc_reap): the kernel stack cannot be freed by the process standing
 * on it. A parent that set SIGCHLD to SIG_IGN, or SA_NOCLDWAIT, does not
 * get zombies (POSIX): such a child is reaped at once, as on Linux.
 *
 * The wait status is Linux's: (code << 8) for an exit, the signal number
 * for a death by a signal (never the 0x80 core-dump bit: no core files).
 * kernel callers (proc_run_args) get the shell's form: code, or 128 + sig.
 */
#include "arch/x86_64/uaccess.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/mm_check.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/trace_proc.h"

struct proc_run_result proc_run_result;
static void (*exit_observer)(const struct proc *p); /* proc_set_exit_observer */

void proc_set_exit_observer(void (*fn)(const struct proc *p))
{
	exit_observer = fn;
}

/* Gives p's children to process 1, or to nobody if p is process 1 or it is gone. */
static void reparent_children(struct proc *p)
{
	struct proc *init = proc_find(1);
	if (init == p || (init && init->state == PROC_ZOMBIE))
		init = NULL;
	bool zombie = false;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *c = proc_slot(i);
		if (c->state == PROC_UNUSED || c->parent != p)
			continue;
		c->parent = init;
		zombie |= c->state == PROC_ZOMBIE;
	}
	if (init && zombie)
		sched_wakeup(init); /* it may be waiting for any child */
}

/* Returns true if parent does not want zombies (SIGCHLD ignored, or SA_NOCLDWAIT). */
static bool parent_autoreaps(const struct proc *parent)
{
	const struct ksigaction *a = &parent->sig.action[SIGCHLD - 1];
	return a->handler == (uint64_t)SIG_IGN || (a->flags & SA_NOCLDWAIT);
}

/* Ends the current process with wait status wstatus; never returns. */
__attribute__((noreturn)) static void exit_with(int wstatus)
{
	struct proc *p = proc_current();
	p->wstatus = wstatus;
	p->exit_status = (wstatus & 0x7f) ? 128 + (wstatus & 0x7f) : (wstatus >> 8) & 0xff;
	if (p->clear_child_tid) { /* CLONE_CHILD_CLEARTID: a thread library's join word */
		uint32_t zero = 0;
		(void)copy_to_user(p->clear_child_tid, &zero, sizeof zero);
	}
	if (p->has_mm)
		usage_sample_rss(p, &p->mm); /* its last resident size, before the pages go */
	/* The address space goes now; the exit path is a checkpoint for the checker. */
	vmm_activate(vmm_kernel_space());
	if (mm_check_enabled)
		proc_mm_check_or_panic(&p->mm, p->name);
	if (p->has_mm && exit_observer)
		exit_observer(p);
	if (p->has_mm && TRACE_ON())
		trace_exit(p); /* its last areas, before they go */
	if (p->has_mm)
		mm_destroy(&p->mm);
	p->has_mm = false;
	fd_table_close_all(&p->files);	     /* a pipe's other end sees EOF or EPIPE now */
	proc_set_cwd(p, (struct fs_loc){0}); /* a removed directory of /tmp may go now */
	proc_vfork_release(p);
	reparent_children(p);
	struct proc *parent = p->parent;
	usage_switch_out(p); /* its system time up to here: a zombie runs no more */
	p->state = PROC_ZOMBIE;
	if (parent) {
		if (parent_autoreaps(parent))
			p->parent = NULL; /* the scheduler loop reaps it */
		else if (p->exit_signal)
			proc_send_signal(parent, p->exit_signal, p->pid);
		sched_wakeup(parent);
	}
	sched_exit_switch();
}

void proc_exit(int code)
{
	exit_with((code & 0xff) << 8);
}

void proc_exit_signal(int sig)
{
	exit_with(sig & 0x7f);
}

void proc_reap(struct proc *p)
{
	if (p->pid == 1) {
		proc_run_result.status = p->exit_status;
		memcpy(proc_run_result.diagnosis, p->diagnosis, sizeof p->diagnosis);
	}
	proc_free(p);
}
