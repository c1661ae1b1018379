/*
 * sys_prio.c - getpriority and setpriority: a process's nice value, which
 * nice, renice and top read and set.
 *
 * Linux's rules (kernel/sys.c): `which` is PRIO_PROCESS (who: a pid),
 * PRIO_PGRP (a process group) or PRIO_USER (a uid), who 0 meaning the
 * caller's own; setpriority clamps the value to [-20, 19] and sets it on
 * every match; getpriority returns 20 - nice of the match with the
 * lowest nice (so that the result is never negative: glibc turns it back
 * into a nice value); no match is ESRCH. Everyone is root, so lowering a
 * nice value is allowed. The value is kept (inherited at fork, kept by
 * execve, shown in /proc/<pid>/stat) but the scheduler does not use it:
 * every process gets the same round-robin time slice.
 */
#include "lib/errno.h"
#include "proc/proc.h"
#include "sys/syscall.h"

#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

/* Whether process p is one that (which, who) names, for the caller me. */
static bool matches(const struct proc *p, const struct proc *me, uint64_t which, int who)
{
	if (p->state == PROC_UNUSED || p->state == PROC_EMBRYO || p->state == PROC_ZOMBIE)
		return false;
	switch (which) {
	case PRIO_PROCESS: return p->pid == (who ? who : me->pid);
	case PRIO_PGRP: return p->pgid == (who ? who : me->pgid);
	default: return who == 0; /* PRIO_USER: every process is uid 0's */
	}
}

int64_t sys_getpriority(uint64_t which, uint64_t who, uint64_t a2, uint64_t a3, uint64_t a4,
			uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	if (which > PRIO_USER)
		return -EINVAL;
	struct proc *me = proc_current();
	int best = -1; /* 20 - nice: higher is a lower nice value */
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = proc_slot(i);
		if (matches(p, me, which, (int)who) && 20 - p->nice > best)
			best = 20 - p->nice;
	}
	return best < 0 ? -ESRCH : best;
}

int64_t sys_setpriority(uint64_t which, uint64_t who, uint64_t niceval, uint64_t a3, uint64_t a4,
			uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	if (which > PRIO_USER)
		return -EINVAL;
	int nice = (int)niceval;
	nice = nice < -20 ? -20 : nice > 19 ? 19 : nice;
	struct proc *me = proc_current();
	bool found = false;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = proc_slot(i);
		if (matches(p, me, which, (int)who)) {
			p->nice = nice;
			found = true;
		}
	}
	return found ? 0 : -ESRCH;
}
