/*
 * wait.h - what the file layer needs from the scheduler and the signals,
 * declared here (implemented in kernel/sys/fs_wait.c) so that fs/ includes
 * nothing of proc/, which includes fs/.
 */
#ifndef FS_WAIT_H
#define FS_WAIT_H

#include <stdbool.h>

/*
 * Blocks the caller until fs_wait_wakeup(chan); returns 0 when woken (the
 * caller checks its condition again), or -ERESTARTSYS if a signal is
 * pending (the system call then fails with EINTR, or is restarted after
 * an SA_RESTART handler).
 */
int fs_wait_sleep(const void *chan);

/* Makes every process sleeping on chan runnable. */
void fs_wait_wakeup(const void *chan);

/* Sends SIGPIPE to the caller (a write to a pipe without readers): its
 * default action ends the process on the way back to user mode; ignored,
 * blocked or handled, the write returns -EPIPE. */
void fs_wait_sigpipe(void);

#endif
