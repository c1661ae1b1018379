/*
 * wait.c - wait and waitpid, both the wait4 system call without its
 * resource usage. On Interlude (no fork yet) they fail with ENOSYS.
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
