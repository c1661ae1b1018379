/*
 * sys_poll.h - what poll's waiters share with the file layer's wakeups
 * (sys_poll.c, fs_wait.c).
 */
#ifndef SYS_SYS_POLL_H
#define SYS_SYS_POLL_H

/* How many processes sleep in poll, ppoll, select or pselect6 now: they
 * sleep on the timer's channel, which fs_wait_wakeup then also wakes. */
extern int sys_pollers;

#endif
