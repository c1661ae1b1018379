/*
 * sys_rlimit.c - prlimit64, getrlimit and setrlimit: reading and setting a
 * process's resource limits (what each one does: proc/rlimit.c).
 *
 * Linux's checks in Linux's order (do_prlimit): a resource past the
 * sixteen or a soft value above the hard one is -EINVAL; RLIMIT_NOFILE's
 * hard value above the table's 1024 descriptors is -EPERM (Linux's
 * nr_open); everyone is root, so raising a hard limit is allowed and any
 * process's limits may be read and set.
 */
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "sys/syscall.h"

#define RLIMIT_NOFILE 7

/*
 * The heart of the three calls, Linux's do_prlimit: returns 0 with the old
 * value in *old (if not NULL) after setting *new (if not NULL), or -EINVAL
 * (no such resource, soft above hard), -EPERM (NOFILE's hard above 1024).
 */
static int do_prlimit(struct proc *p, uint64_t resource, const struct proc_rlimit *new,
		      struct proc_rlimit *old)
{
	if (resource >= PROC_RLIMITS)
		return -EINVAL;
	if (new &&new->cur > new->max)
		return -EINVAL;
	if (new &&resource == RLIMIT_NOFILE &&new->max > FD_MAX)
		return -EPERM;
	if (old)
		*old = p->rlim[resource];
	if (new) {
		p->rlim[resource] = *new;
		proc_apply_rlimits(p);
	}
	return 0;
}

/* prlimit64(pid, resource, new, old): Linux's order: new read (-EFAULT),
 * the process (0: the caller; -ESRCH), do_prlimit, old written (-EFAULT). */
int64_t sys_prlimit64(uint64_t upid, uint64_t resource, uint64_t unew, uint64_t uold, uint64_t a4,
		      uint64_t a5)
{
	(void)a4, (void)a5;
	struct proc_rlimit new, old;
	if (unew && copy_from_user(&new, unew, sizeof new))
		return -EFAULT;
	struct proc *p = (int)upid ? proc_find((int)upid) : proc_current();
	if (!p || p->state == PROC_ZOMBIE || (int)upid < 0)
		return -ESRCH;
	int r = do_prlimit(p, resource, unew ? &new : NULL, uold ? &old : NULL);
	if (!r && uold && copy_to_user(uold, &old, sizeof old))
		return -EFAULT;
	return r;
}

/* getrlimit(resource, rlim): -EINVAL, then -EFAULT. */
int64_t sys_getrlimit(uint64_t resource, uint64_t urlim, uint64_t a2, uint64_t a3, uint64_t a4,
		      uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	struct proc_rlimit old;
	int r = do_prlimit(proc_current(), resource, NULL, &old);
	if (r)
		return r;
	return copy_to_user(urlim, &old, sizeof old) ? -EFAULT : 0;
}

/* setrlimit(resource, rlim): -EFAULT first, then do_prlimit's errors. */
int64_t sys_setrlimit(uint64_t resource, uint64_t urlim, uint64_t a2, uint64_t a3, uint64_t a4,
		      uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	struct proc_rlimit new;
	if (copy_from_user(&new, urlim, sizeof new))
		return -EFAULT;
	return do_prlimit(proc_current(), resource, &new, NULL);
}
