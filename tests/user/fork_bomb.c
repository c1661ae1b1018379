/*
 * fork_bomb.c - fork until failure, in every process, as a fork bomb
 * does: the table fills (EAGAIN) or memory runs out (ENOMEM), and
 * nothing panics. Then process 1 (this program) kills everyone else
 * (kill(-1, SIGKILL)), reaps its children and the orphans it adopts
 * until ECHILD, and exits 0 if every process it saw created was reaped.
 * The self-test that runs it (proc suite) checks that every frame and
 * heap object came back.
 */
#include "rt/rt.h"

#define SIGKILL 9

int main(void)
{
	long first_error = 0;
	/* Every process forks until its first failure; children then wait to be killed. */
	for (;;) {
		long pid = __syscall0(SYS_fork);
		if (pid < 0) {
			first_error = pid;
			break;
		}
		if (pid == 0)
			continue; /* the child forks too */
	}
	if (__syscall0(SYS_getpid) != 1)
		for (;;)
			__syscall0(SYS_sched_yield); /* until killed */

	if (first_error != -EAGAIN && first_error != -ENOMEM) {
		rt_puts("fork_bomb: fork failed with an unexpected error\n");
		return 1;
	}
	/* Let every process reach its own failure, then end them all. */
	for (int i = 0; i < 200; i++)
		__syscall0(SYS_sched_yield);
	if (__syscall2(SYS_kill, -1, SIGKILL) != 0) {
		rt_puts("fork_bomb: kill(-1, SIGKILL) failed\n");
		return 2;
	}
	long reaped = 0, r;
	while ((r = __syscall4(SYS_wait4, -1, 0, 0, 0)) > 0)
		reaped++;
	if (r != -ECHILD) {
		rt_puts("fork_bomb: wait4 did not end with ECHILD\n");
		return 3;
	}
	/* The table holds 64: at least the 63 others existed (unless memory ran out first). */
	if (reaped < 1 || (first_error == -EAGAIN && reaped != 63)) {
		rt_puts("fork_bomb: not every process was reaped\n");
		return 4;
	}
	rt_puts(first_error == -EAGAIN ? "fork_bomb: table full (EAGAIN), all reaped\n"
				       : "fork_bomb: out of memory (ENOMEM), all reaped\n");
	return 0;
}
