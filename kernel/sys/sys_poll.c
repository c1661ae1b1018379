/*
 * sys_poll.c - poll, ppoll, select and pselect6: waiting until one of
 * several descriptors is ready.
 *
 * Theory of operation. Each open file says what it is ready for now
 * (file_poll, fs/file.h: a pipe's end looks at its ring and the other
 * end; every other kind is always ready, as Linux's regular files are).
 * The calls scan their descriptors; if none is ready and time is left,
 * the process sleeps until the next timer tick or until a pipe changes
 * (fs_wait_wakeup wakes the pollers), then scans again. So a timeout is
 * kept to within a tick (10 ms), and a signal ends the wait with EINTR:
 * these calls are never restarted, even after an SA_RESTART handler
 * (signal(7)). ppoll and pselect6 install their signal mask for the wait
 * only: the old one is back when they return, or, when a signal the
 * wait's mask let in interrupted them, once its handler has run (as
 * sigsuspend). The remaining time is written back, as Linux does for
 * ppoll, select and pselect6.
 */
#include "arch/x86_64/uaccess.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "sys/sys_path.h"
#include "sys/sys_poll.h"
#include "sys/syscall.h"
#include "time/clock.h"
#include "time/timer.h"

#define POLLIN FS_POLLIN
#define POLLPRI FS_POLLPRI
#define POLLOUT FS_POLLOUT
#define POLLERR FS_POLLERR
#define POLLHUP FS_POLLHUP
#define POLLNVAL FS_POLLNVAL
#define POLLRDNORM FS_POLLRDNORM
#define POLLWRNORM FS_POLLWRNORM
#define POLL_ALWAYS (POLLERR | POLLHUP | POLLNVAL) /* reported even if not asked for */

#define SELECT_IN (POLLIN | POLLRDNORM | POLLHUP | POLLERR)
#define SELECT_OUT (POLLOUT | POLLWRNORM | POLLERR)
#define SELECT_EX POLLPRI

#define NO_DEADLINE UINT64_MAX

struct linux_pollfd {
	int32_t fd;
	int16_t events, revents;
};

struct linux_timespec {
	int64_t sec, nsec;
};

struct linux_timeval {
	int64_t sec, usec;
};

int sys_pollers; /* processes asleep in a poll: fs_wait_wakeup wakes them too */

/* What the file open as fd is ready for (POLLNVAL if none is open). */
static unsigned ready_mask(int fd)
{
	struct file *f = sys_file(fd);
	return f ? file_poll(f) : POLLNVAL;
}

/*
 * Sleeps until the next tick or a pipe's change; returns 0, -EINTR for a
 * pending signal, or 1 when the deadline (monotonic ns) has passed.
 */
static int wait_a_little(uint64_t deadline)
{
	struct proc *p = proc_current();
	if (proc_signal_pending(p))
		return -EINTR;
	if (deadline != NO_DEADLINE && clock_monotonic_ns() >= deadline)
		return 1;
	sys_pollers++;
	sched_sleep(&timer_channel);
	sys_pollers--;
	if (proc_signal_pending(p))
		return -EINTR;
	return deadline != NO_DEADLINE && clock_monotonic_ns() >= deadline;
}

/* The deadline ns from now (NO_DEADLINE if it would overflow). */
static uint64_t deadline_after(uint64_t ns)
{
	uint64_t now = clock_monotonic_ns();
	return now + ns < now ? NO_DEADLINE : now + ns;
}

/* What is left of deadline, in ns (0 once passed). */
static uint64_t time_left(uint64_t deadline)
{
	uint64_t now = clock_monotonic_ns();
	return deadline > now ? deadline - now : 0;
}

/* Reads a timespec timeout into a deadline; 0, -EFAULT or -EINVAL. */
static int timespec_deadline(uint64_t uts, uint64_t *deadline)
{
	struct linux_timespec ts;
	if (!uts) {
		*deadline = NO_DEADLINE;
		return 0;
	}
	if (copy_from_user(&ts, uts, sizeof ts))
		return -EFAULT;
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
		return -EINVAL;
	if ((uint64_t)ts.sec > UINT64_MAX / 1000000000ull / 2)
		*deadline = NO_DEADLINE;
	else
		*deadline = deadline_after((uint64_t)ts.sec * 1000000000ull + (uint64_t)ts.nsec);
	return 0;
}

/* Writes what is left of deadline back to the user's timespec (if any). */
static void timespec_write_left(uint64_t uts, uint64_t deadline)
{
	if (!uts || deadline == NO_DEADLINE)
		return;
	uint64_t left = time_left(deadline);
	struct linux_timespec ts = {(int64_t)(left / 1000000000ull),
				    (int64_t)(left % 1000000000ull)};
	(void)copy_to_user(uts, &ts, sizeof ts);
}

/*
 * Installs the user's signal mask (usig, of size bytes; 0: none) for the
 * wait (sigstate_wait_with_mask): 0, -EINVAL or -EFAULT.
 */
static int install_sigmask(uint64_t usig, uint64_t size)
{
	if (!usig)
		return 0;
	uint64_t mask;
	if (size != sizeof mask)
		return -EINVAL;
	if (copy_from_user(&mask, usig, sizeof mask))
		return -EFAULT;
	sigstate_wait_with_mask(&proc_current()->sig, mask);
	return 0;
}

/* After a wait with install_sigmask's mask: interrupted, the mask comes
 * back once the signal is handled (signal_on_return); else now. */
static void end_sigmask(int64_t result)
{
	if (result != -EINTR)
		sigstate_restore_mask(&proc_current()->sig);
}

/* The heart of poll and ppoll: nfds entries at ufds, until deadline. */
static int64_t do_poll(uint64_t ufds, uint64_t nfds, uint64_t deadline)
{
	if (nfds > proc_current()->files.nofile) /* RLIMIT_NOFILE, as Linux */
		return -EINVAL;
	for (;;) {
		int64_t ready = 0;
		for (uint64_t i = 0; i < nfds; i++) {
			struct linux_pollfd pfd;
			uint64_t at = ufds + i * sizeof pfd;
			if (copy_from_user(&pfd, at, sizeof pfd))
				return -EFAULT;
			unsigned got = 0;
			if (pfd.fd >= 0)
				got = ready_mask(pfd.fd) & ((uint16_t)pfd.events | POLL_ALWAYS);
			pfd.revents = (int16_t)got;
			if (copy_to_user(at, &pfd, sizeof pfd))
				return -EFAULT;
			ready += got != 0;
		}
		if (ready)
			return ready;
		int r = wait_a_little(deadline);
		if (r)
			return r < 0 ? r : 0;
	}
}

/* poll(fds, nfds, timeout_ms): the number of ready entries; 0 on timeout. */
int64_t sys_poll(uint64_t ufds, uint64_t nfds, uint64_t timeout_ms, uint64_t a3, uint64_t a4,
		 uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	int ms = (int)timeout_ms;
	uint64_t deadline = ms < 0 ? NO_DEADLINE : deadline_after((uint64_t)ms * 1000000ull);
	return do_poll(ufds, nfds, deadline);
}

/* ppoll(fds, nfds, timeout, sigmask, sigsetsize): poll with a timespec and a mask. */
int64_t sys_ppoll(uint64_t ufds, uint64_t nfds, uint64_t uts, uint64_t usig, uint64_t size,
		  uint64_t a5)
{
	(void)a5;
	uint64_t deadline;
	int r = timespec_deadline(uts, &deadline);
	if (r < 0)
		return r;
	r = install_sigmask(usig, size);
	if (r < 0)
		return r;
	int64_t n = do_poll(ufds, nfds, deadline);
	end_sigmask(n);
	timespec_write_left(uts, deadline);
	return n;
}

/* One of select's three sets: nfds bits at uset (0: none) into set. */
static int read_set(uint64_t uset, uint64_t nfds, uint64_t *set)
{
	if (uset && copy_from_user(set, uset, (nfds + 7) / 8))
		return -EFAULT;
	return 0;
}

/* The heart of select and pselect6. */
static int64_t do_select(uint64_t nfds, uint64_t uin, uint64_t uout, uint64_t uex,
			 uint64_t deadline)
{
	/* 768 bytes of the 16 KiB kernel stack: never static, since another
	 * process may select while this one sleeps. */
	uint64_t in[FD_MAX / 64], out[FD_MAX / 64], ex[FD_MAX / 64];
	uint64_t rin[FD_MAX / 64], rout[FD_MAX / 64], rex[FD_MAX / 64];
	if ((int64_t)nfds < 0)
		return -EINVAL;
	if (nfds > FD_MAX)
		nfds = FD_MAX; /* Linux trims to the table's size */
	for (int i = 0; i < FD_MAX / 64; i++)
		in[i] = out[i] = ex[i] = 0;
	if (read_set(uin, nfds, in) || read_set(uout, nfds, out) || read_set(uex, nfds, ex))
		return -EFAULT;
	for (uint64_t fd = 0; fd < nfds; fd++)
		if (((in[fd / 64] | out[fd / 64] | ex[fd / 64]) >> (fd % 64) & 1) &&
		    !sys_file((int)fd))
			return -EBADF;
	for (;;) {
		int64_t ready = 0;
		for (int i = 0; i < FD_MAX / 64; i++)
			rin[i] = rout[i] = rex[i] = 0;
		for (uint64_t fd = 0; fd < nfds; fd++) {
			uint64_t bit = 1ull << (fd % 64);
			if (!((in[fd / 64] | out[fd / 64] | ex[fd / 64]) & bit))
				continue;
			unsigned m = ready_mask((int)fd);
			if ((in[fd / 64] & bit) && (m & SELECT_IN))
				rin[fd / 64] |= bit, ready++;
			if ((out[fd / 64] & bit) && (m & SELECT_OUT))
				rout[fd / 64] |= bit, ready++;
			if ((ex[fd / 64] & bit) && (m & SELECT_EX))
				rex[fd / 64] |= bit, ready++;
		}
		int r = ready ? 1 : wait_a_little(deadline);
		if (r < 0)
			return r;
		if (r) {
			size_t bytes = (nfds + 7) / 8;
			if ((uin && copy_to_user(uin, rin, bytes)) ||
			    (uout && copy_to_user(uout, rout, bytes)) ||
			    (uex && copy_to_user(uex, rex, bytes)))
				return -EFAULT;
			return ready;
		}
	}
}

/* select(nfds, in, out, except, timeval): the number of ready bits; 0 on timeout. */
int64_t sys_select(uint64_t nfds, uint64_t uin, uint64_t uout, uint64_t uex, uint64_t utv,
		   uint64_t a5)
{
	(void)a5;
	uint64_t deadline = NO_DEADLINE;
	if (utv) {
		struct linux_timeval tv;
		if (copy_from_user(&tv, utv, sizeof tv))
			return -EFAULT;
		if (tv.sec < 0 || tv.usec < 0)
			return -EINVAL;
		uint64_t ns = (uint64_t)tv.sec * 1000000000ull + (uint64_t)tv.usec * 1000ull;
		deadline = (uint64_t)tv.sec > UINT64_MAX / 2000000000ull ? NO_DEADLINE
									 : deadline_after(ns);
	}
	int64_t n = do_select(nfds, uin, uout, uex, deadline);
	if (utv && deadline != NO_DEADLINE && n != -EFAULT) {
		uint64_t left = time_left(deadline);
		struct linux_timeval tv = {(int64_t)(left / 1000000000ull),
					   (int64_t)(left % 1000000000ull / 1000)};
		(void)copy_to_user(utv, &tv, sizeof tv);
	}
	return n;
}

/* pselect6(nfds, in, out, except, timespec, {sigmask, size}): select with a mask. */
int64_t sys_pselect6(uint64_t nfds, uint64_t uin, uint64_t uout, uint64_t uex, uint64_t uts,
		     uint64_t usigdata)
{
	uint64_t deadline, sigdata[2] = {0, 0};
	int r = timespec_deadline(uts, &deadline);
	if (r < 0)
		return r;
	if (usigdata && copy_from_user(sigdata, usigdata, sizeof sigdata))
		return -EFAULT;
	r = install_sigmask(sigdata[0], sigdata[1]);
	if (r < 0)
		return r;
	int64_t n = do_select(nfds, uin, uout, uex, deadline);
	end_sigmask(n);
	timespec_write_left(uts, deadline);
	return n;
}
