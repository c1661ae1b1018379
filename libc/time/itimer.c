/*
 * itimer.c - the interval timers: getitimer, setitimer, and alarm (which
 * is its own system call on x86-64), and pause, the wait for the signal.
 */
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>
#include "internal/malloc_contract.h"
#include "internal/syscall.h"

/* Reads timer `which` (time left, interval) into *curr; 0, or -1 with errno. */
int getitimer(int which, struct itimerval *curr)
{
	__malloc_prepare_write(curr, sizeof *curr, "getitimer");
	return (int)__syscall_ret(__syscall2(SYS_getitimer, which, curr));
}

/* Arms timer `which` with *value (a zero it_value disarms it), the old
 * setting in *old if not NULL; 0, or -1 with errno (EINVAL, EFAULT). */
int setitimer(int which, const struct itimerval *__restrict value, struct itimerval *__restrict old)
{
	if (old)
		__malloc_prepare_write(old, sizeof *old, "setitimer");
	return (int)__syscall_ret(__syscall3(SYS_setitimer, which, value, old));
}

/* SIGALRM in `seconds` seconds (0: none); the seconds the previous alarm had left. */
unsigned alarm(unsigned seconds)
{
	return (unsigned)__syscall1(SYS_alarm, seconds);
}

/* Waits until a signal's handler has run: always -1 with errno EINTR. */
int pause(void)
{
	return (int)__syscall_ret(__syscall0(SYS_pause));
}
