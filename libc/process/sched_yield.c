/* sched_yield.c - sched_yield(2): let the other runnable processes run first. */
#include <sched.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* 0 (it cannot fail). */
int sched_yield(void)
{
	return (int)__syscall_ret(__syscall0(SYS_sched_yield));
}
