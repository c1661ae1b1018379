/*
 * sys_proc.c - exit, getpid, sched_yield, sched_getaffinity and
 * sched_setaffinity, uname, arch_prctl and set_tid_address: what a C
 * library's start-up code (and nproc) asks of the kernel.
 * (fork, exec, wait and kill are proc/'s; the ids sys_ids.c.)
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/usermode.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "sys/syscall.h"

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

int64_t sys_exit(uint64_t code, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	proc_exit((int)(code & 0xff));
}

/* sched_yield(): 0, after the other runnable processes have had their turn. */
int64_t sys_sched_yield(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			uint64_t a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	sched_yield_now();
	return 0;
}

/* Every process runs on the one CPU, 0: the mask is one 64-bit word. */
#define CPUMASK_BYTES 8

/* The process an affinity call names (0: the caller), or NULL. */
static struct proc *affinity_target(uint64_t pid)
{
	return (int)pid == 0 ? proc_current() : (int)pid < 0 ? NULL : proc_find((int)pid);
}

/* sched_getaffinity(pid, len, mask): the bytes written (Linux's
 * cpumask_size(), 8, or len if smaller); EINVAL if len holds fewer bits
 * than there are CPUs or is not a multiple of 8, ESRCH, EFAULT. */
int64_t sys_sched_getaffinity(uint64_t pid, uint64_t len, uint64_t umask, uint64_t a3, uint64_t a4,
			      uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	len = (unsigned)len; /* an unsigned int in Linux */
	if (len * 8 < 1 || (len & (sizeof(uint64_t) - 1)))
		return -EINVAL;
	if (!affinity_target(pid))
		return -ESRCH;
	uint64_t mask = 1; /* CPU 0 */
	size_t n = len < CPUMASK_BYTES ? len : CPUMASK_BYTES;
	return copy_to_user(umask, &mask, n) ? -EFAULT : (int64_t)n;
}

/* sched_setaffinity(pid, len, mask): 0 if the mask holds CPU 0, EINVAL if
 * it holds no CPU there is; EFAULT, ESRCH. Nothing changes: one CPU. */
int64_t sys_sched_setaffinity(uint64_t pid, uint64_t len, uint64_t umask, uint64_t a3, uint64_t a4,
			      uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	uint64_t mask = 0;
	size_t n = len < CPUMASK_BYTES ? len : CPUMASK_BYTES;
	if (copy_from_user(&mask, umask, n))
		return -EFAULT;
	if (!affinity_target(pid))
		return -ESRCH;
	return (mask & 1) ? 0 : -EINVAL;
}

int64_t sys_getpid(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return proc_current()->pid;
}

/* There are no threads: the "thread id" is the process id. The address
 * is zeroed when the process ends (a thread library's join word). */
int64_t sys_set_tid_address(uint64_t tidptr, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			    uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	proc_current()->clear_child_tid = tidptr;
	return proc_current()->pid;
}

struct utsname_user {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

int64_t sys_uname(uint64_t buf, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	/* The release is shaped as Linux's: a C library built for Linux reads
	 * it as the kernel's version and refuses to run below its minimum
	 * (glibc before 2.35, in a static program with no vDSO to say it:
	 * "FATAL: kernel too old" below 3.2.0, which "0.1" was). 5.8 is the
	 * release that added the newest call of the table (faccessat2). The
	 * sysname stays Interlude's, so that a program can tell where it runs. */
	static const struct utsname_user u = {
	    "Interlude", "interlude", "5.8.0-interlude", "#1 a teaching kernel about memory",
	    "x86_64",	 "(none)",
	};
	return copy_to_user(buf, &u, sizeof u);
}

int64_t sys_arch_prctl(uint64_t code, uint64_t addr, uint64_t a2, uint64_t a3, uint64_t a4,
		       uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	uint64_t v;
	switch (code) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		if (addr >= TASK_SIZE) /* TASK_SIZE_MAX: user space ends below 2^47 */
			return -EPERM; /* as Linux: a kernel address is refused */
		if (code == ARCH_SET_FS)
			usermode_set_fs_base(addr);
		else
			wrmsr(MSR_GS_BASE, addr);
		return 0;
	case ARCH_GET_FS: v = usermode_fs_base(); return copy_to_user(addr, &v, sizeof v);
	case ARCH_GET_GS: v = rdmsr(MSR_GS_BASE); return copy_to_user(addr, &v, sizeof v);
	default: return -EINVAL;
	}
}
