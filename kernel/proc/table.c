/*
 * table.c - the process table and the kernel stacks.
 *
 * Theory of operation. The table is a static array of PROC_MAX entries,
 * so that making a process costs no kernel-heap object (main.c's leak
 * check counts them) and a full table is simply EAGAIN, as Linux says
 * when RLIMIT_NPROC is reached. Entry i owns kernel stack slot i
 * (memlayout.h): KSTACK_PAGES frames mapped at KSTACK_SLOT_BASE(i), above
 * an unmapped guard page, so an overflow faults on the guard (the panic
 * then names the process: gdt_set_kernel_stack_owner) instead of quietly
 * overwriting the stack of the process below. The page table for the
 * whole stack area exists from boot, so mapping a stack allocates nothing
 * but its frames. Pids count from 1 in each run (proc_reset_pids): the
 * first program of a run is process 1, which adopts orphans as init does.
 */
#include "arch/x86_64/memlayout.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "fs/tmpfs.h"
#include "proc/proc.h"
#include "proc/sched.h"

static struct proc table[PROC_MAX];
static int next_pid = 1;

struct proc *proc_alloc(int *err)
{
	struct proc *p = NULL;
	for (int i = 0; i < PROC_MAX && !p; i++)
		if (table[i].state == PROC_UNUSED)
			p = &table[i];
	if (!p) {
		*err = -EAGAIN;
		return NULL;
	}
	int slot = (int)(p - table);
	uint64_t frames = pmm_alloc_owned(PROC_KSTACK_ORDER, FRAME_OWNER_KSTACK);
	if (!frames) {
		*err = -ENOMEM;
		return NULL;
	}
	if (vmm_map(vmm_kernel_space(), KSTACK_SLOT_BASE(slot), frames, KSTACK_PAGES, VM_WRITE) <
	    0) {
		/* Cannot happen (the page table exists), but never leak. */
		pmm_free(frames, PROC_KSTACK_ORDER);
		*err = -ENOMEM;
		return NULL;
	}
	memset(p, 0, sizeof *p);
	p->state = PROC_EMBRYO;
	p->slot = slot;
	p->pid = next_pid++;
	p->kstack = frames;
	p->kstack_top = KSTACK_SLOT_TOP(slot);
	p->exit_signal = SIGCHLD;
	p->fpu.fcw = FCW_DEFAULT; /* a clean FPU until it has its own registers */
	p->fpu.mxcsr = MXCSR_DEFAULT;
	return p;
}

void proc_set_cwd(struct proc *p, struct fs_loc l)
{
	fs_node_hold(l.node);
	fs_node_unhold(p->cwd.node);
	p->cwd = l;
}

void proc_free(struct proc *p)
{
	proc_set_cwd(p, (struct fs_loc){0});
	vmm_unmap(vmm_kernel_space(), KSTACK_SLOT_BASE(p->slot), KSTACK_PAGES);
	pmm_free(p->kstack, PROC_KSTACK_ORDER);
	sched_forget(p);
	p->state = PROC_UNUSED;
	p->pid = 0;
}

void proc_reset_pids(void)
{
	next_pid = 1;
}

bool proc_table_empty(void)
{
	for (int i = 0; i < PROC_MAX; i++)
		if (table[i].state != PROC_UNUSED)
			return false;
	return true;
}

void proc_for_each(void (*fn)(struct proc *, void *), void *arg)
{
	for (int i = 0; i < PROC_MAX; i++)
		if (table[i].state != PROC_UNUSED)
			fn(&table[i], arg);
}

struct proc *proc_find(int pid)
{
	for (int i = 0; i < PROC_MAX; i++)
		if (table[i].state != PROC_UNUSED && table[i].pid == pid)
			return &table[i];
	return NULL;
}

/* The table for the scheduler's round-robin scan (sched.c). */
struct proc *proc_slot(int i)
{
	return &table[i];
}
