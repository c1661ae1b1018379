/*
 * rlimit.c - resource limits: the values a run starts with, and what each
 * limit does in Interlude (the calls that read and set them are
 * sys/sys_rlimit.c's).
 *
 * Theory of operation. A process has Linux's sixteen limits, each a soft
 * value (the one enforced) and a hard one (the ceiling of the soft one);
 * a fork child inherits them and execve keeps them, so a shell's `ulimit`
 * reaches the programs it starts. Process 1 of a run starts with the
 * values below, which say what Interlude really does:
 *
 *   RLIMIT_STACK   8 MiB soft, unlimited hard: the stack area may grow to
 *                  the soft value (mm.stack_limit, checked by the fault
 *                  path's grow_stack), applied at once and after execve;
 *   RLIMIT_NOFILE  1024 both: the descriptor table's size; a lower soft
 *                  value bounds new descriptors (-EMFILE), dup2's target
 *                  (-EBADF), F_DUPFD and poll's nfds (-EINVAL), as Linux;
 *                  the hard one cannot go above 1024 (-EPERM, as Linux's
 *                  nr_open);
 *   RLIMIT_NPROC   64 both: the process table's size (fork: -EAGAIN);
 *                  a lower value binds no one, since everyone is root and
 *                  Linux exempts root too;
 *   RLIMIT_CORE    0: there are no core dumps;
 *   RLIMIT_SIGPENDING 64: one pending instance of each of the 64 signals;
 *   RLIMIT_MEMLOCK 8 MiB, MSGQUEUE 819200, NICE 0, RTPRIO 0: Linux's
 *                  defaults, with nothing here that uses them;
 *   the others (CPU, FSIZE, DATA, RSS, AS, LOCKS, RTTIME) unlimited.
 *
 * A value set is kept and read back as on Linux; only STACK and NOFILE
 * change what the kernel does (docs/SYSCALLS.md says which are not
 * enforced). Every process is root, so raising a hard limit is allowed,
 * as with CAP_SYS_RESOURCE, and any process may set another's (prlimit).
 */
#include "arch/x86_64/memlayout.h"
#include "proc/proc.h"

#define RLIM_INFINITY (~0ull)
#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15

void proc_rlimit_defaults(struct proc *p)
{
	for (int i = 0; i < PROC_RLIMITS; i++)
		p->rlim[i] = (struct proc_rlimit){RLIM_INFINITY, RLIM_INFINITY};
	p->rlim[RLIMIT_STACK].cur = MM_STACK_LIMIT;
	p->rlim[RLIMIT_CORE].cur = 0;
	p->rlim[RLIMIT_NPROC] = (struct proc_rlimit){PROC_MAX, PROC_MAX};
	p->rlim[RLIMIT_NOFILE] = (struct proc_rlimit){FD_MAX, FD_MAX};
	p->rlim[RLIMIT_MEMLOCK] = (struct proc_rlimit){8u << 20, 8u << 20};
	p->rlim[RLIMIT_SIGPENDING] = (struct proc_rlimit){64, 64};
	p->rlim[RLIMIT_MSGQUEUE] = (struct proc_rlimit){819200, 819200};
	p->rlim[RLIMIT_NICE] = (struct proc_rlimit){0, 0};
	p->rlim[RLIMIT_RTPRIO] = (struct proc_rlimit){0, 0};
	proc_apply_rlimits(p);
}

void proc_apply_rlimits(struct proc *p)
{
	uint64_t stack = p->rlim[RLIMIT_STACK].cur, nofile = p->rlim[RLIMIT_NOFILE].cur;
	if (p->has_mm)
		p->mm.stack_limit = stack < TASK_SIZE ? stack : TASK_SIZE;
	p->files.nofile = nofile < FD_MAX ? (unsigned)nofile : FD_MAX;
}
