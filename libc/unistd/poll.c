/*
 * poll.c - poll, ppoll, select and pselect: each its Linux system call
 * (the kernel's signal set is 64 bits, the first word of sigset_t), the
 * result in the C convention (-1 with errno).
 */
#include <poll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* Waits up to timeout_ms (-1: forever) for an event on fds; the number ready. */
int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
	return (int)__syscall_ret(__syscall3(SYS_poll, fds, nfds, timeout_ms));
}

/* poll with a timespec (NULL: forever) and a mask for the wait. */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *sigmask)
{
	return (int)__syscall_ret(
	    __syscall5(SYS_ppoll, fds, nfds, timeout, sigmask, sigmask ? _KERNEL_SIGSET_SIZE : 0));
}

/* Waits for the descriptors of three sets; the number of bits left set. */
int select(int nfds, fd_set *in, fd_set *out, fd_set *except, struct timeval *timeout)
{
	return (int)__syscall_ret(__syscall5(SYS_select, nfds, in, out, except, timeout));
}

/* select with a timespec (not updated, as POSIX says) and a mask for the wait. */
int pselect(int nfds, fd_set *in, fd_set *out, fd_set *except, const struct timespec *timeout,
	    const sigset_t *sigmask)
{
	struct timespec copy, *t = 0;
	if (timeout) {
		copy = *timeout;
		t = &copy;
	}
	unsigned long sigdata[2] = {(unsigned long)sigmask, _KERNEL_SIGSET_SIZE};
	return (int)__syscall_ret(__syscall6(SYS_pselect6, nfds, (long)in, (long)out, (long)except,
					     (long)t, (long)(sigmask ? sigdata : 0)));
}
