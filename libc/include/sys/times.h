/* sys/times.h - times(): the process's processor times, in clock ticks. */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <sys/types.h>

struct tms {
	clock_t tms_utime;  /* user time */
	clock_t tms_stime;  /* system time */
	clock_t tms_cutime; /* children's user time */
	clock_t tms_cstime; /* children's system time */
};

/* Fills *buf; the ticks since an arbitrary point, or (clock_t)-1 with errno
 * (ENOSYS on Interlude, which has no clock yet). */
clock_t times(struct tms *buf);

#endif
