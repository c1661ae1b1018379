/*
 * sched.c - the scheduler: which process runs, and switching to it.
 *
 * Theory of operation (xv6's shape). The kernel caller of a run
 * (proc_run_args, on the boot or self-test stack) becomes the scheduler
 * loop, sched_run: it picks the RUNNABLE process that has waited longest
 * (the head of the run queue: round-robin), makes the machine that process's
 * (switch_in), and swtch()es to its kernel stack. The process runs, in
 * user mode and in the kernel, until it gives the CPU back: it sleeps
 * (sched_sleep), yields (sched_yield_now, sched_yield, or a timer tick
 * that ends its time slice in user mode) or exits; each of those calls
 * sched(), which saves what is only in the CPU and swtch()es back to the
 * loop. So every switch goes process -> loop -> process, and the loop's
 * own stack is the caller's. Single CPU, and the kernel is not
 * preemptible (interrupts are off in the kernel; a tick preempts user
 * mode only), so no locks are needed: nothing else runs between two
 * statements here.
 *
 * What switches with a process, since the CPU holds only one of each:
 * its page tables (CR3), the kernel stack the CPU takes on entry from
 * user mode (TSS.rsp0, and syscall_entry.S's syscall_kernel_rsp), the FS
 * base (the C library's thread pointer), the x87/SSE registers (FXSAVE
 * area in struct proc: the kernel never uses them itself, so they are
 * saved only here), and the kernel's callee-saved registers and stack
 * pointer (swtch). The signal state and everything else already lives in
 * struct proc.
 *
 * Two queues make the common steps cost what is on them, not the size of
 * the table: the run queue (RUNNABLE processes, oldest first) and the
 * sleepers (SLEEPING ones, each with the channel it waits on). A process
 * is on at most one of them, linked through its q_prev/q_next; RUNNING,
 * EMBRYO and ZOMBIE processes are on neither. A pipe's round trip, say,
 * wakes the one sleeper of its channel and picks the one runnable process
 * instead of reading 64 table entries three times.
 *
 * When nothing is runnable but processes sleep, the loop halts the CPU
 * with interrupts on until an interrupt (a timer tick, a key) may have
 * woken one. The loop ends when the table is empty: processes with no
 * parent left (process 1, and orphans after it) are reaped here, after
 * each exit (the only moment an orphan zombie can appear).
 */
#include "proc/sched.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/swtch.h"
#include "arch/x86_64/usermode.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "proc/itimers.h"
#include "time/timer.h"

static uint64_t scheduler_rsp; /* the loop's context while a process runs */
static unsigned long switches;
static bool reap_due; /* a process exited since the loop last looked for orphans */

/* A queue of processes, linked through q_prev/q_next. */
struct proc_queue {
	struct proc *head, *tail;
};
static struct proc_queue run_queue; /* RUNNABLE, oldest first */
static struct proc_queue sleepers;  /* SLEEPING */

/* Appends p (on no queue) to q. */
static void queue_push(struct proc_queue *q, struct proc *p)
{
	p->q_next = NULL;
	p->q_prev = q->tail;
	if (q->tail)
		q->tail->q_next = p;
	else
		q->head = p;
	q->tail = p;
	p->queued = true;
}

/* Unlinks p from q, which it is on. */
static void queue_remove(struct proc_queue *q, struct proc *p)
{
	if (p->q_prev)
		p->q_prev->q_next = p->q_next;
	else
		q->head = p->q_next;
	if (p->q_next)
		p->q_next->q_prev = p->q_prev;
	else
		q->tail = p->q_prev;
	p->q_prev = p->q_next = NULL;
	p->queued = false;
}

void sched_forget(struct proc *p)
{
	if (p->queued)
		queue_remove(p->state == PROC_SLEEPING ? &sleepers : &run_queue, p);
}

void sched_set_runnable(struct proc *p)
{
	if (p->state == PROC_RUNNABLE)
		return;
	sched_forget(p); /* off the sleepers */
	p->state = PROC_RUNNABLE;
	queue_push(&run_queue, p);
}

unsigned long sched_switches(void)
{
	return switches;
}

/* Makes the CPU p's and runs it until it calls sched(). */
static void switch_in(struct proc *p)
{
	p->state = PROC_RUNNING;
	p->ticks = 0;
	proc_running = p;
	vmm_activate(&p->mm.pt);
	usermode_set_kernel_stack(p->kstack_top);
	gdt_set_kernel_stack_owner(p->label);
	usermode_set_fs_base(p->fs_base);
	fpu_load(&p->fpu);
	switches++;
	usage_switch_in(p);
	swtch(&scheduler_rsp, p->ctx_rsp);
	/* p gave the CPU back (sched): the kernel's own view again. */
	proc_running = NULL;
	vmm_activate(vmm_kernel_space());
	gdt_set_kernel_stack_owner(NULL);
}

/* Returns the RUNNABLE process that has waited longest, taken off the
 * run queue, or NULL. */
static struct proc *pick(void)
{
	struct proc *p = run_queue.head;
	if (p)
		queue_remove(&run_queue, p);
	return p;
}

/* Reaps the zombies nobody will wait for (no parent); returns true if the table is empty. */
static bool reap_orphans(void)
{
	bool empty = true;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = proc_slot(i);
		if (p->state == PROC_ZOMBIE && !p->parent)
			proc_reap(p);
		if (p->state != PROC_UNUSED)
			empty = false;
	}
	return empty;
}

void sched_run(void)
{
	reap_due = true;
	for (;;) {
		if (reap_due) {
			reap_due = false;
			if (reap_orphans())
				return;
		}
		struct proc *p = pick();
		if (p) {
			switch_in(p);
			continue;
		}
		/* Everyone sleeps: wait for an interrupt (a tick may wake a sleeper). */
		uint64_t halted = rdtsc();
		__asm__ volatile("sti; hlt; cli" ::: "memory");
		usage_add_idle(rdtsc() - halted); /* the CPU's idle time (/proc/stat) */
	}
}

/* Gives the CPU back to the loop; returns when the loop runs this process again. */
static void sched(void)
{
	struct proc *p = proc_running;
	p->fs_base = usermode_fs_base();
	fpu_save(&p->fpu);
	usage_switch_out(p);
	swtch(&p->ctx_rsp, scheduler_rsp);
}

void sched_exit_switch(void)
{
	struct proc *p = proc_running;
	reap_due = true; /* p may be an orphan now, or its children may be */
	swtch(&p->ctx_rsp, scheduler_rsp);
	__builtin_unreachable(); /* a zombie is never picked */
}

void sched_sleep(const void *chan)
{
	struct proc *p = proc_running;
	p->chan = chan;
	p->state = PROC_SLEEPING;
	queue_push(&sleepers, p);
	p->usage.nvcsw++;
	sched();
	p->chan = NULL;
}

void sched_wakeup(const void *chan)
{
	struct proc *next;
	for (struct proc *p = sleepers.head; p; p = next) {
		next = p->q_next;
		if (p->chan == chan)
			sched_set_runnable(p);
	}
}

void sched_yield_now(void)
{
	sched_set_runnable(proc_running);
	sched();
}

bool proc_signal_pending(struct proc *p)
{
	return (p->sig_pending & ~(p->sig.blocked & ~SIG_UNBLOCKABLE)) != 0;
}

/*
 * A timer tick (sched_init registers it with the timer). It wakes the
 * processes sleeping for a moment on the clock (time_sleep_until); in
 * user mode, the end of a time slice gives the CPU to the next process;
 * in the kernel nothing else happens (it is not preemptible). Pending
 * signals are delivered on the way back, as after a system call.
 */
void sched_tick(struct trap_frame *f)
{
	sched_wakeup(&timer_channel);
	itimer_tick_real();
	struct proc *p = proc_running;
	if (!p || !(f->cs & 3))
		return;
	itimer_tick(p);
	if (++p->ticks >= SCHED_SLICE_TICKS) {
		p->usage.nivcsw++;
		sched_yield_now();
	}
	if (p->sig_pending)
		signal_on_return(f, -1);
}

/* time_sleep_until's waiter: the current process sleeps until the next
 * tick (or any wakeup of timer_channel), so that the others run; 1 once
 * it slept, -EINTR for a pending signal, 0 with no process (the CPU halts). */
static int sleep_one_tick(void)
{
	struct proc *p = proc_running;
	if (!p)
		return 0;
	if (!proc_signal_pending(p))
		sched_sleep(&timer_channel);
	return proc_signal_pending(p) ? -EINTR : 1;
}

void sched_init(void)
{
	timer_set_tick_handler(sched_tick);
	timer_set_waiter(sleep_one_tick);
}
