/*
 * sys_prio.c - getpriority and setpriority: a process's nice value, which
 * nice, renice and top read and set; ioprio_get and ioprio_set, its I/O
 * priority, which ionice reads and sets.
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
 *
 * The I/O priority is (class << 13) | level: class NONE (0, the default,
 * level 0 only), RT (1) and BE (2) with levels 0-7, IDLE (3); `which` is
 * IOPRIO_WHO_PROCESS, _PGRP or _USER (1-3). It is kept and inherited the
 * same way, and nothing uses it: there is no disk to queue for.
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

#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_USER 3
#define IOPRIO_CLASS(v) ((v) >> 13)
#define IOPRIO_LEVEL(v) ((v)&0x1fff)

/* Whether ioprio is one Linux accepts (ioprio_check_cap): a known class
 * and, for RT and BE, a level 0-7; NONE has level 0 only. */
static bool ioprio_valid(unsigned v)
{
	switch (IOPRIO_CLASS(v)) {
	case 0: return IOPRIO_LEVEL(v) == 0;
	case 1:
	case 2: return IOPRIO_LEVEL(v) < 8;
	case 3: return true;
	default: return false;
	}
}

int64_t sys_ioprio_set(uint64_t which, uint64_t who, uint64_t ioprio, uint64_t a3, uint64_t a4,
		       uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	if (!ioprio_valid((unsigned)ioprio) || which < IOPRIO_WHO_PROCESS ||
	    which > IOPRIO_WHO_USER)
		return -EINVAL;
	struct proc *me = proc_current();
	bool found = false;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = proc_slot(i);
		if (matches(p, me, which - 1, (int)who)) { /* 1-3 are PRIO_PROCESS..PRIO_USER + 1 */
			p->ioprio = (unsigned)ioprio;
			found = true;
		}
	}
	return found ? 0 : -ESRCH;
}

/* The I/O priority of the match that has the highest (Linux's
 * ioprio_best: a class before NONE, a lower class number, a lower level). */
int64_t sys_ioprio_get(uint64_t which, uint64_t who, uint64_t a2, uint64_t a3, uint64_t a4,
		       uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	if (which < IOPRIO_WHO_PROCESS || which > IOPRIO_WHO_USER)
		return -EINVAL;
	struct proc *me = proc_current();
	int64_t best = -ESRCH;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = proc_slot(i);
		if (!matches(p, me, which - 1, (int)who))
			continue;
		unsigned v = p->ioprio;
		if (best < 0 || (IOPRIO_CLASS(v) && (!IOPRIO_CLASS((unsigned)best) || v < best)))
			best = v;
	}
	return best;
}
