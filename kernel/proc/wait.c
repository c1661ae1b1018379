/*
 * wait.c - wait4 and waitid: a parent collecting its children's ends.
 *
 * Theory of operation. A parent looks through the table for its children
 * that match the request (a pid, or any); a ZOMBIE among them is
 * collected: its wait status copied out, its slot and kernel stack freed
 * (proc_reap). If some match but none has ended, the parent sleeps on
 * its own struct proc, which an exiting child wakes (exit.c); WNOHANG
 * returns 0 instead. No matching child at all is ECHILD. A signal for the
 * parent interrupts the sleep (-ERESTARTSYS: restarted after a handler
 * with SA_RESTART, else -EINTR; syscall.c's way out decides).
 *
 * A request names one child (pid > 0), any (-1), the children in the
 * caller's process group (0) or in group -pid (sys/sys_pgrp.c makes the
 * groups). No stopped or continued children exist, so WUNTRACED and
 * WCONTINUED never find anything. The resource usage (rusage) is the
 * child's own and that of the descendants it reaped (proc/usage.c), and
 * reaping adds both to the parent's children totals, as on Linux.
 */
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/syscalls.h"

#define WNOHANG 0x00000001
#define WUNTRACED 0x00000002
#define WEXITED 0x00000004
#define WCONTINUED 0x00000008
#define WNOWAIT 0x01000000
#define __WNOTHREAD 0x20000000
#define __WALL 0x40000000
#define __WCLONE 0x80000000
#define P_ALL 0
#define P_PID 1
#define P_PGID 2
#define CLD_EXITED 1
#define CLD_KILLED 2

/* Which children a wait is for: pid > 0 that one, else pgid > 0 that
 * group's, else any. */
struct wait_for {
	int pid, pgid;
};

/* Returns the selection of wait4's pid argument for the caller p. */
static struct wait_for wait4_selection(const struct proc *p, int pid)
{
	if (pid > 0)
		return (struct wait_for){pid, 0};
	if (pid == 0)
		return (struct wait_for){0, p->pgid};
	return (struct wait_for){0, pid == -1 ? 0 : -pid};
}

/* Returns true if child c is one the wait is for. */
static bool matches(const struct proc *c, struct wait_for w)
{
	return w.pid > 0 ? c->pid == w.pid : w.pgid > 0 ? c->pgid == w.pgid : true;
}

/*
 * Finds a child of p matching pid: returns a ZOMBIE one if there is, else
 * sets *any when some child matches, and returns NULL.
 */
static struct proc *find_zombie(struct proc *p, struct wait_for pid, bool *any)
{
	*any = false;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *c = proc_slot(i);
		if (c->state == PROC_UNUSED || c->parent != p || !matches(c, pid))
			continue;
		*any = true;
		if (c->state == PROC_ZOMBIE)
			return c;
	}
	return NULL;
}

/*
 * Waits for a matching zombie child: returns it, or NULL with *err set to
 * 0 (WNOHANG, none yet), -ECHILD or -ERESTARTSYS.
 */
static struct proc *wait_child(struct wait_for pid, int options, int *err)
{
	struct proc *p = proc_current();
	for (;;) {
		bool any;
		struct proc *c = find_zombie(p, pid, &any);
		if (c)
			return c;
		*err = !any ? -ECHILD : (options & WNOHANG) ? 0 : -ERESTARTSYS;
		if (*err != -ERESTARTSYS || proc_signal_pending(p))
			return NULL;
		sched_sleep(p);
	}
}

/* wait4(pid, wstatus, options, rusage): the child's pid, 0 (WNOHANG), or -errno. */
int64_t sys_wait4(uint64_t upid, uint64_t ustatus, uint64_t options, uint64_t urusage, uint64_t a4,
		  uint64_t a5)
{
	(void)a4, (void)a5;
	int pid = (int)upid;
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == INT32_MIN) /* -pid names no group */
		return -ECHILD;
	int err;
	struct proc *self = proc_current();
	struct proc *c = wait_child(wait4_selection(self, pid), (int)options, &err);
	if (!c)
		return err;
	int wstatus = c->wstatus, cpid = c->pid;
	struct linux_rusage ru;
	struct proc_usage used = usage_of_child(c);
	usage_to_rusage(&used, &ru);
	usage_add_child(self, c);
	proc_reap(c); /* reaped even if the copies below fault, as on Linux */
	if (urusage && copy_to_user(urusage, &ru, sizeof ru))
		return -EFAULT;
	if (ustatus && copy_to_user(ustatus, &wstatus, sizeof wstatus))
		return -EFAULT;
	return cpid;
}

/* waitid's siginfo for SIGCHLD: Linux's layout (si_pid, si_uid, si_status...). */
struct chld_siginfo {
	int32_t signo, errno_, code, pad;
	int32_t pid, uid, status, pad2;
	uint8_t rest[96];
};
_Static_assert(sizeof(struct chld_siginfo) == 128, "siginfo_t");

/* waitid(idtype, id, infop, options, rusage): 0 or -errno. */
int64_t sys_waitid(uint64_t idtype, uint64_t id, uint64_t uinfo, uint64_t options, uint64_t urusage,
		   uint64_t a5)
{
	(void)a5;
	struct wait_for pid = {0, 0};
	struct proc *self = proc_current();
	if (options & ~(WNOHANG | WUNTRACED | WEXITED | WCONTINUED | WNOWAIT | __WNOTHREAD |
			__WALL | __WCLONE))
		return -EINVAL;
	if (!(options & (WEXITED | WUNTRACED | WCONTINUED)))
		return -EINVAL;
	if (idtype == P_PID && (int)id > 0)
		pid.pid = (int)id;
	else if (idtype == P_PGID && (int)id >= 0)
		pid.pgid = (int)id ? (int)id : self->pgid;
	else if (idtype != P_ALL)
		return -EINVAL;
	int err = 0;
	struct proc *c = NULL;
	if (options & WEXITED)
		c = wait_child(pid, (int)options, &err);
	else
		err = (options & WNOHANG) ? 0 : -ECHILD; /* nothing ever stops or continues */
	if (!c && err)
		return err;
	struct chld_siginfo si;
	struct linux_rusage ru;
	memset(&si, 0, sizeof si);
	memset(&ru, 0, sizeof ru);
	if (c) {
		struct proc_usage used = usage_of_child(c);
		usage_to_rusage(&used, &ru);
		si.signo = SIGCHLD;
		si.pid = c->pid;
		si.code = (c->wstatus & 0x7f) ? CLD_KILLED : CLD_EXITED;
		si.status = (c->wstatus & 0x7f) ? (c->wstatus & 0x7f) : (c->wstatus >> 8) & 0xff;
		if (!(options & WNOWAIT)) {
			usage_add_child(self, c);
			proc_reap(c);
		}
	}
	if (urusage && copy_to_user(urusage, &ru, sizeof ru))
		return -EFAULT;
	if (uinfo && copy_to_user(uinfo, &si, sizeof si))
		return -EFAULT;
	return 0;
}
