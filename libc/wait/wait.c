/*
 * wait.c - wait, waitpid and wait4: the wait4 system call, the first two
 * without its resource usage.
 */
#include <sys/syscall.h>
#include <sys/wait.h>
#include "internal/malloc_contract.h"
#include "internal/syscall.h"

/* Waits for the child pid (-1: any; 0: any in our group), status into *status: its pid, 0 with
 * WNOHANG, or -1. */
pid_t waitpid(pid_t pid, int *status, int options)
{
	if (status)
		__malloc_prepare_write(status, sizeof *status, "waitpid");
	return (pid_t)__syscall_ret(__syscall4(SYS_wait4, pid, status, options, 0));
}

/* Waits for any child: waitpid(-1, status, 0). */
pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}

/* waitpid with the child's resource usage (all zeros on Interlude) in *usage unless NULL. */
pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage)
{
	if (status)
		__malloc_prepare_write(status, sizeof *status, "wait4");
	return (pid_t)__syscall_ret(__syscall4(SYS_wait4, pid, status, options, usage));
}
