/*
 * sys_mmcheck.c - mmcheck(), Interlude's system call 1001: a checkpoint
 * of the memory invariant checker (mm/mm_check.h) that a program asks for.
 *
 * The checker runs by itself when a program exits (with "mmcheck" on the
 * command line), but a bug that a long run of system calls provokes is
 * easier to replay the nearer to it the check runs. So the syscall fuzzer
 * (tests/libc/syscall_fuzz.c) calls mmcheck() after every block of calls:
 * the calling process's areas and page tables are checked against each
 * other and against the frame allocator, and so is the whole system, and
 * a violation panics with one sentence that names the process, as at
 * exit. On Linux, the same program gets -ENOSYS (1001 is beyond Linux's
 * table) and goes on, which is why the fuzzer can run unchanged on both.
 */
#include "lib/kprintf.h"
#include "mm/mm_check.h"
#include "proc/proc.h"
#include "sys/syscall.h"

/* Returns 0 when every invariant holds; otherwise the kernel panics. */
int64_t sys_mmcheck(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	struct proc *p = proc_current();
	char where[64];
	ksnprintf(where, sizeof where, "checkpoint of %s[%d]", p->name, p->pid);
	proc_mm_check_or_panic(&p->mm, where);
	return 0;
}
