/*
 * usage.h - what a process has used: CPU time in user mode and in the
 * kernel, page faults, context switches and its largest resident size
 * (getrusage, times, wait4's rusage, the CPU-time clocks).
 */
#ifndef PROC_USAGE_H
#define PROC_USAGE_H

#include <stdint.h>

struct proc;

/* One process's counts (or the sum over its reaped descendants). */
struct proc_usage {
	uint64_t user_cycles;  /* TSC cycles spent in user mode */
	uint64_t sys_cycles;   /* TSC cycles spent in the kernel on its behalf */
	uint64_t minflt;       /* page faults served without I/O (all of them here) */
	uint64_t nvcsw;	       /* voluntary switches: it slept */
	uint64_t nivcsw;       /* involuntary switches: its time slice ended */
	uint64_t maxrss_pages; /* the most pages it had resident at a sample (usage.c) */
};

/*
 * The accounting marks. The kernel entry points call these with the
 * current process (NULL: none, nothing counted): enter when a system call
 * or a trap from user mode begins, leave when it returns to user mode;
 * switch_in/switch_out when the scheduler gives or takes the CPU.
 */
void usage_enter_kernel(struct proc *p);
void usage_leave_kernel(struct proc *p);
void usage_switch_in(struct proc *p);
void usage_switch_out(struct proc *p);

/* The CPU's totals since boot, in TSC cycles: every process's user and
 * system time, and the time the scheduler spent halted with nobody to run
 * (which it reports with usage_add_idle). */
void usage_add_idle(uint64_t cycles);
void usage_cpu_totals(uint64_t *user, uint64_t *sys, uint64_t *idle);

/* Samples the resident pages of mm (p's, or the image execve is dropping)
 * into p's maxrss. */
struct mm;
void usage_sample_rss(struct proc *p, struct mm *mm);

/* Returns p's CPU time in ns (user + system), the running slice included. */
uint64_t usage_cpu_ns(struct proc *p);

/* Adds a reaped child's own counts and its descendants' to parent's children. */
void usage_add_child(struct proc *parent, const struct proc *child);

/* Linux's struct rusage (144 bytes on x86-64). */
struct linux_rusage {
	int64_t utime_sec, utime_usec, stime_sec, stime_usec;
	int64_t maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock;
	int64_t msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};

/* Fills *r from u (times in microseconds, maxrss in KiB), as getrusage reports it. */
void usage_to_rusage(const struct proc_usage *u, struct linux_rusage *r);

/* Returns a child's whole usage for wait4: its own plus its reaped descendants'. */
struct proc_usage usage_of_child(const struct proc *child);

#endif
