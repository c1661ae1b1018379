/*
 * sys/select.h - select and pselect, and the fd_set they take (libc/unistd/poll.c).
 */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <signal.h>
#include <sys/time.h>
#include <time.h>

#define FD_SETSIZE 1024

typedef struct {
	unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define __FD_BITS (8 * sizeof(unsigned long))
#define FD_ZERO(s)                                                                                 \
	do {                                                                                       \
		for (unsigned __i = 0; __i < FD_SETSIZE / __FD_BITS; __i++)                        \
			(s)->fds_bits[__i] = 0;                                                    \
	} while (0)
#define FD_SET(fd, s) ((s)->fds_bits[(fd) / __FD_BITS] |= 1UL << ((fd) % __FD_BITS))
#define FD_CLR(fd, s) ((s)->fds_bits[(fd) / __FD_BITS] &= ~(1UL << ((fd) % __FD_BITS)))
#define FD_ISSET(fd, s) (((s)->fds_bits[(fd) / __FD_BITS] >> ((fd) % __FD_BITS)) & 1)

int select(int nfds, fd_set *in, fd_set *out, fd_set *except, struct timeval *timeout);
int pselect(int nfds, fd_set *in, fd_set *out, fd_set *except, const struct timespec *timeout,
	    const sigset_t *sigmask);

#endif
