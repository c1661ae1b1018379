/* utime.c - utime and utimes, the older calls, on utimensat (as glibc). */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <utime.h>

/* Sets path's times to times' seconds, or to now if times is NULL. */
int utime(const char *path, const struct utimbuf *times)
{
	if (!times)
		return utimensat(AT_FDCWD, path, NULL, 0);
	struct timespec ts[2] = {{times->actime, 0}, {times->modtime, 0}};
	return utimensat(AT_FDCWD, path, ts, 0);
}

/* Sets path's times to tv's (microseconds), or to now if tv is NULL. */
int utimes(const char *path, const struct timeval tv[2])
{
	if (!tv)
		return utimensat(AT_FDCWD, path, NULL, 0);
	struct timespec ts[2] = {{tv[0].tv_sec, tv[0].tv_usec * 1000},
				 {tv[1].tv_sec, tv[1].tv_usec * 1000}};
	return utimensat(AT_FDCWD, path, ts, 0);
}
