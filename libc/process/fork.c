/*
 * fork.c - fork(2): a new process, a copy of this one. (vfork is in
 * vfork.S: a C function cannot safely return twice on a shared stack.)
 */
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* The child's pid in the parent, 0 in the child; -1 with errno EAGAIN or ENOMEM. */
pid_t fork(void)
{
	return (pid_t)__syscall_ret(__syscall0(SYS_fork));
}
