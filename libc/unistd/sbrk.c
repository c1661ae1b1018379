/*
 * sbrk.c - sbrk() on Interlude's sbrk system call, or on brk elsewhere.
 *
 * Interlude has sbrk as system call 1000 (old break or -ENOMEM). Linux
 * has no such call and answers -ENOSYS; then, and from then on, sbrk is
 * built on brk the way Linux libcs do it, so one binary works on both.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* 1 once the kernel said it has no sbrk system call. */
static int no_sbrk_syscall;

/* sbrk on brk: read the break, ask for break + increment, check the answer. */
static void *sbrk_with_brk(intptr_t increment)
{
	uintptr_t old = (uintptr_t)__syscall1(SYS_brk, 0);
	if (increment == 0)
		return (void *)old;
	uintptr_t want = old + (uintptr_t)increment;
	if ((increment > 0 && want < old) || (increment < 0 && want > old)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if ((uintptr_t)__syscall1(SYS_brk, want) != want) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return (void *)old;
}

/* Moves the break by increment: the old break, or (void *)-1 with errno ENOMEM. */
void *sbrk(intptr_t increment)
{
	if (!no_sbrk_syscall) {
		long r = __syscall1(SYS_sbrk, increment);
		if (r != -ENOSYS) {
			if (__syscall_failed(r)) {
				errno = (int)-r;
				return (void *)-1;
			}
			return (void *)r;
		}
		no_sbrk_syscall = 1;
	}
	return sbrk_with_brk(increment);
}
