/*
 * sys_usage.c - getrusage and times: what a process and its reaped
 * children have used (the accounting is proc/usage.c's).
 *
 * getrusage reports user and system time to the microsecond, the largest
 * resident size in KiB, the page faults (all minor: there is no disk) and
 * the voluntary and involuntary context switches; the fields Linux leaves
 * at 0 (ixrss, idrss, isrss, nswap, msgsnd, msgrcv, nsignals) are 0, and
 * so are inblock and oublock (no block device). times gives the same
 * times in clock ticks (USER_HZ, 100 a second, what sysconf(_SC_CLK_TCK)
 * says) and returns the ticks since boot.
 */
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "sys/syscall.h"
#include "time/clock.h"

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1
#define USER_HZ 100
#define NS_PER_CLOCK_TICK (1000000000ull / USER_HZ)

/* Returns the caller's own usage up to now: its running slice charged and
 * its resident size sampled. */
static struct proc_usage self_now(struct proc *p)
{
	usage_cpu_ns(p);
	usage_sample_rss(p, &p->mm);
	return p->usage;
}

/* getrusage(who, usage): 0, -EINVAL for another who, -EFAULT. */
int64_t sys_getrusage(uint64_t who, uint64_t uru, uint64_t a2, uint64_t a3, uint64_t a4,
		      uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	struct proc *p = proc_current();
	struct proc_usage u;
	switch ((int)who) {
	case RUSAGE_SELF:
	case RUSAGE_THREAD: u = self_now(p); break; /* one thread: the same */
	case RUSAGE_CHILDREN: u = p->children_usage; break;
	default: return -EINVAL;
	}
	struct linux_rusage ru;
	usage_to_rusage(&u, &ru);
	return copy_to_user(uru, &ru, sizeof ru) ? -EFAULT : 0;
}

/* Returns cycles in clock ticks. */
static int64_t ticks(uint64_t cycles)
{
	return (int64_t)(clock_tsc_to_ns(cycles) / NS_PER_CLOCK_TICK);
}

/* times(buf): the clock ticks since boot, buf (if not NULL) filled with the
 * caller's and its reaped children's user and system times; -EFAULT. */
int64_t sys_times(uint64_t ubuf, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	struct proc *p = proc_current();
	usage_cpu_ns(p);
	int64_t tms[4] = {ticks(p->usage.user_cycles), ticks(p->usage.sys_cycles),
			  ticks(p->children_usage.user_cycles),
			  ticks(p->children_usage.sys_cycles)};
	if (ubuf && copy_to_user(ubuf, tms, sizeof tms))
		return -EFAULT;
	return (int64_t)(clock_monotonic_ns() / NS_PER_CLOCK_TICK);
}
