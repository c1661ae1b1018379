/*
 * pgrp.c - process groups and sessions: setpgid, getpgid, getpgrp,
 * setsid, getsid (the kernel's rules: docs/SYSCALLS.md).
 */
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* Moves process pid (0: the caller) into group pgid (0: its own pid); 0, or -1 with errno. */
int setpgid(pid_t pid, pid_t pgid)
{
	return (int)__syscall_ret(__syscall2(SYS_setpgid, pid, pgid));
}

/* The process group of pid (0: the caller), or -1 with errno (ESRCH). */
pid_t getpgid(pid_t pid)
{
	return (pid_t)__syscall_ret(__syscall1(SYS_getpgid, pid));
}

/* The caller's process group (it cannot fail). */
pid_t getpgrp(void)
{
	return (pid_t)__syscall0(SYS_getpgrp);
}

/* Makes the caller lead a new session and group; its pid, or -1 with errno (EPERM). */
pid_t setsid(void)
{
	return (pid_t)__syscall_ret(__syscall0(SYS_setsid));
}

/* The session of pid (0: the caller), or -1 with errno (ESRCH). */
pid_t getsid(pid_t pid)
{
	return (pid_t)__syscall_ret(__syscall1(SYS_getsid, pid));
}
