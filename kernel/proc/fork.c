/*
 * fork.c - fork, vfork and clone: a new process that is a copy of its parent.
 *
 * Theory of operation. The child gets a table slot and a kernel stack
 * (proc_alloc), a copy of the parent's address space (mm_fork, mm/:
 * copy-on-write, so no page is copied until one side writes it), its
 * open files (the descriptor table copied, each file shared with its
 * offset: fs/fd.h), its current directory, its signal handlers, mask and
 * alternate stack (no pending signals), its FS
 * base and FPU registers, and a copy of the parent's user registers: the
 * trap frame the system call left at the top of the parent's kernel
 * stack is copied to the top of the child's, with rax = 0, the child's
 * result. Its first kernel context (swtch.h) "returns" into
 * child_first_entry, which leaves for user mode through the full-frame
 * iretq path, so the child continues from the same syscall instruction
 * as the parent, with every register equal but rax.
 *
 * clone accepts only what a fork is: the exit signal in its low byte,
 * plus CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID / CLONE_PARENT_SETTID
 * (glibc's fork() passes the first two), and CLONE_VM | CLONE_VFORK
 * together (glibc's posix_spawn, vfork done as clone). Every other
 * sharing flag (CLONE_VM alone, CLONE_FILES, CLONE_SIGHAND, CLONE_THREAD,
 * namespaces...) is -EINVAL: there are no threads here.
 *
 * vfork is a fork (the child gets a copy of the memory, not the parent's
 * own, which a correct vfork child cannot tell: it may only exec or
 * _exit), but as on Linux the parent waits until the child has exec'd or
 * ended, so the child runs first and output appears in Linux's order.
 */
#include "arch/x86_64/swtch.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/usermode.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/cow.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/syscalls.h"
#include "proc/trace_proc.h"

#define CLONE_VM 0x00000100
#define CLONE_VFORK 0x00004000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000
#define CLONE_SIGNAL_MASK 0xff

/* Where a new child starts: its copied registers, through iretq. */
static void child_first_entry(void)
{
	usermode_return(usermode_frame());
}

/* Sets the child's label, for the kernel stack overflow diagnosis. */
static void set_label(struct proc *c)
{
	ksnprintf(c->label, sizeof c->label, "kernel stack of %s[%d]", c->name, c->pid);
}

/*
 * Makes the child of the current process: returns it (RUNNABLE), or NULL
 * with *err = -EAGAIN (table full) or -ENOMEM (no memory for its stack or
 * its copy of the address space; nothing is left allocated).
 */
static struct proc *fork_child(uint64_t new_sp, int exit_signal, int *err)
{
	struct proc *parent = proc_current();
	struct proc *c = proc_alloc(err);
	if (!c)
		return NULL;
	if (mm_create(&c->mm) < 0 || (c->has_mm = true, mm_fork(&c->mm, &parent->mm) < 0)) {
		if (c->has_mm)
			mm_destroy(&c->mm);
		proc_free(c);
		*err = -ENOMEM;
		return NULL;
	}
	fd_table_fork(&c->files, &parent->files); /* shares the open files: cannot fail */
	proc_set_cwd(c, parent->cwd);
	memcpy(c->name, parent->name, sizeof c->name);
	c->exe = parent->exe;
	c->arg_start = parent->arg_start, c->arg_end = parent->arg_end;
	set_label(c);
	c->parent = parent;
	c->elf = parent->elf;
	c->exit_signal = exit_signal;
	c->sig = parent->sig;
	c->pgid = parent->pgid;
	c->sid = parent->sid;
	c->umask = parent->umask;
	c->nice = parent->nice;
	c->ioprio = parent->ioprio;
	memcpy(c->rlim, parent->rlim, sizeof c->rlim); /* timers and usage start at zero */
	c->rseq = parent->rseq, c->rseq_len = parent->rseq_len, c->rseq_sig = parent->rseq_sig;
	c->fs_base = usermode_fs_base();
	fpu_save(&c->fpu); /* the parent's registers now: it is in a system call */

	struct trap_frame *f = (struct trap_frame *)(c->kstack_top - sizeof *f);
	*f = *usermode_frame();
	f->rax = 0;
	if (new_sp)
		f->rsp = new_sp;
	c->ctx_rsp = swtch_initial_stack((uint64_t)f, child_first_entry);
	if (TRACE_ON()) /* before the child can run: its lines come after this one */
		trace_fork(parent, c->pid);
	sched_set_runnable(c);
	return c;
}

/* Blocks the vfork parent until child c has exec'd or ended. */
static void vfork_wait(struct proc *c)
{
	struct proc *p = proc_current();
	c->vfork_parent = p;
	while (c->vfork_parent == p)
		sched_sleep(&c->vfork_parent);
}

void proc_vfork_release(struct proc *p)
{
	if (p->vfork_parent) {
		p->vfork_parent = NULL;
		sched_wakeup(&p->vfork_parent);
	}
}

/* fork(): the child's pid to the parent, 0 to the child; -EAGAIN, -ENOMEM. */
int64_t sys_fork(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	int err;
	struct proc *c = fork_child(0, SIGCHLD, &err);
	return c ? c->pid : err;
}

/* vfork(): a fork whose parent waits for the child's exec or exit. */
int64_t sys_vfork(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	int err;
	struct proc *c = fork_child(0, SIGCHLD, &err);
	if (!c)
		return err;
	int pid = c->pid;
	vfork_wait(c);
	return pid;
}

/* clone(flags, newsp, parent_tid, child_tid, tls): fork's subset (see the top). */
int64_t sys_clone(uint64_t flags, uint64_t newsp, uint64_t parent_tid, uint64_t child_tid,
		  uint64_t tls, uint64_t a5)
{
	(void)tls, (void)a5;
	uint64_t sharing =
	    flags & ~(uint64_t)CLONE_SIGNAL_MASK &
	    ~(uint64_t)(CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID);
	bool vfork = sharing == (CLONE_VM | CLONE_VFORK);
	if (sharing && !vfork)
		return -EINVAL;
	int err;
	struct proc *c = fork_child(newsp, (int)(flags & CLONE_SIGNAL_MASK), &err);
	if (!c)
		return err;
	int pid = c->pid;
	if (flags & CLONE_PARENT_SETTID)
		(void)copy_to_user(parent_tid, &pid, sizeof pid);
	if (flags & CLONE_CHILD_SETTID) {
		/* In the child's memory: its copy of the page (written through its tables). */
		vmm_activate(&c->mm.pt);
		struct proc *self = proc_current();
		proc_running = c;
		(void)copy_to_user(child_tid, &pid, sizeof pid);
		proc_running = self;
		vmm_activate(&self->mm.pt);
	}
	if (flags & CLONE_CHILD_CLEARTID)
		c->clear_child_tid = child_tid;
	if (vfork)
		vfork_wait(c);
	return pid;
}
