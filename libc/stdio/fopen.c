/*
 * fopen.c - opening and closing streams: fopen, fdopen, freopen, fclose.
 *
 * A stream opened here is one malloc'd block, the FILE and its BUFSIZ
 * buffer, on the list of open streams until fclose. On Interlude, which
 * has no file system yet, fopen fails as open() does there: ENOENT, or
 * EROFS for a mode that creates (kernel/sys/sys_file.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "stdio/stdio_impl.h"

#define PROC_FD_PATH 32 /* "/proc/self/fd/" and a descriptor's digits */

/*
 * Returns open(2)'s flags for an fopen mode ("r", "w", "a", each with an
 * optional "+", then any of "b", "x", "e"), or -1 with errno EINVAL.
 */
int __stdio_mode_flags(const char *mode)
{
	int flags;
	switch (*mode) {
	case 'r': flags = O_RDONLY; break;
	case 'w': flags = O_WRONLY | O_CREAT | O_TRUNC; break;
	case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; break;
	default: errno = EINVAL; return -1;
	}
	for (const char *m = mode + 1; *m; m++)
		if (*m == '+')
			flags = (flags & ~O_ACCMODE) | O_RDWR;
		else if (*m == 'x')
			flags |= O_EXCL;
		else if (*m == 'e')
			flags |= O_CLOEXEC;
	return flags;
}

/* A new stream on fd for open(2) flags; NULL with errno ENOMEM. */
FILE *__stdio_new_stream(int fd, int flags)
{
	FILE *f = malloc(sizeof *f + BUFSIZ);
	if (!f)
		return NULL;
	memset(f, 0, sizeof *f);
	f->fd = fd;
	f->mode = MODE_UNSET;
	int access = flags & O_ACCMODE;
	f->flags =
	    FL_ALLOCATED | (access != O_WRONLY ? FL_READ : 0) | (access != O_RDONLY ? FL_WRITE : 0);
	f->buf = (unsigned char *)(f + 1);
	f->size = BUFSIZ;
	f->unget = EOF;
	__stdio_link(f);
	return f;
}

/* Opens the file path as a stream; the stream, or NULL with errno (open's, or EINVAL). */
FILE *fopen(const char *restrict path, const char *restrict mode)
{
	int flags = __stdio_mode_flags(mode);
	if (flags < 0)
		return NULL;
	int fd = open(path, flags, 0666);
	if (fd < 0)
		return NULL;
	FILE *f = __stdio_new_stream(fd, flags);
	if (!f)
		close(fd);
	return f;
}

/* A stream on the open descriptor fd (not reopened: the mode only says how
 * the stream may be used); NULL with errno EBADF or EINVAL, or ENOMEM. */
FILE *fdopen(int fd, const char *mode)
{
	int flags = __stdio_mode_flags(mode);
	if (flags < 0)
		return NULL;
	if (fd < 0) {
		errno = EBADF;
		return NULL;
	}
	FILE *f = __stdio_new_stream(fd, flags);
	if (f && (flags & O_APPEND)) {
		int saved = errno;
		lseek(fd, 0, SEEK_END); /* glibc too; a pipe or terminal cannot seek */
		errno = saved;
	}
	return f;
}

/*
 * Flushes f, closes its descriptor and frees it (a standard stream's
 * structure stays, closed); 0, or EOF if the flush or close failed (f is
 * closed either way).
 */
int fclose(FILE *f)
{
	int r = fflush(f);
	if (__stdio_close(f) < 0)
		r = EOF;
	__stdio_unlink(f);
	if (f->flags & FL_ALLOCATED)
		free(f);
	else
		f->flags &= ~(FL_READ | FL_WRITE);
	return r;
}

/*
 * Reopens stream f on the file path with mode (path NULL: the same file,
 * through /proc/self/fd, with the new mode): f is flushed and its old
 * descriptor closed, and the new one takes the old one's number, as in
 * glibc, so freopen(path, "w", stdout) makes fd 1 the file. Returns f; on
 * failure NULL with errno, and f is closed as fclose closes it.
 */
FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
	char self[PROC_FD_PATH];
	int flags = __stdio_mode_flags(mode), old = f->fd;
	if (!path) {
		snprintf(self, sizeof self, "/proc/self/fd/%d", old);
		path = self;
	}
	fflush(f);
	if (f->cookie_stream) { /* its file was its functions': the new one is a descriptor */
		__stdio_close(f);
		f->cookie_stream = 0;
		old = -1;
	}
	int fd = flags < 0 ? -1 : open(path, flags, 0666);
	int saved = errno;
	if (fd != old && old >= 0)
		close(old);
	if (fd >= 0 && old >= 0 && fd != old) {
		fd = dup2(fd, old) == old ? (close(fd), old) : (close(fd), -1);
		saved = errno;
	}
	if (fd < 0) {
		__stdio_unlink(f);
		if (f->flags & FL_ALLOCATED)
			free(f);
		else
			f->flags &= ~(FL_READ | FL_WRITE);
		errno = saved;
		return NULL;
	}
	int access = flags & O_ACCMODE;
	f->flags = (f->flags & FL_ALLOCATED) | (access != O_WRONLY ? FL_READ : 0) |
		   (access != O_RDONLY ? FL_WRITE : 0);
	f->len = f->rpos = f->rend = 0;
	f->unget = EOF;
	f->mode = f->buf ? MODE_UNSET : _IONBF;
	if (flags & O_APPEND) {
		lseek(fd, 0, SEEK_END); /* a pipe cannot seek: not the caller's error */
		errno = saved;
	}
	return f;
}
