/*
 * sys_umask.c - umask: the file mode creation mask.
 *
 * Each process has one (process 1 of a run starts with 022, as a login
 * shell usually sets it; a fork child inherits its parent's, execve keeps
 * it) and /proc/PID/status shows it. The boot file system is read-only,
 * so no file is ever created with it; a program that sets and reads it
 * back (a shell's `umask`) sees what it set, as on Linux.
 */
#include "proc/proc.h"
#include "sys/syscall.h"

/* umask(mask): the previous mask; the new one is mask & 0777. */
int64_t sys_umask(uint64_t mask, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	struct proc *p = proc_current();
	unsigned old = p->umask;
	p->umask = (unsigned)mask & 0777;
	return old;
}
