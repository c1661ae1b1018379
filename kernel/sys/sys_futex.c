/*
 * sys_futex.c - futex(2) for processes of one thread each.
 *
 * Theory of operation. A futex is a 32-bit word of user memory that
 * threads wait on (FUTEX_WAIT: sleep while the word holds the value they
 * saw) and wake each other through (FUTEX_WAKE). C libraries call it
 * even in a program of one thread: glibc's locks and its once-only
 * initialisations use FUTEX_WAKE when they release, and abort with "The
 * futex facility returned an unexpected error code" if it fails. Here
 * every process has one thread and no memory is shared between processes
 * (shared anonymous mappings behave as private ones), so nobody else can
 * ever wait on a word or wake its waiter:
 *  - a wake wakes nobody: 0 (after Linux's checks of the arguments);
 *  - a wait whose word has changed returns EAGAIN at once, as Linux's;
 *    one whose word still holds the value sleeps until its timeout
 *    (ETIMEDOUT) or a signal (EINTR), exactly what a Linux thread whose
 *    waker never comes sees;
 *  - FUTEX_WAKE_OP still changes its second word, which is its effect a
 *    program can see; FUTEX_CMP_REQUEUE still compares the first.
 * The priority-inheritance operations (LOCK_PI and the rest) are ENOSYS,
 * as on a Linux built without them.
 */
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "sys/syscall.h"
#include "time/clock.h"
#include "time/timer.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_FD 2
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define NSEC_PER_SEC 1000000000ull

struct futex_timespec {
	int64_t tv_sec, tv_nsec;
};

/* Reads the word at uaddr: 0, EINVAL if it is not 4-byte aligned, EFAULT. */
static int read_word(uint64_t uaddr, uint32_t *v)
{
	if (uaddr & 3)
		return -EINVAL;
	return copy_from_user(v, uaddr, sizeof *v) ? -EFAULT : 0;
}

/* The monotonic deadline of a wait's timeout (UINT64_MAX for none): a
 * relative time for FUTEX_WAIT, an absolute one on the monotonic (or,
 * with FUTEX_CLOCK_REALTIME, the wall) clock for FUTEX_WAIT_BITSET.
 * 0, -EFAULT, or -EINVAL for a bad timespec. */
static int deadline_of(uint64_t utimeout, bool absolute, bool realtime, uint64_t *out)
{
	*out = UINT64_MAX;
	if (!utimeout)
		return 0;
	struct futex_timespec ts;
	if (copy_from_user(&ts, utimeout, sizeof ts))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (int64_t)NSEC_PER_SEC)
		return -EINVAL;
	uint64_t ns = (uint64_t)ts.tv_sec > UINT64_MAX / NSEC_PER_SEC - 1
			  ? UINT64_MAX
			  : (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
	uint64_t mono = clock_monotonic_ns();
	if (!absolute) {
		*out = mono + ns < mono ? UINT64_MAX : mono + ns;
	} else if (realtime) {
		uint64_t now = clock_realtime_ns();
		*out =
		    ns <= now ? mono : (mono + (ns - now) < mono ? UINT64_MAX : mono + (ns - now));
	} else {
		*out = ns;
	}
	return 0;
}

/* FUTEX_WAIT(_BITSET): EAGAIN if the word is not val, else the sleep's
 * end: ETIMEDOUT, or EINTR for a signal. */
static int64_t futex_wait(uint64_t uaddr, uint32_t val, uint64_t utimeout, bool bitset,
			  uint32_t mask, bool realtime)
{
	if (bitset && mask == 0)
		return -EINVAL;
	uint64_t deadline;
	int r = deadline_of(utimeout, bitset, realtime, &deadline);
	if (r < 0)
		return r;
	uint32_t v;
	r = read_word(uaddr, &v);
	if (r < 0)
		return r;
	if (v != val)
		return -EAGAIN;
	r = time_sleep_until(deadline);
	return r == -EINTR ? -EINTR : -ETIMEDOUT;
}

/* FUTEX_WAKE_OP's operation on oldval: (op, oparg) from val3, as Linux
 * encodes them (the top bit: oparg is a shift count). */
static uint32_t wake_op(uint32_t oldval, uint32_t val3, bool *ok)
{
	unsigned op = (val3 >> 28) & 7;
	uint32_t oparg = (uint32_t)(((int32_t)(val3 << 8)) >> 20);
	if (val3 & (8u << 28))
		oparg = 1u << (oparg & 31); /* Linux masks a bad count to 5 bits */
	*ok = true;
	switch (op) {
	case 0: return oparg;		/* FUTEX_OP_SET */
	case 1: return oldval + oparg;	/* FUTEX_OP_ADD */
	case 2: return oldval | oparg;	/* FUTEX_OP_OR */
	case 3: return oldval & ~oparg; /* FUTEX_OP_ANDN */
	case 4: return oldval ^ oparg;	/* FUTEX_OP_XOR */
	default: *ok = false; return oldval;
	}
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3): see above. */
int64_t sys_futex(uint64_t uaddr, uint64_t op, uint64_t val, uint64_t utimeout, uint64_t uaddr2,
		  uint64_t val3)
{
	int cmd = (int)(op & ~(uint64_t)(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME));
	bool realtime = (op & FUTEX_CLOCK_REALTIME) != 0;
	if (realtime && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT)
		return -ENOSYS; /* Linux: the flag only goes with the waits */
	uint32_t v;
	int r;
	switch (cmd) {
	case FUTEX_WAIT: return futex_wait(uaddr, (uint32_t)val, utimeout, false, 0, false);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, (uint32_t)val, utimeout, true, (uint32_t)val3, realtime);
	case FUTEX_WAKE_BITSET:
		if ((uint32_t)val3 == 0)
			return -EINVAL;
		/* fall through */
	case FUTEX_WAKE:
	case FUTEX_REQUEUE: return (uaddr & 3) ? -EINVAL : 0; /* nobody waits */
	case FUTEX_CMP_REQUEUE:
		r = read_word(uaddr, &v);
		return r < 0 ? r : v != (uint32_t)val3 ? -EAGAIN : 0;
	case FUTEX_WAKE_OP: {
		if (uaddr & 3)
			return -EINVAL;
		r = read_word(uaddr2, &v);
		if (r < 0)
			return r;
		bool ok;
		uint32_t nv = wake_op(v, (uint32_t)val3, &ok);
		if (!ok)
			return -ENOSYS; /* Linux: an unknown operation */
		return copy_to_user(uaddr2, &nv, sizeof nv) ? -EFAULT : 0;
	}
	default: return -ENOSYS;
	}
}
