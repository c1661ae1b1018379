/*
 * itimers.h - the processes' interval timers on the tick (itimers.c):
 * setitimer's ITIMER_REAL, ITIMER_VIRTUAL and ITIMER_PROF, and alarm.
 */
#ifndef PROC_ITIMERS_H
#define PROC_ITIMERS_H

struct proc;

/* On every tick: sends SIGALRM to each process whose real timer is due. */
void itimer_tick_real(void);

/* On a tick that interrupted p in user mode: SIGVTALRM and SIGPROF when its
 * user time or CPU time reach their timers' deadlines. */
void itimer_tick(struct proc *p);

#endif
