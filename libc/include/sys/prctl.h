/*
 * sys/prctl.h - prctl(): operations on the calling process. Interlude
 * implements PR_SET_NAME and PR_GET_NAME (the name ps shows, at most 15
 * bytes and a NUL); other options fail with EINVAL.
 */
#ifndef _SYS_PRCTL_H
#define _SYS_PRCTL_H

#define PR_SET_NAME 15
#define PR_GET_NAME 16

/* libc/process/prctl.c: 0 (or the option's value), or -1 with errno. */
int prctl(int option, ...);

#endif
