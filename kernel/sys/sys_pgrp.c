/*
 * sys_pgrp.c - process groups and sessions: setpgid, getpgid, getpgrp,
 * setsid, getsid.
 *
 * A process group is the set of processes that share a pgid; a session,
 * those that share a sid. They matter to kill (pid 0 and -pgid signal a
 * group: proc/kill.c) and to wait4/waitid (pid 0 and -pgid wait for a
 * group's children: proc/wait.c); a shell puts each pipeline in a group of
 * its own so that it can signal it whole. Process 1 of a run leads group
 * 1 and session 1 (as Linux's init); a fork child is in its parent's
 * group and session. There is no terminal to control, so a session has
 * no controlling terminal and job control by the terminal (TIOCSPGRP) is
 * not there. The checks are Linux's, in its order (setpgid's especially:
 * only oneself or a child that has not exec'd, in the same session, into
 * a group of that session, never a session leader).
 */
#include "lib/errno.h"
#include "proc/proc.h"
#include "sys/syscall.h"

/* Returns the process pid names for the group and session calls (0: the
 * caller), or NULL (-ESRCH). */
static struct proc *target(int pid)
{
	if (pid == 0)
		return proc_current();
	struct proc *p = pid > 0 ? proc_find(pid) : NULL;
	return p && p->state != PROC_EMBRYO ? p : NULL;
}

/* Returns true if some process is in process group pgid of session sid
 * (sid < 0: of any session). */
static bool group_exists(int pgid, int sid)
{
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = proc_slot(i);
		if (p->state != PROC_UNUSED && p->state != PROC_EMBRYO && p->pgid == pgid &&
		    (sid < 0 || p->sid == sid))
			return true;
	}
	return false;
}

/* setpgid(pid, pgid): 0, or -EINVAL (pgid < 0), -ESRCH (no such process, or
 * neither the caller nor its child), -EPERM (another session, a session
 * leader, a group of another session), -EACCES (a child that has exec'd). */
int64_t sys_setpgid(uint64_t upid, uint64_t upgid, uint64_t a2, uint64_t a3, uint64_t a4,
		    uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	struct proc *self = proc_current();
	int pid = (int)upid ? (int)upid : self->pid;
	int pgid = (int)upgid ? (int)upgid : pid;
	if (pgid < 0)
		return -EINVAL;
	struct proc *p = target(pid);
	if (!p)
		return -ESRCH;
	if (p->parent == self && p != self) {
		if (p->sid != self->sid)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	} else if (p != self) {
		return -ESRCH;
	}
	if (p->sid == p->pid) /* a session leader stays in its group */
		return -EPERM;
	if (pgid != pid && !group_exists(pgid, self->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

/* getpgid(pid): the process group of pid (0: the caller), or -ESRCH. */
int64_t sys_getpgid(uint64_t upid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	struct proc *p = target((int)upid);
	return p ? p->pgid : -ESRCH;
}

/* getpgrp(): the caller's process group. */
int64_t sys_getpgrp(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return proc_current()->pgid;
}

/* getsid(pid): the session of pid (0: the caller), or -ESRCH. */
int64_t sys_getsid(uint64_t upid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	struct proc *p = target((int)upid);
	return p ? p->sid : -ESRCH;
}

/* setsid(): makes the caller the leader of a new session and of a new
 * group, both numbered by its pid, and returns it; -EPERM if a process
 * group with that number exists already (the caller leads one). */
int64_t sys_setsid(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	struct proc *self = proc_current();
	if (group_exists(self->pid, -1))
		return -EPERM;
	self->sid = self->pgid = self->pid;
	return self->pid;
}
