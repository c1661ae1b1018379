/*
 * sys_ids.c - who a process is: pids, thread ids and user and group ids.
 *
 * There are no threads, so a thread id is the process id (gettid ==
 * getpid). Interlude is a root-only system: every uid and gid is 0, a
 * process belongs to no supplementary group, and setuid/setgid to 0
 * succeed. Root may take any id on Linux, but Interlude has no other
 * user to become, so another id is -EINVAL here (Linux's answer for an id
 * with no mapping in the user namespace, such as -1).
 */
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "sys/syscall.h"

/* getppid(): the parent's pid; 0 for process 1 (and orphans after it), as Linux for init. */
int64_t sys_getppid(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	struct proc *parent = proc_current()->parent;
	return parent ? parent->pid : 0;
}

/* gettid(): the process id (no threads). */
int64_t sys_gettid(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return proc_current()->pid;
}

/* getuid, getgid, geteuid, getegid: 0, root. */
int64_t sys_getid_root(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return 0;
}

/* setuid(id), setgid(id): 0 for 0; -EINVAL for an id that does not exist here. */
int64_t sys_setid_root(uint64_t id, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return (uint32_t)id == 0 ? 0 : -EINVAL;
}

/* getgroups(size, list): 0 groups (nothing written); -EINVAL for a negative size. */
int64_t sys_getgroups(uint64_t size, uint64_t list, uint64_t a2, uint64_t a3, uint64_t a4,
		      uint64_t a5)
{
	(void)list, (void)a2, (void)a3, (void)a4, (void)a5;
	return (int)size < 0 ? -EINVAL : 0;
}

/* getresuid(r, e, s), getresgid(r, e, s): three zeros; -EFAULT for a bad pointer. */
int64_t sys_getres_root(uint64_t r, uint64_t e, uint64_t s, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	const uint32_t zero = 0;
	if (copy_to_user(r, &zero, 4) || copy_to_user(e, &zero, 4) || copy_to_user(s, &zero, 4))
		return -EFAULT;
	return 0;
}
