/*
 * itimers.c - setitimer, getitimer and alarm: a process's three interval
 * timers, and the tick that fires them (itimers.h).
 *
 * Theory of operation. Each process has three struct itimer (time/itimer.h:
 * a deadline and an interval), each on its own clock: ITIMER_REAL on the
 * monotonic clock, sending SIGALRM; ITIMER_VIRTUAL on the process's user
 * time and ITIMER_PROF on its user + system time (proc/usage.c), sending
 * SIGVTALRM and SIGPROF. alarm(s) is ITIMER_REAL with s seconds and no
 * interval. The timers are looked at on the timer tick (sched_tick): the
 * real ones of every process, skipped at once while the earliest deadline
 * (next_real) is still ahead, and the CPU-time ones of the process the
 * tick interrupted in user mode (it is the only one whose CPU time moved).
 * So a timer fires up to a tick (10 ms) late, as the sleeps wake. The
 * signal goes through proc_send_signal, as kill's: its default action
 * ends the process (status 142 for SIGALRM), a handler runs, and a
 * process asleep in a system call is woken (nanosleep: -EINTR).
 *
 * A fork child starts with no timers (proc_alloc zeroes them), as on
 * Linux; execve keeps them, so `alarm 1; exec prog` still fires.
 */
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "proc/itimers.h"
#include "proc/proc.h"
#include "proc/syscalls.h"
#include "time/clock.h"

#define NSEC_PER_USEC 1000ull
#define USEC_PER_SEC 1000000ll

/* Linux's struct __kernel_old_itimerval. */
struct kitimerval {
	int64_t interval_sec, interval_usec, value_sec, value_usec;
};

static uint64_t next_real = UINT64_MAX; /* no real timer is due before this */
static const int signal_of[PROC_ITIMERS] = {SIGALRM, SIGVTALRM, SIGPROF};

/* Returns the reading of the clock timer `which` of p counts, in ns. */
static uint64_t clock_of(struct proc *p, int which)
{
	switch (which) {
	case PROC_ITIMER_REAL: return clock_monotonic_ns();
	case PROC_ITIMER_VIRTUAL: return clock_tsc_to_ns(p->usage.user_cycles);
	default: return usage_cpu_ns(p);
	}
}

void itimer_tick_real(void)
{
	uint64_t now = clock_monotonic_ns();
	if (now < next_real)
		return;
	next_real = UINT64_MAX;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = proc_slot(i);
		if (p->state == PROC_UNUSED || p->state == PROC_ZOMBIE || p->state == PROC_EMBRYO)
			continue;
		struct itimer *t = &p->itimer[PROC_ITIMER_REAL];
		if (itimer_expire(t, now))
			proc_send_signal(p, SIGALRM, 0);
		if (t->deadline && t->deadline < next_real)
			next_real = t->deadline;
	}
}

void itimer_tick(struct proc *p)
{
	for (int which = PROC_ITIMER_VIRTUAL; which < PROC_ITIMERS; which++)
		if (p->itimer[which].deadline &&
		    itimer_expire(&p->itimer[which], clock_of(p, which)))
			proc_send_signal(p, signal_of[which], 0);
}

/* Returns a timeval's ns, or -EINVAL as Linux's timeval_valid. */
static int64_t timeval_ns(int64_t sec, int64_t usec)
{
	if (sec < 0 || usec < 0 || usec >= USEC_PER_SEC)
		return -EINVAL;
	if ((uint64_t)sec > (UINT64_MAX >> 1) / 1000000000ull)
		return (int64_t)(UINT64_MAX >> 1); /* centuries: saturate */
	return sec * 1000000000ll + usec * (int64_t)NSEC_PER_USEC;
}

/* Reads p's timer `which` as a kitimerval: the time left and the interval. */
static struct kitimerval read_timer(struct proc *p, int which)
{
	const struct itimer *t = &p->itimer[which];
	uint64_t left = itimer_left(t, clock_of(p, which));
	return (struct kitimerval){
	    .interval_sec = (int64_t)(t->interval / 1000000000ull),
	    .interval_usec = (int64_t)(t->interval % 1000000000ull / NSEC_PER_USEC),
	    .value_sec = (int64_t)(left / 1000000000ull),
	    .value_usec = (int64_t)(left % 1000000000ull / NSEC_PER_USEC),
	};
}

/* Arms p's timer `which` (value 0: disarms it); returns what it held before. */
static struct kitimerval set_timer(struct proc *p, int which, uint64_t value, uint64_t interval)
{
	struct kitimerval old = read_timer(p, which);
	struct itimer *t = &p->itimer[which];
	itimer_arm(t, clock_of(p, which), value, interval);
	if (which == PROC_ITIMER_REAL && t->deadline && t->deadline < next_real)
		next_real = t->deadline;
	return old;
}

/* getitimer(which, curr): 0, -EINVAL for another timer, -EFAULT. */
int64_t sys_getitimer(uint64_t which, uint64_t ucurr, uint64_t a2, uint64_t a3, uint64_t a4,
		      uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	if (which >= PROC_ITIMERS)
		return -EINVAL;
	struct kitimerval v = read_timer(proc_current(), (int)which);
	return copy_to_user(ucurr, &v, sizeof v) ? -EFAULT : 0;
}

/* setitimer(which, new, old): Linux's order: new read (-EFAULT) and checked
 * (-EINVAL), then which (-EINVAL), then old written (-EFAULT). A NULL new
 * disarms, as Linux still accepts. */
int64_t sys_setitimer(uint64_t which, uint64_t unew, uint64_t uold, uint64_t a3, uint64_t a4,
		      uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	struct kitimerval v = {0, 0, 0, 0};
	if (unew && copy_from_user(&v, unew, sizeof v))
		return -EFAULT;
	int64_t value = timeval_ns(v.value_sec, v.value_usec);
	int64_t interval = timeval_ns(v.interval_sec, v.interval_usec);
	if (value < 0 || interval < 0)
		return -EINVAL;
	if (which >= PROC_ITIMERS)
		return -EINVAL;
	struct kitimerval old =
	    set_timer(proc_current(), (int)which, (uint64_t)value, value ? (uint64_t)interval : 0);
	if (uold && copy_to_user(uold, &old, sizeof old))
		return -EFAULT;
	return 0;
}

/* alarm(seconds): the seconds the previous alarm had left, rounded to the
 * nearest (and at least 1 if any time was left), as Linux's alarm_setitimer. */
int64_t sys_alarm(uint64_t seconds, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	uint64_t value = (uint64_t)(uint32_t)seconds * 1000000000ull;
	struct kitimerval old = set_timer(proc_current(), PROC_ITIMER_REAL, value, 0);
	if ((!old.value_sec && old.value_usec) || old.value_usec >= 500000)
		old.value_sec++;
	return old.value_sec;
}
