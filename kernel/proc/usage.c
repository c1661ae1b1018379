/*
 * usage.c - accounting what each process uses (usage.h).
 *
 * Theory of operation. CPU time is measured, not sampled: the TSC is read
 * at each boundary a process crosses, and the cycles since the previous
 * boundary (p->usage_mark) are charged to the side it was on. A process
 * is in the kernel from the moment a system call or a trap from user mode
 * begins (usage_enter_kernel: the cycles before were user time) until it
 * returns to user mode (usage_leave_kernel: the cycles before were system
 * time). The scheduler closes the interval when it takes the CPU away
 * (usage_switch_out: always in the kernel, so system time) and opens a new
 * one when it gives it back (usage_switch_in), so a sleep costs nothing.
 * Linux without VIRT_CPU_ACCOUNTING samples instead: a tick is charged to
 * the side it interrupts; measuring is as cheap here (one rdtsc per
 * boundary) and exact to the cycle, so CLOCK_PROCESS_CPUTIME_ID, clock()
 * and getrusage agree with each other to the nanosecond.
 *
 * The other counts are cheap increments where things happen: a page
 * fault served (proc/fault.c: minflt; with no disk, no fault is major),
 * a sleep (sched_sleep: a voluntary switch), a time slice ended by the
 * tick (an involuntary one). The largest resident size is sampled (the
 * page tables' present pages, vmm_user_pages) when getrusage asks, when
 * execve drops the old image and when the process exits: so a peak that
 * came and went between samples is missed (Linux keeps a high-water mark
 * updated as pages are unmapped; ours is a lower bound of it).
 *
 * When a parent reaps a child (wait4, waitid), the child's counts and
 * those of the descendants it reaped are added to the parent's children
 * totals (RUSAGE_CHILDREN, times' cutime and cstime), as on Linux; the
 * children's maxrss is the largest of theirs, not a sum.
 */
#include "proc/usage.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/trap.h"
#include "mm/pagetable.h"
#include "proc/proc.h"
#include "time/clock.h"

/* The CPU's own totals since boot (/proc/stat, /proc/uptime): every
 * process's user and system cycles, and the cycles spent halted. */
static uint64_t cpu_user, cpu_sys, cpu_idle;

/* Charges the cycles since p's mark to *side and to the CPU's *total, and
 * moves the mark to now. */
static inline void charge(struct proc *p, uint64_t *side, uint64_t *total)
{
	uint64_t now = rdtsc();
	*side += now - p->usage_mark;
	*total += now - p->usage_mark;
	p->usage_mark = now;
}

void usage_enter_kernel(struct proc *p)
{
	if (p)
		charge(p, &p->usage.user_cycles, &cpu_user);
}

void usage_leave_kernel(struct proc *p)
{
	if (p)
		charge(p, &p->usage.sys_cycles, &cpu_sys);
}

void usage_add_idle(uint64_t cycles)
{
	cpu_idle += cycles;
}

void usage_cpu_totals(uint64_t *user, uint64_t *sys, uint64_t *idle)
{
	*user = cpu_user, *sys = cpu_sys, *idle = cpu_idle;
}

void user_trap_enter(void)
{
	usage_enter_kernel(proc_current());
}

void user_trap_leave(void)
{
	usage_leave_kernel(proc_current());
}

void usage_switch_in(struct proc *p)
{
	p->usage_mark = rdtsc();
}

void usage_switch_out(struct proc *p)
{
	charge(p, &p->usage.sys_cycles, &cpu_sys);
}

void usage_sample_rss(struct proc *p, struct mm *mm)
{
	uint64_t pages = vmm_user_pages(&mm->pt);
	if (pages > p->usage.maxrss_pages)
		p->usage.maxrss_pages = pages;
}

/* Returns a ++ b, maxrss as the larger of the two. */
static struct proc_usage sum(struct proc_usage a, const struct proc_usage *b)
{
	a.user_cycles += b->user_cycles;
	a.sys_cycles += b->sys_cycles;
	a.minflt += b->minflt;
	a.nvcsw += b->nvcsw;
	a.nivcsw += b->nivcsw;
	if (b->maxrss_pages > a.maxrss_pages)
		a.maxrss_pages = b->maxrss_pages;
	return a;
}

uint64_t usage_cpu_ns(struct proc *p)
{
	if (p == proc_current()) /* the running slice so far: system time */
		charge(p, &p->usage.sys_cycles, &cpu_sys);
	return clock_tsc_to_ns(p->usage.user_cycles + p->usage.sys_cycles);
}

struct proc_usage usage_of_child(const struct proc *child)
{
	return sum(child->usage, &child->children_usage);
}

void usage_add_child(struct proc *parent, const struct proc *child)
{
	struct proc_usage all = usage_of_child(child);
	parent->children_usage = sum(parent->children_usage, &all);
}

/* Splits ns into seconds and microseconds. */
static void to_timeval(uint64_t ns, int64_t *sec, int64_t *usec)
{
	*sec = (int64_t)(ns / 1000000000ull);
	*usec = (int64_t)(ns % 1000000000ull / 1000);
}

void usage_to_rusage(const struct proc_usage *u, struct linux_rusage *r)
{
	*r = (struct linux_rusage){0};
	to_timeval(clock_tsc_to_ns(u->user_cycles), &r->utime_sec, &r->utime_usec);
	to_timeval(clock_tsc_to_ns(u->sys_cycles), &r->stime_sec, &r->stime_usec);
	r->maxrss = (int64_t)u->maxrss_pages * 4; /* KiB */
	r->minflt = (int64_t)u->minflt;
	r->nvcsw = (int64_t)u->nvcsw;
	r->nivcsw = (int64_t)u->nivcsw;
}
