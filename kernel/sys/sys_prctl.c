/*
 * sys_prctl.c - prctl: operations on the calling process. Interlude has
 * its name: PR_SET_NAME and PR_GET_NAME.
 *
 * The name is Linux's comm, the one /proc/PID/status, ps and the kernel's
 * own log lines show: execve sets it to the file's last component, and a
 * program may rename itself (a server naming its workers). Linux keeps 15
 * bytes and a NUL (TASK_COMM_LEN 16); Interlude keeps up to 31 from
 * execve, so PR_GET_NAME gives the first 15, as Linux would have kept
 * them, and PR_SET_NAME takes at most 15. Every other option is -EINVAL,
 * Linux's answer for an option it does not know.
 */
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "sys/syscall.h"

#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define TASK_COMM_LEN 16

/* prctl(option, arg2, ...): 0, or -EFAULT, -EINVAL. */
int64_t sys_prctl(uint64_t option, uint64_t arg2, uint64_t a2, uint64_t a3, uint64_t a4,
		  uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	struct proc *p = proc_current();
	char comm[TASK_COMM_LEN];
	memset(comm, 0, sizeof comm);
	switch ((int)option) {
	case PR_SET_NAME:
		for (size_t i = 0; i < TASK_COMM_LEN - 1; i++) {
			if (copy_from_user(&comm[i], arg2 + i, 1))
				return -EFAULT;
			if (!comm[i])
				break;
		}
		memcpy(p->name, comm, sizeof comm);
		ksnprintf(p->label, sizeof p->label, "kernel stack of %s[%d]", p->name, p->pid);
		return 0;
	case PR_GET_NAME:
		memcpy(comm, p->name, TASK_COMM_LEN - 1);
		return copy_to_user(arg2, comm, sizeof comm) ? -EFAULT : 0;
	default: return -EINVAL;
	}
}
