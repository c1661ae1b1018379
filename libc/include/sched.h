/*
 * sched.h - the scheduler's one call a program needs: sched_yield.
 */
#ifndef _SCHED_H
#define _SCHED_H

int sched_yield(void);

#endif
