/* utime.h - utime: set a file's access and modification times (seconds). */
#ifndef _UTIME_H
#define _UTIME_H

#include <sys/types.h>

struct utimbuf {
	time_t actime;	/* access */
	time_t modtime; /* modification */
};

/* times NULL: now (libc/stat/utime.c). */
int utime(const char *path, const struct utimbuf *times);

#endif
