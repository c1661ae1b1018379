/*
 * sched.h - sharing the one CPU among processes (sched.c).
 *
 * Single CPU, and the kernel is not preemptible (a timer tick preempts
 * only user mode), so nothing here takes a lock: between two calls below
 * nothing else runs. The calls are xv6's.
 */
#ifndef PROC_SCHED_H
#define PROC_SCHED_H

#include <stdbool.h>

struct proc;

/* Blocks the current process until sched_wakeup(chan) (or a signal: see
 * proc_signal_pending; callers loop on their condition). */
void sched_sleep(const void *chan);

/* Makes every process sleeping on chan runnable. */
void sched_wakeup(const void *chan);

/* Makes p (new, or SLEEPING) RUNNABLE: it joins the end of the run queue. */
void sched_set_runnable(struct proc *p);

/* Takes p off the run queue or the sleepers, if it is on one (proc_free:
 * a process made and freed again without running). */
void sched_forget(struct proc *p);

/* Gives the CPU to the next runnable process (round-robin); returns when
 * this one is chosen again, which is at once if no other is runnable. */
void sched_yield_now(void);

/* Returns true if p has a signal pending that it does not block: a
 * blocking call should then return -EINTR. */
bool proc_signal_pending(struct proc *p);

/* Timer ticks in a time slice (HZ 100: 10 ms). */
#define SCHED_SLICE_TICKS 1

struct trap_frame;
/* A timer tick, with the frame it interrupted: wakes the sleepers of
 * time_sleep_until and ends a user-mode time slice after SCHED_SLICE_TICKS. */
void sched_tick(struct trap_frame *f);

/* Makes the timer call sched_tick on every tick, and time_sleep_until
 * sleep through the scheduler (main.c, after timer_init). */
void sched_init(void);

/* Runs the processes of the current run until none is left (proc.c). */
void sched_run(void);

/* Leaves the CPU for good: the current process is a ZOMBIE (exit.c). */
__attribute__((noreturn)) void sched_exit_switch(void);

/* The number of context switches so far (tests: things did interleave). */
unsigned long sched_switches(void);

#endif
